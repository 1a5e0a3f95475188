#include "once/text/segmenter.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "once/text/normalizer.hpp"
#include "once/text/unicode.hpp"
#include "once/text/utf8.hpp"

namespace once {
namespace {

// Words that end with '.' without ending a sentence (normalized: lower case, no final dot).
// Short on purpose: a missed boundary only joins two sentences, a false one splits a copy.
constexpr std::array<std::string_view, 44> k_abbreviations{
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "co", "corp",
    "no", "nos", "fig", "figs", "vol", "ed", "eds", "approx", "dept", "est", "gen", "gov", "sen",
    "rep", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mt", "al", "cf"};

bool is_closer(char32_t cp) {
    switch (cp) {
        case U'」': case U'』': case U')': case U']': case U'}': case U'"': case U'\'':
        case U'”': case U'’': case U'》': case U'〉': case U'】': case U'〕': case U'〗':
        case U'〙': case U'〛': case U'»': case U'›':
            return true;
        default:
            return false;
    }
}

bool is_opener(char32_t cp) {
    switch (cp) {
        case U'「': case U'『': case U'(': case U'[': case U'"': case U'\'': case U'“':
        case U'‘': case U'《': case U'〈': case U'【': case U'〔': case U'«':
            return true;
        default:
            return false;
    }
}

bool is_terminator(char32_t cp) { return cp == U'。' || cp == U'!' || cp == U'?' || cp == U'.'; }

char32_t peek(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) return 0;
    return decode_utf8(text, pos);
}

char32_t previous_code_point(std::string_view text, std::size_t pos) {
    if (pos == 0) return 0;
    return decode_utf8_lossy_before(text, pos).code_point;
}

// The word before a '.' at `dot` ("mr", "e.g", "u.s"): abbreviations and initials don't end
// sentences.
bool is_abbreviation_before(std::string_view text, std::size_t dot) {
    std::size_t begin = dot;
    while (begin > 0) {
        const unsigned char c = static_cast<unsigned char>(text[begin - 1]);
        if (c == ' ' || c == '\n' || c == '(' || c == '"') break;
        if (c >= 0x80) return false;  // non-ASCII word: not in our (Latin) list
        --begin;
    }
    const std::string_view word = text.substr(begin, dot - begin);
    if (word.empty()) return false;
    const bool letters_only = std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (letters_only && word.size() == 1) return true;                   // initial: "j. smith"
    if (word.find('.') != std::string_view::npos &&
        std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '.'; }))
        return true;                                                       // "e.g", "u.s"
    return std::find(k_abbreviations.begin(), k_abbreviations.end(), word) != k_abbreviations.end();
}

// After the run of terminators and closers ending at `after`: is this a sentence boundary?
bool ends_sentence(std::string_view text, std::size_t terminator, char32_t kind, std::size_t after) {
    if (kind == U'。') return true;
    const char32_t next = peek(text, after);
    const bool open_after = next == 0 || next == ' ' || next == '\n' || char_class(next) == CharClass::cjk ||
                            is_opener(next);
    if (!open_after) return false;
    if (kind == U'.') {
        const char32_t before = previous_code_point(text, terminator);
        if (char_class(before) == CharClass::cjk) return true;  // Japanese full-width period
        if (after == terminator + 1 && is_abbreviation_before(text, terminator)) return false;
    }
    return true;
}

// Where a line's or a sentence's normalized text is in the layout's store while it is built
// (the store may still move as it grows; the views are made once it is complete).
struct StoreRange {
    std::size_t begin = 0;
    std::size_t size = 0;
};

struct BlockContext {
    std::string_view original;
    std::uint64_t block_start;
    const NormalizedText& norm;
    Layout& layout;
    std::string& store;         // the layout's normalized bytes so far
    std::size_t store_offset;   // where norm.text begins in it
    std::vector<StoreRange>& sentence_ranges;  // parallel to layout.sentences
};

// Does the line at `pos` open with a section number of two levels or more, "2.7.5. " or
// "12.3. " (digits, dots between, a final dot, a space)? Such a line is an entry of a numbered
// contents list or a section heading, never the rest of the sentence above it: in a table of
// contents whose entry ends in a word ("2.7.4. Tweaking candidate version\n2.7.5. ..."), reading
// the break as a soft wrap glued each entry's number to the entry above, so that no heading of
// the chapter matched its entry whole (bench/docsite.py: Debian's manuals, 5,223 bytes of
// headings lost as copies of the index). One level ("2019. The") stays a soft wrap: hard-wrapped
// prose ends a sentence with a year; a decimal ("3.5 million") has no final dot.
bool opens_with_section_number(std::string_view original, std::size_t pos) {
    std::size_t levels = 0;
    while (pos < original.size() && original[pos] >= '0' && original[pos] <= '9') {
        while (pos < original.size() && original[pos] >= '0' && original[pos] <= '9') ++pos;
        if (pos >= original.size() || original[pos] != '.') return false;
        ++pos;
        ++levels;
    }
    return levels >= 2 && pos < original.size() && original[pos] == ' ';
}

// Soft wrap: the line break at `newline` joins two parts of one sentence (hard-wrapped prose).
bool is_soft_wrap(const BlockContext& block, std::size_t newline) {
    const std::string_view text = block.norm.text;
    const char32_t before = previous_code_point(text, newline);
    if (before == 0 || is_terminator(before) || is_closer(before)) return false;
    const CharClass before_class = char_class(before);
    if (before_class == CharClass::cjk) return false;
    if (before_class != CharClass::letter && before_class != CharClass::digit && before != ',' &&
        before != ';' && before != '-')
        return false;
    if (newline + 1 >= text.size()) return false;
    // Case was folded away; ask the original character.
    std::size_t original_pos = block.block_start + block.norm.origin[newline + 1];
    if (opens_with_section_number(block.original, original_pos)) return false;
    const char32_t first = decode_utf8(block.original, original_pos);
    // lynx marks a nested list's items "o ": "o Publishing and non-publishing repositories" under
    // "* Sharing mutable history" is the next entry, not the same sentence wrapped (a wrapped
    // line may begin with the word "o" too, "o presidente", "o bien": then a lowercase word follows).
    // (decode_utf8 has moved original_pos past the 'o'.)
    if (first == 'o' && original_pos + 1 < block.original.size() && block.original[original_pos] == ' ') {
        std::size_t after = original_pos + 1;
        if (!is_lowercase(decode_utf8(block.original, after))) return false;
    }
    return is_lowercase(first) || char_class(first) == CharClass::digit;
}

void add_sentence(const BlockContext& block, std::size_t begin, std::size_t end, std::uint32_t first_line,
                  std::uint32_t last_line, bool terminated) {
    const std::string_view text = block.norm.text;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;
    while (begin < end && (text[begin] == ' ' || text[begin] == '\n')) ++begin;
    if (begin >= end) return;
    Sentence& sentence = block.layout.sentences.emplace_back();
    sentence.start = block.block_start + block.norm.origin[begin];
    sentence.end = block.block_start + block.norm.origin_end[end - 1];
    sentence.first_line = first_line;
    sentence.last_line = last_line;
    sentence.terminated = terminated;
    if (last_line == first_line) {  // a piece of the block's text, already in the store
        block.sentence_ranges.push_back({block.store_offset + begin, end - begin});
        return;
    }
    // A soft wrap left a '\n' inside: it reads as a space, in a copy of its own.
    const std::size_t at = block.store.size();
    block.store.append(text.substr(begin, end - begin));
    std::replace(block.store.begin() + static_cast<std::ptrdiff_t>(at), block.store.end(), '\n', ' ');
    block.sentence_ranges.push_back({at, end - begin});
}

}  // namespace

// Bytes of normalized text the sentence splitter must stop at inside an open sentence: line
// breaks, the ASCII terminators, and '。' (U+3002, E3 80 82). Everything else only continues the
// sentence, so the splitter skips it without decoding. In valid UTF-8 none of these bytes is a
// continuation byte and E3 always leads a character, so a match at any byte is a real stop.
namespace {

bool is_stop_byte(unsigned char byte) { return byte == '\n' || byte == '.' || byte == '!' || byte == '?'; }

bool is_ideographic_full_stop(const char* at) {
    return static_cast<unsigned char>(at[0]) == 0xE3 && static_cast<unsigned char>(at[1]) == 0x80 &&
           static_cast<unsigned char>(at[2]) == 0x82;
}

}  // namespace

std::size_t next_sentence_stop(std::string_view normalized, std::size_t pos) {
    const char* data = normalized.data();
    const std::size_t size = normalized.size();
#if defined(__SSE2__)
    // Sixteen bytes a step: a byte loop's branch on every byte, taken or not as kana (E3) and
    // kanji (E4-E9) alternate, mispredicted at nearly every character of Japanese text. The
    // second and third loads, one and two bytes on, find E3 80 82 at any of the sixteen places.
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i dot = _mm_set1_epi8('.');
    const __m128i bang = _mm_set1_epi8('!');
    const __m128i question = _mm_set1_epi8('?');
    const __m128i lead = _mm_set1_epi8(static_cast<char>(0xE3));
    const __m128i second = _mm_set1_epi8(static_cast<char>(0x80));
    const __m128i third = _mm_set1_epi8(static_cast<char>(0x82));
    for (; pos + 18 <= size; pos += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + pos));
        const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + pos + 1));
        const __m128i after = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + pos + 2));
        const __m128i ascii = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, newline), _mm_cmpeq_epi8(bytes, dot)),
                                           _mm_or_si128(_mm_cmpeq_epi8(bytes, bang), _mm_cmpeq_epi8(bytes, question)));
        const __m128i full_stop = _mm_and_si128(_mm_cmpeq_epi8(bytes, lead),
                                                _mm_and_si128(_mm_cmpeq_epi8(next, second), _mm_cmpeq_epi8(after, third)));
        const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(ascii, full_stop)));
        if (mask != 0) return pos + static_cast<std::size_t>(std::countr_zero(mask));
    }
#endif
    for (; pos < size; ++pos) {
        if (is_stop_byte(static_cast<unsigned char>(data[pos]))) return pos;
        if (pos + 3 <= size && is_ideographic_full_stop(data + pos)) return pos;
    }
    return size;
}

namespace {

void split_sentences(const BlockContext& block, std::uint32_t first_line) {
    const std::string_view text = block.norm.text;
    std::uint32_t line = first_line;
    std::size_t begin = std::string_view::npos;  // start of the open sentence
    std::uint32_t begin_line = line;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (begin != std::string_view::npos) {
            pos = next_sentence_stop(text, pos);
            if (pos == text.size()) break;
        }
        const std::size_t here = pos;
        const char32_t cp = decode_utf8(text, pos);
        if (cp == '\n') {
            if (begin != std::string_view::npos && !is_soft_wrap(block, here)) {
                add_sentence(block, begin, here, begin_line, line, false);
                begin = std::string_view::npos;
            }
            ++line;
            continue;
        }
        if (begin == std::string_view::npos) {
            if (cp == ' ') continue;
            begin = here;
            begin_line = line;
        }
        if (!is_terminator(cp)) continue;
        std::size_t after = pos;
        while (after < text.size()) {
            std::size_t next = after;
            const char32_t following = decode_utf8(text, next);
            if (!is_terminator(following) && !is_closer(following)) break;
            after = next;
        }
        // Bytes that come from the same original character as the last one taken (a combining
        // mark that NFKC folded together with the terminator: `。` + U+035F) belong to this
        // sentence; the next one starting there would overlap it in the original.
        while (after < text.size() && block.norm.origin[after] < block.norm.origin_end[after - 1]) ++after;
        if (ends_sentence(text, here, cp, after)) {
            add_sentence(block, begin, after, begin_line, line, true);
            begin = std::string_view::npos;
            pos = after;
        }
    }
    if (begin != std::string_view::npos) add_sentence(block, begin, text.size(), begin_line, line, false);
}

bool line_is_blank(std::string_view content) {
    std::size_t pos = 0;
    while (pos < content.size()) {
        const auto byte = static_cast<unsigned char>(content[pos]);
        if (byte < 0x80) {  // ASCII: white space and controls are blank, the rest is visible
            if (byte > ' ' && byte != 0x7F) return false;
            ++pos;
            continue;
        }
        const char32_t cp = decode_utf8(content, pos);
        const CharClass cls = char_class(cp);
        // A mark that NFKC folds to nothing (U+034F COMBINING GRAPHEME JOINER) is invisible too:
        // blank means "normalizes to nothing", or two paragraphs would be glued into one block.
        if (cls != CharClass::space && cls != CharClass::ignorable && cls != CharClass::newline &&
            !nfkc_casefold(cp).empty())
            return false;
    }
    return true;
}

// End of the line content that starts at `start`: the first '\n' or '\r' (or the text's end).
std::size_t line_content_end(std::string_view text, std::size_t start) {
    const char* data = text.data();
    const void* newline = std::memchr(data + start, '\n', text.size() - start);
    const std::size_t limit = newline != nullptr ? static_cast<std::size_t>(static_cast<const char*>(newline) - data)
                                                 : text.size();
    const void* carriage = std::memchr(data + start, '\r', limit - start);
    return carriage != nullptr ? static_cast<std::size_t>(static_cast<const char*>(carriage) - data) : limit;
}

// Start of the line after the content that ends at `end`: "\r\n" is one terminator.
std::size_t next_line_start(std::string_view text, std::size_t end) {
    if (end >= text.size()) return end;
    return end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
}

}  // namespace

Layout segment(std::string_view text) {
    Layout layout;
    // Lines: '\n', "\r\n" and a lone '\r' all end a line.
    std::uint64_t start = 0;
    while (start < text.size()) {
        const std::uint64_t end = line_content_end(text, start);
        const std::uint64_t next = next_line_start(text, end);
        Line& line = layout.lines.emplace_back();
        line.start = start;
        line.end = end;
        line.next = next;
        line.blank = line_is_blank(text.substr(start, end - start));
        start = next;
    }

    std::uint32_t block = 0;
    NormalizedText norm;  // every block's, its arrays reused from block to block
    std::string store;    // becomes layout.normalized_store
    store.reserve(text.size() + 64);  // normalized text is rarely longer than the original
    std::vector<StoreRange> line_ranges(layout.lines.size());
    std::vector<StoreRange> sentence_ranges;
    for (std::uint32_t first = 0; first < layout.lines.size();) {
        if (layout.lines[first].blank) {
            layout.lines[first].block = block;
            layout.lines[first].first_sentence = layout.lines[first].last_sentence =
                static_cast<std::uint32_t>(layout.sentences.size());
            ++first;
            continue;
        }
        std::uint32_t last = first;
        while (last + 1 < layout.lines.size() && !layout.lines[last + 1].blank) ++last;
        const std::uint64_t block_start = layout.lines[first].start;
        normalize_into(text.substr(block_start, layout.lines[last].end - block_start), norm);
        const std::size_t store_offset = store.size();
        store.append(norm.text);
        // The normalizer keeps one '\n' per line break, so line k of the block is the k-th piece.
        std::size_t piece_start = 0;
        for (std::uint32_t index = first; index <= last; ++index) {
            std::size_t piece_end = norm.text.find('\n', piece_start);
            if (piece_end == std::string::npos) piece_end = norm.text.size();
            line_ranges[index] = {store_offset + piece_start, piece_end - piece_start};
            layout.lines[index].block = block;
            piece_start = piece_end + 1;
        }
        const std::size_t sentences_before = layout.sentences.size();
        split_sentences(BlockContext{text, block_start, norm, layout, store, store_offset, sentence_ranges}, first);
        // Index sentences by the line they start on.
        std::size_t s = sentences_before;
        for (std::uint32_t index = first; index <= last; ++index) {
            layout.lines[index].first_sentence = static_cast<std::uint32_t>(s);
            while (s < layout.sentences.size() && layout.sentences[s].first_line == index) ++s;
            layout.lines[index].last_sentence = static_cast<std::uint32_t>(s);
        }
        ++block;
        first = last + 1;
    }
    // The store is complete: it moves into the layout (its bytes stay where they are) and the
    // views are made.
    auto shared = std::make_shared<const std::string>(std::move(store));
    const std::string_view bytes = *shared;
    for (std::size_t i = 0; i < layout.lines.size(); ++i)
        layout.lines[i].normalized = bytes.substr(line_ranges[i].begin, line_ranges[i].size);
    for (std::size_t i = 0; i < layout.sentences.size(); ++i)
        layout.sentences[i].normalized = bytes.substr(sentence_ranges[i].begin, sentence_ranges[i].size);
    layout.normalized_store = std::move(shared);
    std::vector<std::uint64_t> offsets;
    offsets.reserve(layout.sentences.size());
    for (const auto& sentence : layout.sentences) offsets.push_back(sentence.start);
    std::vector<std::uint64_t> ends;
    for (const auto& sentence : layout.sentences) ends.push_back(sentence.end);
    const auto starts_pos = positions_of(text, layout, offsets);
    const auto ends_pos = positions_of(text, layout, ends);
    for (std::size_t i = 0; i < layout.sentences.size(); ++i) {
        layout.sentences[i].start_pos = starts_pos[i];
        layout.sentences[i].end_pos = ends_pos[i];
    }
    return layout;
}

NormalizedLines normalized_lines(std::string_view text) {
    NormalizedLines out;
    // Normalizing line by line or block by block gives the same bytes as the whole text at once:
    // the normalizer starts afresh after every line break (nothing pends, nothing composes across
    // it), and a blank line normalizes to nothing.
    out.text = normalize_text(text);
    std::size_t piece_start = 0;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = line_content_end(text, start);
        std::size_t piece_end = out.text.find('\n', piece_start);
        if (piece_end == std::string::npos) piece_end = out.text.size();
        if (!line_is_blank(text.substr(start, end - start)))
            out.non_blank.push_back({static_cast<std::uint32_t>(piece_start), static_cast<std::uint32_t>(piece_end)});
        piece_start = piece_end + 1;
        start = next_line_start(text, end);
    }
    return out;
}

std::vector<TextPosition> positions_of(std::string_view text, const Layout& layout,
                                       const std::vector<std::uint64_t>& sorted_offsets) {
    std::vector<TextPosition> out;
    out.reserve(sorted_offsets.size());
    std::size_t line = 0;
    std::uint64_t cursor = 0;     // byte offset whose column is `column`
    std::uint32_t column = 1;
    for (const std::uint64_t offset : sorted_offsets) {
        while (line + 1 < layout.lines.size() && layout.lines[line + 1].start <= offset) {
            ++line;
            cursor = layout.lines[line].start;
            column = 1;
        }
        if (line < layout.lines.size() && cursor < layout.lines[line].start) {
            cursor = layout.lines[line].start;
            column = 1;
        }
        const std::uint64_t target = std::min<std::uint64_t>(offset, text.size());
        if (cursor < target) {
            column += static_cast<std::uint32_t>(count_code_points(text.substr(cursor, target - cursor)));
            cursor = target;
        }
        out.push_back({static_cast<std::uint32_t>(line + 1), column});
    }
    return out;
}

}  // namespace once
