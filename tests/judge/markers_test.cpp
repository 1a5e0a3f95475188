// markers_test.cpp — the built-in marker patterns on normalized lines, user patterns, and
// pattern errors.
#include "once/judge/markers.hpp"

#include "once/core/error.hpp"
#include "once/text/normalizer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

// Markers are matched against normalized lines, as judge_lines does.
bool is_marker(const once::PatternSet& set, const std::string& raw_line) {
    return set.matches(once::normalize(raw_line).text);
}

}  // namespace

TEST_CASE("markers: built-in patterns match generation and scraping artefacts") {
    const once::PatternSet markers(once::builtin_marker_patterns());
    REQUIRE_FALSE(markers.empty());
    const std::vector<std::string> lines = {
        "—END—",
        "— END —",
        "[END]",
        "END",
        "end",
        "End.",
        "(完)",
        "（完）",
        "【完】",
        "【終】",
        "（全文完）",
        "-- end of article --",
        "*** The End ***",
        "おわり",
        "～おわり～",  // full-width tildes become ~
        "以上",
        "-----",
        "＊＊＊",
        "***",
        "* * *",
        "=====",
        "・・・",
        "———",
        "◆◆◆",
        "  —END—  ",  // white space trimmed by normalization
        "ＥＮＤ",      // full-width
    };
    for (const auto& line : lines) {
        CAPTURE(line);
        CHECK(is_marker(markers, line));
    }
}

TEST_CASE("markers: ordinary lines are not markers") {
    const once::PatternSet markers(once::builtin_marker_patterns());
    const std::vector<std::string> lines = {
        "",
        "   ",
        "\u3000",
        "the end of the year was busy.",
        "The End of an Era",
        "完成しました。",
        "完全に理解した",
        "終わりよければすべてよし。",
        "以上の理由により、計画は延期された。",
        "weekend",
        "endless summer",
        "Friends",
        "--",           // two separators are not a run
        "-",
        "a---",
        "--- a ---",
        "-*-*-",        // mixed separators
        "1. Introduction",
        "他说：“完了。”",
        "fin de semana",
    };
    for (const auto& line : lines) {
        CAPTURE(line);
        CHECK_FALSE(is_marker(markers, line));
    }
}

TEST_CASE("markers: the built-in list has the two documented patterns") {
    CHECK(once::builtin_marker_patterns().size() == 2);
    CHECK(&once::builtin_marker_patterns() == &once::builtin_marker_patterns());  // one static list
}

TEST_CASE("markers: user patterns match whole normalized lines as code points") {
    const once::PatternSet set({"copyright \\d{4} .*", "[★☆]+ ?pr ?[★☆]+", "广告"});
    CHECK(is_marker(set, "Copyright 2024 Foo Inc."));
    CHECK(is_marker(set, "ＣＯＰＹＲＩＧＨＴ　２０２４　Ｆｏｏ"));  // full-width, normalized first
    CHECK_FALSE(is_marker(set, "See the copyright 2024 notice"));  // whole line, not a search
    CHECK(is_marker(set, "★PR★"));
    CHECK(is_marker(set, "☆☆ PR ☆☆"));
    CHECK(is_marker(set, "广告"));
    CHECK_FALSE(is_marker(set, "广告费"));
    // `.` is one code point, not one byte.
    const once::PatternSet single({"完."});
    CHECK(single.matches("完了"));
    CHECK_FALSE(single.matches("完"));
}

TEST_CASE("markers: search finds a pattern anywhere in the line") {
    const once::PatternSet set({"广告", "sponsored"});
    CHECK(set.search("本文中的广告内容"));
    CHECK(set.search(once::normalize("This post is SPONSORED by Foo").text));
    CHECK_FALSE(set.search("本文"));
    CHECK_FALSE(set.search(""));
}

TEST_CASE("markers: an empty PatternSet matches nothing") {
    const once::PatternSet none;
    CHECK(none.empty());
    CHECK_FALSE(none.matches("—end—"));
    CHECK_FALSE(none.search("—end—"));
    const once::PatternSet from_empty_list(std::vector<std::string>{});
    CHECK(from_empty_list.empty());
    CHECK_FALSE(from_empty_list.matches(""));
}

TEST_CASE("markers: a pattern that does not compile is a usage error naming it") {
    const std::vector<std::string> bad = {"(unclosed", "[a-", "*start", "a{2,1}", "(?<name>x)"};
    for (const auto& pattern : bad) {
        CAPTURE(pattern);
        try {
            once::PatternSet set({"fine", pattern});
            FAIL("no error for a bad pattern");
        } catch (const once::Error& error) {
            CHECK(error.code() == once::ExitCode::usage);
            CHECK(std::string(error.what()).find(pattern) != std::string::npos);
        }
    }
}
