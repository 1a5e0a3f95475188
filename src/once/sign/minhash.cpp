#include "once/sign/minhash.hpp"

#include <algorithm>
#include <cstring>

#include "once/sign/hashing.hpp"

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

namespace {

// The permutations, written so the compiler can keep a block of running minima in registers and
// vectorize across permutations: for each block of permutations, one pass over the shingles.
void sign_portable(const std::uint64_t* a, const std::uint64_t* b, std::size_t k,
                   std::span<const std::uint64_t> shingles, std::uint32_t* out) {
    constexpr std::size_t block = 16;
    std::size_t i = 0;
    for (; i + block <= k; i += block) {
        std::uint32_t minima[block];
        std::fill(minima, minima + block, 0xFFFFFFFFu);
        for (const std::uint64_t x : shingles)
            for (std::size_t j = 0; j < block; ++j)
                minima[j] = std::min(minima[j], static_cast<std::uint32_t>((a[i + j] * x + b[i + j]) >> 32));
        std::copy(minima, minima + block, out + i);
    }
    for (; i < k; ++i) {
        std::uint32_t minimum = 0xFFFFFFFFu;
        for (const std::uint64_t x : shingles)
            minimum = std::min(minimum, static_cast<std::uint32_t>((a[i] * x + b[i]) >> 32));
        out[i] = minimum;
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#define ONCE_SIGN_AVX512 1
// The same arithmetic eight permutations at a time (AVX-512DQ has the 64-bit multiply), 64
// permutations per pass over the shingles: 24 of the 32 vector registers hold a, b and minima.
using Lanes64 = std::uint64_t __attribute__((vector_size(64)));
using Lanes32 = std::uint32_t __attribute__((vector_size(32)));

__attribute__((target("avx512f,avx512dq"))) void sign_avx512(const std::uint64_t* a, const std::uint64_t* b,
                                                             std::size_t k, std::span<const std::uint64_t> shingles,
                                                             std::uint32_t* out) {
    constexpr int width = 8;
    constexpr int vectors = 8;
    std::size_t i = 0;
    for (; i + width * vectors <= k; i += width * vectors) {
        Lanes64 va[vectors], vb[vectors], minima[vectors];
        for (int j = 0; j < vectors; ++j) {
            std::memcpy(&va[j], a + i + width * j, sizeof(Lanes64));
            std::memcpy(&vb[j], b + i + width * j, sizeof(Lanes64));
            minima[j] = Lanes64{} + 0xFFFFFFFFu;
        }
        for (const std::uint64_t x : shingles) {
            for (int j = 0; j < vectors; ++j) {
                const Lanes64 value = (va[j] * x + vb[j]) >> 32;
                minima[j] = value < minima[j] ? value : minima[j];
            }
        }
        for (int j = 0; j < vectors; ++j) {
            const Lanes32 narrow = __builtin_convertvector(minima[j], Lanes32);
            std::memcpy(out + i + width * j, &narrow, sizeof(Lanes32));
        }
    }
    if (i < k) sign_portable(a + i, b + i, k - i, shingles, out + i);
}

// The same arithmetic on AVX2, four permutations a vector and 16 per pass over the shingles.
// AVX2 has no 64-bit multiply: the compiler builds each from three 32-bit ones (vpmuludq).
// The shifted values are below 2^32, so the running minima are kept as 32-bit lanes whose high
// halves stay 0, and one unsigned 32-bit min (vpminud) replaces AVX2's missing unsigned 64-bit
// compare. The portable loop at -march=x86-64 is one scalar multiply per permutation and
// shingle: 7.6% of `once clean` on ldcc (perf) on a machine without AVX-512.
using Lanes64x4 = std::uint64_t __attribute__((vector_size(32)));
using Lanes32x8 = std::uint32_t __attribute__((vector_size(32)));
using Lanes32x4 = std::uint32_t __attribute__((vector_size(16)));

__attribute__((target("avx2"))) void sign_avx2(const std::uint64_t* a, const std::uint64_t* b, std::size_t k,
                                               std::span<const std::uint64_t> shingles, std::uint32_t* out) {
    constexpr int width = 4;
    constexpr int vectors = 4;
    std::size_t i = 0;
    for (; i + width * vectors <= k; i += width * vectors) {
        Lanes64x4 va[vectors], vb[vectors];
        Lanes32x8 minima[vectors];
        for (int j = 0; j < vectors; ++j) {
            std::memcpy(&va[j], a + i + width * j, sizeof(Lanes64x4));
            std::memcpy(&vb[j], b + i + width * j, sizeof(Lanes64x4));
            minima[j] = reinterpret_cast<Lanes32x8>(Lanes64x4{} + 0xFFFFFFFFu);
        }
        for (const std::uint64_t x : shingles) {
            for (int j = 0; j < vectors; ++j) {
                const Lanes32x8 value = reinterpret_cast<Lanes32x8>((va[j] * x + vb[j]) >> 32);
                minima[j] = value < minima[j] ? value : minima[j];
            }
        }
        for (int j = 0; j < vectors; ++j) {
            const Lanes32x4 narrow = __builtin_convertvector(reinterpret_cast<Lanes64x4>(minima[j]), Lanes32x4);
            std::memcpy(out + i + width * j, &narrow, sizeof(Lanes32x4));
        }
    }
    if (i < k) sign_portable(a + i, b + i, k - i, shingles, out + i);
}
#endif

}  // namespace

void MinHasher::sign(std::span<const std::uint64_t> shingles, std::uint32_t* out) const {
    const std::size_t k = a_.size();
#ifdef ONCE_SIGN_AVX512
    static const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
    if (avx512) {
        sign_avx512(a_.data(), b_.data(), k, shingles, out);
        return;
    }
    static const bool avx2 = __builtin_cpu_supports("avx2");
    if (avx2) {
        sign_avx2(a_.data(), b_.data(), k, shingles, out);
        return;
    }
#endif
    sign_portable(a_.data(), b_.data(), k, shingles, out);
}

void low_bytes(const std::uint32_t* signature, int num_perm, std::uint8_t* out) {
    for (int i = 0; i < num_perm; ++i) out[i] = static_cast<std::uint8_t>(signature[i]);
}

std::uint64_t band_key(const std::uint8_t* low, int band, int rows) {
    std::uint64_t packed = 0;
    std::uint64_t key = mix64(static_cast<std::uint64_t>(band) + 1);
    for (int r = 0; r < rows; ++r) {
        packed = packed << 8 | low[band * rows + r];
        if (r % 8 == 7 || r + 1 == rows) {
            key = hash_combine(key, packed);
            packed = 0;
        }
    }
    return key;
}

double jaccard_from_low_bytes(std::size_t equal, int num_perm) {
    constexpr double chance = 1.0 / 256.0;
    const double share = static_cast<double>(equal) / num_perm;
    return std::clamp((share - chance) / (1.0 - chance), 0.0, 1.0);
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
