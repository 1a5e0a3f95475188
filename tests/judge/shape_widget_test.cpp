// shape_widget_test.cpp — a button the page repeats is a widget, not an in-article heading
// (docs/boilerplate.md, step 3, "Repeated buttons"): a "reply" under each comment of a thread
// after the article stays chrome between the comments, so the thread goes with the page's foot;
// a lone button-like line between two paragraphs of the article is still rescued. Pages are
// tables of rows (shape_rows.hpp), written as lynx prints them, normalized.
#include "shape_rows.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using once::test::check_page;
using once::test::Row;
using once::test::story_rows;
using once::test::operator+;

// Five paragraphs (shape_rows.hpp's k_story has four): the thread below must weigh less than the
// story for the foot to open over it.
const std::vector<std::string> k_story5 = [] {
    std::vector<std::string> story = once::test::k_story;
    story.push_back("by morning the storm had blown itself out, and the two visitors walked back along the causeway while "
                    "the keeper stood in the doorway and watched them go.");
    return story;
}();
const std::vector<std::string> k_story_ja = {
    "嵐のさなかに客が来るとは灯台守は思っていなかったし、中に入れる前にそう二度も言った。その間も頭上ではずっと灯りが回っていた。",
    "塔の中では階段がきつい螺旋を描いて上へ続き、どの踊り場にも灰色の海と下の岩を見下ろす小さな窓があった。",
    "三十年この灯りを守ってきたが、あの三月の夜ほど海がうるさかったことは一度もなかったと彼は言った。",
    "雨がやむと二人は灯室まで登った。大きなレンズがゆっくり回り、その光は湾の向こうの船まで届いていた。",
    "朝には嵐はすっかり過ぎ去り、二人は土手道を歩いて帰った。灯台守は戸口に立って二人を見送った。",
};

}  // namespace

TEST_CASE("shape: a reply button under each comment keeps the thread after the article chrome") {
    // A blog post's comments as lynx prints them (readability's wordpress page): each comment's
    // byline, its paragraphs and a "* reply" link. Rescued as a lone heading between paragraphs,
    // a reply joined two comments into one heavy piece of prose, and the thread stayed.
    check_page(story_rows(k_story5) + std::vector<Row>{
        {'r', "share this:"},
        {'r', "* twitter"},
        {'r', "* facebook"},
        {'.', ""},
        {'.', "there are 4 comments"},
        {'.', ""},
        {'.', "sallie goetsch · march 10, 2017 at 12:20 am"},
        {'.', ""},
        {'r', "if there were really no keepers left on this coast, i would not be so busy. but there may not be "
              "as many as there were when the lights were all still lit by hand every night."},
        {'r', "* reply"},
        {'.', ""},
        {'.', "rarst · march 10, 2017 at 1:26 am"},
        {'.', ""},
        {'r', "one nuance of the number might be that many people who call themselves keepers only ever "
              "worked a light for a summer, and never through a winter storm like this one."},
        {'r', "* reply"},
        {'.', ""},
        {'.', "barry kooij · march 10, 2017 at 2:56 am"},
        {'.', ""},
        {'r', "i feel like you are right on this one. the job has many self called keepers who are not much "
              "more than caretakers of a building that a computer runs from a town far away."},
        {'r', "* reply"},
        {'.', ""},
        {'.', "ammon · march 11, 2017 at 8:41 pm"},
        {'.', ""},
        {'r', "you are correct. in my opinion, if a person does not have the skills of a mechanic and a "
              "sailor, then a keeper is not what they are, whatever the sign over the door says."},
        {'r', "* reply"},
    });
}

TEST_CASE("shape: a reply button repeated down a Japanese comment thread is chrome (返信)") {
    check_page(story_rows(k_story_ja) + std::vector<Row>{
        {'r', "シェアする"},
        {'r', "ツイート"},
        {'.', ""},
        {'.', "山田 2017年3月10日 0:20"},
        {'r', "灯台守がもういないのなら、こんなに忙しいはずがない。けれど、灯りを手で点けていた頃ほど多くはないのかもしれない。"},
        {'r', "返信"},
        {'.', ""},
        {'.', "佐藤 2017年3月10日 1:26"},
        {'r', "灯台守を名乗る人の多くは夏の間だけ灯りを守った人で、こんな冬の嵐を越えたことはないのだと思う。"},
        {'r', "返信"},
        {'.', ""},
        {'.', "鈴木 2017年3月10日 2:56"},
        {'r', "その通りだと思う。遠くの町のコンピューターが動かす建物の管理人にすぎない人が、灯台守を名乗っている。"},
        {'r', "返信"},
    });
}

TEST_CASE("shape: a lone button-like line between two paragraphs of the article stays (guard)") {
    // One "reply" between paragraphs is the article's own (a quoted heading): rescued as before.
    check_page(story_rows({k_story5[0], k_story5[1], k_story5[2]}) + std::vector<Row>{
        {'k', "reply"},
        {'.', ""},
    } + story_rows({k_story5[3], k_story5[4]}));
    check_page(story_rows({k_story_ja[0], k_story_ja[1], k_story_ja[2]}) + std::vector<Row>{
        {'k', "返信"},
        {'.', ""},
    } + story_rows({k_story_ja[3], k_story_ja[4]}));
}
