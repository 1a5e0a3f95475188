// shape.cpp — article text or site chrome, judged line by line (see shape.hpp and
// docs/boilerplate.md for the rules and their reasons).
//
// The classifier works in three steps, each a plain loop over the lines of one document:
//   1. features and an initial class per line (jusText's good / near-good / short / bad, plus
//      a "soft" bad that context may still rescue);
//   2. the title slot (the article's own title and dateline, protected) and recurrence;
//   3. the context pass: uncertain lines follow their neighbours, link lists after a heading
//      and menu runs at the head of the page go with the chrome around them.
// Nothing here touches Unicode tables: the input is already normalized, and the few character
// classes needed (CJK, punctuation, bullets) are code point ranges.
#include "once/judge/shape.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "lexicon_data.hpp"
#include "once/core/error.hpp"

namespace once {

namespace {

// --- thresholds (weight units, config.hpp) -------------------------------------------------
// A line this heavy with sentence punctuation is prose ("good"): ~40 kanji or ~20 words.
constexpr int k_good_weight = 40;
// Recurring prose at least this heavy is a syndicated paragraph, left to the duplicate stage.
constexpr int k_long_prose_weight = 60;
// A line at most this heavy may be a button, heading or link row (lexicon checks stop here).
constexpr int k_max_cue_weight = 40;
// A short line with terminal punctuation at least this heavy is "near-good".
constexpr int k_near_good_weight = 20;
// Menu items above the title are at most this heavy (a 4-word or 10-kanji line).
constexpr int k_menu_item_weight = 10;
// A link list after a heading word needs at least this many title-like lines.
constexpr int k_link_list_lines = 3;
// Lexicon entries longer than this (bytes) are never matched inside a line.
constexpr std::size_t k_max_entry_bytes = 96;
// Stop-word density is measured on the first this many code points of a line.
constexpr std::size_t k_stop_scan = 400;

// Shape scores (0 = surely article, 1 = surely chrome); the default threshold is 0.6.
constexpr double k_score_good = 0.1;
constexpr double k_score_good_long = 0.05;
constexpr double k_score_near_good = 0.3;
constexpr double k_score_short_good = 0.15;
constexpr double k_score_short_mixed = 0.45;
constexpr double k_score_title = 0.2;
constexpr double k_score_context_bad = 0.8;
constexpr double k_score_context_bad_prose = 0.7;
constexpr double k_score_link_list = 0.75;
constexpr double k_score_menu = 0.7;
constexpr double k_score_rescued = 0.4;
constexpr double k_score_recurrence = 0.9;

// Copyright and legal footers, matched as substrings of short lines. Language-neutral enough to
// live here rather than in the word lists (they are not buttons or headings).
// "(c)" counts only before a year: "(c) 2011", "(c)2011".
constexpr std::array<std::string_view, 13> k_copyright_marks = {
    "\u00a9", "copyright", "all rights reserved", "powered by wordpress", "版权所有", "版權所有",
    "無断転載", "無断複製", "禁止转载", "未经授权", "alle rechte vorbehalten",
    "tous droits réservés", "todos los derechos reservados",
};

// --- UTF-8 and character classes ---------------------------------------------------------------

// next_cp past ASCII: kept out of line so that the ASCII case inlines into every scan.
[[gnu::noinline]] char32_t next_multibyte_cp(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    int len = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; }
    else { ++i; return 0xFFFD; }
    if (i + static_cast<std::size_t>(len) > s.size()) { ++i; return 0xFFFD; }
    for (int k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((b & 0xC0) != 0x80) { ++i; return 0xFFFD; }
        cp = (cp << 6) | (b & 0x3F);
    }
    i += static_cast<std::size_t>(len);
    return cp;
}

// Decodes the code point at `i` and advances `i`; malformed bytes decode as U+FFFD, one byte
// at a time, so a stray byte can never stall or overrun the scan.
inline char32_t next_cp(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) { ++i; return b0; }
    return next_multibyte_cp(s, i);
}

char32_t last_cp(std::string_view s, std::size_t& start) {
    std::size_t i = s.size();
    while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80 && s.size() - i < 3) --i;
    if (i > 0) --i;
    start = i;
    std::size_t j = i;
    return next_cp(s, j);
}

// Scripts written without spaces: one weight unit per character (config.hpp).
bool is_cjk(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF && c != 0x30FB)  // kana (not the middle dot)
        || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x2FFFF)
        || (c >= 0x0E00 && c <= 0x0E7F) || c == 0x3005;  // Thai, 々
}

bool is_ascii_alnum(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Characters that glue a word together: letters and digits of space-separated scripts.
bool is_word_char(char32_t c) {
    if (c < 0x80) return is_ascii_alnum(c) || c == '\'';
    if (c == 0xD7 || c == 0xF7) return false;
    return (c >= 0xC0 && c <= 0x2FF) || (c >= 0x370 && c <= 0x1FFF && !(c >= 0x0E00 && c <= 0x0E7F))
        || (c >= 0xAC00 && c <= 0xD7AF);  // Latin, Greek, Cyrillic ... Hangul
}

// Punctuation, symbols, spaces, bullets, emoji and digits: what may sit between the lexicon
// words of a button row ("share | tweet", "comments (14)", "• urlをコピーしました!").
bool is_filler(char32_t c) {
    if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    if (is_cjk(c) || is_word_char(c)) return false;
    return true;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

bool is_sentence_end(char32_t c) {
    return c == 0x3002 || c == '!' || c == '?' || c == '.' || c == 0xFF0E || c == 0xFF01 || c == 0xFF1F;
}

bool is_closing(char32_t c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0x300D
        || c == 0x300F || c == 0x3011 || c == 0x300B || c == 0x3009 || c == 0xFF09 || c == ' ';
}

bool is_bullet(char32_t c) {
    switch (c) {
    case '*': case '-': case '>': case '+': case 0x2022: case 0x30FB: case 0x25BC: case 0x25A0:
    case 0x25BA: case 0x2192: case 0x25B6: case 0x25CF: case 0x25C6: case 0x25C7: case 0x25A1:
    case 0x25B8: case 0x2023: case 0x25E6: case 0x00B7: case 0x00BB: case 0x2013: case 0x2014:
    case 0x25B7: case 0x25B2: case 0x2606: case 0x2605:
        return true;
    default:
        return false;
    }
}

// --- lexicon matching ---------------------------------------------------------------------

// Looks phrases up in the lexicon's trie (phrase_trie.hpp): no copies, no hashing.
class Matcher {
public:
    explicit Matcher(const Lexicon& lexicon)
        : trie_(lexicon.phrases), star_space_(trie_.walk(PhraseTrie::root(), "* ")) {}

    const PhraseTrie& trie() const { return trie_; }
    bool stop(std::string_view s) const { return has(PhraseTrie::root(), s, Lexicon::k_stop); }
    // "previous *": a link head; "* はこちら": a link suffix (button entries with a wildcard).
    bool button_prefix(std::string_view head) const {
        return has(trie_.walk(PhraseTrie::root(), head), " *", Lexicon::k_button);
    }
    bool button_suffix(std::string_view tail) const { return has(star_space_, tail, Lexicon::k_button); }

private:
    bool has(PhraseTrie::Node from, std::string_view s, std::uint8_t kind) const {
        return (trie_.kinds(trie_.walk(from, s)) & kind) != 0;
    }

    const PhraseTrie& trie_;
    const PhraseTrie::Node star_space_;  // after "* ", where suffix entries continue
};

// How a whole line decomposes into lexicon phrases and filler.
struct Composition {
    int entries = 0;        // phrases used (0 = not a composition)
    bool headings_only = false;
};

// Dynamic programme over byte positions: can the line be cut into lexicon phrases separated
// only by filler? Phrases of space-separated scripts must end on a word boundary, so "x"
// never matches inside "xai". Prefers the parse with the fewest phrases.
Composition compose(std::string_view s, Matcher& matcher, bool headings_only) {
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
        const PhraseTrie& trie = matcher.trie();
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

// --- per-line features ------------------------------------------------------------------

enum class Cue : std::uint8_t {
    none,
    button,        // button/link phrases only: "share", "次へ", "share | tweet", "分享到:微信 微博"
    heading,       // heading phrases only: "related articles", "関連記事", "latest posts 新着記事"
    copyright,     // "© 2024 ...", "all rights reserved", "版权所有"
    nav_row,       // "a | b | c" with short cells, no numbers (a menu, not a table)
    breadcrumb,    // "首页 > 新闻 > 本地"
    link,          // "previous: ...", "上一篇:...", "...はこちら"
};

struct Shape {
    int weight = 0;
    bool terminal = false;      // ends in sentence punctuation (closing quotes skipped)
    int sentence_ends = 0;      // sentence punctuation anywhere in the line
    bool bullet = false;
    bool prose = false;         // terminal or at least two sentence ends
    bool title_like = false;    // short, no sentence punctuation: a title, menu item or link
    bool comma_end = false;     // ends in a comma: a line of a hard-wrapped paragraph
    bool ellipsis = false;      // ends in "..." / "…": a teaser cut off, or prose trailing off
    bool period_end = false;    // ends in "。" or "." (closing quotes skipped): a sentence, not a link
    bool url = false;           // the whole line is one URL
    bool field = false;         // "key:value", a row of a spec or info box
    bool digits = false;        // has a digit: a date, a byline's time, a table row
    int bars = 0;               // '|' separators
    Cue cue = Cue::none;
    int phrases = 0;            // lexicon phrases the line is made of (button / heading)
    bool spaced_link = false;   // "previous foo": a link head without ':' (needs a pair)
    int latin_words = 0, latin_stop = 0;  // words of space-separated scripts, and how many are stop words
};

// "a | b | c" with every cell short and few numbers: a menu or footer row. Tables keep numbers.
bool is_nav_row(std::string_view s) {
    int bars = 0;
    for (char c : s) bars += c == '|';
    if (bars < 2) return false;
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
            if (words > 4 || cjk > 12) return false;
            if (digit) ++numeric;
        }
        start = bar + 1;
    }
    return cells >= 3 && numeric * 2 < cells;
}

bool is_breadcrumb(std::string_view s) {
    int arrows = 0;
    for (std::string_view arrow : {" > ", " \u203a ", " \u00bb "}) {  // not " / ": spec lists use it
        for (std::size_t at = s.find(arrow); at != std::string_view::npos; at = s.find(arrow, at + 1)) ++arrows;
    }
    return arrows >= 2;
}

bool has_copyright(std::string_view s) {
    for (std::string_view mark : k_copyright_marks)
        if (s.find(mark) != std::string_view::npos) return true;
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
bool is_link_line(std::string_view s, Matcher& matcher, bool& spaced) {
    spaced = false;
    int heads = 0;
    for (std::size_t i = 0; i < s.size() && heads < 4; ++i) {
        if (s[i] != ' ' && s[i] != ':') continue;
        ++heads;
        std::string_view head = s.substr(0, i);
        while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
        std::size_t rest = i;
        while (rest < s.size() && (s[rest] == ' ' || s[rest] == ':')) ++rest;
        if (head.empty() || rest >= s.size()) continue;
        if (matcher.button_prefix(head)) {
            spaced = s.substr(i, rest - i).find(':') == std::string_view::npos;
            return true;
        }
    }
    // Suffixes: the last up to 10 code points.
    std::size_t start = s.size();
    for (int k = 0; k < 10 && start > 0; ++k) {
        std::size_t prev = 0;
        last_cp(s.substr(0, start), prev);
        start = prev;
        std::size_t at = start;
        const bool word_start = is_word_char(next_cp(s, at));
        std::size_t before = 0;
        if (word_start && start > 0 && is_word_char(last_cp(s.substr(0, start), before))) continue;
        if (matcher.button_suffix(s.substr(start))) return true;
    }
    return false;
}

Shape measure(const LineFeatures& line, Matcher& matcher) {
    Shape shape;
    const std::string_view s = line.normalized;
    shape.weight = line.weight;

    // Punctuation and words.
    bool in_word = false;
    std::size_t word_start = 0;
    std::size_t scanned = 0;
    char32_t prev = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = next_cp(s, i);
        const bool w = is_word_char(c);
        if (w && !in_word) word_start = at;
        if (!w && in_word && scanned < k_stop_scan) {
            ++shape.latin_words;
            if (matcher.stop(s.substr(word_start, at - word_start))) ++shape.latin_stop;
        }
        in_word = w;
        if (is_sentence_end(c)) {
            // A '.' ends a sentence after a letter and before a space or the end ("3.5" and
            // "e.g." mostly do not).
            if (c != '.') ++shape.sentence_ends;
            else if ((i >= s.size() || s[i] == ' ' || s[i] == '"') && (is_word_char(prev) || is_cjk(prev)) &&
                     !is_digit(prev))
                ++shape.sentence_ends;
        }
        shape.digits = shape.digits || is_digit(c);
        shape.bars += c == '|';
        prev = c;
        ++scanned;
    }
    if (in_word && scanned <= k_stop_scan) {
        ++shape.latin_words;
        if (matcher.stop(s.substr(word_start))) ++shape.latin_stop;
    }

    // Ending: sentence punctuation (closing quotes skipped) or a teaser's ellipsis.
    std::string_view body = s;
    while (!body.empty()) {
        std::size_t start = 0;
        const char32_t c = last_cp(body, start);
        if (!is_closing(c)) break;
        body = body.substr(0, start);
    }
    const bool ellipsis = body.ends_with("...") || body.ends_with("\u2026") || body.ends_with("\u22ef");
    if (!body.empty() && !ellipsis) {
        std::size_t start = 0;
        const char32_t end = last_cp(body, start);
        shape.terminal = is_sentence_end(end);
        shape.period_end = end == 0x3002 || end == '.' || end == 0xFF0E;
    }
    shape.url = (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")) &&
                s.find(' ') == std::string_view::npos;
    if (shape.url) shape.terminal = shape.period_end = false;
    shape.prose = shape.terminal || shape.sentence_ends >= 2;
    {
        const std::size_t colon = s.find(':');
        shape.field = !shape.url && colon != std::string_view::npos && colon > 0 && colon <= 40 &&
                      s.find_first_not_of(' ', colon + 1) != std::string_view::npos;
    }
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
    if (shape.weight > k_max_cue_weight) return shape;
    if (has_copyright(s)) {
        shape.cue = Cue::copyright;
        return shape;
    }
    {
        const std::string_view core = s;
        const Composition all = compose(core, matcher, false);
        if (all.entries > 0) {
            shape.phrases = all.entries;
            shape.cue = compose(core, matcher, true).entries > 0 ? Cue::heading : Cue::button;
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
    if (!shape.terminal && is_link_line(s, matcher, spaced)) {
        // "next year ..." is prose; "next: ..." is a link. A space-separated head counts only in
        // a previous/next pair, checked by the caller.
        shape.cue = spaced ? Cue::none : Cue::link;
        shape.spaced_link = spaced;
    }
    return shape;
}

// --- classes and context -----------------------------------------------------------------

enum class Cls : std::uint8_t { blank, good, near_good, short_line, bad, soft_bad };

bool is_bad(Cls c) { return c == Cls::bad || c == Cls::soft_bad; }

struct Line {
    Shape shape;
    Cls cls = Cls::blank;
    double score = 0.0;
    bool recurring = false;      // template of the site (recurrence share reached)
    bool recurs_some = false;    // in >= 2 documents, below the share
    bool recurs_often = false;   // in >= config.boilerplate_many_docs documents, whatever the share
    bool long_prose = false;     // exempt from recurrence: a duplicate's business
    bool title = false;          // the article's title slot
    bool anchor = false;         // counts as article for the neighbours (good, title, protect)
    bool data = false;           // in a block of key:value rows: never chrome by context alone
    bool resolved = false;       // class settled by context
    bool protect = false;        // matched a --keep pattern
};

// For every line, the class of the nearest non-blank line above (`step` -1) or below (+1)
// that `decided` accepts, anchors counting as good; `Cls::blank` when the page edge comes
// first (the edges are neutral: a page may start or end with article text). One pass, so the
// context rules stay linear on pages of thousands of short lines.
template <class Pred>
std::vector<Cls> nearest(const std::vector<Line>& lines, int step, Pred decided) {
    const std::size_t n = lines.size();
    std::vector<Cls> out(n, Cls::blank);
    Cls last = Cls::blank;
    for (std::size_t j = 0; j < n; ++j) {
        const std::size_t k = step < 0 ? j : n - 1 - j;
        out[k] = last;
        const Line& line = lines[k];
        if (line.cls == Cls::blank) continue;
        if (line.anchor) last = Cls::good;
        else if (decided(line)) last = line.cls;
    }
    return out;
}

bool decided(const Line& line) { return line.cls == Cls::good || is_bad(line.cls); }

}  // namespace

// --- Lexicon ------------------------------------------------------------------------------

namespace {

std::string canonical_entry(std::string_view raw) {
    std::string out;
    bool space = false;
    for (char c : raw) {
        if (c == ' ' || c == '\t') { space = !out.empty(); continue; }
        if (space) out += ' ';
        space = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

void parse_word_list(Lexicon& lexicon, std::string_view text, const std::string& source) {
    std::unordered_set<std::string>* section = nullptr;
    std::size_t offset = 0;
    while (offset < text.size()) {
        std::size_t end = text.find('\n', offset);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(offset, end - offset);
        const std::size_t line_offset = offset;
        offset = end + 1;
        if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (line.empty() || line.front() == '#') continue;
        if (line.front() == '[' && line.back() == ']') {
            const std::string_view name = line.substr(1, line.size() - 2);
            if (name == "button") section = &lexicon.button_words;
            else if (name == "heading") section = &lexicon.heading_words;
            else if (name == "stop") section = &lexicon.stop_words;
            else throw Error(ExitCode::usage, "unknown word list section [" + std::string(name) +
                             "] (expected [button], [heading] or [stop])", source, line_offset);
            continue;
        }
        if (section == nullptr)
            throw Error(ExitCode::usage, "word list entry before any [section]", source, line_offset);
        section->insert(canonical_entry(line));
    }
}

}  // namespace

Lexicon Lexicon::load(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(ExitCode::usage, "word list folder not found or not a folder", dir);
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".txt" && it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) throw Error(ExitCode::usage, "cannot read word list folder: " + ec.message(), dir);
    if (files.empty()) throw Error(ExitCode::usage, "no *.txt word lists in folder", dir);
    std::sort(files.begin(), files.end());
    Lexicon lexicon;
    for (const fs::path& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        if (!in || !(text << in.rdbuf()))
            throw Error(ExitCode::usage, "cannot read word list", path.string());
        parse_word_list(lexicon, text.str(), path.string());
    }
    lexicon.index_phrases();
    return lexicon;
}

void Lexicon::index_phrases() {
    std::vector<std::pair<std::string, std::uint8_t>> entries;
    entries.reserve(button_words.size() + heading_words.size() + stop_words.size());
    for (const std::string& word : button_words) entries.emplace_back(word, k_button);
    for (const std::string& word : heading_words) entries.emplace_back(word, k_heading);
    for (const std::string& word : stop_words) entries.emplace_back(word, k_stop);
    phrases = PhraseTrie(entries);
}

const Lexicon& Lexicon::builtin() {
    static const Lexicon lexicon = [] {
        Lexicon built;
        for (std::string_view text : k_lexicon_files) parse_word_list(built, text, "<built-in word list>");
        built.index_phrases();
        return built;
    }();
    return lexicon;
}

// --- classify_lines ---------------------------------------------------------------------

namespace {

// Step 1: one class per line from its own shape, with recurrence flags.
void classify_alone(std::vector<Line>& lines, const std::vector<LineFeatures>& features, const Config& config,
                    Matcher& matcher) {
    const std::size_t n = lines.size();
    long latin_words = 0, latin_stop = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const LineFeatures& f = features[i];
        Line& line = lines[i];
        if (f.blank || f.normalized.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
        line.shape = measure(f, matcher);
        line.cls = Cls::short_line;
        latin_words += line.shape.latin_words;
        latin_stop += line.shape.latin_stop;
        line.long_prose = f.weight >= k_long_prose_weight && line.shape.prose;
        if (f.group_docs > 0 && f.recurrence_docs >= 2) {
            const double share = static_cast<double>(f.recurrence_docs) / static_cast<double>(f.group_docs);
            const bool templ = static_cast<int>(f.recurrence_docs) >= config.boilerplate_min_docs &&
                               share >= config.boilerplate_min_share;
            if (!line.long_prose) {
                line.recurring = templ;
                line.recurs_some = !templ;
            }
            line.recurs_often = static_cast<int>(f.recurrence_docs) >= config.boilerplate_many_docs;
        }
    }
    // A pipe row next to a pipe row with numbers is a table's header, not a menu.
    for (std::size_t i = 0; i < n; ++i) {
        if (lines[i].shape.cue != Cue::nav_row) continue;
        auto numeric_row = [&](std::size_t k) {
            const Shape& s = lines[k].shape;
            return lines[k].cls != Cls::blank && s.cue != Cue::nav_row && s.bars == lines[i].shape.bars && s.digits;
        };
        if ((i > 0 && numeric_row(i - 1)) || (i + 1 < n && numeric_row(i + 1))) lines[i].shape.cue = Cue::none;
    }
    // Space-separated link heads ("previous foo") count only as a previous/next pair.
    for (std::size_t i = 0; i < n; ++i) {
        if (!lines[i].shape.spaced_link) continue;
        auto link_at = [&](std::size_t k) { return lines[k].shape.spaced_link || lines[k].shape.cue == Cue::link; };
        if ((i > 0 && link_at(i - 1)) || (i + 1 < n && link_at(i + 1))) lines[i].shape.cue = Cue::link;
    }
    // Stop-word density is evidence only where the word lists cover the page's language, and
    // only for space-separated scripts: Chinese news prose can have no function word at all in
    // a 40-character sentence, so CJK lines are judged by length and punctuation alone.
    const bool latin_covered = latin_words > 0 && latin_stop * 10 >= latin_words;

    for (Line& line : lines) {
        if (line.cls == Cls::blank) continue;
        const Shape& s = line.shape;
        switch (s.cue) {
        case Cue::copyright: case Cue::nav_row:
            line.cls = Cls::bad;
            line.score = s.cue == Cue::copyright ? 1.0 : 0.95;
            continue;
        case Cue::button: case Cue::heading:
            // One phrase alone may be an in-article heading ("Weather"); a row of them is not.
            line.cls = s.phrases >= 2 ? Cls::bad : Cls::soft_bad;
            line.score = s.phrases >= 2 ? 0.95 : s.cue == Cue::button ? 0.9 : 0.85;
            continue;
        case Cue::breadcrumb: case Cue::link:
            line.cls = Cls::soft_bad;
            line.score = 0.85;
            continue;
        case Cue::none:
            break;
        }
        bool stop_ok = true;
        if (latin_covered && 4 * s.latin_words >= s.weight && s.latin_words >= 8)
            stop_ok = s.latin_stop * 5 >= s.latin_words;  // >= 20% function words
        const bool may_be_good = !s.ellipsis && !line.recurs_some && !line.recurring;
        if (s.weight >= k_good_weight && s.prose && stop_ok && may_be_good) {
            line.cls = Cls::good;
            line.score = s.weight >= 2 * k_good_weight ? k_score_good_long : k_score_good;
        } else if (s.weight >= k_good_weight || (s.weight >= k_near_good_weight && s.terminal)) {
            line.cls = Cls::near_good;
            line.score = k_score_near_good;
        } else {
            line.score = k_score_short_mixed;
        }
    }
}

// Calls `visit(start, end)` for every block: a maximal run of non-blank lines.
template <class Visit>
void for_each_block(const std::vector<Line>& lines, std::size_t limit, Visit visit) {
    for (std::size_t start = 0; start < limit;) {
        if (lines[start].cls == Cls::blank) { ++start; continue; }
        std::size_t end = start;
        while (end < limit && lines[end].cls != Cls::blank) ++end;
        visit(start, end);
        start = end;
    }
}

// Hard-wrapped paragraphs: a block that reads as prose as a whole (no cue in it, enough
// weight, most lines ending in sentence punctuation or a comma, at least one in a period or a
// comma — titles end in neither, and few bullets) is good line by line.
void mark_wrapped_paragraphs(std::vector<Line>& lines) {
    for_each_block(lines, lines.size(), [&](std::size_t start, std::size_t end) {
        const int count = static_cast<int>(end - start);
        int weight = 0, ends = 0, periods = 0, bullets = 0;
        bool clean = true;
        for (std::size_t k = start; k < end; ++k) {
            const Line& l = lines[k];
            const Shape& s = l.shape;
            weight += s.weight;
            clean = clean && s.cue == Cue::none && !l.recurring && !l.recurs_some;
            bullets += s.bullet;
            ends += s.terminal || s.comma_end;
            periods += s.period_end || s.comma_end;
        }
        if (count < 2 || !clean || weight < k_good_weight || 2 * ends < count || periods == 0 || 2 * bullets >= count)
            return;
        for (std::size_t k = start; k < end; ++k) {
            if (lines[k].cls == Cls::good) continue;
            lines[k].cls = Cls::good;
            lines[k].score = k_score_good;
        }
    });
}

// Spec and info boxes ("価格:無料", "weight: 2.1 kg"): blocks of >= 3 key:value rows are article
// facts, whatever chrome surrounds them, so context never turns them into chrome.
void mark_data_blocks(std::vector<Line>& lines) {
    for_each_block(lines, lines.size(), [&](std::size_t start, std::size_t end) {
        int fields = 0;
        for (std::size_t k = start; k < end; ++k) fields += lines[k].shape.field && lines[k].shape.cue == Cue::none;
        if (fields < 3 || 2 * fields < static_cast<int>(end - start)) return;
        for (std::size_t k = start; k < end; ++k) lines[k].data = lines[k].shape.cue == Cue::none;
    });
}

// The title slot: the lines right above the first paragraph (title, byline, date), past a
// short lead paragraph or two. A recurring template is not a paragraph, so it cannot anchor
// the slot. Returns the first paragraph's index, or n when the page has none.
std::size_t mark_title_slot(std::vector<Line>& lines) {
    const std::size_t n = lines.size();
    std::size_t first_good = n;
    for (std::size_t i = 0; i < n; ++i) {
        if (lines[i].cls == Cls::good) { first_good = i; break; }
    }
    if (first_good == n) return n;
    std::size_t k = first_good;
    for (int leads = 0; leads <= 2; ++leads) {
        while (k > 0 && lines[k - 1].cls == Cls::blank) --k;
        if (leads == 2 || k == 0 || lines[k - 1].cls != Cls::near_good || !lines[k - 1].shape.prose) break;
        --k;
    }
    // Title, dateline and byline may stand in blocks of their own ("Title", blank, "3 March 2013",
    // blank, first paragraph): blank lines between them do not end the slot.
    std::vector<std::size_t> slot;
    bool blank_between = false;
    while (k > 0 && slot.size() < 3) {
        std::size_t above_index = k;
        while (above_index > 0 && lines[above_index - 1].cls == Cls::blank) --above_index;
        if (above_index == 0) break;
        // Across blank lines only while what was collected is datelines (short, with digits):
        // once a title-like line is in the slot, a block above it is something else (a menu).
        if (above_index != k && std::any_of(slot.begin(), slot.end(), [&](std::size_t t) {
                return !lines[t].shape.digits || lines[t].shape.weight > 16;  // a dateline is short
            }))
            break;
        const Cls above = lines[above_index - 1].cls;
        if (above == Cls::good || is_bad(above)) break;
        blank_between = blank_between || above_index != k;
        k = above_index;
        slot.push_back(--k);
    }
    // A longer block directly above (no blank line) is a menu with the title at its end.
    if (slot.size() == 3 && !blank_between && k > 0 && lines[k - 1].cls != Cls::blank) slot.resize(2);
    // Recurrence yields only for the title itself (the heaviest line without digits: it recurs
    // in the other pages' related lists) and for lines with digits (a dateline recurs once
    // numbers are masked); a recurring section name above the title is still a template.
    std::size_t heaviest = lines.size();
    for (std::size_t t : slot) {
        if (lines[t].shape.digits) continue;
        if (heaviest == lines.size() || lines[t].shape.weight > lines[heaviest].shape.weight) heaviest = t;
    }
    for (std::size_t t : slot) {
        if (lines[t].recurring && t != heaviest && !lines[t].shape.digits) continue;
        lines[t].title = true;
        lines[t].anchor = true;
        lines[t].score = k_score_title;
    }
    if (!slot.empty()) return first_good;
    // No title slot: a share row or a byline often stands between the title and the
    // first paragraph. Look a few lines further up for the heaviest line that reads like a
    // headline — no chrome cue, not a site template, at least 8 weight units (a menu item is a
    // word or two), 12 when it has digits.
    std::size_t best = lines.size();
    int seen = 0;
    for (std::size_t i = k; i-- > 0 && seen < 6;) {
        const Line& line = lines[i];
        if (line.cls == Cls::blank) continue;
        ++seen;
        if (line.cls == Cls::good) break;
        // Digits are allowed in a longer line ("The 2016 election results"), not in a short one
        // (a dateline).
        if (line.recurring || line.shape.cue != Cue::none || line.shape.weight < (line.shape.digits ? 12 : 8)) continue;
        if (best == lines.size() || line.shape.weight > lines[best].shape.weight) best = i;
    }
    if (best != lines.size()) {
        lines[best].title = true;
        lines[best].anchor = true;
        lines[best].score = k_score_title;
    }
    return first_good;
}

// In a large site a footer or promotion recurs in many pages but in a small share of them (a
// campaign runs for a month). Recurring that often *outside* the article — above its first or
// below its last paragraph of its own — makes a line a template, long prose included (a
// promotion paragraph). Inside the article it stays a duplicate's business (a syndicated quote,
// a spec table).
void promote_margin_recurrence(std::vector<Line>& lines) {
    const std::size_t n = lines.size();
    auto own_paragraph = [](const Line& l) { return l.cls == Cls::good && !l.recurs_often && !l.recurring; };
    std::size_t first = n, last = n;
    for (std::size_t i = 0; i < n; ++i)
        if (own_paragraph(lines[i])) {
            if (first == n) first = i;
            last = i;
        }
    if (first == n) return;  // no paragraph of its own: nothing tells article from margin
    for (std::size_t i = 0; i < n; ++i) {
        Line& line = lines[i];
        if (!line.recurs_often || line.title || line.protect || (i > first && i < last)) continue;
        line.recurring = true;
        line.recurs_some = false;
        if (line.cls == Cls::good) {  // a recurring promotion paragraph no longer anchors its neighbours
            line.cls = Cls::bad;
            line.anchor = false;
        }
    }
}

// Recurring templates are chrome, for the neighbours too — except a lone recurring line
// between paragraphs: an in-article heading every post of the site has, like "まとめ".
void apply_recurrence(std::vector<Line>& lines) {
    const std::size_t n = lines.size();
    auto plain = [](const Line& l) { return !l.recurring && (l.cls == Cls::good || l.cls == Cls::bad); };
    const std::vector<Cls> up = nearest(lines, -1, plain);
    const std::vector<Cls> down = nearest(lines, +1, plain);
    // The nearest non-blank line above/below: is it recurring too?
    std::vector<char> recurring_near(n, 0);
    for (int step : {-1, +1}) {
        bool last = false;
        for (std::size_t j = 0; j < n; ++j) {
            const std::size_t k = step < 0 ? j : n - 1 - j;
            if (lines[k].cls == Cls::blank) continue;
            recurring_near[k] = static_cast<char>(recurring_near[k] || last);
            last = lines[k].recurring;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        Line& line = lines[i];
        if (!line.recurring || line.anchor || is_bad(line.cls)) continue;
        if (!recurring_near[i] && up[i] == Cls::good && down[i] == Cls::good) {
            line.recurring = false;
            continue;
        }
        line.cls = Cls::bad;
    }
}

// A lone soft cue between two paragraphs is article ("Next steps", "Weather", "目次").
void rescue_soft_cues(std::vector<Line>& lines) {
    const std::vector<Cls> up = nearest(lines, -1, decided);
    const std::vector<Cls> down = nearest(lines, +1, decided);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        Line& line = lines[i];
        if (line.cls != Cls::soft_bad || line.recurring || up[i] != Cls::good || down[i] != Cls::good) continue;
        line.cls = Cls::short_line;
        line.score = k_score_rescued;
        line.resolved = true;
    }
}

// Uncertain lines of class `which` follow their neighbours: chrome between chrome, article
// between article, and article when mixed. Without any paragraph on the page, prose is never
// judged by its neighbours.
void follow_neighbours(std::vector<Line>& lines, Cls which, bool any_good) {
    const std::vector<Cls> up = nearest(lines, -1, decided);
    const std::vector<Cls> down = nearest(lines, +1, decided);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        Line& line = lines[i];
        if (line.cls != which || line.anchor || line.data || line.resolved) continue;
        line.resolved = true;
        const bool near_good = which == Cls::near_good;
        if (is_bad(up[i]) && is_bad(down[i]) && (any_good || !line.shape.prose)) {
            line.cls = Cls::bad;
            line.score = line.shape.prose ? k_score_context_bad_prose : k_score_context_bad;
        } else if (near_good) {
            line.cls = Cls::good;  // resolved: counts as article for the short lines next
        } else if (up[i] == Cls::good && down[i] == Cls::good) {
            line.score = k_score_short_good;
        }
    }
}

// A heading word followed by title-like lines, all bulleted or none, is a list of links: >= 3
// lines, or >= 2 bulleted ones. A bare URL under a title belongs to it; two blank lines in a
// row end the list.
void mark_link_lists(std::vector<Line>& lines) {
    const std::size_t n = lines.size();
    for (std::size_t h = 0; h < n; ++h) {
        if (lines[h].shape.cue != Cue::heading || !is_bad(lines[h].cls)) continue;
        std::vector<std::size_t> run;
        std::size_t first_item = n;
        int blanks = 0, items = 0;
        for (std::size_t k = h + 1; k < n && run.size() < 30; ++k) {
            const Line& l = lines[k];
            if (l.cls == Cls::blank) {
                if (++blanks >= 2) break;
                continue;
            }
            blanks = 0;
            if (is_bad(l.cls)) continue;
            // Link titles may end in "!" or "?", not in a period or comma.
            const bool kept = l.cls == Cls::short_line || (l.cls == Cls::good && l.resolved);
            if (l.anchor || l.data || !kept || l.shape.period_end || l.shape.comma_end ||
                l.shape.weight >= k_long_prose_weight)
                break;
            if (!l.shape.url) {
                if (first_item == n) first_item = k;
                else if (l.shape.bullet != lines[first_item].shape.bullet) break;
                ++items;
            }
            run.push_back(k);
        }
        const bool bulleted = first_item < n && lines[first_item].shape.bullet;
        if (items < (bulleted ? k_link_list_lines - 1 : k_link_list_lines)) continue;
        for (std::size_t k : run) {
            lines[k].cls = Cls::bad;
            lines[k].score = k_score_link_list;
        }
    }
}

// Above the first paragraph: menu items hanging off chrome (short title-like lines reached
// from a chrome line through other such lines), and blocks of short lines made of at least
// 40% chrome (a menu written one item per line; one photo credit does not make a menu).
void mark_head_menus(std::vector<Line>& lines, std::size_t first_good) {
    auto menu_item = [](const Line& l) {
        return l.cls == Cls::short_line && !l.anchor && !l.data && l.shape.title_like;
    };
    bool from_chrome = false;
    for (std::size_t i = 0; i < first_good; ++i) {
        Line& line = lines[i];
        if (line.cls == Cls::blank) continue;
        if (is_bad(line.cls)) { from_chrome = true; continue; }
        if (!menu_item(line)) { from_chrome = false; continue; }
        if (from_chrome && line.shape.weight <= k_menu_item_weight) {
            line.cls = Cls::bad;
            line.score = k_score_menu;
        }
    }
    for_each_block(lines, first_good, [&](std::size_t start, std::size_t end) {
        std::size_t chrome = 0;
        for (std::size_t k = start; k < end; ++k) {
            if (is_bad(lines[k].cls)) ++chrome;
            else if (!menu_item(lines[k])) return;
        }
        if (end - start < 3 || chrome < 2 || 5 * chrome < 2 * (end - start)) return;
        for (std::size_t k = start; k < end; ++k) {
            if (is_bad(lines[k].cls)) continue;
            lines[k].cls = Cls::bad;
            lines[k].score = k_score_menu;
        }
    });
}

// The tail of the page: from the first heading word ("関連記事", "related articles") after which
// at most a fifth of the page's paragraph weight remains. What follows such a heading is
// mostly the site's (related lists, promotions, recruiting blocks), so a paragraph there is no
// anchor: it becomes uncertain and follows its neighbours. Long prose keeps its place (a second
// article glued on, or a duplicate for the duplicate stage to judge).
void demote_tail(std::vector<Line>& lines) {
    const std::size_t n = lines.size();
    long total = 0;
    for (const Line& l : lines) total += l.cls == Cls::good ? l.shape.weight : 0;
    if (total == 0) return;
    long before = 0;
    std::size_t tail = n;
    for (std::size_t i = 0; i < n; ++i) {
        const Line& l = lines[i];
        if (l.cls == Cls::good) before += l.shape.weight;
        if (l.shape.cue == Cue::heading && is_bad(l.cls) && before > 0 && 5 * (total - before) <= before) {
            tail = i;
            break;
        }
    }
    for (std::size_t k = tail + 1; k < n; ++k) {
        Line& l = lines[k];
        if (l.cls != Cls::good || l.long_prose || l.protect || l.title) continue;
        l.cls = Cls::near_good;
        l.anchor = false;
        l.score = k_score_near_good;
    }
}

}  // namespace

std::vector<LineVerdict> classify_lines(const std::vector<LineFeatures>& features, const Lexicon& lexicon,
                                        const Config& config) {
    const std::size_t n = features.size();
    std::vector<LineVerdict> verdicts(n);
    if (n == 0) return verdicts;
    Matcher matcher(lexicon);
    std::vector<Line> lines(n);

    classify_alone(lines, features, config, matcher);
    mark_wrapped_paragraphs(lines);
    mark_data_blocks(lines);
    const std::size_t first_good = mark_title_slot(lines);
    for (std::size_t i = 0; i < n; ++i) {
        lines[i].protect = features[i].protect;
        if (features[i].protect || lines[i].cls == Cls::good) lines[i].anchor = true;
    }
    promote_margin_recurrence(lines);
    if (config.shape) {
        apply_recurrence(lines);
        rescue_soft_cues(lines);
        demote_tail(lines);
        const bool any_good = first_good < n;
        follow_neighbours(lines, Cls::near_good, any_good);
        follow_neighbours(lines, Cls::short_line, any_good);
        mark_link_lists(lines);
        if (any_good) mark_head_menus(lines, first_good);
    }

    for (std::size_t i = 0; i < n; ++i) {
        const Line& line = lines[i];
        LineVerdict& v = verdicts[i];
        if (line.cls == Cls::blank) continue;
        v.title = line.title;
        if (config.shape) {
            v.score = line.score;
            v.chrome = line.score >= config.shape_threshold && !line.title;
        }
        // Recurrence makes chrome whatever the threshold; the title slot and long prose (left
        // to the duplicate stage) are exempt, and so is a lone recurring in-article heading.
        if (line.recurring && !line.title) {
            v.chrome = true;
            v.by_recurrence = true;
            v.score = config.shape ? std::max(v.score, k_score_recurrence) : 1.0;
        }
        if (features[i].protect) {
            v.chrome = false;
            v.by_recurrence = false;
        }
    }
    return verdicts;
}

}  // namespace once
