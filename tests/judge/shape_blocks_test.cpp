// shape_blocks_test.cpp — the shape classifier's judgements of blocks of lines and of the page's
// language (docs/boilerplate.md, step 1): lists wrapped at commas are not prose, the word lists
// cover a page by its sentences. Pages are tables of rows (shape_rows.hpp).
#include "shape_rows.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

using once::test::check_page;
using once::test::Row;

// A line of `count` user names separated by commas, ending in a comma (a list wrapped by width).
std::string name_line(int from, int count) {
    static const std::vector<std::string> stems = {"kuro", "mina", "sky", "fox", "leaf", "moon", "tide", "ember"};
    std::string line;
    for (int i = from; i < from + count; ++i)
        line += stems[static_cast<std::size_t>(i) % stems.size()] + "_" + std::to_string(i * 7 + 3) + ", ";
    line.pop_back();
    return line;
}

}  // namespace

TEST_CASE("shape: a list of names wrapped at commas is no paragraph, even when it outweighs the article") {
    // Six lines of twenty names: heavier than the article, every line ending in a comma. Before,
    // the block read as a hard-wrapped paragraph (and as a page written in unpunctuated lines).
    std::vector<std::string> names;
    for (int k = 0; k < 6; ++k) names.push_back(name_line(20 * k, 20));
    check_page({
        {'r', "skip to content"},
        {'r', "home | works | bookmarks | people"},
        {'.', ""},
        {'k', "a visit to the lighthouse"},
        {'.', ""},
        {'k', "the keeper had not expected visitors in the middle of the storm, and he said so twice before he "
              "let them in. the lamp was turning above them all the while."},
        {'.', ""},
        {'k', "when the rain stopped they climbed the stairs together and watched the ships come back into the "
              "bay, one by one, until the last of them had found the harbour."},
        {'.', ""},
        {'r', "comments"},
        {'.', ""},
        {'r', names[0]}, {'r', names[1]}, {'r', names[2]}, {'r', names[3]}, {'r', names[4]}, {'r', names[5]},
        {'.', ""},
        {'r', "log in"},
        {'r', "\u00a9 2024 example archive"},
    });
}

TEST_CASE("shape: hard-wrapped prose with function words stays between chrome, in Latin and CJK text") {
    check_page({
        {'r', "home | news | sport | weather"},
        {'.', ""},
        {'k', "the committee met on tuesday to discuss the plans for the new bridge,"},
        {'k', "which would replace the old crossing that has been closed since the floods,"},
        {'k', "and it agreed that work should start in the spring of next year."},
        {'.', ""},
        {'r', "share | tweet | email"},
        {'r', "\u00a9 2024 example news"},
    });
    // Japanese has no function-word test: a column of short lines ending in 、 and 。 is prose.
    check_page({
        {'r', "ホーム | ニュース | スポーツ | 天気"},
        {'.', ""},
        {'k', "委員会は火曜日に新しい橋の計画について話し合い、"},
        {'k', "洪水のあと閉鎖されている古い橋の架け替えを、"},
        {'k', "来年の春に始めることで合意した。"},
        {'.', ""},
        {'r', "シェア | ツイート | メール"},
        {'r', "\u00a9 2024 example news"},
    });
}

TEST_CASE("shape: prose wrapped at a width, its sentences running across lines, stays between chrome") {
    // readability's RFC page: a legal notice between the copyright lines and the table of contents.
    check_page({
        {'r', "copyright (c) 2014 ietf trust and the persons identified as the"},
        {'r', "document authors. all rights reserved."},
        {'.', ""},
        {'k', "this document is subject to bcp 78 and the ietf trust's legal"},
        {'k', "provisions relating to ietf documents in effect on the date of"},
        {'k', "publication of this document. please review these documents"},
        {'k', "carefully, as they describe your rights and restrictions with respect"},
        {'k', "to this document."},
        {'.', ""},
        {'r', "share | tweet | email"},
    });
    // Lines that each end their sentence are no wrapped paragraph (a headline over its tags and
    // credits), and CJK titles holding a "。" are no sentences running across lines.
    check_page({
        {'k', "the committee met on tuesday to discuss the plans for the new bridge, and it agreed that the work "
              "should start in the spring of next year."},
        {'.', ""},
        {'r', "home | news | sport | weather"},
        {'.', ""},
        {'r', "ja, ich bin an weihnachten single. problem damit?"},
        {'r', "weihnachten • liebe & beziehung • liebe"},
        {'r', "foto: anna jay."},
        {'.', ""},
        {'r', "新製品が発売。話題のカフェに行列"},
        {'r', "春の新作が登場。売り切れ続出の人気"},
        {'r', "人気の店を紹介。週末は混雑に注意。"},
        {'.', ""},
        {'r', "share | tweet | email"},
    });
}

TEST_CASE("shape: a language that shares a few short words with the word lists is not judged by them") {
    // Papiamento-like prose: "a", "e" and "na" are short words of the lists' languages too, about a
    // tenth of its words. Counted on its sentences the page is not covered, so its lines stay prose.
    check_page({
        {'r', "home | local | internacional | deporte"},
        {'.', ""},
        {'k', "prome minister a bisita e scol nobo den oranjestad riba diamars pa mira e proyecto di "
              "reciclahe cu e studiantenan a traha durante henter aña."},
        {'.', ""},
        {'k', "e studiantenan a mustra con nan ta colecta botter y papel den bario y con nan ta bende "
              "e material pa yuda e fondo di scol cu ta paga pa biahe di estudio."},
        {'.', ""},
        {'r', "facebook | whatsapp | twitter | email"},
    });
}

TEST_CASE("shape: footer links below the last paragraph follow the chrome above them to the page's end") {
    check_page({
        {'k', "a visit to the lighthouse"},
        {'.', ""},
        {'k', "the keeper had not expected visitors in the middle of the storm, and he said so twice before he "
              "let them in. the lamp was turning above them all the while."},
        {'.', ""},
        {'k', "posted in travel"},
        {'.', ""},
        {'r', "contact us"},
        {'r', "report abuse"},
        {'r', "known issues"},
        {'r', "gpl by the otw"},
    });
    check_page({
        {'k', "灯台を訪ねて"},
        {'.', ""},
        {'k', "嵐のさなかに客が来るとは灯台守は思っていなかったし、中に入れる前にそう二度も言った。その間も頭上ではずっと灯りが回っていた。"},
        {'.', ""},
        {'k', "旅行カテゴリ"},
        {'.', ""},
        {'r', "お問い合わせ"},
        {'r', "運営会社"},
        {'r', "沿革"},
        {'r', "ご意見箱"},
    });
    // Without chrome above them, short lines after the article are its signature and tags: kept.
    check_page({
        {'k', "the keeper had not expected visitors in the middle of the storm, and he said so twice before he "
              "let them in. the lamp was turning above them all the while."},
        {'.', ""},
        {'k', "jane doe"},
        {'k', "travel"},
        {'k', "lighthouses"},
    });
}

TEST_CASE("shape: a heading word over a list of titles between the article and its comments is a related list") {
    const std::string paragraph =
        "the keeper had not expected visitors in the middle of the storm, and he said so twice before he let "
        "them in. the lamp was turning above them all the while.";
    const std::string comment =
        "i visited the same lighthouse last summer and the keeper told us the very same story about the storm, "
        "word for word, which made me smile.";
    check_page({
        {'k', paragraph},
        {'.', ""},
        {'r', "related articles"},
        {'r', "- the last keeper of the northern light"},
        {'r', "- ten lighthouses you can sleep in"},
        {'r', "- how the great storm of 1987 changed the coast"},
        {'.', ""},
        {'k', comment},
    });
    check_page({
        {'k', "嵐のさなかに客が来るとは灯台守は思っていなかったし、中に入れる前にそう二度も言った。その間も頭上ではずっと灯りが回っていた。"},
        {'.', ""},
        {'r', "関連記事"},
        {'r', "・北の灯台、最後の灯台守"},
        {'r', "・泊まれる灯台10選"},
        {'r', "・コンビニでも！ 灯台グッズ発売。 限定の壁紙も配布【話題】"},
        {'.', ""},
        {'k', "去年の夏に同じ灯台を訪れましたが、灯台守は嵐の話をまったく同じ言葉で聞かせてくれて、思わず笑ってしまいました。"},
    });
    // Between paragraphs and over no list, the heading word is the article's own section.
    check_page({
        {'k', paragraph},
        {'.', ""},
        {'k', "related articles"},
        {'.', ""},
        {'k', comment},
    });
}

TEST_CASE("shape: a related list ends where two sentences with a full stop begin the article again") {
    check_page({
        {'k', "the keeper had not expected visitors in the middle of the storm, and he said so twice before he "
              "let them in. the lamp was turning above them all the while."},
        {'.', ""},
        {'r', "most read"},
        {'r', "1"},
        {'r', "the last keeper of the northern light"},
        {'r', "2"},
        {'r', "ten lighthouses you can sleep in"},
        {'.', ""},
        {'k', "oh, i think so. why?"},
        {'k', "i visited the same lighthouse last summer and the keeper told us the very same story about the "
              "storm, word for word, which made me smile."},
    });
}

TEST_CASE("shape: every rule has its own map name, and k_last_shape_rule is the last rule") {
    // Signature files store a line's rule as a byte and refuse bytes above k_last_shape_rule; a
    // rule appended to the enum without moving it would make every file that uses it "corrupt".
    // rule_name falls back to "none" for a value that is not a rule, which is how the end shows.
    std::set<std::string_view> names;
    const auto last = static_cast<unsigned>(once::k_last_shape_rule);
    for (unsigned value = 0; value <= last; ++value) {
        const std::string_view name = once::rule_name(static_cast<once::ShapeRule>(value));
        CHECK_MESSAGE(names.insert(name).second, "rule " << value << " repeats the name " << name);
    }
    CHECK(names.size() == last + 1);
    CHECK(once::rule_name(static_cast<once::ShapeRule>(last + 1)) == "none");
}

// A teaser or comment list stamps each item with its time (`14:35 …`); a colon between two digits
// is no key's end, so such a list is no spec box (step 1, key:value) and goes with the chrome
// around it. A spec box under the same chrome stays.
TEST_CASE("shape: a list stamped with times of day is no spec box") {
    const std::string_view paragraph =
        "the keeper had not expected visitors in the middle of the storm, and he said so twice before he let "
        "them in. the lamp was turning above them all the while.";
    check_page({
        {'k', paragraph},
        {'.', ""},
        {'r', "share | tweet | email"},
        {'r', "14:35 storm closes the coast road again"},
        {'r', "12:10 ferry timetable changes for the winter"},
        {'r', "09:05 new keeper starts at the north light"},
        {'.', ""},
        {'r', "contact us"},
        {'r', "privacy policy"},
    });
    check_page({
        {'k', "嵐のさなかに客が来るとは灯台守は思っていなかったし、中に入れる前にそう二度も言った。その間も頭上ではずっと灯りが回っていた。"},
        {'.', ""},
        {'r', "最新記事"},
        {'r', "2024年12月2日 14:35 海岸道路がまた通行止めに"},
        {'r', "2024年12月2日 12:10 冬のフェリー時刻表が変わる"},
        {'r', "2024年12月1日 09:05 北の灯台に新しい灯台守"},
        {'.', ""},
        {'r', "お問い合わせ"},
        {'r', "運営会社"},
    });
    check_page({
        {'k', "暴风雨中，灯塔看守没有想到会有客人来访，他在让他们进来之前说了两遍。灯一直在他们头顶上旋转。"},
        {'.', ""},
        {'r', "相关新闻"},
        {'r', "14:35 沿海公路再次封闭"},
        {'r', "12:10 冬季渡轮时刻表调整"},
        {'r', "09:05 北灯塔迎来新看守"},
        {'.', ""},
        {'r', "联系我们"},
        {'r', "隐私政策"},
    });
    check_page({
        {'k', paragraph},
        {'.', ""},
        {'r', "share | tweet | email"},
        {'k', "opening hours: 10:00 to 17:00"},
        {'k', "tickets: 4 euros"},
        {'k', "address: harbour road 1"},
        {'.', ""},
        {'r', "contact us"},
        {'r', "privacy policy"},
    });
}

TEST_CASE("shape: a section's link to its main article is chrome, but takes neither its heading nor a table above along") {
    // An encyclopedia page: a navbox's edit links, a table, the next section's heading and its
    // link line to the main article, a subsection with a "see also" line, then the paragraphs.
    check_page({
        {'k', "the realm of new zealand, one of 16 commonwealth realms, is the entire area over which the queen of new "
              "zealand is sovereign, and comprises new zealand, tokelau, the ross dependency and two self-governing states."},
        {'r', "* share | edit | history"},
        {'.', ""},
        {'k', "administrative divisions of the realm of new zealand"},
        {'k', "countries new zealand cook islands niue"},
        {'k', "territorial authorities 13 cities and 53 districts"},
        {'.', ""},
        {'k', "environment"},
        {'.', ""},
        {'r', "main article: environment of new zealand"},
        {'.', ""},
        {'k', "geography"},
        {'.', ""},
        {'r', "see also: atlas of new zealand at wikimedia commons"},
        {'.', ""},
        {'k', "new zealand is located near the centre of the water hemisphere and is made up of two main islands and a "
              "number of smaller islands. the two main islands are separated by the cook strait."},
    });
    // The same in Chinese: "主条目：" (normalized "主条目:") opens the section, after a navbox's share row.
    check_page({
        {'k', "新西兰王国是英联邦王国之一，包括新西兰本土、托克劳、罗斯属地以及库克群岛和纽埃两个自治国家，由新西兰君主统治。"},
        {'r', "* 分享 | 编辑 | 历史"},
        {'.', ""},
        {'k', "新西兰王国行政区划"},
        {'k', "国家 新西兰 库克群岛 纽埃"},
        {'.', ""},
        {'k', "地理"},
        {'.', ""},
        {'r', "主条目:新西兰地理"},
        {'.', ""},
        {'k', "新西兰位于水半球的中心附近，由两个主要岛屿和许多较小的岛屿组成，两个主要岛屿之间隔着库克海峡。"},
    });
}

TEST_CASE("shape: a link line under the article's last paragraph, with chrome below, still counts as chrome") {
    check_page({
        {'k', "the council will vote on the plan next week, and the mayor said she expected it to pass without changes."},
        {'.', ""},
        {'r', "previous: city opens new library branch"},
        {'r', "next: river festival returns in june"},
        {'.', ""},
        {'r', "weekly newsletter"},
        {'r', "© 2024 example news. all rights reserved."},
    });
}

TEST_CASE("shape: a numbered table of contents whose entries head the article's sections is the article's") {
    // A wiki's or a specification's contents under a heading word: read as a link list under
    // "contents", it went with the menu above. Its entries come back in order as the headings of
    // sections that have text, so it stays, and so do its heading and the headings it names.
    check_page({
        {'r', "home | about | blog | contact"},
        {'.', ""},
        {'k', "contents"},
        {'.', ""},
        {'k', "* 1 history"},
        {'k', "* 2 geography"},
        {'k', "+ 2.1 climate"},
        {'k', "* 3 economy"},
        {'.', ""},
        {'k', "history"},
        {'.', ""},
        {'k', "the town grew up around a river crossing in the twelfth century, and it kept its market charter "
              "through the wars that followed."},
        {'.', ""},
        {'k', "geography"},
        {'.', ""},
        {'k', "the town lies in a wide valley between two ranges of low hills, where the river turns to the "
              "south before it reaches the sea."},
        {'.', ""},
        {'k', "climate"},
        {'.', ""},
        {'k', "winters are mild and wet, and the summers are dry, with most of the rain falling in the months "
              "between october and march."},
        {'.', ""},
        {'k', "economy"},
        {'.', ""},
        {'k', "most of the people work in the port or on the farms around it, and the old mill is now a museum "
              "of the town's trade."},
        {'.', ""},
        {'r', "share | tweet | email"},
        {'r', "\u00a9 2024 example wiki"},
    });
    check_page({
        {'r', "ホーム | ニュース | ブログ | お問い合わせ"},
        {'.', ""},
        {'k', "目次"},
        {'.', ""},
        {'k', "1. はじめに"},
        {'k', "2. 準備するもの"},
        {'k', "3. 作り方"},
        {'k', "4. まとめ"},
        {'.', ""},
        {'k', "1. はじめに"},
        {'.', ""},
        {'k', "今回は、家にある材料だけで簡単に作れるパンの焼き方を紹介します。初めての方でも失敗しにくい方法です。"},
        {'.', ""},
        {'k', "2. 準備するもの"},
        {'.', ""},
        {'k', "強力粉、砂糖、塩、ドライイースト、ぬるま湯を用意します。分量は下の表のとおりで、計量は正確に行いましょう。"},
        {'.', ""},
        {'k', "3. 作り方"},
        {'.', ""},
        {'k', "材料をすべてボウルに入れてよくこね、暖かい場所で一時間ほど発酵させてから、オーブンで二十分焼きます。"},
        {'.', ""},
        {'k', "4. まとめ"},
        {'.', ""},
        {'k', "手順さえ守れば、誰でもふっくらとしたパンが焼けます。休日にぜひ試してみてください。"},
        {'.', ""},
        {'r', "シェア | ツイート | メール"},
        {'r', "\u00a9 2024 example blog"},
    });
}

TEST_CASE("shape: a chapter's title over the site's recurring contents label stays, the label goes") {
    // A manual's chapter page as a scraper stores it (Debian Reference, bench/docsite.py): the nav
    // bar and the "table of contents" label are on every chapter (recurring), the title is the
    // page's own. Between the nav bar and the label it went as a line between chrome.
    check_page({
        {'r', "prev next", 4},
        {'.', ""},
        {'k', "chapter 5. network setup"},
        {'.', ""},
        {'r', "table of contents", 4},
        {'.', ""},
        {'k', "5.1. the basic network infrastructure"},
        {'k', "5.2. the modern network configuration"},
        {'k', "5.3. the legacy network configuration"},
        {'.', ""},
        {'k', "5.1. the basic network infrastructure"},
        {'.', ""},
        {'k', "let's review the basic network infrastructure on the modern debian system, from the names of "
              "the hosts to the addresses they are given."},
        {'.', ""},
        {'k', "5.2. the modern network configuration"},
        {'.', ""},
        {'k', "for the modern debian desktop system, the network manager configures the interfaces, and the "
              "old configuration files are left alone."},
        {'.', ""},
        {'k', "5.3. the legacy network configuration"},
        {'.', ""},
        {'k', "the legacy interfaces file is still read at boot, and the network is brought up by the "
              "networking service before anything else starts."},
        {'.', ""},
        {'r', "prev up next", 4},
    }, {}, 4);
}

TEST_CASE("shape: a related list whose stories follow with their teasers is no table of contents") {
    // A list of titles, then each title again over its teaser: in order, each over text, as a
    // contents list's headings are. Without numbers it is a related list and goes with its heading.
    check_page({
        {'r', "home | news | sport | weather"},
        {'.', ""},
        {'k', "the council met on tuesday to discuss the plans for the new bridge, which would replace the old "
              "crossing that has been closed since the floods."},
        {'.', ""},
        {'k', "it agreed that work should start in the spring of next year, once the funding from the region "
              "has been confirmed in writing."},
        {'.', ""},
        {'r', "related articles"},
        {'r', "* storm closes the coast road"},
        {'r', "* harbour festival returns"},
        {'r', "* school wins chess final"},
        {'.', ""},
        {'.', "storm closes the coast road"},
        {'.', ""},
        {'.', "the road was shut on monday after the waves broke over the wall, and it will stay closed for a week."},
        {'.', ""},
        {'.', "harbour festival returns"},
        {'.', ""},
        {'.', "the boats will be open to visitors all weekend, and the fireworks start at nine on saturday."},
        {'.', ""},
        {'.', "school wins chess final"},
        {'.', ""},
        {'.', "the team of five beat last year's winners in the final round, and they will play in the capital."},
        {'.', ""},
        {'r', "share | tweet | email"},
        {'r', "\u00a9 2024 example news"},
    });
}

// docs/boilerplate.md, step 3.6: the page's top edge is no article. Menu items between it and
// the chrome right above the headline are read upwards from that chrome; what is not chrome
// between them and the head, a headline over a site template, and a title over a lone heading
// word stay.
TEST_CASE("shape: menu items between the page's top edge and the chrome above the headline are a menu") {
    const Row story_en{'k', "the council has approved a new cycle lane along the riverside road, after two years of "
                            "consultation with residents and local shops, and work will start in the spring."};
    const Row more_en{'k', "shop owners had feared the loss of parking spaces, but the final plan keeps most of them "
                           "and adds a loading bay at each end of the street for deliveries."};
    check_page({
        {'r', "example gazette"},
        {'.', ""},
        {'r', "* local"},
        {'r', "* culture"},
        {'r', "* opinion"},
        {'.', ""},
        {'r', "sign in | subscribe"},
        {'r', "(button) menu"},
        {'.', ""},
        {'k', "riverside road gets its cycle lane at last"},
        {'k', "by anna price"},
        {'.', ""},
        story_en,
        {'.', ""},
        more_en,
    });
    check_page({
        {'r', "みどり新聞"},
        {'.', ""},
        {'r', "* 国内"},
        {'r', "* 経済"},
        {'r', "* エンタメ"},
        {'.', ""},
        {'r', "ログイン | 新規登録"},
        {'.', ""},
        {'k', "川沿いの道に自転車専用レーンが完成へ"},
        {'k', "2024年3月1日"},
        {'.', ""},
        {'k', "市議会は、住民や地元の商店との二年にわたる話し合いを経て、川沿いの道に自転車専用レーンを設ける計画を承認した。工事は春に始まる。"},
        {'.', ""},
        {'k', "駐車場が減ることを心配していた商店主もいたが、最終的な計画ではほとんどの駐車場が残り、通りの両端には荷下ろし場が設けられる。"},
    });
    // A line that is no menu item (a sentence of the page) ends the reading: the short lines above
    // it are the page's own, not a menu's.
    check_page({
        {'k', "notes"},
        {'k', "* local"},
        {'k', "we moved to a new server this week."},
        {'.', ""},
        {'r', "sign in | subscribe"},
        {'.', ""},
        {'k', "riverside road gets its cycle lane at last"},
        {'.', ""},
        story_en,
        {'.', ""},
        more_en,
    });
    // A short headline the title search missed, over a wiki's recurring template lines: a
    // template is no chrome of form, so nothing is read upwards from it.
    check_page({
        {'k', "tidal lagoon"},
        {'.', ""},
        {'r', "from example wiki, the free encyclopedia", 3},
        {'.', "jump to navigation jump to search", 3},
        {'.', ""},
        {'k', "a tidal lagoon is a body of sea water cut off from the open sea by a reef or a sand bar, which the "
              "tide fills and empties through a narrow inlet twice a day."},
        {'.', ""},
        {'k', "the water in a tidal lagoon is often warmer and saltier than the sea outside it, and many fish use "
              "it as a nursery for their young."},
    }, {}, 3);
    // Over a lone heading word (a manual's `contents`) the title is the page's: nothing is read
    // upwards from a heading word.
    check_page({
        {'k', "user guide"},
        {'k', "shared history"},
        {'.', ""},
        {'.', "contents"},
        {'.', "* sharing with one developer"},
        {'.', "* sharing with a team"},
        {'.', ""},
        story_en,
        {'.', ""},
        more_en,
    });
}

namespace {

// A page as a converter that writes every line break as a paragraph prints it: a blank row
// after every row.
std::vector<Row> double_spaced(const std::vector<Row>& rows) {
    std::vector<Row> page;
    for (const Row& row : rows) {
        page.push_back(row);
        page.push_back({'.', ""});
    }
    return page;
}

}  // namespace

TEST_CASE("shape: on a double-spaced page, prose wrapped at a width stays between chrome") {
    // inject_real's copy of readability's RFC page: every line one blank line apart, so no block
    // is longer than a line; the sections between the page headers went as chrome (10 KB).
    check_page(double_spaced({
        {'r', "home | drafts | working groups | about"},
        {'k', "this draft describes a protocol by which applications running inside a web browser can talk to a "
              "storage server that is hosted on a different domain name."},
        {'r', "share | tweet | email"},
        {'k', "when an in-browser application makes a cross-origin request which"},
        {'k', "may affect the server state, the browser makes a preflight request"},
        {'k', "first. the server answers with the methods and headers it allows,"},
        {'k', "and only then does the browser send the request itself."},
        {'r', "share | tweet | email"},
        {'k', "a subsequent put may contain an if-match header that refers to the"},
        {'k', "etag returned before. the server then answers with a conflict when"},
        {'k', "the document has changed since, and with an ok status when not."},
        {'r', "log in | register"},
        {'r', "\u00a9 2014 ietf trust"},
    }));
    // The same in German: a plain-text mail printed so.
    check_page(double_spaced({
        {'r', "startseite | archiv | impressum | kontakt"},
        {'k', "liebe mitglieder, wie in der letzten versammlung beschlossen, laden wir sie hiermit zur nächsten "
              "sitzung des ausschusses ein, auf der über die neuen anträge entschieden wird."},
        {'r', "teilen | drucken | e-mail"},
        {'k', "die sitzung des ausschusses findet am dienstag im großen saal statt,"},
        {'k', "nicht wie angekündigt im rathaus. bitte bringen sie die unterlagen"},
        {'k', "der letzten sitzung mit, damit wir über die anträge abstimmen können."},
        {'r', "teilen | drucken | e-mail"},
        {'r', "abmelden | einstellungen"},
        {'r', "\u00a9 2024 verein der freunde"},
        {'r', "datenschutz | agb"},
        {'r', "nach oben"},
    }));
}

TEST_CASE("shape: on a double-spaced page, a headline, byline and teaser are no paragraph wrapped at a width") {
    // A teaser under the story, printed one line per paragraph: its title, byline and reading time
    // are not lines wrapped at the width of the teaser below them (a trafilatura page read so
    // lost its own headline), and they stay chrome between the related lists.
    check_page(double_spaced({
        {'k', "the keeper had not expected visitors in the middle of the storm, and he said so twice before he "
              "let them in. the lamp was turning above them all the while."},
        {'k', "when the rain stopped they climbed the stairs together and watched the ships come back into the "
              "bay, one by one, until the last of them had found the harbour."},
        {'r', "share | tweet | email"},
        {'r', "read more | most popular | newsletter"},
        {'r', "the night the harbour lights went out"},
        {'r', "by anna jay. photos by tom"},
        {'r', "a town without light for a night. the fishermen found their way home."},
        {'r', "read more | most popular | newsletter"},
        {'r', "\u00a9 2024 example news"},
        {'r', "privacy | terms | contact"},
    }));
}

TEST_CASE("shape: on a double-spaced page, a table of contents one blank line apart is still the article's") {
    // inject_real's copy of readability's RFC page: its contents, every entry one blank line
    // apart, went as a link list under "table of contents" (1-2 KB a seed).
    check_page(double_spaced({
        {'r', "home | drafts | working groups | about"},
        {'k', "table of contents"},
        {'k', "1. introduction....................................2"},
        {'k', "2. terminology.....................................3"},
        {'k', "3. storage model...................................3"},
        {'k', "4. requests........................................4"},
        {'k', "1. introduction"},
        {'k', "many services for data storage are available over the internet, and this specification describes a "
              "vendor-independent interface for such services."},
        {'k', "2. terminology"},
        {'k', "the key words must, should and may in this document are to be interpreted as described in the "
              "usual way for documents of this kind."},
        {'k', "3. storage model"},
        {'k', "the server stores data in nodes that form a tree structure, where internal nodes are called "
              "folders and leaf nodes are called documents."},
        {'k', "4. requests"},
        {'k', "client-to-server requests should be made over https, and the servers must support chunked "
              "transfer coding on the requests that store a document."},
        {'r', "share | tweet | email"},
        {'r', "\u00a9 2014 ietf trust"},
    }));
    // A Chinese wiki page printed so: entries "1 历史", headings "历史[编辑]".
    check_page(double_spaced({
        {'r', "首页 | 分类 | 最近更改 | 帮助"},
        {'k', "目录"},
        {'k', "1 历史"},
        {'k', "2 地理"},
        {'k', "3 经济"},
        {'k', "历史[编辑]"},
        {'k', "这座城市在十二世纪围绕一个渡口发展起来，此后几百年间一直保留着集市特许状，并逐渐成为附近地区的贸易中心。"},
        {'k', "地理[编辑]"},
        {'k', "城市位于两列低矮山丘之间的宽阔河谷中，河流在入海之前在这里转向南方，形成了一片肥沃的冲积平原。"},
        {'k', "经济[编辑]"},
        {'k', "大多数居民在港口或周围的农场工作，旧磨坊如今已成为一座展示城市贸易历史的博物馆，吸引了许多游客。"},
        {'r', "分享 | 推特 | 电子邮件"},
        {'r', "\u00a9 2024 示例百科"},
    }));
}

// A phone's spec table under a livedoor (S-MAX) article: "label value" rows without colons,
// after the article's last paragraph, followed by the byline and a related-links box. Each row's
// label comes back on the site's other spec tables, some rows word for word ("gps ◯" in 15 of
// 100 pages: often, below the template share), and the model's own rows are on this page and its
// review only. Before, the rows that recur often were promoted to margin templates and the rest
// went as chrome between them: two thirds of ldcc's spec-table bytes, "機種名 …" and "発売時期 …"
// among them. Issue 11: never lose a fact. Row: {expect, text, template docs, value docs}.
TEST_CASE("shape: a spec table of label-value rows after the article is the page's facts") {
    const std::string_view lead =
        "nttドコモは16日、今夏に発売する予定の新モデルを発表し、次世代高速データ通信に対応した新しいスマートフォンを公開した。";
    const std::string_view body =
        "内蔵メモリーは作業用に2gb、保存用に32gbを搭載し、外部メモリーには最大64gbまでのカードが利用できるようになっている。";
    const std::vector<Row> page = {
        {'k', lead},
        {'.', ""},
        {'k', body},
        {'.', ""},
        {'.', "■ 主なスペック", 40},
        {'.', ""},
        {'k', "機種名 galaxy siii sc-06d", 2, false, 2},
        {'k', "発売時期 2012年7月", 40, false, 9},
        {'k', "サイズ(約mm) 137×71×9.0", 40, false, 2},
        {'k', "重量(約) 139g", 40, false, 3},
        {'k', "ディスプレイ サイズ(インチ) 4.8", 40, false, 6},
        {'k', "種類 有機el", 12},
        {'k', "ram 2gb", 40, false, 12},
        {'k', "rom 32gb", 40, false, 11},
        {'k', "急速充電 -", 15},
        {'k', "防水 -", 16},
        {'k', "おサイフケータイ ◯", 20},
        {'k', "ワンセグ ◯", 20},
        {'k', "gps ◯", 15},
        {'k', "bluetooth 4.0", 40, false, 14},
        {'.', ""},
        {'r', "記事執筆:s-max編集部", 80},
        {'.', ""},
        {'r', "■関連リンク", 90},
        {'r', "・エスマックス(s-max)", 90},
    };
    check_page(page, {}, 100);
    // The verdicts name the rows, for the planner: a few rows another phone's table prints alike
    // are no copy (plan/copy_runs.cpp, tests/plan/page_repeats_test.cpp).
    const auto verdicts = once::test::classify(page, {}, 100);
    CHECK(verdicts[6].rule == once::ShapeRule::spec_row);
    CHECK(verdicts[18].rule == once::ShapeRule::spec_row);
    CHECK(verdicts[0].rule != once::ShapeRule::spec_row);
}

// What is no spec table: a dated teaser list, whose rows are headlines (more words than a label
// and a value, numbers in them), and a firm's address block on a page whose lines come back on
// no other page of the site (no form the site's tables share). Each would be one without its
// guard (k_spec_row_parts; the rows that recur on other pages).
TEST_CASE("shape: dated teasers and one page's address block are no spec table") {
    const std::string_view paragraph =
        "the keeper had not expected visitors in the middle of the storm, and he said so twice before he let "
        "them in and put the kettle on the stove for tea.";
    const auto no_spec_rows = [](const std::vector<Row>& rows, std::uint32_t group_docs) {
        for (const auto& v : once::test::classify(rows, {}, group_docs)) CHECK(v.rule != once::ShapeRule::spec_row);
    };
    no_spec_rows({
        {'k', paragraph},
        {'.', ""},
        {'.', "storm leaves 3,000 homes without power"},
        {'.', "april 26, 2022", 30, false, 2},
        {'.', "council approves 12 new houses near school"},
        {'.', "april 25, 2022", 30, false, 2},
        {'.', "festival draws 20,000 visitors to park"},
        {'.', "april 24, 2022", 30, false, 2},
        {'.', "man, 54, charged over crash on the a47"},
        {'.', "april 23, 2022", 30, false, 2},
    }, 100);
    no_spec_rows({
        {'k', paragraph},
        {'.', ""},
        {'.', "kontakt"},
        {'.', "stadtplatz 3"},
        {'.', "de-93437 furth im wald"},
        {'.', "öffnungszeiten mo-fr 8-17"},
        {'.', "steuernummer 123/456/789"},
        {'.', "ust-id de123456789"},
        {'.', "amtsgericht regensburg hrb 1234"},
        {'.', "geschäftsführer max muster"},
    }, 0);
}

TEST_CASE("shape: a recurring section label over a block of steps is the block's heading, not a stain on it") {
    // A recipe site prints "zubereitung:" / "method:" / "作り方:" over every recipe (here in 5 of
    // the group's 100 pages): a recurring line made the whole block unclean, so the steps under
    // it were no hard-wrapped paragraph but near-good lines one by one, which then went as chrome
    // between the site's recurring widgets (trafilatura's kulinariaathome page lost its whole
    // recipe so, 4 must-stay snippets). The steps under the label are a paragraph now (rule
    // `wrapped-paragraph`, read with the threshold below every kept class); the label itself is
    // judged as before.
    const std::uint32_t docs = 100;
    struct Case {
        std::string_view label;
        std::vector<std::string_view> steps;
    };
    const std::vector<Case> cases = {
        {"zubereitung:",
         {"1. alle zutaten in eine schüssel geben und mit dem knethaken zu einem glatten teig verarbeiten.",
          "2. den teig auf einer bemehlten arbeitsfläche ausrollen und beliebige figuren ausstechen.",
          "3. backofen auf 200 °c vorheizen.", "ein backblech mit backpapier auslegen."}},
        {"method:",
         {"1. put the flour and the butter in a bowl and rub them together with your fingers.",
          "2. stir in the sugar and the egg until the dough comes together.",
          "3. roll it out on a floured board and cut out the biscuits."}},
        {"作り方:",
         {"1. ボウルに小麦粉とバターを入れて、指でよくすり混ぜる。", "2. 砂糖と卵を加えて、生地がまとまるまで混ぜる。",
          "3. 打ち粉をした台に生地をのばし、型で抜いて焼く。"}},
    };
    once::Config low;
    low.shape_threshold = 0.01;  // every kept class shows its rule
    for (const Case& c : cases) {
        CAPTURE(c.label);
        std::vector<Row> rows = {{'.', "gefällt mir:", 40}, {'.', ""}, {'.', c.label, 5}};
        for (std::string_view step : c.steps) rows.push_back({'.', step});
        rows.push_back({'.', ""});
        rows.push_back({'.', "« vorheriger beitrag", 40});
        const auto verdicts = once::test::classify(rows, low, docs);
        for (std::size_t i = 3; i < 3 + c.steps.size(); ++i) {
            CAPTURE(rows[i].text);
            CHECK(verdicts[i].rule == once::ShapeRule::wrapped_paragraph);
        }
        // Without the label's recurrence the block was a paragraph already, label and all.
        rows[2].recurrence = 0;
        const auto alone = once::test::classify(rows, low, docs);
        for (std::size_t i = 2; i < 3 + c.steps.size(); ++i) CHECK(alone[i].rule == once::ShapeRule::wrapped_paragraph);
    }
    // Still no paragraph: titles of other posts under a recurring label (no sentence ends a line),
    // and steps under a label that is a lexicon heading (a cue: "related posts:").
    std::vector<Row> titles = {{'.', "more recipes:", 5}, {'.', "lemon biscuits with a sugar glaze"},
                               {'.', "almond cookies for the holidays"}, {'.', "a quick chocolate cake without eggs"}};
    const auto verdicts = once::test::classify(titles, low, docs);
    for (std::size_t i = 1; i < titles.size(); ++i) CHECK(verdicts[i].rule != once::ShapeRule::wrapped_paragraph);
}

TEST_CASE("shape: a short line between two code rows inside the article stays; a menu between menus goes") {
    // Code read as menu rows (`|item|`), each alone between the line and a paragraph: article.
    check_page({
        {'k', "you may have seen the fast-ruby repo that includes a bunch of do this, not that examples, and "
              "each of them explains why one form of the code runs faster than the other one does."},
        {'.', "[true, false, false].select { |item| item }.first"},
        {'k', "you can use this code:"},
        {'.', "[true, false, false].detect { |item| item }"},
        {'k', "in the second example, ruby will stop iterating after it hits the first element to return true, "
              "so it does less work than the first one and is faster."},
    });
    check_page({
        {'k', "im letzten beitrag haben wir gesehen, wie man eine liste in ruby durchläuft, und dabei ist uns "
              "aufgefallen, dass die erste form viel langsamer ist als die zweite."},
        {'.', "namen.select { |name| name.strip }.first"},
        {'k', "stattdessen geht es so"},
        {'.', "namen.detect { |name| name.strip }"},
        {'k', "die zweite form hört nach dem ersten element auf und rechnet den rest der liste gar nicht erst "
              "aus, darum ist sie bei langen listen viel schneller."},
    });
    // A menu row beyond the neighbour: the line is a menu item between menus and goes.
    check_page({
        {'k', "the keeper had not expected visitors in the middle of the storm, and he said so twice before he "
              "let them in. the lamp was turning above them all the while."},
        {'.', ""},
        {'r', "home | news | sport | weather"},
        {'r', "archive"},
        {'r', "imprint | privacy | terms"},
        {'r', "contact | jobs | press"},
    });
}
