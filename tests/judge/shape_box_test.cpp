// shape_box_test.cpp — a box of other stories' titles under the article (docs/boilerplate.md,
// step 3, "Other stories' titles"; judge/title_box.cpp): at least 3 title-shaped lines in a row
// under the article's last long line and its closing line, about other things than the article,
// go (rule article-end); the article's own closing list, a numbered or bulleted list, a table in
// Latin letters inside a CJK article and a page of short lines stay. Pages are tables of rows
// (shape_rows.hpp).
#include "shape_rows.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "once/judge/shape.hpp"

namespace {

using once::test::check_page;
using once::test::classify;
using once::test::k_story;
using once::test::Row;
using once::test::story_rows;
using once::test::operator+;

const std::vector<std::string> k_story_zh = {
    "暴风雨来临的时候，守塔人并没有想到会有客人来访，他在让他们进门之前把这句话说了两遍。头顶上的灯一直在转动。",
    "塔里的楼梯紧紧地盘旋而上，每一个平台上都有一扇小窗，可以望见下面灰色的海水和礁石。",
    "他说他守护这盏灯已经三十年了，在这么长的时间里，海从来没有像三月的那个夜晚那样喧闹过。",
    "雨停了以后，他们一起爬上了高高的灯室，巨大的透镜在那里缓缓地转动，把明亮的光远远地投向海湾对面等待的船只。",
};

const std::vector<std::string> k_story_ja = {
    "嵐のさなかに客が来るとは灯台守は思っていなかったし、中に入れる前にそう二度も言った。その間も頭上ではずっと灯りが回っていた。",
    "塔の中では階段がきつい螺旋を描いて上へ続き、どの踊り場にも灰色の海と下の岩を見下ろす小さな窓があった。",
    "三十年この灯りを守ってきたが、あの三月の夜ほど海がうるさかったことは一度もなかったと彼は言った。",
    "雨がやむと二人は灯室へ上った。大きなレンズがゆっくりと回り、その光は湾の向こうの船まで届いていた。",
};

// Rows of one expectation, each alone between blank lines.
std::vector<Row> alone(char expect, const std::vector<std::string_view>& texts) {
    std::vector<Row> rows;
    for (const std::string_view t : texts) {
        rows.push_back({expect, t});
        rows.push_back({'.', ""});
    }
    return rows;
}

}  // namespace

TEST_CASE("shape: a box of other stories' titles under the article goes (article-end), in English, Chinese, Japanese") {
    // The closing line under the article's last paragraph stays; the titles under it go, a
    // question and a teaser cut off with an ellipsis among them.
    check_page(story_rows(k_story) + alone('k', {"photos by anna berg for the coast gazette"}) +
               alone('r', {"city council approves new budget for road repairs",
                           "why more families are moving to small towns this year?",
                           "local bakery wins national award for sourdough bread",
                           "five hikes to take before the first snow falls…"}));
    check_page(story_rows(k_story_zh) + alone('k', {"本报记者 王明"}) +
               alone('r', {"市政府公布明年道路维修预算方案", "越来越多的家庭选择搬到小城镇生活",
                           "本地面包店荣获全国酸面包大奖", "初雪之前值得一走的五条徒步路线"}));
    const auto rows = story_rows(k_story_ja) + alone('k', {"文・山田花子"}) +
                      alone('r', {"市議会が来年度の道路補修予算を承認", "小さな町へ移り住む家族が増えている理由",
                                  "地元のパン屋がサワードウで全国賞を受賞"});
    check_page(rows);
    const auto verdicts = classify(rows);
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].expect == 'r') CHECK(verdicts[i].rule == once::ShapeRule::article_end);
}

TEST_CASE("shape: the article's own closing list, numbered items, Latin rows in a CJK article stay") {
    // A list about the article's subject: its words stand in the article.
    check_page(story_rows(k_story) + alone('k', {"photos by anna berg for the coast gazette"}) +
               alone('k', {"the keeper and the lamp room in march", "the stairs of the tower and its small window",
                           "the great lens that turned above the bay", "the rocks below the grey water"}));
    // Numbered items are a list of the article's.
    check_page(story_rows(k_story) + alone('k', {"photos by anna berg for the coast gazette"}) +
               alone('k', {"1. city council approves new budget for road repairs",
                           "2. why more families are moving to small towns this year?",
                           "3. local bakery wins national award for sourdough bread"}));
    // Rows of facts, one word before the colon.
    check_page(story_rows(k_story) + alone('k', {"photos by anna berg for the coast gazette"}) +
               alone('k', {"recommendation: decanting is not necessary", "vintage: twenty years in the making",
                           "region: the hills above the southern coast"}));
    // A table in Latin letters inside a Chinese article shares no words with its text and stays.
    check_page(story_rows(k_story_zh) + alone('k', {"本报记者 王明"}) +
               alone('k', {"initial boot device detected and working", "detect network card manually twice",
                           "configure network with static address", "install base system from mirror"}));
}

TEST_CASE("shape: titles need three in a row, the article ended, and a short tail") {
    // Two titles are a pair (previous / next), not a box.
    check_page(story_rows(k_story) + alone('k', {"photos by anna berg for the coast gazette"}) +
               alone('k', {"city council approves new budget for road repairs",
                           "local bakery wins national award for sourdough bread"}));
    // A page of short lines under one long one is its article (a photo blog): the tail holds
    // more than 3/10 of the kept weight.
    check_page(story_rows({k_story[0]}) + alone('k', {"photos by anna berg for the coast gazette"}) +
               alone('k', {"city council approves new budget for road repairs",
                           "why more families are moving to small towns this year?",
                           "local bakery wins national award for sourdough bread",
                           "five hikes to take before the first snow falls…",
                           "a new ferry line opens between the two harbours",
                           "the museum of the coast reopens after two years"}));
}
