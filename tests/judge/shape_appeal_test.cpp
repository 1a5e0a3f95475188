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
