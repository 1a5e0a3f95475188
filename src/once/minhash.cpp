#include "once/minhash.hpp"

#include <algorithm>

#include "once/hashing.hpp"

namespace once {

MinHasher::MinHasher(int num_perm, std::uint64_t seed) {
    a_.resize(static_cast<std::size_t>(num_perm));
    b_.resize(static_cast<std::size_t>(num_perm));
    std::uint64_t state = seed;
    for (int i = 0; i < num_perm; ++i) {
        state = mix64(state);
        a_[static_cast<std::size_t>(i)] = state | 1;  // odd multiplier: a bijection mod 2^64
        state = mix64(state);
        b_[static_cast<std::size_t>(i)] = state;
    }
}

void MinHasher::sign(std::span<const std::uint64_t> shingles, std::uint32_t* out) const {
    const std::size_t k = a_.size();
    std::fill(out, out + k, 0xFFFFFFFFu);
    for (const std::uint64_t x : shingles) {
        for (std::size_t i = 0; i < k; ++i) {
            const auto value = static_cast<std::uint32_t>((a_[i] * x + b_[i]) >> 32);
            out[i] = std::min(out[i], value);
        }
    }
}

std::uint64_t band_key(const std::uint32_t* signature, int band, int rows) {
    std::uint64_t key = mix64(static_cast<std::uint64_t>(band) + 1);
    for (int r = 0; r < rows; ++r) key = hash_combine(key, signature[band * rows + r]);
    return key;
}

double estimate_jaccard(const std::uint32_t* a, const std::uint32_t* b, int num_perm) {
    int equal = 0;
    for (int i = 0; i < num_perm; ++i) equal += a[i] == b[i];
    return static_cast<double>(equal) / num_perm;
}

double containment_from_jaccard(double jaccard, std::uint32_t size_a, std::uint32_t size_b) {
    if (size_a == 0) return 0.0;
    // |A∩B| = J (|A| + |B|) / (1 + J)
    const double intersection = jaccard * (static_cast<double>(size_a) + size_b) / (1.0 + jaccard);
    return std::clamp(intersection / size_a, 0.0, 1.0);
}

double exact_jaccard(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b) {
    if (a.empty() && b.empty()) return 1.0;
    std::size_t i = 0, j = 0, common = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] == b[j]) ++common, ++i, ++j;
        else if (a[i] < b[j]) ++i;
        else ++j;
    }
    return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace once
