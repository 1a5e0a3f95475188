#include "once/match/band_adds.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <random>
#include <vector>

using once::BandAdds;

namespace {

// The newest `limit` ids under `key`, as BandAdds reports them.
std::vector<std::uint32_t> newest(const BandAdds& adds, std::uint64_t key, std::uint32_t limit, std::uint32_t* count) {
    std::vector<std::uint32_t> ids;
    *count = adds.newest(key, limit, [&](std::uint32_t id) { ids.push_back(id); });
    return ids;
}

// Adds `entries` under keys drawn from `distinct` keys and checks every key's newest 16 and
// count against a plain map.
void check_against_map(std::size_t entries, std::size_t distinct, std::uint64_t seed) {
    BandAdds adds;
    adds.reset(entries);
    std::mt19937_64 random(seed);
    std::vector<std::uint64_t> keys(distinct);
    for (auto& key : keys) key = random() | 1;  // band keys are not 0
    std::map<std::uint64_t, std::vector<std::uint32_t>> expected;
    for (std::uint32_t id = 0; id < entries; ++id) {
        const std::uint64_t key = keys[random() % distinct];
        adds.add(key, id);
        expected[key].push_back(id);
    }
    for (const auto& [key, ids] : expected) {
        std::uint32_t count = 0;
        const auto got = newest(adds, key, 16, &count);
        CHECK(count == ids.size());
        const std::vector<std::uint32_t> want(ids.rbegin(), ids.rbegin() + std::min<std::ptrdiff_t>(16, static_cast<std::ptrdiff_t>(ids.size())));
        CHECK(got == want);
    }
    std::uint32_t count = 7;
    CHECK(newest(adds, 2, 16, &count).empty());  // a key never added (keys above are odd)
    CHECK(count == 0);
}

}  // namespace

TEST_CASE("band adds: newest ids and counts as a map keeps them, below and past the presized entries") {
    check_against_map(1000, 37, 1);
    check_against_map(BandAdds::k_presized * 3, 5, 2);  // few keys, many entries
    check_against_map(BandAdds::k_presized * 3, BandAdds::k_presized * 2, 3);  // the table grows twice or more
}

TEST_CASE("band adds: a batch looping a few passages takes a table for its keys, not its entries") {
    // A record repeating one sentence pair 80,000 times on one line: 16 bands each, 2.56 million
    // entries under 32 keys. Sized by entries the table was 2^23 slots (128 MiB).
    BandAdds adds;
    const std::size_t entries = 80'000 * 16;
    adds.reset(entries);
    for (std::uint32_t id = 0; id < entries; ++id) adds.add(1 + id % 32, id / 16);
    CHECK(adds.slot_count() <= 2 * BandAdds::k_presized);
    std::uint32_t count = 0;
    CHECK(newest(adds, 5, 3, &count) == std::vector<std::uint32_t>{79'999 - 1, 79'999 - 3, 79'999 - 5});
    CHECK(count == entries / 32);
}

TEST_CASE("band adds: a batch under the presized entries keeps the table it always had") {
    BandAdds adds;
    adds.reset(1000);
    for (std::uint32_t id = 0; id < 1000; ++id) adds.add(id + 1, id);
    CHECK(adds.slot_count() == 2048);
}
