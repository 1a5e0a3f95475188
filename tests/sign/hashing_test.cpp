// hashing_test.cpp — the table of three-byte characters' hashes gives hash_bytes' values.
#include "once/sign/hashing.hpp"

#include <doctest/doctest.h>

#include <string>

#include "once/text/utf8.hpp"

TEST_CASE("hash_three_bytes: every three-byte character, asked twice, hashes as hash_bytes") {
    for (char32_t cp = 0x800; cp <= 0xFFFF; ++cp) {
        std::string bytes;
        if (cp >= 0xD800 && cp <= 0xDFFF) {  // surrogates: the form, not valid UTF-8
            bytes = {char(0xED), char(0x80 | ((cp >> 6) & 0x3F)), char(0x80 | (cp & 0x3F))};
        } else {
            once::append_utf8(bytes, cp);
        }
        REQUIRE(bytes.size() == 3);
        const std::uint64_t want = once::hash_bytes(bytes);
        CHECK(once::hash_three_bytes(bytes) == want);  // computed and kept
        CHECK(once::hash_three_bytes(bytes) == want);  // read from the table
    }
}

TEST_CASE("hash_three_bytes: other three-byte strings are hashed as they are") {
    const std::string cases[] = {
        "abc", "the", "\xC3\xA9x", "x\xC3\xA9",          // ASCII, Latin-1 and ASCII
        "\xE0\x80\x80", "\xE0\x9F\xBF",                    // overlong forms (U+0000, U+07FF)
        "\xE6\x97", std::string("\xE6\x97\x00", 3),        // a character cut short
        "\xE6\x97\xC3", "\xE6\xC3\xA5", "\xF0\x9F\x98",    // a bad continuation, a four-byte lead
        "\x80\x80\x80", "\xFF\xFF\xFF",
    };
    for (const std::string& bytes : cases) {
        if (bytes.size() != 3) continue;
        CAPTURE(bytes);
        CHECK(once::hash_three_bytes(bytes) == once::hash_bytes(bytes));
        CHECK(once::hash_three_bytes(bytes) == once::hash_bytes(bytes));
    }
}
