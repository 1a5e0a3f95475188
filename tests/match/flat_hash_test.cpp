// flat_hash_test.cpp — the matcher's storage against std containers: FlatHashIndex answers as a
// map over full 64-bit keys (through splits, directory doubling and fingerprint collisions);
// ChunkedArray and WordArena keep every record where it was put across 2 MiB chunks.
#include "once/match/flat_hash.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

TEST_CASE("FlatHashIndex: the answers of an unordered_map over 64-bit keys") {
    std::mt19937_64 random(7);
    std::vector<std::uint64_t> keys;  // value v is stored under keys[v]
    std::unordered_map<std::uint64_t, std::uint32_t> reference;
    once::FlatHashIndex index;
    const auto same_as = [&](std::uint64_t key) { return [&keys, key](std::uint32_t v) { return keys[v] == key; }; };
    // 100,000 keys: many page splits and directory doublings (a page holds 3,072 entries).
    for (int i = 0; i < 100000; ++i) {
        std::uint64_t key = random();
        if (i % 10 == 0 && !keys.empty()) key = keys[random() % keys.size()];     // a repeat
        if (i % 17 == 0) key = (keys.empty() ? 1 : keys.back() & 0xFFFFFFFF00000000ULL) | (random() & 0xFFFFFFFF);
        if (i % 101 == 0) key &= 0xFFFFFFFFULL;  // top half 0: the fingerprint 0 is reserved
        const auto value = static_cast<std::uint32_t>(keys.size());
        const auto [slot, inserted] = index.try_emplace(key, value, same_as(key));
        const bool expected_new = reference.emplace(key, value).second;
        REQUIRE(inserted == expected_new);
        REQUIRE(*slot == reference.at(key));
        keys.push_back(key);  // value numbering stays simple; a repeat's slot holds the first value
    }
    CHECK(index.size() == reference.size());
    for (const auto& [key, value] : reference) {
        const std::uint32_t* found = index.find(key, same_as(key));
        REQUIRE(found != nullptr);
        CHECK(*found == value);
    }
    // Absent keys, including one that shares a present key's fingerprint (its top 32 bits).
    for (int i = 0; i < 1000; ++i) {
        std::uint64_t key = random();
        if (i % 2) key = (keys[random() % keys.size()] & 0xFFFFFFFF00000000ULL) | 0x5EEDu;
        if (reference.count(key)) continue;
        CHECK(index.find(key, same_as(key)) == nullptr);
    }
    CHECK(index.memory_bytes() > 0);
}

TEST_CASE("FlatHashIndex: keys with equal fingerprints are told apart by same()") {
    std::vector<std::uint64_t> keys;
    once::FlatHashIndex index;
    const auto same_as = [&](std::uint64_t key) { return [&keys, key](std::uint32_t v) { return keys[v] == key; }; };
    for (std::uint64_t low = 0; low < 50; ++low) {
        const std::uint64_t key = 0xABCDEF0100000000ULL | low;  // one fingerprint, 50 keys
        keys.push_back(key);
        CHECK(index.try_emplace(key, static_cast<std::uint32_t>(low), same_as(key)).second);
    }
    CHECK(index.size() == 50);
    for (std::uint64_t low = 0; low < 50; ++low) {
        const std::uint64_t key = 0xABCDEF0100000000ULL | low;
        const std::uint32_t* found = index.find(key, same_as(key));
        REQUIRE(found != nullptr);
        CHECK(*found == low);
        CHECK_FALSE(index.try_emplace(key, 999, same_as(key)).second);
    }
    CHECK(index.size() == 50);
    const std::uint32_t* first = index.peek(0xABCDEF0100000000ULL | 77);  // fingerprint only
    REQUIRE(first != nullptr);
    CHECK(*first < 50);
    CHECK(index.peek(0x1234567800000000ULL) == nullptr);
}

TEST_CASE("ChunkedArray: records of any width survive the chunk boundary") {
    for (const std::size_t width : {std::size_t{1}, std::size_t{3}, std::size_t{64}}) {
        CAPTURE(width);
        once::ChunkedArray<std::uint32_t> array(width);
        // Enough records for three chunks of 2 MiB.
        const std::size_t per_chunk = once::HugeBlocks::k_block_bytes / (width * sizeof(std::uint32_t));
        const std::size_t count = per_chunk * 2 + 5;
        std::vector<std::uint32_t> record(width);
        for (std::size_t i = 0; i < count; ++i) {
            for (std::size_t k = 0; k < width; ++k) record[k] = static_cast<std::uint32_t>(i * 131 + k);
            array.push_back(record.data());
        }
        CHECK(array.size() == count);
        CHECK(array.memory_bytes() == 3 * once::HugeBlocks::k_block_bytes);  // blocks reserved
        CHECK(array.used_bytes() == count * width * sizeof(std::uint32_t));  // bytes in use
        for (const std::size_t i : {std::size_t{0}, per_chunk - 1, per_chunk, 2 * per_chunk, count - 1}) {
            CAPTURE(i);
            const std::uint32_t* stored = array.record(i);
            CHECK(stored[0] == i * 131);
            CHECK(stored[width - 1] == i * 131 + width - 1);
        }
        array[per_chunk] = 42;
        CHECK(array.record(per_chunk)[0] == 42);
    }
}

TEST_CASE("WordArena: zeroed blocks at stable offsets, a new chunk when one is full") {
    once::BlockPool pool;
    once::WordArena arena(pool);
    const std::uint64_t a = arena.allocate(10);
    const std::uint64_t b = arena.allocate(once::WordArena::k_chunk_words - 10);  // fills chunk 1
    const std::uint64_t c = arena.allocate(4);                                   // opens chunk 2
    CHECK(a == 0);
    CHECK(b == 10);
    CHECK(c == once::WordArena::k_chunk_words);
    CHECK(pool.bytes() == once::HugeBlocks::k_block_bytes);  // chunks are pieces of one block
    for (int k = 0; k < 4; ++k) CHECK(arena.at(c)[k] == 0);
    arena.at(a)[9] = 7;
    arena.at(c)[3] = 8;
    CHECK(arena.at(a + 9)[0] == 7);
    CHECK(arena.at(c + 3)[0] == 8);
    CHECK(arena.at(b) == arena.at(a) + 10);  // consecutive in one chunk
}

TEST_CASE("FlatHashIndex: tables sharing a BlockPool keep their own entries") {
    once::BlockPool pool;
    once::FlatHashIndex left(&pool), right(&pool);
    std::vector<std::uint64_t> keys = {0x1111111100000001ULL, 0x2222222200000002ULL};
    const auto same_as = [&](std::uint64_t key) { return [&keys, key](std::uint32_t v) { return keys[v] == key; }; };
    CHECK(left.try_emplace(keys[0], 0, same_as(keys[0])).second);
    CHECK(right.try_emplace(keys[1], 1, same_as(keys[1])).second);
    CHECK(left.find(keys[1], same_as(keys[1])) == nullptr);
    CHECK(right.find(keys[0], same_as(keys[0])) == nullptr);
    REQUIRE(left.find(keys[0], same_as(keys[0])) != nullptr);
    CHECK(*right.find(keys[1], same_as(keys[1])) == 1);
    CHECK(pool.bytes() > 0);
}
