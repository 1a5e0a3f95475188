// hex_test.cpp — hex64: the spelling of span hashes that baselines and SARIF fingerprints share.
#include "once/core/hex.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

TEST_CASE("hex64: sixteen lower-case digits, zero-padded") {
    struct Case {
        std::uint64_t value;
        std::string hex;
    };
    const std::vector<Case> cases = {
        {0, "0000000000000000"},
        {1, "0000000000000001"},
        {0xF, "000000000000000f"},
        {0xdeadbeef, "00000000deadbeef"},
        {0x0123456789abcdefULL, "0123456789abcdef"},
        {0xFEDCBA9876543210ULL, "fedcba9876543210"},
        {UINT64_MAX, "ffffffffffffffff"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.value);
        CHECK(once::hex64(c.value) == c.hex);
        CHECK(std::stoull(c.hex, nullptr, 16) == c.value);  // what Baseline::load reads back
    }
}
