#include "once/core/uninit_allocator.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

TEST_CASE("uninit_allocator: resize leaves new elements unwritten; values, assign and push_back as usual") {
    std::vector<unsigned char, once::UninitAllocator<unsigned char>> bytes;
    bytes.reserve(64);
    bytes.assign(64, 0xAB);
    const unsigned char* const data = bytes.data();
    bytes.resize(0);
    bytes.resize(64);  // within the capacity: the same storage, not written again
    REQUIRE(bytes.data() == data);
    std::size_t kept = 0;
    for (const unsigned char b : bytes) kept += b == 0xAB ? 1 : 0;
    CHECK(kept == 64);  // std::allocator would have written 64 zeros

    bytes.resize(80, 7);  // an explicit value is written
    CHECK(bytes[70] == 7);
    bytes.push_back(9);
    CHECK(bytes.back() == 9);
    CHECK(bytes.size() == 81);

    std::vector<std::uint32_t, once::UninitAllocator<std::uint32_t>> a(3, 5);
    std::vector<std::uint32_t, once::UninitAllocator<std::uint32_t>> b = a;  // copies as a vector does
    CHECK(a == b);
    b[1] = 6;
    CHECK(a != b);
}
