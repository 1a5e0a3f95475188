// line_key_spill_test.cpp — LineKeySpill hands pass 1's line keys back in order, a batch at a
// time, and none once a document's size differs from the one recorded at its place.
#include "once/sign/line_key_spill.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "temp_dir.hpp"

namespace {

std::vector<once::LineKeys> keys_of(std::uint64_t seed, std::size_t n) {
    std::vector<once::LineKeys> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back({seed * 1000 + i, ~(seed * 1000 + i), static_cast<std::uint32_t>(seed + i)});
    return out;
}

bool same(const std::vector<once::LineKeys>& a, const std::vector<once::LineKeys>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].template_key != b[i].template_key || a[i].value_key != b[i].value_key || a[i].weight != b[i].weight)
            return false;
    return true;
}

}  // namespace

TEST_CASE("LineKeySpill: documents come back in order, across batches, with empty ones") {
    once::test::TempDir dir;
    once::LineKeySpill spill(dir.path());
    const std::vector<std::size_t> lines = {3, 0, 5, 1, 70000};
    for (std::size_t d = 0; d < lines.size(); ++d) spill.record(100 + d, keys_of(d, lines[d]));
    const std::vector<std::uint64_t> first = {100, 101};
    const auto a = spill.take(first);
    REQUIRE(a.size() == 2);
    CHECK(same(a[0], keys_of(0, 3)));
    CHECK(a[1].empty());
    const std::vector<std::uint64_t> rest = {102, 103, 104};
    const auto b = spill.take(rest);
    REQUIRE(b.size() == 3);
    CHECK(same(b[0], keys_of(2, 5)));
    CHECK(same(b[1], keys_of(3, 1)));
    CHECK(same(b[2], keys_of(4, 70000)));
    const std::vector<std::uint64_t> beyond = {105};
    CHECK(spill.take(beyond).front().empty());  // more documents than pass 1 saw: none
}

TEST_CASE("LineKeySpill: a document of another size gets no keys, nor any after it") {
    once::test::TempDir dir;
    once::LineKeySpill spill(dir.path());
    for (std::size_t d = 0; d < 3; ++d) spill.record(10 + d, keys_of(d, 2));
    const std::vector<std::uint64_t> sizes = {10, 99, 12};
    const auto got = spill.take(sizes);
    CHECK(same(got[0], keys_of(0, 2)));
    CHECK(got[1].empty());
    CHECK(got[2].empty());
    const std::vector<std::uint64_t> later = {12};
    CHECK(spill.take(later).front().empty());
}
