// utf8.hpp — decoding and validating UTF-8, the only encoding once accepts.
//
// Why strict: offsets in the map are byte offsets into the original input; a lossy decode would
// make them lie. Invalid input is rejected with the offset of the first bad byte instead.
#pragma once

#include <cstddef>
#include <cstdint>
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

// Length in bytes of the sequence whose lead byte is `lead` (1 for stray continuation bytes).
inline std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0xC0) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

void append_utf8(std::string& out, char32_t cp);

// Number of code points in valid UTF-8.
std::size_t count_code_points(std::string_view text);

}  // namespace once
