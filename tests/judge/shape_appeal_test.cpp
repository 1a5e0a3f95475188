// shape_appeal_test.cpp — calls to the reader under the article (reader_appeal.cpp;
// docs/boilerplate.md, step 3, "Calls to the reader"): a short newsletter, donation or follow plea
// addressed to the reader below the article's last long paragraph goes; the article's closing
// line, a quote, a call inside the article and a word of the list alone stay.
// Pages are tables of rows (shape_rows.hpp).
#include "shape_rows.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using once::test::check_page;
using once::test::k_story;
using once::test::Row;
using once::test::story_rows;
using once::test::operator+;

// A story whose paragraphs are long (weight > k_appeal_max_weight): the article's last long
// paragraph is its last one.
const std::vector<std::string> k_long_story = {
    "the keeper had not expected visitors in the middle of the storm, and he said so twice before he let "
    "them in, standing in the doorway with his lamp while the rain ran down the stone steps behind them "
    "and the wind pulled at their coats.",
    "he had kept the light for thirty years, he told them over a pot of tea, and in all that time the sea "
    "had never once been as loud as it was on that night in march, when the waves came over the wall of "
    "the yard and into the kitchen.",
};

// The same in Japanese and Chinese: each paragraph more than 80 CJK characters (one weight unit
// each), so the last one is the article's last long paragraph.
const std::vector<std::string> k_long_story_ja = {
    "灯台守の男性は、嵐の夜に訪ねてきた二人の客を迎え入れる前に、二度も同じことを言った。ランプを手に戸口に立った"
    "まま、雨が石段を流れ落ち、風が二人の上着を引っ張るのを黙って見ていたという。彼はその夜のことを今もよく覚えている。",
    "彼は三十年にわたって灯台の明かりを守ってきた。お茶を飲みながら語ったところによると、その間、海があの三月の夜ほど"
    "荒れたことは一度もなく、波は庭の塀を越えて台所にまで入り込んだという。翌朝、村の人々が片付けを手伝いに来た。",
};
const std::vector<std::string> k_long_story_zh = {
    "灯塔看守人没有想到会在暴风雨中迎来访客,他在让他们进门之前把同样的话说了两遍。他提着灯站在门口,雨水顺着石阶流下,"
    "狂风拉扯着客人的外套。他说,那天晚上的情景至今仍历历在目,村里的人后来也常常提起这件事情。",
    "他守护这座灯塔已经三十年了。他一边喝茶一边说,在这三十年里,大海从来没有像三月的那个夜晚那样汹涌,海浪越过院墙,"
    "一直冲进了厨房。第二天早上,村里的人们纷纷赶来帮忙清理,一直忙到了傍晚才把院子收拾干净。",
};

}  // namespace

TEST_CASE("shape: a call to the reader under the article goes (article-end)") {
    // English: a newsletter box's heading and its plea, one block each, under the article's
    // closing line. No line is a lexicon phrase alone; no chrome line opens a foot over them.
    check_page(story_rows(k_long_story) + std::vector<Row>{
        {'k', "the keeper still walks up to the tower every sunday."},
        {'.', ""},
        {'r', "the lighthouse weekly newsletter"},
        {'.', ""},
        {'r', "enter your email below to get the best stories of the week straight to your inbox."},
    });
    // German: a donation plea naming the site ("unseren") and a button's infinitive.
    check_page(story_rows(k_long_story) + std::vector<Row>{
        {'k', "der wärter lebt heute im dorf unter dem turm."},
        {'.', ""},
        {'r', "unterstützen sie unseren unabhängigen journalismus mit einer spende."},
        {'.', ""},
        {'r', "jetzt kostenlos abonnieren »"},
    });
    // Spanish: a follow prompt under a story of short paragraphs (the main run's last one bounds it).
    check_page(story_rows(k_story) + std::vector<Row>{
        {'k', "fotos: anna reed"},
        {'.', ""},
        {'r', "síguenos en telegram, instagram y facebook para recibir todas nuestras noticias"},
    });
}

TEST_CASE("shape: a Japanese or Chinese call to the reader under the article goes (article-end)") {
    // Japanese: a mail magazine box's heading (a call that closes a line which is no sentence,
    // before its lenticular bracket), a plea ending in "!" (NFKC: "！") and one that names the
    // reader.
    check_page(story_rows(k_long_story_ja) + std::vector<Row>{
        {'k', "灯台守は今も毎週日曜日に塔へ登っている。"},
        {'.', ""},
        {'r', "灯台新聞のメルマガ【無料】"},
        {'.', ""},
        {'r', "公式lineアカウントを友だち追加してね!"},
        {'.', ""},
        {'r', "最新記事をお届けするニュースレターを、あなたも購読してみませんか。"},
    });
    // Chinese: a follow prompt that is no sentence, and a plea that names the reader (您).
    check_page(story_rows(k_long_story_zh) + std::vector<Row>{
        {'k', "如今,看守人仍然每个星期天登上灯塔。"},
        {'.', ""},
        {'r', "扫码关注我们的微信公众号"},
        {'.', ""},
        {'r', "欢迎您订阅本站每日新闻,第一时间获取最新消息。"},
    });
}

TEST_CASE("shape: a Japanese or Chinese article's own words stay, whatever call they hold") {
    // A quote in 「」 ending the article: somebody's words.
    check_page(story_rows(k_long_story_ja) + std::vector<Row>{
        {'k', "灯台守は今も毎週日曜日に塔へ登っている。"},
        {'.', ""},
        {'k', "「皆さん、ぜひメルマガを購読してください」と彼は語った。"},
    });
    check_page(story_rows(k_long_story_zh) + std::vector<Row>{
        {'k', "如今,看守人仍然每个星期天登上灯塔。"},
        {'.', ""},
        {'k', "“欢迎你们关注我们的灯塔”,他笑着说。"},
    });
    // A report sentence with a call's word, not addressed to the reader: the article's.
    check_page(story_rows(k_long_story_ja) + std::vector<Row>{
        {'k', "灯台守は今も毎週日曜日に塔へ登っている。"},
        {'.', ""},
        {'k', "同社によると、地元紙の購読者数は前年より一割増えた。"},
    });
    check_page(story_rows(k_long_story_zh) + std::vector<Row>{
        {'k', "如今,看守人仍然每个星期天登上灯塔。"},
        {'.', ""},
        {'k', "该公司表示,已有三百万用户购买或订阅了这项服务。"},
    });
    // The article's closing line right under its last long paragraph, even when it asks the
    // reader to act; and a word that is no call as it stands (フォロー, "backing up").
    check_page(story_rows(k_long_story_ja) + std::vector<Row>{
        {'k', "皆さんもぜひ、灯台の公式メルマガを購読してみてはいかがだろうか。"},
        {'.', ""},
        {'k', "そんな彼を妻がフォローしている。"},
    });
    check_page(story_rows(k_long_story_zh) + std::vector<Row>{
        {'k', "如果您想了解更多,欢迎订阅灯塔协会的通讯。"},
    });
}

TEST_CASE("shape: the article's own words stay, whatever call they hold") {
    // The article's short last paragraph right under its last long one is its closing line,
    // even when it asks the reader to act.
    check_page(story_rows(k_long_story) + std::vector<Row>{
        {'k', "if you want to help, you can donate to the lighthouse trust in the village."},
    });
    // A quote ending the article: somebody's words, not the site's plea.
    check_page(story_rows(k_long_story) + std::vector<Row>{
        {'k', "the trust meets every month in the village hall."},
        {'.', ""},
        {'k', "\"subscribe to the paper and read it to your children,\" she said."},
    });
    // A letter's closing lines: its last paragraph asks for support, its greeting follows.
    check_page(story_rows(k_long_story) + std::vector<Row>{
        {'k', "we ask you to support our campaign to keep the light burning."},
        {'k', "yours sincerely,"},
        {'k', "the friends of the lighthouse"},
    });
    // French: a quote in guillemets ending the article ("vos" names the reader inside it), and a
    // report whose "du" is "of the", not German "you".
    check_page(story_rows(k_long_story) + std::vector<Row>{
        {'k', "le gardien vit aujourd'hui au village."},
        {'.', ""},
        {'k', "« abonnez-vous au journal et lisez-le à vos enfants », conclut-elle."},
    });
    check_page(story_rows(k_long_story) + std::vector<Row>{
        {'k', "le gardien vit aujourd'hui au village."},
        {'.', ""},
        {'k', "la commune a reçu la donation du terrain en mars."},
    });
    // A call above the article's last long paragraph is inside the article.
    check_page(std::vector<Row>{
        {'k', k_long_story[0]},
        {'.', ""},
        {'k', "follow us on the trail to the tower"},
        {'.', ""},
        {'k', k_long_story[1]},
    });
    // A word of the list alone, not addressed to the reader: a report, not a plea.
    check_page(story_rows(k_long_story) + std::vector<Row>{
        {'k', "the keeper lives in the village now."},
        {'.', ""},
        {'k', "die gemeinde will im frühjahr zu spenden für den turm aufrufen."},
        {'.', ""},
        {'k', "verwendete quellen: instagram, heated-newsletter, good on you"},
    });
}
