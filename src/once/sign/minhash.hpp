// minhash.hpp — MinHash signatures, LSH band keys, and similarity estimates.
//
// Why: comparing every sentence with every other is quadratic; MinHash turns a shingle set into
// k small numbers whose agreement rate estimates Jaccard resemblance, and LSH banding (b bands of
// r rows) finds the pairs likely to be similar with probability 1-(1-s^r)^b. Candidates are then
// verified on the signatures as the index stores them (their low bytes, below). Containment |A∩B|/|A| — what a cut-off copy has with its
// original — follows from the resemblance estimate and the two set sizes (Broder 1997).
//
// Permutations are h_i(x) = high 32 bits of (a_i * x + b_i) mod 2^64 with a_i odd, from the
// seed by splitmix64; signatures are deterministic for a given (seed, num_perm).
//
//   once::MinHasher hasher(64, seed);
//   std::vector<std::uint32_t> sig(64);
//   hasher.sign(shingles, sig.data());
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "once/sign/hashing.hpp"

namespace once {

class MinHasher {
public:
    MinHasher(int num_perm, std::uint64_t seed);
    int num_perm() const { return static_cast<int>(a_.size()); }
    // Writes num_perm values to `out`. An empty set gives all 0xFFFFFFFF.
    void sign(std::span<const std::uint64_t> shingles, std::uint32_t* out) const;

private:
    std::vector<std::uint64_t> a_;
    std::vector<std::uint64_t> b_;
};

// b-bit MinHash (Li and König 2010): an index keeps only the low byte of each value, a quarter
// of the memory. Two sets agree on a low byte when their values agree (probability J) or by
// chance (1/256 otherwise), so the share E of equal low bytes estimates J as
// (E - 1/256) / (1 - 1/256), with nearly the variance of the full values.
void low_bytes(const std::uint32_t* signature, int num_perm, std::uint8_t* out);
// Key of band `band` (rows [band*rows, (band+1)*rows)) of a low-byte signature: rows * 8 bits of
// identity per band. Inline for the default 64 / 16 (four rows, a tabled band): the index asks
// for a key per band of every sentence, and again for each entry of a band-table page that
// splits (1.7 million keys on ldcc's first 1,500 articles); the call was a fifth of its cost.
std::uint64_t band_key_any(const std::uint8_t* low, int band, int rows);
namespace band_detail {
// Each band's starting key, mix64(band + 1), computed at compile time for the bands a config
// is likely to have (16 by default).
inline constexpr std::size_t k_tabled_bands = 64;
inline constexpr auto k_band_seeds = [] {
    std::array<std::uint64_t, k_tabled_bands> seeds{};
    for (std::size_t b = 0; b < k_tabled_bands; ++b) seeds[b] = mix64(b + 1);
    return seeds;
}();
}  // namespace band_detail
inline std::uint64_t band_key(const std::uint8_t* low, int band, int rows) {
    const auto band_index = static_cast<std::size_t>(band);
    if (rows != 4 || band_index >= band_detail::k_tabled_bands) return band_key_any(low, band, rows);
    // The band's four bytes read as one big-endian word, which is what band_key_any packs them into.
    std::uint32_t word;
    std::memcpy(&word, low + band_index * 4, sizeof word);
    return hash_combine(band_detail::k_band_seeds[band_index], __builtin_bswap32(word));
}
// The Jaccard estimate from `equal` agreeing low bytes of `num_perm`, clamped to [0, 1].
double jaccard_from_low_bytes(std::size_t equal, int num_perm);

// Share of equal positions of full signatures: the textbook MinHash estimate of Jaccard
// resemblance (the tests measure the signer's error with it; the index uses the low bytes).
double estimate_jaccard(const std::uint32_t* a, const std::uint32_t* b, int num_perm);

// Estimated containment of A in B from resemblance and set sizes, clamped to [0, 1].
double containment_from_jaccard(double jaccard, std::uint32_t size_a, std::uint32_t size_b);

// Exact Jaccard of two sorted, unique sets (tests and small-set verification).
double exact_jaccard(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b);

}  // namespace once
