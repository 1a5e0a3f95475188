// finish_spans_test.cpp — step 5 of finish_spans (tidy_line_ends) on a line of many removed
// copies: the blank before each span goes with it when nothing visible is kept after the spans on
// the line, and stays when something is. The same answer for every span of the line, which the
// carried scans (one walk per run of spans, not one per span) must give as the per-span scans did.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "once/plan/planner.hpp"
#include "once/text/segmenter.hpp"

namespace {

// "Kept words here." then `copies` times " Copy text.", then `tail`, on one line; a span over
// every "Copy text.".
std::vector<once::Span> spans_after_finish(std::size_t copies, const std::string& tail, std::string& text,
                                           std::vector<std::uint64_t>& copy_starts) {
    text = "Kept words here.";
    for (std::size_t i = 0; i < copies; ++i) {
        text += ' ';
        copy_starts.push_back(text.size());
        text += "Copy text.";
    }
    text += tail + "\n";
    std::vector<once::Span> spans;
    for (const std::uint64_t start : copy_starts) {
        once::Span span;
        span.start = start;
        span.end = start + 10;
        spans.push_back(span);
    }
    once::finish_spans(text, once::segment(text), spans);
    return spans;
}

}  // namespace

// Each span's bytes relative to its copy's start.
struct Offsets {
    std::int64_t start = 0;
    std::int64_t end = 0;
    bool operator==(const Offsets&) const = default;
};

std::vector<Offsets> offsets_of(std::size_t copies, const std::string& tail) {
    std::string text;
    std::vector<std::uint64_t> starts;
    const auto spans = spans_after_finish(copies, tail, text, starts);
    REQUIRE(spans.size() == copies);
    std::vector<Offsets> out;
    for (std::size_t i = 0; i < copies; ++i)
        out.push_back({static_cast<std::int64_t>(spans[i].start) - static_cast<std::int64_t>(starts[i]),
                       static_cast<std::int64_t>(spans[i].end) - static_cast<std::int64_t>(starts[i])});
    return out;
}

TEST_CASE("finish_spans: every copy on a long line is tidied as on a short one") {
    for (const std::string tail : {"", " and the page's own last words."}) {
        const auto three = offsets_of(3, tail);
        const auto many = offsets_of(2000, tail);
        CHECK(many.front() == three.front());
        CHECK(many.back() == three.back());
        for (std::size_t i = 1; i + 1 < many.size(); ++i) CHECK(many[i] == three[1]);
    }
    // Nothing kept after the copies: the blank before the first copy goes with it ("Kept words
    // here." is left, not "Kept words here. "); with the page's words after them it stays.
    CHECK(offsets_of(3, "").front().start == -1);
    CHECK(offsets_of(3, " and the page's own last words.").front().start == 0);
}
