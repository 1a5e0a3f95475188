// baseline_test.cpp — a baseline counts findings by (content hash, kind); split() subtracts those
// counts from a run, first come first matched; save/load round-trips the counts; a file that is
// not a baseline is an input error naming it.
#include "once/output/baseline.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "temp_dir.hpp"

namespace {

once::Span span_of(std::uint64_t hash, once::Kind kind, std::uint64_t start) {
    once::Span span;
    span.start = start;
    span.end = start + 10;
    span.kind = kind;
    span.content_hash = hash;
    span.start_pos.line = static_cast<std::uint32_t>(start / 10 + 1);
    span.last_line = span.start_pos.line;
    return span;
}

once::RunResult run_of(const std::vector<std::vector<once::Span>>& docs) {
    once::RunResult result;
    for (std::size_t d = 0; d < docs.size(); ++d) {
        once::DocResult doc;
        doc.id = "doc" + std::to_string(d) + ".txt";
        doc.bytes = 100;
        doc.spans = docs[d];
        doc.fully_removed = false;
        result.docs.push_back(doc);
    }
    return result;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

using once::Kind;

}  // namespace

TEST_CASE("Baseline::split: known findings are subtracted by count, new ones stay") {
    // Yesterday: hash 1 as a duplicate twice, hash 2 as boilerplate once.
    const once::Baseline baseline = once::Baseline::from_result(
        run_of({{span_of(1, Kind::duplicate, 0), span_of(2, Kind::boilerplate, 20)}, {span_of(1, Kind::duplicate, 0)}}));
    CHECK(baseline.size() == 3);

    struct Case {
        std::string name;
        std::vector<std::vector<once::Span>> today;
        std::size_t known;
        std::vector<std::size_t> fresh_per_doc;
    };
    const std::vector<Case> cases = {
        {"nothing today", {{}}, 0, {0}},
        {"the same findings", {{span_of(1, Kind::duplicate, 0), span_of(2, Kind::boilerplate, 20)}, {span_of(1, Kind::duplicate, 0)}},
         3, {0, 0}},
        {"a third copy of hash 1 is new (counts, not presence)",
         {{span_of(1, Kind::duplicate, 0)}, {span_of(1, Kind::duplicate, 0)}, {span_of(1, Kind::duplicate, 30)}}, 2, {0, 0, 1}},
        {"same hash, other kind is new", {{span_of(2, Kind::duplicate, 0)}}, 0, {1}},
        {"moved to other lines and files: still known", {{}, {}, {span_of(2, Kind::boilerplate, 70)}}, 1, {0, 0, 0}},
        {"an unknown hash", {{span_of(3, Kind::marker, 0)}}, 0, {1}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const once::RunResult today = run_of(c.today);
        const once::Baseline::Split split = baseline.split(today);
        CHECK(split.known == c.known);
        REQUIRE(split.fresh.docs.size() == c.fresh_per_doc.size());
        for (std::size_t d = 0; d < c.fresh_per_doc.size(); ++d) CHECK(split.fresh.docs[d].spans.size() == c.fresh_per_doc[d]);
    }
}

TEST_CASE("Baseline::split: a fully removed document whose findings are all known is not fully removed anew") {
    once::RunResult run = run_of({{span_of(5, Kind::duplicate, 0)}, {span_of(6, Kind::duplicate, 0)}});
    run.docs[0].fully_removed = true;
    run.docs[1].fully_removed = true;
    const once::Baseline baseline = once::Baseline::from_result(run_of({{span_of(5, Kind::duplicate, 0)}}));
    const once::Baseline::Split split = baseline.split(run);
    CHECK_FALSE(split.fresh.docs[0].fully_removed);
    CHECK(split.fresh.docs[1].fully_removed);
}

TEST_CASE("Baseline: save and load round-trip the counts; the file is reviewable JSON") {
    once::test::TempDir dir;
    const once::RunResult run = run_of({{span_of(0xdeadbeef, Kind::duplicate, 0), span_of(0xFFFFFFFFFFFFFFFFULL, Kind::marker, 20)},
                                        {span_of(0xdeadbeef, Kind::duplicate, 10)}});
    const once::Baseline saved = once::Baseline::from_result(run);
    const std::string path = dir.path("baseline.json");
    saved.save(path, run);
    const std::string file = read_file(path);
    CHECK(file.find("\"format\": \"once-baseline\"") != std::string::npos);
    CHECK(file.find("\"hash\": \"00000000deadbeef\"") != std::string::npos);
    CHECK(file.find("\"hash\": \"ffffffffffffffff\"") != std::string::npos);
    CHECK(file.find("\"id\": \"doc1.txt\"") != std::string::npos);  // an example of where it was seen

    const once::Baseline loaded = once::Baseline::load(path);
    CHECK(loaded.size() == 3);
    const once::Baseline::Split split = loaded.split(run);
    CHECK(split.known == 3);
    for (const auto& doc : split.fresh.docs) CHECK(doc.spans.empty());
}

TEST_CASE("Baseline::load: what is not a baseline is an input error naming the file") {
    once::test::TempDir dir;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"not JSON", "hello"},
        {"empty", ""},
        {"another format", R"({"format":"once-map","version":1,"findings":[]})"},
        {"a later version", R"({"format":"once-baseline","version":2,"findings":[]})"},
        {"findings missing", R"({"format":"once-baseline","version":1})"},
        {"a hash that is not hex", R"({"format":"once-baseline","version":1,"findings":[{"hash":"xyz","kind":"duplicate","count":1}]})"},
        {"count missing", R"({"format":"once-baseline","version":1,"findings":[{"hash":"ab","kind":"duplicate"}]})"},
    };
    for (const auto& [name, bytes] : cases) {
        const auto& shown = name;  // clang 14 cannot capture a binding in CAPTURE's lambda
        CAPTURE(shown);
        const std::string path = dir.write("bad.json", bytes);
        const auto error = once::test::error_of([&] { once::Baseline::load(path); });
        REQUIRE(error.has_value());
        CHECK(error->code() == once::ExitCode::input_error);
        CHECK(error->file() == path);
    }
}
