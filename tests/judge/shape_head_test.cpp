// shape_head_test.cpp — the page's top (docs/boilerplate.md, step 3, "The article's start"): above
// the nearest pair of chrome lines over the story everything goes (rule article-start), but the
// page's headline stays, and so does what stands between it and the story.
// Pages are tables of rows (shape_rows.hpp).
#include "shape_rows.hpp"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

namespace {

using once::test::check_page;
using once::test::Row;

// The story's paragraphs are string literals: a row holds a view of its text, so the text must
// outlive the rows (a vector of std::string here left them dangling once the call returned).
void add_story(std::vector<Row>& rows, const std::vector<std::string_view>& story) {
    for (std::string_view p : story) {
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

TEST_CASE("shape: an app review's title, found by position under its date line, stays over its recommendation rows (article-start)") {
    // A Japanese news site's app review (livedoor's it-life-hack): the URL and date lines, the
    // title with a catch phrase and the series' name in brackets, then the series' recommendation
    // rows (their labels recur on the site's reviews; the line between them is chrome by its place),
    // the app's spec box and the review. The title's words come back in the review by less than
    // half (the catch phrase and the series' name are not the story's), so it is found by position:
    // the date line above it is no other title of a column, and stays with it. Lines are counted
    // over the site's 870 reviews as on livedoor: the date line's shape recurs on a few pages.
    constexpr std::uint32_t site = 870;
    std::vector<Row> rows = {
        {'.', "http://news.livedoor.com/article/detail/6303141/", site, false, 1},
        {'k', "2012-02-22t17:00:00+0900", 5, false, 1},
        {'k', "戦国武将が勢揃い!戦国rpg 真・戦国バスター【iphoneでチャンスを掴め】", 1},
        {'r', "こんな人におすすめ:", 300},
        {'.', "戦国武将が好きな人", 1},
        {'r', "こんな時におすすめ:", 300},
        {'.', "戦国rpgがしたいとき、ひまつぶし", 1},
        {'.', ""},
        {'k', "アプリ名:真・戦国バスター", 1},
        {'.', "カテゴリ:ゲーム", 120},
        {'k', "価格:無料、アイテム課金", 1},
        {'.', ""},
    };
    add_story(rows, {
        "戦国rpgの「真・戦国バスター」です。携帯ゲームからiphoneアプリになりました。累計ユーザー数200万人を超えるソーシャルゲームアプリです。",
        "伊達政宗・織田信長などの有名武将と戦い物語を進めます。途中、戦った相手を仲間にしたり、育成して戦国最強を目指します。",
        "ガチャといって、初回は3名、次からは一日1名、武将をゲットする事ができます。お茶会や同盟などもできます。",
    });
    check_page(rows, {}, site);
}

TEST_CASE("shape: an English post's date line right above its title stays with it (article-start)") {
    // A blog post as a scraper prints it: its URL and date lines, the post's title, a share row,
    // the post. The top goes down to the
    // title, but the date right above the title is the head's: a fact of the post.
    constexpr std::uint32_t site = 200;
    std::vector<Row> rows = {
        {'.', "https://quietgardener.example/2019/03/05/frost/", site, false, 1},
        {'k', "tuesday 5 march 2019 10:42 gmt", 5, false, 1},
        {'k', "what the frost left behind", 1},
        {'r', "share on facebook", 1},
        {'r', "share on twitter", 1},
        {'.', ""},
    };
    add_story(rows, {
        "every march i walk the beds before breakfast and count what made it through the cold nights, and "
        "this year the count was smaller than i had hoped.",
        "the leeks stood up well, the garlic is already green, but the young sage by the wall is gone and "
        "so are most of the pansies i planted in the autumn.",
        "next winter i will cover the wall bed with fleece in november, and i will move the sage into a pot "
        "that can spend the worst weeks in the shed.",
    });
    check_page(rows, {}, site);
}

TEST_CASE("shape: a Chinese dateline right above the headline stays with it (article-start)") {
    // A Chinese news article as a scraper prints it: its URL line, the dateline with its source,
    // the headline whose words come back in the story, a share row, the story.
    constexpr std::uint32_t site = 500;
    std::vector<Row> rows = {
        {'.', "http://news.binjiang.example/2016/0717/4521.html", site, false, 1},
        {'k', "2016-07-17 17:21 来源:滨江日报", 5, false, 1},
        {'k', "市议会批准江上新桥建设计划", 1},
        {'r', "分享到微博", 1},
        {'r', "分享到微信", 1},
        {'.', ""},
    };
    add_story(rows, {
        "市议会周二投票批准了江上新桥的建设计划，结束了这场持续十多年、令全市意见分歧的争论。新桥建设计划获批后将尽快开工。",
        "新桥将供汽车和自行车通行，在最后的许可获得批准后，预计明年春天开始建设，工期约为两年。",
        "反对者表示将继续反对这一计划，但在会议上发言的大多数居民对争论的结束表示欢迎。",
    });
    check_page(rows, {}, site);
}

// lynx's line of the page's <head> links (docs/boilerplate.md, step 1, "head links"): the dump's
// first line, "#" glued to the first link's title, lists feeds and editions; it goes, and the
// headline and story right under it stay.
TEST_CASE("shape: lynx's line of <head> links at the page's top goes, the headline under it stays (head-links)") {
    // English: an encyclopedia page, its edit and feed links, then the headline and the story.
    std::vector<Row> rows = {
        {'r', "#edit this page wikipedia (en) wikipedia atom feed"},
        {'.', ""},
        {'k', "hermitian matrix"},
        {'.', ""},
    };
    add_story(rows, {
        "in mathematics, a hermitian matrix is a complex square matrix that is equal to its own conjugate "
        "transpose, and it is the complex extension of the real symmetric matrix.",
        "hermitian matrices can be understood as the complex extension of real symmetric matrices, and "
        "they appear in quantum mechanics as the observables of a system.",
    });
    check_page(rows);
    const auto verdicts = once::test::classify(rows);
    CHECK(verdicts[0].rule == once::ShapeRule::head_links);
    CHECK(once::rule_name(verdicts[0].rule) == "head-links");

    // German: a blog's feeds under lynx's refresh line; the post's title and text stay.
    std::vector<Row> de = {
        {'.', "refresh(900 sec): file://localhost/source.html"},
        {'r', "#zugreiseblog » feed zugreiseblog » kommentar-feed zugreiseblog » db lounge: neue regeln"},
        {'.', ""},
        {'k', "db lounge: neue regeln für reisende"},
        {'.', ""},
    };
    add_story(de, {
        "der leuchtturmwärter hatte mitten im sturm keinen besuch erwartet, und er sagte das zweimal, bevor er "
        "die beiden hereinließ. über ihnen drehte sich die ganze zeit die lampe.",
        "drinnen wand sich die treppe in einer engen spirale den turm hinauf, und auf jedem absatz gab es ein "
        "kleines fenster, das auf das graue wasser und die felsen hinaussah.",
    });
    check_page(de);
}

TEST_CASE("shape: a Markdown heading, a hashtag further down and a headline first are no <head> links (head-links)") {
    // A Markdown heading has a space after its "#"; a hashtag is the line of lynx's only at the
    // page's top; a page that starts with its headline keeps it.
    std::vector<Row> rows = {
        {'k', "# release notes for version two"},
        {'.', ""},
    };
    add_story(rows, {
        "the keeper had not expected visitors in the middle of the storm, and he said so twice before he let "
        "them in. the lamp was turning above them all the while.",
    });
    rows.push_back({'k', "#lighthouses are the last of the old trades, and the keepers know it better than anyone."});
    rows.push_back({'.', ""});
    add_story(rows, {
        "inside, the stairs wound up the tower in a tight spiral, and every landing had a small window that "
        "looked out over the grey water and the rocks below.",
    });
    check_page(rows);
    for (const auto& v : once::test::classify(rows)) CHECK(v.rule != once::ShapeRule::head_links);

    std::vector<Row> headline = {
        {'k', "council approves new bridge over the river after years of debate"},
        {'.', ""},
    };
    add_story(headline, {
        "the council approved the new bridge over the river on tuesday, after years of debate about its "
        "cost and about the old ferry that it will replace.",
    });
    check_page(headline);
    for (const auto& v : once::test::classify(headline)) CHECK(v.rule != once::ShapeRule::head_links);
}

// lynx's MathML source (docs/boilerplate.md, step 1, "formula source"): on a wiki page it carries
// the formula's TeX as an annotation, and the page prints that TeX again right after it; the
// source goes, the TeX and the prose around it stay. A MathJax page's MathML has no annotation:
// it is the formula's only copy and stays.
TEST_CASE("shape: a formula's MathML source with its TeX annotation goes, the TeX and the prose stay (math-source)") {
    std::vector<Row> rows;
    add_story(rows, {
        "in mathematics, a hermitian matrix is a complex square matrix that is equal to its own conjugate "
        "transpose, for all indices i and j:",
    });
    rows.push_back({'r', "[math: <semantics> <mrow class=\"mjx-texatom-ord\"> <mstyle displaystyle=\"true\" "
                         "scriptlevel=\"0\"> <mi> a </mi> <mo> = </mo> <msup> <mi> a </mi> <mi> h </mi> </msup>"});
    rows.push_back({'r', "</mstyle> </mrow> <annotation encoding=\"application/x-tex\"> {\\displaystyle a=a^{h}} "
                         "</annotation> </semantics> :math]"});
    rows.push_back({'k', "{\\displaystyle a=a^{h}}"});
    rows.push_back({'.', ""});
    add_story(rows, {
        "hermitian matrices can be understood as the complex extension of real symmetric matrices, and "
        "they appear in quantum mechanics as the observables of a system.",
    });
    check_page(rows);
    const auto verdicts = once::test::classify(rows);
    CHECK(verdicts[2].rule == once::ShapeRule::math_source);
    CHECK(verdicts[3].rule == once::ShapeRule::math_source);
    CHECK(once::rule_name(once::ShapeRule::math_source) == "math-source");
}

TEST_CASE("shape: MathML without a TeX annotation is the formula itself and stays (math-source)") {
    // A MathJax page (German): the MathML is the only copy of the formula.
    std::vector<Row> rows;
    add_story(rows, {
        "für eine quadratische gleichung mit einem koeffizienten, der nicht null ist, gibt es genau zwei "
        "lösungen, und sie lauten so:",
    });
    rows.push_back({'k', "[math: <mi> x </mi> <mo> = </mo> <mrow> <mfrac> <mrow> <mo> − </mo> <mi> b </mi> "
                         "</mrow> <mrow> <mn> 2 </mn> <mi> a </mi> </mrow> </mfrac> </mrow> :math]"});
    rows.push_back({'.', ""});
    add_story(rows, {
        "der leuchtturmwärter hatte mitten im sturm keinen besuch erwartet, und er sagte das zweimal, bevor er "
        "die beiden hereinließ. über ihnen drehte sich die ganze zeit die lampe.",
    });
    check_page(rows);
    for (const auto& v : once::test::classify(rows)) CHECK(v.rule != once::ShapeRule::math_source);
}

// A page alone (no other page of its site to show what recurs): the share row between the
// header's title and the headline has every label in the lexicon, so it goes. "email this" and
// "でシェア" were missing, and the row stayed whole between two lines the page keeps
// (session 30, probe; the page's title line above it is judged as before).
TEST_CASE("shape: a share row under the page's title goes, its labels all buttons (email this, Xでシェア)") {
    std::vector<Row> en = {
        {'r', "home | news | sport | business | contact"},
        {'.', "council approves new bridge budget - riverside gazette"},
        {'r', "share on facebook share on twitter email this"},
        {'.', ""},
        {'k', "council approves new bridge budget"},
        {'.', ""},
    };
    add_story(en, {
        "the city council voted on tuesday to approve a budget of 12 million dollars for the new river bridge, "
        "ending two years of debate.",
        "construction is expected to begin next spring and should take about eighteen months, according to the "
        "city engineer.",
        "residents on the east bank said the crossing would cut their commute in half.",
    });
    check_page(en);
    std::vector<Row> ja = {
        {'r', "ホーム | ニュース | スポーツ | 経済 | お問い合わせ"},
        {'.', "市議会、新しい橋の予算を承認|川辺新聞"},
        {'r', "xでシェア facebookでシェア lineで送る"},
        {'.', ""},
        {'k', "市議会、新しい橋の予算を承認"},
        {'.', ""},
    };
    add_story(ja, {
        "市議会は火曜日、新しい橋の建設費として十二億円の予算を可決し、二年にわたる議論に決着をつけた。",
        "工事は来年春に始まり、約十八か月かかる見通しだと市の技師は説明した。",
        "東岸の住民は、通勤時間が半分になると話している。",
    });
    check_page(ja);
}

TEST_CASE("shape: the page's title printed in the header with the site's name goes, the headline over the story stays (issue 11.1)") {
    // A news page as a scraper stores it: the window title ("Headline - Site"), the masthead and
    // menu, the headline again over the byline and the story. The header's copy is the site's
    // chrome; the one over the story is the page's headline. English, Chinese and Japanese, each
    // page alone (no other page of the site to count recurrence on).
    std::vector<Row> en = {
        {'r', "schools reopen after flood repairs - riverside gazette"},
        {'.', ""},
        {'.', "riverside gazette"},
        {'.', "home news sport business opinion contact"},
        {'.', ""},
        {'k', "schools reopen after flood repairs"},
        {'.', ""},
        {'k', "by tom reed, 14 march 2024"},
        {'.', ""},
    };
    add_story(en, {
        "three primary schools in the east of the town opened their doors again on monday, six weeks after the "
        "winter floods damaged their classrooms and heating systems.",
        "parents had been driving their children to temporary rooms in the sports hall across the river. the head "
        "teachers thanked the builders, who worked through the weekends to finish the repairs in time.",
        "the county has promised to pay for new drains around the schools so that the water cannot reach the "
        "buildings again. an inspector will visit the sites before the summer term.",
    });
    check_page(en);
    std::vector<Row> zh = {
        {'r', "受洪水影响的三所学校恢复上课_滨江日报"},
        {'.', ""},
        {'.', "滨江日报"},
        {'.', "首页 新闻 体育 财经 评论 联系我们"},
        {'.', ""},
        {'k', "受洪水影响的三所学校恢复上课"},
        {'.', ""},
        {'k', "2024-03-14 10:05 来源:滨江日报"},
        {'.', ""},
    };
    add_story(zh, {
        "城东的三所小学于周一重新开学，此前冬季洪水损坏了教室和供暖系统，学生们已经停课六周。",
        "在此期间，家长们每天开车送孩子到河对岸体育馆里的临时教室上课。校长们感谢施工队伍周末加班，按时完成了修缮工作。",
        "县政府承诺出资在学校周围修建新的排水系统，以防洪水再次进入校舍。夏季学期开始前，督导人员将到现场检查。",
    });
    check_page(zh);
    std::vector<Row> ja = {
        {'r', "洪水被害の小学校3校、授業を再開:川辺新聞"},
        {'.', ""},
        {'.', "川辺新聞"},
        {'.', "トップ ニュース スポーツ 経済 オピニオン お問い合わせ"},
        {'.', ""},
        {'k', "洪水被害の小学校3校、授業を再開"},
        {'.', ""},
        {'k', "2024年3月14日 10時05分"},
        {'.', ""},
    };
    add_story(ja, {
        "冬の洪水で教室や暖房設備が被害を受けた市東部の小学校3校が11日、6週間ぶりに授業を再開した。",
        "この間、保護者は川向こうの体育館に設けられた仮教室まで子どもを車で送っていた。校長らは、週末も作業を続けて修理を間に合わせた業者に感謝した。",
        "県は、再び水が校舎に入らないよう、学校の周りに新しい排水路を整備する費用を負担すると約束した。夏学期の前に担当者が現地を確認する。",
    });
    check_page(ja);
}

TEST_CASE("shape: a header line holding the headline with more than a site's name, or with none, is not the window title") {
    // What the header line adds is heavier than the headline: a subtitle, not a site's name. And
    // a header that prints the headline alone (a manual's nav bar title) is the planner's business
    // (plan/planner.cpp, hold_head_titles); the headline over the story stays in both.
    const std::vector<std::string_view> story = {
        "three primary schools in the east of the town opened their doors again on monday, six weeks after the "
        "winter floods damaged their classrooms and heating systems.",
        "parents had been driving their children to temporary rooms in the sports hall across the river. the head "
        "teachers thanked the builders, who worked through the weekends to finish the repairs in time.",
        "the county has promised to pay for new drains around the schools so that the water cannot reach the "
        "buildings again. an inspector will visit the sites before the summer term.",
    };
    // Nor is a date a site's name, printed again in the byline as it may be ("08.11.2021 | Online-
    // Fachtag …" over its headline, a trafilatura page): a fact of the story.
    for (std::string_view header : {std::string_view("schools reopen after flood repairs: what the repairs cost and who pays for the drains"),
                                    std::string_view("schools reopen after flood repairs"),
                                    std::string_view("14.03.2024 | schools reopen after flood repairs")}) {
        CAPTURE(header);
        std::vector<Row> rows = {
            {'k', header},
            {'.', ""},
            {'.', "home news sport business opinion contact"},
            {'.', ""},
            {'k', "schools reopen after flood repairs"},
            {'.', ""},
            {'k', "by tom reed, 14.03.2024"},
            {'.', ""},
        };
        add_story(rows, story);
        check_page(rows);
    }
}

TEST_CASE("shape: a headline in two halves over a section heading repeating its second half stays (issue 11.1)") {
    // A Chinese education story (the readability devset's youth page, injected into r1): the
    // headline "海外留学生看两会：出国前后关注点大不同", a photo caption, then the story's first
    // section heading "出国前后关注点大不同". The first half is no site's name: no other line of
    // the page prints it.
    std::vector<Row> rows = {
        {'k', "海外留学生看两会:出国前后关注点大不同"},
        {'.', ""},
        {'.', "图为马素湘在澳大利亚悉尼游玩时的近影。"},
        {'.', ""},
        {'k', "出国前后关注点大不同"},
        {'.', ""},
        {'.', "出国前:政治科目会出啥考题?"},
        {'.', ""},
    };
    add_story(rows, {
        "在采访中，我们了解到不少学子在出国前就每年守在电脑前观看两会直播。但是，随着年龄和阅历的增长，学子对两会的关注点也发生了变化。",
        "在澳大利亚留学的马素湘说，出国前她关注两会主要是因为政治考试，出国后她更关心国家未来的发展方向和留学生回国创业的政策。",
        "在英国读书的王同学表示，身在海外，更能体会到祖国发展带来的变化，每年两会期间都会和同学们一起讨论政府工作报告。",
    });
    check_page(rows);
}
