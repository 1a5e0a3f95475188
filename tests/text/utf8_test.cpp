// utf8_test.cpp — strict validation (the offset of the first bad byte), decoding, encoding and
// counting of UTF-8.
#include "once/text/utf8.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct InvalidCase {
    std::string name;
    std::string bytes;
    std::optional<std::size_t> first_bad;
};

std::string operator""_b(const char* text, std::size_t size) { return std::string(text, size); }

}  // namespace

TEST_CASE("find_invalid_utf8: valid text of every script and length") {
    const std::vector<InvalidCase> cases = {
        {"empty", "", std::nullopt},
        {"ascii", "hello, world", std::nullopt},
        {"whitespace only", " \t\r\n\v\f", std::nullopt},
        {"NUL is valid UTF-8 (the reader rejects it separately)", "a\0b"_b, std::nullopt},
        {"2-byte: Latin-1 supplement", "caf\xC3\xA9", std::nullopt},                       // café
        {"3-byte: Japanese", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", std::nullopt},        // 日本語
        {"3-byte: Chinese", "\xE4\xB8\xAD\xE6\x96\x87", std::nullopt},                     // 中文
        {"full-width forms", "\xEF\xBC\xA8\xEF\xBD\x85\xEF\xBC\x92", std::nullopt},        // Ｈｅ２
        {"half-width katakana", "\xEF\xBD\xB6\xEF\xBE\x80\xEF\xBE\x9E", std::nullopt},     // ｶﾀﾞ
        {"4-byte emoji", "\xF0\x9F\x98\x80", std::nullopt},                                 // 😀
        {"mixed scripts", "Alibaba\xE3\x81\xAE" "AI\xF0\x9F\x98\x80!", std::nullopt},
        {"last code point U+10FFFF", "\xF4\x8F\xBF\xBF", std::nullopt},
        {"U+D7FF (below surrogates)", "\xED\x9F\xBF", std::nullopt},
        {"U+E000 (above surrogates)", "\xEE\x80\x80", std::nullopt},
        {"U+FFFF", "\xEF\xBF\xBF", std::nullopt},
        {"smallest 2-byte U+0080", "\xC2\x80", std::nullopt},
        {"smallest 3-byte U+0800", "\xE0\xA0\x80", std::nullopt},
        {"smallest 4-byte U+10000", "\xF0\x90\x80\x80", std::nullopt},
        {"non-ASCII after the 8-byte fast path", "abcdefghijkl\xE6\x97\xA5", std::nullopt},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK(once::find_invalid_utf8(c.bytes) == c.first_bad);
    }
}

TEST_CASE("find_invalid_utf8: the offset of the first bad byte") {
    const std::vector<InvalidCase> cases = {
        // Overlong encodings: a shorter form exists, so the longer one is rejected.
        {"overlong '/' in 2 bytes", "\xC0\xAF", 0},
        {"overlong U+007F in 2 bytes", "\xC1\xBF", 0},
        {"overlong '/' in 3 bytes", "\xE0\x80\xAF", 0},
        {"overlong U+07FF in 3 bytes", "\xE0\x9F\xBF", 0},
        {"overlong '/' in 4 bytes", "\xF0\x80\x80\xAF", 0},
        {"overlong U+FFFF in 4 bytes", "\xF0\x8F\xBF\xBF", 0},
        // UTF-16 surrogates are not characters.
        {"high surrogate U+D800", "ok\xED\xA0\x80", 2},
        {"low surrogate U+DFFF", "\xED\xBF\xBF", 0},
        // Beyond the Unicode range.
        {"U+110000", "\xF4\x90\x80\x80", 0},
        {"lead F5", "\xF5\x80\x80\x80", 0},
        {"lead FE", "x\xFE", 1},
        {"lead FF", "\xFF", 0},
        // Truncated sequences at the very end.
        {"2-byte truncated", "ab\xC3", 2},
        {"3-byte truncated after 1", "\xE6", 0},
        {"3-byte truncated after 2 (Japanese)", "\xE6\x97\xA5\xE6\x9C", 3},
        {"4-byte emoji truncated after 3", "x\xF0\x9F\x98", 1},
        // A sequence interrupted by a non-continuation byte.
        {"3-byte with ASCII inside", "\xE6" "A\xA5", 0},
        {"4-byte with new lead inside", "\xF0\x9F\xE6\x97\xA5", 0},
        // Continuation bytes with no lead.
        {"stray continuation at start", "\x80" "abc", 0},
        {"stray continuation in ASCII", "a\x80" "b", 1},
        {"stray continuation after valid CJK", "\xE4\xB8\xAD\xBF", 3},
        {"extra continuation after emoji", "\xF0\x9F\x98\x80\x80", 4},
        // Errors just after the 8-byte fast path and at its edges.
        {"bad byte at offset 8", "abcdefgh\xFF", 8},
        {"bad byte at offset 7", "abcdefg\xFF" "abcdefgh", 7},
        {"bad byte at offset 10", "abcdefghij\x80", 10},
        {"first of two errors", "\xC3\xA9\xFF\xFF", 2},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK(once::find_invalid_utf8(c.bytes) == c.first_bad);
    }
}

TEST_CASE("append_utf8 and decode_utf8 round-trip at every length boundary") {
    struct Case {
        char32_t cp;
        std::string bytes;
    };
    const std::vector<Case> cases = {
        {U'\0', "\0"_b},
        {U'A', "A"},
        {0x7F, "\x7F"},
        {0x80, "\xC2\x80"},
        {U'é', "\xC3\xA9"},
        {0x7FF, "\xDF\xBF"},
        {0x800, "\xE0\xA0\x80"},
        {U'あ', "\xE3\x81\x82"},
        {U'中', "\xE4\xB8\xAD"},
        {U'\u3000', "\xE3\x80\x80"},  // ideographic space
        {U'Ａ', "\xEF\xBC\xA1"},      // full-width A
        {U'ｶ', "\xEF\xBD\xB6"},       // half-width katakana
        {0xFFFF, "\xEF\xBF\xBF"},
        {0x10000, "\xF0\x90\x80\x80"},
        {U'😀', "\xF0\x9F\x98\x80"},
        {U'𠀋', "\xF0\xA0\x80\x8B"},   // CJK extension B
        {0x10FFFF, "\xF4\x8F\xBF\xBF"},
    };
    for (const auto& c : cases) {
        CAPTURE(static_cast<std::uint32_t>(c.cp));
        std::string encoded;
        once::append_utf8(encoded, c.cp);
        CHECK(encoded == c.bytes);
        CHECK(once::utf8_sequence_length(static_cast<unsigned char>(encoded[0])) == encoded.size());
        CHECK_FALSE(once::find_invalid_utf8(encoded).has_value());
        std::size_t pos = 0;
        CHECK(once::decode_utf8(encoded, pos) == c.cp);
        CHECK(pos == encoded.size());
    }
}

TEST_CASE("decode_utf8 walks mixed text one code point at a time") {
    const std::string text = "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80z";  // aé日😀z
    const std::vector<char32_t> expected = {U'a', U'é', U'日', U'😀', U'z'};
    std::vector<char32_t> decoded;
    std::vector<std::size_t> starts;
    for (std::size_t pos = 0; pos < text.size();) {
        starts.push_back(pos);
        decoded.push_back(once::decode_utf8(text, pos));
    }
    CHECK(decoded == expected);
    CHECK(starts == std::vector<std::size_t>{0, 1, 3, 6, 10});

    std::string rebuilt;
    for (const char32_t cp : decoded) once::append_utf8(rebuilt, cp);
    CHECK(rebuilt == text);
}

TEST_CASE("utf8_sequence_length of lead and continuation bytes") {
    CHECK(once::utf8_sequence_length(0x00) == 1);
    CHECK(once::utf8_sequence_length('z') == 1);
    CHECK(once::utf8_sequence_length(0x80) == 1);  // stray continuation: step over one byte
    CHECK(once::utf8_sequence_length(0xBF) == 1);
    CHECK(once::utf8_sequence_length(0xC3) == 2);
    CHECK(once::utf8_sequence_length(0xE6) == 3);
    CHECK(once::utf8_sequence_length(0xF0) == 4);
}

TEST_CASE("count_code_points") {
    struct Case {
        std::string name;
        std::string text;
        std::size_t count;
    };
    const std::vector<Case> cases = {
        {"empty", "", 0},
        {"whitespace", " \t\n", 3},
        {"ascii", "hello", 5},
        {"Japanese", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 3},                                 // 日本語
        {"Chinese", "\xE4\xB8\xAD\xE6\x96\x87", 2},                                             // 中文
        {"full-width", "\xEF\xBC\xA8\xEF\xBD\x85\xEF\xBD\x8C\xEF\xBD\x8C\xEF\xBD\x8F", 5},     // Ｈｅｌｌｏ
        {"half-width katakana with voicing mark", "\xEF\xBD\xB6\xEF\xBE\x9E", 2},               // ｶﾞ
        {"combining sequence counts each code point", "\xE3\x81\x8B\xE3\x82\x99", 2},           // か + U+3099
        {"emoji", "\xF0\x9F\x98\x80", 1},
        {"mixed", "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80", 4},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK(once::count_code_points(c.text) == c.count);
    }
}

// The block and word loops against the definition (bytes that are not 10xxxxxx), on random
// bytes of every value at lengths around the 16-byte blocks, the 8-byte words and the 255-block
// batches (4,080 bytes) of the sums.
TEST_CASE("count_code_points: equals a byte-by-byte count on random bytes of any length") {
    std::uint64_t state = 20261204;
    for (int round = 0; round < 3000; ++round) {
        const std::size_t length = round < 2900 ? static_cast<std::size_t>(round % 97) : 4000 + (round % 100) * 3;
        std::string text(length, '\0');
        for (char& c : text) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            c = static_cast<char>(state >> 56);
        }
        std::size_t want = 0;
        for (const char c : text) want += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        CAPTURE(length);
        CHECK(once::count_code_points(text) == want);
        const std::size_t from = length / 3;  // an unaligned start
        std::size_t want_tail = 0;
        for (std::size_t i = from; i < length; ++i) want_tail += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        CHECK(once::count_code_points(std::string_view(text).substr(from)) == want_tail);
    }
    // Every byte a continuation byte, and every lead byte: a lane of the sums counts a match in
    // every block, so a batch of more than 255 blocks would wrap it around.
    for (const std::size_t length : {4079, 4080, 4096, 4112, 8200}) {
        CAPTURE(length);
        CHECK(once::count_code_points(std::string(length, '\x80')) == 0);
        CHECK(once::count_code_points(std::string(length, '\xE6')) == length);
    }
}

// --- lossy decoding, stepping back, sanitizing ------------------------------------------------

namespace {

// What lossy decoding reads from `bytes`, character by character.
struct LossyCase {
    std::string name;
    std::string bytes;
    std::vector<char32_t> code_points;
    std::vector<std::size_t> lengths;
    std::string sanitized;  // sanitize_utf8(bytes)
};

const std::vector<LossyCase>& lossy_cases() {
    static const std::string fffd = "\xEF\xBF\xBD";
    static const std::vector<LossyCase> cases = {
        {"empty", "", {}, {}, ""},
        {"ascii", "ab c", {U'a', U'b', U' ', U'c'}, {1, 1, 1, 1}, "ab c"},
        {"NUL", "a\0"_b, {U'a', 0}, {1, 1}, "a\0"_b},
        {"2-byte", "caf\xC3\xA9", {U'c', U'a', U'f', U'é'}, {1, 1, 1, 2}, "caf\xC3\xA9"},
        {"CJK", "\xE6\x97\xA5\xE6\x9C\xAC", {U'日', U'本'}, {3, 3}, "\xE6\x97\xA5\xE6\x9C\xAC"},
        {"ideographic space", "\xE3\x80\x80x", {0x3000, U'x'}, {3, 1}, "\xE3\x80\x80x"},
        {"4-byte", "\xF0\x9F\x98\x80!", {U'😀', U'!'}, {4, 1}, "\xF0\x9F\x98\x80!"},
        {"U+10FFFF", "\xF4\x8F\xBF\xBF", {0x10FFFF}, {4}, "\xF4\x8F\xBF\xBF"},
        // Truncated: the lead alone is malformed, the ASCII after it is read again.
        {"truncated 3-byte at end", "a\xE6\x97", {U'a', 0xFFFD, 0xFFFD}, {1, 1, 1}, "a" + fffd + fffd},
        {"truncated 4-byte before ASCII", "\xF0\x9F\x98z", {0xFFFD, 0xFFFD, 0xFFFD, U'z'}, {1, 1, 1, 1},
         fffd + fffd + fffd + "z"},
        {"3-byte interrupted by a new lead", "\xE6\xE6\x97\xA5", {0xFFFD, U'日'}, {1, 3}, fffd + "\xE6\x97\xA5"},
        {"stray continuation", "a\x80" "b", {U'a', 0xFFFD, U'b'}, {1, 1, 1}, "a" + fffd + "b"},
        {"extra continuation after CJK", "\xE4\xB8\xAD\xBF", {U'中', 0xFFFD}, {3, 1}, "\xE4\xB8\xAD" + fffd},
        {"overlong '/' in 2 bytes", "\xC0\xAF", {0xFFFD, 0xFFFD}, {1, 1}, fffd + fffd},
        {"overlong '/' in 3 bytes", "\xE0\x80\xAF", {0xFFFD, 0xFFFD, 0xFFFD}, {1, 1, 1}, fffd + fffd + fffd},
        {"surrogate U+D800", "\xED\xA0\x80", {0xFFFD, 0xFFFD, 0xFFFD}, {1, 1, 1}, fffd + fffd + fffd},
        {"above U+10FFFF", "\xF4\x90\x80\x80", {0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD}, {1, 1, 1, 1},
         fffd + fffd + fffd + fffd},
        {"lead FF", "\xFF", {0xFFFD}, {1}, fffd},
        {"U+FFFD itself is valid", "\xEF\xBF\xBD", {0xFFFD}, {3}, fffd},
    };
    return cases;
}

}  // namespace

TEST_CASE("decode_utf8_lossy reads valid sequences whole and each malformed byte as U+FFFD") {
    for (const auto& c : lossy_cases()) {
        CAPTURE(c.name);
        std::vector<char32_t> code_points;
        std::vector<std::size_t> lengths;
        std::vector<std::size_t> starts;
        for (std::size_t pos = 0; pos < c.bytes.size();) {
            const once::Utf8Char ch = once::decode_utf8_lossy(c.bytes, pos);
            CHECK(ch.valid == (ch.code_point != 0xFFFD || ch.length == 3));
            code_points.push_back(ch.code_point);
            lengths.push_back(ch.length);
            starts.push_back(pos);
            pos += ch.length;
        }
        CHECK(code_points == c.code_points);
        CHECK(lengths == c.lengths);
        CHECK(once::sanitize_utf8(c.bytes) == c.sanitized);
        CHECK_FALSE(once::find_invalid_utf8(once::sanitize_utf8(c.bytes)).has_value());

        // Stepping back from the end visits the same characters in reverse.
        std::vector<char32_t> backwards;
        std::vector<std::size_t> back_starts;
        for (std::size_t end = c.bytes.size(); end > 0;) {
            const once::Utf8Char ch = once::decode_utf8_lossy_before(c.bytes, end);
            backwards.push_back(ch.code_point);
            end -= ch.length;
            back_starts.push_back(end);
        }
        CHECK(std::vector<char32_t>(backwards.rbegin(), backwards.rend()) == c.code_points);
        CHECK(std::vector<std::size_t>(back_starts.rbegin(), back_starts.rend()) == starts);
    }
}

TEST_CASE("decode_utf8_lossy agrees with the strict decoder on valid text") {
    const std::string text = "A\xC3\xA9\xE6\x97\xA5\xEF\xBD\xB6\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF";
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t strict_pos = pos;
        const char32_t strict = once::decode_utf8(text, strict_pos);
        const once::Utf8Char lossy = once::decode_utf8_lossy(text, pos);
        CHECK(lossy.valid);
        CHECK(lossy.code_point == strict);
        CHECK(pos + lossy.length == strict_pos);
        pos = strict_pos;
    }
}

TEST_CASE("decode_utf8_lossy stops at the end of the view, not of the buffer") {
    const std::string buffer = "x\xE6\x97\xA5";
    const std::string_view cut(buffer.data(), 3);  // x and two bytes of 日
    const once::Utf8Char ch = once::decode_utf8_lossy(cut, 1);
    CHECK_FALSE(ch.valid);
    CHECK(ch.code_point == 0xFFFD);
    CHECK(ch.length == 1);
}

TEST_CASE("decode_utf8_lossy's inline two- and three-byte paths answer as the out-of-line decoder") {
    // Every lead byte from 0x80 with every pair of following bytes, in views of one, two and
    // three bytes (a sequence cut by the view's end): the inline paths must never accept what the
    // out-of-line decoder rejects (overlongs E0 80-9F, surrogates ED A0-BF), nor differ on what
    // it accepts.
    std::size_t differences = 0;
    std::string bytes(3, '\0');
    for (unsigned lead = 0x80; lead <= 0xFF; ++lead) {
        for (unsigned second = 0; second <= 0xFF; ++second) {
            for (unsigned third = 0; third <= 0xFF; ++third) {
                bytes[0] = static_cast<char>(lead);
                bytes[1] = static_cast<char>(second);
                bytes[2] = static_cast<char>(third);
                for (std::size_t size = 1; size <= 3; ++size) {
                    const std::string_view view(bytes.data(), size);
                    const once::Utf8Char inline_path = once::decode_utf8_lossy(view, 0);
                    const once::Utf8Char out_of_line = once::decode_utf8_multibyte_lossy(view, 0);
                    differences += inline_path.code_point != out_of_line.code_point ||
                                   inline_path.length != out_of_line.length || inline_path.valid != out_of_line.valid;
                }
            }
        }
    }
    CHECK(differences == 0);
}

TEST_CASE("decode_utf8_lossy_before: the character that ends at an offset") {
    struct Case {
        std::string name;
        std::string bytes;
        std::size_t end;
        char32_t code_point;
        std::size_t length;
        bool valid;
    };
    const std::vector<Case> cases = {
        {"ASCII", "ab", 2, U'b', 1, true},
        {"CJK at the start", "\xE6\x97\xA5" "a", 3, U'日', 3, true},
        {"4-byte", "a\xF0\x9F\x98\x80", 5, U'😀', 4, true},
        {"ideographic space", "a\xE3\x80\x80", 4, 0x3000, 3, true},
        {"middle of a character: its lead is not a whole character", "\xE6\x97\xA5", 2, 0xFFFD, 1, false},
        {"five continuation bytes look back four at most", "\x80\x80\x80\x80\x80", 5, 0xFFFD, 1, false},
        {"after a sequence that runs past end", "\xC3\xA9", 1, 0xFFFD, 1, false},
        {"surrogate", "\xED\xA0\x80", 3, 0xFFFD, 1, false},
        {"overlong", "\xC0\xAF", 2, 0xFFFD, 1, false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const once::Utf8Char ch = once::decode_utf8_lossy_before(c.bytes, c.end);
        CHECK(static_cast<std::uint32_t>(ch.code_point) == static_cast<std::uint32_t>(c.code_point));
        CHECK(ch.length == c.length);
        CHECK(ch.valid == c.valid);
    }
}
