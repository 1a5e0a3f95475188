// code_listing.cpp — rows of a code listing (code_listing.hpp) and the listings of a page
// (mark_listings, shape_passes.hpp). The rules and their cases: docs/boilerplate.md, "Code
// listings".
#include "once/judge/code_listing.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

#include "once/judge/shape_passes.hpp"

namespace once {
namespace {

// A line of more words than this is prose whatever marks it holds: a post quoting "@name" with
// a "=" in it, a sentence with "f(x)" (trafilatura's pages); the longest code rows of the
// readability pages hold 12 words ("avg(entries) over status_window as mean_entries,").
constexpr int k_code_row_words = 16;
// A line without code marks of at most this many words is a plain row, which a listing may hold
// (SQL's "rows between 60 preceding and current row", 7 words); longer, it is prose.
constexpr int k_plain_row_words = 8;
// A line ending in an opener or a comma is code up to this many words ("avg(n) series_avg,",
// "with series as ("): a hard-wrapped paragraph's lines end in commas too, and are longer.
constexpr int k_opener_row_words = 6;
// A shell or database prompt is the line's first token, at most this long ("db=#",
// "user@host:~/src$", "mysql>").
constexpr std::size_t k_prompt_bytes = 24;
// A listing holds at least this many code rows, or one that opens it over header rows (a
// response: "http/1.1 404 not found" over "access-control-allow-origin: …"; a table of cookies,
// "name: visitor_id[0-9]+" among "anbieter: .pardot.com" rows, has its code row inside), or a
// command (a shell session: "$ hg push" over its output) ...
constexpr int k_min_listing_code_rows = 2;
// ... and a third of its rows are code, a header row counting two thirds of one: the votes
// below against one vote a row. SQL's keyword lines ("from", "select", "where") carry no mark,
// and stand between marked rows; toc-missing's queries hold 40 to 60% code rows, a request's
// header block ("host: …", "origin: …") a request line and header rows.
constexpr int k_code_row_votes = 3;
constexpr int k_header_row_votes = 2;

bool word_byte(char c) {
    const auto b = static_cast<unsigned char>(c);
    return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || c == '_' || b >= 0x80;
}
bool letter_byte(char c) {
    const auto b = static_cast<unsigned char>(c);
    return (b >= 'a' && b <= 'z') || b >= 0x80;
}

// Words holding a letter: numbers in a table of output are no prose.
int letter_words(std::string_view s) {
    int words = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (!word_byte(s[i])) {
            ++i;
            continue;
        }
        bool letter = false;
        for (; i < s.size() && word_byte(s[i]); ++i) letter = letter || letter_byte(s[i]);
        words += letter ? 1 : 0;
    }
    return words;
}

// A token that is a link's or an image's (a query string, "photo_12.jpg"): its "=" and "_" are
// no code.
bool link_token(std::string_view t) {
    if (t.find_first_of("?&%") != std::string_view::npos) return true;
    while (!t.empty() && (t.back() == ']' || t.back() == ')')) t.remove_suffix(1);
    for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp"})
        if (t.ends_with(ext)) return true;
    return false;
}

// Code marks inside one token.
bool token_has_code_mark(std::string_view t) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        const char next = i + 1 < t.size() ? t[i + 1] : '\0';
        const bool after_word = i > 0 && word_byte(t[i - 1]);
        switch (c) {
            case '{': case '}': case '=': return true;
            case ';': if (next != '\0') return true; break;
            case '<': if (letter_byte(next) || next == '/' || next == '!') return true; break;
            case '/':
                if (next == '>') return true;
                // "http/1.1", "sip/2.0": a protocol and its version.
                if (after_word && next >= '0' && next <= '9' && i + 2 < t.size() && t[i + 2] == '.') return true;
                break;
            case ':': if (next == ':') return true; break;
            // "avg(n)", not a plural's "file(s)".
            case '(': if (after_word && !t.substr(i).starts_with("(s)")) return true; break;
            case '[':
                if (after_word) {
                    // "array[2", "x[i]"; not a wiki's "components[edit]" (letters alone in brackets).
                    std::size_t k = i + 1;
                    while (k < t.size() && (letter_byte(t[k]) || t[k] == ' ')) ++k;
                    if (k >= t.size() || t[k] != ']') return true;
                }
                break;
            default: break;
        }
    }
    return false;
}

// A prompt before a command: "$ ls", "% make", ">>> foo()", "db=# select", "mysql> show".
// Not "# " or "> " alone: lynx marks nested list entries with "#", mail quotes with ">".
bool opens_with_prompt(std::string_view s) {
    const std::size_t space = s.find(' ');
    if (space == std::string_view::npos || space == 0 || space > k_prompt_bytes || space + 1 >= s.size()) return false;
    const std::string_view token = s.substr(0, space);
    // A command's name follows, not a price ("$ 5.99").
    if (!letter_byte(s[space + 1]) && s[space + 1] != '.' && s[space + 1] != '/') return false;
    if (token == "$" || token == "%" || token == ">>>") return true;
    // A prompt token ends in one of these after a name ("db=#"), not after marks alone ("->").
    const char last = token.back();
    if (last != '$' && last != '#' && last != '>' && last != '%') return false;
    for (std::size_t i = 0; i + 1 < token.size(); ++i)
        if (word_byte(token[i])) return true;
    return false;
}

bool box_drawing(std::string_view s) {
    // U+2500..U+257F: E2 94 80 .. E2 95 BF.
    for (std::size_t i = 0; i + 1 < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) == 0xE2 &&
            (static_cast<unsigned char>(s[i + 1]) == 0x94 || static_cast<unsigned char>(s[i + 1]) == 0x95))
            return true;
    return false;
}

bool closers_only(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ')' || s[i] == ']' || s[i] == '}')) ++i;
    if (i == 0) return false;
    if (i < s.size() && (s[i] == ',' || s[i] == ';')) ++i;
    return i == s.size();
}

// "[image]", "[figure 2] [photo]": lynx's marks for images and figures.
bool bracketed_only(std::string_view s) {
    if (s.empty() || s.front() != '[' || s.back() != ']') return false;
    int depth = 0;
    for (char c : s) {
        if (c == '[') ++depth;
        else if (c == ']') --depth;
        else if (depth == 0 && c != ' ') return false;
    }
    return depth == 0;
}

// "name: value", the name one word of letters, digits and hyphens.
bool header_row(std::string_view s, bool terminal) {
    if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    std::size_t i = 0;
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-')) ++i;
    if (i + 2 >= s.size() || s[i] != ':' || s[i + 1] != ' ') return false;
    // A value of several words that ends a sentence is a label over prose ("note: this is ...").
    return !terminal || s.find(' ', i + 2) == std::string_view::npos;
}

}  // namespace

CodeRow read_code_row(std::string_view s, const LineShape& shape) {
    if (s.empty()) return CodeRow::blank;
    // CJK text is never code here: a heading up to a plain row's weight (two CJK characters
    // weigh one word), else prose. A long CJK line is prose before its words are counted: that
    // count was 1.8% of a Japanese news corpus's CPU (ldcc, perf, session 29).
    if (shape.cjk / 2 > k_plain_row_words) return CodeRow::prose;
    const int words = letter_words(s);
    if (shape.cjk > 0) return words + shape.cjk / 2 > k_plain_row_words ? CodeRow::prose : CodeRow::plain;
    if (closers_only(s)) return CodeRow::code;
    const bool box = box_drawing(s);
    bool alnum = false;
    for (char c : s) alnum = alnum || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && !box) return CodeRow::plain;  // a rule of "____", "< >", "..."
    if (shape.url || shape.embed || bracketed_only(s)) return CodeRow::plain;

    if (opens_with_prompt(s) && words <= k_code_row_words) return CodeRow::command;
    bool mark = box;
    for (std::size_t at = 0; !mark && at < s.size();) {
        std::size_t end = s.find(' ', at);
        if (end == std::string_view::npos) end = s.size();
        const std::string_view token = s.substr(at, end - at);
        if (!link_token(token)) mark = token_has_code_mark(token);
        at = end + 1;
    }
    const char last = s.back();
    mark = mark || last == '\\' || last == ';' ||
           ((last == ',' || last == '(' || last == '[' || last == '{') && words <= k_opener_row_words);
    if (mark && words <= k_code_row_words && !(shape.terminal && words > k_plain_row_words)) return CodeRow::code;
    if (header_row(s, shape.terminal)) return CodeRow::header;
    if (shape.terminal) return CodeRow::prose;
    return words <= k_plain_row_words ? CodeRow::plain : CodeRow::prose;
}

// A listing: lines none of which is prose, holding code rows, the stretches of such lines that
// only blank lines part (a query's "with" parts, a request's headers and its body) taken as one;
// it must hold a command, k_min_listing_code_rows code rows or one opening it over header rows,
// and their share of its lines (k_code_row_votes).
void mark_listings(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    std::vector<CodeRow> rows(n);
    for (std::size_t i = 0; i < n; ++i)
        rows[i] = lines[i].cls == LineClass::blank ? CodeRow::blank : read_code_row(lines[i].text, lines[i].shape);
    const auto in_piece = [&](std::size_t i) { return rows[i] != CodeRow::blank && rows[i] != CodeRow::prose; };
    const auto code_row = [&](std::size_t i) { return rows[i] == CodeRow::code || rows[i] == CodeRow::command; };
    std::size_t i = 0;
    while (i < n) {
        if (!in_piece(i)) {
            ++i;
            continue;
        }
        // One listing: pieces with a code row, blank lines between them.
        std::size_t start = n, end = n;
        int code = 0, header = 0, count = 0;
        bool command = false;
        const bool opens_with_code = code_row(i);
        std::size_t k = i;
        while (k < n) {
            if (rows[k] == CodeRow::blank) {
                ++k;
                continue;
            }
            if (!in_piece(k)) break;
            std::size_t piece_end = k;
            int piece_code = 0, piece_header = 0;
            while (piece_end < n && in_piece(piece_end)) {
                piece_code += code_row(piece_end);
                command = command || rows[piece_end] == CodeRow::command;
                piece_header += rows[piece_end] == CodeRow::header;
                ++piece_end;
            }
            if (piece_code == 0) break;
            if (start == n) start = k;
            end = piece_end;
            code += piece_code;
            header += piece_header;
            count += static_cast<int>(piece_end - k);
            k = piece_end;
        }
        if (start == n) {
            // No listing starts at i: go past its piece.
            while (i < n && in_piece(i)) ++i;
            continue;
        }
        if ((command || code >= k_min_listing_code_rows || (opens_with_code && header > 0)) &&
            code * k_code_row_votes + header * k_header_row_votes >= count)
            for (std::size_t l = start; l < end; ++l) lines[l].listing = rows[l] != CodeRow::blank;
        i = end;
    }
}

}  // namespace once
