#include "once/text/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace once {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    const auto* data = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        // Fast path: eight ASCII bytes at a time (the common case in every script's markup).
        while (i + 8 <= size) {
            std::uint64_t word;
            __builtin_memcpy(&word, data + i, 8);
            if (word & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= size) break;
        const unsigned char lead = data[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length;
        char32_t min_value;
        char32_t cp;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2, min_value = 0x80, cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3, min_value = 0x800, cp = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4, min_value = 0x10000, cp = lead & 0x07;
        } else {
            return i;
        }
        if (i + length > size) return i;
        for (std::size_t k = 1; k < length; ++k) {
            if ((data[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (data[i + k] & 0x3F);
        }
        if (cp < min_value || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += length;
    }
    return std::nullopt;
}

Utf8Char decode_utf8_multibyte_lossy(std::string_view text, std::size_t pos) {
    constexpr Utf8Char malformed{0xFFFD, 1, false};
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    std::uint8_t length = 0;
    char32_t code_point = 0;
    char32_t minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, code_point = lead & 0x1F, minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, code_point = lead & 0x0F, minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, code_point = lead & 0x07, minimum = 0x10000;
    } else {
        return malformed;  // a continuation byte, C0/C1 (always overlong), F5-FF (above U+10FFFF)
    }
    if (pos + length > text.size()) return malformed;
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char next = byte(pos + i);
        if ((next & 0xC0) != 0x80) return malformed;
        code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
        return malformed;
    return {code_point, length, true};
}

Utf8Char decode_utf8_lossy_before(std::string_view text, std::size_t end) {
    constexpr std::size_t k_longest_sequence = 4;
    // The nearest byte before `end` that is not a continuation byte starts the only sequence
    // that can end at `end`; if that sequence is malformed or does not end there, the byte just
    // before `end` stands alone (forward decoding would read it as U+FFFD too).
    for (std::size_t back = 1; back <= k_longest_sequence && back <= end; ++back) {
        if ((static_cast<unsigned char>(text[end - back]) & 0xC0) == 0x80) continue;
        const Utf8Char c = decode_utf8_lossy(text, end - back);
        if (c.valid && c.length == back) return c;
        break;
    }
    return {0xFFFD, 1, false};
}

std::string sanitize_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Char c = decode_utf8_lossy(text, pos);
        if (c.valid)
            out.append(text.substr(pos, c.length));
        else
            append_utf8(out, 0xFFFD);
        pos += c.length;
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t count_code_points(std::string_view text) {
    // The bytes that are not continuation bytes (10xxxxxx), counted eight at a time.
    std::size_t count = 0;
    const char* data = text.data();
    std::size_t at = 0;
#if defined(__SSE2__)
    // Sixteen bytes a step: a continuation byte (0x80-0xBF), read as signed, is below -64, and
    // each lane of `continuations` counts its matches (a match is -1) for up to 255 blocks, then
    // one sum of absolute differences adds the sixteen lanes. The eight-byte words below took
    // about twice the instructions (positions_of: a column for every span's ends).
    const __m128i below = _mm_set1_epi8(-64);
    while (at + 16 <= text.size()) {
        const std::size_t blocks = std::min<std::size_t>((text.size() - at) / 16, 255);
        __m128i continuations = _mm_setzero_si128();
        for (std::size_t block = 0; block < blocks; ++block, at += 16) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
            continuations = _mm_sub_epi8(continuations, _mm_cmplt_epi8(bytes, below));
        }
        const __m128i sums = _mm_sad_epu8(continuations, _mm_setzero_si128());  // two 64-bit halves
        const auto found = static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
                           static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
        count += 16 * blocks - found;
    }
#endif
    for (; at + 8 <= text.size(); at += 8) {
        std::uint64_t word;
        std::memcpy(&word, data + at, 8);
        // Bit 7 of each byte that is 10xxxxxx; the multiply sums the eight bits into the top byte.
        const std::uint64_t continuation = (word & ~(word << 1) & 0x8080808080808080ULL) >> 7;
        count += 8 - static_cast<std::size_t>((continuation * 0x0101010101010101ULL) >> 56);
    }
    for (; at < text.size(); ++at) count += (static_cast<unsigned char>(data[at]) & 0xC0) != 0x80;
    return count;
}

}  // namespace once
