// pipeline_fuzz.cpp — whole documents through the whole pipeline (read, normalize, segment,
// sign, judge, match, plan, cut). Input: up to three documents separated by 0x01 bytes, written
// as files of one folder (one site), cleaned with one thread.
// Contract: every accepted document comes to the sink once, in order; its spans lie inside the
// text, are non-empty, sorted, non-overlapping and on character boundaries; the cleaned text is
// the text with exactly those spans cut out (so a subsequence of the input); the removed byte
// count agrees.
#include "fuzz_support.hpp"

#include "once/core/config.hpp"
#include "once/input/reader.hpp"
#include "once/plan/cleaner.hpp"
#include "once/run/pipeline.hpp"

using namespace once;

namespace {

class CheckingSink : public DocumentSink {
public:
    void document(const SourceDocument& source, const DocResult& result, std::string_view cleaned) override {
        const std::string& text = source.doc.text;
        FUZZ_CHECK(result.bytes == text.size(), "document size");
        std::uint64_t previous_end = 0, removed = 0;
        for (const Span& span : result.spans) {
            FUZZ_CHECK(span.start < span.end && span.end <= text.size(), "span non-empty, inside the text");
            FUZZ_CHECK(span.start >= previous_end, "spans sorted, not overlapping");
            FUZZ_CHECK(fuzz::on_boundary(text, span.start) && fuzz::on_boundary(text, span.end),
                       "spans on character boundaries");
            previous_end = span.end;
            removed += span.end - span.start;
        }
        FUZZ_CHECK(result.removed_bytes() == removed, "removed bytes add up");
        FUZZ_CHECK(cleaned == cut_spans(text, result.spans), "cleaned text is the text minus its spans");
        FUZZ_CHECK(cleaned.size() + removed == text.size(), "nothing but the spans is removed");
        FUZZ_CHECK(fuzz::valid_utf8(cleaned), "cleaned text is valid UTF-8");
        FUZZ_CHECK(source.index == documents, "documents in input order");
        ++documents;
    }
    std::size_t documents = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    const std::string_view input = fuzz::bytes(data, size);
    static const Config config = [] {
        Config c;
        c.threads = 1;
        return c;
    }();
    const auto folder = fuzz::scratch() / "corpus";
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
    std::size_t start = 0, count = 0;
    while (count < 3) {
        const std::size_t end = std::min(input.find('\x01', start), input.size());
        fuzz::write_scratch("corpus/" + std::to_string(count) + ".txt", input.substr(start, end - start));
        ++count;
        if (end == input.size()) break;
        start = end + 1;
    }
    InputOptions options;
    options.on_error = OnError::skip;
    Corpus corpus({folder.string()}, options);
    CheckingSink sink;
    PipelineOptions pipeline;
    const RunResult result = run_pipeline(corpus, config, &sink, pipeline);
    FUZZ_CHECK(sink.documents + corpus.skipped().size() == count, "every file is a document or a skip");
    FUZZ_CHECK(result.docs.size() == sink.documents, "the result lists every document");
    return 0;
}
