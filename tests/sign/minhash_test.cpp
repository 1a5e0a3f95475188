// minhash_test.cpp — signatures, LSH band keys, and the error of the similarity estimates,
// including a property test against exact Jaccard on random sets.
#include "once/sign/minhash.hpp"

#include "once/text/normalizer.hpp"
#include "once/sign/hashing.hpp"
#include "once/sign/shingler.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

namespace {

std::vector<std::uint32_t> sign(const once::MinHasher& hasher, const std::vector<std::uint64_t>& set) {
    std::vector<std::uint32_t> signature(static_cast<std::size_t>(hasher.num_perm()));
    hasher.sign(set, signature.data());
    return signature;
}

// `count` distinct random 64-bit values (shingle hashes are uniformly distributed like these).
std::vector<std::uint64_t> random_set(std::mt19937_64& rng, std::size_t count, std::set<std::uint64_t>& used) {
    std::vector<std::uint64_t> out;
    while (out.size() < count) {
        const std::uint64_t value = rng();
        if (used.insert(value).second) out.push_back(value);
    }
    return out;
}

std::vector<std::uint64_t> sorted(std::vector<std::uint64_t> values) {
    std::sort(values.begin(), values.end());
    return values;
}

}  // namespace

TEST_CASE("MinHasher: deterministic for a seed, different across seeds") {
    const std::vector<std::uint64_t> set = {1, 2, 3, 0xDEADBEEF, 0xFFFFFFFFFFFFFFFFULL};
    const once::MinHasher a(64, 1), b(64, 1), c(64, 2);
    CHECK(a.num_perm() == 64);
    CHECK(sign(a, set) == sign(b, set));
    CHECK(sign(a, set) != sign(c, set));
    // Order of the input does not matter (a set).
    const std::vector<std::uint64_t> reversed(set.rbegin(), set.rend());
    CHECK(sign(a, set) == sign(a, reversed));
    // Other sizes.
    CHECK(once::MinHasher(128, 7).num_perm() == 128);
    CHECK(once::MinHasher(1, 7).num_perm() == 1);
}

TEST_CASE("MinHasher: an empty set signs as all 0xFFFFFFFF") {
    const once::MinHasher hasher(16, 1);
    const auto signature = sign(hasher, {});
    CHECK(std::all_of(signature.begin(), signature.end(), [](std::uint32_t v) { return v == 0xFFFFFFFFu; }));
    // ... and a non-empty one does not.
    const auto one = sign(hasher, {42});
    CHECK(std::any_of(one.begin(), one.end(), [](std::uint32_t v) { return v != 0xFFFFFFFFu; }));
}

TEST_CASE("estimate_jaccard: identical sets give 1, disjoint sets about 0") {
    std::mt19937_64 rng(12345);
    std::set<std::uint64_t> used;
    const auto a = random_set(rng, 300, used);
    const auto b = random_set(rng, 300, used);
    const once::MinHasher hasher(64, 1);
    CHECK(once::estimate_jaccard(sign(hasher, a).data(), sign(hasher, a).data(), 64) == 1.0);
    CHECK(once::estimate_jaccard(sign(hasher, a).data(), sign(hasher, b).data(), 64) <= 0.05);
    CHECK(once::exact_jaccard(sorted(a), sorted(b)) == 0.0);
}

TEST_CASE("estimate_jaccard counts equal positions") {
    const std::vector<std::uint32_t> a = {1, 2, 3, 4};
    const std::vector<std::uint32_t> b = {1, 9, 3, 9};
    CHECK(once::estimate_jaccard(a.data(), b.data(), 4) == doctest::Approx(0.5));
    CHECK(once::estimate_jaccard(a.data(), a.data(), 4) == 1.0);
}

TEST_CASE("exact_jaccard") {
    using V = std::vector<std::uint64_t>;
    CHECK(once::exact_jaccard(V{}, V{}) == 1.0);
    CHECK(once::exact_jaccard(V{1}, V{}) == 0.0);
    CHECK(once::exact_jaccard(V{1, 2, 3}, V{1, 2, 3}) == 1.0);
    CHECK(once::exact_jaccard(V{1, 2, 3}, V{4, 5}) == 0.0);
    CHECK(once::exact_jaccard(V{1, 2, 3, 4}, V{3, 4, 5, 6}) == doctest::Approx(2.0 / 6.0));
    CHECK(once::exact_jaccard(V{1, 2}, V{1, 2, 3, 4}) == doctest::Approx(0.5));
}

// Property: MinHash with k permutations estimates Jaccard J with standard error sqrt(J(1-J)/k),
// at most 0.0625 for k = 64 (config.hpp relies on this bound). Over 200 random pairs of sets of
// 50-400 elements with overlaps spread over [0, 1], every estimate must lie within 0.25 (4 standard
// errors at worst) of the exact value and the mean absolute error must stay under 0.05 (for J
// uniform in [0, 1] it is about 0.8 * E[sqrt(J(1-J)/64)] ~= 0.04).
TEST_CASE("property: MinHash estimates stay within the stated error of exact Jaccard") {
    constexpr int k_pairs = 200;
    constexpr int k_perm = 64;
    std::mt19937_64 rng(20240601);
    std::uniform_int_distribution<std::size_t> size_dist(50, 400);
    std::uniform_real_distribution<double> share_dist(0.0, 1.0);
    const once::MinHasher hasher(k_perm, 1);

    double total_error = 0.0;
    double total_low_error = 0.0;
    double worst_error = 0.0;
    double total_exact = 0.0;
    for (int pair = 0; pair < k_pairs; ++pair) {
        std::set<std::uint64_t> used;
        const std::size_t size_a = size_dist(rng);
        const std::size_t size_b = size_dist(rng);
        const auto shared =
            static_cast<std::size_t>(share_dist(rng) * static_cast<double>(std::min(size_a, size_b)));
        const auto common = random_set(rng, shared, used);
        auto a = random_set(rng, size_a - shared, used);
        auto b = random_set(rng, size_b - shared, used);
        a.insert(a.end(), common.begin(), common.end());
        b.insert(b.end(), common.begin(), common.end());

        const double exact = once::exact_jaccard(sorted(a), sorted(b));
        const auto signature_a = sign(hasher, a);
        const auto signature_b = sign(hasher, b);
        const double estimate = once::estimate_jaccard(signature_a.data(), signature_b.data(), k_perm);
        // What the index uses: the low byte of each value, corrected for chance agreement.
        std::vector<std::uint8_t> low_a(k_perm), low_b(k_perm);
        once::low_bytes(signature_a.data(), k_perm, low_a.data());
        once::low_bytes(signature_b.data(), k_perm, low_b.data());
        std::size_t equal_low = 0;
        for (int i = 0; i < k_perm; ++i) equal_low += low_a[i] == low_b[i];
        const double low_estimate = once::jaccard_from_low_bytes(equal_low, k_perm);
        const double error = std::abs(estimate - exact);
        const double low_error = std::abs(low_estimate - exact);
        CAPTURE(pair);
        CAPTURE(exact);
        CAPTURE(estimate);
        CAPTURE(low_estimate);
        CHECK(error <= 0.25);
        CHECK(low_error <= 0.25);
        total_error += error;
        total_low_error += low_error;
        worst_error = std::max(worst_error, error);
        total_exact += exact;
    }
    const double mean_error = total_error / k_pairs;
    const double mean_low_error = total_low_error / k_pairs;
    CAPTURE(worst_error);
    CAPTURE(mean_error);
    CAPTURE(mean_low_error);
    CHECK(mean_error <= 0.05);
    CHECK(mean_low_error <= 0.05);
    // The pairs really spread over the range (the property is not tested on trivial pairs only).
    CHECK(total_exact / k_pairs > 0.2);
    CHECK(total_exact / k_pairs < 0.8);
}

TEST_CASE("property: different seeds give independent estimates of the same pair") {
    // A second seed on a fixed pair: estimates vary around the exact value, not around a bias.
    std::mt19937_64 rng(99);
    std::set<std::uint64_t> used;
    const auto common = random_set(rng, 100, used);
    auto a = random_set(rng, 100, used);
    auto b = random_set(rng, 100, used);
    a.insert(a.end(), common.begin(), common.end());
    b.insert(b.end(), common.begin(), common.end());
    const double exact = once::exact_jaccard(sorted(a), sorted(b));  // 100 / 300
    double sum = 0.0;
    constexpr int k_seeds = 100;
    for (int seed = 1; seed <= k_seeds; ++seed) {
        const once::MinHasher hasher(64, static_cast<std::uint64_t>(seed));
        sum += once::estimate_jaccard(sign(hasher, a).data(), sign(hasher, b).data(), 64);
    }
    // Mean of 100 estimates: standard error 0.059 / 10 ~= 0.006.
    CHECK(std::abs(sum / k_seeds - exact) <= 0.03);
}

TEST_CASE("containment_from_jaccard") {
    // A subset A of B: J = |A| / |B|, containment 1.
    CHECK(once::containment_from_jaccard(0.5, 100, 200) == doctest::Approx(1.0));
    CHECK(once::containment_from_jaccard(0.25, 50, 200) == doctest::Approx(1.0));
    // Estimates above the possible value are clamped.
    CHECK(once::containment_from_jaccard(0.9, 100, 200) == 1.0);
    // Disjoint: 0. Empty A: 0.
    CHECK(once::containment_from_jaccard(0.0, 100, 200) == 0.0);
    CHECK(once::containment_from_jaccard(0.7, 0, 200) == 0.0);
    // Equal-size sets: containment = 2J / (1 + J).
    CHECK(once::containment_from_jaccard(0.6, 100, 100) == doctest::Approx(0.75));

    // From real signatures: a cut-off copy is contained in the full sentence.
    const std::string full =
        "the committee met on tuesday to review the annual budget and agreed to publish the report next week "
        "after a long debate about the cost of the new rail line through the valley";
    const std::string cut = "the committee met on tuesday to review the annual budget and agreed to publish the report";
    const auto a = once::shingle(cut, 3);
    const auto b = once::shingle(full, 3);
    const once::MinHasher hasher(64, 1);
    const double jaccard = once::estimate_jaccard(sign(hasher, a.shingles).data(), sign(hasher, b.shingles).data(), 64);
    CHECK(jaccard < 0.75);  // not a near duplicate by resemblance ...
    const double containment = once::containment_from_jaccard(jaccard, static_cast<std::uint32_t>(a.shingles.size()),
                                                              static_cast<std::uint32_t>(b.shingles.size()));
    CHECK(containment >= 0.8);  // ... but contained
    // The other way round, the full sentence is not contained in the cut one.
    CHECK(once::containment_from_jaccard(jaccard, static_cast<std::uint32_t>(b.shingles.size()),
                                         static_cast<std::uint32_t>(a.shingles.size())) < 0.8);
}

TEST_CASE("band_key: depends on the band number and on that band's rows only") {
    std::vector<std::uint8_t> signature(64, 7);  // every row equal: only the band number differs
    std::set<std::uint64_t> keys;
    for (int band = 0; band < 16; ++band) keys.insert(once::band_key(signature.data(), band, 4));
    CHECK(keys.size() == 16);

    const std::uint64_t band0 = once::band_key(signature.data(), 0, 4);
    const std::uint64_t band1 = once::band_key(signature.data(), 1, 4);
    signature[5] = 8;  // row 5 is in band 1 (rows 4-7)
    CHECK(once::band_key(signature.data(), 0, 4) == band0);
    CHECK(once::band_key(signature.data(), 1, 4) != band1);
    // Deterministic.
    CHECK(once::band_key(signature.data(), 1, 4) == once::band_key(signature.data(), 1, 4));
    // Row order inside a band matters.
    const std::vector<std::uint8_t> x = {1, 2, 3, 4}, y = {2, 1, 3, 4};
    CHECK(once::band_key(x.data(), 0, 4) != once::band_key(y.data(), 0, 4));
    // Bands of more than 8 rows: every row still counts.
    std::vector<std::uint8_t> wide(16, 3);
    const std::uint64_t wide_key = once::band_key(wide.data(), 0, 16);
    wide[12] = 4;
    CHECK(once::band_key(wide.data(), 0, 16) != wide_key);
}

TEST_CASE("low bytes: the corrected share of equal bytes estimates Jaccard") {
    CHECK(once::jaccard_from_low_bytes(64, 64) == 1.0);
    CHECK(once::jaccard_from_low_bytes(0, 64) == 0.0);  // below chance agreement: clamped
    CHECK(once::jaccard_from_low_bytes(32, 64) == doctest::Approx((0.5 - 1.0 / 256) / (1 - 1.0 / 256)));
    const std::vector<std::uint32_t> values = {0x12345678u, 0xFFu, 0x100u, 7u};
    std::vector<std::uint8_t> low(values.size());
    once::low_bytes(values.data(), static_cast<int>(values.size()), low.data());
    CHECK(low == std::vector<std::uint8_t>{0x78, 0xFF, 0x00, 0x07});
}

TEST_CASE("MinHash on text: width variants sign alike, edited sentences are similar") {
    const once::MinHasher hasher(64, 1);
    const auto sig = [&](const std::string& raw) { return sign(hasher, once::shingle(once::normalize(raw).text, 3).shingles); };
    CHECK(sig("ＡＩ投資は２０２４年に拡大した") == sig("AI投資は2024年に拡大した"));
    const double near = once::estimate_jaccard(sig("東京の新しい鉄道は来週に開業する予定です").data(),
                                               sig("東京の新しい鉄道は来月に開業する予定です").data(), 64);
    CHECK(near >= 0.6);
    const double unrelated = once::estimate_jaccard(sig("東京の新しい鉄道は来週に開業する予定です").data(),
                                                    sig("The quick brown fox jumps over the lazy dog").data(), 64);
    CHECK(unrelated <= 0.1);
}

// MinHasher::sign runs AVX-512, AVX2 or the portable loop, whichever the machine has; each must
// give the values of the definition (minhash.hpp): a_i, b_i from the seed by splitmix64, the
// high 32 bits of a_i * x + b_i mod 2^64. Checked for permutation counts that are and are not
// multiples of the vector blocks (the rest goes to the portable loop), and sets of 0 to 300
// values, with extremes. On a machine with AVX-512 the AVX2 path runs only under valgrind, which
// has no AVX-512: `valgrind --tool=none build/tests/unit_tests -tc='MinHasher: every code path*'`.
TEST_CASE("MinHasher: every code path signs as the definition") {
    std::mt19937_64 rng(12);
    for (const int num_perm : {1, 15, 16, 20, 64, 80, 128}) {
        const std::uint64_t seed = 0x5eed0000ULL + static_cast<std::uint64_t>(num_perm);
        const once::MinHasher hasher(num_perm, seed);
        std::vector<std::uint64_t> a, b;
        std::uint64_t state = seed;
        for (int i = 0; i < num_perm; ++i) {
            state = once::mix64(state);
            a.push_back(state | 1);
            state = once::mix64(state);
            b.push_back(state);
        }
        for (const std::size_t size : {0, 1, 2, 7, 33, 300}) {
            std::vector<std::uint64_t> set;
            for (std::size_t n = 0; n < size; ++n) set.push_back(rng());
            if (size >= 2) set[1] = ~std::uint64_t{0};
            if (size >= 7) set[6] = 0;
            CAPTURE(num_perm);
            CAPTURE(size);
            const std::vector<std::uint32_t> got = sign(hasher, set);
            for (int i = 0; i < num_perm; ++i) {
                std::uint32_t want = 0xFFFFFFFFu;
                for (const std::uint64_t x : set)
                    want = std::min(want, static_cast<std::uint32_t>((a[static_cast<std::size_t>(i)] * x +
                                                                      b[static_cast<std::size_t>(i)]) >> 32));
                CHECK(got[static_cast<std::size_t>(i)] == want);
            }
        }
    }
}

// band_key takes shortcuts (a table of band seeds, four rows read as one word); its values are
// in every index, so each must equal the definition: mix64(band + 1), then hash_combine with the
// band's bytes packed big-endian, eight rows at a time.
TEST_CASE("band_key: equals the definition for any rows and band, inside and past the seed table") {
    std::mt19937_64 rng(99);
    for (const int rows : {1, 2, 3, 4, 5, 8, 9, 16, 20}) {
        for (const int band : {0, 1, 15, 16, 63, 64, 65, 100}) {
            std::vector<std::uint8_t> low(static_cast<std::size_t>((band + 1) * rows));
            for (auto& byte : low) byte = static_cast<std::uint8_t>(rng());
            std::uint64_t want = once::mix64(static_cast<std::uint64_t>(band) + 1);
            std::uint64_t packed = 0;
            for (int r = 0; r < rows; ++r) {
                packed = packed << 8 | low[static_cast<std::size_t>(band * rows + r)];
                if (r % 8 == 7 || r + 1 == rows) {
                    want = once::hash_combine(want, packed);
                    packed = 0;
                }
            }
            CAPTURE(rows);
            CAPTURE(band);
            CHECK(once::band_key(low.data(), band, rows) == want);
        }
    }
}
