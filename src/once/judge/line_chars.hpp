// line_chars.hpp — the character classes a line's shape is read with: word characters, CJK
// (one weight unit each), filler between lexicon phrases, sentence ends, closing quotes, bullets.
//
// Why here: the shape rules (line_shape.cpp) ask a handful of yes/no questions per character of
// already normalized text (NFKC, case-folded), many times per line; they are plain functions so
// that the scans stay cheap.
//
// Contract: total functions on any char32_t; next_cp/last_cp read any byte string (a malformed
// byte decodes as U+FFFD, one byte at a time). Character classes come from text/unicode.hpp and
// decoding from text/utf8.hpp: nothing here has a table or a decoder of its own.
//
//   std::size_t i = 0;
//   char32_t c = once::line_chars::next_cp("日本", i);   // U+65E5, i == 3
#pragma once

#include <cstddef>
#include <string_view>

#include "once/text/unicode.hpp"
#include "once/text/utf8.hpp"

namespace once::line_chars {

// Decodes the code point at `i` and advances `i` (text/utf8.hpp's lossy decoding: a malformed
// byte reads as U+FFFD, one byte at a time, so a stray byte can never stall or overrun a scan).
inline char32_t next_cp(std::string_view s, std::size_t& i) {
    const Utf8Char c = decode_utf8_lossy(s, i);
    i += c.length;
    return c.code_point;
}

// The last code point of non-empty `s`; `start` is set to where it begins.
inline char32_t last_cp(std::string_view s, std::size_t& start) {
    const Utf8Char c = decode_utf8_lossy_before(s, s.size());
    start = s.size() - c.length;
    return c.code_point;
}

// Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar): one weight unit per
// character. text/unicode's class, the one the weights themselves are counted with, so a line's
// characters and its weight agree (the middle dots U+30FB and U+00B7 are punctuation).
inline bool is_cjk(char32_t c) { return char_class(c) == CharClass::cjk; }

inline bool is_ascii_alnum(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Characters that glue a word together: letters, digits and combining marks of space-separated
// scripts (Latin, Greek, Cyrillic, Arabic, Hangul, ...), and the ASCII apostrophe ("don't").
// The same, from a non-ASCII character's class (for a loop that has read it already).
inline bool is_word_class(CharClass cls) {
    return cls == CharClass::letter || cls == CharClass::digit || cls == CharClass::mark;
}
inline bool is_word_char(char32_t c) {
    if (c < 0x80) return is_ascii_alnum(c) || c == '\'';
    return is_word_class(char_class(c));
}

// Punctuation, symbols, spaces, bullets, emoji and digits: what may sit between the lexicon
// words of a button row ("share | tweet", "comments (14)", "• urlをコピーしました!").
inline bool is_filler(char32_t c) {
    if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    if (is_cjk(c) || is_word_char(c)) return false;
    return true;
}

inline bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// A full stop: Latin '.', CJK '。' and '．', and those of scripts whose prose ends its sentences
// with a mark of its own — the danda of Devanagari and Bengali (U+0964, U+0965: Hindi, Bengali,
// Marathi, Nepali), the Urdu full stop U+06D4, Armenian U+0589, Ethiopic U+1362 and Myanmar
// U+104B. Without them no line of such a page was prose, so none was a paragraph and the article
// went with the chrome around it (trafilatura's ukbdnews.com page, a Bengali news story, kept
// 883 of its 6,541 bytes: menus, no sentence of the story).
// Below U+0589 only ASCII marks qualify: one comparison settles Latin, Greek and Cyrillic text,
// which line_shape's walk asks about at every character.
inline bool is_full_stop(char32_t c) {
    if (c < 0x0589) return c == '.';
    return c == 0x0589 || c == 0x06D4 || c == 0x0964 || c == 0x0965 || c == 0x104B || c == 0x1362 || c == 0x3002 ||
           c == 0xFF0E;
}

// A sentence end: a full stop, '!' or '?' (full-width too), or the Arabic question mark U+061F
// (Arabic, Persian, Urdu).
inline bool is_sentence_end(char32_t c) {
    if (c < 0x0589) return c == '.' || c == '!' || c == '?';
    return is_full_stop(c) || c == 0x061F || c == 0xFF01 || c == 0xFF1F;
}

inline bool is_closing(char32_t c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0x300D
        || c == 0x300F || c == 0x3011 || c == 0x300B || c == 0x3009 || c == 0xFF09 || c == ' ';
}

// `s` without the closing quotes, brackets and spaces after its last other character: what ends
// a sentence stands before them ("...said.\"", "…した。」").
inline std::string_view without_closing(std::string_view s) {
    while (!s.empty()) {
        std::size_t start = 0;
        if (!is_closing(last_cp(s, start))) break;
        s = s.substr(0, start);
    }
    return s;
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
