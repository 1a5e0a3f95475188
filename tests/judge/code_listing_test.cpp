// code_listing_test.cpp — rows of code listings (judge/code_listing.hpp): what one line reads as,
// and which lines of a page the judge names rows of a listing (the verdict's rule `listing`,
// which the planner reads: tests/plan/code_listings_test.cpp). Lines are written normalized
// (lower case), as the normalizer hands them over.
#include "once/judge/code_listing.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "judge/shape_rows.hpp"
#include "once/judge/lexicon.hpp"
#include "once/judge/line_shape.hpp"

namespace {

once::CodeRow row_of(std::string_view s) {
    static const once::LexiconLookup lookup(once::Lexicon::builtin());
    return once::read_code_row(s, once::measure_line(s, once::test::weight_of(s), lookup));
}

// The rows of `rows` whose verdict names them rows of a listing.
std::vector<std::size_t> listing_rows(const std::vector<once::test::Row>& rows) {
    const auto verdicts = once::test::classify(rows);
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < verdicts.size(); ++i)
        if (verdicts[i].rule == once::ShapeRule::listing) out.push_back(i);
    return out;
}

}  // namespace

TEST_CASE("code listing: what one line reads as") {
    using once::CodeRow;
    struct Case {
        std::string_view line;
        CodeRow expect;
    };
    const Case cases[] = {
        {"", CodeRow::blank},
        // SQL, as lynx prints a tutorial's query: no indentation, keyword lines without marks.
        {"with series as (", CodeRow::code},
        {"from unnest(array[2, 3, 5, 2, 3, 12, 5, 3, 4]) as n;", CodeRow::code},
        {"avg(n) series_avg,", CodeRow::code},
        {"),", CodeRow::code},
        {"from", CodeRow::plain},
        {"order by period desc", CodeRow::plain},
        {"rows between 60 preceding and current row", CodeRow::plain},
        {"2 \u2502 -0.75703329861022517346", CodeRow::code},  // psql's output table, box-drawn
        // HTTP: a request line, header rows.
        {"put /storage/michiel/myfavoritedrinks/test http/1.1", CodeRow::code},
        {"http/1.1 200 ok", CodeRow::code},
        {"host: 3pp.io:4439", CodeRow::header},
        {"etag: \"1382694048000\"", CodeRow::header},
        {"referer: https://drinks-unhosted.5apps.com/?", CodeRow::header},
        {"content-type: application/json; charset=utf-8", CodeRow::code},
        // A shell session and a database prompt; not a price, a lynx bullet or a mail quote.
        {"$ hg pull -u", CodeRow::command},
        {"db=# with stats as (", CodeRow::command},
        {">>> foo()", CodeRow::command},
        {"$ 5.99 a month", CodeRow::plain},
        {"# en", CodeRow::plain},
        {"> i agree with the above", CodeRow::plain},
        // Prose, whatever marks it holds; lynx's images and a wiki's "[edit]" are no code.
        {"the mean is the sum of the values divided by their count, which we write avg(n).", CodeRow::prose},
        {"to find the anomaly in the series we first need to define what a reasonable value is and then how far",
         CodeRow::prose},
        {"[photo_12.jpg]", CodeRow::plain},
        {"components[edit]", CodeRow::plain},
        {"select the file(s) to upload", CodeRow::plain},
        {"https://example.com/page?id=3&x=4", CodeRow::plain},
        {"____________________", CodeRow::plain},
        // CJK: a heading or a sentence, never code.
        {"\u95a2\u9023\u8a18\u4e8b", CodeRow::plain},
        {"\u3053\u306e\u8a18\u4e8b\u3067\u306f\u95a2\u6570avg(n)\u3092\u4f7f\u3063\u3066\u5e73\u5747\u3092\u6c42\u3081\u308b\u65b9\u6cd5\u3092\u7d39\u4ecb\u3059\u308b\u3002",
         CodeRow::prose},
        // 4-byte characters and a stray invalid byte are read safely.
        {"\U0001F600 = 1;", CodeRow::code},
        {"x = \xff;", CodeRow::code},
    };
    for (const Case& c : cases) {
        CAPTURE(c.line);
        CHECK(row_of(c.line) == c.expect);
    }
}

TEST_CASE("code listing: a query right under its paragraph is one listing, its keyword lines included") {
    using once::test::Row;
    const std::vector<Row> page = {
        {'.', "another way to represent a range of acceptable values is using a z-score, the number of standard "
              "deviations from the mean:"},
        {'.', "with series as ("},
        {'.', "select *"},
        {'.', "from unnest(array[2, 3, 5, 2, 3, 12, 5, 3, 4]) as n"},
        {'.', "),"},
        {'.', ""},
        {'.', "stats as ("},
        {'.', "select"},
        {'.', "avg(n) series_mean"},
        {'.', "from"},
        {'.', "series"},
        {'.', ")"},
        {'.', ""},
        {'.', "like before, we can detect anomalies by searching for values outside the acceptable range."},
    };
    CHECK(listing_rows(page) == std::vector<std::size_t>{1, 2, 3, 4, 6, 7, 8, 9, 10, 11});
}

TEST_CASE("code listing: an HTTP response and a shell session are listings") {
    using once::test::Row;
    const std::vector<Row> http = {
        {'.', "and the server may respond with a 412 conflict or a 200 ok status:"},
        {'.', ""},
        {'.', "http/1.1 412 conflict"},
        {'.', "access-control-allow-origin: https://drinks-unhosted.5apps.com"},
        {'.', "etag: \"1382694048000\""},
    };
    CHECK(listing_rows(http) == std::vector<std::size_t>{2, 3, 4});
    const std::vector<Row> shell = {
        {'.', "this time, all the tests pass, so no further amending is required."},
        {'.', "$ hg push"},
        {'.', "[...]"},
        {'.', "added 1 changesets with 1 changes to 1 files"},
    };
    CHECK(listing_rows(shell) == std::vector<std::size_t>{1, 2, 3});
}

TEST_CASE("code listing: menus, spec rows and paragraphs are no listing") {
    using once::test::Row;
    // A menu: short lines of words, no code marks.
    const std::vector<Row> menu = {
        {'.', "home"}, {'.', "news"}, {'.', "sport"}, {'.', "weather"}, {'.', "contact us"},
    };
    CHECK(listing_rows(menu).empty());
    // A table of cookies: "name: value" rows, one with a pattern in brackets among them, which
    // does not open the block (a response opens with its status line).
    const std::vector<Row> cookies = {
        {'.', "fristablauf: 10 jahre"},
        {'.', "name: visitor_id[0-9]+-hash"},
        {'.', "anbieter: .pardot.com"},
        {'.', "zweck: webanalyse"},
    };
    CHECK(listing_rows(cookies).empty());
    // Prose with a formula in it.
    const std::vector<Row> prose = {
        {'.', "the mean is the sum of the values divided by their count, which sql writes avg(n)."},
        {'.', "a z-score is (x - mean) / stddev, the distance from the mean in standard deviations."},
    };
    CHECK(listing_rows(prose).empty());
}
