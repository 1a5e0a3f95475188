// provenance_test.cpp — which sentences may be a source (plan/provenance.hpp): an entry of the
// page's table of contents is navigation, so the section heading it names further down is never
// its copy (issue 11: never lose a title or heading). The pages run through every stage with the
// shape classifier on, as `once clean` runs them.
#include "once/plan/provenance.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "plan/plan_run.hpp"

namespace {

// How many times `line` stands as a whole line in `text`.
std::size_t count_line(const std::string& text, const std::string& line) {
    const std::string padded = "\n" + text + "\n", needle = "\n" + line + "\n";
    std::size_t count = 0;
    for (std::size_t at = padded.find(needle); at != std::string::npos; at = padded.find(needle, at + 1)) ++count;
    return count;
}

// The non-blank lines of `text` that `cleaned` holds fewer times than `text` (a heading that
// repeats its contents entry word for word is lost though the entry stays), one a line.
std::string lines_lost(const std::string& text, const std::string& cleaned) {
    std::vector<std::string> lost;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(at, end - at);
        if (!line.empty() && count_line(cleaned, line) < count_line(text, line) &&
            std::find(lost.begin(), lost.end(), line) == lost.end())
            lost.push_back(line);
        at = end + 1;
    }
    std::string out;
    for (const std::string& line : lost) out += line + "\n";
    return out;
}

}  // namespace

TEST_CASE("provenance: a table of contents' entry may be matched, but is no source") {
    once::Config config = plan_test::planner_config();
    once::Signer signer(config);
    const auto analysis = signer.analyze("Contents\n1. Why the water in a new pond turns green\n\n"
                                         "Why the water in a new pond turns green\n\nA paragraph of the section.\n");
    std::vector<once::LineVerdictDetail> verdicts(analysis.layout.lines.size());
    verdicts[1].rule = once::ShapeRule::contents;
    const once::Matchable m = once::matchable_sentences(analysis, verdicts);
    const auto& sentences = analysis.layout.sentences;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        CAPTURE(i);
        CHECK(m.match[i]);
        CHECK(m.source[i] == (sentences[i].first_line != 1 && sentences[i].last_line != 1));
    }
    // On a boilerplate line the rule is the one that decided it: not matched at all.
    verdicts[1].role = once::LineRole::boilerplate;
    const once::Matchable chrome = once::matchable_sentences(analysis, verdicts);
    for (std::size_t i = 0; i < sentences.size(); ++i)
        if (sentences[i].first_line == 1) CHECK_FALSE(chrome.match[i]);
}

TEST_CASE("provenance: the section headings a table of contents names stay, in English and Japanese") {
    // A numbered contents list is kept as the article's (judge/shape.cpp, mark_contents); each
    // heading below repeats its entry. A heading as heavy as --min-length (an English one of 8
    // words, a Japanese one of 16 characters) was removed as a copy of the entry above it
    // (angelmagazin.de's and haustiermagazin.com's pages among trafilatura's). Default config:
    // the shape classifier on, as `once clean` runs.
    const std::string en =
        "Home | Guides | Forum | Contact\n"
        "\n"
        "How to keep a small garden pond clear all year\n"
        "\n"
        "A small pond brings birds and insects to a garden, but it turns green within weeks when the "
        "water is left to itself. These are the steps that have worked for us over ten summers.\n"
        "\n"
        "Contents\n"
        "1. Why the water in a new pond turns green so quickly\n"
        "2. Which plants keep the water clear through the summer\n"
        "3. How often you should clean the filter and the pump\n"
        "4. What to do before the first frost of the winter\n"
        "\n"
        "Why the water in a new pond turns green so quickly\n"
        "\n"
        "Algae feed on the nutrients that a new pond holds in plenty, and with full sun on the water "
        "they grow faster than anything else can. It takes a season for the balance to settle.\n"
        "\n"
        "Which plants keep the water clear through the summer\n"
        "\n"
        "Water lilies shade the surface, and oxygenating plants under it take up the nutrients before "
        "the algae can. Cover about half of the water with leaves by the middle of June.\n"
        "\n"
        "How often you should clean the filter and the pump\n"
        "\n"
        "Rinse the filter sponge in pond water once a fortnight, never under the tap, so that the "
        "bacteria living in it survive. Take the pump apart and clean it every spring.\n"
        "\n"
        "What to do before the first frost of the winter\n"
        "\n"
        "Cut back the plants at the edge, net the pond against falling leaves, and keep one small "
        "patch of the surface free of ice so that the gases from below can escape.\n"
        "\n"
        "Share | Tweet | Email\n"
        "\u00a9 2024 example garden\n";
    const std::string ja =
        "ホーム | 園芸 | 掲示板 | お問い合わせ\n"
        "\n"
        "小さな庭の池を一年中きれいに保つ方法\n"
        "\n"
        "庭に小さな池があると鳥や虫が集まりますが、何もしないと数週間で水が緑色に濁ってしまいます。十年間の経験から、効果のあった手順をまとめました。\n"
        "\n"
        "目次\n"
        "1. 新しい池の水がすぐに緑色に濁ってしまう理由\n"
        "2. 夏のあいだ水を澄んだ状態に保ってくれる水草\n"
        "3. ろ過装置とポンプを掃除するのに適した頻度\n"
        "4. 冬の最初の霜が降りる前にしておくべき準備\n"
        "\n"
        "1. 新しい池の水がすぐに緑色に濁ってしまう理由\n"
        "\n"
        "新しい池には藻の栄養になる成分がたくさん含まれており、日当たりがよいと藻は他の植物よりも早く増えます。水の状態が落ち着くまでには一シーズンかかります。\n"
        "\n"
        "2. 夏のあいだ水を澄んだ状態に保ってくれる水草\n"
        "\n"
        "スイレンの葉が水面に日陰をつくり、水中の水草が藻より先に栄養を吸収します。六月の中ごろまでに水面の半分ほどを葉で覆うのが目安です。\n"
        "\n"
        "3. ろ過装置とポンプを掃除するのに適した頻度\n"
        "\n"
        "ろ過装置のスポンジは二週間に一度、水道水ではなく池の水ですすぎ、中にすむ細菌を残します。ポンプは毎年春に分解して掃除しましょう。\n"
        "\n"
        "4. 冬の最初の霜が降りる前にしておくべき準備\n"
        "\n"
        "池のまわりの草を刈り、落ち葉よけの網を張って、水面の一部だけは凍らないようにしておくと、底から出るガスが逃げられます。\n"
        "\n"
        "シェア | ツイート | メール\n"
        "\u00a9 2024 example garden\n";
    struct Case {
        const std::string& page;
        std::string chrome;  // the only lines that go
    };
    const std::vector<Case> cases = {
        {en, "Home | Guides | Forum | Contact\nShare | Tweet | Email\n\u00a9 2024 example garden\n"},
        {ja, "ホーム | 園芸 | 掲示板 | お問い合わせ\nシェア | ツイート | メール\n\u00a9 2024 example garden\n"},
    };
    for (const Case& c : cases) {
        plan_test::PlanRun run{once::Config{}};
        const auto& doc = run.add(c.page);
        CAPTURE(doc.cleaned);
        // The contents list, its heading and every section heading stay.
        CHECK(lines_lost(c.page, doc.cleaned) == c.chrome);
    }
}
