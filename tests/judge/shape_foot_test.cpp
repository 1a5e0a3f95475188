// shape_foot_test.cpp — the page's foot (docs/boilerplate.md, step 3, "The article's end"): from
// the first pair of chrome lines after the article's main run of paragraphs, everything to the
// page's end goes — comments, their form, newsletter boxes — unless the article goes on down there.
// Pages are tables of rows (shape_rows.hpp).
#include "shape_rows.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using once::test::check_page;
using once::test::Row;
using once::test::k_story;
using once::test::story_rows;
using once::test::operator+;

const std::vector<std::string> k_story_ja = {
    "嵐のさなかに客が来るとは灯台守は思っていなかったし、中に入れる前にそう二度も言った。その間も頭上ではずっと灯りが回っていた。",
    "塔の中では階段がきつい螺旋を描いて上へ続き、どの踊り場にも灰色の海と下の岩を見下ろす小さな窓があった。",
    "三十年この灯りを守ってきたが、あの三月の夜ほど海がうるさかったことは一度もなかったと彼は言った。",
    "雨がやむと二人は灯室へ上った。大きなレンズがゆっくりと回り、その光は湾の向こうの船まで届いていた。",
};

// The rows without their last blank line: the next line stands in the last paragraph's block.
std::vector<Row> closed_up(std::vector<Row> rows) {
    rows.pop_back();
    return rows;
}

}  // namespace

TEST_CASE("shape: after the article's share row, comments and their form go to the page's end (article-end)") {
    check_page(story_rows(k_story) + std::vector<Row>{
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
        {'r', "jane doe, march 3, 2019 at 4:51 am"},
        {'r', "what a lovely story, thank you for telling it."},
        {'r', "john smith, march 4, 2019"},
        {'r', "beautiful pictures!"},
        {'.', ""},
        {'r', "your email address will not be published."},
        {'r', "name"},
        {'r', "website"},
    });
}

TEST_CASE("shape: the article's end needs little of the article below it, two chrome lines, and chrome by form") {
    // The article goes on after a share row in the middle: more than a fifth of its weight below.
    check_page(story_rows({k_story[0], k_story[1]}) + std::vector<Row>{
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
        {'k', k_story[2]},
        {'.', ""},
        {'k', k_story[3]},
        {'.', ""},
        {'k', "the museum reopens on may 3."},
    });
    // A photo credit is no end of the article, even two of them.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'r', "\u00a9 2019 picture alliance/dpa"},
        {'r', "\u00a9 2019 reuters"},
        {'.', ""},
        {'k', "the museum reopens on may 3."},
    });
    // A lone contact line over the article's closing lines (a livedoor page).
    check_page(story_rows(k_story_ja) + std::vector<Row>{
        {'r', "お問い合わせ:03-3770-6170"},
        {'.', ""},
        {'k', "一目惚れするコスメ、ありましたか?"},
        {'k', "大好きなコスメに囲まれて、幸せオーラ全開で毎日過ごしたいですね!"},
    });
    // A section every article of the site has is recurrence's business, not the article's end.
    check_page(story_rows(k_story_ja) + std::vector<Row>{
        {'r', "■プロフィール", 6},
        {'r', "■プロフィール詳細", 6},
        {'k', "1975年東京生まれ。探偵社に勤める。"},
        {'k', "浮気や離婚の問題で活躍中。"},
    }, {}, 10);
}

TEST_CASE("shape: script source printed as text is no main run of paragraphs") {
    const std::string script =
        "for (var k in this.items) {if (this.items[k].is_open && this.items[k].value) {return this.close(k)}}; "
        "this.view.render(this.model). this.model.set(this.value, {silent: true}). if (this.is_done) {this.end()}.";
    check_page(std::vector<Row>{
        {'.', script}, {'.', script}, {'.', script}, {'.', script}, {'.', script}, {'.', script}, {'.', script},
        {'.', script}, {'.', script}, {'.', script}, {'.', script}, {'.', script}, {'.', script}, {'.', script},
        {'.', ""},
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
    } + story_rows(k_story));
}

TEST_CASE("shape: a menu of bulleted items with descriptions is no main run of paragraphs") {
    // A site menu whose every item carries a sentence of description outweighs the article; its
    // bulleted lines count for nothing, so the article is the main run and stays.
    std::vector<std::string> items;  // the rows' text lives here (Row holds a view)
    for (int i = 0; i < 24; ++i)
        items.push_back("+ service centre " + std::to_string(i) +
                        ": here you will find the forms, the templates and the applications that our office offers "
                        "to every member of the parish.");
    std::vector<Row> rows;
    for (const std::string& item : items) rows.push_back({'.', item});
    rows.push_back({'.', ""});
    rows.push_back({'r', "search"});
    rows.push_back({'r', "login"});
    rows.push_back({'.', ""});
    check_page(rows + story_rows(k_story));
}

// A column of short lines after the article (k_foot_run_lines, docs/boilerplate.md step 3.8): a
// teaser list or a comment section seldom has two chrome lines in a row, but it is a run of short
// title-like lines with a button among them. Its first line stays (the article's closing line).
TEST_CASE("shape: a column of short lines with a button among them opens the page's foot (article-end)") {
    check_page(story_rows(k_story) + std::vector<Row>{
        {'k', "jane doe is a writer who lives on the coast"},
        {'r', "the old harbour walk that nobody takes any more"},
        {'r', "newsletter"},
        {'r', "a long winter on the island of the seals"},
        {'r', "lighthouses of the north and their keepers"},
        {'.', ""},
        {'r', "the ferry that never came back to the harbour"},
    });
    check_page(story_rows(k_story_ja) + std::vector<Row>{
        {'k', "文・山田花子(ライター)"},
        {'r', "冬の島で過ごした長い一か月の記録"},
        {'r', "ツイート"},
        {'r', "北の灯台と灯台守たちの暮らし"},
        {'r', "港の古い散歩道を歩いてみた"},
    });
    check_page(story_rows({k_story_ja[0], k_story_ja[1], k_story_ja[2]}) + std::vector<Row>{
        {'.', ""},
        {'r', "分享"},
        {'r', "冬季岛上漫长的一个月的记录"},
        {'r', "北方的灯塔和守塔人的生活"},
        {'r', "港口旧步道上的一次散步"},
    });
}

TEST_CASE("shape: a column needs a button, no facts, and to start where its list starts") {
    // Short titles without any chrome among them: headings or a list of the article's.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'k', "the old harbour walk that nobody takes any more"},
        {'k', "a long winter on the island of the seals"},
        {'k', "lighthouses of the north and their keepers"},
        {'k', "the ferry that never came back to the harbour"},
    });
    // Amounts are facts (a recipe's ingredients after its steps): a digit ends the column.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'k', "* 120g yellow noodles"},
        {'k', "* 1 tbsp minced garlic"},
        {'k', "* 2 cups of beansprouts"},
        {'k', "* 3 stalks of green onion"},
        {'.', "print"},
    });
    // A list whose first items are sentences or key:value facts is the article's, even where its last
    // items are bare titles (a wiki's external links, which readability keeps).
    check_page(story_rows(k_story) + std::vector<Row>{
        {'k', "* the lighthouse entry of the coastal survey. ministry of transport."},
        {'k', "* te ara: the encyclopedia of the coast"},
        {'k', "* the coast from the evening news"},
        {'k', "* the coast at the national library"},
        {'.', "* weather"},
        {'k', "* keepers of the coast from the heritage trust"},
    });
    // A rule drawn with one character is no title: it ends the column above it.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'k', "support the keepers of the coast and their families"},
        {'k', "the lighthouse trust of the northern coast"},
        {'k', "____________________________________________________________________________________________________"},
        {'.', "newsletter"},
        {'k', "the harbour master of the bay and his boats"},
    });
}

// Lines that lead into the foot (docs/boilerplate.md step 3.8): short title-like lines with the
// article above and the foot's chrome below are left undecided by their neighbours. Where they
// stand in one block with the article's closing line, no column can start among them, so they
// stayed; now the lines of that column that ends at the foot go with it, the closing line right
// under the last paragraph stays.
TEST_CASE("shape: short lines leading into the foot go with it, the closing line stays (article-end)") {
    check_page(closed_up(story_rows(k_story)) + std::vector<Row>{
        {'k', "jane doe writes about the sea and its keepers"},
        {'r', "more stories from the harbour desk"},
        {'r', "the week on the coast in pictures"},
        {'.', ""},
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
        {'r', "what a lovely story, thank you for telling it."},
    });
    check_page(closed_up(story_rows(k_story_ja)) + std::vector<Row>{
        {'k', "文 山田花子"},
        {'r', "灯台の記事をもっと読む"},
        {'r', "港町の最新ニュース一覧"},
        {'.', ""},
        {'r', "シェア"},
        {'r', "ツイート"},
    });
    check_page(closed_up(story_rows({k_story_ja[0], k_story_ja[1], k_story_ja[2]})) + std::vector<Row>{
        {'k', "作者 王小明"},
        {'r', "更多关于灯塔的故事"},
        {'r', "港口城市的最新新闻"},
        {'.', ""},
        {'r', "分享"},
        {'r', "微信"},
    });
}

TEST_CASE("shape: a bullet, a label ending in a colon or a bare URL above the foot stays with the article") {
    check_page(closed_up(story_rows(k_story)) + std::vector<Row>{
        {'k', "jane doe writes about the sea and its keepers"},
        {'k', "* the lighthouse trust of the northern coast"},
        {'k', "read the keepers' own reports here:"},
        {'k', "https://lighthouse-trust.example.org/reports"},
        {'.', ""},
        {'r', "share"},
        {'r', "tweet"},
    });
    check_page(closed_up(story_rows(k_story_ja)) + std::vector<Row>{
        {'k', "文 山田花子"},
        {'k', "・灯台守の会の記録"},
        {'k', "灯台守の報告を読む:"},
        {'.', ""},
        {'r', "シェア"},
        {'r', "ツイート"},
    });
}

// A review's closing summary in "【key】value" rows (ldcc movie-enter: `【見どころ】人物の感情表現` /
// `【おすすめ度】★★★★` under the closing line, a list's "see all" link and items below) is the
// article's: such a row is a key:value row, which leads nowhere (Chinese writes the same rows).
TEST_CASE("shape: 【key】value rows between the closing line and the foot stay with the article") {
    check_page(closed_up(story_rows(k_story_ja)) + std::vector<Row>{
        {'k', "灯台守の全体まとめ"},
        {'k', "【見どころ】灯台守の静かな語り口"},
        {'k', "【こんな人に観て欲しい】海が好きな人"},
        {'k', "【おすすめ度】★★★★"},
        {'r', "一覧を見る"},
        {'r', "シェア"},
        {'.', ""},
        {'r', "ツイート"},
    });
    check_page(closed_up(story_rows({k_story_ja[0], k_story_ja[1], k_story_ja[2]})) + std::vector<Row>{
        {'k', "作者 王小明"},
        {'k', "【看点】灯塔看守人的故事"},
        {'k', "【推荐指数】★★★★"},
        {'.', ""},
        {'r', "分享"},
        {'r', "微信"},
    });
}

// A list heading between paragraphs in the page's last fifth of paragraph weight heads teasers
// (trafilatura's pages: "Das könnte dich auch interessieren" over teaser paragraphs, "Über den
// Autor" over the author's box) and is not rescued as an in-article heading: it goes itself, but
// opens no link list and no foot (on ldcc a "■関連リンク" list may stand above the article's last
// section). Higher up the page the same word stays an in-article heading.
TEST_CASE("shape: a list heading in the page's last fifth stays chrome, alone (heading)") {
    check_page(story_rows(k_story) + std::vector<Row>{
        {'r', "related articles"},
        {'.', ""},
        {'k', "the keepers of the northern lights tell the story of the winter storms, of the ships they saved and of the men who came home."},
    });
    check_page(story_rows(k_story_ja) + std::vector<Row>{
        {'r', "関連記事"},
        {'.', ""},
        {'k', "北の灯台を守る人たちが、冬の嵐の夜に救った船と乗組員たちの話を、港の小さな集会所で語り合った。"},
    });
    check_page(std::vector<Row>{{'k', k_story[0]}, {'.', ""}, {'k', "related articles"}, {'.', ""}} +
               story_rows({k_story[1], k_story[2], k_story[3]}));
}

// Prose in small pieces after the article's end (k_article_end_share_den, k_foot_main_share_den):
// a comment thread weighs more than a fifth of the page, but each comment stands between chrome,
// where the rest of an article runs on unbroken.
TEST_CASE("shape: a comment thread heavier than a fifth of the page goes with the foot, comment by comment") {
    const std::vector<Row> thread = {
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
        {'r', "sallie goetsch - march 10, 2017 at 12:20 am"},
        {'r', "if there were really no demand for these developers, i would not be so busy with all of the work that comes in every single week."},
        {'r', "like"},
        {'r', "reply"},
        {'.', ""},
        {'r', "barry kooij - march 10, 2017 at 2:56 am"},
        {'r', "i feel like you are right on this one, there are many people who call themselves developers and have never written a line of code."},
        {'r', "like"},
        {'r', "reply"},
        {'.', ""},
        {'r', "rick rottman - march 10, 2017 at 2:18 pm"},
        {'r', "why does the project not have some kind of certification for the people who work with it, so that a client knows who to hire?"},
        {'r', "like"},
        {'r', "reply"},
        {'.', ""},
        {'r', "ammon - march 11, 2017 at 8:41 pm"},
        {'r', "you are correct, and in my opinion a person who does not have the skills of a programmer should not call himself one in public."},
        {'r', "like"},
        {'r', "reply"},
    };
    check_page(story_rows(k_story) + thread);
    // The rest of an article after a share row runs on in one piece: it stays, as before.
    check_page(story_rows({k_story[0], k_story[1], k_story[2]}) + std::vector<Row>{
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
        {'k', k_story[3]},
        {'.', ""},
        {'k', k_story[0]},
    });
}

TEST_CASE("shape: teaser cards after a Japanese article go with the foot; a page of many stories keeps them") {
    const std::vector<Row> cards = {
        {'r', "シェア"},
        {'r', "ツイート"},
        {'.', ""},
        {'r', "新しい駅舎が完成、開業は来月"},
        {'r', "市の中心部に建てられていた新しい駅舎が完成し、地元の住民を招いた見学会が週末に開かれた。"},
        {'r', "いいね"},
        {'r', "コメント"},
        {'.', ""},
        {'r', "港の花火大会、今年は二日間"},
        {'r', "毎年夏に開かれる港の花火大会が、今年は初めて二日間にわたって開かれることが決まった。"},
        {'r', "いいね"},
        {'r', "コメント"},
        {'.', ""},
        {'r', "図書館の開館時間を延長へ"},
        {'r', "市立図書館は来年度から平日の開館時間を午後九時まで延長すると、きょうの記者会見で発表した。"},
        {'r', "いいね"},
        {'r', "コメント"},
        {'.', ""},
        {'r', "商店街に子ども食堂がオープン"},
        {'r', "駅前の商店街の空き店舗を使って、地域の子どもたちが無料で夕食をとれる食堂が今月オープンした。"},
        {'r', "いいね"},
        {'r', "コメント"},
    };
    check_page(story_rows(k_story_ja) + cards);
    // One short story over many teasers: no article end is known, so the cards are left to context.
    // Rows view their strings: the one-story list must outlive `many` (a temporary here was a
    // use after free that only AddressSanitizer saw).
    const std::vector<std::string> one_story = {k_story_ja[0]};
    std::vector<Row> many = story_rows(one_story);
    many.push_back({'.', "シェア"});
    many.push_back({'.', "ツイート"});
    many.push_back({'.', ""});
    for (int i = 0; i < 3; ++i)
        for (const std::string& p : k_story_ja) many.push_back({'k', p}), many.push_back({'.', "いいね"}),
                                               many.push_back({'.', "コメント"}), many.push_back({'.', ""});
    check_page(many);
}

TEST_CASE("shape: the rest of an article between photo credits or in bulleted steps is no prose in pieces") {
    // A how-to's last steps after a share row, each under its photo and credit: a copyright mark
    // does not cut the article into pieces (selbermachen.de on trafilatura's pages).
    check_page(story_rows(k_story) + std::vector<Row>{
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
        {'k', "12. now set the glass panes into the guide rails of the roof struts, and make sure that each of them "
              "sits firmly in its seal."},
        {'r', "the glass panes are set into the guide rails. \u00a9 hoklartherm"},
        {'.', ""},
        {'k', "13. on the shorter panes you can now fit the cross bars for the roof windows, which will hold them "
              "in place when they are open."},
        {'r', "the cross bars are fitted to the shorter panes. \u00a9 hoklartherm"},
        {'.', ""},
        {'k', "14. the gutters are pushed into the eaves profiles on both sides, and the downpipe is fixed to the "
              "corner of the house."},
        {'r', "the gutters are pushed into the eaves profiles. \u00a9 hoklartherm"},
        {'.', ""},
        {'k', "15. at the end you seal the side walls and the roof with the wedge seal, and then you can move your "
              "plants into their new home."},
    });
    // A recipe's method after its print buttons: its bulleted steps run on in one piece, though
    // only the lines without a bullet count as the page's paragraphs.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'r', "print"},
        {'r', "pinterest"},
        {'.', ""},
        {'k', "* in a bowl combine the olive oil, the garlic and the dried herbs, and leave the mixture to stand for "
              "an hour or so."},
        {'k', "* in a large mixing bowl stir the yeast, the warm water and the honey together and leave it for ten "
              "minutes to froth."},
        {'k', "* add the flour and four spoons of the oil mix to the bowl, and stir until all of the ingredients are "
              "mixed in well."},
        {'k', "* knead the dough on a floured board for five minutes, then place it in the oiled tin and cover it "
              "with a damp cloth."},
        {'.', ""},
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
        {'.', "i love all things bread, so i was eager to try this recipe, and let me tell you that it did not "
              "disappoint at all."},
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
        {'.', "that is an incredible bread and i love it so much, we cannot have enough of it in our house these "
              "days."},
    });
}

// A gap without prose (docs/boilerplate.md step 3.8, "A gap without prose"): when nothing between
// the article's closing line and the foot reads as the article going on, the short title-like
// lines in the blocks down to the foot are the start of the chrome below — a teaser list's heading
// and titles and a byline (gofeminin.de: "Auch auf gofeminin.de" over its teasers), whatever their
// neighbours made of them and however the foot opened. The closing line stays.
TEST_CASE("shape: teaser titles between the closing line and the foot go with it when no paragraph is there (article-end)") {
    check_page(story_rows(k_story) + std::vector<Row>{
        {'k', "jane doe writes about the sea and its keepers"},
        {'.', ""},
        {'r', "also on the harbour desk"},
        {'.', ""},
        {'r', "the keeper who saved the night ferry"},
        {'.', "photos: the harbour desk archive"},
        {'r', "a winter on the northern rocks"},
        {'r', "by the harbour desk"},
        {'.', ""},
        {'r', "newsletter"},
        {'r', "follow us on facebook"},
        {'.', ""},
        {'r', "the sea at night and the lamps of the coast"},
    });
    check_page(story_rows(k_story_ja) + std::vector<Row>{
        {'k', "文 山田花子"},
        {'.', ""},
        {'r', "こちらもおすすめ港町だより"},
        {'.', ""},
        {'r', "夜のフェリーを救った灯台守"},
        {'.', "写真:港町編集部アーカイブ"},
        {'r', "北の岩場で過ごした冬の話"},
        {'r', "港町編集部より"},
        {'.', ""},
        {'r', "シェア"},
        {'r', "ツイート"},
    });
    check_page(story_rows({k_story_ja[0], k_story_ja[1], k_story_ja[2]}) + std::vector<Row>{
        {'k', "作者 王小明"},
        {'.', ""},
        {'r', "港口城市的其他故事"},
        {'.', ""},
        {'r', "救了夜班渡轮的灯塔看守人"},
        {'.', "摄影:港口编辑部"},
        {'r', "在北方岩石上度过的冬天"},
        {'.', ""},
        {'r', "分享"},
        {'r', "微信"},
    });
}

// ... but not when the article goes on below its closing line: a line ending in a colon that
// introduces what follows (flowfx.de: "as usual, stackoverflow knows the answer. in short:" over a
// config file's lines), a digit (ldcc: a phone's spec table, a list of nominees), a sentence or a
// line broken at a comma (ldcc topic-news: "そして・・・" / "もしものときは、" / "…と、メンバーに訴えた。").
TEST_CASE("shape: short lines under a colon, beside a digit or a sentence stay with the article") {
    check_page(story_rows(k_story) + std::vector<Row>{
        {'k', "and here are the places the keeper named:"},
        {'.', ""},
        {'k', "the northern lamp house"},
        {'.', "photos: the harbour desk archive"},
        {'.', "the rocks of the bay"},
        {'.', ""},
        {'r', "newsletter"},
        {'r', "follow us on facebook"},
    });
    check_page(story_rows(k_story_ja) + std::vector<Row>{
        {'k', "文 山田花子"},
        {'.', ""},
        {'k', "灯台の基本データ"},
        {'.', ""},
        {'k', "灯台の高さ"},
        {'k', "32メートル"},
        {'.', ""},
        {'r', "シェア"},
        {'r', "ツイート"},
    });
    check_page(story_rows(k_story_ja) + std::vector<Row>{
        {'k', "文 山田花子"},
        {'.', ""},
        {'k', "そして灯台守は"},
        {'k', "最後にもう一度"},
        {'.', ""},
        {'k', "海を見た。"},
        {'.', ""},
        {'r', "シェア"},
        {'r', "ツイート"},
    });
}

// Stamps after the article's end (k_stamp_repeats): a comment thread or a teaser list with no
// chrome line in it, each comment or card under a date or time printed in one form.
TEST_CASE("shape: a thread of comments under stamps of one form goes with the foot (article-end)") {
    // A German deal forum's thread under its share buttons: a user name, a stamp, the comment, no
    // reply button the lexicon knows. The comments are paragraphs, and the thread outweighs a fifth.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'r', "teilen"},
        {'r', "drucken"},
        {'.', ""},
        {'r', "montana"},
        {'r', "18.10.2019, 16:18 zum antworten anmelden zitieren #"},
        {'r', "der gutschein vor drei wochen war lukrativer, da kam man pro glas auf einen besseren preis."},
        {'.', ""},
        {'r', "mikenils"},
        {'r', "18.10.2019, 16:31 zum antworten anmelden zitieren #"},
        {'r', "ich trinke keinen kaffee, habe es nur gesehen und dachte, ich gebe es mal in die runde."},
        {'.', ""},
        {'r', "mailshopper"},
        {'r', "18.10.2019, 18:32 zum antworten anmelden zitieren #"},
        {'r', "das war eine andere marke, und auf den preis kam man nur mit einem zusätzlichen gutschein."},
    });
    // An English blog's comments under its share row: names differ, the stamp's form does not.
    // Each comment is a paragraph and the thread outweighs a fifth of the page; the stamps cut it
    // into pieces, as reply buttons would.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
        {'r', "sarah miller - june 30, 2013 at 2:33 pm"},
        {'r', "why do you put the sugar in twice? i have always done it once and the muffins were fine."},
        {'.', ""},
        {'r', "peter jones - july 1, 2013 at 9:10 am"},
        {'r', "thank you for the recipe, the muffins were gone before they had cooled on the table."},
        {'.', ""},
        {'r', "anna brown - july 4, 2013 at 11:47 pm"},
        {'r', "can i use whole wheat flour instead of the white flour, or will they come out too heavy?"},
    });
}

TEST_CASE("shape: teaser cards with an author and a date under the article go with the foot (article-end)") {
    // No pair of chrome lines and no column: the teasers are sentences, and only their heading is
    // chrome. The first stamp opens the foot, and the lines above it are left to their own verdict.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'.', "das könnte sie auch interessieren"},
        {'.', "tanz in der lokremise: mit allen wassern gewaschen"},
        {'r', "bettina kugler 19.10.2019, 05:00 uhr"},
        {'r', "die kompanie zeigt ein stück über das wasser, das man so schnell nicht vergessen wird."},
        {'r', "sängerin startet ihre karriere als schauspielerin"},
        {'r', "julia stephan 18.10.2019, 20:00 uhr"},
        {'r', "nach zehn jahren auf der bühne wagt sie den schritt vor die kamera und in ein neues fach."},
        {'r', "unternehmen bauen spektakuläre firmensitze"},
        {'r', "sabine altorfer 18.10.2019, 18:50 uhr"},
        {'r', "die neuen häuser der firmen sind oft mehr museum als büro, und das hat seine gründe."},
    });
}

TEST_CASE("shape: stamps do not open the foot over the article's own dated sections, nor two of them") {
    // A diary whose entries under their dates are the article: each entry outweighs a fifth.
    const std::string monday = k_story[1] + " " + k_story[2], tuesday = k_story[3] + " " + k_story[0],
                      wednesday = k_story[2] + " " + k_story[1];
    check_page(std::vector<Row>{
        {'k', k_story[0]},
        {'.', ""},
        {'k', "monday, 3 march 2014"},
        {'k', monday},
        {'.', ""},
        {'k', "tuesday, 4 march 2014"},
        {'k', tuesday},
        {'.', ""},
        {'k', "wednesday, 5 march 2014"},
        {'k', wednesday},
    });
    // Two stamps are no thread: the closing lines stay.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'k', "updated 12.03.2020, 14:00"},
        {'k', "the museum will open again in the spring, when the repairs to the roof are finished."},
        {'.', ""},
        {'k', "updated 13.03.2020, 09:30"},
        {'k', "the opening has been moved to the first of may because the roofers need another month."},
    });
}

TEST_CASE("shape: stamps over rows of figures or signing the article's own entries open no foot") {
    // An athletics meeting's results: each event under its date, then rows of figures.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'.', "hochsprung schi a w15 19.05.2007"},
        {'k', "1. daubner, svenja 1992 wü ts göppingen 1,62 m"},
        {'k', "2. löffler, michelle 1992 wü ssv ulm 1846 1,62 m"},
        {'.', ""},
        {'.', "weitsprung schi a w15 19.05.2007"},
        {'k', "1. leins, yvonne 1992 wü lg lauter 5,12 m"},
        {'k', "2. hägele, swenja 1992 wü lg rems-welland 4,98 m"},
        {'.', ""},
        {'.', "kugelstoß schi a w15 20.05.2007"},
        {'k', "1. flath, juliane 1992 wü lsg aalen 11,45 m"},
        {'k', "2. wallner, katrin 1992 wü lsg aalen 10,98 m"},
    });
    // A digest of a blog's posts: each entry signed with its author and date, the first right
    // under the main run's last paragraph.
    check_page(story_rows({k_story[0], k_story[1]}) + std::vector<Row>{
        {'k', "f-secure by: sean sullivan (march 1, 2012)"},
        {'.', ""},
        {'k', k_story[2]},
        {'k', "f-secure by: sean sullivan (february 28, 2012)"},
        {'.', ""},
        {'k', k_story[3]},
        {'k', "f-secure by: sean sullivan (february 22, 2012)"},
    });
}

// A box of links to other stories under the article, and an author's note under the box: the
// titles stand between two paragraphs, so only the box's label tells them from the article's own
// short lines. The label went uncounted in four languages ("lies auch", "veja também",
// "latest on", "lea también: <title>") and the box stayed whole (trafilatura's devset: familie.de,
// gazetadopovo, nature, diaadia; session 31). The same box under a Japanese or Chinese story,
// whose labels the word lists held already, goes the same way.
TEST_CASE("shape: a box of other stories under its see-also label goes, in every language (heading, link-list)") {
    const std::vector<Row> note = {
        {'.', ""},
        {'.', "the author has written about lighthouses and their keepers for twenty years, and lives by the sea with two dogs."},
    };
    for (std::string_view label : {"lies auch", "veja também", "latest on:", "zum weiterlesen:", "explore further"}) {
        CAPTURE(label);
        check_page(story_rows(k_story) + std::vector<Row>{
            {'r', label},
            {'.', ""},
            {'r', "the last keeper of the northern light retires"},
            {'r', "ships in the bay wait out the winter storm"},
            {'r', "a new lens for the old tower on the point"},
        } + note);
    }
    // A lead-in and another story's title on one line, under the article. (Between two of its
    // paragraphs such a line is still rescued as an in-article heading would be: docs/boilerplate.md,
    // "Known limits".)
    for (std::string_view line : {"lea también: el último farero del norte se jubila tras treinta años",
                                  "mire: el faro del cabo recibe una lente nueva",
                                  "veja também: o último faroleiro do norte se aposenta",
                                  "read also: the last keeper of the northern light retires"}) {
        CAPTURE(line);
        check_page(story_rows(k_story) + std::vector<Row>{{'r', line}});
    }
    check_page(story_rows(k_story_ja) + std::vector<Row>{
        {'r', "あわせて読みたい"},
        {'.', ""},
        {'r', "北の灯台守、三十年の勤めを終える"},
        {'r', "冬の嵐、湾内で船が足止め"},
        {'r', "岬の古い塔に新しいレンズ"},
        {'.', ""},
        {'.', "筆者は二十年にわたり灯台とその守り手について書き続けており、海辺の町で二匹の犬と暮らしている。"},
    });
    check_page(story_rows(k_story) + std::vector<Row>{
        {'r', "相关阅读"},
        {'.', ""},
        {'r', "北方灯塔最后一位守塔人退休"},
        {'r', "冬季风暴来袭 港内船只停航"},
        {'r', "海角老灯塔换上新透镜"},
    } + note);
}
