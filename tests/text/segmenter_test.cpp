// segmenter_test.cpp — lines, blocks and sentences in Japanese, Chinese, English and mixed text,
// with byte ranges into the original and line/column positions.
#include "once/text/segmenter.hpp"

#include <doctest/doctest.h>

#include "random_text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace {

std::vector<std::string> sentence_texts(std::string_view text, const once::Layout& layout) {
    std::vector<std::string> out;
    for (const auto& s : layout.sentences) out.emplace_back(text.substr(s.start, s.end - s.start));
    return out;
}

struct LineExpect {
    std::uint64_t start, end, next;
    bool blank;
};

struct SentenceCase {
    std::string name;
    std::string text;
    std::vector<std::string> sentences;  // original bytes of each sentence, in order
};

void check_sentences(const std::vector<SentenceCase>& cases) {
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto layout = once::segment(c.text);
        CHECK(sentence_texts(c.text, layout) == c.sentences);
        for (const auto& s : layout.sentences) {
            CHECK(s.start < s.end);
            CHECK(s.end <= c.text.size());
            CHECK(s.first_line <= s.last_line);
            CHECK(s.last_line < layout.lines.size());
            CHECK_FALSE(s.normalized.empty());
        }
    }
}

}  // namespace

TEST_CASE("segment: lines end at \\n, \\r\\n and \\r") {
    struct Case {
        std::string name;
        std::string text;
        std::vector<LineExpect> lines;
    };
    const std::vector<Case> cases = {
        {"empty", "", {}},
        {"one line without newline", "abc", {{0, 3, 3, false}}},
        {"one line with newline", "abc\n", {{0, 3, 4, false}}},
        {"LF", "a\nb", {{0, 1, 2, false}, {2, 3, 3, false}}},
        {"CRLF", "a\r\nb\r\n", {{0, 1, 3, false}, {3, 4, 6, false}}},
        {"CR", "a\rb", {{0, 1, 2, false}, {2, 3, 3, false}}},
        {"CR CR LF", "a\r\r\nb", {{0, 1, 2, false}, {2, 2, 4, true}, {4, 5, 5, false}}},
        {"blank lines", "\n\n", {{0, 0, 1, true}, {1, 1, 2, true}}},
        {"whitespace-only lines are blank", " \t\n\u3000\n\u200B", {{0, 2, 3, true}, {3, 6, 7, true}, {7, 10, 10, true}}},
        {"Japanese", "一行目\n二行目", {{0, 9, 10, false}, {10, 19, 19, false}}},
        {"full-width text", "Ｈｉ\r\n", {{0, 6, 8, false}}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto layout = once::segment(c.text);
        REQUIRE(layout.lines.size() == c.lines.size());
        for (std::size_t i = 0; i < c.lines.size(); ++i) {
            CAPTURE(i);
            CHECK(layout.lines[i].start == c.lines[i].start);
            CHECK(layout.lines[i].end == c.lines[i].end);
            CHECK(layout.lines[i].next == c.lines[i].next);
            CHECK(layout.lines[i].blank == c.lines[i].blank);
            if (layout.lines[i].blank) CHECK(layout.lines[i].normalized.empty());
        }
    }
}

TEST_CASE("segment: blocks are runs of non-blank lines, and lines carry their normalized text") {
    const std::string text = "Ｔｉｔｌｅ\u3000One\nSecond line\n\n \n第二段落\n";
    const auto layout = once::segment(text);
    REQUIRE(layout.lines.size() == 5);
    CHECK(layout.lines[0].normalized == "title one");
    CHECK(layout.lines[1].normalized == "second line");
    CHECK(layout.lines[2].blank);
    CHECK(layout.lines[3].blank);
    CHECK(layout.lines[4].normalized == "第二段落");
    CHECK(layout.lines[0].block == 0);
    CHECK(layout.lines[1].block == 0);
    CHECK(layout.lines[4].block == 1);
    // Sentences are indexed by the line they start on.
    REQUIRE(layout.sentences.size() == 3);
    CHECK(layout.lines[0].first_sentence == 0);
    CHECK(layout.lines[0].last_sentence == 1);
    CHECK(layout.lines[1].first_sentence == 1);
    CHECK(layout.lines[1].last_sentence == 2);
    CHECK(layout.lines[4].first_sentence == 2);
    CHECK(layout.lines[4].last_sentence == 3);
    CHECK(layout.lines[2].first_sentence == layout.lines[2].last_sentence);
}

TEST_CASE("segment: empty and whitespace-only text have no sentences") {
    for (const std::string text : {"", " ", "\n\n\n", " \t\r\n\u3000\u3000\n", "\u200B\uFEFF"}) {
        CAPTURE(text);
        const auto layout = once::segment(text);
        CHECK(layout.sentences.empty());
        for (const auto& line : layout.lines) CHECK(line.blank);
    }
}

TEST_CASE("segment: Japanese sentences") {
    check_sentences({
        {"full stop, exclamation, question", "すごい！本当？はい。", {"すごい！", "本当？", "はい。"}},
        {"closing corner bracket stays with the sentence", "「行くよ。」彼は言った。", {"「行くよ。」", "彼は言った。"}},
        {"closing white corner bracket", "『完了！』次へ。", {"『完了！』", "次へ。"}},
        {"closing full-width parenthesis", "（注：晴れ。）次の日。", {"（注：晴れ。）", "次の日。"}},
        {"full-width period after kana", "東京．大阪．", {"東京．", "大阪．"}},
        {"half-width katakana and half-width full stop", "ｶﾀｶﾅです。ﾃｽﾄ｡", {"ｶﾀｶﾅです。", "ﾃｽﾄ｡"}},
        {"no soft wrap in CJK", "日本語の文章が\n続きます。", {"日本語の文章が", "続きます。"}},
        {"repeated terminators", "本当に？！はい。", {"本当に？！", "はい。"}},
        {"ideographic space between sentences", "一文目。\u3000二文目。", {"一文目。", "二文目。"}},
    });
}

TEST_CASE("segment: Chinese sentences") {
    check_sentences({
        {"closing curly quote", "他说：“今天很好。”然后走了。", {"他说：“今天很好。”", "然后走了。"}},
        {"exclamation and question", "真的吗？是的！好。", {"真的吗？", "是的！", "好。"}},
        {"book title brackets", "我读了《三体》。很好看。", {"我读了《三体》。", "很好看。"}},
        {"numbers inside", "增长了3.5%。明年更多。", {"增长了3.5%。", "明年更多。"}},
    });
}

TEST_CASE("segment: English sentences") {
    check_sentences({
        {"simple", "It rained. It stopped.", {"It rained.", "It stopped."}},
        {"question and exclamation", "Is it? Yes! OK.", {"Is it?", "Yes!", "OK."}},
        {"decimal number", "Price rose 3.5% in Q1. It fell.", {"Price rose 3.5% in Q1.", "It fell."}},
        {"title abbreviation", "Mr. Smith arrived. He left.", {"Mr. Smith arrived.", "He left."}},
        {"Dr.", "Dr. Who arrived. He left.", {"Dr. Who arrived.", "He left."}},
        {"e.g.", "Use tools, e.g. hammers. Then rest.", {"Use tools, e.g. hammers.", "Then rest."}},
        {"U.S.", "The U.S. economy grew. Prices fell.", {"The U.S. economy grew.", "Prices fell."}},
        {"initial", "Written by J. Smith today. Read it.", {"Written by J. Smith today.", "Read it."}},
        {"quote after period", "He said \"Go.\" Then left.", {"He said \"Go.\"", "Then left."}},
        {"single quote after period", "She wrote 'done.' Next.", {"She wrote 'done.'", "Next."}},
        {"parenthesis after period", "(See above.) Next one.", {"(See above.)", "Next one."}},
        {"Yahoo!Japan is not split", "Then Yahoo!Japan grew. Fine.", {"Then Yahoo!Japan grew.", "Fine."}},
        {"ellipsis", "Wait... What? Yes.", {"Wait...", "What?", "Yes."}},
        {"version number", "Install 2.0.1 now. Done.", {"Install 2.0.1 now.", "Done."}},
        {"URL-like dots", "Visit example.com today. Bye.", {"Visit example.com today.", "Bye."}},
        {"full-width punctuation", "Ｉｔ ｒａｉｎｅｄ．Ｔｈｅｎ ｓｔｏｐｐｅｄ！", {"Ｉｔ ｒａｉｎｅｄ．Ｔｈｅｎ ｓｔｏｐｐｅｄ！"}},
        {"CRLF lines", "One.\r\nTwo.\r\n", {"One.", "Two."}},
        {"leading and trailing spaces trimmed", "  Indented sentence.  ", {"Indented sentence."}},
        {"BOM at start is invisible", "\uFEFFHello. World.", {"Hello.", "World."}},
    });
}

TEST_CASE("segment: mixed scripts") {
    check_sentences({
        {"Japanese then English", "AlibabaのAI投資。Next step. 次へ。", {"AlibabaのAI投資。", "Next step.", "次へ。"}},
        {"English period before CJK", "See Fig.1の結果。OK.", {"See Fig.1の結果。", "OK."}},
        {"English then Chinese", "It works. 它有效。", {"It works.", "它有效。"}},
        {"full-width Latin inside Japanese", "ＡＩの時代だ。次。", {"ＡＩの時代だ。", "次。"}},
    });
}

TEST_CASE("segment: text without terminators is one sentence per line") {
    check_sentences({
        {"English menu", "Home\nNews\nSports", {"Home", "News", "Sports"}},
        {"Japanese menu", "ホーム\nニュース\n\nお問い合わせ", {"ホーム", "ニュース", "お問い合わせ"}},
        {"Chinese menu", "首页\r\n新闻\r\n", {"首页", "新闻"}},
        {"capitalised lines are not soft wraps", "First line\nSecond line", {"First line", "Second line"}},
        {"line ending in a terminator", "Done.\nand more", {"Done.", "and more"}},
    });
}

TEST_CASE("segment: soft-wrapped English lines are joined") {
    const std::string text = "This sentence is wrapped\nacross two lines. Next one.";
    const auto layout = once::segment(text);
    REQUIRE(layout.sentences.size() == 2);
    CHECK(sentence_texts(text, layout)[0] == "This sentence is wrapped\nacross two lines.");
    CHECK(layout.sentences[0].normalized == "this sentence is wrapped across two lines.");
    CHECK(layout.sentences[0].first_line == 0);
    CHECK(layout.sentences[0].last_line == 1);
    CHECK(layout.sentences[0].terminated);
    CHECK(layout.sentences[1].first_line == 1);
    CHECK(layout.lines[0].first_sentence == 0);
    CHECK(layout.lines[0].last_sentence == 1);
    CHECK(layout.lines[1].first_sentence == 1);
    CHECK(layout.lines[1].last_sentence == 2);

    check_sentences({
        {"wrap before a digit", "It cost\n12 dollars.", {"It cost\n12 dollars."}},
        {"wrap after a comma", "First,\nthen second.", {"First,\nthen second."}},
        {"wrap over CRLF", "one two\r\nthree four.", {"one two\r\nthree four."}},
        {"a blank line is never a wrap", "one two\n\nthree four.", {"one two", "three four."}},
        // The word "o" (Portuguese, Spanish) may begin a wrapped line: a lowercase word follows it.
        {"wrap before the word o", "Disse que\no presidente chegou.", {"Disse que\no presidente chegou."}},
    });
}

TEST_CASE("segment: lynx's nested entries (\"o \") are lines of their own, not a wrap") {
    check_sentences({
        {"contents", "* Sharing mutable history\no Publishing and non-publishing repositories\no Example 3: Alice",
         {"* Sharing mutable history", "o Publishing and non-publishing repositories", "o Example 3: Alice"}},
        {"menu", "Sport\no Hallescher FC\no RB Leipzig", {"Sport", "o Hallescher FC", "o RB Leipzig"}},
        {"CJK entry", "新加坡\no 1975年1月28日", {"新加坡", "o 1975年1月28日"}},
    });
}

TEST_CASE("segment: an entry numbered \"2.7.5. \" opens a sentence of its own, not a wrap") {
    // A table of contents as a scraper stores it: an entry that ends in a word, then the next
    // entry's number. Joined, each entry's number went with the entry above, and no section
    // heading of the chapter matched its entry whole (issue 11, item 1).
    check_sentences({
        {"contents", "2.7.4. Tweaking candidate version\n2.7.5. Blocking packages installed by Recommends",
         {"2.7.4.", "Tweaking candidate version", "2.7.5.", "Blocking packages installed by Recommends"}},
        {"FAQ entries", "12.2.5. Usenet newsgroups\n12.3. Is there a quick way to search?",
         {"12.2.5.", "Usenet newsgroups", "12.3.", "Is there a quick way to search?"}},
        {"Japanese entry under an English one", "5.5.2. Special case: the stable-updates suite\n5.5.3. 特別な例",
         {"5.5.2.", "Special case: the stable-updates suite", "5.5.3.", "特別な例"}},
        // Still wraps: one level (a year ends the sentence), a decimal, a number without a space.
        {"a year", "It was founded in\n1993. Then it grew.", {"It was founded in\n1993.", "Then it grew."}},
        {"a decimal", "It cost\n3.5 million dollars.", {"It cost\n3.5 million dollars."}},
        {"a version", "Install version\n2.7.5.1-rc of it.", {"Install version\n2.7.5.1-rc of it."}},
    });
}

TEST_CASE("segment: sentence fields") {
    const std::string text = "Ｈｅｌｌｏ  World.\nno end";
    const auto layout = once::segment(text);
    REQUIRE(layout.sentences.size() == 2);
    CHECK(layout.sentences[0].normalized == "hello world.");
    CHECK(layout.sentences[0].terminated);
    CHECK_FALSE(layout.sentences[1].terminated);
    CHECK(layout.sentences[1].normalized == "no end");
    CHECK(layout.sentences[1].first_line == 1);
}

TEST_CASE("segment: sentence byte ranges cover exactly the original text") {
    // Each sentence range, cut from the original, is the sentence; what lies between sentences is
    // only white space.
    const std::string text =
        "\uFEFF　東京は晴れ。「大阪は雨！」\r\n"
        "Mr. Smith paid $3.50, e.g. for tea.  It's fine!\n"
        "\n"
        "他说：“好。”ｶﾀｶﾅ｡ AI\u200Bモデル\n";
    const auto layout = once::segment(text);
    const std::vector<std::string> expected = {"東京は晴れ。", "「大阪は雨！」", "Mr. Smith paid $3.50, e.g. for tea.",
                                               "It's fine!",   "他说：“好。”",     "ｶﾀｶﾅ｡",
                                               "AI\u200Bモデル"};
    CHECK(sentence_texts(text, layout) == expected);
    std::uint64_t cursor = 0;
    for (const auto& s : layout.sentences) {
        REQUIRE(s.start >= cursor);
        const std::string gap = text.substr(cursor, s.start - cursor);
        CHECK(gap.find_first_not_of(" \r\n\u3000\uFEFF") == std::string::npos);
        cursor = s.end;
    }
}

TEST_CASE("segment: line/column positions of sentences count code points") {
    const std::string text = "東京は晴れ。明日は？\nAI投資。Ｎｅｘｔ.";
    const auto layout = once::segment(text);
    REQUIRE(layout.sentences.size() == 4);
    struct Pos {
        std::uint32_t line, column, end_line, end_column;
    };
    const std::vector<Pos> expected = {{1, 1, 1, 7}, {1, 7, 1, 11}, {2, 1, 2, 6}, {2, 6, 2, 11}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(layout.sentences[i].start_pos.line == expected[i].line);
        CHECK(layout.sentences[i].start_pos.column == expected[i].column);
        CHECK(layout.sentences[i].end_pos.line == expected[i].end_line);
        CHECK(layout.sentences[i].end_pos.column == expected[i].end_column);
    }
}

TEST_CASE("positions_of: lines and columns in code points") {
    // 日本語 (bytes 0-8) \n (9) | a (10) b (11) 😀 (12-15) c (16) \r\n (17-18) | Ｘ (19-21)
    const std::string text = "日本語\nab\U0001F600c\r\nＸ";
    const auto layout = once::segment(text);
    REQUIRE(layout.lines.size() == 3);
    const std::vector<std::uint64_t> offsets = {0, 3, 9, 10, 12, 16, 17, 19, 22};
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> expected = {
        {1, 1}, {1, 2}, {1, 4}, {2, 1}, {2, 3}, {2, 4}, {2, 5}, {3, 1}, {3, 2}};
    const auto positions = once::positions_of(text, layout, offsets);
    REQUIRE(positions.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(offsets[i]);
        CHECK(positions[i].line == expected[i].first);
        CHECK(positions[i].column == expected[i].second);
    }
    CHECK(once::positions_of(text, layout, {}).empty());
}

TEST_CASE("positions_of: repeated offsets and blank lines") {
    const std::string text = "a\n\n\nｂｃ";
    const auto layout = once::segment(text);
    const auto positions = once::positions_of(text, layout, {0, 0, 2, 3, 4, 4, 7});
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> expected = {
        {1, 1}, {1, 1}, {2, 1}, {3, 1}, {4, 1}, {4, 1}, {4, 2}};
    REQUIRE(positions.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(positions[i].line == expected[i].first);
        CHECK(positions[i].column == expected[i].second);
    }
}

// U+2028, U+2029, U+0085, form feed and vertical tab are white space inside a line (lines end
// only at \n and \r), so every sentence's line indices stay within `lines`. Form feeds are
// common: pdftotext starts every page with one.
TEST_CASE("segment: other line breaks inside a line keep line indices in range") {
    const std::vector<std::pair<std::string, std::string>> separators = {
        {"U+2028", "\u2028"}, {"U+2029", "\u2029"}, {"U+0085", "\u0085"}, {"form feed", "\f"}, {"vertical tab", "\v"}};
    for (const auto& named : separators) {
        // A named pair, not a structured binding: clang 14 cannot capture bindings in CAPTURE's lambda.
        const auto& [name, separator] = named;
        CAPTURE(named.first);
        const std::string text = "Alpha" + separator + "Beta\nGamma";
        const auto layout = once::segment(text);
        REQUIRE(layout.lines.size() == 2);
        CHECK(layout.lines[1].normalized == "gamma");
        for (const auto& s : layout.sentences) {
            CHECK(s.first_line < layout.lines.size());
            CHECK(s.last_line < layout.lines.size());
        }
    }
}

namespace {

// What normalized_lines must give: segment()'s normalized text of the non-blank lines.
std::vector<std::string> non_blank_lines_of_segment(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& line : once::segment(text).lines)
        if (!line.blank) out.emplace_back(line.normalized);
    return out;
}

std::vector<std::string> non_blank_lines(std::string_view text) {
    const once::NormalizedLines lines = once::normalized_lines(text);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < lines.non_blank.size(); ++i) out.emplace_back(lines.line(i));
    return out;
}

}  // namespace

TEST_CASE("normalized_lines: the non-blank lines' text of segment(), without sentences") {
    const std::vector<std::string> cases = {
        "",
        "\n",
        "   \n\t\n",
        "one line",
        "Ｈｅｌｌｏ  World.\r\nsecond line\rthird\n\nafter a blank\n",
        "東京タワーへ行く。きれい！\n\n  \u3000\n北京。",
        "a\u2028b\vc\fd\n\u2028\n\v\f\n",        // separators inside a line, and lines of only them
        "cafe\u0301\nｶﾞｲﾄﾞ\n\u0301 mark first\n",  // combining marks at line ends and starts
        "\uFEFFtitle\n\u200B\n\u115F\nend",       // BOM, a ZWSP line (blank), a filler line (not blank)
        "trailing spaces   \r\n   leading\r\n\r\n",
    };
    for (const auto& text : cases) {
        CAPTURE(text);
        CHECK(non_blank_lines(text) == non_blank_lines_of_segment(text));
    }
}

TEST_CASE("normalized_lines: agrees with segment() on random mixed text") {
    once::test::RandomPieces random({"a", "Word", ".", " ", "\t", "\n", "\r\n", "\r", "\v", "\f", "\u2028", "\u3000",
                                     "\u0301", "ｶ", "\uFF9E", "日本", "。", "\u200B", "\u115F", "ﬁ", "Ｘ", "!", "\n\n"},
                                    7);
    for (int round = 0; round < 2000; ++round) {
        const std::string text = random.text(30);
        CAPTURE(text);
        CHECK(non_blank_lines(text) == non_blank_lines_of_segment(text));
    }
}

// Columns are counted eight bytes at a time; every offset of a long mixed line must still get
// the column a byte-by-byte count gives.
TEST_CASE("positions_of: columns of every character on long mixed lines") {
    const std::string text = "ａｂｃ日本語のテキストと English words\U0001F600 and more 中文内容。\n"
                             "second line, 第二行 with ｆｕｌｌ width\r\nthird";
    const auto layout = once::segment(text);
    std::vector<std::uint64_t> offsets;
    for (std::uint64_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
    const auto positions = once::positions_of(text, layout, offsets);
    REQUIRE(positions.size() == offsets.size());
    std::uint32_t line = 1, column = 1;
    for (std::size_t k = 0; k < offsets.size(); ++k) {
        CAPTURE(offsets[k]);
        CHECK(positions[k].line == line);
        CHECK(positions[k].column == column);
        if (offsets[k] >= text.size()) break;
        const char c = text[offsets[k]];
        const bool crlf = c == '\r' && offsets[k] + 1 < text.size() && text[offsets[k] + 1] == '\n';
        if (c == '\n' || (c == '\r' && !crlf)) {
            ++line;
            column = 1;
        } else if (!crlf) {
            ++column;
        } else {
            ++column;  // the '\r' of CRLF; the '\n' after it starts the next line
        }
    }
}

// Long runs with no terminator between sentence ends (skipped without decoding) in Japanese,
// Chinese and English, with the terminators that matter right after multi-byte characters.
TEST_CASE("segment: sentences after long runs without terminators") {
    check_sentences({
        {"Japanese", "これは長い文章でありまして句点までがとても長いのです。次の文も同じくらい長く続きます！最後？",
         {"これは長い文章でありまして句点までがとても長いのです。", "次の文も同じくらい長く続きます！", "最後？"}},
        {"Chinese", "这是一个很长很长的句子没有任何标点符号一直到这里。第二句话也很长吗？是的!",
         {"这是一个很长很长的句子没有任何标点符号一直到这里。", "第二句话也很长吗？", "是的!"}},
        {"English", "A fairly long sentence without any stops until here. Another one, with commas, ends here! Done?",
         {"A fairly long sentence without any stops until here.", "Another one, with commas, ends here!", "Done?"}},
        {"soft wrap", "a sentence that wraps\nonto the next line and ends. then another",
         {"a sentence that wraps\nonto the next line and ends.", "then another"}},
        {"katakana-heavy line with 「quotes」", "「カタカナ・テキスト（括弧）」を含む行。",
         {"「カタカナ・テキスト（括弧）」を含む行。"}},
    });
}

// Regression (issue 14, found by fuzzing): NFKC folds a combining mark into the terminator before
// it, so `。` + U+035F gave sentences [0,5) and [0,5): the mark's sentence overlapped the first.
TEST_CASE("segment: a combining mark after a sentence end stays in that sentence") {
    for (const std::string& text : {std::string("\xe3\x80\x82\xcd\x9f"), std::string("終わり。\xcd\x9f次の文。"),
                                   std::string("Done.\xcc\x81 Next one."), std::string("Why?\xcd\x9f\xcd\x9f\nNext")}) {
        CAPTURE(text);
        const auto layout = once::segment(text);
        std::uint64_t previous_end = 0;
        for (const auto& sentence : layout.sentences) {
            CHECK(sentence.start >= previous_end);
            CHECK(sentence.start < sentence.end);
            CHECK(sentence.end <= text.size());
            previous_end = sentence.end;
        }
    }
    const std::string text = "終わり。\xcd\x9f次の文。";
    CHECK(sentence_texts(text, once::segment(text)) == std::vector<std::string>{"終わり。\xcd\x9f", "次の文。"});
}

// Regression (issue 14): a line of only U+034F (a mark NFKC folds to nothing) counted as
// non-blank but normalized to empty, gluing the paragraphs around it into one block.
TEST_CASE("segment: a line that normalizes to nothing is blank") {
    const std::string text = "First paragraph.\n\xcd\x8f\nSecond paragraph.\n";
    const auto layout = once::segment(text);
    REQUIRE(layout.lines.size() == 3);
    CHECK(layout.lines[1].blank);
    CHECK(layout.lines[0].block != layout.lines[2].block);
    CHECK(once::normalized_lines(text).non_blank.size() == 2);
}

// The normalized text of lines and sentences is views into one buffer per layout
// (Layout::normalized_store): the views must stay valid when the layout is moved or copied and
// the original is gone, a soft-wrapped sentence gets its own copy with the '\n' read as a space,
// and the other sentences are pieces of their line's text.
TEST_CASE("segment: normalized views live in the layout's store, through moves and copies") {
    const std::string text = "Ｔｉｔｌｅ　ｏｎｅ\n\nThis sentence is wrapped\nacross two lines. Next one.\n\n第一段落。第二文！\n";
    std::vector<std::string> expected_lines;
    std::vector<std::string> expected_sentences;
    once::Layout copy;
    {
        once::Layout layout = once::segment(text);
        REQUIRE(layout.normalized_store != nullptr);
        const std::string_view store = *layout.normalized_store;
        for (const auto& line : layout.lines) {
            expected_lines.emplace_back(line.normalized);
            if (line.blank) continue;
            CHECK(line.normalized.data() >= store.data());
            CHECK(line.normalized.data() + line.normalized.size() <= store.data() + store.size());
        }
        for (const auto& sentence : layout.sentences) {
            expected_sentences.emplace_back(sentence.normalized);
            CHECK(sentence.normalized.data() >= store.data());
            CHECK(sentence.normalized.data() + sentence.normalized.size() <= store.data() + store.size());
        }
        // One-line sentences are pieces of their line's text, not copies.
        const auto& one_line = layout.sentences.back();
        REQUIRE(one_line.first_line == one_line.last_line);
        const std::string_view its_line = layout.lines[one_line.first_line].normalized;
        CHECK(one_line.normalized.data() >= its_line.data());
        CHECK(one_line.normalized.data() + one_line.normalized.size() <= its_line.data() + its_line.size());
        once::Layout moved = std::move(layout);
        copy = moved;  // `moved` and `layout` end here; `copy` shares the store
    }
    REQUIRE(copy.lines.size() == expected_lines.size());
    REQUIRE(copy.sentences.size() == expected_sentences.size());
    for (std::size_t i = 0; i < copy.lines.size(); ++i) CHECK(copy.lines[i].normalized == expected_lines[i]);
    for (std::size_t i = 0; i < copy.sentences.size(); ++i) CHECK(copy.sentences[i].normalized == expected_sentences[i]);
    CHECK(expected_lines == std::vector<std::string>{"title one", "", "this sentence is wrapped", "across two lines. next one.", "", "第一段落。第二文!"});
    CHECK(expected_sentences == std::vector<std::string>{"title one", "this sentence is wrapped across two lines.", "next one.", "第一段落。", "第二文!"});
}

TEST_CASE("segment: an empty text has an empty store and no views") {
    const auto layout = once::segment("");
    CHECK(layout.lines.empty());
    CHECK(layout.sentences.empty());
    REQUIRE(layout.normalized_store != nullptr);
    CHECK(layout.normalized_store->empty());
}

// next_sentence_stop takes sixteen bytes a step (SSE2) and the rest one at a time; the reference
// is the definition read byte by byte. Texts long enough for several steps, with stops and the
// bytes around them (E3 of other characters, '。' split across a step's edge at every offset,
// 80 82 after another lead) at every position, from every start.
TEST_CASE("next_sentence_stop: equals the byte-by-byte definition on random text, from every start") {
    const auto reference = [](std::string_view text, std::size_t pos) {
        for (; pos < text.size(); ++pos) {
            const auto byte = static_cast<unsigned char>(text[pos]);
            if (byte == '\n' || byte == '.' || byte == '!' || byte == '?') return pos;
            if (text.substr(pos, 3) == "。") return pos;
        }
        return text.size();
    };
    once::test::RandomPieces random({"a", "word ", "3", "日本", "語", "の", "、", "「", "」", "。", "・", "ー", "\u3080\u3082",
                                     "\u2082", "\u0882", "\u0302", ".", "!", "?", "\n", " ", "é", "😀", "abcdefghijklmnop"},
                                    20261204);
    for (int round = 0; round < 2000; ++round) {
        const std::string text = random.text(40);
        for (std::size_t pos = 0; pos <= text.size(); ++pos) {
            CAPTURE(text);
            CAPTURE(pos);
            CHECK(once::next_sentence_stop(text, pos) == reference(text, pos));
        }
    }
    // '。' at every offset of a long run without stops, and at the very end.
    for (std::size_t at = 0; at < 40; ++at) {
        const std::string text = std::string(at, 'x') + "。" + std::string(20, 'y');
        CHECK(once::next_sentence_stop(text, 0) == at);
        const std::string kana = [&] {
            std::string out;
            for (std::size_t i = 0; i < at; ++i) out += "の";
            return out + "。";
        }();
        CHECK(once::next_sentence_stop(kana, 0) == 3 * at);
    }
    CHECK(once::next_sentence_stop("", 0) == 0);
    CHECK(once::next_sentence_stop(std::string(100, 'z'), 0) == 100);
}
