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
#include "once/shape.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "lexicon_data.hpp"
#include "once/error.hpp"

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
constexpr std::array<std::string_view, 14> k_copyright_marks = {
    "\u00a9", "copyright", "all rights reserved", "powered by wordpress", "版权所有", "版權所有",
    "無断転載", "無断複製", "禁止转载", "未经授权", "alle rechte vorbehalten",
    "tous droits réservés", "todos los derechos reservados", "(c) 20",
};

// --- UTF-8 and character classes ---------------------------------------------------------------

// Decodes the code point at `i` and advances `i`; malformed bytes decode as U+FFFD, one byte
// at a time, so a stray byte can never stall or overrun the scan.
char32_t next_cp(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) { ++i; return b0; }
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

// Looks phrases up without allocating per call: one reusable key buffer.
class Matcher {
public:
    explicit Matcher(const Lexicon& lexicon) : lexicon_(lexicon) {}

    bool button(std::string_view s) { return has(lexicon_.button_words, s); }
    bool heading(std::string_view s) { return has(lexicon_.heading_words, s); }
    bool stop(std::string_view s) { return has(lexicon_.stop_words, s); }
    bool button_prefix(std::string_view head) { return has_affixed(head, false); }
    bool button_suffix(std::string_view tail) { return has_affixed(tail, true); }

private:
    bool has(const std::unordered_set<std::string>& set, std::string_view s) {
        if (set.empty()) return false;
        key_.assign(s.data(), s.size());
        return set.count(key_) != 0;
    }
    bool has_affixed(std::string_view s, bool suffix) {
        if (suffix) { key_ = "* "; key_.append(s.data(), s.size()); }
        else { key_.assign(s.data(), s.size()); key_ += " *"; }
        return lexicon_.button_words.count(key_) != 0;
    }

    const Lexicon& lexicon_;
    std::string key_;
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
        // Try every phrase starting here, ending on a code point boundary.
        std::size_t end = i;
        char32_t last = 0;
        while (end < n && end - i <= k_max_entry_bytes) {
            last = next_cp(s, end);
            std::size_t peek = end;
            const char32_t after = end < n ? next_cp(s, peek) : U' ';
            if (is_word_char(last) && is_word_char(after)) continue;  // mid-word
            const std::string_view phrase = s.substr(i, end - i);
            const bool is_heading = matcher.heading(phrase);
            const bool is_button = !headings_only && !is_heading && matcher.button(phrase);

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
    for (std::string_view arrow : {" > ", " \u203a ", " \u00bb ", " / "}) {
        for (std::size_t at = s.find(arrow); at != std::string_view::npos; at = s.find(arrow, at + 1)) ++arrows;
    }
    return arrows >= 2;
}

bool has_copyright(std::string_view s) {
    for (std::string_view mark : k_copyright_marks)
        if (s.find(mark) != std::string_view::npos) return true;
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
    shape.prose = shape.terminal || shape.sentence_ends >= 2;
    {
        std::size_t i = 0;
        const char32_t first = s.empty() ? 0 : next_cp(s, i);
        std::size_t j = i;
        const char32_t second = i < s.size() ? next_cp(s, j) : 0;
        shape.bullet = is_bullet(first) && !is_digit(second) && !(first == '-' && second == '-');
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
    bool long_prose = false;     // exempt from recurrence: a duplicate's business
    bool title = false;          // the article's title slot
    bool anchor = false;         // counts as article for the neighbours (good, title, protect)
    bool resolved = false;       // class settled by context
};

// Nearest non-blank line before/after `i` whose class satisfies `decided`; `edge` when none.
template <class Pred>
Cls neighbour(const std::vector<Line>& lines, std::size_t i, int step, Cls edge, Pred decided) {
    for (std::size_t k = i;;) {
        if (step < 0) { if (k == 0) return edge; --k; }
        else { ++k; if (k >= lines.size()) return edge; }
        const Line& line = lines[k];
        if (line.cls == Cls::blank) continue;
        if (line.anchor) return Cls::good;
        if (decided(line)) return line.cls;
    }
}

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
    return lexicon;
}

const Lexicon& Lexicon::builtin() {
    static const Lexicon lexicon = [] {
        Lexicon built;
        for (std::string_view text : k_lexicon_files) parse_word_list(built, text, "<built-in word list>");
        return built;
    }();
    return lexicon;
}

// --- classify_lines ---------------------------------------------------------------------

std::vector<LineVerdict> classify_lines(const std::vector<LineFeatures>& features, const Lexicon& lexicon,
                                        const Config& config) {
    const std::size_t n = features.size();
    std::vector<LineVerdict> verdicts(n);
    if (n == 0) return verdicts;
    Matcher matcher(lexicon);
    std::vector<Line> lines(n);

    // 1. Features, recurrence flags, document-level stop-word coverage.
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
            if (static_cast<int>(f.recurrence_docs) >= config.boilerplate_min_docs &&
                share >= config.boilerplate_min_share)
                line.recurring = !line.long_prose;
            else
                line.recurs_some = !line.long_prose;
        }
    }
    // Space-separated link heads ("previous foo") count only as a previous/next pair.
    for (std::size_t i = 0; i < n; ++i) {
        if (!lines[i].shape.spaced_link) continue;
        auto link_at = [&](std::size_t k) {
            return lines[k].shape.spaced_link || lines[k].shape.cue == Cue::link;
        };
        if ((i > 0 && link_at(i - 1)) || (i + 1 < n && link_at(i + 1))) lines[i].shape.cue = Cue::link;
    }
    // Stop-word density is evidence only where the word lists cover the page's language, and
    // only for space-separated scripts: Chinese news prose can have no function word at all in
    // a 40-character sentence, so CJK lines are judged by length and punctuation alone.
    const bool latin_covered = latin_words > 0 && latin_stop * 10 >= latin_words;

    // 2. Initial classes.
    bool any_good = false;
    for (std::size_t i = 0; i < n; ++i) {
        Line& line = lines[i];
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
        if (s.weight >= k_good_weight && s.prose && stop_ok && !s.ellipsis && !line.recurs_some && !line.recurring) {
            line.cls = Cls::good;
            line.score = s.weight >= 2 * k_good_weight ? k_score_good_long : k_score_good;
        } else if (s.weight >= k_good_weight || (s.weight >= k_near_good_weight && s.terminal)) {
            line.cls = Cls::near_good;
            line.score = k_score_near_good;
        } else {
            line.score = k_score_short_mixed;
        }
    }

    // Hard-wrapped paragraphs: a block of consecutive lines that reads as prose as a whole (no
    // cue in it, enough weight, most lines ending in sentence punctuation or a comma, at least
    // one in a period or comma — titles end in neither) is good line by line.
    for (std::size_t start = 0; start < n;) {
        if (lines[start].cls == Cls::blank) { ++start; continue; }
        std::size_t end = start;
        int weight = 0, ends = 0, periods = 0, bullets = 0;
        bool clean = true;
        for (; end < n && lines[end].cls != Cls::blank; ++end) {
            const Line& l = lines[end];
            const Shape& s = l.shape;
            weight += s.weight;
            clean = clean && s.cue == Cue::none && !l.recurring && !l.recurs_some;
            bullets += s.bullet;
            ends += s.terminal || s.comma_end;
            std::size_t at = 0;
            const char32_t last = features[end].normalized.empty() ? 0 : last_cp(features[end].normalized, at);
            periods += s.comma_end || last == 0x3002 || last == '.';
        }
        const std::size_t count = end - start;
        if (count >= 2 && clean && weight >= k_good_weight && 2 * ends >= static_cast<int>(count) && periods > 0 &&
            2 * bullets < static_cast<int>(count)) {
            for (std::size_t k = start; k < end; ++k) {
                if (lines[k].cls == Cls::good) continue;
                lines[k].cls = Cls::good;
                lines[k].score = k_score_good;
            }
        }
        start = end;
    }

    // Title slot: the lines right above the first good paragraph (title, byline, date). A
    // recurring template is not a paragraph, so it cannot anchor the slot.
    std::size_t first_good = n;
    for (std::size_t i = 0; i < n; ++i) {
        if (lines[i].cls == Cls::good && !lines[i].recurring) { first_good = i; break; }
    }
    if (first_good < n) {
        any_good = true;
        // A short lead paragraph or two ("near-good" prose) may come between title and body.
        std::size_t k = first_good;
        for (int leads = 0; leads <= 2; ++leads) {
            while (k > 0 && lines[k - 1].cls == Cls::blank) --k;
            if (leads == 2 || k == 0 || lines[k - 1].cls != Cls::near_good || !lines[k - 1].shape.prose) break;
            --k;
        }
        std::vector<std::size_t> slot;
        while (k > 0 && slot.size() < 3) {
            const Line& above = lines[k - 1];
            if (above.cls == Cls::blank || above.cls == Cls::bad || above.cls == Cls::soft_bad ||
                above.cls == Cls::good)
                break;
            slot.push_back(--k);
        }
        // A longer block directly above (no blank line) is a menu with the title at its end.
        if (slot.size() == 3 && k > 0 && lines[k - 1].cls != Cls::blank) slot.resize(2);
        for (std::size_t t : slot) {
            lines[t].title = true;
            lines[t].anchor = true;
            lines[t].score = k_score_title;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (features[i].protect || lines[i].cls == Cls::good) lines[i].anchor = true;
    }

    if (config.shape) {
        // Recurring templates are chrome for the neighbours too, except a lone recurring line
        // between paragraphs (an in-article heading every post has, like "まとめ").
        for (std::size_t i = 0; i < n; ++i) {
            Line& line = lines[i];
            if (!line.recurring || line.title || line.anchor || is_bad(line.cls)) continue;
            auto recurring_at = [&](std::size_t k) { return lines[k].cls != Cls::blank && lines[k].recurring; };
            std::size_t up = i, down = i;
            while (up > 0 && lines[up - 1].cls == Cls::blank) --up;
            while (down + 1 < n && lines[down + 1].cls == Cls::blank) ++down;
            const bool lone = !(up > 0 && recurring_at(up - 1)) && !(down + 1 < n && recurring_at(down + 1));
            auto not_recurring_decided = [](const Line& l) { return !l.recurring && (l.cls == Cls::good || l.cls == Cls::bad); };
            if (lone && neighbour(lines, i, -1, Cls::bad, not_recurring_decided) == Cls::good &&
                neighbour(lines, i, +1, Cls::bad, not_recurring_decided) == Cls::good) {
                line.recurring = false;
                continue;
            }
            line.cls = Cls::bad;
        }

        // 3a. A lone soft cue between two paragraphs is article ("Next steps", "Weather", "目次").
        // The page edges are neutral: a page may start or end with article text, and a line
        // between the edge and chrome is not chrome for that alone.
        const Cls edge = Cls::blank;
        auto decided = [](const Line& l) { return l.cls == Cls::good || is_bad(l.cls); };
        for (std::size_t i = 0; i < n; ++i) {
            Line& line = lines[i];
            if (line.cls != Cls::soft_bad || line.title) continue;
            if (neighbour(lines, i, -1, edge, decided) == Cls::good && neighbour(lines, i, +1, edge, decided) == Cls::good) {
                line.cls = Cls::short_line;
                line.score = k_score_rescued;
                line.resolved = true;
            }
        }
        // 3b. Near-good lines: chrome only between chrome. Without any paragraph on the page,
        // the page edges say nothing and prose is never judged by its neighbours.
        std::vector<Cls> next(n, Cls::blank);
        for (std::size_t i = 0; i < n; ++i) {
            if (lines[i].cls != Cls::near_good || lines[i].anchor) continue;
            const Cls up = neighbour(lines, i, -1, edge, decided);
            const Cls down = neighbour(lines, i, +1, edge, decided);
            next[i] = is_bad(up) && is_bad(down) && (any_good || !lines[i].shape.prose) ? Cls::bad : Cls::good;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (next[i] == Cls::blank) continue;
            lines[i].cls = next[i];
            lines[i].score = next[i] == Cls::bad ? k_score_context_bad_prose : k_score_near_good;
            lines[i].resolved = true;
        }
        // 3c. Short lines take the class of their neighbours; mixed stays article.
        std::fill(next.begin(), next.end(), Cls::blank);
        for (std::size_t i = 0; i < n; ++i) {
            const Line& line = lines[i];
            if (line.cls != Cls::short_line || line.anchor || line.resolved) continue;
            const Cls up = neighbour(lines, i, -1, edge, decided);
            const Cls down = neighbour(lines, i, +1, edge, decided);
            if (is_bad(up) && is_bad(down) && (any_good || !line.shape.prose)) next[i] = Cls::bad;
            else if (up == Cls::good && down == Cls::good) next[i] = Cls::good;
            else next[i] = Cls::short_line;
        }
        for (std::size_t i = 0; i < n; ++i) {
            Line& line = lines[i];
            if (next[i] == Cls::blank) continue;
            line.resolved = true;
            if (next[i] == Cls::bad) {
                line.cls = Cls::bad;
                line.score = line.shape.prose ? k_score_context_bad_prose : k_score_context_bad;
            } else if (next[i] == Cls::good) {
                line.score = k_score_short_good;
            }
        }
        // 3d. A heading word followed by title-like lines, all bulleted or none, is a list of
        // links: >= 3 lines, or >= 2 bulleted ones. Two blank lines in a row end the list.
        for (std::size_t h = 0; h < n; ++h) {
            if (lines[h].shape.cue != Cue::heading || !is_bad(lines[h].cls)) continue;
            std::vector<std::size_t> run;
            int blanks = 0;
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
                if (l.anchor || !kept || l.shape.period_end || l.shape.comma_end ||
                    l.shape.weight >= k_long_prose_weight)
                    break;
                if (!run.empty() && l.shape.bullet != lines[run.front()].shape.bullet) break;
                run.push_back(k);
            }
            const bool bulleted = !run.empty() && lines[run.front()].shape.bullet;
            if (run.size() < static_cast<std::size_t>(bulleted ? k_link_list_lines - 1 : k_link_list_lines)) continue;
            for (std::size_t k : run) {
                lines[k].cls = Cls::bad;
                lines[k].score = k_score_link_list;
            }
        }
        // 3e. Above the title: menu items hanging off chrome, and blocks of short lines that
        // contain chrome (a menu written one item per line).
        if (first_good < n) {
            for (std::size_t i = 0; i < first_good; ++i) {
                Line& line = lines[i];
                if (line.cls != Cls::short_line || line.anchor || !line.shape.title_like ||
                    line.shape.weight > k_menu_item_weight)
                    continue;
                for (std::size_t k = i; k > 0;) {
                    const Line& up = lines[--k];
                    if (up.cls == Cls::blank || (up.cls == Cls::short_line && up.shape.title_like && !up.anchor)) continue;
                    if (is_bad(up.cls)) {
                        line.cls = Cls::bad;
                        line.score = k_score_menu;
                    }
                    break;
                }
            }
            for (std::size_t start = 0; start < first_good;) {
                if (lines[start].cls == Cls::blank) { ++start; continue; }
                std::size_t end = start;
                std::size_t chrome = 0;
                bool clean = true;
                while (end < first_good && lines[end].cls != Cls::blank) {
                    const Line& l = lines[end];
                    chrome += is_bad(l.cls);
                    clean = clean && !l.anchor && (is_bad(l.cls) || l.shape.title_like);
                    ++end;
                }
                // At least two chrome lines, 40% of the block: one photo credit next to the
                // title does not make the title block a menu.
                if (clean && end - start >= 3 && chrome >= 2 && 5 * chrome >= 2 * (end - start)) {
                    for (std::size_t k = start; k < end; ++k) {
                        if (is_bad(lines[k].cls)) continue;
                        lines[k].cls = Cls::bad;
                        lines[k].score = k_score_menu;
                    }
                }
                start = end;
            }
        }
    }

    // 4. Verdicts.
    for (std::size_t i = 0; i < n; ++i) {
        const Line& line = lines[i];
        LineVerdict& v = verdicts[i];
        if (line.cls == Cls::blank) continue;
        if (config.shape) {
            v.score = line.score;
            v.chrome = line.score >= config.shape_threshold && !line.title;
        }
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
