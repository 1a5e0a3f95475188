// boilerplate_test.cpp — Recurrence (what recurs per group: counting, merging, the profile file)
// and judge_lines (the per-line verdicts: ignore markers, --keep, marker patterns, boilerplate by
// recurrence, and the repost rule that leaves a copied document to the duplicate stage).
#include "once/judge/boilerplate.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "once/sign/signer.hpp"
#include "temp_dir.hpp"

using once::LineRole;

TEST_CASE("Recurrence: each distinct template counts once per document, per group; 0 is no template") {
    once::Recurrence counts;
    CHECK(counts.empty());
    counts.add_document("a", {7, 7, 9, 0});
    counts.add_document("a", {7, 11});
    counts.add_document("b", {7});
    counts.add_document("b", {});
    struct Case {
        std::string group;
        std::uint64_t key;
        std::uint32_t count;
    };
    const std::vector<Case> cases = {
        {"a", 7, 2}, {"a", 9, 1}, {"a", 11, 1}, {"a", 0, 0}, {"a", 12, 0}, {"b", 7, 1}, {"c", 7, 0},
    };
    for (const auto& c : cases) {
        CAPTURE(c.group);
        CAPTURE(c.key);
        CHECK(counts.count(c.group, c.key) == c.count);
    }
    CHECK(counts.documents("a") == 2);
    CHECK(counts.documents("b") == 2);
    CHECK(counts.documents("c") == 0);
    CHECK(counts.size() == 4);  // (a,7) (a,9) (a,11) (b,7)
    // counts_of (one look-up of the group for many keys, judge_lines) answers what count does.
    REQUIRE(counts.counts_of("a") != nullptr);
    REQUIRE(counts.counts_of("b") != nullptr);
    CHECK(counts.counts_of("c") == nullptr);
    for (const auto& c : cases) {
        CAPTURE(c.group);
        CAPTURE(c.key);
        const once::KeyCounts* group = counts.counts_of(c.group);
        CHECK((group == nullptr ? 0 : group->find(c.key)) == c.count);
    }
    CHECK(counts.groups() == std::vector<std::string>{"a", "b"});
    CHECK_FALSE(counts.empty());
}

TEST_CASE("Recurrence::merge adds documents and counts, group by group") {
    once::Recurrence left, right;
    left.add_document("a", {1, 2});
    right.add_document("a", {2, 3});
    right.add_document("z", {5});
    left.merge(right);
    CHECK(left.documents("a") == 2);
    CHECK(left.count("a", 1) == 1);
    CHECK(left.count("a", 2) == 2);
    CHECK(left.count("a", 3) == 1);
    CHECK(left.count("z", 5) == 1);
    CHECK(left.groups() == std::vector<std::string>{"a", "z"});
}

TEST_CASE("Recurrence: save and load round-trip; tabs and newlines in group names become spaces") {
    once::test::TempDir dir;
    once::Recurrence counts;
    counts.add_document("site-a", {1, 18446744073709551615ULL});
    counts.add_document("site-a", {1});
    counts.add_document("a\tb\nc", {4});
    const std::string path = dir.path("p.profile");
    counts.save(path);
    const once::Recurrence loaded = once::Recurrence::load(path);
    CHECK(loaded.documents("site-a") == 2);
    CHECK(loaded.count("site-a", 1) == 2);
    CHECK(loaded.count("site-a", 18446744073709551615ULL) == 1);
    CHECK(loaded.count("a b c", 4) == 1);
    CHECK(loaded.size() == counts.size());
}

// Regression (issue 14): a group with an empty name (documents given without a folder) was
// saved as `group<TAB><TAB>N` and that line refused by load ("malformed profile line 2").
TEST_CASE("Recurrence: a group with an empty name is saved and loaded back") {
    once::test::TempDir dir;
    once::Recurrence counts;
    counts.add_document("", {7});
    counts.add_document("", {7, 8});
    const std::string path = dir.path("p.profile");
    counts.save(path);
    const once::Recurrence loaded = once::Recurrence::load(path);
    CHECK(loaded.documents("") == 2);
    CHECK(loaded.count("", 7) == 2);
    CHECK(loaded.count("", 8) == 1);
    CHECK(loaded.groups() == std::vector<std::string>{""});
}

TEST_CASE("Recurrence::load: what is not a profile is an input error naming the file") {
    once::test::TempDir dir;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"empty", ""},
        {"another header", "once-profile 3\n"},
        {"not a profile", "once-profiles 2\n"},
        // Version 2 ends in `end<TAB>N` (N: the group and key lines): cut at a line's end, a
        // profile parsed, its lost counts silently missing.
        {"version 2 without its end line", "once-profile 2\ngroup\ta\t1\n5\t1\n"},
        {"version 2 cut before a key line", "once-profile 2\ngroup\ta\t1\nend\t2\n"},
        {"version 2, a line after the end", "once-profile 2\ngroup\ta\t1\nend\t1\n5\t1\n"},
        {"version 2, end not a number", "once-profile 2\ngroup\ta\t1\nend\tone\n"},
        {"entry before any group", "once-profile 1\n5\t1\n"},
        {"entry without a count", "once-profile 1\ngroup\ta\t1\n5\n"},
        {"key not a number", "once-profile 1\ngroup\ta\t1\nfive\t1\n"},
        {"group without documents", "once-profile 1\ngroup\ta\tmany\n"},
    };
    for (const auto& [name, bytes] : cases) {
        const auto& shown = name;  // clang 14 cannot capture a binding in CAPTURE's lambda
        CAPTURE(shown);
        const std::string path = dir.write("bad.profile", bytes);
        const auto error = once::test::error_of([&] { once::Recurrence::load(path); });
        REQUIRE(error.has_value());
        CHECK(error->code() == once::ExitCode::input_error);
        CHECK(error->file() == path);
    }
    const std::string fine = dir.write("ok.profile", "once-profile 1\n\ngroup\ta\t3\n5\t2\n");
    CHECK(once::Recurrence::load(fine).count("a", 5) == 2);
    const std::string fine2 = dir.write("ok2.profile", "once-profile 2\ngroup\ta\t3\n5\t2\n\nend\t2\n");
    CHECK(once::Recurrence::load(fine2).count("a", 5) == 2);
}

TEST_CASE("Recurrence: a saved profile cut at any line end is refused") {
    once::test::TempDir dir;
    once::Recurrence counts;
    counts.add_document("a", {7, 8});
    counts.add_document("b", {9});
    const std::string path = dir.path("p.profile");
    counts.save(path);
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(bytes.rfind("end\t5\n") == bytes.size() - 6);  // 2 group lines and 3 key lines
    for (std::size_t cut = bytes.find('\n'); cut + 1 < bytes.size(); cut = bytes.find('\n', cut + 1)) {
        CAPTURE(cut);
        const std::string cut_path = dir.write("cut.profile", bytes.substr(0, cut + 1));
        const auto error = once::test::error_of([&] { once::Recurrence::load(cut_path); });
        REQUIRE(error.has_value());
        CHECK(error->code() == once::ExitCode::input_error);
    }
}

namespace {

// The verdicts of `text` in `group`, with `recurrence` counted from `site` pages first.
std::vector<once::LineVerdictDetail> verdicts_of(const std::string& text, const once::Recurrence& recurrence,
                                                 const once::Config& config = {}) {
    const once::Signer signer(config);
    const once::JudgeContext context(config);
    return once::judge_lines(signer.analyze(text), "site", recurrence, context);
}

const std::string k_footer = "© 2024 City News Corporation. All rights reserved worldwide.";

// Page n of the site: its own story (no two share a line, even with numbers masked) and the
// site's footer.
std::string article(int n) {
    static const std::vector<std::string> stories = {
        "The council approved a new budget for the coming year after a long evening of debate.",
        "Farmers in the valley expect a late harvest because the spring was cold and wet.",
        "A local bakery won the regional prize for its rye bread and plans to open a second shop.",
        "The river festival returns this summer with boat races, music and a night market.",
        "Engineers began repairs on the old stone bridge that has been closed since the flood.",
        "The city library extends its opening hours and adds a reading room for students.",
        "A new bus line will connect the northern suburbs with the central station by autumn.",
        "Volunteers planted three hundred trees along the riverside path on Saturday morning.",
        "The museum shows paintings by a forgotten local artist who worked in the harbour.",
        "Parents asked the school board for safer crossings near the primary school gates.",
    };
    return stories[static_cast<std::size_t>(n) % stories.size()] + "\n\n" + k_footer + "\n";
}

}  // namespace

TEST_CASE("judge_lines: a line a site prints on every page is boilerplate by recurrence") {
    const once::Config config;
    const once::Signer signer(config);
    once::Recurrence recurrence;
    for (int n = 0; n < 10; ++n) recurrence.add_document("site", signer.line_templates(article(n)));
    const auto verdicts = verdicts_of(article(3), recurrence);
    REQUIRE(verdicts.size() == 3);  // story, blank, footer
    CHECK(verdicts[0].role == LineRole::text);
    CHECK(verdicts[1].role == LineRole::text);  // blank
    CHECK(verdicts[2].role == LineRole::boilerplate);
    CHECK(verdicts[2].by_recurrence);
    CHECK(verdicts[2].docs == 10);

    // Without the counts the same footer line stands alone: not boilerplate by recurrence.
    const auto alone = verdicts_of(article(3), once::Recurrence{});
    CHECK_FALSE(alone[2].by_recurrence);
}

TEST_CASE("judge_lines: recurring lines far down a long page are found (counts prefetched lines ahead)") {
    const once::Config config;
    const once::Signer signer(config);
    once::Recurrence recurrence;
    for (int n = 0; n < 10; ++n) recurrence.add_document("site", signer.line_templates(article(n)));
    // 40 stories, the footer after every tenth: footers at lines 20, 42, 64 and 86, past any
    // prefetch window, and as the first line after one.
    std::string page;
    for (int n = 0; n < 40; ++n) {
        page += article(n).substr(0, article(n).find('\n')) + "\n\n";
        if (n % 10 == 9) page += k_footer + "\n\n";
    }
    const auto verdicts = verdicts_of(page, recurrence);
    REQUIRE(verdicts.size() == 88);
    int footers = 0;
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        CAPTURE(i);
        const bool footer = i % 22 == 20;
        CHECK(verdicts[i].by_recurrence == footer);
        if (footer) {
            CHECK(verdicts[i].docs == 10);
            ++footers;
        }
    }
    CHECK(footers == 4);
}

TEST_CASE("judge_lines: a document that is mostly recurring text is a repost, left to the duplicate stage") {
    const once::Config config;
    const once::Signer signer(config);
    once::Recurrence recurrence;
    // The same story on every page: its lines recur as much as the footer.
    for (int n = 0; n < 10; ++n) recurrence.add_document("site", signer.line_templates(article(1)));
    const auto verdicts = verdicts_of(article(1), recurrence);
    REQUIRE(verdicts.size() == 3);
    for (const auto& verdict : verdicts) CHECK_FALSE(verdict.by_recurrence);
}

TEST_CASE("judge_lines: ignore markers, --keep and marker patterns") {
    once::Config config;
    config.keep_patterns = {"keep me"};
    const std::string text =
        "—END—\n"                                  // 0 marker
        "<!-- once:ignore-next-line -->\n"         // 1 protected (the marker line itself)
        "—END—\n"                                  // 2 protected by the line before
        "please keep me here\n"                    // 3 protected by --keep
        "<!-- once:ignore-start -->\n"             // 4
        "（完）\n"                                  // 5 protected inside the region
        "<!-- once:ignore-end -->\n"               // 6
        "（完）\n";                                 // 7 marker again
    const auto verdicts = verdicts_of(text, once::Recurrence{}, config);
    REQUIRE(verdicts.size() == 8);
    const std::vector<LineRole> expected = {LineRole::marker,  LineRole::protect, LineRole::protect, LineRole::protect,
                                            LineRole::protect, LineRole::protect, LineRole::protect, LineRole::marker};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(verdicts[i].role == expected[i]);
    }
}
