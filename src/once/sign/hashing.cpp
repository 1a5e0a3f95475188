#include "once/sign/hashing.hpp"

// Inlined here, so a token hash is a direct call with no trip through the shared library's
// dispatch. XXH3 is frozen since 0.8.0: the values are those of the library.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace once {

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed) {
    return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

namespace detail {

// Zero-initialized: 512 KiB of address space, of which only the pages of the scripts a corpus
// uses are ever touched.
std::atomic<std::uint64_t> three_byte_hashes[0x10000];

std::uint64_t fill_three_byte_hash(std::string_view bytes, char32_t cp) {
    const std::uint64_t hash = hash_bytes(bytes);
    three_byte_hashes[cp].store(hash, std::memory_order_relaxed);
    return hash;
}

}  // namespace detail

}  // namespace once
