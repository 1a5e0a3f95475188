#include "once/sign/minhash.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

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

// The same arithmetic on AVX2, eight permutations a vector and 16 per pass over the shingles.
// AVX2 has no 64-bit multiply, and only the high 32 bits of a * x + b (mod 2^64) are wanted.
// With a = aH * 2^32 + aL and x = xH * 2^32 + xL they are
//     ((aL * xL + b) mod 2^64) >> 32   +   aH * xL + aL * xH   (mod 2^32):
// the first from one 32 x 32 -> 64-bit multiply (vpmuludq, four lanes: the even permutations of
// eight in one vector, the odd in another, then blended into eight 32-bit lanes), the cross
// terms from 32-bit multiplies (vpmulld, eight lanes), and one unsigned 32-bit min (vpminud).
// Eleven instructions per eight permutations and shingle, where building each 64-bit product
// from three vpmuludq, shifts and adds in four 64-bit lanes took about twenty. The portable loop
// at -march=x86-64 is one scalar multiply per permutation and shingle: 7.6% of `once clean` on
// ldcc (perf) on a machine without AVX-512.
__attribute__((target("avx2"))) void sign_avx2(const std::uint64_t* a, const std::uint64_t* b, std::size_t k,
                                               std::span<const std::uint64_t> shingles, std::uint32_t* out) {
    constexpr int width = 8;
    constexpr int vectors = 2;
    const auto low = [](std::uint64_t v) { return static_cast<int>(static_cast<std::uint32_t>(v)); };
    const auto high = [](std::uint64_t v) { return static_cast<int>(static_cast<std::uint32_t>(v >> 32)); };
    const auto whole = [](std::uint64_t v) { return static_cast<long long>(v); };
    std::size_t i = 0;
    for (; i + width * vectors <= k; i += width * vectors) {
        __m256i a_even[vectors], a_odd[vectors], b_even[vectors], b_odd[vectors], a_high[vectors], a_low[vectors];
        __m256i minima[vectors];
        for (int j = 0; j < vectors; ++j) {
            const std::uint64_t* pa = a + i + width * j;
            const std::uint64_t* pb = b + i + width * j;
            a_even[j] = _mm256_set_epi64x(whole(pa[6]), whole(pa[4]), whole(pa[2]), whole(pa[0]));
            a_odd[j] = _mm256_set_epi64x(whole(pa[7]), whole(pa[5]), whole(pa[3]), whole(pa[1]));
            b_even[j] = _mm256_set_epi64x(whole(pb[6]), whole(pb[4]), whole(pb[2]), whole(pb[0]));
            b_odd[j] = _mm256_set_epi64x(whole(pb[7]), whole(pb[5]), whole(pb[3]), whole(pb[1]));
            a_high[j] = _mm256_set_epi32(high(pa[7]), high(pa[6]), high(pa[5]), high(pa[4]), high(pa[3]), high(pa[2]),
                                         high(pa[1]), high(pa[0]));
            a_low[j] = _mm256_set_epi32(low(pa[7]), low(pa[6]), low(pa[5]), low(pa[4]), low(pa[3]), low(pa[2]),
                                        low(pa[1]), low(pa[0]));
            minima[j] = _mm256_set1_epi32(-1);
        }
        for (const std::uint64_t x : shingles) {
            const __m256i x_low64 = _mm256_set1_epi64x(whole(x));  // vpmuludq reads each lane's low half
            const __m256i x_low = _mm256_set1_epi32(low(x));
            const __m256i x_high = _mm256_set1_epi32(high(x));
            for (int j = 0; j < vectors; ++j) {
                const __m256i even = _mm256_add_epi64(_mm256_mul_epu32(a_even[j], x_low64), b_even[j]);
                const __m256i odd = _mm256_add_epi64(_mm256_mul_epu32(a_odd[j], x_low64), b_odd[j]);
                // Lane 2t: even's high half moved down; lane 2t + 1: odd's high half, in place.
                const __m256i product_high = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
                const __m256i cross =
                    _mm256_add_epi32(_mm256_mullo_epi32(a_high[j], x_low), _mm256_mullo_epi32(a_low[j], x_high));
                minima[j] = _mm256_min_epu32(minima[j], _mm256_add_epi32(product_high, cross));
            }
        }
        for (int j = 0; j < vectors; ++j)
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i + width * j), minima[j]);
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

std::uint64_t band_key_any(const std::uint8_t* low, int band, int rows) {
    const auto band_index = static_cast<std::size_t>(band);
    std::uint64_t key =
        band_index < band_detail::k_tabled_bands ? band_detail::k_band_seeds[band_index] : mix64(band_index + 1);
    std::uint64_t packed = 0;
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
