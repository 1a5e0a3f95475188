// cleaner_test.cpp — cut_spans keeps every byte outside the spans, in order; set_positions gives
// 1-based lines and code-point columns of the original text (CRLF, CJK, 4-byte characters);
// content hashes identify a span's text after normalization, together with its kind.
#include "once/plan/cleaner.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "once/text/segmenter.hpp"

namespace {

std::vector<once::Span> spans_of(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& ranges,
                                 once::Kind kind = once::Kind::duplicate) {
    std::vector<once::Span> spans;
    for (const auto& [start, end] : ranges) {
        once::Span span;
        span.start = start;
        span.end = end;
        span.kind = kind;
        spans.push_back(span);
    }
    return spans;
}

}  // namespace

TEST_CASE("cut_spans: the bytes outside the spans, in order") {
    struct Case {
        std::string name;
        std::string text;
        std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;
        std::string cleaned;
    };
    const std::vector<Case> cases = {
        {"empty text", "", {}, ""},
        {"no spans", "keep all\n", {}, "keep all\n"},
        {"whole text", "gone\n", {{0, 5}}, ""},
        {"first line", "one\ntwo\n", {{0, 4}}, "two\n"},
        {"last line", "one\ntwo\n", {{4, 8}}, "one\n"},
        {"two spans", "a b c d e", {{0, 2}, {4, 6}}, "b d e"},
        {"adjacent spans", "abcdef", {{1, 3}, {3, 5}}, "af"},
        {"empty span", "abc", {{1, 1}}, "abc"},
        {"CJK, on character boundaries", "日本語。中文。", {{9, 12}}, "日本語中文。"},
        {"whitespace only", " \t\n", {{0, 2}}, "\n"},
        {"a span past the end is clamped", "abc", {{1, 10}}, "a"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK(once::cut_spans(c.text, spans_of(c.spans)) == c.cleaned);
    }
}

TEST_CASE("set_positions: lines and code-point columns of start, end and the last byte") {
    struct Case {
        std::string name;
        std::string text;
        std::uint64_t start, end;
        std::uint32_t start_line, start_column, end_line, end_column, last_line;
    };
    const std::vector<Case> cases = {
        {"first word", "alpha beta\n", 0, 5, 1, 1, 1, 6, 1},
        {"a whole line ends at column 1 of the next", "one\ntwo\nthree\n", 4, 8, 2, 1, 3, 1, 2},
        {"CRLF line", "one\r\ntwo\r\nx", 5, 10, 2, 1, 3, 1, 2},
        // The text's final line break ends a span like any other: at column 1 of the line after
        // it (docs/sarif.md), not past the break on the last line (it gave 2, 6).
        {"to the end of the text, CRLF", "one\r\ntwo\r\n", 5, 10, 2, 1, 3, 1, 2},
        {"to the end of the text, LF", "one\ntwo\n", 4, 8, 2, 1, 3, 1, 2},
        {"to the end of a text without a final break", "one\ntwo", 4, 7, 2, 1, 2, 4, 2},
        {"CJK columns count characters", "日本語の文。\n", 9, 18, 1, 4, 1, 7, 1},
        {"4-byte characters count once", "😀😀ab\n", 8, 9, 1, 3, 1, 4, 1},
        {"two lines", "a\nbb\nccc\n", 2, 8, 2, 1, 3, 4, 3},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const once::Layout layout = once::segment(c.text);
        std::vector<once::Span> spans = spans_of({{c.start, c.end}});
        once::set_positions(c.text, layout, spans);
        CHECK(spans[0].start_pos.line == c.start_line);
        CHECK(spans[0].start_pos.column == c.start_column);
        CHECK(spans[0].end_pos.line == c.end_line);
        CHECK(spans[0].end_pos.column == c.end_column);
        CHECK(spans[0].last_line == c.last_line);
    }
}

TEST_CASE("set_positions_and_hashes: equal text after normalization and equal kind hash alike") {
    const std::string text = "Hello, World!\nhello world\nＨＥＬＬＯ　ＷＯＲＬＤ\nGoodbye world\n";
    const once::Layout layout = once::segment(text);
    std::vector<once::Span> spans = spans_of({{0, 13}, {14, 25}, {26, 59}, {60, 73}});
    std::vector<once::Span> boiler = spans_of({{0, 13}}, once::Kind::boilerplate);
    once::set_positions_and_hashes(text, layout, spans);
    once::set_positions_and_hashes(text, layout, boiler);
    CHECK(spans[0].content_hash != 0);
    CHECK(spans[0].content_hash == spans[1].content_hash);  // case and punctuation folded
    CHECK(spans[0].content_hash == spans[2].content_hash);  // full-width folded
    CHECK(spans[0].content_hash != spans[3].content_hash);  // other words
    CHECK(boiler[0].content_hash != spans[0].content_hash);  // same text, other kind
    CHECK(spans[2].start_pos.line == 3);
    CHECK(spans[3].last_line == 4);
}
