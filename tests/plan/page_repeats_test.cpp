// page_repeats_test.cpp — text a page repeats within itself (plan/copy_runs.cpp): what is the
// page's own (reference entries that share their fields, a section heading its contents list
// named first) and what is still a copy (a paragraph printed twice, a story card's headline
// repeated over its teaser). Issue 11: the page keeps its own words; a heading is not lost to a
// contents or related-list entry.
#include "once/plan/planner.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "plan/plan_run.hpp"

using plan_test::PlanRun;

TEST_CASE("page repeats: reference entries that share their fields keep them") {
    // Wikipedia's references on the readability pages: two entries of one publisher end alike,
    // and the next entries begin alike, so the end of one and the start of the next repeat an
    // earlier pair; short fields (publisher, date, "Retrieved ...") recur in many entries.
    const std::string en =
        "References\n"
        "^ Rutherford, James (April 2009). Busby, James. An Encyclopaedia of New Zealand. Retrieved 7 January 2011.\n"
        "^ McLintock, Alexander, ed. (April 2009) [originally published in 1966]. Sir George Gipps. An Encyclopaedia "
        "of New Zealand. Retrieved 7 January 2011.\n"
        "^ Wilson, John (March 2009). \"Government and nation\". Te Ara: The Encyclopedia of New Zealand. Retrieved 7 "
        "January 2011.\n"
        "^ McLintock, Alexander, ed. (April 2009) [originally published in 1966]. Settlement from 1840 to 1852. "
        "An Encyclopaedia of New Zealand. Retrieved 7 January 2011.\n"
        "^ \"Parliament Brief\". Cabinet Manual. Department of the Prime Minister and Cabinet. 2008. Retrieved 1 "
        "December 2016.\n"
        "^ \"The electoral cycle\". Cabinet Manual. Department of the Prime Minister and Cabinet. 2008. Retrieved 30 "
        "April 2017.\n";
    const std::string ja =
        "参考文献\n"
        "・山田太郎「港町の百年」。東京港湾史研究会。２００９年４月。２０１１年１月７日閲覧。\n"
        "・佐藤花子「埠頭と倉庫」。東京港湾史研究会。２００９年４月。２０１１年１月７日閲覧。\n";
    for (const std::string& text : {en, ja}) {
        CAPTURE(text);
        PlanRun run;
        const auto& doc = run.add(text);
        CHECK(doc.cleaned == text);
    }
}

TEST_CASE("page repeats: a sentence printed twice inside a paragraph still goes") {
    const std::string sentence =
        "In this section, we describe the high-level architecture of the task framework and give a brief "
        "description of its different components.";
    const std::string text = "Architecture\n" + sentence + " " + sentence + " It runs on every host.\n";
    PlanRun run;
    const auto& doc = run.add(text);
    CHECK(doc.cleaned == "Architecture\n" + sentence + " It runs on every host.\n");
}

TEST_CASE("page repeats: a section heading stays when an entry of a list above named it first") {
    // topicseed-1 in bench/inject_real.py: a contents list the judge does not read as one (no
    // heading word, no numbers) above the sections it names.
    const std::string en =
        "* Assess How Deep Is Your Content\n"
        "* Yes, Content Depth and Breadth Overlap\n"
        "\n"
        "Depth is not word count. An article can be long and still say little about its topic.\n"
        "\n"
        "Assess How Deep Is Your Content\n"
        "\n"
        "The first task on your list is to shortlist your core topics and read each post again.\n"
        "\n"
        "Yes, Content Depth and Breadth Overlap\n"
        "\n"
        "A topic and all the terms it holds will overlap with related topics, which form clusters.\n";
    // A Japanese list whose headings come back in another order (not read as a contents list).
    const std::string ja =
        "毎日の工夫\n"
        "\n"
        "・スマートフォンの電池を一日中長持ちさせる設定\n"
        "・古い写真をまとめてクラウドに移すための手順\n"
        "\n"
        "今回は毎日の使い方を少し変えるだけでできる工夫を紹介する。\n"
        "\n"
        "古い写真をまとめてクラウドに移すための手順\n"
        "\n"
        "アプリを開いて同期を有効にすれば、端末の写真は夜のうちに自動で送られる。\n"
        "\n"
        "スマートフォンの電池を一日中長持ちさせる設定\n"
        "\n"
        "画面の明るさを自動にし、使わない通信機能を切っておくと電池の減りが目に見えて遅くなる。\n";
    for (const std::string& text : {en, ja}) {
        CAPTURE(text);
        PlanRun run;
        const auto& doc = run.add(text);
        CHECK(doc.cleaned == text);
    }
}

TEST_CASE("page repeats: a section heading stays when lynx's nested \"o \" entry named it first") {
    // mercurial in bench/inject_real.py: a lynx dump's contents list, its nested entries marked
    // "o ", above sections whose headings end in a permalink mark ("¶"), so the heading is a near
    // copy of the entry. Before the "o " bullet was read, the headings went as near-duplicates.
    const std::string en =
        "* Sharing mutable history\n"
        "o Publishing and non-publishing repositories\n"
        "o Example 3: Alice commits and amends a draft fix\n"
        "\n"
        "The key to shared mutable history is to keep your changesets in draft phase as you pass them around.\n"
        "\n"
        "Publishing and non-publishing repositories\u00b6\n"
        "\n"
        "By default, hg push promotes changesets from draft to public, and public changesets are immutable.\n"
        "\n"
        "Example 3: Alice commits and amends a draft fix\u00b6\n"
        "\n"
        "We will follow Alice working on a bug fix, using bookmarks to track each branch head she makes.\n";
    PlanRun run;
    const auto& doc = run.add(en);
    CHECK(doc.cleaned == en);
}

TEST_CASE("page repeats: a story card's headline printed again under its link still goes") {
    // yahoo-2: a related list of cards, each a link ("* headline", its section and source) and
    // then the same headline over its teaser. The list's repeats are not the article's headings.
    const std::string text =
        "The cargo ship broke up over Siberia on Thursday, the space agency said in a statement.\n"
        "* Trump picks Treasury secretary, says he will leave his business\n"
        "Politics\n"
        "AFP\n"
        "\n"
        "Trump picks Treasury secretary, says he will leave his business\n"
        "President-elect Donald Trump named a former banker to lead the Treasury on Wednesday.\n";
    PlanRun run;
    const auto& doc = run.add(text);
    CHECK(doc.cleaned.find("\nTrump picks Treasury secretary, says he will leave his business\n") == std::string::npos);
    CHECK(doc.cleaned.find("* Trump picks Treasury secretary") != std::string::npos);
}

// The rows of a spec table (the judge's rule `spec-row`) that another product's table prints
// alike are this page's facts, not a copied passage: "CPU クロック数 1.5GHz / コア数 Dual /
// RAM 1GB" in the specs of two phones of one season (ldcc's S-MAX pages lost them as
// duplicates). The same product's table printed again, whole, is still a copy.
TEST_CASE("page repeats: a few spec rows two products share stay; a table printed again goes") {
    const auto table = [](const std::string& model, const std::string& size, const std::string& battery,
                          const std::string& weight, const std::string& display) {
        return "機種名 " + model + "\n"
               "発売時期 2012年" + std::to_string(model.size() % 5 + 6) + "月\n"
               "サイズ（約mm） " + size + "\n"
               "重量（約） " + weight + "g\n"
               "ディスプレイ サイズ（インチ） " + display + "\n"
               "CPU クロック数 1.5GHz\n"
               "コア数 Dual\n"
               "RAM 1GB\n"
               "ROM 16GB\n"
               "バッテリー容量 " + battery + "mAh\n"
               "OS Android 4.0\n";
    };
    const auto page = [](const std::string& lead, const std::string& specs) {
        return lead + "\n\n■ 主なスペック\n\n" + specs;
    };
    // The judge (off in these tests) marks the table's rows: the non-blank lines after the heading.
    const auto mark_rows = [](std::vector<once::LineVerdictDetail>& verdicts) {
        for (std::size_t l = 4; l < verdicts.size(); ++l) verdicts[l].rule = once::ShapeRule::spec_row;
    };
    PlanRun run;
    const std::string first = page("NTTドコモは16日、今夏に発売する予定の新モデルを発表し、防水に対応した新しいスマートフォンを公開した。",
                                   table("ARROWS X F-10D", "129×65×10.9", "1800", "140", "4.6"));
    CHECK(run.add(first, mark_rows).cleaned == first);
    const std::string other = page("富士通は同日、薄型ボディーに大容量バッテリーを載せた別のモデルも合わせて発表し、夏に発売するとした。",
                                   table("AQUOS ZETA SH-09D", "132×65×9.9", "2100", "146", "4.7"));
    CHECK(run.add(other, mark_rows).cleaned == other);
    const std::string again = page("発売を前に、実機に触れる体験イベントが都内の量販店で週末に開かれることが決まり、予約も始まった。",
                                   table("ARROWS X F-10D", "129×65×10.9", "1800", "140", "4.6"));
    const auto& repeated = run.add(again, mark_rows);
    CHECK(repeated.cleaned.find("ARROWS X F-10D") == std::string::npos);
    CHECK(repeated.cleaned.find("RAM 1GB") == std::string::npos);
}

// A paragraph that opens as an earlier one of its page does and then says something else
// (parts_ways_with_source, plan/copy_runs.cpp): the shared opening is the page's own, not a copy
// printed twice. bench/truth_mistakes.py on bench/inject_real.py's corpus: livedoor's
// movie-enter repeats its lead's opening two paragraphs down ("…没後50年を迎えた今年" + "3月には"
// / "度のカンヌ国際映画祭でも"), S-MAX links part one of a story under part two's title.
TEST_CASE("page repeats: a paragraph that opens as an earlier one and goes its own way stays") {
    const std::string ja =
        "1963年8月5日、36歳の若さでこの世を去ったマリリン・モンロー。没後50年を迎えた今年3月には、"
        "彼女の知られざるラブロマンスを描いた映画『マリリン　7日間の恋』が公開され、いよいよ8月3日にブルーレイ＆DVDとなって発売される。\n"
        "本作は、名優ローレンス・オリヴィエとの共演作の撮影現場を舞台に、一人の助監督の目から見た彼女を描いた物語だ。\n"
        "1963年8月5日、36歳の若さでこの世を去ったマリリン・モンロー。没後50年を迎えた今年度のカンヌ国際映画祭でも"
        "ポスターのビジュアルに選ばれ、未だ人々を魅了してやまない唯一無二の大スターだった。\n";
    const std::string en =
        "Glenn Hoddle was unveiled as the new England coach on Tuesday. The appointment ends weeks of "
        "speculation about who would take over the national team after the World Cup.\n"
        "Hoddle, 38, leaves Chelsea after three seasons in charge at Stamford Bridge.\n"
        "Glenn Hoddle was unveiled as the new England coach on Tuesday. The appointment ends weeks of talks "
        "between the Football Association and his club, which had asked for compensation.\n";
    for (const std::string& text : {ja, en}) {
        CAPTURE(text);
        PlanRun run;
        const auto& doc = run.add(text);
        CHECK(doc.cleaned == text);
    }
}

TEST_CASE("page repeats: a paragraph printed again up to an edited word still goes") {
    // The copy goes on with its source's sentences after the edit: a paragraph printed twice.
    const std::string lead =
        "The city council approved the new budget for the public library on Monday evening. ";
    const std::string ja_lead = "市議会は月曜日の夜、市立図書館の改修に向けた新しい予算案を賛成多数で可決した。";
    const std::string en =
        lead + "The plan adds two reading rooms and extends opening hours on weekends for students. "
               "Work is expected to start in the spring and to last about eighteen months.\n"
               "Residents welcomed the decision at a meeting held in the town hall.\n" +
        lead + "The plan adds two reading rooms and extends opening hours on holidays for students. "
               "Work is expected to start in the spring and to last about eighteen months.\n";
    const std::string ja =
        ja_lead + "計画では閲覧室を二つ増やし、週末の開館時間を学生向けに延長する。工事は春に始まり、およそ一年半続く見込みだ。\n"
                  "住民は市役所で開かれた説明会でこの決定を歓迎した。\n" +
        ja_lead + "計画では閲覧室を二つ増やし、祝日の開館時間を学生向けに延長する。工事は春に始まり、およそ一年半続く見込みだ。\n";
    for (const auto& [text_of_case, first] : {std::pair{en, lead}, std::pair{ja, ja_lead}}) {
        // A copy: clang does not let CAPTURE's lambda capture a structured binding.
        const std::string text = text_of_case;
        CAPTURE(text);
        PlanRun run;
        const auto& doc = run.add(text);
        // The second paragraph's opening sentence goes with the rest of the copy.
        CHECK(doc.cleaned.find(first) == doc.cleaned.rfind(first));
    }
}


// A manual prints one header row over each of its tables. A character weighs one unit and an
// English word two, so the English header (10 units) stayed as a line lighter than a passage
// while the Japanese one (19) went as a copy of the first table's (bench/docsite.py, Debian
// Reference's chapter 11; word_row_weight in plan/copy_runs.cpp). A row of short words now weighs
// as many words in both. A long line without spaces printed again, and a paragraph, still go.
TEST_CASE("page repeats: a table's header row printed over each table stays in Japanese as in English") {
    const auto page = [](const std::string& header, const std::string& caption,
                         const std::vector<std::string>& rows) {
        std::string text;
        for (std::size_t t = 0; t < 3; ++t) {
            text += caption + std::to_string(t + 1) + "\n\n" + header + "\n";
            text += rows[t] + " V:" + std::to_string(10 + t) + ", I:" + std::to_string(300 + t) + " 712\n";
            text += rows[t] + "-doc V:" + std::to_string(2 + t) + ", I:" + std::to_string(40 + t) + " 1024\n\n";
        }
        return text;
    };
    const std::vector<std::string> rows = {"enca", "nkf", "recode"};
    for (const std::string& header : {std::string("パッケージ ポプコン サイズ キーワード 説明"),
                                      std::string("package popcon size keyword description")}) {
        CAPTURE(header);
        PlanRun run;
        const std::string text = page(header, "表 11. ", rows);
        CHECK(run.add(text).cleaned == text);
    }
    // Not a row of short words: a title of long runs, printed over each table, still goes after its first copy.
    PlanRun run;
    const std::string title = "テキストデーター変換ツールのリスト一覧表 文字コード変換のための主要パッケージ一覧";
    const auto& doc = run.add(page(title, "表 11. ", rows));
    std::size_t copies = 0;
    for (std::size_t at = doc.cleaned.find(title); at != std::string::npos; at = doc.cleaned.find(title, at + 1)) ++copies;
    CHECK(copies == 1);
}
