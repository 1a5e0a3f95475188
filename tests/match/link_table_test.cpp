// link_table_test.cpp — LinkTable answers as a plain array of links would: for ids sealed and
// open, with links set, set again and set back to the sentence itself, sealed document by
// document in uneven steps across 64-sentence words and 2 MiB chunks; its bytes are a bit and a
// half a sentence plus 4 a link.
#include "once/match/link_table.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

TEST_CASE("LinkTable: every id reads back its last link, sealed or open, against a plain array") {
    once::LinkTable table;
    std::vector<std::uint32_t> plain;
    std::mt19937_64 random(7);
    std::size_t mismatches = 0;
    const auto check_all = [&] {
        for (std::size_t id = 0; id < plain.size(); ++id) mismatches += table[id] != plain[id];
    };
    // Documents of 0 to 300 sentences: each is added, some of its sentences linked to earlier
    // ones (some twice, some back to themselves), then sealed, as the matcher does.
    while (plain.size() < 700'000) {
        const std::size_t base = plain.size();
        const std::size_t n = random() % 301;
        for (std::size_t i = 0; i < n; ++i) {
            table.push_back();
            plain.push_back(static_cast<std::uint32_t>(base + i));
        }
        for (int round = 0; round < 3 && n > 0; ++round)
            for (std::size_t i = 0; i < n; ++i) {
                if (random() % 3 != 0 || base + i == 0) continue;
                const std::size_t id = base + i;
                const auto value = random() % 5 == 0 ? static_cast<std::uint32_t>(id)
                                                      : static_cast<std::uint32_t>(random() % id);
                table.set(id, value);
                plain[id] = value;
            }
        if (random() % 4 == 0) table.seal(base);  // sealed late: a window of two documents
        else table.seal(base + n);
        if (plain.size() < 3000) check_all();
    }
    table.seal(plain.size());
    check_all();
    CHECK(mismatches == 0);
    CHECK(table.size() == plain.size());
    std::size_t links = 0;
    for (std::size_t id = 0; id < plain.size(); ++id) links += plain[id] != id;
    CHECK(table.links() == links);
    CHECK(table.used_bytes() == (plain.size() + 63) / 64 * 12 + links * 4);
}

TEST_CASE("LinkTable: a sealed id may not be set again; sealing is idempotent and clamps to the size") {
    once::LinkTable table;
    for (int i = 0; i < 10; ++i) table.push_back();
    table.set(3, 1);
    table.seal(5);
    CHECK(table.frontier() == 5);
    CHECK_THROWS_AS(table.set(3, 2), std::logic_error);
    CHECK_THROWS_AS(table.set(10, 2), std::logic_error);
    table.seal(2);  // before the frontier: nothing
    CHECK(table.frontier() == 5);
    table.set(7, 3);
    table.seal(100);
    CHECK(table.frontier() == 10);
    CHECK(table[3] == 1);
    CHECK(table[7] == 3);
    CHECK(table[4] == 4);
    CHECK(table[9] == 9);
    CHECK(table.links() == 2);
}
