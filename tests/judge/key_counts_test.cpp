// key_counts_test.cpp — KeyCounts (the flat count table behind Recurrence) answers like a map.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <random>

#include "once/judge/key_counts.hpp"

TEST_CASE("KeyCounts: empty, key 0, and a key never added") {
    once::KeyCounts counts;
    CHECK(counts.size() == 0);
    CHECK(counts.find(0) == 0);
    CHECK(counts.find(42) == 0);
    ++counts[0];
    ++counts[0];
    CHECK(counts.find(0) == 2);
    CHECK(counts.size() == 1);
    CHECK(counts.find(42) == 0);
}

TEST_CASE("KeyCounts: the same counts as std::map through growth, with keys that share a slot") {
    once::KeyCounts counts;
    std::map<std::uint64_t, std::uint32_t> expected;
    std::mt19937_64 random(7);
    for (int i = 0; i < 20000; ++i) {
        // Small keys and keys that differ only in their high bits land on few home slots.
        const std::uint64_t key = (i % 3 == 0) ? random() % 500 : (random() % 64) << 58;
        ++counts[key];
        ++expected[key];
    }
    CHECK(counts.size() == expected.size());
    for (const auto& entry : expected) CHECK(counts.find(entry.first) == entry.second);
    std::map<std::uint64_t, std::uint32_t> seen;
    counts.for_each([&seen](std::uint64_t key, std::uint32_t count) { seen[key] += count; });
    CHECK(seen == expected);
    CHECK(counts.find(0xFFFFFFFFFFFFULL) == 0);
}
