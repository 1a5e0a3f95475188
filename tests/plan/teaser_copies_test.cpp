// teaser_copies_test.cpp — step 0a (plan/teaser_copies.cpp): the paragraphs of a page that an
// earlier line of the same page joined into one (a teaser of the article in a card above it) are
// the article's own words and stay (issue 11, item 5); copies of any other form, and of another
// page's line, still go.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "plan/plan_run.hpp"

namespace {

// How many times `part` stands in `text` (0 when every copy went: find() == rfind() would pass).
std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

struct Story {
    std::string headline, first, second, third;
    // The teaser: the first two paragraphs on one line, as a card prints them.
    std::string teaser() const { return first + " " + second; }
};

const std::vector<Story> k_stories = {
    {"Cargo ship breaks up over Siberia",
     "An unmanned cargo ship heading to the space station broke up in the atmosphere over Siberia on Thursday.",
     "The craft broke up at an altitude of 190 kilometers over a remote region that borders Mongolia.",
     "Local people reported seeing a flash of light and hearing a loud thud west of the regional capital."},
    {"Neue Brücke über den Fluss",
     "Der Gemeinderat hat am Dienstag den Bau einer neuen Brücke über den Fluss im Süden der Stadt beschlossen.",
     "Die alte Brücke ist seit dem Hochwasser im vergangenen Frühjahr für den Verkehr gesperrt worden.",
     "Mit den Arbeiten soll im kommenden Herbst begonnen werden, wenn die Finanzierung gesichert ist."},
    {"川沿いに新しい橋",
     "市議会は火曜日、市の南部を流れる川に新しい橋を架ける計画を全会一致で承認した。",
     "古い橋は昨年春の洪水で損傷し、それ以来車両の通行が禁止されている。",
     "工事は資金のめどが立つ今年の秋に始まる予定だと市の担当者は話している。"},
};

}  // namespace

TEST_CASE("teaser copies: the article keeps the paragraphs a card above it joined into one line") {
    for (const Story& s : k_stories) {
        CAPTURE(s.headline);
        const std::string page = s.headline + "\n" + s.teaser() + "\n\nMore stories\n\n" + s.headline + "\n\n" +
                                 s.first + "\n\n" + s.second + "\n\n" + s.third + "\n";
        plan_test::PlanRun run;
        const auto& doc = run.add(page);
        CHECK(doc.cleaned.find("\n" + s.first + "\n") != std::string::npos);
        CHECK(doc.cleaned.find("\n" + s.second + "\n") != std::string::npos);
    }
}

TEST_CASE("teaser copies: another page's line in that form is still a source (a second print of a release)") {
    // Across pages the same form is as often a site printing one press release twice, laid out in
    // other paragraphs (ldcc: 9 articles, none a teaser): the later print's paragraphs go.
    for (const Story& s : k_stories) {
        CAPTURE(s.headline);
        const std::string first_print = s.headline + "\n\n" + s.teaser() + "\n\n" + s.third + "\n";
        const std::string second_print = s.headline + "\n\n" + s.first + "\n\n" + s.second + "\n\n" + s.third + "\n";
        plan_test::PlanRun run;
        run.add(first_print);
        const auto& doc = run.add(second_print);
        CHECK(doc.cleaned.find(s.first) == std::string::npos);
        CHECK(doc.cleaned.find(s.second) == std::string::npos);
    }
}

TEST_CASE("teaser copies: copies of every other form still go") {
    for (const Story& s : k_stories) {
        CAPTURE(s.headline);
        const std::string paragraphs = s.first + "\n\n" + s.second + "\n\n" + s.third + "\n";
        // The paragraphs glued into one line later (a restart printed without its breaks): the
        // later line holds sentences of several source lines, and goes.
        {
            plan_test::PlanRun run;
            const auto& doc = run.add(s.headline + "\n\n" + paragraphs + "\n" + s.teaser() + " " + s.third + "\n");
            CHECK(doc.cleaned == s.headline + "\n\n" + paragraphs);
        }
        // The teaser's sentences printed again as one paragraph of the page: a copy of it.
        {
            plan_test::PlanRun run;
            const auto& doc = run.add(s.headline + "\n" + s.teaser() + "\n\nMore stories\n\n" + s.teaser() + "\n\n" +
                                      s.third + "\n");
            CHECK(occurrences(doc.cleaned, s.teaser()) == 1);
        }
        // One line that the page prints again and again (the same sentence in two places): the
        // later copies go.
        {
            plan_test::PlanRun run;
            const auto& doc = run.add(s.headline + "\n\n" + s.first + "\n\n" + s.second + "\n\n" + s.first + "\n\n" +
                                      s.third + "\n\n" + s.first + "\n");
            CHECK(occurrences(doc.cleaned, s.first) == 1);
            CHECK(doc.cleaned.find(s.third) != std::string::npos);
        }
        // A whole text printed on one line before (a page that prints its story again without
        // line breaks): more sentences than a teaser holds (five here), so the paragraphs printed
        // later are copies.
        {
            plan_test::PlanRun run;
            const std::string page = s.headline + "\n" + s.teaser() + " " + s.third + " Archive. " + s.headline + ".\n\n" +
                                     s.first + "\n\n" + s.second + "\n\n" + s.third + "\n";
            const auto& doc = run.add(page);
            CHECK(occurrences(doc.cleaned, s.first) == 1);
            CHECK(occurrences(doc.cleaned, s.second) == 1);
        }
    }
}
