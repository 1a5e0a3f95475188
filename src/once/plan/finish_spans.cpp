// finish_spans.cpp — the second half of planning (planner.hpp): the spans decide_spans chose,
// from sentences and tokens to bytes of the text, widened to whole lines, with the blank lines a
// removal leaves folded in. Split from planner.cpp, which decides; this file only measures text.
#include "once/plan/planner.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "once/sign/shingler.hpp"
#include "once/text/unicode.hpp"
#include "once/text/utf8.hpp"

namespace once {
namespace {

bool is_blank_byte_at(std::string_view text, std::uint64_t pos, std::uint64_t& length) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c == ' ' || c == '\t') return length = 1, true;
    // U+3000 IDEOGRAPHIC SPACE (E3 80 80) and U+00A0 NO-BREAK SPACE (C2 A0): common in CJK pages.
    if (c == 0xE3 && pos + 2 < text.size() && static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
        static_cast<unsigned char>(text[pos + 2]) == 0x80)
        return length = 3, true;
    if (c == 0xC2 && pos + 1 < text.size() && static_cast<unsigned char>(text[pos + 1]) == 0xA0)
        return length = 2, true;
    return false;
}

// Is text[from, to) only horizontal white space?
bool only_blanks(std::string_view text, std::uint64_t from, std::uint64_t to) {
    std::uint64_t length = 0;
    while (from < to) {
        if (!is_blank_byte_at(text, from, length)) return false;
        from += length;
    }
    return true;
}

// 5. The ends of lines a removal reaches from inside the line, after kept text. The blanks
//    before it go with it when nothing visible is kept after it on the line ("A B" minus "B"
//    reads "A", not "A "). And a removal that runs on past the line's end would join the kept
//    text to whatever is kept after the removal: a copy cut in mid-sentence on a line of the
//    page's own words ("It is carried as space allows. Luggage is" + "Heathrow Express")
//    printed two lines as one. The line's break, and the blank lines after it, stay; the span
//    splits around them.
// Both scans along a line are carried from one span to the next (kept text before it; the run of
// spans and blanks after it), not redone from each span: a line of N removed copies (a scraped
// record looping one paragraph on one line) cost N^2 here, 42% of the run at N = 40,000.
void tidy_line_ends(std::string_view text, const std::vector<Line>& lines, std::vector<Span>& spans) {
    const Line* kept_line = nullptr;  // the line kept_on_line speaks of
    bool kept_on_line = false;        // visible kept text on it before the current span
    const Line* walk_line = nullptr;  // the last forward walk: its line, where it stopped, its answer
    std::size_t walk_stop = 0;
    bool walk_to_line_end = false;
    for (std::size_t s = 0; s < spans.size(); ++s) {
        const std::uint64_t start = spans[s].start;
        const auto line = std::upper_bound(lines.begin(), lines.end(), start,
                                           [](std::uint64_t pos, const Line& l) { return pos < l.next; });
        if (line == lines.end() || start <= line->start) continue;
        // Kept text before the span on its line: a visible byte outside the spans before it.
        const std::uint64_t floor = s > 0 ? std::max(spans[s - 1].end, line->start) : line->start;
        if (kept_line != &*line) {
            kept_line = &*line;
            kept_on_line = false;
            // The spans before this one on the line (a span that starts at the line's start is
            // skipped above): the gaps between them, from the line's start.
            for (std::size_t t = s; t > 0 && spans[t - 1].start > line->start && !kept_on_line; --t) {
                const std::uint64_t gap_start = t > 1 ? std::max(spans[t - 2].end, line->start) : line->start;
                const std::uint64_t gap_end = std::min(spans[t - 1].start, line->end);
                kept_on_line = gap_start < gap_end && !only_blanks(text, gap_start, gap_end);
            }
        }
        const std::uint64_t gap_end = std::min(start, line->end);
        kept_on_line = kept_on_line || (floor < gap_end && !only_blanks(text, floor, gap_end));
        if (!kept_on_line) continue;
        // Removed up to the line's end: nothing but blanks kept between the spans from s on. A
        // walk from an earlier span that went past this one stopped where this one's would.
        if (walk_line != &*line || s >= walk_stop) {
            std::uint64_t reached = start;
            std::size_t t = s;
            for (; t < spans.size() && spans[t].start < line->end; ++t) {
                if (!only_blanks(text, reached, spans[t].start)) break;
                reached = std::max(reached, spans[t].end);
            }
            walk_line = &*line;
            walk_stop = t;
            walk_to_line_end = reached >= line->end || only_blanks(text, reached, line->end);
        }
        const bool to_line_end = walk_to_line_end;
        std::uint64_t head = start;
        std::uint64_t length = 0;
        while (to_line_end && head > floor) {
            const std::uint64_t back = head - decode_utf8_lossy_before(text, head).length;
            if (back < floor || !is_blank_byte_at(text, back, length) || back + length != head) break;
            head = back;
        }
        spans[s].start = head;
        const std::uint64_t end = spans[s].end;
        if (end <= line->end || end >= text.size() || text[end] == '\n' || text[end] == '\r') continue;
        auto below = std::next(line);
        while (below != lines.end() && below->blank) ++below;
        const std::uint64_t resume = below == lines.end() ? text.size() : below->start;
        Span rest = spans[s];
        spans[s].end = std::max(head, line->end);
        const bool first_empty = spans[s].start >= spans[s].end;
        if (resume < end) {
            rest.start = resume;
            if (first_empty) {
                spans[s] = std::move(rest);
            } else {
                spans.insert(spans.begin() + static_cast<std::ptrdiff_t>(s) + 1, std::move(rest));
                ++s;  // the part after the break begins a line: nothing of it to join
            }
        } else if (first_empty) {
            spans.erase(spans.begin() + static_cast<std::ptrdiff_t>(s));
            --s;  // unsigned wrap at 0 is undone by the loop's ++s
        }
    }
}

}  // namespace

bool finish_spans(std::string_view text, const Layout& layout, std::vector<Span>& spans) {
    const auto& lines = layout.lines;
    // 0. Copies that begin or end inside a sentence: from tokens to bytes. Token ranges are
    //    those the signer counted (token_ranges), so the cut falls where the shared tokens do.
    for (std::size_t s = 0; s < spans.size(); ++s) {
        Span& span = spans[s];
        const auto sentence_text = [&](std::uint32_t index) {
            const Sentence& sentence = layout.sentences[index];
            return text.substr(sentence.start, sentence.end - sentence.start);
        };
        if (span.head_tokens > 0 && span.head_sentence < layout.sentences.size()) {
            const auto ranges = token_ranges(sentence_text(span.head_sentence));
            if (span.head_tokens <= ranges.size())
                span.start = layout.sentences[span.head_sentence].start + ranges[ranges.size() - span.head_tokens].start;
        }
        if (span.tail_tokens > 0 && span.tail_sentence < layout.sentences.size()) {
            const auto ranges = token_ranges(sentence_text(span.tail_sentence));
            if (span.tail_tokens <= ranges.size()) {
                span.end = layout.sentences[span.tail_sentence].start + ranges[span.tail_tokens - 1].end;
                // A copy that ends before the same punctuation mark as the text before it
                // ("记者了解到，[copy]，市民") takes one of the two along, so the page does not
                // read "了解到，，市民".
                if (span.end < text.size() && span.start > 0) {
                    const Utf8Char next = decode_utf8_lossy(text, span.end);
                    const Utf8Char previous = decode_utf8_lossy_before(text, span.start);
                    if (next.valid && next.code_point == previous.code_point &&
                        char_class(next.code_point) == CharClass::punctuation)
                        span.end += next.length;
                }
            }
        }
        span.head_sentence = span.head_tokens = span.tail_sentence = span.tail_tokens = 0;
        // Two copies may reach into the same sentence from either side.
        if (s > 0) span.start = std::max(span.start, spans[s - 1].end);
    }
    std::erase_if(spans, [](const Span& span) { return span.start >= span.end; });
    // 3. Widen to whole lines where a line's visible content is entirely removed; elsewhere
    //    swallow one side's white space so "A B C" minus "B" reads "A C".
    std::vector<bool> line_removed(lines.size(), false);
    std::size_t cursor = 0;  // first span that may touch the current line
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const Line& line = lines[l];
        if (line.blank) continue;
        while (cursor < spans.size() && spans[cursor].end <= line.start && spans[cursor].end < line.end) ++cursor;
        std::uint64_t covered = line.start;
        std::size_t first = spans.size(), last = spans.size();
        for (std::size_t s = cursor; s < spans.size() && spans[s].start < line.end; ++s) {
            if (spans[s].end <= line.start) continue;
            if (first == spans.size()) first = s;
            last = s;
            if (spans[s].start > covered && !only_blanks(text, covered, spans[s].start)) covered = UINT64_MAX;
            if (covered != UINT64_MAX) covered = std::max(covered, spans[s].end);
        }
        if (first == spans.size()) continue;
        const bool whole = covered != UINT64_MAX && (covered >= line.end || only_blanks(text, covered, line.end));
        if (whole) {
            line_removed[l] = true;
            spans[first].start = std::min(spans[first].start, line.start);
            for (std::size_t s = first; s < last; ++s) spans[s].end = spans[s + 1].start;  // absorb gaps
            spans[last].end = std::max(spans[last].end, line.next);
        } else {
            for (std::size_t s = first; s <= last; ++s) {
                Span& span = spans[s];
                const std::uint64_t limit = (s + 1 < spans.size()) ? std::min(spans[s + 1].start, line.end) : line.end;
                std::uint64_t length = 0;
                std::uint64_t after = span.end;
                while (after < limit && is_blank_byte_at(text, after, length)) after += length;
                if (after > span.end) {
                    span.end = after;
                    continue;
                }
                // No space after: take the space before, if any (and not already another span's).
                const std::uint64_t floor = s > 0 ? std::max(spans[s - 1].end, line.start) : line.start;
                std::uint64_t before = span.start;
                while (before > floor) {
                    const std::uint64_t back = before - decode_utf8_lossy_before(text, before).length;
                    if (back < floor || !is_blank_byte_at(text, back, length) || back + length != before) break;
                    before = back;
                }
                span.start = before;
            }
        }
    }

    // 4. Blank lines a removal leaves behind: between two removed lines they go; after a removed
    //    run that had blank lines (or the document start) before it, the blank lines after it go;
    //    a removed run at the very end takes the blank lines before it.
    const auto previous_nonblank = [&](std::size_t l) -> std::ptrdiff_t {
        for (std::ptrdiff_t k = static_cast<std::ptrdiff_t>(l) - 1; k >= 0; --k)
            if (!lines[static_cast<std::size_t>(k)].blank) return k;
        return -1;
    };
    std::vector<bool> blank_cut(lines.size(), false);
    for (std::size_t l = 0; l < lines.size(); ++l) {
        if (!lines[l].blank) continue;
        const std::ptrdiff_t above = previous_nonblank(l);
        std::size_t below = l + 1;
        while (below < lines.size() && lines[below].blank) ++below;
        const bool above_removed = above < 0 || line_removed[static_cast<std::size_t>(above)];
        const bool below_removed = below >= lines.size() || line_removed[below];
        if (above < 0 && below >= lines.size()) continue;  // a document of blank lines: leave it
        if (above >= 0 && line_removed[static_cast<std::size_t>(above)] && below_removed) {
            blank_cut[l] = true;  // between removed lines, or after a removed tail
            continue;
        }
        if (above_removed && below < lines.size() && !line_removed[below]) {
            // After a removed run: cut if the run itself was preceded by blank lines (or the start).
            std::ptrdiff_t run_start = above;
            while (run_start >= 0) {
                const std::ptrdiff_t prior = previous_nonblank(static_cast<std::size_t>(run_start));
                if (prior < 0 || !line_removed[static_cast<std::size_t>(prior)]) break;
                run_start = prior;
            }
            const bool run_at_start = above < 0 || previous_nonblank(static_cast<std::size_t>(run_start)) < 0;
            const bool blank_before_run =
                run_at_start || (run_start > 0 && lines[static_cast<std::size_t>(run_start) - 1].blank);
            if (blank_before_run) blank_cut[l] = true;
        }
        if (!above_removed && below >= lines.size()) continue;  // trailing blanks after kept text stay
        if (!above_removed && below < lines.size() && line_removed[below]) {
            // Before a removed run that reaches the end of the document.
            std::size_t k = below;
            bool to_end = true;
            for (; k < lines.size(); ++k)
                if (!lines[k].blank && !line_removed[k]) to_end = false;
            if (to_end) blank_cut[l] = true;
        }
    }
    // Attach each cut blank line to the span that ends where it starts (forward, so runs of
    // blank lines chain), else to the span that starts where it ends (backward, likewise).
    std::vector<bool> attached(lines.size(), false);
    for (std::size_t l = 0; l < lines.size(); ++l) {
        if (!blank_cut[l]) continue;
        auto it = std::lower_bound(spans.begin(), spans.end(), lines[l].start,
                                   [](const Span& span, std::uint64_t pos) { return span.end < pos; });
        if (it != spans.end() && it->end == lines[l].start) {
            it->end = lines[l].next;
            attached[l] = true;
        }
    }
    for (std::size_t l = lines.size(); l-- > 0;) {
        if (!blank_cut[l] || attached[l]) continue;
        auto it = std::lower_bound(spans.begin(), spans.end(), lines[l].next,
                                   [](const Span& span, std::uint64_t pos) { return span.start < pos; });
        if (it != spans.end() && it->start == lines[l].next) it->start = lines[l].start;
    }

    // Steps 3 and 4 widen spans by whole lines and blank lines on either side, so two copies that
    // meet at a line break may both claim its bytes (found by tests/fuzz/pipeline_fuzz: [6279,6640)
    // and [6638,6693)). The map promises sorted spans that do not overlap: a byte goes to the
    // first span that holds it.
    std::uint64_t reached = 0;
    for (Span& span : spans) {
        span.start = std::max(span.start, reached);
        reached = std::max(reached, span.end);
    }
    std::erase_if(spans, [](const Span& span) { return span.start >= span.end; });

    tidy_line_ends(text, lines, spans);

    bool any_text = false, all_removed = true;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        if (lines[l].blank) continue;
        any_text = true;
        all_removed = all_removed && line_removed[l];
    }
    return any_text && all_removed;
}

}  // namespace once
