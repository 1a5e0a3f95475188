// band_index_test.cpp — BandIndex (the matcher's band tables, 5 bytes a slot) against an
// unordered_map: it answers as a map over full 64-bit keys through page splits (which read
// each key back through key_of), directory doublings, and keys whose 8-bit tags are equal.
#include "once/match/band_index.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

namespace {

// The index under test, with the keys its values name (value v is stored under keys[v]): what
// the matcher reads back from the signatures.
struct Indexed {
    once::BlockPool pool;
    once::BandIndex index{pool};
    std::vector<std::uint64_t> keys;
    std::size_t touched = 0;
    // Per value, the next touch step it should get: a split touches each value it re-places
    // with steps 0, 1, ... in order, all before it reads the value's key (or the loads it starts
    // would come after the read they are for).
    std::vector<int> next_step;
    std::size_t out_of_order = 0;

    auto same_as(std::uint64_t key) const {
        return [this, key](std::uint32_t v) { return keys[v] == key; };
    }
    std::pair<std::uint32_t*, bool> add(std::uint64_t key, std::uint32_t value) {
        next_step.resize(keys.size(), 0);
        const auto key_of = [this](std::uint32_t v) {
            if (next_step[v] != once::BandIndex::k_touch_steps) ++out_of_order;
            next_step[v] = 0;
            return keys[v];
        };
        const auto touch = [this](std::uint32_t v, int step) {
            if (next_step[v] != step) ++out_of_order;
            next_step[v] = step + 1;
            ++touched;
        };
        return index.try_emplace(key, value, same_as(key), key_of, touch);
    }
};

}  // namespace

TEST_CASE("BandIndex: the answers of an unordered_map over 64-bit keys") {
    std::mt19937_64 random(11);
    Indexed t;
    std::unordered_map<std::uint64_t, std::uint32_t> reference;
    // 100,000 keys: many page splits and directory doublings (a page holds 3,072 entries).
    for (int i = 0; i < 100000; ++i) {
        std::uint64_t key = random();
        if (i % 10 == 0 && !t.keys.empty()) key = t.keys[random() % t.keys.size()];  // a repeat
        if (i % 13 == 0) key = (key & ~std::uint64_t{0xFF}) | 0x42;  // one tag for many keys
        if (i % 101 == 0) key &= ~std::uint64_t{0xFF};  // tag byte 0, which marks an empty slot
        const auto value = static_cast<std::uint32_t>(t.keys.size());
        t.keys.push_back(key);  // a repeat's slot holds the first value
        const auto [slot, inserted] = t.add(key, value);
        const bool expected_new = reference.emplace(key, value).second;
        REQUIRE(inserted == expected_new);
        REQUIRE(*slot == reference.at(key));
    }
    CHECK(t.index.size() == reference.size());
    CHECK(t.touched > 0);  // splits read the keys back
    CHECK(t.out_of_order == 0);
    for (const auto& [key, value] : reference) {
        const std::uint32_t* found = t.index.find(key, t.same_as(key));
        REQUIRE(found != nullptr);
        CHECK(*found == value);
    }
    // Absent keys, half of them with the tag and top bits of a present key.
    for (int i = 0; i < 1000; ++i) {
        std::uint64_t key = random();
        if (i % 2) key = (t.keys[random() % t.keys.size()] & 0xFFFFFFFF000000FFULL) | 0x5EED00u;
        if (reference.count(key)) continue;
        CHECK(t.index.find(key, t.same_as(key)) == nullptr);
    }
    CHECK(t.index.memory_bytes() > 0);
    CHECK(t.pool.bytes() > 0);
}

TEST_CASE("BandIndex: keys with one tag and one home slot are told apart by same()") {
    Indexed t;
    const auto key_of = [](std::uint64_t n) { return 0xABCDEF0100000000ULL | n << 8 | 0x42; };
    for (std::uint64_t n = 0; n < 50; ++n) {
        t.keys.push_back(key_of(n));
        CHECK(t.add(key_of(n), static_cast<std::uint32_t>(n)).second);
    }
    CHECK(t.index.size() == 50);
    for (std::uint64_t n = 0; n < 50; ++n) {
        const std::uint32_t* found = t.index.find(key_of(n), t.same_as(key_of(n)));
        REQUIRE(found != nullptr);
        CHECK(*found == n);
        CHECK_FALSE(t.add(key_of(n), 999).second);
    }
    CHECK(t.index.size() == 50);
    const std::uint32_t* first = t.index.peek(key_of(77));  // the tag only
    REQUIRE(first != nullptr);
    CHECK(*first < 50);
    CHECK(t.index.peek(0x1234567800000042ULL) == nullptr);
}
