// hashing.hpp — 64-bit hashes for shingles, sentences and templates (XXH3, the only module that
// includes xxhash.h).
//
// Why XXH3: it hashes short keys (a token, a trigram) in a few nanoseconds and long ones at
// memory speed, with good distribution — shingles, MinHash and the exact-repeat index all rest
// on it. Results are stable across platforms and versions (XXH3 is frozen since 0.8.0), so maps
// and profiles written on one machine are valid on another.
#pragma once

#include <cstdint>
#include <string_view>

namespace once {

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed = 0);

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
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

}  // namespace once
