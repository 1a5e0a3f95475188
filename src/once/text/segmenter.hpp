// segmenter.hpp — lines, blocks and sentences of a document, in any script.
//
// Why: sentences are the unit of copying (a restart repeats sentences, whole, edited, cut off or
// glued), lines and blocks the unit of page layout (menus, lists, paragraphs). Each block (a run
// of non-blank lines) is normalized (normalizer.hpp) and split into sentences on the normalized
// text, where full-width `！？．` have become `!?.`; boundaries are mapped back to the original.
//
// Sentence ends: `。` always; `!` `?` unless glued to a following word (`Yahoo!Japan`); `.` when
// followed by a space, a line end or a CJK character, but not after an abbreviation or a single
// letter (`Mr.`, `e.g.`, `U.S.`) and never inside a number (`3.5`). Closing quotes and brackets
// (`」』）】”’"'`) stay with the sentence before. A line end ends a sentence unless it is a soft wrap
// in a space-separated script (the line does not end in a terminator and the next starts with
// a lower-case letter or digit, but not with a section number of two levels or more, `2.7.5. `:
// an entry of a contents list). Text without any terminator is one sentence per line.
//
//   auto layout = once::segment(text);
//   for (const auto& s : layout.sentences) std::cout << text.substr(s.start, s.end - s.start);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "once/core/result.hpp"

namespace once {

struct Line {
    std::uint64_t start = 0;  // first byte of the line
    std::uint64_t end = 0;    // end of its content, before the line terminator
    std::uint64_t next = 0;   // start of the next line (end + terminator length)
    bool blank = true;        // nothing visible after normalization
    std::uint32_t block = 0;  // index of the block (paragraph) it belongs to
    std::uint32_t first_sentence = 0;  // sentences starting on this line: [first, last)
    std::uint32_t last_sentence = 0;
    // Normalized content (empty when blank): a view into its Layout's normalized_store.
    std::string_view normalized;
};

struct Sentence {
    std::uint64_t start = 0;  // original byte range, without surrounding white space
    std::uint64_t end = 0;
    std::uint32_t first_line = 0;
    std::uint32_t last_line = 0;
    bool terminated = false;  // ended by a sentence terminator (not by a line end)
    TextPosition start_pos;   // line/column of start and end (for reports)
    TextPosition end_pos;
    std::string_view normalized;  // a view into its Layout's normalized_store
};

struct Layout {
    std::vector<Line> lines;
    std::vector<Sentence> sentences;
    // The bytes every Line::normalized and Sentence::normalized views: each block's normalized
    // text once (its lines and one-line sentences are pieces of it), then the sentences that a
    // soft wrap spans, with the '\n' read as a space. One buffer a document instead of a
    // std::string per line and per sentence (84,000 of the 331,000 allocations of `once clean`
    // on ldcc's first 1,000 records). Shared, so that the views of a copy of the layout stay
    // valid as long as any copy lives; the views of a moved-from layout stay valid too.
    std::shared_ptr<const std::string> normalized_store;
};

// `text` must be valid UTF-8. A byte-order mark at the start is treated as invisible.
Layout segment(std::string_view text);

// The normalized content of the non-blank lines only, byte for byte what segment() puts in
// their Line::normalized, without sentences or the alignment to the original: all that line
// templates need (pass 1 of boilerplate counting), at a fraction of the cost.
struct NormalizedLines {
    std::string text;  // the whole text normalized (normalize_text): one '\n' per line break
    struct Range {
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
    };
    std::vector<Range> non_blank;  // where each non-blank line's content is in `text`, in order
    std::string_view line(std::size_t i) const {
        return std::string_view(text).substr(non_blank[i].begin, non_blank[i].end - non_blank[i].begin);
    }
};
NormalizedLines normalized_lines(std::string_view text);

// Where the sentence splitter must look next inside an open sentence: the first byte at or after
// `pos` of normalized text (valid UTF-8) that is '\n', '.', '!', '?' or the lead of '。', or
// normalized.size(). Everything before it only continues the sentence.
std::size_t next_sentence_stop(std::string_view normalized, std::size_t pos);

// Line/column of each of the sorted byte `offsets` of `text` (one pass).
std::vector<TextPosition> positions_of(std::string_view text, const Layout& layout,
                                       const std::vector<std::uint64_t>& sorted_offsets);

}  // namespace once
