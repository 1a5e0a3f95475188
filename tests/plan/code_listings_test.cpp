// code_listings_test.cpp — a code listing that repeats lines of an earlier listing of its page
// (plan/own_text_runs.cpp, part_of_a_listing): the page building its code up, kept; and what
// still goes (a menu or a paragraph printed twice, a page that restarts with its listing, a
// listing printed twice in a row). Issue 11: readability's toc-missing (SQL) and ietf-1 (HTTP)
// lost their examples' repeated lines, 52% of the content that every kind lost.
#include "once/plan/planner.hpp"

#include <doctest/doctest.h>

#include <string>

#include "plan/plan_run.hpp"

using plan_test::PlanRun;

namespace {

// How often `part` stands in `text`.
int count_of(const std::string& text, const std::string& part) {
    int n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("code listings: a query that repeats parts of the one before stays whole") {
    // toc-missing: lynx's text of a SQL tutorial, each query right under its paragraph.
    const std::string text =
        "The range we defined is one standard deviation from the mean. Any value outside this range is an anomaly:\n"
        "WITH series AS (\n"
        "SELECT *\n"
        "FROM unnest(array[2, 3, 5, 2, 3, 12, 5, 3, 4]) AS n\n"
        "),\n"
        "bounds AS (\n"
        "SELECT\n"
        "avg(n) - stddev(n) AS lower_bound,\n"
        "avg(n) + stddev(n) AS upper_bound\n"
        "FROM\n"
        "series\n"
        ")\n"
        "SELECT * FROM bounds;\n"
        "\n"
        "Another way to represent a range of acceptable values is a z-score, the distance from the mean:\n"
        "WITH series AS (\n"
        "SELECT *\n"
        "FROM unnest(array[2, 3, 5, 2, 3, 12, 5, 3, 4]) AS n\n"
        "),\n"
        "stats AS (\n"
        "SELECT\n"
        "avg(n) series_mean,\n"
        "stddev(n) as series_stddev\n"
        "FROM\n"
        "series\n"
        ")\n"
        "SELECT n, (n - series_mean) / series_stddev as zscore FROM series, stats;\n";
    PlanRun run;
    const auto& doc = run.add(text);
    CHECK(doc.cleaned == text);
}

TEST_CASE("code listings: a request that repeats the header rows of the one before stays whole") {
    // ietf-1: an RFC's examples, the next request repeating the previous one's headers.
    const std::string text =
        "An initial PUT may contain an If-None-Match header, like this:\n"
        "\n"
        "PUT /storage/michiel/myfavoritedrinks/test HTTP/1.1\n"
        "Host: 3pp.io:4439\n"
        "Content-Length: 91\n"
        "Origin: https://drinks-unhosted.5apps.com\n"
        "Authorization: Bearer j2YnGtXjzzzHNjkd1CJxoQubA1o=\n"
        "Content-Type: application/json; charset=utf-8\n"
        "If-None-Match: *\n"
        "\n"
        "A subsequent PUT may contain an If-Match header referring to the ETag previously returned:\n"
        "\n"
        "PUT /storage/michiel/myfavoritedrinks/test HTTP/1.1\n"
        "Host: 3pp.io:4439\n"
        "Content-Length: 91\n"
        "Origin: https://drinks-unhosted.5apps.com\n"
        "Authorization: Bearer j2YnGtXjzzzHNjkd1CJxoQubA1o=\n"
        "Content-Type: application/json; charset=utf-8\n"
        "If-Match: \"1382694045000\"\n";
    PlanRun run;
    const auto& doc = run.add(text);
    CHECK(doc.cleaned == text);
}

TEST_CASE("code listings: a shell session that runs the same commands again stays whole") {
    // mercurial: a tutorial's sessions repeat commands and their output.
    const std::string text =
        "To start things off, let us make one public, immutable changeset in the test repository:\n"
        "$ cd ../test-repo\n"
        "$ echo 'my new project' > file1\n"
        "$ hg commit -A -m 'create new project'\n"
        "adding file1\n"
        "$ hg push\n"
        "\n"
        "Now Bob makes a change of his own in his repository and pushes it to the test repository too:\n"
        "$ cd ../test-repo\n"
        "$ echo 'my new project' > file1\n"
        "$ hg commit -A -m 'create new project'\n"
        "adding file1\n"
        "$ hg push ../bob\n";
    PlanRun run;
    const auto& doc = run.add(text);
    CHECK(doc.cleaned == text);
}

TEST_CASE("code listings: a menu, a paragraph, a restart and a listing printed twice still go") {
    // A menu printed at the top and the foot of the page: lines of words, no listing.
    const std::string menu = "Home\nTutorials and guides\nDownloads and releases\nContact the team\n";
    const std::string para =
        "We calculated the z-score by finding the number of standard deviations between the last value and the "
        "mean.\n";
    {
        PlanRun run;
        const auto& doc = run.add(menu + "\n" + para + "\n" + menu);
        CHECK(count_of(doc.cleaned, menu) == 1);
    }
    // A paragraph printed twice.
    {
        PlanRun run;
        const auto& doc = run.add(para + "\n" + para);
        CHECK(count_of(doc.cleaned, para) == 1);
    }
    const std::string listing =
        "SELECT\n"
        "status_code,\n"
        "avg(entries) AS mean_entries\n"
        "FROM\n"
        "server_log_summary\n"
        "GROUP BY\n"
        "status_code;\n";
    // A page that starts over: its paragraph and its listing printed again.
    {
        PlanRun run;
        const std::string page = "To find the mean of each status code, we group the entries by code:\n" + listing;
        const auto& doc = run.add(page + "\n" + page);
        CHECK(count_of(doc.cleaned, page) == 1);
        CHECK(count_of(doc.cleaned, "server_log_summary") == 1);
    }
    // A listing printed twice in a row: the second copy's neighbour is its source.
    {
        PlanRun run;
        const std::string page = "To find the mean of each status code, we group the entries by code:\n\n" + listing;
        const auto& doc = run.add(page + "\n" + listing);
        CHECK(count_of(doc.cleaned, listing) == 1);
    }
}
