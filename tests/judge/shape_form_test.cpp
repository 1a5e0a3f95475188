// shape_form_test.cpp — forms printed as text (docs/boilerplate.md, step 3, "Forms"; rule form-block):
// a comment, newsletter or login form after the article goes with its heading and button; an
// article section headed with a lexicon word, a lone field, a drawn rule and a bulleted task list
// stay. Pages are tables of rows (shape_rows.hpp), written as lynx prints them, normalized.
#include "shape_rows.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using once::test::check_page;
using once::test::classify;
using once::test::Row;
using once::test::k_story;
using once::test::story_rows;
using once::test::operator+;

const std::vector<std::string> k_story_de = {
    "der leuchtturmwärter hatte mitten im sturm keinen besuch erwartet, und er sagte das zweimal, bevor er "
    "die beiden hereinließ. über ihnen drehte sich die ganze zeit die lampe.",
    "drinnen wand sich die treppe in einer engen spirale den turm hinauf, und auf jedem absatz gab es ein "
    "kleines fenster, das auf das graue wasser und die felsen hinaussah.",
    "dreißig jahre habe er das licht gehütet, erzählte er, und in all der zeit sei das meer nie so laut "
    "gewesen wie in jener nacht im märz.",
};
const std::vector<std::string> k_story_ja = {
    "嵐のさなかに客が来るとは灯台守は思っていなかったし、中に入れる前にそう二度も言った。その間も頭上ではずっと灯りが回っていた。",
    "塔の中では階段がきつい螺旋を描いて上へ続き、どの踊り場にも灰色の海と下の岩を見下ろす小さな窓があった。",
    "三十年この灯りを守ってきたが、あの三月の夜ほど海がうるさかったことは一度もなかったと彼は言った。",
};
const std::vector<std::string> k_story_zh = {
    "暴风雨来临的时候，守塔人并没有想到会有客人来访，他在让他们进门之前把这句话说了两遍。头顶上的灯一直在转动。",
    "塔里的楼梯紧紧地盘旋而上，每一个平台上都有一扇小窗，可以望见下面灰色的海水和礁石。",
    "他说他守护这盏灯已经三十年了，在这么长的时间里，海从来没有像三月的那个夜晚那样喧闹过。",
};

const std::string k_text_area(60, '_');

}  // namespace

TEST_CASE("shape: a comment form after the article goes with its heading and button (form-block)") {
    // English (a WordPress form), with a paragraph of the article after the form: the form is no
    // foot of the page there, only chrome of its own.
    check_page(story_rows({k_story[0], k_story[1], k_story[2]}) + std::vector<Row>{
        {'r', "leave a reply"},
        {'.', ""},
        {'r', "your email address will not be published. required fields are marked *"},
        {'.', ""},
        {'.', k_text_area},
        {'.', k_text_area},
        {'.', ""},
        {'r', "name * ______________________________"},
        {'.', ""},
        {'r', "email * ______________________________"},
        {'.', ""},
        {'r', "website ______________________________"},
        {'.', ""},
        {'r', "[ ] save my name, email, and website in this browser for the next time i comment."},
        {'.', ""},
        {'r', "post comment"},
        {'.', ""},
    } + story_rows({k_story[3]}));
    // German.
    check_page(story_rows(k_story_de) + std::vector<Row>{
        {'r', "hinterlasse eine antwort"},
        {'.', ""},
        {'.', k_text_area},
        {'r', "name * ______________________________"},
        {'r', "e-mail * ______________________________"},
        {'r', "website ______________________________"},
        {'.', ""},
        {'r', "[ ] benachrichtige mich über neue beiträge via e-mail."},
        {'.', ""},
        {'r', "kommentar abschicken"},
        {'.', ""},
        {'.', "ein wirklich schöner text über den leuchtturm, ich war selbst einmal dort und habe die treppe bis "
              "ganz nach oben genommen, was ich jedem nur empfehlen kann."},
    });
    // Japanese.
    check_page(story_rows(k_story_ja) + std::vector<Row>{
        {'r', "コメントを残す"},
        {'.', ""},
        {'r', "名前 ____________________"},
        {'r', "メールアドレス ____________________"},
        {'.', k_text_area},
        {'r', "(button) コメントを送信"},
        {'.', ""},
        {'.', "とても良い記事でした。私も一度あの灯台に行ったことがあり、階段を一番上まで登ったのを覚えています。"},
    });
    // Chinese.
    check_page(story_rows(k_story_zh) + std::vector<Row>{
        {'r', "发表评论"},
        {'.', ""},
        {'r', "昵称 ____________________"},
        {'r', "邮箱 ____________________"},
        {'.', k_text_area},
        {'r', "(button) 提交评论"},
        {'.', ""},
        {'.', "写得真好。我也去过那座灯塔，一直爬到了最高的地方，从上面看到的海景让人难忘，推荐大家都去看看。"},
    });
}

TEST_CASE("shape: a newsletter box between paragraphs goes, the sections around it stay (form-block)") {
    check_page(story_rows({k_story[0], k_story[1]}) + std::vector<Row>{
        {'r', "newsletter"},
        {'r', "jeden freitag die wichtigsten meldungen"},
        {'r', "e-mail-adresse ____________________"},
        {'r', "[ ] ich stimme der datenschutzerklärung zu"},
        {'r', "(button) jetzt abonnieren"},
        {'.', ""},
    } + story_rows({k_story[2], k_story[3]}));
}

TEST_CASE("shape: a section headed with a lexicon word, a lone field, a rule and a task list stay") {
    // "Newsletter" heads a section of the article: prose follows, no control.
    check_page(story_rows({k_story[0], k_story[1]}) + std::vector<Row>{
        {'k', "newsletter"},
        {'.', ""},
    } + story_rows({k_story[2], k_story[3]}));
    // One field is no form (a quiz's blank), and neither are drawn rules between paragraphs.
    check_page(story_rows({k_story[0], k_story[1]}) + std::vector<Row>{
        {'k', "the keeper's name was ____________________"},
        {'.', ""},
        {'.', std::string(100, '_')},
        {'.', std::string(100, '_')},
        {'.', ""},
    } + story_rows({k_story[2], k_story[3]}));
    // A bulleted task list (a rendered README) starts with its bullet, not a check box.
    check_page(story_rows({k_story[0], k_story[1]}) + std::vector<Row>{
        {'k', "what is left to do:"},
        {'k', "* [ ] repaint the lamp room"},
        {'k', "* [x] replace the lens"},
        {'k', "* [ ] fix the stairs"},
        {'.', ""},
    } + story_rows({k_story[2], k_story[3]}));
    // Markup printed as text holds underscores but is no label.
    const auto verdicts = classify(story_rows({k_story[0], k_story[1]}) + std::vector<Row>{
        {'.', "</div>______________________________"},
        {'.', "</form>______________________________"},
        {'.', ""},
    } + story_rows({k_story[2], k_story[3]}));
    for (const auto& v : verdicts) CHECK(v.rule != once::ShapeRule::form_block);
}

TEST_CASE("shape: a comment form over a long thread opens no foot, the chrome below the thread does (form-block)") {
    // The thread weighs more than a fifth of the page's prose, so the foot cannot start at the
    // form; the search for the article's end goes on below it, to the chrome pair under the thread.
    check_page(story_rows(k_story) + std::vector<Row>{
        {'r', "leave a reply"},
        {'r', "name * ______________________________"},
        {'r', "email * ______________________________"},
        {'r', "post comment"},
        {'.', ""},
        {'.', "i went up that tower last summer and the stairs really are as narrow as the story says, and the "
              "window on the third landing has the best view of the bay in the whole town."},
        {'.', "the keeper is my grandfather's cousin, and he still tells the story of that night in march to "
              "anyone who asks him about the storm and the ships that passed the rocks."},
        {'.', ""},
        {'r', "share"},
        {'r', "tweet"},
        {'.', ""},
        {'r', "we use cookies to give you the best experience on our site, and by staying on it you agree to that."},
    });
}
