// planner_copies_test.cpp — what counts as a copy (issue 11, the duplicate side): a near copy
// standing alone, cut-off restarts, and the properties every plan keeps. The harness and the
// span contract it checks are in plan_run.hpp.
#include "once/plan/planner.hpp"

#include "plan/plan_run.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using plan_test::check_copies;
using plan_test::PlanRun;

}  // namespace

// --- A near copy standing alone -------------------------------------------------------------

TEST_CASE("planner: one sentence from the same template with other facts is not a copy") {
    // The same frame, another subject: a different fact, in every script.
    struct Case {
        std::string name, first, later;
    };
    const std::vector<Case> cases = {
        {"English",
         "\"This is a big step for the community,\" said an analyst at a local bank, referring to the annual report.",
         "\"This is a big step for the community,\" said an analyst at a local bank, referring to the library "
         "renovation."},
        {"Japanese", "「高齢者向けの見守りサービスについては、正直なところ戸惑いもある」と参加した女性は語った。",
         "「高齢者向けの見守りサービスについては、正直なところ戸惑いもある」と実行委員長は強調した。"},
        {"Chinese", "有关负责人表示，对于社区养老食堂的建设，希望更多市民能够从中受益，相关工作正在有序推进之中。",
         "有关负责人表示，对于快递包装回收的建设，希望更多市民能够从中受益，相关工作正在有序推进之中。"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        run.add("Opening paragraph of the first page.\n\n" + c.first + "\n");
        const std::string later = "Opening of another page, on another topic.\n\n" + c.later + "\n";
        const auto& doc = run.add(later);
        CHECK(doc.cleaned == later);
        CHECK(doc.plan.spans.empty());
    }
}

TEST_CASE("planner: another page's data rows whose values partly coincide are that page's facts, not a copy") {
    // Two shops' info blocks on two pages (livedoor HOMME, bench/inject_real.py r1): this shop's
    // hours are the start of the other's ("11:00-21:00" of "11:00-21:00 (Mon-Sat) / 11:00-20:00
    // (Sun)", a near copy by containment) and its closing day is the same. The rows are this
    // shop's facts; a block of rows copied from another page would be the same rows.
    struct Case {
        std::string name, first, later, rows;
    };
    const std::vector<Case> cases = {
        {"Japanese",
         "ビームス ハウス 丸の内\n東京都千代田区丸の内2-4-1 丸ビル1F\nTel：03-5220-8686\n"
         "営業時間：11:00〜21:00（月〜土）/11:00〜20:00（日・祝）\n定休日：不定休\n",
         "エストネーション六本木ヒルズ店\n東京都港区六本木6-10-2\nTel:03-5159-7800（代表）\n",
         "営業時間:11:00-21:00\n定休日:不定休\n"},
        {"English",
         "The Corner Bakery\n12 Mill Street, Leeds\nTel: 0113 496 0000\n"
         "Opening hours: 08:00-18:00 (Mon-Fri) / 09:00-13:00 (Sat)\nClosed on: Sundays and public holidays\n",
         "The Green Grocer\n4 Station Road, York\nTel: 01904 496 111\n",
         "Opening hours: 08:00-18:00\nClosed on: Sundays and public holidays\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        run.add("A story about the first shop and what it sells.\n\n" + c.first);
        const std::string later = "A story about another shop, in another town.\n\n" + c.later + c.rows;
        CHECK(run.add(later).cleaned == later);
    }
}

TEST_CASE("planner: captions that restate a paragraph of their page in other words are not its copy") {
    // Screenshots' captions under the paragraph that walks through them (ITライフハック, r1 of
    // bench/inject_real.py): their words are nearly all in the paragraph (a near copy by
    // containment, each caption of one of its sentences), but in another order with others
    // dropped, neither a piece cut from a sentence nor the sentence with a few words edited.
    // (Only a containment match is asked this: a sentence that shares most of its source's
    // words both ways, by Jaccard, reworded, is a copy — press texts reused across ldcc's
    // movie-enter articles with clauses dropped and endings changed.)
    struct Case {
        std::string name, paragraph, captions;
    };
    const std::vector<Case> cases = {
        {"Japanese",
         "ファイルをタスクバーにドラッグし、［●●に表示する］と表示されたらドロップする（画面2）。"
         "すると、ジャンプリストの［いつも表示］にドロップしたファイルが登録される（画面3）。",
         "画面2　ファイルをタスクバーにドラッグ＆ドロップする。\n画面3　ジャンプリストの［いつも表示］にファイルが登録された。\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        const std::string text = "How to pin a file.\n\n" + c.paragraph + "\n" + c.captions;
        CHECK(run.add(text).cleaned == text);
    }
}

TEST_CASE("planner: an edited passage of two sentences or more is a copy without an exact one") {
    PlanRun run;
    run.add("The city council approved the new budget for the coming year on Monday evening after a long debate. "
            "Several members asked for more money for schools and for the repair of the old roads in the north.\n");
    const auto& doc =
        run.add("Intro of our own.\n"
                "The city council approved the new budget for the coming year on Monday night after a long debate. "
                "Several members asked for more money for schools and for the repair of old roads in the north.\n");
    CHECK(doc.cleaned == "Intro of our own.\n");
}

TEST_CASE("planner: a line cut off from an earlier sentence is a copy on its own") {
    // A restart that stopped mid-sentence: all of it is the start of its source.
    struct Case {
        std::string name, source, cut;
    };
    const std::vector<Case> cases = {
        {"English",
         "The labor union announced a detailed report on air quality in the region at a press conference on Friday.",
         "The labor union announced a detailed report on air quality in the region at a press"},
        {"Japanese", "東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を開催すると発表した。",
         "東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        run.add(c.source + "\n");
        const auto& doc = run.add("Something new here.\n\n" + c.cut + "\n");
        CHECK(doc.cleaned == "Something new here.\n");
    }
}

// --- Where a copy begins and ends inside a sentence (issue 11, item 6) ------------------------

TEST_CASE("planner: a sentence of the same frame beside a copy is kept whole, not cut at the shared words") {
    // After the copied sentences, the next one shares its start and its end with the source's
    // next sentence, with other words between: the same frame with another fact, not the end
    // of a paste. Nothing of it goes (before, its first shared words went with the copy).
    struct Case {
        std::string name, copied, source_next, own_next;
    };
    const std::vector<Case> cases = {
        {"Japanese",
         "ソフトバンクグループの代表である孫正義氏は、ツイッターを通じて活発な発言を続けている。その発言の多くは経営の話題だ。",
         "そんな同氏の幸せ発言がネットで話題となっている。", "そんな同氏の画期的な構想がネットで話題となっている。"},
        {"English",
         "The city council approved the new budget for the coming year on Monday evening. Several members asked "
         "for more money for schools and for the repair of old roads. ",
         "The mayor said the plan would be reviewed again in the spring by an independent panel of experts.",
         "The mayor said the decision on the old stadium and the new tram line would be reviewed again in the "
         "spring by an independent panel of experts."},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        run.add(c.copied + c.source_next + "\n");
        const auto& doc = run.add("Our own opening line.\n" + c.copied + c.own_next + "\n");
        CHECK(doc.cleaned == "Our own opening line.\n" + c.own_next + "\n");
    }
}

TEST_CASE("planner: a copy cut off at the end of its line goes to the line's end, however short the rest") {
    // The last words are the start of the source's next sentence, too few to count as a piece
    // on their own (under three words or six characters); the line ends there: a cut-off copy.
    struct Case {
        std::string name, source, copy;
    };
    const std::vector<Case> cases = {
        {"English",
         "The city council approved the new budget for the coming year on Monday evening. Several members asked "
         "for more money for schools and for the repair of old roads. The mayor said the plan would be reviewed.",
         "The city council approved the new budget for the coming year on Monday evening. Several members asked "
         "for more money for schools and for the repair of old roads. The mayor"},
        {"Japanese",
         "その結果、政府は年明け、人手不足への対策の効果を検証している。国土交通省は来月にも新たな指針をまとめる。",
         "その結果、政府は年明け、人手不足への対策の効果を検証している。国土交通"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        run.add(c.source + "\n");
        const auto& doc = run.add("Something new here.\n\n" + c.copy + "\n");
        CHECK(doc.cleaned == "Something new here.\n");
    }
}

TEST_CASE("planner: one copied sentence with a piece of its neighbour is not a pasted passage") {
    // Stock sentences recur: one whole sentence and the shared end of the one before it are
    // what two pages of one newsroom share by chance. Two whole sentences, or a piece at both
    // ends, are a passage.
    const std::string source = "The committee said the project had split opinion among experts. \"I think people are "
                               "tired of waiting,\" one teacher said. The vote is set for June.\n";
    PlanRun run;
    run.add(source);
    const std::string one = "A new bridge for the town has split opinion among experts. \"I think people are tired of "
                            "waiting,\" one teacher said. Work would start next year.\n";
    CHECK(run.add(one).cleaned == one);
    const auto& two = run.add("We asked around. The project had split opinion among experts. \"I think people are "
                              "tired of waiting,\" one teacher said. The vote is set for June. Then we left.\n");
    CHECK(two.cleaned == "We asked around. Then we left.\n");
}

// --- Headlines ---------------------------------------------------------------------------------

TEST_CASE("planner: a page opening with another page's headline keeps it; a copied opening paragraph goes") {
    PlanRun run;
    const std::string headline = "A cheaper subscription plan: what we know so far\n";
    const std::string ja_headline = "鉄道各社、契約社員の正社員化を強化\n";
    run.add(headline + "\nThe first page tells its own story about prices, which rose again in May this year.\n");
    run.add(ja_headline + "\n" + "東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を開催すると発表した。\n");
    const std::string second = headline + "\nAnother story under the same headline, about a different shop in town.\n";
    CHECK(run.add(second).cleaned == second);
    const std::string ja_second = ja_headline + "\n" + "今回の発表では価格についての説明はなく、詳細は後日明らかにされる予定だという。\n";
    CHECK(run.add(ja_second).cleaned == ja_second);
    // Not a headline: a paragraph of terminated sentences, or a page of one line.
    const std::string paragraph = "The first page tells its own story about prices, which rose again in May this year.\n";
    CHECK(run.add(paragraph + "\nAnd then something new follows here.\n").cleaned ==
          "And then something new follows here.\n");
    CHECK(run.add(headline).plan.fully_removed);
}

TEST_CASE("planner: a paste found beginning mid-sentence takes a shorter piece where it ends") {
    check_copies({
        // The paste ends four characters into the source's next sentence: under the six a piece
        // needs on its own, taken because the paste began mid-sentence too.
        {"piece in the page's sentence",
         "市政府近日宣布推出新的公共交通网络规划，预计明年开始分阶段实施。根据规划，全市将新增十二条公交线路并优化现有站点。"
         "芯片研发项目也在推进。\n",
         "记者了解到，预计明年开始分阶段实施。根据规划，全市将新增十二条公交线路并优化现有站点。芯片研发之外，市民也很关心。\n",
         "记者了解到，之外，市民也很关心。\n"},
        // "云计算服务。" is a sentence of the page and all of the end of its source's sentence: the
        // paste began inside that sentence, so the piece where it ends may be short (5 characters).
        {"the page's sentence is the piece",
         "海外市场的前景如何？汽车厂商密切关注云计算服务。社区工作人员大力推广四十八家门店的关闭计划。环保组织全面升级新版"
         "个人所得税。由于油价上涨，博物馆夜场逐步恢复。\n",
         "保险公司春节前表示将继续推进网络建设。云计算服务。社区工作人员大力推广四十八家门店的关闭计划。环保组织全"
         "相关负责人表示将继续推进中小企业贷款。\n",
         "保险公司春节前表示将继续推进网络建设。相关负责人表示将继续推进中小企业贷款。\n"},
    });
}

TEST_CASE("planner: short pieces at both ends of a copied sentence make a paste when together they weigh enough") {
    PlanRun run;
    run.add("汽车厂商密切关注云计算服务。社区工作人员大力推广四十八家门店的关闭计划。环保组织全面升级新版个人所得税。\n");
    // 4 + 5 characters shared at the two ends: a paste.
    const auto& pasted = run.add("记者说起计算服务。社区工作人员大力推广四十八家门店的关闭计划。环保组织全没有回应。\n");
    CHECK(pasted.cleaned == "记者说起没有回应。\n");
    // 3 + 3 characters ("ている" / "同社は"), the set phrases of Japanese news: chance, kept.
    PlanRun ja;
    ja.add("半導体不足を受けて、農産物の輸出が上昇している。「地道な努力が実を結んだ」と研究チームの代表は話す。同社は年内に"
           "新しい計画を発表する。\n");
    const std::string own = "燃料価格の上昇で関心が高まっている。「地道な努力が実を結んだ」と研究チームの代表は話す。同社は来年度から"
                            "反対する声明を出した。\n";
    CHECK(ja.add(own).cleaned == own);
}

TEST_CASE("planner: a paste around a common sentence is found at the occurrence its pieces continue") {
    // The common sentence first occurs on a page of its own; the paste comes from a later page
    // that has it too, between the sentences whose pieces the paste carries.
    PlanRun run;
    run.add("市民王先生说了很多。该项目负责人介绍，我们还有很多工作要做。其他细节仍在讨论之中。\n");
    run.add("尽管如此，该公司去年投入二十三亿元用于水费阶梯价格。该项目负责人介绍，我们还有很多工作要做。消费者未来三年决定"
            "暂停短视频平台监管。\n");
    const auto& doc = run.add("因此，当地居民认为市政府投入二十三亿元用于水费阶梯价格。该项目负责人介绍，我们还有很多工作要做。消费者未"
                              "来三年决专家指出，目前还难以判断长期影响。\n");
    CHECK(doc.cleaned == "因此，当地居民认为市政府专家指出，目前还难以判断长期影响。\n");
    // One piece beside a common sentence is not enough: among its occurrences one is often next
    // to a set phrase that the page's own sentence ends with too.
    PlanRun en;
    en.add("\"We are proud of what the team has done,\" said an analyst at a local bank. Prices rose again in May.\n");
    en.add("The national weather service spent months weighing the plan to the surprise of many observers. \"We are "
           "proud of what the team has done,\" said an analyst at a local bank. Then the meeting ended.\n");
    const std::string own = "The coaching staff raised concerns about a pilot program for buses to the surprise of many "
                            "observers. \"We are proud of what the team has done,\" said an analyst at a local bank. In "
                            "the meantime, the transport authority extended the new visitor center.\n";
    CHECK(en.add(own).cleaned == own);
}

TEST_CASE("planner: a common sentence removed inside a paste is recorded with the occurrence its span names") {
    // The occurrence search moves the common sentence's source from its first occurrence (page 0,
    // the matcher's exact match) to page 1's, whose neighbours the paste continues; the matcher
    // must record that one as its kept copy, as the span says, so later copies of it point there
    // too (it recorded page 0's, the matcher's own choice, before).
    const once::Config config = plan_test::planner_config();
    const once::Signer signer(config);
    const once::JudgeContext judge(config);
    const once::Recurrence recurrence;
    once::Matcher matcher(config);
    once::ClusterNumbering clusters;
    std::vector<once::DocAnalysis> analyses;
    // Plans page `doc` and records what was decided, as DecideStage does (run/stages.cpp).
    const auto plan_and_record = [&](std::uint32_t doc, const std::string& text) {
        analyses.push_back(signer.analyze(text));
        const once::DocAnalysis& analysis = analyses.back();
        const auto verdicts = once::judge_lines(analysis, "group", recurrence, judge);
        const auto matches = matcher.match_document(doc, analysis, once::matchable_sentences(analysis, verdicts));
        once::PlanResult plan = once::decide_spans(analysis, matches, verdicts, doc, matcher, clusters, config);
        for (const std::size_t sentence : plan.removed_sentences) matcher.mark_removed(matcher.document_base() + sentence);
        for (const auto& removed : plan.removed_as)
            matcher.mark_removed_as(matcher.document_base() + removed.first, removed.second);
        matcher.index_sentence_ends(analysis);
        for (const std::uint64_t root : plan.new_clusters) clusters.id_for(root);
        return plan;
    };
    plan_and_record(0, "市民王先生说了很多。该项目负责人介绍，我们还有很多工作要做。其他细节仍在讨论之中。\n");
    plan_and_record(1, "尽管如此，该公司去年投入二十三亿元用于水费阶梯价格。该项目负责人介绍，我们还有很多工作要做。消费者未来三年决定"
                       "暂停短视频平台监管。\n");
    const std::uint64_t base = 6;  // pages 0 and 1 hold three sentences each
    const once::PlanResult plan =
        plan_and_record(2, "因此，当地居民认为市政府投入二十三亿元用于水费阶梯价格。该项目负责人介绍，我们还有很多工作要做。"
                           "消费者未来三年决专家指出，目前还难以判断长期影响。\n");
    REQUIRE(plan.spans.size() == 1);
    REQUIRE(plan.spans[0].source.has_value());
    CHECK(plan.spans[0].source->doc == 1);
    // Sentence 1 of page 2, the common one, is kept at page 1's occurrence (sentence 1 of page 1).
    CHECK(matcher.location(base + 1).doc == 2);
    CHECK(matcher.kept_copy(base + 1) == 4);
    CHECK(matcher.location(4).doc == 1);
}

TEST_CASE("planner: the page's own words after a paste's last piece stay, though a third of the sentence") {
    // The run's last sentence is a near match of its source's (the piece is most of it), but its
    // end is the page's words, none of the source's: a paste ends there, not an edit (readability
    // pages of bench/inject_real.py: "...walking with a staff, featured [For each edge in the
    // netlist:]" went whole, over 2% outside the copy). An edited last word still goes whole.
    const std::string tarot = "Picture a deck of tarot cards. What do you see? Maybe the Magician in his rich red robes, "
                              "right arm raised high above him. Or the skeleton on horseback for Death. Or maybe you "
                              "think of The Hermit in grey, holding his lantern, walking with a staff, featured in the "
                              "artwork for Led Zeppelin IV.\n";
    const std::string own = "The design is then routed. This is quite simple due to the crossbar structure of the device. ";
    const std::string ja_source = "会場には多くの家族連れが訪れた。子どもたちは職人の指導を受けながら、木のおもちゃ作りに夢中になっていた。"
                                  "主催者によると、来年は期間を延ばして、より多くの子どもたちが参加できるように工夫して開催する予定だ"
                                  "という。\n";
    check_copies({
        {"English, the page's words after the paste",
         tarot,
         own + "his rich red robes, right arm raised high above him. Or the skeleton on horseback for Death. Or maybe "
               "you think of The Hermit in grey, holding his lantern, walking with a staff, featured For each edge in the "
               "netlist:\n",
         own + "For each edge in the netlist:\n"},
        {"English, an edited last word",
         tarot,
         own + "his rich red robes, right arm raised high above him. Or the skeleton on horseback for Death. Or maybe "
               "you think of The Hermit in grey, holding his lantern, walking with a staff, featured in the artwork for "
               "Led Zeppelin III.\n",
         // The removal ends the line: the space before it goes too.
         own.substr(0, own.size() - 1) + "\n"},
        {"Japanese, the page's words after the paste",
         ja_source,
         "今日は地域の話題を伝えたい。子どもたちは職人の指導を受けながら、木のおもちゃ作りに夢中になっていた。主催者によると、"
         "来年は期間を延ばして、より多くの子どもたちが参加できるように工夫して市内で開きたい。\n",
         "今日は地域の話題を伝えたい。市内で開きたい。\n"},
    });
}

TEST_CASE("planner: a paste holding no whole sentence (the end of one and the start of the next) is removed") {
    // The first piece is a sentence of the page, all of its source's end (a near match by
    // containment); the second runs on into the page's next sentence. Token by token the two are
    // one stretch of the source across its sentence boundary (bench/inject_real.py: a quarter of
    // real pastes, nearly none found before).
    check_copies({
        {"English",
         "The regional council met on Tuesday evening to discuss the new water treatment plant that is planned near "
         "the river. Residents have complained for many years about the smell and the noise from the old facility "
         "on the hill. A decision is expected in the spring.\n",
         "Our own story begins here, far from that town. We asked people in the market what they thought of the "
         "plans. Tuesday evening to discuss the new water treatment plant that is planned near the river. Residents "
         "have complained for many years about the smell but the mayor did not want to comment on it.\n",
         "Our own story begins here, far from that town. We asked people in the market what they thought of the "
         "plans. but the mayor did not want to comment on it.\n"},
        {"Japanese",
         "東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を開催すると発表した。計画では都心と臨海部を"
         "結ぶ約六キロの区間に五つの駅を新設し、二〇三〇年代半ばの開業を目指すという。\n",
         "今日は別の話題から始めたい。商店街の人たちに話を聞いてみた。建設計画について、来月から各地区で住民説明会を開催す"
         "ると発表した。計画では都心と臨海部を結ぶ約六キロの区間に五つの駅を新設し店主の多くは期待していると話した。\n",
         "今日は別の話題から始めたい。商店街の人たちに話を聞いてみた。店主の多くは期待していると話した。\n"},
    });
}

TEST_CASE("planner: a paste holding no whole sentence is removed when the bands matched its first piece") {
    // The first piece is a large share of its source sentence, so the bands match it (a near
    // match by containment) and the planner's own search for such pieces (Matcher::sentence_ending)
    // is not asked. All of its tokens are its source's end, token by token: the paste begins
    // mid-sentence, so the piece where it ends may be short (3 characters, 2 words), and a next
    // sentence matched as an edited copy is cut back to what it shares (bench/inject_real.py:
    // 5 of the 28 pastes missed on seed 3; the run was judged as an edited copy standing alone).
    check_copies({
        {"a short second piece",
         "今年の春、市内の図書館では新しい貸出システムの導入に合わせて開館時間を夜九時まで延長することになった。利用者からは歓迎の"
         "声が上がっている。\n",
         "先週末は天気が悪かった。市内の図書館では新しい貸出システムの導入に合わせて開館時間を夜九時まで延長することになった。利用"
         "者家族連れで賑わった。\n",
         "先週末は天気が悪かった。家族連れで賑わった。\n"},
        {"the next sentence an edited copy",
         "今年の春、市内の図書館では新しい貸出システムの導入に合わせて開館時間を夜九時まで延長することになった。利用者からは歓迎の"
         "声が上がっており、市は今後、土曜と日曜の開館時間についても平日と同じように見直していく方針だという。\n",
         "先週末は天気が悪かった。市内の図書館では新しい貸出システムの導入に合わせて開館時間を夜九時まで延長することになった。利用"
         "者からは歓迎の声が上がっており、市は今後、土曜と日曜の開館時間についても平日と同じように延ばすかどうかを検討中だ。\n",
         "先週末は天気が悪かった。延ばすかどうかを検討中だ。\n"},
        {"English",
         "These deals do not just appear overnight, the founder said according to a transcript of the hearing that "
         "was reviewed by reporters. They take time to grow.\n",
         "He went on with his story. deals do not just appear overnight, the founder said according to a transcript "
         "of the hearing that was reviewed by reporters. They take the bus home every evening.\n",
         "He went on with his story. the bus home every evening.\n"},
    });
}

TEST_CASE("planner: across pages, a paste inside a line weighs three quarters of --min-inline-length") {
    // 15 to 19 words (weight 30-38, a word weighing 2) or 30 to 39 CJK characters: under the 40
    // that a run inside a line needs within one page (its own set phrases), enough across pages
    // (bench/inject_real.py seeds 1-3: 6 of the 8 English pastes not found at all, the end of
    // one sentence and the start of the next; no page's own text lost on those corpora).
    check_copies({
        {"English, 19 words",
         "Izuku sat down in the back of the car. Izuku allowed himself to collapse into the leather of the seat. He "
         "shakily reached for the warm tea that had been prepared for him.\n",
         "Instead of hiring a band, use your phone to play the music. allowed himself to collapse into the leather "
         "of the seat. He shakily reached for the warm tea that had Both easily hook up to most speakers.\n",
         "Instead of hiring a band, use your phone to play the music. Both easily hook up to most speakers.\n"},
        {"Japanese, 32 characters",
         "会議は午後から始まった。今年の春、市内の図書館では新しい貸出システムを導入した。利用者からは歓迎の声が上がっている。\n",
         "先週末は天気が悪かった。市内の図書館では新しい貸出システムを導入した。利用者からは歓迎の声家族連れで賑わった。\n",
         "先週末は天気が悪かった。家族連れで賑わった。\n"},
    });
    // Without a piece at both ends the run needs the whole --min-inline-length: a stock sentence
    // of 15 words, or one with the shared start of its neighbour, recurs across pages by chance
    // (bench/gen_corpus seed 7 lost 57,000 bytes of article text when these went too).
    const std::string source = "The meeting ran late. The committee will publish its final report on the new school "
                               "buildings early next spring. Parents will be asked for their views.\n";
    for (const std::string& page :
         {std::string("We talked to parents at the gate. The committee will publish its final report on the new school "
                      "buildings early next spring. Most of them were pleased.\n"),
          std::string("We talked to parents at the gate. The committee will publish its final report on the new school "
                      "buildings early next spring. Parents will be happy to hear it.\n")}) {
        CAPTURE(page);
        PlanRun run;
        run.add(source);
        CHECK(run.add(page).cleaned == page);
    }
    // Nor where the pieces join across a "!" inside a name: no sentence ends there (ldcc: a stock
    // phrase naming a service, "「GyaO!」で配信される...", in another article's own sentence).
    PlanRun run;
    run.add("人気グループは、同作の企画として、無料映像配信サイト「GyaO!」で配信される生中継特番のメインナビゲーターに就任。"
            "番組内では新たな可能性に挑戦する。\n");
    const std::string page = "さらに、人気グループが映画とコラボレーション。無料映像配信サイト「GyaO!」で配信される生中継特番の"
                             "メインナビゲーターに就任しました。\n";
    CHECK(run.add(page).cleaned == page);
}

TEST_CASE("planner: a restart glued into one line goes whole, its headline run into the first sentence included") {
    // The headline has no sentence end, so on the glued line it and the first sentence are one
    // sentence of the copy, two of the source: the piece before the exact run goes on from the
    // first sentence into the headline (bench/inject_real.py: ldcc restarts glued with their URL,
    // date and title lines were a quarter caught).
    struct Case {
        std::string name, article, glued;
    };
    const std::vector<Case> cases = {
        {"Japanese",
         "市バス路線の再編案まとまる\n市交通局は十日、市バスの路線再編案を発表した。利用者の少ない三路線を廃止し、新たに駅と"
         "病院を結ぶ循環線を設ける。\n再編は来年四月から段階的に実施される予定で、市は今月中に住民説明会を開く。\n",
         "市バス路線の再編案まとまる市交通局は十日、市バスの路線再編案を発表した。利用者の少ない三路線を廃止し、新たに駅と"
         "病院を結ぶ循環線を設ける。再編は来年四月から段階的に実施される予定で、市は今月中に住民説明会を開く。\n"},
        {"English",
         "Council backs new bus routes\nThe city council approved a plan on Monday to redraw the bus network. Three "
         "routes with few riders will close and a new loop will link the station and the hospital.\nThe changes "
         "start in April and residents can comment at meetings this month.\n",
         "Council backs new bus routes The city council approved a plan on Monday to redraw the bus network. Three "
         "routes with few riders will close and a new loop will link the station and the hospital. The changes start "
         "in April and residents can comment at meetings this month.\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        CHECK(run.add(c.article + "—END—\n" + c.glued).cleaned == c.article);
    }
}

TEST_CASE("planner: a glued restart goes whole where its lines run together, are short, or are long") {
    // bench/inject_real.py's restart_glued, by the causes its misses had on real text: the last
    // word of a line and the first of the next as one token ("IS12SXperia", "routesThe"); short
    // lines (captions) glued to the sentence after them, each too light to be a piece alone; a
    // headline glued to a lead longer than the 2 x 64 tokens held of a sentence; and a headline
    // that ends in "！", so the copy's sentences and the source's no longer end together.
    struct Case {
        std::string name;
        std::vector<std::string> lines;
        std::string join;        // between the lines of the glued copy
        std::string first_join;  // between its headline and lead
    };
    const std::string long_lead =
        "市交通局は十日、利用者の少ない三つの路線を来年の春までに廃止し、新たに駅と市民病院と大学を結ぶ循環線を設ける"
        "路線再編案を発表し、今月中に各地区で住民説明会を開いたうえで、市議会の承認を得て来年四月から段階的に実施する"
        "予定だと明らかにしたが、住民からは戸惑いの声も上がっている。";
    const std::vector<Case> cases = {
        {"Latin words run together (Japanese)",
         {"KDDI、スマートフォンの新色ブルーを発売",
          "KDDIは十八日、スマートフォンの新色ブルーを今月二十二日に発売すると発表した。", "■Xperia acro HD IS12S",
          "Xperia acro HD IS12Sは防水やワンセグに対応した春モデルとして人気のある機種です。これまでは三色の展開でしたが、"
          "新しくブルーが追加されて四色の展開になります。",
          "価格は据え置きで、全国の店舗とオンラインショップで購入できる。"},
         "", ""},
        {"Latin words run together (English)",
         {"Council backs new bus routes",
          "The city council approved a plan on Monday to redraw the bus network of the whole town.",
          "Three routes with few riders will close and a new loop will link the station and the hospital.",
          "The changes start in April and residents can comment at meetings this month."},
         " ", ""},
        {"short lines glued to a sentence",
         {"ソーラー充電できるバッグが登場",
          "外出先でも充電できたらどんなに便利だろう。そんな夢をかなえるバッグが今月発売された。", "右側面", "左側面",
          "重さは約一キロで、雨の日でも安心して使える防水仕様となっている。", "右側面", "左側面",
          "本体の側面には充電用の端子があり、スマートフォンや小型ゲーム機をつなぐことができる。"},
         "", ""},
        {"a lead longer than what is held",
         {"市営バスの新しい路線案まとまる", long_lead,
          "説明会の日程は市のホームページで公開されており、参加には事前の申し込みが必要となる。"},
         "", ""},
        // A spec table glued into one sentence of 150 tokens and more, longer than the 2 x 64
        // held: its end reads back into the source's last rows (bench/inject_real.py seed 1,
        // smax: 1,293 bytes of a phone's spec table stayed).
        {"a table longer than what is held",
         {"新しいスマートフォンの発売日が決定", "販売店では今月十日から事前予約を受け付けており、十五日から販売を開始する。",
          "発表時には本体価格をかなり抑えた機種として説明されていた。また、価格を抑えながらもワンセグなどに対応している。",
          "寸法", "高さ約一一九ミリ、幅約六十ミリ、厚さ約十一ミリ", "質量 約百十五グラム", "連続待受時間 約四百四十時間",
          "連続通話時間 約二百六十分", "メインディスプレイ 約三・七インチの液晶", "バッテリー容量 千五百二十ミリアンペア時",
          "外部メモリー 最大三十二ギガバイトまで対応", "外側カメラ 有効画素数約五百万画素", "内側カメラ 非対応",
          "無線通信 対応、同時接続は最大八台まで", "防水と防塵 防水のみ対応", "本体の色 白と黒の二色",
          "価格は未定で、詳しい仕様は発売日に発表される見込みだ。"},
         "", ""},
        // Lines of links, each continuing the one before (a line that starts with a lower-case
        // letter is a soft wrap: one sentence of the source), glued: the last word of one link
        // and the first of the next are one token of the copy ("...448https"; topic-news).
        {"links run together inside one source sentence",
         {"太陽光で充電できるバッグが登場", "このバッグは前面に太陽電池を備え、側面には充電用の端子がある。",
          "今月から全国の販売店で発売された。価格は昨年と同じで、予約の受け付けは既に始まっている。", "・関連リンク",
          "https://example.com/news/bags/2011/solar-bag-review-126089605031272448",
          "https://example.com/news/bags/2011/solar-bag-prices-126926405173907456",
          "https://example.com/news/bags/2011/solar-bag-makers-126925157515280384",
          "読者からの質問は編集部あてに郵送で受け付けている。"},
         "", ""},
        // A short line whose first word the copy holds glued to the last word of the line
        // before ("WhitePresious Black"), read back from the sentence after it.
        {"a short line run into the line before",
         {"新色の発売が決まる", "色 Precious White", "Presious Black",
          "新しい色は今月二十日から全国の販売店とオンラインショップで購入できる。",
          "価格は従来の色と同じで、予約の受け付けは既に始まっている。"},
         "", ""},
        {"a headline that ends in an exclamation mark",
         {"パリの夜を彩る日本の技術", "東芝のLEDがルーヴル美術館に登場！　十二月からライトアップ",
          "東芝のLED照明が十二月六日からフランスのルーヴル美術館のライトアップに使われる。",
          "美術館の照明改修計画の一部で、現在のランプから切り替えることで七割以上の節電につながるという。"},
         "", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        std::string article, glued;
        for (std::size_t l = 0; l < c.lines.size(); ++l) {
            article += c.lines[l] + "\n";
            glued += (l == 0 ? "" : l == 1 ? c.first_join : c.join) + c.lines[l];
        }
        PlanRun run;
        CHECK(run.add(article + "—END—\n" + glued + "\n").cleaned == article);
    }
}

TEST_CASE("planner: a glued restart goes whole when its page has gained a passage since, after the lead") {
    // The restart is the article as first written; the page above it has a passage inserted
    // after its lead sentence. The glued line's first sentence (headline and lead run together)
    // then ends as a source sentence that is no longer right before the first one matched, and
    // stayed (bench/inject_real.py: a third of restart_glued's missed bytes, "http://...URL日付
    // 見出し...困っている人は多いはず。" left before the removed rest).
    struct Case {
        std::string name, headline, lead, inserted, rest, join;
    };
    const std::vector<Case> cases = {
        {"Japanese", "ソーラー充電できるメンズバッグが登場",
         "スマートフォンや小型ゲーム機など、バッテリーの消耗の激しさに困っている人は多いはず。",
         "編集部でも試しに一週間使ってみたところ、意外な発見がいくつもあった。詳しい使い心地は次回の記事で紹介する予定だ。",
         "外出先でもソーラー充電できたらどんなに便利だろう。そんな現代人の夢をかなえるバッグが存在した。本体の側面には充電用の"
         "端子があり、雨の日でも安心して使える防水仕様となっている。",
         ""},
        {"English", "A bag that charges your phone",
         "Anyone with a smartphone or a games console knows how quickly the battery runs down on a long day out.",
         "Our editors tried one for a week and found a few surprises along the way. We will report on how it feels "
         "to use in the next issue.",
         "Imagine being able to charge it from the sun wherever you are. A new bag now makes that dream come true. "
         "It has a charging port on its side and keeps everything dry even in heavy rain.",
         " "},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const std::string article = c.headline + "\n" + c.lead + c.join + c.inserted + c.join + c.rest + "\n";
        const std::string glued = c.headline + c.join + c.lead + c.join + c.rest + "\n";
        PlanRun run;
        CHECK(run.add(article + "—END—\n" + glued).cleaned == article);
    }
}

TEST_CASE("planner: a glued restart goes whole when its page gained a passage after a lead run into a Latin word") {
    // As above, and the lead's line starts with the word the heading before it ends with: glued,
    // the two are one token of the copy ("IS12SXperia"), so the copy's sentence holds all of its
    // source's lead but that first word. The lead was kept whole before the paste the page gained
    // (bench/inject_real.py seed 1, smax: "■Xperia acro HD IS12SXperia acro HD IS12Sは...機種です。").
    struct Case {
        std::string name, heading, lead, inserted, rest;
    };
    const std::vector<Case> cases = {
        {"Japanese", "■Xperia acro HD IS12S",
         "Xperia acro HD IS12Sは防水やワンセグに対応した春モデルとして人気のある機種です。",
         "市内の全ての小中学生に短文投稿サイトの利用を義務付ける方針を明らかにした。早ければ六月にも条例案を市議会に提出する。",
         "これまでは三色の展開でしたが、新しくブルーが追加されて四色の展開になります。価格は据え置きで、全国の店舗と"
         "オンラインショップで購入できる。"},
        {"Chinese", "■Rust 1.0 Edition 2021",
         "Edition 2021 版本带来了更好的闭包捕获规则，并且让很多常见的代码写法变得更加简洁清楚。",
         "编译器在声明变量时可以推断类型，但在编写函数签名时这种模糊性是不允许的。作为参数的闭包必须注解完整的类型。",
         "迁移工具可以自动完成大部分修改，剩下的少数情况需要手动调整。升级之前请先阅读官方的迁移指南。"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const std::string article = c.heading + "\n" + c.lead + c.inserted + c.rest + "\n";
        PlanRun run;
        CHECK(run.add(article + "—END—\n" + c.heading + c.lead + c.rest + "\n").cleaned == article);
    }
}

TEST_CASE("planner: a restart's sentences are one run across a passage its page gained mid-sentence") {
    // The page has a passage inserted that ends inside one of its sentences; the restart, the
    // article as first written, lacks it. Its sentence after the gap is all of the end of its
    // source's sentence, four sentences on, and stayed as a near copy standing alone
    // (bench/inject_real.py: the restart's last sentence left, "但请注意，反过来并不成立：...").
    struct Case {
        std::string name, before, inserted, after, join;
    };
    const std::vector<Case> cases = {
        {"Chinese",
         "From 和 Into 被设计为互补的。我们不需要为两个特质都提供实现。如果你为你的类型实现了 From 特质，Into 会在必要时调用它。",
         "在声明变量时编译器可以推断类型。但在编写函数时，这种模糊性是不允许的。当将闭包作为输入参数时，必须使用特定的 trait "
         "来注解闭包的完整类型。这些 trait 由闭包对捕获值的处理方式决定。按限制程度从高到低",
         "但请注意，反过来并不成立：为你的类型实现 Into 不会自动为它提供 From 的实现。", ""},
        {"English",
         "The two traits are designed to complement each other. We do not need to implement both of them. If you "
         "implement the first one for your type, the second one calls it when needed.",
         "The compiler infers the type when a variable is declared. In a function signature this is not allowed. A "
         "closure taken as an argument needs a trait that names its whole type. Which trait depends on how it captures "
         "values, from the most to the least restrictive and",
         "Note that the converse is not true, and implementing the second trait does not give you the first one.",
         " "},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const std::string article = c.before + c.join + c.inserted + c.after + "\n";
        PlanRun run;
        CHECK(run.add(article + "—END—\n" + c.before + c.join + c.after + "\n").cleaned == article);
    }
}

TEST_CASE("planner: a piece that is all of its sentence takes the sentence's punctuation too") {
    // A roundup quotes another article's paragraphs glued into its own line: the glued sentence
    // after the copied one is all tokens of the source's heading and next sentence, and goes
    // with its closing "。" (ldcc, smax roundups: "...と思います[[。]]" was left behind).
    PlanRun run;
    run.add("今回は、ガラス玉の中にお気に入りの写真を閉じ込めることができる写真加工アプリを紹介します。\n"
            "アプリの操作方法について\n操作はとてもシンプルなので、どなたでも簡単に使えます。\n");
    const std::string own = "今日のおすすめのアプリは三つある！";
    CHECK(run.add(own + "今回は、ガラス玉の中にお気に入りの写真を閉じ込めることができる写真加工アプリを紹介します。"
                        "アプリの操作方法について操作はとてもシンプルなので、どなたでも簡単に使えます。\n")
              .cleaned == own + "\n");
}

TEST_CASE("planner: a page's own sentence that only begins like a short line of the source stays") {
    // A whole short source line ("概要", "Overview") shared at the start of the sentence after a
    // copied passage is chance unless the copy goes on with the source's next sentence.
    check_copies({
        {"Japanese",
         "新しい図書館は駅前の再開発地区に建てられ、来年の秋に開館する予定だ。蔵書は約三十万冊で、市内で最も大きな図書館と"
         "なる。\n概要\n本館は地上五階建てで、最上階には市民が自由に使える学習室が設けられる。\n",
         "先日、市の担当者に話を聞いた。新しい図書館は駅前の再開発地区に建てられ、来年の秋に開館する予定だ。蔵書は約三十万冊"
         "で、市内で最も大きな図書館となる。概要が初めて示されたのは三年前の市議会で、当時は反対の声も多かった。\n",
         "先日、市の担当者に話を聞いた。概要が初めて示されたのは三年前の市議会で、当時は反対の声も多かった。\n"},
        {"English",
         "The new library will be built in the station district and is due to open next autumn. It will hold about "
         "three hundred thousand books, the largest collection in the city.\nOverview\nThe main building has five "
         "floors, with study rooms open to everyone on the top floor.\n",
         "I spoke to an official last week. The new library will be built in the station district and is due to "
         "open next autumn. It will hold about three hundred thousand books, the largest collection in the city. "
         "Overview sessions for residents were first held three years ago, when many people were against it.\n",
         "I spoke to an official last week. Overview sessions for residents were first held three years ago, when "
         "many people were against it.\n"},
    });
}

TEST_CASE("planner: a name repeated on its own line is not a paste, though split into short sentences") {
    // "つくろう！おくろう！" is two short sentences, the second all of the end of its source's
    // sentence, and the rest of the line the start of the next one's, like a paste; but no
    // whole sentence lies between them (ldcc, kaden-channel: a product name as a link line).
    PlanRun run;
    const std::string page = "大切な人にメッセージを送ってみたいと思う人は多いのではないだろうか。そんな人にAflacの「つくろう！"
                             "おくろう！ダックのスノードームメッセージ」がおすすめだ。\n\nつくろう！おくろう！ダックのスノードーム"
                             "メッセージ\n";
    CHECK(run.add(page).cleaned == page);
}

TEST_CASE("planner: a paste whose middle was itself copied points at one kept range, in one document") {
    // The middle two sentences first appear on page 0; page 1 copies them between sentences of
    // its own (removed there, so their kept copy is page 0's). Page 2 pastes page 1's passage,
    // pieces of page 1's own sentences included. The pieces come from page 1, beside the copy the
    // middle was matched with; the middle's kept copy is page 0's. Its source range must not
    // take its end from page 1 (ldcc: a source [954, 173) that `apply` refused over shards).
    PlanRun run;
    const std::string first = "Intro line unique to the first page and nothing else.\n\nThe committee will publish its "
                              "final findings on the reservoir next month. Officials declined to give an exact date for "
                              "the release.\n";
    run.add(first);
    run.add("Farmers in the valley have waited for a decision on water rights since the drought began three summers "
            "ago. The committee will publish its final findings on the reservoir next month. Officials declined to "
            "give an exact date for the release. Several councillors have asked for an independent review of the "
            "costs involved.\n");
    const auto& doc = run.add(
        "Our own opening sentence is about something else entirely, a bakery. We asked around. the valley have "
        "waited for a decision on water rights since the drought began three summers ago. The committee will "
        "publish its final findings on the reservoir next month. Officials declined to give an exact date for the "
        "release. Several councillors have asked for an independent and then our own words go on here.\n");
    CHECK(doc.cleaned ==
          "Our own opening sentence is about something else entirely, a bakery. We asked around. and then our own "
          "words go on here.\n");
    REQUIRE(doc.plan.spans.size() == 2);
    const once::Span& middle = doc.plan.spans[1];
    REQUIRE(middle.source);
    CHECK(middle.source->doc == 0);
    CHECK(first.substr(middle.source->start, middle.source->end - middle.source->start) ==
          "The committee will publish its final findings on the reservoir next month. Officials declined to give an "
          "exact date for the release.");
}

TEST_CASE("planner: a paste whose first piece is a small share of its source sentence is found by that sentence's end") {
    // The bands rarely offer a long sentence as a candidate for a piece of a fifth of it (Jaccard
    // ~0.2); the piece and the sentence share their last tokens exactly (Matcher::sentence_ending),
    // and the next sentence goes on with the source's next one. When the first piece is too light
    // for a key, the next sentence's start finds the source's next sentence (sentence_starting).
    check_copies({
        {"English, found by the end",
         "When the regional council finally met on a cold Tuesday evening in the old town hall, after months of "
         "letters, petitions, public meetings and angry phone calls from residents of every district, it agreed to "
         "discuss the new water treatment plant planned near the river. Residents have complained for many years "
         "about the smell and the noise from the old facility on the hill above the school. A decision is expected "
         "in the spring.\n",
         "Our own story begins here, far from that town. We asked people in the market what they thought. discuss "
         "the new water treatment plant planned near the river. Residents have complained for many years about the "
         "smell and the noise but the mayor did not want to comment on it.\n",
         "Our own story begins here, far from that town. We asked people in the market what they thought. but the "
         "mayor did not want to comment on it.\n"},
        {"Japanese, found by the next sentence's start",
         "東京都の担当者は、新しい鉄道路線の建設計画について地元の理解を得るため、来月から各地区で住民説明会を順次開催すると"
         "発表した。計画では都心と臨海部を結ぶ約六キロの区間に五つの駅を新設し、二〇三〇年代半ばの開業を目指すという。\n",
         "今日は別の話題から始めたい。商店街の人たちに話を聞いてみた。表した。計画では都心と臨海部を結ぶ約六キロの区間に五つ"
         "の駅を新設し、二〇三〇年代半ばの開業を目店主の多くは期待していると話した。\n",
         "今日は別の話題から始めたい。商店街の人たちに話を聞いてみた。店主の多くは期待していると話した。\n"},
    });
}

TEST_CASE("planner: a paste that begins inside a word is found by the rest of its first piece") {
    // The paste's first piece starts with the tail of a word ("T" of "VISIT", "sit" of "Visit"):
    // all of its source sentence's end but that token, one token of slack as at a cut
    // (bench/inject_real.py: pastes cut inside a Latin word were missed, 1 to 6 a seed). The
    // word's tail itself stays: only a hash of the source's word is held, so that it ends so is
    // not known (as the comma after the last piece's last word, which the span does not reach).
    check_copies({
        {"Japanese",
         "今回のソウル市観光PR映像は、「2010年　韓国訪問の年—ソウルとともに」および「VISIT SEOUL 2010」認知拡大を目的として海外の若"
         "い旅行者向けに作られたもの。「Infinitely yours SEOUL　楽しさ無限大ソウル　〜あなたもドラマの主人公になれます〜」をテーマに、ソウルの"
         "魅力を紹介している。\n",
         "本製品は小型で軽量なスポーティボディなので持ち運びに便利。T SEOUL 2010」認知拡大を目的として海外の若い旅行者向けに作られた"
         "もの。「Infinitely "
         "yours SEOUL　楽しさ無限大ソウルという名前の新しい色も選べる。\n",
         "本製品は小型で軽量なスポーティボディなので持ち運びに便利。Tという名前の新しい色も選べる。\n"},
        {"English",
         "The tourism office said the new campaign was designed to raise awareness of the Visit Seoul programme among "
         "young travellers from abroad and their families at home. Its first video, released in May after months of "
         "work, follows three students through the old "
         "markets of the city.\n",
         "Our review of the new camera follows below. sit Seoul programme among young travellers from abroad and "
         "their families at home. Its first video, released in May after months of work, was praised by critics.\n",
         "Our review of the new camera follows below. sit, was praised by critics.\n"},
    });
}

TEST_CASE("planner: a sentence that only ends as an earlier one ends is not a paste") {
    // The same ending is common ("... the company said in a statement."); without the start of
    // the source's next sentence right after it, it is the page's own sentence.
    check_copies({
        {"same end, own next sentence",
         "The factory will close at the end of the year after losing its biggest customer, the company said in a "
         "statement on its website. Workers were told on Friday.\n",
         "Sales rose by a third in the first half, the company said in a statement on its website. Workers were "
         "hired in three new shops.\n",
         "Sales rose by a third in the first half, the company said in a statement on its website. Workers were "
         "hired in three new shops.\n"},
        {"list entry and prose",
         "・宇宙人ジョーンズと白戸家のコラボCMが始まった！サントリーコーヒー「BOSS」発売二十周年とソフトバンクモバイルの記念キャンペーン\n"
         "本文はここから始まる。\n",
         "新しいCMの話題です。白戸家のコラボCMが始まった！サントリーコーヒー「BOSS」発売二十周年とソフトバンクモバイル各社の"
         "反応はまだない。\n",
         "新しいCMの話題です。白戸家のコラボCMが始まった！サントリーコーヒー「BOSS」発売二十周年とソフトバンクモバイル各社の"
         "反応はまだない。\n"},
    });
}

TEST_CASE("planner: a passage pasted twice ends where the kept source goes on, not where the first paste stopped") {
    // The second paste's sentences are matched with the first paste (its first piece equals it
    // exactly, and the next sentence continues it), whose own words end the last piece early;
    // the kept source, beside which that paste was cut out, goes on as the page does
    // (bench/inject_real.py: one paste on each of seeds 2 and 3, "...と選ぶこ[実はこれに...]").
    struct Case {
        std::string name, source, first_paste, second_paste, cleaned;
    };
    const std::vector<Case> cases = {
        {"Japanese",
         "今日は新しい駅の話をしよう。市は来年の春に北口の広場を大きく作り直して、バスとタクシーの乗り場をひとつにまとめる計画を発表した。"
         "工事は夜間に進められ、昼間の通行には影響が出ないという。完成後は広場の中央に噴水と木陰のベンチが置かれる予定だ。\n",
         "先週の会議では別の議題が中心だった。バスとタクシーの乗り場をひとつにまとめる計画を発表した。工事は夜間に進められ、昼間の通行には"
         "影響が出ないという。完成後は広場の話し合いは夕方まで続いた。\n",
         "図書館の改装も話題になった。バスとタクシーの乗り場をひとつにまとめる計画を発表した。工事は夜間に進められ、昼間の通行には影響が"
         "出ないという。完成後は広場の中央に噴水と参加者からは拍手が起きた。\n",
         "図書館の改装も話題になった。参加者からは拍手が起きた。\n"},
        {"English",
         "Here is the station story. The city will rebuild the north square next spring and bring the bus and taxi "
         "stands together in one place. The work will be done at night so that daytime traffic is not affected. When "
         "it is finished a fountain and shaded benches will stand in the middle of the square.\n",
         "Last week the meeting had another topic. bring the bus and taxi stands together in one place. The work will "
         "be done at night so that daytime traffic is not affected. When it is finished the talks went on until the "
         "evening.\n",
         "The library works came up too. bring the bus and taxi stands together in one place. The work will be done "
         "at night so that daytime traffic is not affected. When it is finished a fountain and shaded benches the "
         "audience applauded.\n",
         "The library works came up too. the audience applauded.\n"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        run.add(c.source);
        run.add(c.first_paste);
        CHECK(run.add(c.second_paste).cleaned == c.cleaned);
    }
}

// --- A sentence whose edge is edited, beside a copied run on the same page -------------------

TEST_CASE("planner: within one page, a sentence beside a copied run that differs at its far edge is no paste's end") {
    // A page printing a paragraph again (per-operator FAQs, an article starting over) with the
    // first words of the sentence before the copied run changed. The run used to reach into that
    // sentence as if a paste began there, leaving its first word or two behind ("Luggage is",
    // then the next line glued to it). Without a fact of its own, the edited sentence goes whole
    // with the run; with one (a time, a date) it stays whole.
    struct Case {
        std::string name, own, source_edge, copy_edge, run;
    };
    const std::vector<Case> cases = {
        {"English", "Replacement buses run between the two stations all weekend long.",
         "Luggage to be stowed beneath in the case of a coach.", "Luggage is to be stowed beneath in case of a coach.",
         "All luggage is carried at the discretion of the driver on every route. Food and drink are allowed within "
         "reason on board, but not alcohol of any kind."},
        {"Japanese", "週末は二つの駅の間で代替バスが終日運行されます。", "手荷物は床下に収納してください。", "カバン類は床下に収納してください。",
         "すべての荷物は運転手の判断により車内に持ち込むことができます。車内での飲食は節度を守れば問題ありませんが、飲酒は禁止です。"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const std::string space = c.name == "English" ? " " : "";
        PlanRun run;
        const std::string first = "The first operator's rules are these." + space + c.source_edge + space + c.run + "\n\n";
        const std::string text = first + c.own + space + c.copy_edge + space + c.run + "\n";
        const auto& doc = run.add(text);
        CHECK(doc.cleaned == first + c.own + "\n");
    }
    // The edited sentence after the run, in Chinese (the generator's restarts: "因此，政府下周签署了
    // [高铁新线路]。" for "...[机器人产业]。"), goes whole too, not cut to "高铁新线路。".
    {
        const std::string zh_run = "专家指出，目前还难以判断这项政策的长期影响。该项目负责人介绍，对于垃圾分类制度，我们还有很多工作要做。";
        PlanRun zh;
        const std::string zh_first = "第一段的开头。" + zh_run + "因此，政府下周签署了机器人产业。\n\n";
        const auto& zh_doc = zh.add(zh_first + "文章重新开始。" + zh_run + "因此，政府下周签署了高铁新线路。\n");
        CHECK(zh_doc.cleaned == zh_first + "文章重新开始。\n");
    }
    // A time of its own: the sentence stays whole, not cut to "... at 11" before ":52".
    const std::string run_text = "I agree with every word of this article and with all of the sources it names in "
                                 "its notes. Thanks for writing it up so clearly and for answering every question.";
    PlanRun run;
    const std::string first = "Comments are listed below. " + run_text + " Walter wrote on 29 June 2016 at 11:39\n\n";
    const std::string second = "More comments follow. " + run_text + " Walter wrote on 29 June 2016 at 11:52\n";
    const auto& doc = run.add(first + second);
    CHECK(doc.cleaned == first + "More comments follow. Walter wrote on 29 June 2016 at 11:52\n");
}
