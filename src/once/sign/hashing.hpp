// hashing.hpp — 64-bit hashes for shingles, sentences and templates (XXH3, the only module that
// includes xxhash.h).
//
// Why XXH3: it hashes short keys (a token, a trigram) in a few nanoseconds and long ones at
// memory speed, with good distribution — shingles, MinHash and the exact-repeat index all rest
// on it. Results are stable across platforms and versions (XXH3 is frozen since 0.8.0), so maps
// and profiles written on one machine are valid on another.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace once {

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed = 0);

// hash_bytes of three bytes, read from a table when they have the form of a three-byte UTF-8
// character (U+0800 to U+FFFF: all of CJK, kana, Hangul, Thai), once computed for that
// character. Every CJK character is a token of its own (shingler.cpp) and was hashed afresh each
// time: XXH3 and its call were about 45 instructions per token, a table load is a few. Three
// bytes of that form and a code point determine each other (overlongs and surrogates included),
// so the table is keyed by the code point; any other three bytes are hashed as before.
//   hash_three_bytes("\xE6\x97\xA5") == hash_bytes("\xE6\x97\xA5")   // 日
namespace detail {
// Per code point: its hash, or 0 for not computed yet (a character whose hash is 0 is simply
// hashed every time). Relaxed atomics: threads may fill an entry twice, with the same value.
extern std::atomic<std::uint64_t> three_byte_hashes[0x10000];
std::uint64_t fill_three_byte_hash(std::string_view bytes, char32_t cp);
}  // namespace detail

// `bytes.size()` must be 3.
inline std::uint64_t hash_three_bytes(std::string_view bytes) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    if ((byte(0) & 0xF0) != 0xE0 || (byte(1) & 0xC0) != 0x80 || (byte(2) & 0xC0) != 0x80) return hash_bytes(bytes);
    const char32_t cp = (char32_t(byte(0) & 0x0F) << 12) | (char32_t(byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    const std::uint64_t known = detail::three_byte_hashes[cp].load(std::memory_order_relaxed);
    return known != 0 ? known : detail::fill_three_byte_hash(bytes, cp);
}

// Order-dependent combination of two hashes (for token sequences).
inline std::uint64_t hash_combine(std::uint64_t a, std::uint64_t b) {
    // Multiply-xorshift (from splitmix64): cheap and mixes every input bit into the output.
    std::uint64_t x = a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2));
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

// splitmix64: turns a seed and an index into an independent-looking 64-bit value (permutation
// parameters for MinHash).
inline std::uint64_t mix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

}  // namespace once
