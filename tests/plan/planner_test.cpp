// planner_test.cpp — from matches and line verdicts to removed spans: which runs are removed,
// widening to whole lines, folding of the blank lines a removal leaves, and the span contract
// (sorted, non-overlapping, on UTF-8 boundaries, cleaned text = original minus spans).
#include "once/plan/planner.hpp"

#include "plan/plan_run.hpp"

#include "once/judge/boilerplate.hpp"
#include "once/plan/cleaner.hpp"
#include "once/core/config.hpp"
#include "once/match/matcher.hpp"
#include "once/judge/shape.hpp"
#include "once/run/stages.hpp"
#include "once/sign/signer.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

namespace {

using plan_test::PlanRun;
using plan_test::planner_config;

const std::string k_para_a = "The city council approved the new budget for the coming year on Monday evening.";
const std::string k_para_b = "Several members asked for more money for schools and for the repair of old roads.";
const std::string k_ja_a = "東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を開催すると発表した。";

}  // namespace

TEST_CASE("planner: a document without copies keeps everything") {
    for (const std::string text : {"", " ", "\n\n", "\u3000\r\n", "One sentence.", "日本語の文章です。\n中文句子。\n"}) {
        CAPTURE(text);
        PlanRun run;
        const auto& doc = run.add(text);
        CHECK(doc.plan.spans.empty());
        CHECK(doc.cleaned == text);
        CHECK_FALSE(doc.plan.fully_removed);
    }
}

TEST_CASE("planner: a title line repeated within a document is removed with its line break") {
    struct Case {
        std::string name;
        std::string text;
        std::string cleaned;
    };
    const std::vector<Case> cases = {
        // Titles of weight 12 (config.min_line_length): 6 words, or 12 CJK characters.
        {"English",
         "My Trip to Kyoto in Spring\n" + k_para_a + "\nMy Trip to Kyoto in Spring\n" + k_para_b + "\n",
         "My Trip to Kyoto in Spring\n" + k_para_a + "\n" + k_para_b + "\n"},
        {"Japanese",
         "春の京都をめぐる三日間の旅行記\n本文の最初の段落です。\n春の京都をめぐる三日間の旅行記\n本文の次の段落です。\n",
         "春の京都をめぐる三日間の旅行記\n本文の最初の段落です。\n本文の次の段落です。\n"},
        {"Chinese", "春天京都三日游的旅行记录与感想\n第一段正文。\n春天京都三日游的旅行记录与感想\n第二段正文。\n",
         "春天京都三日游的旅行记录与感想\n第一段正文。\n第二段正文。\n"},
        {"CRLF", "My Trip to Kyoto in Spring\r\nFirst part.\r\nMy Trip to Kyoto in Spring\r\nSecond part.\r\n",
         "My Trip to Kyoto in Spring\r\nFirst part.\r\nSecond part.\r\n"},
        {"full-width repeat of a half-width title",
         "The AI Report 2024 for Japan\nBody text one.\nＴｈｅ ＡＩ Ｒｅｐｏｒｔ ２０２４ ｆｏｒ Ｊａｐａｎ\nBody text two.",
         "The AI Report 2024 for Japan\nBody text one.\nBody text two."},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        const auto& doc = run.add(c.text);
        CHECK(doc.cleaned == c.cleaned);
        REQUIRE(doc.plan.spans.size() == 1);
        CHECK(doc.plan.spans[0].kind == once::Kind::duplicate);
        CHECK(doc.plan.spans[0].match == "exact");
        REQUIRE(doc.plan.spans[0].source.has_value());
        CHECK(doc.plan.spans[0].source->doc == 0);
        CHECK(doc.plan.spans[0].source->start == 0);
        CHECK(doc.plan.spans[0].start_pos.line == 3);
        CHECK(doc.plan.spans[0].start_pos.column == 1);
    }
}

TEST_CASE("planner: a title the page's head prints in its bar and over its text stays") {
    // A manual's chapter page (bench/docsite.py): the navigation header prints the chapter's title
    // over its Prev/Next row, then the chapter prints it again over its text. The second copy is
    // the page's headline; the first stays as the line it is.
    struct Case {
        std::string name, title, bar, body;
    };
    const std::vector<Case> cases = {
        {"Chinese", "第 6 章 构建软件包与上传到官方档案库", "上一页 下一页", "第一段正文。"},
        {"Japanese", "第6章 パッケージのビルドとアーカイブへのアップロード", "戻る 次へ", "本文の最初の段落です。"},
        {"English", "Appendix B - Automating the installation with preseeding", "Prev Next", k_para_a},
    };
    const auto bar_is_chrome = [](std::vector<once::LineVerdictDetail>& verdicts) {
        verdicts[1].role = once::LineRole::boilerplate;
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        const std::string head = c.title + "\n" + c.bar + "\n\n" + c.title + "\n\n";
        const auto& page = run.add(head + c.body + "\n", bar_is_chrome);
        CHECK(page.cleaned == c.title + "\n\n" + c.title + "\n\n" + c.body + "\n");
        // Only the bar goes: the second title is no duplicate.
        REQUIRE(page.plan.spans.size() == 1);
        CHECK(page.plan.spans[0].kind == once::Kind::boilerplate);
    }
    // Text between the two copies (a restart that begins again with the headline), text above
    // the first (it is no line of the page's head), or no chrome between them (the title printed
    // twice in a row): the second copy goes, as before.
    const auto counts = [](const std::string& text, const std::string& part) {
        std::size_t n = 0;
        for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
        return n;
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun restart;
        CHECK(counts(restart.add(c.title + "\n" + c.bar + "\n\n" + c.body + "\n\n" + c.title + "\n\n" +
                                     k_para_b + "\n",
                                 bar_is_chrome)
                         .cleaned,
                     c.title) == 1);
        // (The English title under a paragraph and over a bar is kept by earlier rules, as on main.)
        PlanRun below_text;
        if (c.name != "English")
            CHECK(counts(below_text
                         .add(k_para_b + "\n" + c.title + "\n" + c.bar + "\n\n" + c.title + "\n\n" + c.body + "\n",
                              [](std::vector<once::LineVerdictDetail>& verdicts) {
                                  verdicts[2].role = once::LineRole::boilerplate;
                              })
                         .cleaned,
                     c.title) == 1);
        PlanRun twice;
        CHECK(counts(twice.add(c.title + "\n\n" + c.title + "\n\n" + c.body + "\n").cleaned, c.title) == 1);
    }
}

TEST_CASE("planner: a repeated line below config.min_line_length is kept") {
    PlanRun run;
    const std::string text = "Kyoto Trip\n" + k_para_a + "\nKyoto Trip\n" + k_para_b + "\n";  // weight 4
    const auto& doc = run.add(text);
    CHECK(doc.plan.spans.empty());
    CHECK(doc.cleaned == text);
}

TEST_CASE("planner: a short line repeated within its page is the page's content, not a copy") {
    // Weights 12 to 15: above config.min_line_length (12 here), below config.min_length (16).
    struct Case {
        std::string name;
        std::string text;
    };
    const std::vector<Case> cases = {
        {"a command in a tutorial (weight 14)",
         "Working with two repositories\nFirst commit the fix in Alice's repository:\n"
         "$ hg commit -A -m 'fix bug 15'\nThen pull it into Bob's repository and commit it there too:\n"
         "$ hg commit -A -m 'fix bug 15'\nBoth now hold the same change.\n"},
        {"a step of a Japanese recipe (weight 12)",
         "鶏肉と大根の煮物の作り方\n鶏肉を一口大に切り、大根は厚めの半月切りにして下ゆでしておく。\n弱火で五分ほど煮込みます\n"
         "大根を加えて、だしと醤油とみりんを入れる。\n弱火で五分ほど煮込みます\n火を止めて味をなじませたら完成です。\n"},
        {"a Chinese step (weight 13)",
         "两个仓库之间的同步方法\n先在第一个仓库里提交修改。\n然后把修改推送到远程服务器\n再在第二个仓库里拉取并合并。\n"
         "然后把修改推送到远程服务器\n两边的内容就一致了。\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        const auto& doc = run.add(c.text);
        CHECK(doc.plan.spans.empty());
        CHECK(doc.cleaned == c.text);
    }
}

TEST_CASE("planner: a short line printed twice in a row goes") {
    // A stutter of the scrape, not the page's repetition (weights 12 to 15, as above).
    PlanRun run;
    const std::string en = "A walk-through of two repositories\n$ hg commit -A -m 'fix bug 15'\n\n"
                           "$ hg commit -A -m 'fix bug 15'\nBoth now hold the same change.\n";
    CHECK(run.add(en).cleaned ==
          "A walk-through of two repositories\n$ hg commit -A -m 'fix bug 15'\n\nBoth now hold the same change.\n");
    PlanRun ja_run;
    const std::string ja = "鶏肉と大根の煮物の作り方\n弱火で五分ほど煮込みます。\n弱火で五分ほど煮込みます。\n火を止めて完成です。\n";
    CHECK(ja_run.add(ja).cleaned == "鶏肉と大根の煮物の作り方\n弱火で五分ほど煮込みます。\n火を止めて完成です。\n");
}

TEST_CASE("planner: a passage repeated within its page goes, though its lines are short") {
    // Two lines continuing one place of the page (weight 14 together): a passage, not a line.
    const std::string en = "Setting up the repositories\nEdit the configuration of Alice's repository:\n"
                           "$ hg config --edit\nand add evolve\nThen edit Bob's repository configuration the same way:\n"
                           "$ hg config --edit\nand add evolve\nNow both use the extension.\n";
    PlanRun run;
    const auto& doc = run.add(en);
    CHECK(doc.cleaned == "Setting up the repositories\nEdit the configuration of Alice's repository:\n"
                         "$ hg config --edit\nand add evolve\nThen edit Bob's repository configuration the same way:\n"
                         "Now both use the extension.\n");
    // One line of a passage's weight (min_length) repeated in its page goes too.
    const std::string ja = "春の旅行記\n" + k_ja_a + "\n本文の次の段落です。\n" + k_ja_a + "\n";
    PlanRun ja_run;
    CHECK(ja_run.add(ja).cleaned == "春の旅行記\n" + k_ja_a + "\n本文の次の段落です。\n");
}

TEST_CASE("planner: a short repeated sentence inside an otherwise new paragraph is kept") {
    PlanRun run;
    run.add("The future will not wait. " + k_para_a + "\n");
    const std::string text = "We planned for years. The future will not wait. So we moved to the coast.\n";
    const auto& doc = run.add(text);
    CHECK(doc.plan.spans.empty());
    CHECK(doc.cleaned == text);

    PlanRun ja;
    ja.add("未来は待ってくれない。" + k_ja_a + "\n");
    const std::string ja_text = "何年も計画してきた。未来は待ってくれない。だから私たちは海辺に引っ越した。\n";
    const auto& ja_doc = ja.add(ja_text);
    CHECK(ja_doc.plan.spans.empty());
    CHECK(ja_doc.cleaned == ja_text);
}

TEST_CASE("planner: a copied paragraph is removed without leaving a double blank line") {
    PlanRun run;
    run.add(k_para_a + "\n\n" + k_para_b + "\n");
    const auto& doc = run.add("A new introduction written for this page only.\n\n" + k_para_a +
                              "\n\nA new closing paragraph, also unique.\n");
    CHECK(doc.cleaned == "A new introduction written for this page only.\n\nA new closing paragraph, also unique.\n");
    CHECK(doc.cleaned.find("\n\n\n") == std::string::npos);
    REQUIRE(doc.plan.spans.size() == 1);
    CHECK(doc.plan.spans[0].source->doc == 0);
    CHECK(doc.plan.spans[0].source->start == 0);
    CHECK(doc.plan.spans[0].source->end == k_para_a.size());
    CHECK_FALSE(doc.plan.fully_removed);
}

TEST_CASE("planner: removing the first block leaves no leading blank lines") {
    struct Case {
        std::string name;
        std::string earlier;
        std::string text;
        std::string cleaned;
    };
    const std::vector<Case> cases = {
        {"English", k_para_a + "\n", k_para_a + "\n\n\nFresh ending text here.\n", "Fresh ending text here.\n"},
        {"Japanese with ideographic-space blank line", k_ja_a + "\n", k_ja_a + "\n\u3000\n新しい結びの段落です。\n",
         "新しい結びの段落です。\n"},
        {"CRLF", k_para_a + "\r\n", k_para_a + "\r\n\r\nFresh ending text here.\r\n", "Fresh ending text here.\r\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        run.add(c.earlier);
        const auto& doc = run.add(c.text);
        CHECK(doc.cleaned == c.cleaned);
        REQUIRE_FALSE(doc.plan.spans.empty());
        CHECK(doc.plan.spans.front().start == 0);
    }
}

TEST_CASE("planner: removing the last block takes the blank lines before it") {
    PlanRun run;
    run.add(k_para_b + "\n");
    const auto& doc = run.add("Fresh opening text here.\n\n\n" + k_para_b + "\n");
    CHECK(doc.cleaned == "Fresh opening text here.\n");
}

TEST_CASE("planner: a fully copied document is fully removed") {
    PlanRun run;
    const std::string text = k_para_a + "\n\n" + k_para_b + "\n";
    run.add(text);
    const auto& copy = run.add(text);
    CHECK(copy.cleaned.empty());
    CHECK(copy.plan.fully_removed);
    // Copies of a removed copy point at the kept (first) one.
    const auto& third = run.add(text);
    CHECK(third.plan.fully_removed);
    for (const auto& span : third.plan.spans) {
        REQUIRE(span.source.has_value());
        CHECK(span.source->doc == 0);
    }
}

TEST_CASE("planner: a copied run inside a line with other text is cut with one side's space") {
    // Three copied sentences (config.window) inside a line with new text around them.
    const std::string s1 = "Prices rose again.";
    const std::string s2 = "Wages did not.";
    const std::string s3 = "People are angry.";
    PlanRun run;
    run.add(s1 + " " + s2 + " " + s3 + "\n");
    const std::string text = "Here is the news. " + s1 + " " + s2 + " " + s3 + " That is all for today.\n";
    const auto& doc = run.add(text);
    CHECK(doc.cleaned == "Here is the news. That is all for today.\n");
    REQUIRE(doc.plan.spans.size() == 1);
    CHECK(doc.plan.spans[0].cluster >= 1);
}

TEST_CASE("planner: a copy that begins inside a line and runs on below keeps that line's break") {
    // The kept words before the copy end their line; what is kept after the copy starts its own
    // line, with the blank line that separated them, instead of the two being printed as one
    // ("...space allows. Luggage is" + "Heathrow Express" on a real page).
    struct Case {
        std::string name, s1, s2, s3, own_head, own_tail, cleaned;
    };
    const std::vector<Case> cases = {
        {"English", "Prices rose again in every shop of the town.", "Wages did not move at all this year.",
         "People are angry about it.", "Here is the news from our desk.", "That is all for today.",
         "Here is the news from our desk.\n\nThat is all for today.\n"},
        {"Japanese", "物価がまた上がった。", "賃金は上がらなかった。", "人々は怒っている。", "今日のニュースです。",
         "以上、お伝えしました。", "今日のニュースです。\n\n以上、お伝えしました。\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const std::string space = c.name == "English" ? " " : "";
        PlanRun run;
        run.add(c.s1 + space + c.s2 + "\n\n" + c.s3 + "\n");
        const std::string text = c.own_head + space + c.s1 + space + c.s2 + "\n\n" + c.s3 + "\n\n" + c.own_tail + "\n";
        const auto& doc = run.add(text);
        CHECK(doc.cleaned == c.cleaned);
        // The map's spans still cover exactly the copy's visible bytes, around the kept break.
        REQUIRE(doc.plan.spans.size() == 2);
        CHECK(text.substr(doc.plan.spans[0].start, doc.plan.spans[0].end - doc.plan.spans[0].start) ==
              space + c.s1 + space + c.s2);
        CHECK(doc.plan.spans[1].start == text.find(c.s3));
    }
}

TEST_CASE("planner: a copied run inside a Japanese line is cut on character boundaries") {
    const std::string s1 = "物価がまた上がった。";
    const std::string s2 = "賃金は上がらなかった。";
    const std::string s3 = "人々は怒っている。";
    PlanRun run;
    run.add(s1 + s2 + s3 + "\n");
    const auto& doc = run.add("今日のニュースです。" + s1 + s2 + s3 + "以上、お伝えしました。\n");
    CHECK(doc.cleaned == "今日のニュースです。以上、お伝えしました。\n");
    REQUIRE(doc.plan.spans.size() == 1);
    CHECK(doc.plan.spans[0].start == std::string("今日のニュースです。").size());
    CHECK(doc.plan.spans[0].start_pos.column == 11);  // code points, not bytes
}

TEST_CASE("planner: near-duplicate spans name the match, similarity and source") {
    PlanRun run;
    run.add(k_para_a + " " + k_para_b + "\n");
    const std::string edited_b = "Several members asked for more money for schools and for the repair of the old roads.";
    const auto& doc = run.add("New opening line for this page.\n" + k_para_a + " " + edited_b + "\n");
    CHECK(doc.cleaned == "New opening line for this page.\n");
    // One span per kind: the exact sentence, then the edited one.
    REQUIRE(doc.plan.spans.size() == 2);
    CHECK(doc.plan.spans[0].kind == once::Kind::duplicate);
    CHECK(doc.plan.spans[0].match == "exact");
    CHECK(doc.plan.spans[0].similarity == 1.0);
    CHECK(doc.plan.spans[1].kind == once::Kind::near_duplicate);
    CHECK(doc.plan.spans[1].match == "jaccard");
    CHECK(doc.plan.spans[1].similarity >= 0.6);
    CHECK(doc.plan.spans[1].similarity < 1.0);
    REQUIRE(doc.plan.spans[1].source.has_value());
    CHECK(doc.plan.spans[1].source->doc == 0);
    CHECK(doc.plan.spans[1].source->start == k_para_a.size() + 1);
    CHECK(doc.plan.spans[1].source->end == k_para_a.size() + 1 + k_para_b.size());
    // Both copies come from one cluster each.
    CHECK(doc.plan.spans[0].cluster != doc.plan.spans[1].cluster);
}

TEST_CASE("planner: marker lines are removed, the first included") {
    PlanRun run;
    const std::string text = "記事の本文です。\n—END—\n次の記事の本文です。\n（完）\n";
    const auto& doc = run.add(text);
    CHECK(doc.cleaned == "記事の本文です。\n次の記事の本文です。\n");
    REQUIRE(doc.plan.spans.size() == 2);
    for (const auto& span : doc.plan.spans) {
        CHECK(span.kind == once::Kind::marker);
        CHECK(span.match == "pattern");
        CHECK_FALSE(span.source.has_value());
    }
}

TEST_CASE("planner: kinds that are not enabled are not removed") {
    once::Config config = planner_config();
    config.kinds = {once::Kind::marker};
    PlanRun run(config);
    run.add(k_para_a + "\n");
    const std::string text = k_para_a + "\n—END—\n";
    const auto& doc = run.add(text);
    CHECK(doc.cleaned == k_para_a + "\n");
    REQUIRE(doc.plan.spans.size() == 1);
    CHECK(doc.plan.spans[0].kind == once::Kind::marker);
}

TEST_CASE("planner: cluster ids count from 1 in planning order") {
    PlanRun run;
    run.add(k_para_a + "\n\n" + k_para_b + "\n");
    const auto& doc = run.add(k_para_b + "\n\nSomething new in between the two copies.\n\n" + k_para_a + "\n");
    REQUIRE(doc.plan.spans.size() == 2);
    CHECK(doc.plan.spans[0].cluster == 1);
    CHECK(doc.plan.spans[1].cluster == 2);
    CHECK(doc.cleaned == "Something new in between the two copies.\n");
}

TEST_CASE("property: removing paragraphs never leaves double blank lines or leading blank lines") {
    // Random documents of copied and new paragraphs (English, Japanese, Chinese), one or two
    // blank lines between them, LF or CRLF; the originals never hold two consecutive blank lines.
    const std::vector<std::string> pool = {
        k_para_a,
        k_para_b,
        k_ja_a,
        "市政府宣布将在下个月举办关于新铁路线建设计划的居民说明会。",
        "説明会では、工事の期間や騒音対策、駅の位置について詳しく説明される予定だ。",
    };
    std::uint32_t state = 12345;
    const auto next = [&](std::uint32_t bound) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % bound;
    };
    int with_spans = 0;
    for (int trial = 0; trial < 400; ++trial) {
        CAPTURE(trial);
        const std::string nl = next(3) == 0 ? "\r\n" : "\n";
        std::string earlier;
        for (const auto& paragraph : pool)
            if (next(2) != 0) earlier += paragraph + nl + nl;
        std::string text;
        const std::uint32_t paragraphs = 1 + next(5);
        for (std::uint32_t p = 0; p < paragraphs; ++p) {
            if (p > 0) text += nl;                     // one blank line between paragraphs
            text += next(2) != 0 ? pool[next(static_cast<std::uint32_t>(pool.size()))]
                                 : "A new paragraph, number " + std::to_string(p) + ", written only for this page.";
            if (next(4) == 0) text += nl + "Its own second line " + std::to_string(p) + ", never copied anywhere.";
            text += nl;
        }
        if (next(3) == 0) text = nl + text;            // a leading blank line
        PlanRun run;
        run.add(earlier);
        const auto& doc = run.add(text);
        CAPTURE(text);
        CAPTURE(doc.cleaned);
        if (!doc.plan.spans.empty()) ++with_spans;
        const std::string blank_blank = nl + nl + nl;  // text, then two blank lines
        CHECK(doc.cleaned.find(blank_blank) == std::string::npos);
        if (text.rfind(nl, 0) != 0) CHECK(doc.cleaned.rfind(nl, 0) != 0);  // no leading blank line
        // A kept last line keeps its line break.
        if (!doc.cleaned.empty()) CHECK(doc.cleaned.compare(doc.cleaned.size() - nl.size(), nl.size(), nl) == 0);
        // Nothing new was removed.
        for (std::uint32_t p = 0; p < paragraphs; ++p) {
            const std::string unique = "A new paragraph, number " + std::to_string(p) + ",";
            if (text.find(unique) != std::string::npos) CHECK(doc.cleaned.find(unique) != std::string::npos);
        }
    }
    CHECK(with_spans > 150);  // the property was exercised on documents with removals
}

// When a passage repeats inside one document ("S. S. S."), every removed copy points at the
// first, kept, occurrence — never at a copy removed in the same run — and the span's source does
// not overlap the span itself (a 100 MB file of one repeated sentence once gave span
// [101, 104857594) with source [0, 104857492)).
TEST_CASE("planner: the source of a removed span is kept text") {
    PlanRun run;
    const std::string s = "The committee met on Tuesday to review the annual budget for next year.";
    const auto& doc = run.add(s + " " + s + " " + s + "\n");
    CHECK(doc.cleaned == s + "\n");
    REQUIRE(doc.plan.spans.size() == 1);
    const auto& span = doc.plan.spans[0];
    REQUIRE(span.source.has_value());
    // The kept copy lies outside every removed span.
    CHECK(span.source->end <= span.start);
    CHECK(span.source->end == s.size());
}

TEST_CASE("planner: decide_spans is pure; it reports removals and new clusters for the caller to record") {
    const once::Config config = planner_config();
    const once::Signer signer(config);
    const once::JudgeContext judge(config);
    const once::Recurrence recurrence;
    once::Matcher matcher(config);
    once::ClusterNumbering clusters;
    const std::string first = k_para_a + "\n" + k_para_b + "\n";
    const std::string second = "Intro line that is new here.\n" + k_para_a + "\n" + k_para_b + "\n";
    const auto plan_one = [&](std::uint32_t doc, const std::string& text) {
        const once::DocAnalysis analysis = signer.analyze(text);
        const auto verdicts = once::judge_lines(analysis, "group", recurrence, judge);
        const auto matches = matcher.match_document(doc, analysis, once::matchable_sentences(analysis, verdicts));
        const once::PlanResult plan = once::decide_spans(analysis, matches, verdicts, doc, matcher, clusters, config);
        // Planning again gives the same answer: nothing was changed by the first call.
        const once::PlanResult again = once::decide_spans(analysis, matches, verdicts, doc, matcher, clusters, config);
        CHECK(plan.removed_sentences == again.removed_sentences);
        CHECK(plan.new_clusters == again.new_clusters);
        REQUIRE(plan.spans.size() == again.spans.size());
        for (std::size_t i = 0; i < plan.spans.size(); ++i) CHECK(plan.spans[i].cluster == again.spans[i].cluster);
        return plan;
    };
    const once::PlanResult kept = plan_one(0, first);
    CHECK(kept.removed_sentences.empty());
    CHECK(kept.new_clusters.empty());
    const once::PlanResult copy = plan_one(1, second);
    REQUIRE_FALSE(copy.removed_sentences.empty());
    REQUIRE(copy.new_clusters.size() >= 1);
    CHECK(clusters.size() == 0);  // numbered only when the caller records them
    for (const once::Span& span : copy.spans)
        if (span.kind == once::Kind::duplicate) CHECK(span.cluster <= copy.new_clusters.size());
    const std::uint64_t removed = matcher.document_base() + copy.removed_sentences.front();
    CHECK(matcher.kept_copy(removed) == removed);  // not marked by the planner
    for (const std::uint64_t root : copy.new_clusters) clusters.id_for(root);
    CHECK(clusters.find(copy.new_clusters.front()) == 1);
}

// --- Copies that begin and end mid-sentence (issue 11, item 6) --------------------------------

TEST_CASE("planner: a passage pasted mid-sentence is removed from where it begins to where it ends") {
    struct Case {
        std::string name, source, copy, cleaned;
    };
    const std::vector<Case> cases = {
        {"English",
         "The city council approved the new budget for the coming year on Monday evening. Several members asked "
         "for more money for schools and for the repair of old roads. The mayor said the plan would be reviewed "
         "again in the spring by an independent panel. Residents can comment online until March.\n",
         "Our reporter visited the town hall this week. She learned that the new budget for the coming year on "
         "Monday evening. Several members asked for more money for schools and for the repair of old roads. The "
         "mayor said the plan would be reviewed again and nobody knew when.\n",
         "Our reporter visited the town hall this week. She learned that and nobody knew when.\n"},
        {"Japanese",
         "東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を開催すると発表した。計画では、都心と湾岸"
         "地域を結ぶ約十キロの区間を新たに整備する。完成すれば通勤時間が大幅に短縮されると期待されている。\n",
         "先週の会見で知事は、来月から各地区で住民説明会を開催すると発表した。計画では、都心と湾岸地域を結ぶ約十キロの区間"
         "を新たに整備する。完成すれば通勤時間が大幅に変わるかどうかは分からない。\n",
         "先週の会見で知事は、変わるかどうかは分からない。\n"},
        {"Chinese",
         "市政府近日宣布推出新的公共交通网络规划，预计明年开始分阶段实施。根据规划，全市将新增十二条公交线路并优化现有站点。"
         "有关负责人表示，相关工作正在有序推进之中。\n",
         "记者了解到，预计明年开始分阶段实施。根据规划，全市将新增十二条公交线路并优化现有站点。有关负责人表示，市民可以"
         "在网上提出意见。\n",
         "记者了解到，市民可以在网上提出意见。\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        run.add(c.source);
        const auto& doc = run.add(c.copy);
        CHECK(doc.cleaned == c.cleaned);
        REQUIRE(doc.plan.spans.size() == 1);
        const once::Span& span = doc.plan.spans[0];
        CHECK(span.kind == once::Kind::duplicate);
        CHECK(span.head_tokens == 0);  // resolved to bytes
        REQUIRE(span.source.has_value());
        CHECK(span.source->doc == 0);
        CHECK(span.source->start == 0);  // the kept copy's range is in whole sentences
    }
}

TEST_CASE("planner: two sentences copied into a longer paragraph are removed; one is not") {
    PlanRun run;
    run.add("Prices rose again in May. Many shops closed early that week. " + k_para_a + "\n");
    const auto& two = run.add("We went to the market. Prices rose again in May. Many shops closed early that week. "
                              "Then we drove home along the river.\n");
    CHECK(two.cleaned == "We went to the market. Then we drove home along the river.\n");
    const std::string one_text = "We went to the park. Prices rose again in May. Then we drove home.\n";
    const auto& one = run.add(one_text);
    CHECK(one.cleaned == one_text);
}

TEST_CASE("planner: pieces of unrelated sentences that end alike are not taken for a paste") {
    // The sentences around the copy end with the same few words as the source's, by chance.
    PlanRun run;
    run.add("Officials met on Friday, the mayor said. " + k_para_a + " " + k_para_b + " Nobody objected, he said.\n");
    const auto& doc = run.add("We asked again, he said. " + k_para_a + " " + k_para_b + " It was late, the mayor said.\n");
    CHECK(doc.cleaned == "We asked again, he said. It was late, the mayor said.\n");
}

// --- Thresholds inside a copied run (issue 11, item 4) ----------------------------------------

TEST_CASE("planner: an updated sentence beside a copied passage is not an edited copy") {
    PlanRun run;
    const std::string rest = "He left his previous job at Southampton after a dispute over transfer funds last month. "
                             "The club said the new contract runs until the end of the season with an option.";
    run.add("Glenn Hoddle will be unveiled as the new manager of Wolves at a press conference on Tuesday. " + rest +
            "\n");
    const auto& doc =
        run.add("Glenn Hoddle has been unveiled as the new manager of Wolves at a press conference at Molineux. " + rest +
                "\n");
    CHECK(doc.cleaned == "Glenn Hoddle has been unveiled as the new manager of Wolves at a press conference at Molineux.\n");
}

TEST_CASE("planner: a one-word edit inside a copied passage is still removed") {
    PlanRun run;
    run.add(k_para_a + " " + k_para_b + " The mayor said the plan would be reviewed again in the spring.\n");
    const auto& doc = run.add("Intro of our own.\n" + k_para_a + " " +
                              "Several members asked for more money for hospitals and for the repair of old roads. "
                              "The mayor said the plan would be reviewed again in the spring.\n");
    CHECK(doc.cleaned == "Intro of our own.\n");
}

// --- Provenance: text first seen inside chrome (issue 11, item 5) -----------------------------

TEST_CASE("planner: an article is not a copy of an earlier page's teaser of it; a later teaser is") {
    // Page 1's related list: an entry and a teaser of the article (the judge calls the entries
    // chrome, the teaser prose text); page 2 is the article; page 3 lists it again.
    const std::string teaser = "東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を開催すると発表した。"
                               "計画では、都心と湾岸地域を結ぶ約十キロの区間を…";
    const std::string page = "関連記事\n・東京都、新路線の説明会を開催へ\n" + teaser + "\n・別の記事の見出しがここに入る\n";
    const auto related_list = [](std::vector<once::LineVerdictDetail>& verdicts) {
        for (std::size_t line : {0, 1, 3}) verdicts[line].role = once::LineRole::boilerplate;
    };
    PlanRun run;
    const auto& first = run.add("今日の話題です。\n\n" + page, [&](auto& verdicts) {
        for (std::size_t line : {2, 3, 5}) verdicts[line].role = once::LineRole::boilerplate;
    });
    (void)first;
    const std::string article = "東京都、新路線の説明会を開催へ\n\n" + k_ja_a +
                                "計画では、都心と湾岸地域を結ぶ約十キロの区間を新たに整備する。完成すれば通勤時間が大幅に短縮される。\n";
    const auto& second = run.add(article);
    CHECK(second.cleaned == article);  // the article keeps its own words
    const auto& third = run.add(page, related_list);
    // The chrome goes: the teaser is now a copy of the article (the entries are boilerplate).
    bool teaser_removed = false;
    for (const auto& span : third.plan.spans)
        teaser_removed = teaser_removed || (span.kind == once::Kind::duplicate && span.source && span.source->doc == 1);
    CHECK(teaser_removed);
}

TEST_CASE("planner: matchable_sentences keeps text inside chrome out of the sources") {
    once::Config config = planner_config();
    once::Signer signer(config);
    const auto analysis = signer.analyze("Read more\n- Entry one\nA teaser that is long enough to be prose text...\n"
                                         "- Entry two\n\nAn article paragraph of its own.\n");
    std::vector<once::LineVerdictDetail> verdicts(analysis.layout.lines.size());
    for (std::size_t line : {0, 1, 3}) verdicts[line].role = once::LineRole::boilerplate;
    const once::Matchable m = once::matchable_sentences(analysis, verdicts);
    const auto& sentences = analysis.layout.sentences;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        CAPTURE(i);
        const std::uint32_t line = sentences[i].first_line;
        CHECK(m.match[i] == (line == 2 || line == 5));
        CHECK(m.source[i] == (line != 2));
    }
}

TEST_CASE("planner: the page's title between a breadcrumb and a menu stays a source") {
    // Generated end_restart copies (bench/gen_corpus, seed 11): "Home > News > Headline", the
    // headline, then a menu; the article restarts at its end with the headline alone. As text
    // inside chrome the title could not be the kept copy, so the repeat stayed.
    once::Config config = planner_config();
    once::Signer signer(config);
    const auto analysis = signer.analyze("Home > News > The housing agency delays a voting system\n"
                                         "The housing agency delays a voting system\nTweet Email Print\n");
    std::vector<once::LineVerdictDetail> verdicts(analysis.layout.lines.size());
    verdicts[0].role = once::LineRole::boilerplate;
    verdicts[2].role = once::LineRole::boilerplate;
    const auto source_of_line_1 = [&](bool title) {
        verdicts[1].title = title;
        const once::Matchable m = once::matchable_sentences(analysis, verdicts);
        bool source = true;
        for (std::size_t i = 0; i < analysis.layout.sentences.size(); ++i)
            if (analysis.layout.sentences[i].first_line == 1) source = source && m.source[i];
        return source;
    };
    CHECK_FALSE(source_of_line_1(false));  // a teaser between chrome lines
    CHECK(source_of_line_1(true));
}

// --- Titles: another page with the same title is not a copy ----------------------------------

TEST_CASE("planner: a title shared with another page stays; a reposted article goes with its title") {
    const auto title_slot = [](std::vector<once::LineVerdictDetail>& verdicts) { verdicts[0].title = true; };
    const std::string title = "スマートフォン新機種の発売日が正式に決定\n";
    PlanRun run;
    run.add(title + k_ja_a + "\n", title_slot);
    const std::string other = title + "今回の発表では価格についての説明はなく、詳細は後日明らかにされる予定だという。\n";
    const auto& same_title = run.add(other, title_slot);
    CHECK(same_title.cleaned == other);
    const auto& repost = run.add(title + k_ja_a + "\n", title_slot);
    CHECK(repost.cleaned.empty());
    CHECK(repost.plan.fully_removed);
}
