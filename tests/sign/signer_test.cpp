// signer_test.cpp — what pass 1 and pass 2 take from a document must agree: the line templates
// of the recurrence count (Signer::line_templates) are those analyze() gives the same lines
// (templates, and after a line with numbers its value key).
#include "once/sign/signer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

std::vector<std::uint64_t> non_blank_templates_of_analyze(const once::Signer& signer, std::string_view text) {
    const once::DocAnalysis analysis = signer.analyze(text);
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i < analysis.layout.lines.size(); ++i) {
        if (analysis.layout.lines[i].blank) continue;
        out.push_back(analysis.line_templates[i]);
        // a line with numbers is counted twice: its template, and its template with the numbers
        if (analysis.line_values[i] != analysis.line_templates[i]) out.push_back(analysis.line_values[i]);
    }
    return out;
}

// Blank lines, CRLF, CJK, full-width forms, combining marks, U+2028, vertical tab and form feed,
// ignorable characters, numbers and wrapped lines: where pass 1 and pass 2 could disagree.
const std::vector<std::string> k_texts = {
    "",
    "\n\n",
    "Home | News | Sports\n\n© 2024 Example Corp. All rights reserved.\n",
    "東京は晴れ。明日は雨でしょう。\r\n\r\n関連記事\r\n・ＡＩ投資が２０２４年に拡大\r\n",
    "cafe\u0301 menu\u2028today\vonly\fhere\n ｶﾞｲﾄﾞ \n\u200B\n\u115F\n",
    "a line that wraps\nonto the next line. Price: 99 yen\n   \n\t\nend",
};

}  // namespace

TEST_CASE("signer: line_templates are analyze()'s templates of the non-blank lines") {
    const once::Config config;
    const once::Signer signer(config);
    for (const auto& text : k_texts) {
        CAPTURE(text);
        CHECK(signer.line_templates(text) == non_blank_templates_of_analyze(signer, text));
    }
}

TEST_CASE("signer: analyze with pass 1's line keys gives what it computes without them") {
    const once::Config config;
    const once::Signer signer(config);
    for (const auto& text : k_texts) {
        CAPTURE(text);
        const once::DocAnalysis computed = signer.analyze(text);
        const std::vector<once::LineKeys> keys = signer.line_keys(text);
        const once::DocAnalysis reused = signer.analyze(text, keys);
        CHECK(reused.line_templates == computed.line_templates);
        CHECK(reused.line_values == computed.line_values);
        CHECK(reused.line_weights == computed.line_weights);
        CHECK(reused.units.size() == computed.units.size());
        CHECK(reused.signatures == computed.signatures);
    }
}

TEST_CASE("signer: line keys of another text (another number of lines) are ignored") {
    const once::Config config;
    const once::Signer signer(config);
    const std::string text = "first line\nsecond line\n";
    const std::vector<once::LineKeys> wrong = {{1, 2, 3}};
    const once::DocAnalysis analysis = signer.analyze(text, wrong);
    CHECK(analysis.line_templates == signer.analyze(text).line_templates);
    CHECK(analysis.line_weights == signer.analyze(text).line_weights);
}

TEST_CASE("signer: a line's value key keeps its numbers, its template key masks them") {
    const once::Config config;
    const once::Signer signer(config);
    const auto a = signer.analyze("attendance: 45,000\nhome | news\n");
    const auto b = signer.analyze("attendance: 38,000\nhome | news\n");
    CHECK(a.line_templates[0] == b.line_templates[0]);   // one template: "attendance: #"
    CHECK(a.line_values[0] != b.line_values[0]);         // two values
    CHECK(a.line_values[0] != a.line_templates[0]);
    CHECK(a.line_values[1] == a.line_templates[1]);      // no number: the value is the template
    CHECK(a.line_values[1] == b.line_values[1]);
}

TEST_CASE("signer: content_key ignores width, case, spacing and punctuation") {
    CHECK(once::content_key("ＡＩ投資、２０２４年") == once::content_key("AI投資 2024年"));
    CHECK(once::content_key("Hello,   World!") == once::content_key("hello world"));
    CHECK(once::content_key("ｶﾞｲﾄﾞ") == once::content_key("ガイド"));
    CHECK(once::content_key("cafe\u0301") == once::content_key("caf\u00E9"));
    CHECK(once::content_key("hello") != once::content_key("hallo"));
    CHECK(once::content_key("") == 0);
    CHECK(once::content_key(" \u3000、。") == 0);
}

// A sentence on a line that begins with a bullet is bulleted (a related-list entry); one that
// begins with a character sharing a bullet's first bytes is not: "ー" and "〇" begin with E3 as
// "・" and "〉" do, "–" and "‐" with E2 80 as "•" and "※", "¸" with C2 as "·" and "»".
TEST_CASE("signer: a line's bullet marks its sentences bulleted, a character that shares its first bytes does not") {
    const once::Config config;
    const once::Signer signer(config);
    for (const std::string bullet : {"・", "•", "·", "-", "*", "■", "□", "▼", "▽", "▶", "►", "→", "◆", "◇", "●", "○",
                                     "※", "+", ">", "〉", "»"}) {
        const std::string text = bullet + "見出しの例\n";
        CAPTURE(text);
        const once::DocAnalysis analysis = signer.analyze(text);
        REQUIRE(!analysis.units.empty());
        CHECK(analysis.units[0].bulleted);
    }
    for (const std::string other : {"ー", "〇", "あ", "–", "‐", "¸", "見", "a", "\xE3\x83\xBA"}) {
        const std::string text = other + "見出しの例\n";
        CAPTURE(text);
        const once::DocAnalysis analysis = signer.analyze(text);
        REQUIRE(!analysis.units.empty());
        CHECK_FALSE(analysis.units[0].bulleted);
    }
}

TEST_CASE("signer: page_facts number a page's distinct facts exactly, in text order") {
    const once::Config config;
    const once::Signer signer(config);
    const once::DocAnalysis analysis = signer.analyze(
        "The board closed 3 offices in 2024. In 2024 the board met on Tuesday. No facts here at all.\n"
        "２０２４年に３つの窓口を閉じた。\n");
    REQUIRE(analysis.units.size() == 4);
    CHECK(analysis.units[0].page_facts == 0b011);   // 3, 2024
    CHECK(analysis.units[1].page_facts == 0b110);   // 2024, tuesday
    CHECK(analysis.units[2].page_facts == 0);
    // Full-width digits are the same facts once normalized; the CJK characters around them are none.
    CHECK(analysis.units[3].page_facts == 0b011);

    // Past the 63rd distinct fact of a page every fact is bit 63, which no subset test passes.
    std::string many;
    for (int n = 100; n < 170; ++n) many += "Item " + std::to_string(n) + " is listed. ";
    const once::DocAnalysis crowded = signer.analyze(many);
    REQUIRE(crowded.units.size() == 70);
    CHECK(crowded.units[62].page_facts == std::uint64_t{1} << 62);
    CHECK(crowded.units[63].page_facts == once::k_page_fact_beyond);
    CHECK(crowded.units[69].page_facts == once::k_page_fact_beyond);
}

TEST_CASE("signer: an unterminated sentence holds a clause mark between its words, not in a number") {
    // What tells a cut copy from a heading (plan/copy_runs.cpp, piece_alone_is_cut).
    const once::Config config;
    const once::Signer signer(config);
    const std::pair<std::string, bool> cases[] = {
        {"In 2021, the school board questioned a free lunch program as", true},
        {"该公司相关负责人表示，市", true},
        {"「学校給食の無償化については、同じ失敗は二度と繰り返さ", true},
        {"Prices rose; sales did not", true},
        {"More than 1,000 riders took the first boat", false},
        {"The football club confirmed the ferry", false},
        {"Harbour ferries go electric,", false},
        {", and then", false},
        {"移动支付到底带来了哪些变", false},
    };
    for (const auto& one : cases) {
        const std::string& text = one.first;
        CAPTURE(text);
        const once::DocAnalysis analysis = signer.analyze(text + "\n");
        REQUIRE(analysis.units.size() == 1);
        CHECK(analysis.units[0].clause_inside == one.second);
    }
    // A terminated sentence: the flag is read for pieces only, and stays false.
    const once::DocAnalysis terminated = signer.analyze("In 2021, the school board met.\n");
    REQUIRE(terminated.units.size() == 1);
    CHECK_FALSE(terminated.units[0].clause_inside);
}
