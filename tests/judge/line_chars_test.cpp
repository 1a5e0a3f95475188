// line_chars_test.cpp — the character classes line shapes are read with: one definition of CJK
// (text/unicode's, the one weights are counted with) and lossy decoding from text/utf8.
#include "once/judge/line_chars.hpp"

#include <doctest/doctest.h>

#include <string_view>

using namespace once::line_chars;

TEST_CASE("line_chars: scripts without spaces are CJK, as in the weights (Lao, Khmer, Myanmar too)") {
    CHECK(is_cjk(U'日'));
    CHECK(is_cjk(U'あ'));
    CHECK(is_cjk(U'ア'));
    CHECK(is_cjk(U'ー'));       // prolonged sound mark: part of a katakana word
    CHECK(is_cjk(U'々'));
    CHECK(is_cjk(U'\u0E01'));   // Thai ko kai
    CHECK(is_cjk(U'\u0E81'));   // Lao ko: the old shape table called it a word character
    CHECK(is_cjk(U'\u1780'));   // Khmer ka
    CHECK(is_cjk(U'\u1000'));   // Myanmar ka
    CHECK(is_cjk(U'\U00020B9F'));  // CJK extension B
    // The middle dots separate words: punctuation, neither CJK nor word material.
    CHECK_FALSE(is_cjk(U'\u30FB'));
    CHECK_FALSE(is_cjk(U'\u00B7'));
    CHECK_FALSE(is_word_char(U'\u30FB'));
    CHECK(is_filler(U'\u30FB'));
    CHECK_FALSE(is_cjk(U'a'));
    CHECK_FALSE(is_cjk(U'한'));  // Hangul is written with spaces
}

TEST_CASE("line_chars: word characters, filler") {
    CHECK(is_word_char(U'a'));
    CHECK(is_word_char(U'7'));
    CHECK(is_word_char(U'\''));
    CHECK(is_word_char(U'é'));
    CHECK(is_word_char(U'ж'));
    CHECK(is_word_char(U'한'));
    CHECK(is_word_char(U'\u0301'));  // a combining accent stays in its word
    CHECK_FALSE(is_word_char(U'×'));
    CHECK_FALSE(is_word_char(U'|'));
    CHECK(is_filler(U'|'));
    CHECK(is_filler(U'7'));          // "comments (14)": digits sit between lexicon words
    CHECK(is_filler(U'\u2022'));
    CHECK(is_filler(U'\U0001F44D'));  // emoji
    CHECK_FALSE(is_filler(U'a'));
    CHECK_FALSE(is_filler(U'日'));
}

TEST_CASE("line_chars: decoding forwards and backwards, malformed bytes one at a time") {
    const std::string_view s = "a\u65E5\xFF";
    std::size_t i = 0;
    CHECK(next_cp(s, i) == U'a');
    CHECK(next_cp(s, i) == U'\u65E5');
    CHECK(i == 4);
    CHECK(next_cp(s, i) == U'\uFFFD');
    CHECK(i == 5);
    std::size_t start = 0;
    CHECK(last_cp(s, start) == U'\uFFFD');
    CHECK(start == 4);
    CHECK(last_cp(s.substr(0, 4), start) == U'\u65E5');
    CHECK(start == 1);
}

TEST_CASE("line_chars: sentence ends and full stops of other scripts") {
    for (char32_t c : {U'.', U'\u3002', U'\uFF0E', U'\u0964', U'\u0965', U'\u06D4', U'\u0589', U'\u1362', U'\u104B'}) {
        CHECK(is_full_stop(c));
        CHECK(is_sentence_end(c));
    }
    for (char32_t c : {U'!', U'?', U'\uFF01', U'\uFF1F', U'\u061F'}) {
        CHECK_FALSE(is_full_stop(c));
        CHECK(is_sentence_end(c));
    }
    // Not sentence ends: a comma of any script, the Arabic comma, a colon, a middle dot.
    for (char32_t c : {U',', U'\u3001', U'\u060C', U':', U'\u30FB', U'a', U'\u0995'})
        CHECK_FALSE(is_sentence_end(c));
}
