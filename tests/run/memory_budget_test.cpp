// memory_budget_test.cpp — --max-memory sizes, the process's memory readings, the budget check.
#include "once/run/memory_budget.hpp"

#include "once/core/error.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

TEST_CASE("parse_memory_size: bytes, binary prefixes, with or without B/iB") {
    struct Case {
        std::string text;
        std::uint64_t bytes;
    };
    const std::vector<Case> cases{
        {"1500000000", 1500000000ull}, {"4G", 4ull << 30},    {"4g", 4ull << 30},   {"512M", 512ull << 20},
        {"512MB", 512ull << 20},       {"512MiB", 512ull << 20}, {"64K", 64ull << 10}, {"1.5G", 3ull << 29},
        {"2T", 2ull << 40},            {"100B", 100},        {".5G", 1ull << 29}, {"64.M", 64ull << 20},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(once::parse_memory_size(c.text, "--max-memory") == c.bytes);
    }
}

TEST_CASE("parse_memory_size: anything else is a usage error naming the option") {
    for (const std::string bad : {"", "x", "12x", "0", "-5G", "4GG", "4 G", "G", "nan", "1e30",
                              // decimal digits only: no spaces, sign, exponent or hexadecimal
                              " 64M", "64M ", "+64M", "1e9", "0x100", "0x1G", "1.2.3M", ".M", "inf"}) {
        CAPTURE(bad);
        try {
            once::parse_memory_size(bad, "--max-memory");
            FAIL("no error");
        } catch (const once::Error& error) {
            CHECK(error.code() == once::ExitCode::usage);
            CHECK(std::string(error.what()).find("--max-memory") != std::string::npos);
        }
    }
}

TEST_CASE("resident_bytes sees memory the process touches; machine_memory is larger") {
    // Other tests free memory of their own at any time, so the check is on the level, not the
    // difference: with 64 MiB touched, the process holds at least that much.
    std::vector<char> block(64u << 20);
    for (std::size_t i = 0; i < block.size(); i += 4096) block[i] = static_cast<char>(i);
    const std::uint64_t after = once::resident_bytes();
    CHECK(block[4096] == static_cast<char>(4096));
    CHECK(after >= (64u << 20));
    CHECK(once::machine_memory() > after);
}

TEST_CASE("MemoryBudget: within the limit passes, past it is a resource error saying why") {
    const once::MemoryBudget roomy(1ull << 50);
    CHECK_NOTHROW(roomy.check(1ull << 30, "analyzing a.txt"));
    const once::MemoryBudget tight(once::resident_bytes() + (64ull << 20));
    CHECK_NOTHROW(tight.check(0, "analyzing a.txt"));
    try {
        tight.check(1ull << 30, "analyzing a.txt (1.0 GiB of text)", "the signature index holds 5 sentences");
        FAIL("no error");
    } catch (const once::Error& error) {
        CHECK(error.code() == once::ExitCode::resource_limit);
        const std::string message = error.what();
        CHECK(message.find("(--max-memory)") != std::string::npos);
        CHECK(message.find("analyzing a.txt (1.0 GiB of text)") != std::string::npos);
        CHECK(message.find("1.0 GiB more needed") != std::string::npos);
        CHECK(message.find("the signature index holds 5 sentences") != std::string::npos);
    }
}

TEST_CASE("MemoryBudget: the default is 90% of the machine") {
    const once::MemoryBudget automatic(0);
    CHECK(automatic.limit() == once::machine_memory() / 10 * 9);
}
