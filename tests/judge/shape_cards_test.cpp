// shape_cards_test.cpp — teaser cards and comments of one form under the article (card_list.cpp;
// docs/boilerplate.md, step 3, "Cards"): at least three blocks of the same shape, each light and
// carrying a card's mark, as the page's tail go; an article of short sections does not.
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

}  // namespace

TEST_CASE("shape: teaser cards of one form under the article go (article-end)") {
    // A German interior magazine's related posts: a picture's file name as a bullet, the title,
    // the teaser cut off. The teasers end in an ellipsis, no chrome line the lexicon knows.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'.', "verwandte beiträge"},
        {'.', ""},
        {'r', "* rote-stoffe-decohome.de-manuelcanovas_blattmotiv"},
        {'r', "die neuen rottöne und wie man sie kombiniert"},
        {'r', "marsala, terrakotta, ochsenblut, curry und co. - und zwar am besten alles zusammen! die neuen…"},
        {'r', "* rot einrichten streifen rote wand and tradition decohome.de"},
        {'r', "mit rot einrichten? wohntrendexpertin erika mierow verrät, wie es gelingt"},
        {'r', "wussten sie, dass in rosa gestrichenen räumen der blutdruck sinkt? oder dass ein hauch tomaten-…"},
        {'r', "* rostrot - die gemütlichste farbe des herbstes"},
        {'r', "die gemütlichste farbe des herbstes im wohnzimmer"},
        {'r', "das interieur darf in den kommenden wochen - natürlich nur in bezug auf die farbe -…"},
    });
    // An English magazine's more-stories box right under the story, without a heading: the
    // section, the title, the author and a one-sentence summary, card after card, with no date,
    // button or cut-off teaser among them.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'r', "travel"},
        {'r', "the last keepers of the northern lights"},
        {'r', "anna reed"},
        {'r', "a photographer spent a year with the men who still tend the lamps on the coast."},
        {'.', ""},
        {'r', "history"},
        {'r', "when the harbour wall gave way"},
        {'r', "tom walsh"},
        {'r', "the town still talks about the winter the sea came into the main street."},
        {'.', ""},
        {'r', "people"},
        {'r', "a ferry lost in the fog for a night"},
        {'r', "maria costa"},
        {'r', "forty passengers, one radio and a captain who kept singing to keep them calm."},
    });
}

TEST_CASE("shape: an article of short sections or of light items is no card list") {
    // Short paragraphs under their headings: a heading over its text is a section, not a card.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'k', "the lamp"},
        {'k', "the lens was made in paris in 1871 and has never been replaced."},
        {'.', ""},
        {'k', "the stairs"},
        {'k', "there are one hundred and twelve steps, and he counted them every night."},
        {'.', ""},
        {'k', "the boats"},
        {'k', "most of the boats he saved were fishing boats from the village below."},
        {'.', ""},
        {'k', "the end"},
        {'k', "the light was automated in 1992, and he left the tower the same spring."},
    });
    // A listicle: a short intro, then the items as cards of one form. The items are the article:
    // they outweigh what stands above them.
    check_page(std::vector<Row>{
        {'k', "five lighthouses you can still visit, and what the keepers told us about them."},
        {'.', ""},
        {'k', "* north-head.jpg"},
        {'k', "north head"},
        {'k', "the oldest light on the coast, built of granite that was carried up the cliff by hand."},
        {'.', ""},
        {'k', "* south-rock.jpg"},
        {'k', "south rock"},
        {'k', "a tower on a bare rock, where the keepers lived for six weeks at a time without leave."},
        {'.', ""},
        {'k', "* east-point.jpg"},
        {'k', "east point"},
        {'k', "the only light with a garden, where the keeper's wife grew potatoes in the salt wind."},
        {'.', ""},
        {'k', "* west-cape.jpg"},
        {'k', "west cape"},
        {'k', "the last light to be automated, in 1998, and the first to be opened to visitors again."},
    });
}
