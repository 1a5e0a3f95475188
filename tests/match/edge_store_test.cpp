// edge_store_test.cpp — the matcher's edge tokens on disk: every record reads back as written,
// from the records still in memory and from the file, across the boundary where they are moved;
// a run smaller than the cache keeps them all in memory.
#include "once/match/edge_store.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "temp_dir.hpp"

namespace {

// A record whose every field depends on i (CJK bits and token bytes), so a misplaced one shows.
once::TokenEdges edges_of(std::size_t i) {
    once::TokenEdges edges;
    edges.count = static_cast<std::uint16_t>(i % 65536);
    for (std::size_t t = 0; t < once::TokenEdges::k_edge; ++t) {
        edges.head[t] = static_cast<std::uint8_t>(i * 7 + t);
        edges.tail[t] = static_cast<std::uint8_t>(i * 13 + 3 * t);
    }
    edges.head_cjk = static_cast<std::uint32_t>(i * 2654435761u);
    edges.tail_cjk = static_cast<std::uint32_t>(~i);
    return edges;
}

bool same(const once::TokenEdges& a, const once::TokenEdges& b) {
    return a.count == b.count && a.head == b.head && a.tail == b.tail && a.head_cjk == b.head_cjk &&
           a.tail_cjk == b.tail_cjk;
}

}  // namespace

TEST_CASE("edge store: records read back from memory and from the file, nothing left in the folder") {
    once::test::TempDir dir;
    once::EdgeStore store(dir.path());
    CHECK(store.size() == 0);
    // Twelve pieces of 1 MiB and some: the first 2^16 records stay in memory, then go to the file
    // together, and each later piece when it is full: records on both sides of each move.
    const std::size_t n = 12 * ((std::size_t{1} << 20) / once::EdgeStore::k_record_bytes) + 100;
    for (std::size_t i = 0; i < n; ++i) {
        store.push_back(edges_of(i));
        if (i % 997 == 0) CHECK(same(store.at(i), edges_of(i)));  // the newest, while still pending
    }
    CHECK(store.size() == n);
    for (std::size_t i = 0; i < n; ++i) {
        // The ends kept in memory are those of the record on disk.
        const once::EdgeEnds ends = store.ends(i);
        const once::EdgeEnds expected = once::edge_ends(edges_of(i));
        if (ends.count != expected.count || ends.first != expected.first || ends.last != expected.last ||
            !same(store.at(i), edges_of(i))) {
            CAPTURE(i);
            CHECK(false);
            break;
        }
    }
    CHECK(dir.entries().empty());
}

TEST_CASE("edge store: records read back through the cache in any order, with slots taken over") {
    once::test::TempDir dir;
    once::EdgeStore store(dir.path());
    // More records than the cache has slots (2^16), so that slots are reused; read in a
    // scrambled order, twice (the second time mostly from the cache), and each next to its
    // neighbours (a source and the sentence beside it).
    const std::size_t n = (std::size_t{1} << 16) + 5000;
    for (std::size_t i = 0; i < n; ++i) store.push_back(edges_of(i));
    std::size_t wrong = 0;
    for (int round = 0; round < 2; ++round) {
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t i = (k * 40507u) % n;  // 40507 and n are coprime: every i once
            for (std::size_t j = i == 0 ? 0 : i - 1; j <= i + 1 && j < n; ++j) wrong += same(store.at(j), edges_of(j)) ? 0 : 1;
        }
    }
    CHECK(wrong == 0);
    CHECK(store.used_bytes() >= (std::size_t{1} << 16) * once::EdgeStore::k_record_bytes);
}

TEST_CASE("edge store: a run of fewer records than the cache holds reads them from memory") {
    once::test::TempDir dir;
    once::EdgeStore store(dir.path());
    // 40,000 records, 5.8 MB: more than a 1 MiB piece, fewer than the cache's 2^16 slots.
    const std::size_t n = 40000;
    for (std::size_t i = 0; i < n; ++i) store.push_back(edges_of(i));
    std::size_t wrong = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = (k * 40507u) % n;  // scrambled; 40507 and n are coprime
        wrong += same(store.at(i), edges_of(i)) ? 0 : 1;
    }
    CHECK(wrong == 0);
    // No cache was made (nothing was read from the file): the records and their ends, no more.
    CHECK(store.used_bytes() == n * (once::EdgeStore::k_record_bytes + sizeof(once::EdgeEnds)));
}
