// segmenter_fuzz.cpp — lines and sentences of arbitrary valid UTF-8.
// Contract (segmenter.hpp): lines tile the text in order; a line is blank exactly when its
// normalized text is empty; sentences lie inside the text, are non-empty, ordered and do not
// overlap, start and end on character boundaries, and name lines in range; each line's
// sentence range is in bounds; normalized_lines agrees with segment().
#include "fuzz_support.hpp"

#include "once/text/segmenter.hpp"

using namespace once;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    const std::string_view text = fuzz::bytes(data, size);
    if (!fuzz::valid_utf8(text)) return -1;
    const Layout layout = segment(text);
    std::uint64_t expected_start = 0;
    std::size_t non_blank = 0;
    for (const Line& line : layout.lines) {
        FUZZ_CHECK(line.start == expected_start, "lines tile the text");
        FUZZ_CHECK(line.start <= line.end && line.end <= line.next && line.start < line.next && line.next <= text.size(),
                   "line fields ordered");
        FUZZ_CHECK(line.blank == line.normalized.empty(), "blank exactly when nothing is left after normalization");
        FUZZ_CHECK(line.first_sentence <= line.last_sentence && line.last_sentence <= layout.sentences.size(),
                   "line's sentences in range");
        non_blank += line.blank ? 0 : 1;
        expected_start = line.next;
    }
    FUZZ_CHECK(expected_start == text.size(), "the last line ends the text");
    std::uint64_t previous_end = 0;
    for (const Sentence& sentence : layout.sentences) {
        FUZZ_CHECK(sentence.start < sentence.end && sentence.end <= text.size(), "sentence non-empty, inside");
        FUZZ_CHECK(sentence.start >= previous_end, "sentences ordered, not overlapping");
        FUZZ_CHECK(fuzz::on_boundary(text, sentence.start) && fuzz::on_boundary(text, sentence.end),
                   "sentences never split a character");
        FUZZ_CHECK(sentence.first_line <= sentence.last_line && sentence.last_line < layout.lines.size(),
                   "sentence lines in range");
        FUZZ_CHECK(!sentence.normalized.empty(), "a sentence has text");
        previous_end = sentence.end;
    }
    const NormalizedLines lines = normalized_lines(text);
    FUZZ_CHECK(lines.non_blank.size() == non_blank, "normalized_lines finds the same non-blank lines");
    std::size_t k = 0;
    for (const Line& line : layout.lines)
        if (!line.blank) {
            FUZZ_CHECK(lines.line(k) == line.normalized, "normalized_lines has segment()'s text");
            ++k;
        }
    return 0;
}
