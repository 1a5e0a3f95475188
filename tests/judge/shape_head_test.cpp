// shape_head_test.cpp — the page's top (docs/boilerplate.md, step 3, "The article's start"): above
// the nearest pair of chrome lines over the story everything goes (rule article-start), but the
// page's headline stays, and so does what stands between it and the story.
// Pages are tables of rows (shape_rows.hpp).
#include "shape_rows.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using once::test::check_page;
using once::test::Row;

void add_story(std::vector<Row>& rows, const std::vector<std::string>& story) {
    for (const std::string& p : story) {
        rows.push_back({'k', p});
        rows.push_back({'.', ""});
    }
}

}  // namespace

TEST_CASE("shape: a site's banner over the menu goes, the headline under the menu and over a share row stays (article-start)") {
    // An English local news page: the site's name and motto (too heavy for a menu item), a menu
    // row, the headline, a share row, the story whose words the headline shares.
    std::vector<Row> rows = {
        {'r', "the riverside courier independent local news for the whole valley since 1887"},
        {'.', ""},
        {'r', "home | news | sport | weather | contact"},
        {'.', ""},
        {'k', "council approves new bridge over the river after years of debate"},
        {'.', ""},
        {'r', "share on facebook"},
        {'r', "share on twitter"},
        {'.', ""},
    };
    add_story(rows, {
        "the town council voted on tuesday to build a new bridge over the river, ending a debate that has "
        "divided the valley for more than ten years.",
        "the bridge will carry cars and bicycles, and work is expected to start next spring once the last "
        "permits have been granted by the regional office.",
        "opponents of the plan said they would keep fighting it, but most residents who spoke at the meeting "
        "welcomed the decision and the years of debate coming to an end.",
    });
    check_page(rows);
}

TEST_CASE("shape: a Japanese site's banner goes, the headline above the share row stays (article-start)") {
    std::vector<Row> rows = {
        {'r', "みなと新聞デジタル 港町の暮らしと経済を毎日お届けする地域ニュースサイト"},
        {'.', ""},
        {'r', "ホーム | 政治 | 経済 | スポーツ | 天気"},
        {'.', ""},
        {'k', "市議会、川に新しい橋の建設を承認"},
        {'.', ""},
        {'r', "この記事をシェアする"},
        {'r', "ツイート"},
        {'.', ""},
    };
    add_story(rows, {
        "市議会は火曜日、川に新しい橋を建設する計画を承認した。十年以上にわたって町を二分してきた議論に決着がついた形だ。",
        "新しい橋は車と自転車が通行でき、最後の許可が下りれば来年の春にも工事が始まる見通しだという。",
        "反対派は今後も計画に反対していくと述べたが、会合で発言した住民の多くは議論の終わりを歓迎した。",
    });
    check_page(rows);
}

TEST_CASE("shape: a short Chinese headline that looks like a menu item stays over the share row (article-start)") {
    // The headline is as light as a menu item; its words come back in the story.
    std::vector<Row> rows = {
        {'r', "滨江日报网 权威发布本地新闻资讯服务全市读者的综合性新闻门户网站"},
        {'.', ""},
        {'r', "首页 | 新闻 | 财经 | 体育 | 天气"},
        {'.', ""},
        {'k', "新桥获批建设"},
        {'.', ""},
        {'r', "分享到微博"},
        {'r', "分享到微信"},
        {'.', ""},
    };
    add_story(rows, {
        "市议会周二投票通过了在江上建设新桥的计划，结束了这场持续十多年、令全市意见分歧的争论。新桥获批后将尽快开工。",
        "新桥将供汽车和自行车通行，在最后的许可获得批准后，预计明年春天开始建设，工期约为两年。",
        "反对者表示将继续反对这一计划，但在会议上发言的大多数居民对争论的结束表示欢迎。",
    });
    check_page(rows);
}
