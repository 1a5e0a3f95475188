// hex.hpp — 64-bit values as 16 lower-case hex digits ("00000000deadbeef"): the one spelling of
// span hashes in reports (SARIF fingerprints) and baseline files, which must agree to the byte
// so a baseline written today still matches a report's hashes tomorrow.
//
//   once::hex64(0xdeadbeef) == "00000000deadbeef"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace once {

inline std::string hex64(std::uint64_t value) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (std::size_t i = 16; i-- > 0; value >>= 4) out[i] = k_digits[value & 0xF];
    return out;
}

// Every byte as two lower-case hex digits ("a\xff" -> "61ff"): exact bytes inside a JSON string
// (the map's `id_hex` for a file name that is not UTF-8).
inline std::string hex_bytes(std::string_view bytes) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        out += k_digits[byte >> 4];
        out += k_digits[byte & 0xF];
    }
    return out;
}

}  // namespace once
