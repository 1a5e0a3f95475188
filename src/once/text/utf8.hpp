// utf8.hpp — the one UTF-8 toolkit: strict validation and decoding, lossy decoding, stepping
// back to the previous character, encoding and counting.
//
// Why two decodings: offsets in the map are byte offsets into the original input, so the input
// path is strict — invalid input is rejected with the offset of the first bad byte
// (find_invalid_utf8) and the stages after it decode with decode_utf8, which trusts its input.
// Text that may still be malformed (file names, document ids, texts quoted by the reports, line
// shapes) is decoded lossily: a malformed byte reads as U+FFFD, one byte at a time, so every byte
// string walks to its end and no scan can stall or overrun.
//
//   for (std::size_t pos = 0; pos < text.size();) {
//       const once::Utf8Char c = once::decode_utf8_lossy(text, pos);
//       use(c.code_point);
//       pos += c.length;
//   }
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace once {

// Byte offset of the first byte that does not start or continue a valid UTF-8 sequence
// (overlongs, surrogates and code points above U+10FFFF are invalid), or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Decodes the code point starting at `pos` of valid UTF-8 and advances `pos` past it.
inline char32_t decode_utf8(std::string_view text, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    if (lead < 0xE0) {
        const char32_t cp = (char32_t(lead & 0x1F) << 6) | (byte(pos + 1) & 0x3F);
        pos += 2;
        return cp;
    }
    if (lead < 0xF0) {
        const char32_t cp = (char32_t(lead & 0x0F) << 12) | (char32_t(byte(pos + 1) & 0x3F) << 6) |
                            (byte(pos + 2) & 0x3F);
        pos += 3;
        return cp;
    }
    const char32_t cp = (char32_t(lead & 0x07) << 18) | (char32_t(byte(pos + 1) & 0x3F) << 12) |
                        (char32_t(byte(pos + 2) & 0x3F) << 6) | (byte(pos + 3) & 0x3F);
    pos += 4;
    return cp;
}

// --- word-at-a-time reading ------------------------------------------------------------------
// The hot loops over CJK text (the shingler's runs, the line judge's walk) read a character's
// bytes in one load and check its form on the word: one load and a few masks, where byte by byte
// took three loads and five compares a character.

// The four bytes at `at` (all four readable) as a little-endian number, byte 0 the lowest,
// whatever the machine's order.
inline std::uint32_t load_le32(const char* at) {
    std::uint32_t word;
    std::memcpy(&word, at, sizeof word);
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap32(word);
    return word;
}

// The code point of the three-byte sequence in the low three bytes of `word` (load_le32), its
// form (a lead 1110xxxx, two continuation bytes) checked by the caller.
constexpr char32_t three_byte_code_point(std::uint32_t word) {
    return ((word & 0x0F) << 12) | ((word >> 2) & 0xFC0) | ((word >> 16) & 0x3F);
}
static_assert(three_byte_code_point(0x00A597E6) == U'\u65E5');  // 日: E6 97 A5

// Length in bytes of the sequence whose lead byte is `lead` (1 for stray continuation bytes).
inline std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0xC0) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

// --- lossy decoding -------------------------------------------------------------------------
// One character as lossy decoding reads it: a valid sequence (overlongs, surrogates and code
// points above U+10FFFF are not valid), or one malformed byte, read as U+FFFD. Eight bytes, so
// it is returned in a register.
struct Utf8Char {
    char32_t code_point = 0;  // U+FFFD when !valid
    std::uint8_t length = 1;  // bytes: 1 to 4; 1 when !valid
    bool valid = true;        // false: text[pos] is a malformed byte (U+FFFD stands for it)
};

// decode_utf8_lossy past ASCII: out of line, so that the ASCII case inlines into every scan.
Utf8Char decode_utf8_multibyte_lossy(std::string_view text, std::size_t pos);

// The character that starts at `pos` (< text.size()) of any byte string.
//
// Well-formed two- and three-byte sequences (Latin accents, Cyrillic, all of CJK) are decoded
// inline too: the line judge (judge/line_chars.hpp) decodes every character of every line this
// way, and the call per character was a fifth of its instructions on Japanese text. Anything
// else — four-byte sequences, and every malformed case — goes to the out-of-line decoder, which
// gives the same answers for these sequences.
inline Utf8Char decode_utf8_lossy(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) return {lead, 1, true};
    if (lead >= 0xC2 && lead <= 0xDF && pos + 2 <= text.size() && (byte(pos + 1) & 0xC0) == 0x80)
        return {(char32_t(lead & 0x1F) << 6) | (byte(pos + 1) & 0x3F), 2, true};  // >= U+0080 by its lead
    if (lead >= 0xE0 && lead <= 0xEF && pos + 3 <= text.size() && (byte(pos + 1) & 0xC0) == 0x80 &&
        (byte(pos + 2) & 0xC0) == 0x80) {
        const char32_t cp = (char32_t(lead & 0x0F) << 12) | (char32_t(byte(pos + 1) & 0x3F) << 6) | (byte(pos + 2) & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3, true};  // not overlong, not a surrogate
    }
    return decode_utf8_multibyte_lossy(text, pos);
}

// The character that ends at `end` (0 < end <= text.size()), the one lossy decoding from the
// start would have read last before `end` when `end` is a character boundary: it starts at
// `end - length`. Looks back at most four bytes.
//   decode_utf8_lossy_before("a\u65E5", 4) == {U+65E5, 3, true}
Utf8Char decode_utf8_lossy_before(std::string_view text, std::size_t end);

// The text with every malformed byte replaced by U+FFFD (so JSON writers never see bad UTF-8).
std::string sanitize_utf8(std::string_view text);

// --- encoding and counting ------------------------------------------------------------------
void append_utf8(std::string& out, char32_t cp);

// Number of code points in valid UTF-8.
std::size_t count_code_points(std::string_view text);

}  // namespace once
