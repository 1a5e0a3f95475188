// shape_test.cpp — the per-line article/chrome classifier and its word lists.
//
// Pages are written as tables of (expectation, normalized line): 'r' the line must be removed
// as chrome, 'k' it must be kept, '.' either (or blank). Lines are written already normalized
// (lower case, half-width ASCII), the way the normalizer hands them over.
#include "once/judge/shape.hpp"

#include "shape_rows.hpp"

#include "once/core/error.hpp"
#include "error_of.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using once::test::Row;
using once::test::check_page;
using once::test::classify;
using once::test::features_of;
using once::test::error_of;

}  // namespace

// --- single pages, no recurrence: chrome by shape alone -------------------------------------

TEST_CASE("shape: an English news page loses its menus, share row, related list and footer") {
    check_page({
        {'r', "skip to content"},
        {'r', "menu"},
        {'r', "home | news | sport | weather | about"},
        {'r', "news"},
        {'r', "sport"},
        {'r', "sign in"},
        {'.', ""},
        {'k', "millbrook bus routes to change from monday"},
        {'k', "3 march 2013 last updated at 17:05 gmt"},
        {'.', ""},
        {'k', "several bus routes across millbrook will be redrawn from monday, in the biggest shake-up of the "
              "town's network for more than a decade. the county council says the changes will cut journey times."},
        {'.', ""},
        {'k', "what changes on monday"},
        {'.', ""},
        {'k', "- route 4 and route 7 will merge into a single route 4"},
        {'k', "- a new route 12 will run until 23:30 on weekdays"},
        {'.', ""},
        {'k', "route | buses per hour | last bus"},
        {'k', "4 | 4 | 23:00"},
        {'k', "12 | 2 | 23:30"},
        {'.', ""},
        {'k', "passenger groups have broadly welcomed the plans, though some elderly residents in the northgate "
              "area say they will now face a longer walk to the nearest stop."},
        {'.', ""},
        {'k', "weather"},
        {'.', ""},
        {'k', "councillor janet hughes said the new network followed two rounds of public consultation and that "
              "the council had read more than 1,400 responses before making a decision."},
        {'.', ""},
        {'r', "share this page"},
        {'r', "share | tweet | email | copy link"},
        {'r', "comments (14)"},
        {'.', ""},
        {'r', "related articles"},
        {'r', "- central library extends opening hours after petition"},
        {'r', "- flood defences approved for river wend"},
        {'r', "- family bakery wins national bread award"},
        {'r', "view more"},
        {'.', ""},
        {'r', "previous: family bakery wins national bread award"},
        {'r', "next: central library extends opening hours after petition"},
        {'.', ""},
        {'r', "\u00a9 2024 example news. all rights reserved."},
        {'r', "terms of use | privacy policy | cookies | contact us"},
    });
}

TEST_CASE("shape: a Japanese blog page keeps its in-article heading and bullet list") {
    check_page({
        {'r', "メインコンテンツへスキップ"},
        {'r', "menu"},
        {'r', "ホーム"},
        {'r', "おでかけ"},
        {'r', "グルメ"},
        {'r', "お問い合わせ"},
        {'.', ""},
        {'k', "川沿いの朝市に行ってきました"},
        {'k', "2025年1月12日"},
        {'.', ""},
        {'k', "先週の日曜日、久しぶりに川沿いの朝市に出かけてきました。朝市は毎月第二日曜日に開かれていて、"
              "地元の農家さんや漁師さんが三十軒ほど店を並べます。"},
        {'.', ""},
        {'k', "この日買ったもの"},
        {'.', ""},
        {'k', "・干し柿(ひと袋)"},
        {'k', "・朝どれの大根と白菜"},
        {'k', "・手作りのゆず味噌"},
        {'.', ""},
        {'k', "朝市は九時半ごろには片付けが始まるので、行くならやはり早めがおすすめです。次回は二月九日の予定"
              "とのことなので、また行ってみたいと思います。"},
        {'.', ""},
        {'r', "この記事が気に入ったら フォローしてね!"},
        {'r', "シェア"},
        {'r', "ツイート"},
        {'r', "urlをコピーしました!"},
        {'.', ""},
        {'r', "関連記事"},
        {'r', "・雨の日は市立図書館でのんびり過ごす"},
        {'r', "・初心者向け・里山ハイキングの持ち物"},
        {'r', "一覧を見る"},
        {'.', ""},
        {'r', "前へ:商店街の老舗パン屋さんが創業50周年"},
        {'r', "次へ:雨の日は市立図書館でのんびり過ごす"},
        {'r', "もっと見る"},
        {'.', ""},
        {'r', "\u00a9 2025 まちあるき日記"},
    });
}

TEST_CASE("shape: a Chinese news page loses nav rows, breadcrumb, editor line and pager") {
    check_page({
        {'r', "跳到主要内容"},
        {'r', "首页 | 新闻 | 财经 | 科技 | 体育 | 视频"},
        {'r', "登录 | 注册"},
        {'r', "搜索"},
        {'.', ""},
        {'r', "当前位置:首页 > 新闻 > 本地"},
        {'.', ""},
        {'k', "临江地铁3号线下月开通试运营"},
        {'k', "2024-03-15 09:30 来源:示例新闻网"},
        {'.', ""},
        {'k', "记者从临江市轨道交通集团获悉,地铁3号线一期工程已完成全部验收,将于下月初开通试运营。这条线路全长"
              "约二十六公里,连接老城区与高铁新城。"},
        {'.', ""},
        {'k', "试运营期间的安排"},
        {'.', ""},
        {'k', "- 首班车6:00发车,末班车22:30发车"},
        {'k', "- 票价与既有线路一致,起步价2元"},
        {'.', ""},
        {'k', "轨道交通集团提醒,试运营期间部分出入口可能暂未开放,乘客出行前可通过官方app查询站点信息。市民王女"
              "士说,以后坐地铁一趟就到。"},
        {'.', ""},
        {'r', "责任编辑:王敏"},
        {'r', "分享到:微信 微博 qq空间"},
        {'.', ""},
        {'r', "相关文章"},
        {'r', "- 临江首批保障性租赁住房开始受理申请"},
        {'r', "- 本地新能源车企一季度销量同比增长四成"},
        {'r', "查看更多"},
        {'.', ""},
        {'r', "上一篇:2024临江马拉松报名人数创历史新高"},
        {'r', "下一篇:临江首批保障性租赁住房开始受理申请"},
        {'.', ""},
        {'r', "关于我们 | 联系我们 | 广告服务 | 网站地图"},
        {'r', "版权所有 \u00a9 2024 示例新闻网"},
    });
}

TEST_CASE("shape: mixed scripts, link lists with teasers, and a promotion between chrome") {
    check_page({
        {'k', "deepseekの衝撃、その先にある“中国のai戦略”とは"},
        {'.', ""},
        {'k', "2024年、中国発の大規模言語モデル「deepseek」が登場し、ai業界に衝撃を与えた。オープンソースとして"
              "公開され、誰もが利用・改良できるというその姿勢は注目を集めた。"},
        {'.', ""},
        {'k', "私たちは今、技術史の分岐点に立っている。次の10年、aiの中心はどこにあるのか。deepseekのその先に、"
              "答えがあるのかもしれない。"},
        {'.', ""},
        {'r', "latest posts 新着記事"},
        {'.', ""},
        {'r', "「aiwa pen」誕生!端末を選ばない次世代タッチペン登場"},
        {'.', ""},
        {'r', "株式会社アイワは、ワコム株式会社が開発した方式の特許技術を搭載した新製品を、全国の家電量販店および"
              "オンラインショップにて販売開始したと発表しました。使う端末を..."},
        {'.', ""},
        {'r', "ロボットタクシーの現状|自動運転と特許"},
        {'.', ""},
        {'r', "「ロボットタクシー」の実用化が世界各地で進んでいます。本コラムでは、その現状とメリット・問題点を"
              "簡潔にまとめ、特許に焦点を当てて考察してみます。世界で..."},
        {'.', ""},
        {'r', "view more"},
        {'.', ""},
        {'r', "🌱 地元で働きたいあなたへ"},
        {'r', "「地域に根ざした仕事がしたい」そんな想いを抱いていませんか?"},
        {'r', "まちしごとナビは、地方企業への転職に特化したキャリア支援サービスです。"},
        {'r', "▶ 無料相談はこちら"},
        {'.', ""},
        {'r', "タグ"},
        {'r', "popular"},
        {'r', "posts"},
        {'r', "人気記事"},
    });
}

TEST_CASE("shape: hard-wrapped prose and spec boxes survive between chrome") {
    check_page({
        {'r', "menu"},
        {'.', ""},
        {'k', "みなさま、はじめまして、竹内佐千子です!"},
        {'k', "私は、強烈な肩書きを抱えて"},
        {'k', "エッセイを描いている漫画家です。"},
        {'.', ""},
        {'k', "自分の人生を切り売りし続けて早5年、"},
        {'k', "8冊目となる単行本が出ました。"},
        {'.', ""},
        {'r', "関連記事"},
        {'.', ""},
        {'k', "アプリ名:モバイルgoogleマップ"},
        {'k', "価格:無料"},
        {'k', "バージョン:6.7.0"},
        {'k', "android 要件:端末により異なります"},
        {'.', ""},
        {'r', "関連リンク"},
        {'r', "・エスマックス(s-max)"},
        {'r', "・エスマックス(s-max) smaxjp on twitter"},
    });
}

TEST_CASE("shape: prose lines that merely start or end like links stay") {
    check_page({
        {'k', "next year the council will review the timetable again, and residents will be asked for their "
              "views in a second round of consultation."},
        {'.', ""},
        {'k', "next steps"},
        {'.', ""},
        {'k', "previous owners had let the garden go wild, the new tenants said, and it took two summers to "
              "bring it back."},
        {'.', ""},
        {'k', "related to this, the library will also extend its weekend hours from the first of the month."},
    });
}

TEST_CASE("shape: copyright footers in several forms, and look-alikes that are not") {
    check_page({
        {'k', "the scheme includes a raised embankment along the east bank and a new pumping station near ferry "
              "street, officials said on monday."},
        {'.', ""},
        {'k', "choose (a), (b) or (c) below"},
        {'.', ""},
        {'k', "footpaths along the river will be closed in stages while the work is carried out, and diversions "
              "will be signposted by the council."},
        {'.', ""},
        {'r', "(c)2011 san-x co., ltd."},
        {'r', "copyright © 2024 ことこと台所 all rights reserved."},
        {'r', "版权所有 示例新闻网"},
        {'r', "記事の無断転載を禁じます"},
    });
}

TEST_CASE("shape: a page without any paragraph keeps its sentences") {
    check_page({
        {'r', "share | tweet | email"},
        {'k', "the mayor resigned on monday."},
        {'r', "facebook | x | pinterest | email"},
    });
}

TEST_CASE("shape: prose that ends its sentences with a danda is a paragraph (a Bengali news story)") {
    // Cut from trafilatura's ukbdnews.com page: no line of the story ended in a sentence end the
    // judge knew, so the page had no paragraph and the story went with the share rows around it.
    check_page({
        {'r', "facebook | twitter | whatsapp | print | email"},
        {'.', ""},
        {'k', "কুষ্টিয়া-১ (দৌলতপুর) আসনের সংসদ সদস্য (এমপি) অ্যাডভোকেট আ ক ম সারওয়ার জাহান বাদশার ফুপাতো ভাই "
              "হাসিনুর রহমানকে (৫০) কুপিয়ে হত্যা করা হয়েছে।এ সময় জব্বার নামে আরেকজন আহত হন।"},
        {'.', ""},
        {'k', "কারণে এ ঘটনা ঘটতে পারে। ঘটনার পরপরই হামলাকারী মজিবর বয়াতিকে পুলিশ হেফাজতে নেয়া হয়েছে। তাকে "
              "জিজ্ঞাসাবাদ করার পর প্রকৃত ঘটনা জানা যাবে।"},
        {'.', ""},
        {'r', "facebook | twitter | whatsapp | print | email"},
    });
}

// --- recurrence -------------------------------------------------------------------------------

TEST_CASE("shape: a title that recurs in other pages' related lists is kept") {
    // Four pages of a site; each title also appears in the three other pages' lists, so its
    // template recurs in all four. The dateline recurs too once numbers are masked.
    check_page({
        {'r', "skip to content", 4},
        {'r', "millbrook & district", 4},
        {'.', ""},
        {'k', "millbrook bus routes to change from monday", 4},
        {'k', "3 march 2013 last updated at 17:05 gmt", 3},
        {'.', ""},
        {'k', "several bus routes across millbrook will be redrawn from monday, in the biggest shake-up of the "
              "town's network for more than a decade."},
        {'.', ""},
        {'k', "passenger groups have broadly welcomed the plans, though some residents say they will now face a "
              "longer walk to the nearest stop."},
        {'.', ""},
        {'r', "related articles", 4},
        {'r', "- central library extends opening hours after petition", 4},
        {'r', "- flood defences approved for river wend", 4},
    }, {}, 4);
    const auto verdicts = classify({{'r', "skip to content", 4}, {'r', "millbrook & district", 4}}, {}, 4);
    CHECK(verdicts[1].by_recurrence);
}

TEST_CASE("shape: recurring long prose is a duplicate's business, a lone recurring heading stays") {
    const std::vector<Row> rows = {
        {'k', "川沿いの朝市に行ってきました"},
        {'.', ""},
        {'k', "先週の日曜日、久しぶりに川沿いの朝市に出かけてきました。朝市は毎月第二日曜日に開かれていて、地元の"
              "農家さんや漁師さんが三十軒ほど店を並べます。朝七時に行きました。", 3},
        {'.', ""},
        {'k', "まとめ", 3},
        {'.', ""},
        {'k', "朝市は九時半ごろには片付けが始まるので、行くならやはり早めがおすすめです。次回は二月九日の予定との"
              "ことなので、また行ってみたいと思います。"},
        {'.', ""},
        {'r', "地元で働きたいあなたへ", 3},
        {'r', "まちしごとナビは、地方企業への転職に特化したキャリア支援サービスです。", 3},
    };
    check_page(rows, {}, 4);
    const auto verdicts = classify(rows, {}, 4);
    CHECK_FALSE(verdicts[2].by_recurrence);
    CHECK(verdicts[8].by_recurrence);
}

TEST_CASE("shape: lines recurring below the share follow their neighbours") {
    once::Config config;
    config.boilerplate_min_share = 0.5;
    check_page({
        {'k', "the scheme includes a raised embankment along the east bank and a new pumping station near ferry "
              "street, officials said on monday."},
        {'k', "the agency says the defences will protect around 650 properties.", 2},
        {'k', "footpaths along the river will be closed in stages while the work is carried out, and diversions "
              "will be signposted by the council."},
        {'.', ""},
        {'r', "share | tweet"},
        {'r', "sign up for our weekly newsletter today", 2},
        {'r', "view more"},
    }, config, 10);
}

TEST_CASE("shape: with shape off, only recurrence decides") {
    once::Config config;
    config.shape = false;
    const std::vector<Row> rows = {
        {'k', "menu"},                         // chrome by shape, but shape is off
        {'r', "search example news", 4},       // a site template
        {'k', "family bakery wins national bread award", 4},  // the title slot still holds
        {'.', ""},
        {'k', "a family bakery on millbrook high street has been named the best independent bakery in the "
              "country at an awards ceremony in london."},
        {'.', ""},
        {'k', "share | tweet | email"},
    };
    check_page(rows, config, 4);
    const auto verdicts = classify(rows, config, 4);
    CHECK(verdicts[0].score == 0.0);
    CHECK(verdicts[1].by_recurrence);
    CHECK(verdicts[1].score == 1.0);
}

// --- contract ---------------------------------------------------------------------------------

TEST_CASE("shape: protect is honoured and anchors its neighbours") {
    check_page({
        {'k', "share this page", 0, true},
        {'k', "copy link", 4, true},
        {'r', "menu"},
    }, {}, 4);
}

TEST_CASE("shape: empty input, blank and whitespace-only lines") {
    CHECK(once::classify_lines({}, once::Lexicon::builtin(), once::Config{}).empty());
    std::vector<once::LineFeatures> lines(3);
    lines[0].blank = true;
    lines[1].normalized = "   ";      // whitespace only, not flagged blank
    lines[2].normalized = " \t ";
    const auto verdicts = once::classify_lines(lines, once::Lexicon::builtin(), once::Config{});
    REQUIRE(verdicts.size() == 3);
    for (const auto& v : verdicts) {
        CHECK_FALSE(v.chrome);
        CHECK(v.score == 0.0);
        CHECK_FALSE(v.by_recurrence);
    }
}

TEST_CASE("shape: invalid UTF-8 and odd bytes do not break the scan") {
    check_page({
        {'.', "\xff\xfe menu \xc3"},
        {'.', "\xe3\x81"},
        {'k', "the scheme includes a raised embankment along the east bank and a new pumping station near ferry "
              "street, officials said on monday \xf0\x9f."},
    });
}

TEST_CASE("shape: the threshold moves the line, scores do not depend on it") {
    const std::vector<Row> rows = {
        {'.', "menu"},
        {'.', ""},
        {'k', "the scheme includes a raised embankment along the east bank and a new pumping station near ferry "
              "street, officials said on monday."},
        {'.', ""},
        {'.', "share"},
        {'r', "\u00a9 2024 example news"},
    };
    once::Config strict;
    strict.shape_threshold = 0.99;
    const auto loose = classify(rows);
    const auto tight = classify(rows, strict);
    CHECK(loose[0].chrome);
    CHECK_FALSE(tight[0].chrome);
    CHECK(tight[5].chrome);  // copyright scores 1.0
    for (std::size_t i = 0; i < rows.size(); ++i) CHECK(loose[i].score == tight[i].score);
    CHECK(classify(rows)[4].score == loose[4].score);  // deterministic
}

// --- word lists -------------------------------------------------------------------------------

TEST_CASE("shape: German feedback, comment and author-box lines under an article are chrome (de.txt, seventh session)") {
    check_page({
        {'k', "hummeln sind wichtige bestäuber, und in vielen gärten finden sie im frühling nicht genug blüten, "
              "um ihre völker aufzubauen."},
        {'.', ""},
        {'k', "wer früh blühende sträucher pflanzt, hilft den königinnen über die ersten wochen des jahres und "
              "damit dem ganzen volk."},
        {'.', ""},
        {'r', "war der artikel nützlich?"},
        {'r', "möchten sie den artikel teilen?"},
        {'.', ""},
        {'r', "bisher keine kommentare"},
        {'r', "antworten abbrechen"},
    });
}

TEST_CASE("lexicon: the built-in lists hold every language's entries") {
    const once::Lexicon& lexicon = once::Lexicon::builtin();
    CHECK(&lexicon == &once::Lexicon::builtin());  // parsed once
    CHECK(lexicon.button_words.count("share") == 1);
    CHECK(lexicon.button_words.count("previous *") == 1);
    CHECK(lexicon.button_words.count("* はこちら") == 1);
    CHECK(lexicon.button_words.count("シェア") == 1);
    CHECK(lexicon.button_words.count("上一篇") == 1);
    CHECK(lexicon.heading_words.count("related articles") == 1);
    CHECK(lexicon.heading_words.count("関連記事") == 1);
    CHECK(lexicon.heading_words.count("相关文章") == 1);
    CHECK(lexicon.heading_words.count("ähnliche artikel") == 1);
    CHECK(lexicon.stop_words.count("the") == 1);
    CHECK(lexicon.stop_words.count("的") == 1);
}

#ifdef ONCE_SOURCE_ROOT
TEST_CASE("lexicon: data/lexicon on disk matches the built-in copy") {
    const once::Lexicon disk = once::Lexicon::load(std::string(ONCE_SOURCE_ROOT) + "/data/lexicon");
    const once::Lexicon& built = once::Lexicon::builtin();
    CHECK(disk.button_words == built.button_words);
    CHECK(disk.heading_words == built.heading_words);
    CHECK(disk.stop_words == built.stop_words);
}
#endif

TEST_CASE("lexicon: load reads every *.txt, with comments, sections and spacing") {
    once::test::TempDir dir;
    dir.write("a.txt", "# comment\n[button]\n  Share   This \r\n\n[stop]\nthe\n");
    dir.write("b.txt", "\xEF\xBB\xBF[heading]\nrelated articles\n[button]\nview more\n");
    dir.write("notes.md", "[button]\nignored\n");
    const once::Lexicon lexicon = once::Lexicon::load(dir.path());
    CHECK(lexicon.button_words == std::unordered_set<std::string>{"share this", "view more"});
    CHECK(lexicon.heading_words == std::unordered_set<std::string>{"related articles"});
    CHECK(lexicon.stop_words == std::unordered_set<std::string>{"the"});
}

// classify_lines searches the trie, not the sets: the two must hold the same phrases.
TEST_CASE("lexicon: the phrase trie holds exactly the entries of the three sets") {
    const once::Lexicon& lexicon = once::Lexicon::builtin();
    const auto kinds_of = [&](const std::string& phrase) {
        return lexicon.phrases.kinds(lexicon.phrases.walk(once::PhraseTrie::root(), phrase));
    };
    for (const std::string& word : lexicon.button_words) CHECK((kinds_of(word) & once::Lexicon::k_button) != 0);
    for (const std::string& word : lexicon.heading_words) CHECK((kinds_of(word) & once::Lexicon::k_heading) != 0);
    for (const std::string& word : lexicon.stop_words) CHECK((kinds_of(word) & once::Lexicon::k_stop) != 0);
    CHECK(kinds_of("share") == once::Lexicon::k_button);
    CHECK(kinds_of("shar") == 0);
    CHECK(kinds_of("related article") == 0);

    once::test::TempDir dir;
    dir.write("a.txt", "[button]\nShare  This\n[stop]\nthe\n[heading]\nthe\n");
    const once::Lexicon loaded = once::Lexicon::load(dir.path());
    const auto loaded_kinds = [&](std::string_view phrase) {
        return loaded.phrases.kinds(loaded.phrases.walk(once::PhraseTrie::root(), phrase));
    };
    CHECK(loaded_kinds("share this") == once::Lexicon::k_button);
    CHECK(loaded_kinds("the") == (once::Lexicon::k_stop | once::Lexicon::k_heading));
    CHECK(loaded_kinds("share") == 0);
}

TEST_CASE("lexicon: load reports bad folders and files as usage errors") {
    struct Case {
        const char* name;
        std::string text;   // contents of x.txt; empty = no file at all
        const char* message;
    };
    const std::vector<Case> cases = {
        {"unknown section", "[buttons]\nshare\n", "unknown word list section"},
        {"entry before section", "share\n[button]\n", "before any [section]"},
        {"no word lists", "", "no *.txt"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        once::test::TempDir dir;
        if (!c.text.empty()) dir.write("x.txt", c.text);
        const auto error = error_of([&] { once::Lexicon::load(dir.path()); });
        REQUIRE(error.has_value());
        CHECK(error->code() == once::ExitCode::usage);
        CHECK(std::string(error->what()).find(c.message) != std::string::npos);
    }
    const auto missing = error_of([] { once::Lexicon::load("/nonexistent/once/lexicon"); });
    REQUIRE(missing.has_value());
    CHECK(missing->code() == once::ExitCode::usage);
    CHECK(missing->file() == "/nonexistent/once/lexicon");
}

// --- issue 11: titles, weak lexicon words, facts, consistency -------------------------------

TEST_CASE("shape: a headline parted from the article by a dateline, share row and caption survives (issue 11.1)") {
    // A BBC page as lynx prints it: the headline, then date, section and comment count, a video
    // and its caption, then the story. The lines right above the first paragraph are the caption
    // and the video; the headline is found because its words come back in the story.
    check_page({
        {'r', "home | news | sport | weather | iplayer | tv | radio"},
        {'.', ""},
        {'k', "obama admits us gun laws are his 'biggest frustration'"},
        {'.', ""},
        {'.', "* 24 july 2015"},
        {'.', "* from the section us & canada"},
        {'r', "* 941 comments"},
        {'.', ""},
        {'.', "iframe: smphtml5iframemedia-84457006"},
        {'.', ""},
        {'.', "media caption mr obama told the bbc that gun control was his biggest frustration"},
        {'.', ""},
        {'k', "president barack obama has admitted that his failure to pass \"common sense gun safety laws\" in the us is the greatest frustration of his presidency."},
        {'.', ""},
        {'k', "in an interview with the bbc, mr obama said it was \"distressing\" not to have made progress on the issue."},
        {'.', ""},
        {'r', "share | tweet | email"},
        {'r', "related stories"},
        {'r', "* obama pushes for gun checks"},
        {'r', "* senate blocks gun measures"},
        {'r', "* the us and its guns"},
    });
    const auto verdicts = classify({
        {'.', "home | news | sport"}, {'.', ""},
        {'.', "obama admits us gun laws are his 'biggest frustration'"}, {'.', ""},
        {'.', "* 941 comments"}, {'.', ""},
        {'.', "media caption mr obama told the bbc"}, {'.', ""},
        {'.', "president barack obama has admitted that his failure to pass gun safety laws in the us is the greatest frustration of his presidency."},
    });
    CHECK(verdicts[2].title);
    CHECK(verdicts[2].rule == once::ShapeRule::title);
}

TEST_CASE("shape: the word copyright in a headline or a lead sentence is no footer (issue 11.2)") {
    check_page({
        {'r', "home | business | markets | tech | autos"},
        {'.', ""},
        {'k', "honda wins china copyright ruling"},
        {'k', "japan's honda has won a copyright case in china."},
        {'k', "the court in beijing said two local firms had copied the design of a honda motorcycle and must pay damages."},
        {'k', "the copyright ruling is a rare win for a foreign carmaker in china, analysts said."},
        {'.', ""},
        {'r', "copyright 2005 reuters"},
        {'r', "copyright (c) example news. all rights reserved."},
        {'r', "\u00a9 bbc mmv"},
    });
}

TEST_CASE("shape: unauthorized reprinting named in a headline or a story is no footer; with its prohibition it is") {
    // An ldcc headline about reposting lost as a copyright footer (it-life-hack 6829006).
    check_page({
        {'k', "ネット上の無断転載を巡る議論 無断転載はされて当然という意見にtwitterが騒然"},
        {'k', "ネット上に自分の描いた絵をアップしている方が、作品を無断転載されたイヤな経験をイラスト付きでツイートしたところ、議論になっている。"},
        {'.', ""},
        {'k', "togetter:『無断転載はされて当然』"},
        {'.', ""},
        {'k', "个人作者可以使用知识共享许可协议来保护自己的作品，这种方式在网上越来越常见，也不需要支付任何费用。"},
        {'k', "未经授权使用他人作品引发争议"},
        {'k', "一位插画师发现自己的作品被多家网站转载，却没有任何网站事先联系过她，她为此感到十分困扰。"},
        {'.', ""},
        {'r', "記事の無断転載を禁じます"},
        {'r', "本サイトの無断複製はご遠慮ください"},
        {'r', "未经授权,不得转载"},
    });
}

TEST_CASE("shape: an advertisement label between paragraphs is an ad slot, no evidence about its neighbours") {
    // readability's lazy-image-2: headings and captions between two labels went as chrome.
    check_page({
        {'k', "the chozo discovered that the cosmos was enjoying a prolonged period of peace, and they built an "
              "alliance with the other races of the galaxy."},
        {'r', "advertisement"},
        {'.', ""},
        {'k', "the living planet"},
        {'.', ""},
        {'k', "(artist: 3ihard)"},
        {'r', "- advertisement -"},
        {'.', ""},
        {'k', "peace reigned through the cosmos, and the alliance of the chozo and the other races was a great "
              "universal renaissance that lasted for a millennium."},
        {'.', ""},
        // "advertising" heads a list of a photographer's clients: an in-article heading.
        {'k', "advertising"},
        {'k', "a fashion house, a music channel, a burger chain and several department stores commissioned "
              "portraits and campaigns from the studio."},
        {'.', ""},
        // A label with chrome on one side is a sidebar's: the line between two such labels goes.
        {'r', "advertisement"},
        {'r', "video picks of the week"},
        {'r', "advertisement"},
        {'r', "about | contact | privacy | terms"},
    });
    check_page({
        {'k', "新しい駅ビルは来年の春に開業する予定で、地元の商店街との連携も進められている。"},
        {'r', "広告"},
        {'.', ""},
        {'k', "写真:建設中の駅ビル"},
        {'r', "広告"},
        {'.', ""},
        {'k', "市は開業に合わせて駅前の広場を整備し、路線バスやタクシーの乗り場も駅の東側に移設する方針だという。"},
    });
}

TEST_CASE("shape: the German, Polish, Spanish, French and Chinese ad labels are ad slots too") {
    // A German news story with its legally required "Anzeige" over each ad slot (heise, 36
    // "ANZEIGE" lines on the devsets): the label goes, the caption between two labels stays.
    check_page({
        {'k', "die stadtwerke wollen bis zum jahr 2030 alle haushalte der stadt mit fernwaerme aus dem neuen "
              "heizkraftwerk am hafen versorgen, teilte ein sprecher am montag mit."},
        {'r', "anzeige"},
        {'.', ""},
        {'k', "das neue heizkraftwerk am hafen"},
        {'r', "- anzeige -"},
        {'.', ""},
        {'k', "der bau soll im fruehjahr beginnen und rund drei jahre dauern; die kosten schaetzt das "
              "unternehmen auf etwa 180 millionen euro, von denen der bund einen teil uebernimmt."},
    });
    check_page({
        {'k', "rosja zaproponowala natychmiastowe rozmowy w sprawie dostaw gazu, a rzad w warszawie "
              "odpowiedzial, ze nie widzi do tego zadnych podstaw."},
        {'r', "reklama"},
        {'.', ""},
        {'k', "minister podkreslil, ze polska ma zapewnione dostawy na cala zime dzieki nowemu gazociagowi "
              "i terminalowi w swinoujsciu."},
    });
    check_page({
        {'k', "市政府表示，新的地铁线路将在明年春天开通，沿线的公交线路也会随之调整，方便市民换乘。"},
        {'r', "广告"},
        {'.', ""},
        {'k', "据介绍，这条线路全长二十八公里，共设二十个车站，其中有六个换乘站，预计每天客流量超过三十万人次。"},
    });
}

TEST_CASE("shape: a tag or topic line under a post is a link line, a singular category is a fact") {
    // fogsmagazin.com / dbjr.de on trafilatura's devset: the post's tags between its last
    // paragraph and the share row.
    check_page({
        {'k', "immer mehr schmucklabels setzen auf faire produktionsbedingungen und recycelte materialien, "
              "und die kundinnen fragen inzwischen ganz selbstverstaendlich danach."},
        {'.', ""},
        {'k', "am ende entscheidet aber doch der preis, sagt die designerin, und der sei bei handarbeit aus "
              "europa nun einmal hoeher als bei ware aus fernost."},
        {'.', ""},
        {'r', "schlagworte: fashion mode nachhaltigkeit outdoor winter"},
        {'r', "facebook | twitter | pinterest | e-mail"},
    });
    check_page({
        {'k', "the board met on tuesday to approve the new budget, which adds two teachers and a school nurse "
              "and keeps the library open on saturdays."},
        {'.', ""},
        {'k', "parents who spoke at the meeting welcomed the plan but asked for more money for the bus service "
              "in the rural part of the district."},
        {'.', ""},
        {'r', "labels: budget, schools, district news"},
        {'r', "share | tweet | email"},
    });
    // An award's category, an app review's category row: facts of the article.
    check_page({
        {'k', "das studio wurde fuer seine arbeit an dem computerspiel mehrfach ausgezeichnet und ist in "
              "diesem jahr erneut fuer den deutschen entwicklerpreis nominiert."},
        {'.', ""},
        {'k', "kategorie: bestes kinderspiel"},
        {'.', ""},
        {'k', "die preisverleihung findet im dezember in koeln statt, die gewinner werden erst am abend "
              "selbst bekannt gegeben."},
    });
}

TEST_CASE("shape: a label whose value differs from page to page is data, a template recurs with its numbers (issue 11.3)") {
    // 40 match reports of one site: "attendance: 45,000" recurs as a template (numbers masked)
    // in all of them, but with these numbers only here: a fact. The footer recurs whole.
    const std::vector<Row> page = {
        {'k', "hoddle unveiled as wolves manager"},
        {'k', "glenn hoddle has been unveiled as the new wolves manager at a press conference on tuesday."},
        {'k', "attendance: 45,000", 40, false, 1},
        {'k', "the former england boss signed a three-year deal and takes charge for saturday's game."},
        {'r', "wolves fc, molineux stadium, wolverhampton wv1 4qr", 40},
        {'r', "tel: 0871 222 2220", 40, false, 40},
    };
    check_page(page, {}, 40);
    const auto verdicts = classify(page, {}, 40);
    CHECK(verdicts[4].rule == once::ShapeRule::recurrence);
    CHECK(verdicts[5].rule == once::ShapeRule::recurrence);
    CHECK(once::rule_name(verdicts[5].rule) == "recurrence");
}

TEST_CASE("shape: every article of a site gets the same verdict for its URL and date lines (issue 11.8)") {
    // livedoor news: each article opens with its own URL and date. Their templates (numbers
    // masked) are in every article, their values in one: the same lines, kept on every page —
    // whatever follows them (a title slot, a series intro that recurs, or a menu).
    const std::vector<std::vector<Row>> pages = {
        {
            {'k', "http://news.livedoor.com/article/detail/4606324/", 500, false, 1},
            {'k', "2010-02-25t19:00:00+0900", 500, false, 1},
            {'k', "shipsに聞く「デキルオトコの新作スーツの着こなし方」【新生活特集】"},
            {'k', "スーツは、オトコの戦闘服。誤った着こなしは、時に“命取り”にもなります。サイズの合わないダボダボスーツで、営業先を回っても信用されません。"},
        },
        {
            {'k', "http://news.livedoor.com/article/detail/5736681/", 500, false, 1},
            {'k', "2011-08-05t11:00:00+0900", 500, false, 1},
            {'k', "「毎日同じことの繰り返しでやりがいが見つかりません」 - 辛口説教部屋 vol.2", 0, false, 1},
            {'.', "「3年で転職は早すぎる?」「将来が見えない」", 60},
            {'.', "「仕事が面白くない」・・・若手社会人の悩みは尽きないもの。", 60},
            {'.', "そんな様々な悩みに辛口4姉妹がお答えします。", 60},
            {'.', ""},
            {'k', "大手銀行の事務職として働いて三年になりますが、毎日同じことの繰り返しで、やりがいが見つかりません。どうしたらいいでしょうか。"},
        },
    };
    for (const auto& page : pages) {
        check_page(page, {}, 500);
        const auto verdicts = classify(page, {}, 500);
        CHECK_FALSE(verdicts[0].chrome);
        CHECK_FALSE(verdicts[1].chrome);
    }
}

TEST_CASE("shape: a query string or an encoded ad frame is junk, a sentence quoting a URL is not") {
    const std::string ad = "pos=lrec&id=yom-ad-lrec-iframe&html=%253cstyle%2520type%253d%2522text/css%2522%253e%250a.can_ad%2520.yadslug%2520%257b%250a%2520%2520posit";
    const std::string rule(150, '_');
    const std::string quoted = "backtesting with default parameters, as the query at https://popsql.com/queries/-mecqv6gikr04wdcwm0k/simple-anomaly-detection-with-sql?access_token=2d2c0729 shows in the editor.";
    const std::vector<Row> page = {
        {'k', "the authority plans to replace all six of its diesel ferries with electric boats by 2030, officials said."},
        {'r', ad},
        {'.', rule},
        {'k', quoted},
        {'k', "the first two boats are due next spring, and the rest will follow over four years."},
    };
    check_page(page);
    const auto verdicts = classify(page);
    CHECK(verdicts[1].rule == once::ShapeRule::junk);
    CHECK(once::rule_name(verdicts[1].rule) == "junk");
}

TEST_CASE("shape: a blog written in unpunctuated lines keeps them, between its menus") {
    // A Taiwanese travel blog: one clause per line, spaces for punctuation, photos between.
    check_page({
        {'r', "首頁 | 相簿 | 部落格 | 留言 | 名片"},
        {'r', "分享到 facebook | 推到 plurk | 推到 twitter"},
        {'.', ""},
        {'k', "一波波接續性低溫寒流報到 已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣"},
        {'.', "12-img_3886.jpg"},
        {'k', "玉峰道路一路上雲氣山嵐滯留山頭 順路下切蜿蜒道路後不久即抵達來到\"玉峰國小\""},
        {'k', "\"美樹\"美如其名偌大楓香樹早已呈現金黃 泛紅色彩也是愛攝人仕所喜愛造訪之地"},
        {'k', "第二次造訪美樹發現到營區變了 印象中以前生冷招牌換成了原木招牌可謂匠心獨運"},
        {'.', "30-img_4228.jpg"},
        {'k', "燻黑原木加上金黃色醒目字體 加上了貓頭鷹原木創作也充分發揮了裝飾藝術功力"},
        {'k', "營區內除了露營、民宿、餐飲、賞楓項目多了許多原木飾品更有畫龍點睛加乘效果"},
        {'.', ""},
        {'r', "分享到 facebook | 推到 plurk | 推到 twitter"},
        {'r', "相關文章"},
        {'r', "* 新竹尖石_美樹營地賞楓 (1)"},
        {'r', "* 新竹尖石_美樹營地賞楓 (2)"},
        {'r', "* 新竹五峰_民都有營地"},
    });
}

TEST_CASE("shape: the sentences introducing a listed script stay above its licence header") {
    // Debian Reference, chapter 12 (bench/docsite.py, reference-en/ch12.en.html; the zh and ja
    // pages alike): a table of packages, three sentences, then a shell script whose second line is
    // its licence header. Read as a rights line, the header was chrome below the sentences, and
    // on the page they went as lines between chrome with the script's first line (this cut of the
    // page keeps the sentences either way; the header line is what fails without the rule).
    check_page({
        {'k', "the shell script can be improved to create an attractive gui program. the trick is to use one of so-called "
              "dialog programs instead of dull interaction using echo and read commands."},
        {'.', ""},
        {'.', "table 12.9. list of dialog programs"},
        {'.', ""},
        {'.', "package popcon size description"},
        {'.', "x11-utils v:169, i:556 712 xmessage(1): display a message or query in a window (x)"},
        {'.', "whiptail v:258, i:996 57 displays user-friendly dialog boxes from shell scripts (newt)"},
        {'.', "dialog v:13, i:113 1213 displays user-friendly dialog boxes from shell scripts (ncurses)"},
        {'.', "zenity v:74, i:356 167 display graphical dialog boxes from shell scripts (gtk)"},
        {'.', ""},
        {'k', "here is an example of gui program to demonstrate how easy it is just with a shell script."},
        {'.', ""},
        {'k', "this script uses zenity to select a file (default /etc/motd) and display it."},
        {'.', ""},
        {'k', "gui launcher for this script can be created following section 9.4.10, \"starting a program from gui\"."},
        {'.', ""},
        {'k', "#!/bin/sh -e"},
        {'k', "# copyright (c) 2021 osamu aoki <osamu@debian.org>, public domain"},
        {'.', "# vim:set sw=2 sts=2 et:"},
        {'.', "data_file=$(zenity --file-selection --filename=\"/etc/motd\" --title=\"select a file to check\") || \\"},
        {'.', "  ( echo \"e: file selection error\" >&2 ; exit 1 )"},
        {'.', "fi"},
        {'.', ""},
        {'k', "this kind of approach to gui program with the shell script is useful only for simple choice cases. if you "
              "are to write any program with complexities, please consider writing it on more capable platform."},
    });
}
