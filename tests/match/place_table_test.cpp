// place_table_test.cpp — PlaceTable gives back every place exactly as it was given: packed when
// each field fits its width, whole when one does not (each width at its limit and one past), and
// in order across 2 MiB chunks with the two kinds mixed.
#include "once/match/place_table.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace {

bool same(const once::SentencePlace& a, const once::SentencePlace& b) {
    return a.start == b.start && a.end == b.end && a.start_pos.line == b.start_pos.line &&
           a.start_pos.column == b.start_pos.column && a.end_pos.line == b.end_pos.line &&
           a.end_pos.column == b.end_pos.column;
}

once::SentencePlace place(std::uint64_t start, std::uint64_t length, std::uint32_t line, std::uint32_t column,
                          std::uint32_t line_step, std::uint32_t end_column) {
    return {start, start + length, {line, column}, {line + line_step, end_column}};
}

}  // namespace

TEST_CASE("PlaceTable: each field at its width's limit is packed, one past it is kept whole") {
    using T = once::PlaceTable;
    const auto limit = [](unsigned bits) { return (std::uint64_t{1} << bits) - 1; };
    struct Case {
        once::SentencePlace fits;
        once::SentencePlace past;
    };
    const std::uint32_t max_column = static_cast<std::uint32_t>(limit(T::k_column_bits));
    const std::vector<Case> cases = {
        {place(limit(T::k_start_bits), 10, 3, 4, 0, 14), place(limit(T::k_start_bits) + 1, 10, 3, 4, 0, 14)},
        {place(5, limit(T::k_length_bits), 3, 4, 0, 14), place(5, limit(T::k_length_bits) + 1, 3, 4, 0, 14)},
        {place(5, 10, static_cast<std::uint32_t>(limit(T::k_line_bits)), 4, 0, 14),
         place(5, 10, static_cast<std::uint32_t>(limit(T::k_line_bits)) + 1, 4, 0, 14)},
        {place(5, 10, 3, max_column, 0, max_column + 7), place(5, 10, 3, max_column + 1, 0, max_column + 8)},
        {place(5, 10, 3, 4, static_cast<std::uint32_t>(limit(T::k_line_step_bits)), 2),
         place(5, 10, 3, 4, static_cast<std::uint32_t>(limit(T::k_line_step_bits)) + 1, 2)},
        // The end's column: from the start's column on one line, as is on a later line.
        {place(5, 10, 3, 100, 0, 100 + static_cast<std::uint32_t>(limit(T::k_end_column_bits))),
         place(5, 10, 3, 100, 0, 101 + static_cast<std::uint32_t>(limit(T::k_end_column_bits)))},
        {place(5, 10, 3, 100, 1, static_cast<std::uint32_t>(limit(T::k_end_column_bits))),
         place(5, 10, 3, 100, 1, static_cast<std::uint32_t>(limit(T::k_end_column_bits)) + 1)},
        // What packing cannot express: an end before the start, in bytes, lines or columns.
        {place(5, 0, 1, 1, 0, 1), {10, 9, {1, 1}, {1, 1}}},
        {place(5, 0, 1, 1, 0, 1), {5, 6, {4, 1}, {3, 1}}},
        {place(5, 0, 1, 1, 0, 1), {5, 6, {4, 9}, {4, 8}}},
    };
    once::PlaceTable table;
    std::size_t whole = 0;
    for (const Case& c : cases) {
        table.push_back(c.fits);
        CHECK(table.whole_count() == whole);
        table.push_back(c.past);
        CHECK(table.whole_count() == ++whole);
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
        CHECK(same(table[2 * i], cases[i].fits));
        CHECK(same(table[2 * i + 1], cases[i].past));
    }
}

TEST_CASE("PlaceTable: 400,000 places, packed and whole mixed, read back in order across chunks") {
    std::mt19937_64 random(11);
    std::vector<once::SentencePlace> given;
    once::PlaceTable table;
    for (int i = 0; i < 400000; ++i) {
        const bool large = random() % 50 == 0;  // some field past its width
        const std::uint64_t start = large && random() % 2 ? (std::uint64_t{1} << 33) + random() % 1000 : random() % (1u << 28);
        const std::uint64_t length = large ? random() % (1u << 17) : random() % 2000;
        const auto line = static_cast<std::uint32_t>(1 + random() % (large ? 1u << 22 : 1u << 17));
        const auto column = static_cast<std::uint32_t>(1 + random() % (large ? 1u << 19 : 1u << 16));
        const auto step = static_cast<std::uint32_t>(random() % 3 == 0 ? random() % (large ? 20 : 8) : 0);
        const auto end_column = static_cast<std::uint32_t>(step == 0 ? column + length / 2 : 1 + random() % 500);
        given.push_back(place(start, length, line, column, step, end_column));
        table.push_back(given.back());
    }
    REQUIRE(table.size() == given.size());
    CHECK(table.whole_count() > 0);
    CHECK(table.whole_count() < given.size() / 20);
    for (std::size_t i = 0; i < given.size(); ++i) REQUIRE(same(table[i], given[i]));
    // Packed: 12 bytes a place and the 2 MiB chunks, the few whole ones beside.
    CHECK(table.used_bytes() < given.size() * 12 + 2 * (std::size_t{2} << 20) + table.whole_count() * 32);
}
