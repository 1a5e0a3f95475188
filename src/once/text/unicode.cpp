#include "once/text/unicode.hpp"

#include <utf8proc.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "once/text/utf8.hpp"

namespace once {
namespace {

constexpr utf8proc_option_t k_fold_options = static_cast<utf8proc_option_t>(
    UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);

std::string map_with_utf8proc(std::string_view utf8) {
    utf8proc_uint8_t* result = nullptr;
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                     static_cast<utf8proc_ssize_t>(utf8.size()), &result, k_fold_options);
    if (length < 0) return std::string(utf8);  // cannot happen on valid UTF-8; keep the input
    std::string out(reinterpret_cast<const char*>(result), static_cast<std::size_t>(length));
    std::free(result);
    return out;
}

// map_with_utf8proc of one code point, with utf8proc_map's own steps (decompose, then compose
// and re-encode in place) on a buffer on the stack: utf8proc_map decomposes twice (to measure,
// then to fill), allocates and reallocates per call, which made building the BMP tables ~77
// million instructions — a few percent of `once scan` on 4 MB of files.
std::string fold_code_point(const std::string& utf8) {
    constexpr utf8proc_ssize_t k_room = 64;  // code points; NFKC expands a BMP character to 18 at most
    utf8proc_int32_t buffer[k_room + 1];
    const utf8proc_ssize_t decomposed =
        utf8proc_decompose_custom(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                  static_cast<utf8proc_ssize_t>(utf8.size()), buffer, k_room, k_fold_options,
                                  nullptr, nullptr);
    if (decomposed < 0 || decomposed > k_room) return map_with_utf8proc(utf8);
    const utf8proc_ssize_t length = utf8proc_reencode(buffer, decomposed, k_fold_options);
    if (length < 0) return map_with_utf8proc(utf8);
    return std::string(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

// A code point that utf8proc's decomposition leaves as it is, read from its properties: not
// dropped as ignorable (UTF8PROC_IGNORE), no case folding, no decomposition (canonical or
// compatibility: UTF8PROC_COMPAT), not a Hangul syllable (decomposed by rule, not by table).
// Alone, it has nothing to reorder or compose with, so it folds to itself — nearly all kanji,
// kana and letters of the BMP, which then skip fold_code_point's two utf8proc calls (about half
// of building the tables; unicode_test compares the whole table with utf8proc_map).
bool folds_to_itself(char32_t cp) {
    constexpr char32_t k_hangul_first = 0xAC00;
    constexpr char32_t k_hangul_count = 11172;
    if (cp >= k_hangul_first && cp < k_hangul_first + k_hangul_count) return false;
    const auto* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
    return !property->ignorable && property->casefold_seqindex == UINT16_MAX && property->decomp_seqindex == UINT16_MAX;
}

bool in_no_space_script(char32_t cp) {
    return (cp >= 0x0E00 && cp <= 0x0EFF)      // Thai, Lao
        || (cp >= 0x1000 && cp <= 0x109F)      // Myanmar
        || (cp >= 0x1780 && cp <= 0x17FF)      // Khmer
        || (cp >= 0x2E80 && cp <= 0x2FDF)      // CJK radicals, Kangxi radicals
        || cp == 0x3005 || cp == 0x3006 || cp == 0x3007  // 々 〆 〇
        || (cp >= 0x3021 && cp <= 0x3029)      // Hangzhou numerals
        || (cp >= 0x3031 && cp <= 0x3035)      // kana repeat marks
        || (cp >= 0x3038 && cp <= 0x303C)
        || (cp >= 0x3040 && cp <= 0x30FF)      // Hiragana, Katakana (ー included)
        || (cp >= 0x31F0 && cp <= 0x31FF)      // Katakana phonetic extensions
        || (cp >= 0x3400 && cp <= 0x4DBF)      // CJK extension A
        || (cp >= 0x4E00 && cp <= 0x9FFF)      // CJK unified ideographs
        || (cp >= 0xF900 && cp <= 0xFAFF)      // CJK compatibility ideographs
        || (cp >= 0xFF66 && cp <= 0xFF9F)      // half-width katakana (before NFKC)
        || (cp >= 0x20000 && cp <= 0x3134F);   // CJK extensions B..G
}

CharClass compute_class(char32_t cp) {
    if (cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
        return CharClass::newline;
    if (cp == '\t') return CharClass::space;
    if (in_no_space_script(cp)) {
        // Combining marks inside these blocks (Thai vowels, kana voicing marks) stay marks.
        const auto* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
        if (property->category == UTF8PROC_CATEGORY_MN || property->category == UTF8PROC_CATEGORY_MC)
            return CharClass::mark;
        if (property->category == UTF8PROC_CATEGORY_LO || property->category == UTF8PROC_CATEGORY_LM ||
            property->category == UTF8PROC_CATEGORY_NL)
            return CharClass::cjk;
        // Punctuation inside these blocks (・ KATAKANA MIDDLE DOT, ゠) separates tokens like any other.
        if (property->category >= UTF8PROC_CATEGORY_PC && property->category <= UTF8PROC_CATEGORY_PO)
            return CharClass::punctuation;
        return CharClass::symbol;
    }
    const auto* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
    switch (property->category) {
        case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
            return CharClass::letter;
        case UTF8PROC_CATEGORY_ND:
            return CharClass::digit;
        case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
            return CharClass::letter;  // Roman numerals, superscripts: word material
        case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
            return CharClass::mark;
        case UTF8PROC_CATEGORY_ZS:
            return CharClass::space;
        case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
            return CharClass::newline;
        case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CN:
        case UTF8PROC_CATEGORY_CS: case UTF8PROC_CATEGORY_CO:
            return property->category == UTF8PROC_CATEGORY_CO ? CharClass::symbol : CharClass::ignorable;
        case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
        case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
        case UTF8PROC_CATEGORY_PO:
            return CharClass::punctuation;
        default:
            return CharClass::symbol;
    }
}

}  // namespace

// 65,536 utf8proc calls take a few milliseconds and make the hot loops a table lookup.
const BmpTables& build_bmp_tables() {
    static const BmpTables tables = [] {
        BmpTables built;
        built.fold_pool.reserve(0x10000 * 3);
        std::string utf8;
        for (char32_t cp = 0; cp < 0x10000; ++cp) {
            built.classes[cp] = compute_class(cp);
            built.fold_offset[cp] = static_cast<std::uint32_t>(built.fold_pool.size());
            if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates never occur in valid UTF-8
            utf8.clear();
            append_utf8(utf8, cp);
            // Whether it folds to itself, and its fold appended to the pool (without a copy of
            // its bytes when it is itself).
            bool itself = true;
            if (cp < 0x80) {
                itself = !(cp >= 'A' && cp <= 'Z');
                built.fold_pool += itself ? char(cp) : char(cp + 32);
            } else if (folds_to_itself(cp)) {
                built.fold_pool += utf8;
            } else {
                const std::string folded = fold_code_point(utf8);
                built.fold_pool += folded;
                itself = folded == utf8;
            }
            const CharClass cls = built.classes[cp];
            built.copied_as_is.set(cp, itself && cls != CharClass::space && cls != CharClass::newline &&
                                           cls != CharClass::ignorable && combining_class(cp) == 0);
        }
        built.fold_offset[0x10000] = static_cast<std::uint32_t>(built.fold_pool.size());
        return built;
    }();
    return tables;
}

CharClass char_class_beyond_bmp(char32_t cp) { return compute_class(cp); }

std::string_view nfkc_casefold_beyond_bmp(char32_t cp) {
    thread_local std::string buffer;
    std::string utf8;
    append_utf8(utf8, cp);
    buffer = map_with_utf8proc(utf8);
    return buffer;
}

std::string nfkc_casefold_sequence(std::string_view utf8) { return map_with_utf8proc(utf8); }

int combining_class(char32_t cp) {
    return utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class;
}

bool is_lowercase(char32_t cp) {
    return utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->category == UTF8PROC_CATEGORY_LL;
}

const char* unicode_version() { return utf8proc_unicode_version(); }

}  // namespace once
