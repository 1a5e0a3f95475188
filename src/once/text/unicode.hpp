// unicode.hpp — the character facts once needs, from utf8proc (the only module that includes it).
//
// Why utf8proc: NFKC and case folding must follow the Unicode tables, not a hand-written list;
// utf8proc is small, fast, in Debian, and its tables are versioned with the library
// (utf8proc_unicode_version()). Scripts written without spaces are recognised by the Unicode
// block ranges below, which are stable across Unicode versions (utf8proc has no script property).
//
//   std::string_view folded = once::nfkc_casefold(U'Ａ');   // "a"
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace once {

enum class CharClass : unsigned char {
    letter,       // letters of space-separated scripts (Latin, Cyrillic, Greek, Hangul, ...)
    cjk,          // Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar: one token per character
    digit,        // decimal digits (after NFKC, so full-width digits are already ASCII)
    mark,         // combining marks: stay with the character before them
    space,        // horizontal white space (Zs, tab)
    newline,      // \n, \r, U+0085, U+2028, U+2029, \v, \f
    ignorable,    // controls and format characters (ZWSP, BOM, soft hyphen): dropped
    punctuation,  // P* categories
    symbol,       // S* categories and anything else
};

inline CharClass char_class(char32_t cp);  // defined below

// NFKC + full case folding of one code point, as UTF-8. Returns a view into a table that lives
// for the whole program (BMP) or into a thread-local buffer valid until the next call (others).
inline std::string_view nfkc_casefold(char32_t cp);  // defined below

// --- the tables behind the two functions above ---------------------------------------------
// Class and folded form of every code point of the Basic Multilingual Plane, built once from
// utf8proc on first use. In the header so that the per-character calls of the normalizer,
// segmenter and shingler inline to a table lookup.
// One bit per code point of the BMP, readable a 64-bit word at a time: the normalizer's runs of
// three-byte characters take the word from a character's first two bytes and the bit from its
// third, without assembling the code point (normalizer.cpp).
struct BmpBits {
    std::array<std::uint64_t, 0x10000 / 64> words{};  // bit cp % 64 of word cp / 64
    bool operator[](char32_t cp) const { return (words[cp >> 6] >> (cp & 63)) & 1; }
    void set(char32_t cp, bool on) {
        const std::uint64_t bit = std::uint64_t{1} << (cp & 63);
        words[cp >> 6] = on ? words[cp >> 6] | bit : words[cp >> 6] & ~bit;
    }
};

struct BmpTables {
    std::array<CharClass, 0x10000> classes{};
    std::array<std::uint32_t, 0x10001> fold_offset{};  // fold of cp: fold_pool[offset[cp], offset[cp + 1])
    std::string fold_pool;
    // Characters the normalizer copies as they are: visible (not space, a line break or
    // ignorable), a starter (combining class 0) and their own NFKC case fold — nearly all kana,
    // kanji and CJK punctuation. Runs of them skip the per-character fold (normalizer.cpp).
    BmpBits copied_as_is;
};
const BmpTables& build_bmp_tables();  // unicode.cpp: the one place that asks utf8proc
CharClass char_class_beyond_bmp(char32_t cp);
std::string_view nfkc_casefold_beyond_bmp(char32_t cp);

inline const BmpTables& bmp_tables() {
    static const BmpTables& tables = build_bmp_tables();
    return tables;
}

// The two functions with the tables passed in, for loops over characters: bmp_tables() checks
// that the tables are built on every call (a load and a branch that the compiler cannot move out
// of a loop), which was about 2% of `once clean`'s instructions on ldcc when every character of
// the normalizer, the tokenizer and the line judge asked it. Such a loop takes bmp_tables() once.
inline CharClass char_class(const BmpTables& tables, char32_t cp) {
    return cp < 0x10000 ? tables.classes[cp] : char_class_beyond_bmp(cp);
}

inline std::string_view nfkc_casefold(const BmpTables& tables, char32_t cp) {
    if (cp >= 0x10000) return nfkc_casefold_beyond_bmp(cp);
    return std::string_view(tables.fold_pool)
        .substr(tables.fold_offset[cp], tables.fold_offset[cp + 1] - tables.fold_offset[cp]);
}

inline CharClass char_class(char32_t cp) { return char_class(bmp_tables(), cp); }

inline std::string_view nfkc_casefold(char32_t cp) { return nfkc_casefold(bmp_tables(), cp); }

// NFKC + case folding of a short UTF-8 sequence (a character with its combining marks), so
// that "か" + U+3099 composes to "が".
std::string nfkc_casefold_sequence(std::string_view utf8);

// True for lower-case letters (Ll), e.g. to tell a soft-wrapped line from a new sentence.
bool is_lowercase(char32_t cp);

// Canonical combining class (0 for starters).
int combining_class(char32_t cp);

// The Unicode version of the tables in use, for the map header.
const char* unicode_version();

}  // namespace once
