// line_chars.hpp — the character classes a line's shape is read with: word characters, CJK
// (one weight unit each), filler between lexicon phrases, sentence ends, closing quotes, bullets.
//
// Why here: the shape rules (line_shape.cpp) ask a handful of yes/no questions per character of
// already normalized text (NFKC, case-folded), many times per line; they are plain functions so
// that the scans stay cheap.
//
// Contract: total functions on any char32_t; next_cp/last_cp read any byte string (a malformed
// byte decodes as U+FFFD, one byte at a time).
//
//   std::size_t i = 0;
//   char32_t c = once::line_chars::next_cp("日本", i);   // U+65E5, i == 3
#pragma once

#include <cstddef>
#include <string_view>

namespace once::line_chars {

// next_cp past ASCII: kept out of line so that the ASCII case inlines into every scan.
char32_t next_multibyte_cp(std::string_view s, std::size_t& i);

// Decodes the code point at `i` and advances `i`; malformed bytes decode as U+FFFD, one byte
// at a time, so a stray byte can never stall or overrun the scan.
inline char32_t next_cp(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) { ++i; return b0; }
    return next_multibyte_cp(s, i);
}

inline char32_t last_cp(std::string_view s, std::size_t& start) {
    std::size_t i = s.size();
    while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80 && s.size() - i < 3) --i;
    if (i > 0) --i;
    start = i;
    std::size_t j = i;
    return next_cp(s, j);
}

// Scripts written without spaces: one weight unit per character (config.hpp).
inline bool is_cjk(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF && c != 0x30FB)  // kana (not the middle dot)
        || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x2FFFF)
        || (c >= 0x0E00 && c <= 0x0E7F) || c == 0x3005;  // Thai, 々
}

inline bool is_ascii_alnum(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Characters that glue a word together: letters and digits of space-separated scripts.
inline bool is_word_char(char32_t c) {
    if (c < 0x80) return is_ascii_alnum(c) || c == '\'';
    if (c == 0xD7 || c == 0xF7) return false;
    return (c >= 0xC0 && c <= 0x2FF) || (c >= 0x370 && c <= 0x1FFF && !(c >= 0x0E00 && c <= 0x0E7F))
        || (c >= 0xAC00 && c <= 0xD7AF);  // Latin, Greek, Cyrillic ... Hangul
}

// Punctuation, symbols, spaces, bullets, emoji and digits: what may sit between the lexicon
// words of a button row ("share | tweet", "comments (14)", "• urlをコピーしました!").
inline bool is_filler(char32_t c) {
    if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    if (is_cjk(c) || is_word_char(c)) return false;
    return true;
}

inline bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

inline bool is_sentence_end(char32_t c) {
    return c == 0x3002 || c == '!' || c == '?' || c == '.' || c == 0xFF0E || c == 0xFF01 || c == 0xFF1F;
}

inline bool is_closing(char32_t c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0x300D
        || c == 0x300F || c == 0x3011 || c == 0x300B || c == 0x3009 || c == 0xFF09 || c == ' ';
}

inline bool is_bullet(char32_t c) {
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

}  // namespace once::line_chars
