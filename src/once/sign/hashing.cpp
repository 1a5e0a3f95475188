#include "once/sign/hashing.hpp"

// Inlined here, so a token hash is a direct call with no trip through the shared library's
// dispatch. XXH3 is frozen since 0.8.0: the values are those of the library.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace once {

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed) {
    return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

}  // namespace once
