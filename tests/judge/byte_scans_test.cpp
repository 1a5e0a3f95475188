// byte_scans_test.cpp — the judge's byte scans that pass sixteen bytes a step on SSE2
// (has_date_figure's search for a digit, script_like's counts of spaces and marks) against the
// byte-by-byte loops they replaced. Random lines of any length put digits, marks and spaces at
// every place of a block and of the bytes after the last block; the answers must agree on every line.
#include "once/judge/shape_passes.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

bool reference_date_figure(std::string_view text) {
    const auto digit_at = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
    for (std::size_t i = 0; i < text.size();) {
        if (!digit_at(i)) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (digit_at(end)) ++end;
        const std::string_view run = text.substr(i, end - i);
        if (run.size() == 4 && (run.starts_with("19") || run.starts_with("20"))) return true;
        if (run.size() <= 2 && end < text.size() && text[end] == ':' && digit_at(end + 1) && digit_at(end + 2)) return true;
        i = end;
    }
    return false;
}

// A line of `size` bytes drawn from `pieces`, cut at `size` wherever that falls.
std::string random_line(std::mt19937& rng, std::size_t size, const std::vector<std::string>& pieces) {
    std::string line;
    while (line.size() < size) line += pieces[rng() % pieces.size()];
    line.resize(size);
    return line;
}

}  // namespace

TEST_CASE("has_date_figure: equals a byte-by-byte search on random lines of any length") {
    // Digits next to the bytes just outside '0'..'9' ('/' and ':'), bytes whose value minus '0'
    // wraps (0x00-0x2F, 0x80-0xFF), years in and out of range and times cut at every place.
    const std::vector<std::string> pieces = {"a", " ", "/", ":", "日", "\xFF", "\x01", "7", "42", "2019", "1899",
                                             "12:30", "9:5", "年", "-", "2"};
    std::mt19937 rng(20261205);
    int with = 0;
    for (int round = 0; round < 20000; ++round) {
        const std::string line = random_line(rng, rng() % 70, pieces);
        const bool expected = reference_date_figure(line);
        with += expected;
        CAPTURE(line);
        CHECK(once::has_date_figure(line) == expected);
    }
    CHECK(with > 1000);  // both answers are tried
    CHECK(with < 19000);
    // One digit run at each place of two blocks and a tail: found wherever it stands.
    for (std::size_t at = 0; at + 4 <= 40; ++at) {
        std::string line(40, 'x');
        line.replace(at, 4, "2018");
        CAPTURE(at);
        CHECK(once::has_date_figure(line));
        line[at] = '3';
        CHECK_FALSE(once::has_date_figure(line));
    }
}

namespace {

bool reference_script_like(std::string_view text) {
    std::size_t marks = 0, bytes = 0;
    for (const char c : text) {
        if (c == ' ') continue;
        ++bytes;
        marks += std::string_view("{};=()").find(c) != std::string_view::npos;
    }
    return bytes > 0 && marks * 10 >= bytes;
}

}  // namespace

TEST_CASE("script_like: equals a byte-by-byte count on random lines of any length") {
    // Lines near the one-in-ten share either way, over many blocks (a lane counts up to 255
    // blocks before it is summed: lines of 4,100 bytes and more cross that).
    const std::vector<std::string> pieces = {"a", " ", "  ", "{", "}", ";", "=", "(", ")", "日本", "\xFF", "x = 1;", "if", ":"};
    std::mt19937 rng(5122026);
    int with = 0;
    for (int round = 0; round < 20000; ++round) {
        const std::size_t size = round % 100 == 0 ? 4000 + rng() % 5000 : rng() % 80;
        std::vector<std::string> mix = pieces;
        for (int k = 0; k < static_cast<int>(rng() % 40); ++k) mix.emplace_back(1, "abcdefgh 日"[rng() % 9]);
        const std::string line = random_line(rng, size, mix);
        const bool expected = reference_script_like(line);
        with += expected;
        CAPTURE(line.size());
        CHECK(once::script_like(line) == expected);
    }
    CHECK(with > 1000);
    CHECK(with < 19000);
    CHECK_FALSE(once::script_like(""));
    CHECK_FALSE(once::script_like("                                   "));
    // 255 blocks of spaces then a mark: the lanes' counts are summed before they wrap.
    CHECK(once::script_like(std::string(16 * 300, ' ') + "x;"));
    CHECK_FALSE(once::script_like(std::string(16 * 300, ' ') + std::string(10, 'x') + ";"));
}
