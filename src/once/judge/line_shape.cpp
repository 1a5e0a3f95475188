// line_shape.cpp — measuring one line (line_shape.hpp; the rules in docs/boilerplate.md).
#include "once/judge/line_shape.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "once/judge/line_chars.hpp"
#include "once/judge/shape_scores.hpp"

namespace once {

namespace {

using namespace line_chars;
using namespace shape_scores;

// Bit n set: E0 + n leads a three-byte character that the CJK walk takes — not E0 (its
// overlong forms) nor ED (its surrogates).
constexpr std::uint32_t k_three_byte_leads = 0xFFFF & ~(1u << 0x0) & ~(1u << 0xD);

// How a whole line decomposes into lexicon phrases and filler.
struct Composition {
    int entries = 0;        // phrases used (0 = not a composition)
    bool headings_only = false;
};

// Dynamic programme over byte positions: can the line be cut into lexicon phrases separated
// only by filler? Phrases of space-separated scripts must end on a word boundary, so "x"
// never matches inside "xai". Prefers the parse with the fewest phrases.
Composition compose(std::string_view s, const LexiconLookup& lookup, bool headings_only) {
    const std::size_t n = s.size();
    constexpr int k_unreached = 1 << 20;
    std::vector<int> best(n + 1, k_unreached);
    best[0] = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (best[i] == k_unreached) continue;
        std::size_t j = i;
        const char32_t first = next_cp(s, j);
        if (is_filler(first) && best[i] < best[j]) best[j] = best[i];
        if (is_filler(first)) continue;
        // Try every phrase starting here, ending on a code point boundary. The trie walks along
        // and ends the search once no phrase starts with the piece.
        const PhraseTrie& trie = lookup.trie();
        PhraseTrie::Node node = PhraseTrie::root();
        std::size_t end = i;
        char32_t last = 0;
        while (end < n && end - i <= k_max_entry_bytes) {
            const std::size_t from = end;
            last = next_cp(s, end);
            node = trie.walk(node, s.substr(from, end - from));
            if (node == PhraseTrie::k_none) break;
            std::size_t peek = end;
            const char32_t after = end < n ? next_cp(s, peek) : U' ';
            if (is_word_char(last) && is_word_char(after)) continue;  // mid-word
            const std::uint8_t kinds = trie.kinds(node);
            const bool is_heading = (kinds & Lexicon::k_heading) != 0;
            const bool is_button = !headings_only && !is_heading && (kinds & Lexicon::k_button) != 0;

            if ((is_heading || is_button) && best[i] + 1 < best[end]) best[end] = best[i] + 1;
        }
    }
    Composition result;
    if (best[n] != k_unreached && best[n] > 0) {
        result.entries = best[n];
        result.headings_only = headings_only;
    }
    return result;
}

// "key:value" (`価格:無料`, `weight: 2 kg`), or a key in lenticular brackets at the start of the
// line (`【見どころ】人物の感情表現`, `【おすすめ度】★★★★`, `【主演】张三`): Japanese and Chinese write
// a spec or review summary's rows so. The key is short and a value follows; a bracketed tag alone
// (`【お客様サービスセンター】`) is a heading, and one after a bullet (`・【話題】…`) a list item.
// A colon between two digits is a time of day, a duration or a score (`14:35`, `2:1`), not a key's
// end: a teaser or comment list stamps every item so (`02.12.2022 14:35 …`), and read as rows it
// made a spec box that context could not touch.
bool is_field(std::string_view s) {
    const auto ascii_digit = [](char c) { return is_digit(static_cast<unsigned char>(c)); };
    std::size_t colon = s.find(':');
    while (colon != std::string_view::npos && colon > 0 && colon + 1 < s.size() && ascii_digit(s[colon - 1]) &&
           ascii_digit(s[colon + 1]))
        colon = s.find(':', colon + 1);
    if (colon != std::string_view::npos && colon > 0 && colon <= k_field_key_bytes)
        return s.find_first_not_of(' ', colon + 1) != std::string_view::npos;
    if (!s.starts_with(k_key_open)) return false;
    const std::size_t close = s.find(k_key_close, k_key_open.size());
    return close != std::string_view::npos && close > k_key_open.size() && close <= k_field_key_bytes &&
           s.find_first_not_of(' ', close + k_key_close.size()) != std::string_view::npos;
}

// Is the row of bars code: a command after a shell prompt (`$ lsof | grep bar | less`,
// `# sort ls1.txt | uniq | less`), or a bar inside a quoted string or parentheses
// (`"systemctl status $unit|$PID|$device"`, `"(^|/)(config\.sub|Makefile)$"`)? A menu separates
// its items with bars outside any quote or bracket, and never opens with a prompt. Read as menu
// rows, a documentation site's commands went as chrome (bench/docsite.py: 755 bytes of Debian's
// manuals in three languages; issue 11, item 2: a line is chrome when its form says so).
bool is_code_row(std::string_view s) {
    const std::size_t at = s.find_first_not_of(' ');
    if (at != std::string_view::npos && at + 2 < s.size() && (s[at] == '$' || s[at] == '#') && s[at + 1] == ' ' &&
        s[at + 2] != ' ' && s[at + 2] != '|')
        return true;
    bool quoted = false;
    int depth = 0;
    for (char c : s) {
        if (c == '"') quoted = !quoted;
        else if (c == '(') ++depth;
        else if (c == ')' && depth > 0) --depth;
        else if (c == '|' && (quoted || depth > 0)) return true;
    }
    return false;
}

// "a | b | c" with every cell short and few numbers: a menu or footer row. Tables keep numbers.
bool is_nav_row(std::string_view s) {
    int bars = 0;
    for (char c : s) bars += c == '|';
    if (bars < k_nav_row_cells - 1) return false;
    if (is_code_row(s)) return false;
    int cells = 0, numeric = 0;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t bar = s.find('|', start);
        if (bar == std::string_view::npos) bar = s.size();
        const std::string_view cell = s.substr(start, bar - start);
        int words = 0, cjk = 0;
        bool digit = false, in_word = false;
        for (std::size_t i = 0; i < cell.size();) {
            const char32_t c = next_cp(cell, i);
            if (is_cjk(c)) ++cjk;
            const bool w = is_word_char(c);
            if (w && !in_word) ++words;
            in_word = w;
            digit = digit || is_digit(c);
            if (is_sentence_end(c) && c != '.') return false;
        }
        if (words + cjk > 0) {
            ++cells;
            if (words > k_nav_cell_words || cjk > k_nav_cell_cjk) return false;
            if (digit) ++numeric;
        }
        start = bar + 1;
    }
    return cells >= k_nav_row_cells && numeric * 2 < cells;
}

bool is_breadcrumb(std::string_view s) {
    int arrows = 0;
    for (std::string_view arrow : k_breadcrumb_arrow_marks) {
        for (std::size_t at = s.find(arrow); at != std::string_view::npos; at = s.find(arrow, at + 1)) ++arrows;
    }
    return arrows >= k_breadcrumb_arrows;
}

// An advertisement's text as lynx prints it when each word is marked inserted (<ins>): at least
// k_lynx_ins_words marked words, the marks covering k_junk_share of the line.
bool is_marked_insertion(std::string_view s) {
    int words = 0;
    std::size_t covered = 0;
    for (std::size_t at = s.find(k_lynx_ins_open); at != std::string_view::npos; at = s.find(k_lynx_ins_open, at)) {
        std::size_t end = s.find(k_lynx_ins_close, at + k_lynx_ins_open.size());
        if (end == std::string_view::npos) break;
        end += k_lynx_ins_close.size();
        covered += end - at;
        ++words;
        at = end;
    }
    return words >= k_lynx_ins_words && k_junk_share_den * covered >= k_junk_share_num * s.size();
}

// Runs of at least k_junk_run_bytes ASCII bytes without a space, not one character repeated (a
// rule drawn with "____" is a separator, judged by its neighbours), making up k_junk_share of the
// line: a sentence that quotes a long URL is still a sentence.
bool has_junk_run(std::string_view s) {
    if (s.size() < k_junk_run_bytes) return false;
    // Run by run: the inner loop only finds where a run ends, and a run is checked for one
    // repeated character only when it is long enough to count (every line of 100 bytes and
    // more passes here; a per-byte state machine was 2% of `once clean` on ldcc).
    const auto breaks_run = [](unsigned char b) { return b == ' ' || b >= 0x80; };
    constexpr std::uint64_t k_high_bits = 0x8080808080808080ULL;
    std::size_t junk = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (breaks_run(static_cast<unsigned char>(s[i]))) {
            ++i;
            // Eight bytes at a time past non-ASCII text, which breaks every run (a CJK line is
            // all of it: byte by byte this was a fifth of measure_line on Japanese text).
            while (i + sizeof(std::uint64_t) <= s.size()) {
                std::uint64_t word;
                std::memcpy(&word, s.data() + i, sizeof word);
                if ((word & k_high_bits) != k_high_bits) break;
                i += sizeof word;
            }
            continue;
        }
        std::size_t end = i + 1;
        while (end < s.size() && !breaks_run(static_cast<unsigned char>(s[end]))) ++end;
        const std::string_view run = s.substr(i, end - i);
        if (run.size() >= k_junk_run_bytes && run.find_first_not_of(run[0]) != std::string_view::npos) junk += run.size();
        i = end;
    }
    return k_junk_share_den * junk >= k_junk_share_num * s.size();
}

bool has_copyright(std::string_view s) {
    for (std::string_view mark : k_copyright_marks)
        if (s.find(mark) != std::string_view::npos) return true;
    auto holds = [&](std::string_view word) { return s.find(word) != std::string_view::npos; };
    if (std::any_of(k_copyright_act_marks.begin(), k_copyright_act_marks.end(), holds) &&
        std::any_of(k_copyright_prohibitions.begin(), k_copyright_prohibitions.end(), holds))
        return true;
    for (std::size_t at = s.find(k_copyright_word); at != std::string_view::npos; at = s.find(k_copyright_word, at + 1)) {
        std::size_t before = 0;
        while (before < at && !is_word_char(static_cast<unsigned char>(s[before])) && static_cast<unsigned char>(s[before]) < 0x80) ++before;
        if (before == at) return true;  // the line starts with it, past bullets and punctuation
        std::size_t next = at + k_copyright_word.size();
        if (next < s.size() && s[next] == ' ') ++next;
        if (next < s.size() && (is_digit(static_cast<unsigned char>(s[next])) || s.substr(next).starts_with("(c)")))
            return true;
    }
    for (std::size_t at = s.find("(c)"); at != std::string_view::npos; at = s.find("(c)", at + 1)) {
        std::size_t year = at + 3;
        if (year < s.size() && s[year] == ' ') ++year;
        if (year + 4 <= s.size() && (s[year] == '1' || s[year] == '2') && is_digit(static_cast<unsigned char>(s[year + 1])))
            return true;
    }
    return false;
}

// A link line: a lexicon head ("previous", "上一篇") followed by ':' and its target, or by a
// space when `paired` (a previous/next pair); or a short line ending in a link suffix ("はこちら").
bool is_link_line(std::string_view s, const LexiconLookup& lookup, bool& spaced) {
    spaced = false;
    int heads = 0;
    for (std::size_t i = 0; i < s.size() && heads < k_link_head_breaks; ++i) {
        if (s[i] != ' ' && s[i] != ':') continue;
        ++heads;
        std::string_view head = s.substr(0, i);
        while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
        std::size_t rest = i;
        while (rest < s.size() && (s[rest] == ' ' || s[rest] == ':')) ++rest;
        if (head.empty() || rest >= s.size()) continue;
        if (lookup.button_prefix(head)) {
            spaced = s.substr(i, rest - i).find(':') == std::string_view::npos;
            return true;
        }
    }
    // Suffixes: the last up to k_link_suffix_chars code points.
    std::size_t start = s.size();
    for (int k = 0; k < k_link_suffix_chars && start > 0; ++k) {
        std::size_t prev = 0;
        last_cp(s.substr(0, start), prev);
        start = prev;
        std::size_t at = start;
        const bool word_start = is_word_char(next_cp(s, at));
        std::size_t before = 0;
        if (word_start && start > 0 && is_word_char(last_cp(s.substr(0, start), before))) continue;
        if (lookup.button_suffix(s.substr(start))) return true;
    }
    return false;
}

// Does `s` end a sentence: sentence punctuation (closing quotes skipped) after a word, not after
// a digit or nothing ("1. [accueil]" is a numbered link, not a sentence)?
bool ends_sentence(std::string_view s) {
    s = without_closing(s);
    if (s.empty()) return false;
    std::size_t start = 0;
    if (!is_sentence_end(last_cp(s, start)) || start == 0) return false;
    std::size_t before = 0;
    const char32_t prev = last_cp(s.substr(0, start), before);
    return (is_word_char(prev) || is_cjk(prev) || is_closing(prev)) && !is_digit(prev) && prev != ' ';
}

// Does the line open as a comment of code — "# ", "// " or "/* " — as a licence header opens a
// listed script ("# Copyright (C) 2021 Osamu Aoki <osamu@debian.org>, Public Domain")? Its rights
// words are the listing's, not the page's footer: read as a rights line, it was chrome for the
// sentences introducing the script, which went with it (Debian Reference's chapter 12, in every
// language). A footer never opens with a comment mark; a bulleted one opens with "* ".
bool opens_as_code_comment(std::string_view s) {
    const std::size_t at = s.find_first_not_of(' ');
    if (at == std::string_view::npos) return false;
    const std::string_view rest = s.substr(at);
    return std::any_of(k_code_comment_marks.begin(), k_code_comment_marks.end(),
                       [&](std::string_view mark) { return rest.starts_with(mark); });
}

// Does the line open with a document's section number of two levels or more — "7.3. ログイン",
// "12.1.3 shell loops", "a.2. native debian package" (an appendix; the text is case-folded) —
// followed by a space and the heading's first word? Each level is a number of one or two digits
// without a leading zero (the first may be one letter). Such a number is the form of a heading in
// a manual or a report, and a button or a box label never carries one: read as a lexicon row, the
// installation guide's "7.3. ログイン" (Logging In) went as a login button, the page's headline
// with it (issue 11 item 2: a lexicon word inside a heading-shaped line is weak evidence). A single
// level ("1. login") is left to the lexicon: a numbered menu or list of links prints so. What is
// no section number: a date ("28.01.22 / 0 kommentare": a leading zero, no word after it) and a
// release ("0.9.1 latest": numbering starts at 1).
bool opens_with_section_number(std::string_view s) {
    const auto digit_at = [&](std::size_t k) { return k < s.size() && is_digit(static_cast<unsigned char>(s[k])); };
    std::size_t i = 0;
    // One level: one or two digits, or (the first level only) one letter.
    const auto level = [&](bool first) {
        if (digit_at(i)) {
            if (s[i] == '0' && (first || digit_at(i + 1))) return false;
            ++i;
            if (digit_at(i)) ++i;
            return !digit_at(i);
        }
        if (first && i < s.size() && s[i] >= 'a' && s[i] <= 'z') {
            ++i;
            return i < s.size() && s[i] == '.';
        }
        return false;
    };
    if (!level(true)) return false;
    int levels = 1;
    while (i + 1 < s.size() && s[i] == '.' && digit_at(i + 1)) {
        ++i;
        if (!level(false)) return false;
        ++levels;
    }
    if (levels < k_section_number_levels) return false;
    if (i < s.size() && s[i] == '.') ++i;
    if (i + 1 >= s.size() || s[i] != ' ') return false;
    std::size_t word = i + 1;
    const char32_t first_word = next_cp(s, word);
    return is_word_char(first_word) || is_cjk(first_word);
}

// The line without what may follow its last sentence's end: closing quotes and brackets, and
// footnote or annotation marks in square brackets — "...the mozilla corporation.^[2]",
// "...had produced horrors. [mp3 sp]", "...に発表された。[1][2]" (lynx prints a reference as "^[2]"); a
// mark holds an ASCII letter or digit, so "[…]" stays the teaser's elision, and follows a
// sentence's end.
// Without this, an encyclopedia or wiki paragraph whose every sentence ends in a reference is
// no prose, and falls with the chrome around it (readability's wikipedia pages).
std::string_view strip_line_end(std::string_view body) {
    std::string_view cut = body;
    bool marks = false;
    while (!cut.empty() && cut.back() == ']') {
        const std::size_t from = cut.size() > k_annotation_bytes ? cut.size() - k_annotation_bytes : 0;
        const std::size_t open = cut.rfind('[');
        // A mark holds a letter or digit: "[…]" is an elision, the teaser's ellipsis.
        if (open == std::string_view::npos || open < from || open == 0 ||
            !std::any_of(cut.begin() + static_cast<std::ptrdiff_t>(open), cut.end(),
                         [](char c) { return is_ascii_alnum(static_cast<unsigned char>(c)); }))
            break;
        cut = cut.substr(0, open);
        while (!cut.empty() && (cut.back() == ' ' || cut.back() == '^')) cut.remove_suffix(1);
        marks = true;
    }
    if (marks && ends_sentence(cut)) body = cut;
    return without_closing(body);
}

}  // namespace

LineShape measure_line(std::string_view normalized, int weight, const LexiconLookup& lookup) {
    LineShape shape;
    const std::string_view s = normalized;
    shape.weight = weight;

    // Punctuation and words, one character at a time. An ASCII byte is classified by itself; any
    // other character is decoded once and its class read once (is_word_char and is_cjk asked
    // text/unicode's table twice per character, and is_digit and the bar test compared every
    // character with ASCII too: most of this function's instructions on Japanese text). The
    // tests are line_chars' own (is_word_char's ASCII test, is_word_class, is_sentence_end), and
    // tests/judge/line_shape_test.cpp checks the counts against the per-character functions on
    // ASCII, Latin, CJK, mixed and malformed lines.
    bool in_word = false;
    std::size_t word_start = 0;
    std::size_t scanned = 0;
    char32_t prev = 0;
    bool prev_word = false, prev_cjk = false;  // is_word_char(prev), is_cjk(prev)
    const BmpTables& tables = bmp_tables();     // once, not per character (text/unicode.hpp)
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const auto lead = static_cast<unsigned char>(s[i]);
        char32_t c;
        bool w, cjk;
        if (lead < 0x80) {
            c = lead;
            ++i;
            w = is_word_char(c);  // its ASCII test only: c < 0x80 here
            cjk = false;
            shape.digits = shape.digits || is_digit(c);
            shape.bars += c == '|';
        } else {
            const Utf8Char decoded = decode_utf8_lossy(s, i);
            i += decoded.length;
            c = decoded.code_point;
            const CharClass cls = char_class(tables, c);
            w = is_word_class(cls);
            cjk = cls == CharClass::cjk;
        }
        if (w && !in_word) word_start = at;
        if (!w && in_word && scanned < k_stop_scan) {
            ++shape.latin_words;
            if (lookup.stop(s.substr(word_start, at - word_start))) ++shape.latin_stop;
        }
        in_word = w;
        if (scanned < k_stop_scan && cjk) ++shape.cjk;
        if (is_sentence_end(c)) {
            // A '.' ends a sentence after a letter and before a space or the end ("3.5" and
            // "e.g." mostly do not).
            if (c != '.') {
                ++shape.sentence_ends;
            } else if ((i >= s.size() || s[i] == ' ' || s[i] == '"' || s[i] == '^' || s[i] == '[') &&
                       (prev_word || prev_cjk) && !is_digit(prev)) {
                // "^[" / "[": a footnote mark after the full stop ("...mozilla corporation.^[2] the ...").
                ++shape.sentence_ends;
                ++shape.full_stops;
            }
        }
        prev = c;
        prev_word = w;
        prev_cjk = cjk;
        ++scanned;
        // After a character that is not a word's, no word is open, and the walk can take the
        // run of CJK characters and punctuation that follows in bulk: a well-formed three-byte
        // sequence (Han, kana, CJK punctuation) that is not a word character opens none either,
        // so it only moves the counts (a CJK character; a sentence end, never '.', which is
        // ASCII) and `prev`. Japanese and Chinese lines are mostly such characters. Anything else
        // (ASCII, a word character, other lengths, leads E0 and ED with their overlong and
        // surrogate forms, malformed bytes) ends the run and goes back to the walk. Here in the
        // loop, not in a function: passed by reference, the walk's state went through memory.
        // The character's bytes are read as one little-endian word (byte 0 the lowest), and its
        // form checked on it at once: lead E1–EF (bits 0–7 are 1110xxxx, xxxx not 0 or D, a bit
        // test on k_three_byte_leads) and two continuation bytes (10xxxxxx in bits 8–15 and
        // 16–23). Byte by byte (five compares and three loads) this loop took 43 instructions a
        // character on ldcc, most of the function; the run's last character, with fewer than
        // four bytes left, goes back to the walk.
        while (!w && i + 4 <= s.size()) {
            const std::uint32_t bytes = load_le32(s.data() + i);
            if ((bytes & 0xC0C0F0) != 0x8080E0 || ((k_three_byte_leads >> (bytes & 0x0F)) & 1) == 0) break;
            const char32_t next = three_byte_code_point(bytes);
            const CharClass cls = tables.classes[next];
            if (cls == CharClass::cjk) {  // the common case first: one comparison
                shape.cjk += scanned < k_stop_scan;
                prev_cjk = true;
            } else if (is_word_class(cls)) {
                break;
            } else {
                shape.sentence_ends += is_sentence_end(next);
                prev_cjk = false;
            }
            ++scanned;
            prev = next;
            i += 3;
        }
    }
    if (in_word && scanned <= k_stop_scan) {
        ++shape.latin_words;
        if (lookup.stop(s.substr(word_start))) ++shape.latin_stop;
    }

    // Ending: sentence punctuation (closing quotes and trailing footnote marks skipped) or a
    // teaser's ellipsis.
    const std::string_view body = strip_line_end(s);
    const bool ellipsis = body.ends_with("...") || body.ends_with("\u2026") || body.ends_with("\u22ef");
    if (!body.empty() && !ellipsis) {
        std::size_t start = 0;
        const char32_t end = last_cp(body, start);
        shape.terminal = is_sentence_end(end);
        shape.period_end = is_full_stop(end);
    }
    shape.url = (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")) &&
                s.find(' ') == std::string_view::npos;
    if (shape.url) shape.terminal = shape.period_end = false;
    // A long line that ends in a colon after a sentence introduces what follows ("... comes from.
    // A brief key:", "... for all indices i and j:"): prose, not a label ("Tags:", "Share this:").
    shape.colon_end = !body.empty() && (body.back() == ':' || body.ends_with("\uff1a"));
    shape.prose = shape.terminal || shape.sentence_ends >= 2 ||
                  (shape.colon_end && shape.weight >= k_good_weight && (shape.sentence_ends >= 1 || shape.cjk == 0));
    shape.field = !shape.url && is_field(s);
    {
        std::size_t i = 0;
        const char32_t first = s.empty() ? 0 : next_cp(s, i);
        std::size_t j = i;
        const char32_t second = i < s.size() ? next_cp(s, j) : 0;
        // "-5°C" and "+3%" are numbers, "--" a rule; "・7インチ" is still a bullet.
        const bool sign = first == '-' || first == '+';
        shape.bullet = is_bullet(first) && !(sign && (is_digit(second) || second == first));
    }
    std::size_t last_start = 0;
    const char32_t last = s.empty() ? 0 : last_cp(s, last_start);
    shape.comma_end = last == ',' || last == 0x3001 || last == 0xFF0C;
    shape.title_like = !shape.prose && shape.weight < k_good_weight && !shape.comma_end;

    // A teaser ("...続きは" excerpts in related lists) and Japanese prose that trails off look
    // alike, so an ellipsis is no cue: it only keeps the line from counting as a paragraph.
    shape.ellipsis = ellipsis;

    // Cues, strongest first.
    if (has_junk_run(s) || s == k_lynx_ins || is_marked_insertion(s)) {
        shape.cue = Cue::junk;
        return shape;
    }
    if (shape.weight > k_max_cue_weight) return shape;
    if (has_copyright(s) && !opens_as_code_comment(s)) {
        shape.cue = Cue::copyright;
        return shape;
    }
    // What lynx prints for an embedded frame ("IFRAME: https://…"): a link, which between two
    // paragraphs is the article's own video or code sample, and which says nothing about the lines
    // around it (a code sample between two short paragraphs).
    if (s.starts_with(k_lynx_iframe)) {
        shape.cue = Cue::link;
        shape.embed = true;
        return shape;
    }
    if (!opens_with_section_number(s)) {
        const std::string_view core = s;
        const Composition all = compose(core, lookup, false);
        if (all.entries > 0) {
            shape.phrases = all.entries;
            shape.cue = compose(core, lookup, true).entries > 0 ? Cue::heading : Cue::button;
            return shape;
        }
    }
    if (is_nav_row(s)) {
        shape.cue = Cue::nav_row;
        return shape;
    }
    if (is_breadcrumb(s) && shape.title_like) {
        shape.cue = Cue::breadcrumb;
        return shape;
    }
    bool spaced = false;
    if (!shape.terminal && is_link_line(s, lookup, spaced)) {
        // "next year ..." is prose; "next: ..." is a link. A space-separated head counts only in
        // a previous/next pair, checked by the caller.
        shape.cue = spaced ? Cue::none : Cue::link;
        shape.spaced_link = spaced;
    }
    return shape;
}

}  // namespace once
