// cut_restarts_test.cpp — step 1c of planning (plan/copy_runs.cpp, add_cut_restarts): a line
// that starts the page over and stops mid-sentence — an earlier paragraph's opening sentences,
// exact, and a token (CJK: character) prefix of its next sentence, unterminated — goes as a
// copy; a short heading that opens like a paragraph, and a cut line copied from another page,
// stay as today's rules leave them.
#include "once/plan/planner.hpp"

#include <doctest/doctest.h>

#include <span>
#include <string>
#include <utility>

#include "plan/plan_run.hpp"

using plan_test::PlanRun;

namespace {

struct Page {
    std::string head, first, second, own;
    // The page, then `line` on a line of its own before its last paragraph.
    std::string with(const std::string& line) const {
        return head + "\n\n" + first + " " + second + "\n\n" + own + "\n\n" + line + "\n\n" + own_last + "\n";
    }
    std::string own_last;
};

const Page en{
    "Harbour ferries go electric",
    "The harbour authority will replace its six diesel ferries with electric boats over the next three years.",
    "On weekdays the first two boats will run every twenty minutes for commuters.",
    "Officials expect the change to cut the fleet's fuel bill by more than half, the authority said.",
    "Tickets will cost the same as on the diesel boats during the first year of service.",
};

const Page ja{
    "港のフェリー、電動化へ",
    "市の交通局は来年度から、港の電動フェリーを順次導入する方針を明らかにした。",
    "関係者によると、交通局は今秋、北桟橋と旧市街を結ぶ通勤便の運航を提案した。",
    "燃料費はこれまでの半分以下に抑えられる見通しだと、交通局の担当者は話している。",
    "運賃は当面、これまでのディーゼル船と同じ水準に据え置かれる予定だという。",
};

const Page zh{
    "港口渡轮将改用电动船",
    "快来体验电动渡轮吧！",
    "随着新船投入运营，港口的燃料费用预计可以减少一半以上。",
    "有关负责人表示，改造完成后船队的噪音也会明显降低。",
    "市民王先生说，希望新的航线能够尽快开通。",
};

// The page as it stays once the cut line is gone.
std::string without_line(const Page& page) {
    return page.head + "\n\n" + page.first + " " + page.second + "\n\n" + page.own + "\n\n" + page.own_last + "\n";
}

// Each line, on a line of its own before the page's last paragraph, goes and leaves the page.
void check_lines_go(std::span<const std::pair<const Page*, std::string>> cases) {
    for (const auto& one : cases) {
        const std::string& line = one.second;  // not a structured binding: CAPTURE's lambda reads it
        CAPTURE(line);
        PlanRun run;
        CHECK(run.add(one.first->with(line)).cleaned == without_line(*one.first));
    }
}

}  // namespace

TEST_CASE("cut restarts: a line that starts a paragraph over and stops mid-sentence goes") {
    // The generator's truncated_copy: a paragraph printed again, cut after its first sentence
    // and a few words (en), a few characters (ja, inside a word) or one character (zh) of the
    // next; its first sentence alone is too light to go as a line repeated in its page.
    const std::pair<const Page*, std::string> cases[] = {
        {&en, "The harbour authority will replace its six diesel ferries with electric boats over the next three "
              "years. On weekdays the first"},
        {&ja, "市の交通局は来年度から、港の電動フェリーを順次導入する方針を明らかにした。関係者によると、交通局は今秋、北"},
        {&zh, "快来体验电动渡轮吧！随"},
    };
    check_lines_go(cases);
}

TEST_CASE("cut restarts: a piece alone on its line goes when it is cut, not a heading") {
    // The generator's truncated_copy cut inside the paragraph's first sentence: no sentence
    // copied whole, only its form tells the cut from a heading: a clause mark between its words
    // (en "After the vote, ...", ja "、", zh "，").
    const Page clause_en{"Ferries", "After the vote, the authority said the new boats would carry up to 300 people each.",
                         en.second, en.own, en.own_last};
    const Page clause_zh{"港口渡轮", "有关负责人表示，改造完成后船队的噪音也会明显降低。", zh.second,
                         "市政府计划明年在北岸再开通两条新的航线。", zh.own_last};
    const std::pair<const Page*, std::string> cases[] = {
        {&clause_en, "After the vote, the authority said the new"},
        {&ja, "市の交通局は来年度から、港の電動フ"},
        {&clause_zh, "有关负责人表示，改造完成"},
    };
    check_lines_go(cases);
}

TEST_CASE("cut restarts: a paragraph's stock opening matched on another page still makes the cut line a copy") {
    // The opening sentence is printed by another page too (matched there, a run of one inline
    // sentence across pages, too light to go): within this page the line is still the page
    // starting over ("一名参与者告诉记者，这对行业来说是一个重要信号。该项目负责人介绍，").
    PlanRun run;
    run.add("別のページ\n\n" + ja.first + "\n\nこのページには、ほかの話題だけが書かれている。\n");
    const std::string line = ja.first + "関係者によると、交通局は";
    CHECK(run.add(ja.with(line)).cleaned == without_line(ja));
}

TEST_CASE("cut restarts: still stays — a heading, another answer, a cut line from another page") {
    // A heading that names what the first paragraph opens with (no sentence copied whole, no
    // clause mark: a heading, not a restart), in en and ja.
    for (const std::string& heading : {std::string("The harbour authority will replace its"),
                                       std::string("市の交通局は来年度から")}) {
        CAPTURE(heading);
        const Page& page = heading[0] == 'T' ? en : ja;
        PlanRun run;
        CHECK(run.add(page.with(heading)).cleaned == page.with(heading));
    }
    // The same question with another answer, its last word not the source's (trafilatura
    // nationalrail's FAQ: "Will there be a toilet on the bus? No." under "... on the bus? For
    // journeys of over an hour ...").
    {
        const Page faq{"Rail replacement buses", "Will there be a toilet on the bus?",
                       "For journeys of over an hour the operator will aim to provide coaches with a toilet.",
                       "Customers are advised to use the facilities at the station before boarding.",
                       "Bicycles cannot be taken on replacement buses on any route."};
        const std::string line = "Will there be a toilet on the bus? No";
        PlanRun run;
        CHECK(run.add(faq.with(line)).cleaned == faq.with(line));
    }
    // A prefix of another page's paragraph: today's run rules decide (across pages a cut line
    // alone is not removed by this step).
    {
        PlanRun run;
        run.add(without_line(en));
        const std::string page = "Ferries\n\nThe harbour authority will replace its\n\n" + en.own_last + "\n";
        const auto& doc = run.add(page);
        CHECK(doc.cleaned.find("The harbour authority will replace its") != std::string::npos);
    }
}
