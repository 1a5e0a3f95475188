// pipeline_test.cpp — whole runs over a corpus: determinism, independence from thread count and
// batch size, the earliest copy kept across documents, and cleaned text as a subsequence.
#include "once/run/pipeline.hpp"

#include "once/plan/cleaner.hpp"
#include "once/core/config.hpp"
#include "once/input/reader.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using once::test::TempDir;

// Everything a sink sees, in the order it sees it.
class CollectSink : public once::DocumentSink {
public:
    struct Seen {
        std::size_t index;
        std::string id;
        std::string text;
        std::string cleaned;
    };
    void document(const once::SourceDocument& source, const once::DocResult& result, std::string_view cleaned) override {
        CHECK(result.id == source.doc.id);
        CHECK(result.bytes == source.doc.text.size());
        seen.push_back({source.index, source.doc.id, source.doc.text, std::string(cleaned)});
    }
    std::vector<Seen> seen;
};

struct Run {
    once::RunResult result;
    std::vector<CollectSink::Seen> seen;
};

Run run_on(const std::vector<std::string>& paths, const once::Config& config,
           once::PipelineOptions options = {}, once::InputOptions input = {}) {
    once::Corpus corpus(paths, input);
    CollectSink sink;
    Run run;
    run.result = once::run_pipeline(corpus, config, &sink, options);
    run.seen = std::move(sink.seen);
    return run;
}

// Field-by-field equality of two runs (output must not depend on threads or batches).
void check_same(const Run& a, const Run& b) {
    REQUIRE(a.result.docs.size() == b.result.docs.size());
    REQUIRE(a.seen.size() == b.seen.size());
    for (std::size_t d = 0; d < a.result.docs.size(); ++d) {
        CAPTURE(a.result.docs[d].id);
        const auto& x = a.result.docs[d];
        const auto& y = b.result.docs[d];
        CHECK(x.id == y.id);
        CHECK(x.group == y.group);
        CHECK(x.fully_removed == y.fully_removed);
        CHECK(a.seen[d].cleaned == b.seen[d].cleaned);
        REQUIRE(x.spans.size() == y.spans.size());
        for (std::size_t s = 0; s < x.spans.size(); ++s) {
            CAPTURE(s);
            CHECK(x.spans[s].start == y.spans[s].start);
            CHECK(x.spans[s].end == y.spans[s].end);
            CHECK(x.spans[s].kind == y.spans[s].kind);
            CHECK(x.spans[s].cluster == y.spans[s].cluster);
            CHECK(x.spans[s].similarity == y.spans[s].similarity);
            CHECK(x.spans[s].match == y.spans[s].match);
            CHECK(x.spans[s].docs == y.spans[s].docs);
            CHECK(x.spans[s].start_pos.line == y.spans[s].start_pos.line);
            CHECK(x.spans[s].start_pos.column == y.spans[s].start_pos.column);
            REQUIRE(x.spans[s].source.has_value() == y.spans[s].source.has_value());
            if (x.spans[s].source) {
                CHECK(x.spans[s].source->doc == y.spans[s].source->doc);
                CHECK(x.spans[s].source->start == y.spans[s].source->start);
                CHECK(x.spans[s].source->end == y.spans[s].source->end);
            }
        }
    }
}

bool is_subsequence(std::string_view small, std::string_view big) {
    std::size_t i = 0;
    for (std::size_t j = 0; i < small.size() && j < big.size(); ++j)
        if (small[i] == big[j]) ++i;
    return i == small.size();
}

const std::string k_en_a = "The city council approved the new budget for the coming year on Monday evening.";
const std::string k_en_b = "Several members asked for more money for schools and for the repair of old roads.";
const std::string k_ja_a = "東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を開催すると発表した。";
const std::string k_ja_b = "説明会では、工事の期間や騒音対策、駅の位置について詳しく説明される予定だ。";
const std::string k_zh_a = "市政府宣布将在下个月举办关于新铁路线建设计划的居民说明会。";

// A small corpus in three scripts with copies across and within documents, boilerplate lines
// shared by a site, markers, and a restart that copies an earlier article.
void write_corpus(const TempDir& dir) {
    const std::string footer = "© 2024 City News. All rights reserved.\nShare  Tweet  Print\n";
    dir.write("en/1.txt", "Budget approved\n\n" + k_en_a + " " + k_en_b + "\n\n" + footer);
    dir.write("en/2.txt", "Schools and roads\n\nA new opening paragraph for the second story.\n\n" + k_en_a + " " + k_en_b +
                              "\n\n" + footer);
    dir.write("en/3.txt", "Budget approved\n\n" + k_en_a + " " + k_en_b + "\n\n" + footer);  // a verbatim copy
    dir.write("ja/1.txt", "鉄道計画\n\n" + k_ja_a + k_ja_b + "\n—END—\n");
    dir.write("ja/2.txt", "鉄道計画（続報）\r\n\r\n" + k_ja_a + k_ja_b + "\r\n\r\n新しい段落がここに続く。\r\n（完）\r\n");
    dir.write("zh/1.txt", "新铁路\n\n" + k_zh_a + "\n" + k_zh_a + "\n");
    dir.write("zh/2.txt", "ＡＩ新闻\n\n与铁路无关的另一篇文章，讲的是人工智能的发展。\n");
}

std::string samples_dir() { return std::string(ONCE_SOURCE_ROOT) + "/samples"; }

}  // namespace

TEST_CASE("pipeline: the same input gives the same output twice") {
    TempDir dir;
    write_corpus(dir);
    const once::Config config;
    check_same(run_on({dir.path()}, config), run_on({dir.path()}, config));
    check_same(run_on({samples_dir()}, config), run_on({samples_dir()}, config));
}

TEST_CASE("pipeline: 1, 2 and 4 threads and any batch size give identical results") {
    TempDir dir;
    write_corpus(dir);
    for (const std::string& path : {dir.path(), samples_dir()}) {
        CAPTURE(path);
        once::Config config;
        config.threads = 1;
        const Run reference = run_on({path}, config);
        CHECK_FALSE(reference.result.docs.empty());
        CHECK(reference.result.removed_bytes() > 0);
        for (const int threads : {2, 4}) {
            CAPTURE(threads);
            config.threads = threads;
            check_same(reference, run_on({path}, config));
        }
        for (const std::size_t batch : {std::size_t{1}, std::size_t{3}}) {
            CAPTURE(batch);
            config.threads = 2;
            once::PipelineOptions options;
            options.batch.documents = batch;
            check_same(reference, run_on({path}, config, options));
        }
        once::PipelineOptions tiny_bytes;
        tiny_bytes.batch.bytes = 1;  // one document per batch, by size
        check_same(reference, run_on({path}, config, tiny_bytes));
    }
}

TEST_CASE("pipeline: the earliest copy is kept across documents") {
    TempDir dir;
    write_corpus(dir);
    const Run run = run_on({dir.path()}, once::Config{});
    const auto& docs = run.result.docs;
    REQUIRE(docs.size() == 7);
    // Input order: en/1, en/2, en/3, ja/1, ja/2, zh/1, zh/2.
    const auto copies_in = [&](std::size_t d) {
        std::vector<const once::Span*> out;
        for (const auto& span : docs[d].spans)
            if (span.kind == once::Kind::duplicate || span.kind == once::Kind::near_duplicate) out.push_back(&span);
        return out;
    };
    CHECK(copies_in(0).empty());  // first occurrence: kept
    CHECK(copies_in(3).empty());
    REQUIRE_FALSE(copies_in(1).empty());
    for (const auto* span : copies_in(1)) CHECK(span->source->doc == 0);
    CHECK(run.seen[1].cleaned.find(k_en_a) == std::string::npos);
    CHECK(run.seen[0].cleaned.find(k_en_a) != std::string::npos);
    // A verbatim copy of a document is removed entirely; the copy's sources are the first one.
    CHECK(docs[2].fully_removed);
    for (const auto* span : copies_in(2)) CHECK(span->source->doc == 0);
    // The Japanese restart.
    REQUIRE_FALSE(copies_in(4).empty());
    for (const auto* span : copies_in(4)) CHECK(span->source->doc == 3);
    CHECK(run.seen[4].cleaned.find(k_ja_a) == std::string::npos);
    CHECK(run.seen[4].cleaned.find("新しい段落がここに続く。") != std::string::npos);
    CHECK(run.seen[3].cleaned.find(k_ja_a) != std::string::npos);
    // Within a document: the second of two identical lines goes, the first stays.
    REQUIRE(copies_in(5).size() == 1);
    CHECK(copies_in(5)[0]->source->doc == 5);
    CHECK(run.seen[5].cleaned == "新铁路\n\n" + k_zh_a + "\n");
    // Markers go wherever they stand.
    CHECK(run.seen[3].cleaned.find("—END—") == std::string::npos);
    CHECK(run.seen[4].cleaned.find("（完）") == std::string::npos);
    // Unrelated text stays whole.
    CHECK(run.seen[6].cleaned.find("与铁路无关的另一篇文章，讲的是人工智能的发展。") != std::string::npos);
}

TEST_CASE("pipeline: cleaned text is the input minus the spans, a subsequence of it") {
    TempDir dir;
    write_corpus(dir);
    for (const std::string& path : {dir.path(), samples_dir()}) {
        CAPTURE(path);
        const Run run = run_on({path}, once::Config{});
        REQUIRE(run.seen.size() == run.result.docs.size());
        for (std::size_t d = 0; d < run.seen.size(); ++d) {
            const auto& seen = run.seen[d];
            const auto& doc = run.result.docs[d];
            CAPTURE(seen.id);
            CHECK(seen.index == d);  // input order
            CHECK(seen.id == doc.id);
            CHECK(seen.cleaned == once::cut_spans(seen.text, doc.spans));
            CHECK(is_subsequence(seen.cleaned, seen.text));
            CHECK(seen.cleaned.size() == seen.text.size() - doc.removed_bytes());
            for (std::size_t s = 0; s < doc.spans.size(); ++s) {
                const auto& span = doc.spans[s];
                CHECK(span.start < span.end);
                CHECK(span.end <= seen.text.size());
                if (s > 0) CHECK(doc.spans[s - 1].end <= span.start);
                if (span.start < seen.text.size())
                    CHECK((static_cast<unsigned char>(seen.text[span.start]) & 0xC0) != 0x80);
                if (span.end < seen.text.size())
                    CHECK((static_cast<unsigned char>(seen.text[span.end]) & 0xC0) != 0x80);
                if (span.source) {
                    // Sources are earlier: an earlier document, or earlier in this one.
                    CHECK(span.source->doc <= d);
                    if (span.source->doc == d) CHECK(span.source->start < span.start);
                }
            }
            if (doc.fully_removed) CHECK(seen.cleaned.find_first_not_of(" \t\r\n") == std::string::npos);
        }
        CHECK(run.result.total_bytes() >= run.result.removed_bytes());
    }
}

TEST_CASE("pipeline: progress, skipped inputs and an empty corpus") {
    TempDir dir;
    write_corpus(dir);
    dir.write("en/0-bad.txt", "broken \xFF text");
    once::InputOptions input;
    input.on_error = once::OnError::skip;
    once::PipelineOptions options;
    std::size_t last_docs = 0;
    std::uint64_t last_bytes = 0;
    int calls = 0;
    options.progress = [&](std::size_t docs, std::uint64_t bytes) {
        CHECK(docs >= last_docs);
        last_docs = docs;
        last_bytes = bytes;
        ++calls;
    };
    options.batch.documents = 2;
    const Run run = run_on({dir.path()}, once::Config{}, options, input);
    CHECK(run.result.docs.size() == 7);
    REQUIRE(run.result.skipped.size() == 1);
    CHECK(run.result.skipped[0].id.find("0-bad.txt") != std::string::npos);
    CHECK(calls >= 4);  // 7 documents in batches of 2
    CHECK(last_docs == 7);
    CHECK(last_bytes == run.result.total_bytes());

    TempDir empty;
    const Run nothing = run_on({empty.path()}, once::Config{});
    CHECK(nothing.result.docs.empty());
    CHECK(nothing.seen.empty());
}

TEST_CASE("pipeline: the run echoes its config, and a null sink is allowed") {
    TempDir dir;
    write_corpus(dir);
    once::Config config;
    config.seed = 42;
    once::Corpus corpus({dir.path()}, {});
    const once::RunResult result = once::run_pipeline(corpus, config, nullptr, {});
    CHECK(result.config.seed == 42);
    CHECK(result.docs.size() == 7);
    CHECK(result.removed_bytes() > 0);
}

TEST_CASE("pipeline: without keep_spans a document keeps its removed-byte count, and the sink its spans") {
    TempDir dir;
    write_corpus(dir);
    const once::Config config;
    const Run kept = run_on({dir.path()}, config);
    once::PipelineOptions options;
    options.keep_spans = false;
    const Run released = run_on({dir.path()}, config, options);
    REQUIRE(kept.result.docs.size() == released.result.docs.size());
    CHECK(kept.result.removed_bytes() > 0);
    CHECK(released.result.removed_bytes() == kept.result.removed_bytes());
    for (std::size_t d = 0; d < kept.result.docs.size(); ++d) {
        CAPTURE(kept.result.docs[d].id);
        CHECK(released.result.docs[d].spans.empty());
        CHECK(released.result.docs[d].removed_bytes() == kept.result.docs[d].removed_bytes());
        CHECK(released.seen[d].cleaned == kept.seen[d].cleaned);  // the sink saw the same cuts
    }
}

TEST_CASE("pipeline: the run reports what its index held") {
    TempDir dir;
    write_corpus(dir);
    const Run run = run_on({dir.path()}, once::Config{});
    const once::IndexStats& index = run.result.index;
    CHECK(index.sentences > 10);
    // Exact repeats (en/3.txt copies en/1.txt, zh/1.txt repeats a sentence) share a signature.
    CHECK(index.signatures > 0);
    CHECK(index.signatures < index.sentences);
    CHECK(index.bytes > 0);
}
