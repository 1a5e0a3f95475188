// normalizer_test.cpp — NFKC + case folding, width folding, white-space and line-break handling,
// and the alignment from normalized bytes back to original bytes.
#include "once/text/normalizer.hpp"

#include "once/text/unicode.hpp"
#include "once/text/utf8.hpp"

#include <doctest/doctest.h>

#include "random_text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace {

struct Case {
    std::string name;
    std::string input;
    std::string expected;
};

bool is_lead_byte(std::string_view text, std::size_t offset) {
    return offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

// The alignment contract of normalizer.hpp, checked on any input.
void check_alignment(std::string_view original, const once::NormalizedText& norm) {
    REQUIRE(norm.origin.size() == norm.text.size() + 1);
    REQUIRE(norm.origin_end.size() == norm.text.size() + 1);
    CHECK(norm.origin.back() == original.size());
    CHECK(norm.origin_end.back() == original.size());
    for (std::size_t i = 0; i < norm.text.size(); ++i) {
        CAPTURE(i);
        CHECK(is_lead_byte(original, norm.origin[i]));
        CHECK(norm.origin[i] < norm.origin_end[i]);
        CHECK(norm.origin_end[i] <= original.size());
        // origin_end is the end of a character: the next character's lead byte, or the end.
        CHECK((norm.origin_end[i] == original.size() || is_lead_byte(original, norm.origin_end[i])));
        if (i > 0) CHECK(norm.origin[i - 1] <= norm.origin[i]);  // order is kept
    }
}

// The original bytes behind normalized bytes [a, b).
std::string_view original_of(std::string_view original, const once::NormalizedText& norm, std::size_t a,
                             std::size_t b) {
    return original.substr(norm.origin[a], norm.origin_end[b - 1] - norm.origin[a]);
}

}  // namespace

TEST_CASE("normalize: NFKC, case folding and width folding") {
    const std::vector<Case> cases = {
        {"empty", "", ""},
        {"ascii lower", "hello", "hello"},
        {"ascii upper", "HELLO World", "hello world"},
        {"full-width Latin", "Ｈｅｌｌｏ", "hello"},
        {"full-width digits", "２０２４", "2024"},
        {"full-width AI", "ＡＩ", "ai"},
        {"full-width punctuation", "！？．，：", "!?.,:"},
        {"half-width katakana", "ｶﾀｶﾅ", "カタカナ"},
        {"half-width ideographic full stop", "ﾃｽﾄ｡", "テスト。"},
        {"kana + combining voiced mark composes", "か\u3099", "が"},
        {"kana + combining semi-voiced mark composes", "は\u309A", "ぱ"},
        {"ligature fi", "ﬁle", "file"},
        {"full case folding of sharp s", "Straße", "strasse"},
        {"Greek", "ΑΒΓ", "αβγ"},
        {"circled digit", "①", "1"},
        {"parenthesized ideograph", "㈱", "(株)"},
        {"Japanese unchanged", "東京タワーへ行く。", "東京タワーへ行く。"},
        {"Chinese unchanged", "今天天气很好。", "今天天气很好。"},
        {"mixed scripts", "AlibabaのＡＩ投資", "alibabaのai投資"},
        {"precomposed accent", "Caf\u00C9", "caf\u00E9"},
        {"emoji kept", "ok\U0001F600", "ok\U0001F600"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto norm = once::normalize(c.input);
        CHECK(norm.text == c.expected);
        check_alignment(c.input, norm);
    }
}

// A combining mark after an ASCII letter folds with it: decomposed "e" + U+0301 and
// precomposed "é" compare equal (copies in NFD and NFC).
TEST_CASE("normalize: ASCII letter + combining mark composes like the precomposed letter") {
    CHECK(once::normalize("cafe\u0301").text == "caf\u00E9");
    CHECK(once::normalize("cafe\u0301").text == once::normalize("caf\u00E9").text);
    CHECK(once::normalize("A\u030A").text == "\u00E5");  // Å decomposed
}

// Half-width katakana with a half-width voicing mark (ｶﾞ = U+FF76 U+FF9E) folds to ガ, though
// U+FF9E/U+FF9F have combining class 0: "ｶﾞｲﾄﾞ" and "ガイド" are the same word in two widths.
TEST_CASE("normalize: half-width katakana with voicing marks composes") {
    CHECK(once::normalize("ｶﾞｷﾞﾊﾟ").text == "ガギパ");
    CHECK(once::normalize("ｶﾞｲﾄﾞ").text == once::normalize("ガイド").text);
    const std::string input = "xｶﾞy";
    const auto norm = once::normalize(input);
    const std::size_t a = norm.text.find("ガ");
    REQUIRE(a != std::string::npos);
    CHECK(input.substr(norm.origin[a], norm.origin_end[a + 2] - norm.origin[a]) == "ｶﾞ");
}

TEST_CASE("normalize: white space collapses to one space and is trimmed at line ends") {
    const std::vector<Case> cases = {
        {"spaces only", "   ", ""},
        {"tabs and ideographic spaces only", "\t\u3000 \t", ""},
        {"no-break space only", "\u00A0", ""},
        {"runs collapse", "a  \t  b", "a b"},
        {"ideographic space", "東京\u3000タワー", "東京 タワー"},
        {"full-width text with ideographic space", "Ｈｅｌｌｏ\u3000World", "hello world"},
        {"tab", "a\tb", "a b"},
        {"no-break space", "a\u00A0b", "a b"},
        {"leading and trailing", "  lead and trail  ", "lead and trail"},
        {"trailing before line break", "a  \nb", "a\nb"},
        {"leading after line break", "a\n \u3000 b", "a\nb"},
        {"blank lines stay", "a\n\nb", "a\n\nb"},
        {"blank line of spaces becomes empty", "a\n   \nb", "a\n\nb"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto norm = once::normalize(c.input);
        CHECK(norm.text == c.expected);
        check_alignment(c.input, norm);
    }
}

// Lines of a file end at \n, \r\n and \r (one '\n' each); the other Unicode separators and
// vertical tab / form feed are white space inside a line (the segmenter splits lines on \n and
// \r only, and the two must agree).
TEST_CASE("normalize: every line break becomes one '\\n'") {
    const std::vector<Case> cases = {
        {"LF", "a\nb", "a\nb"},
        {"CRLF is one break", "a\r\nb", "a\nb"},
        {"CR", "a\rb", "a\nb"},
        {"CR CR is two breaks", "a\r\rb", "a\n\nb"},
        {"LF CR is two breaks", "a\n\rb", "a\n\nb"},
        {"U+2028 line separator is a space", "a\u2028b", "a b"},
        {"U+2029 paragraph separator is a space", "a\u2029b", "a b"},
        {"U+0085 next line is a space", "a\u0085b", "a b"},
        {"vertical tab and form feed are spaces", "a\vb\fc", "a b c"},
        {"CRLF in Japanese", "一行目\r\n二行目\r\n", "一行目\n二行目\n"},
        {"trailing CRLF", "end\r\n", "end\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto norm = once::normalize(c.input);
        CHECK(norm.text == c.expected);
        check_alignment(c.input, norm);
    }
}

TEST_CASE("normalize: invisible characters are dropped") {
    const std::vector<Case> cases = {
        {"zero-width space", "a\u200Bb", "ab"},
        {"soft hyphen", "co\u00ADoperate", "cooperate"},
        {"BOM at start", "\uFEFFhello", "hello"},
        {"BOM in the middle", "a\uFEFFb", "ab"},
        {"zero-width joiner between CJK", "日\u200D本", "日本"},
        {"control characters", "a\x01" "b\x7F" "c", "abc"},
        {"only invisible", "\u200B\uFEFF\u00AD", ""},
        {"invisible between spaces keeps one space", "a \u200B b", "a b"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto norm = once::normalize(c.input);
        CHECK(norm.text == c.expected);
        check_alignment(c.input, norm);
    }
}

TEST_CASE("normalize: copies in different widths and cases compare equal") {
    CHECK(once::normalize("ＡＩ投資は２０２４年に").text == once::normalize("AI投資は2024年に").text);
    CHECK(once::normalize("ｶﾀｶﾅ").text == once::normalize("カタカナ").text);
    CHECK(once::normalize("Hello\u3000\u3000WORLD").text == once::normalize("hello world").text);
    CHECK(once::normalize("line one\r\nline two").text == once::normalize("line one\nline two").text);
    CHECK(once::normalize("が").text == once::normalize("か\u3099").text);
    CHECK(once::normalize("hello").text != once::normalize("hallo").text);
}

TEST_CASE("normalize: alignment of an empty and a whitespace-only input") {
    const auto empty = once::normalize("");
    CHECK(empty.text.empty());
    CHECK(empty.origin == std::vector<std::uint32_t>{0});
    CHECK(empty.origin_end == std::vector<std::uint32_t>{0});

    const auto blank = once::normalize(" \u3000\t");
    CHECK(blank.text.empty());
    CHECK(blank.origin == std::vector<std::uint32_t>{5});  // the input's length
}

TEST_CASE("normalize: a normalized range maps back to the original characters") {
    struct Range {
        std::string name;
        std::string input;
        std::string normalized_piece;  // found in the normalized text
        std::string original_piece;    // what it must map back to
    };
    const std::vector<Range> cases = {
        {"full-width word", "Ｈｅｌｌｏ World", "hello", "Ｈｅｌｌｏ"},
        {"ascii word after full-width", "Ｈｅｌｌｏ World", "world", "World"},
        {"collapsed space maps to the whole run", "a \t\u3000 b", " ", " \t\u3000 "},
        {"half-width katakana", "ｶﾀｶﾅです", "カタカナ", "ｶﾀｶﾅ"},
        {"one half-width kana", "ｶﾀｶﾅです", "タ", "ﾀ"},
        {"composed kana covers base and mark", "か\u3099き", "が", "か\u3099"},
        {"ligature: part of it maps to all of it", "ﬁle", "i", "ﬁ"},
        {"full-width digits", "価格は２０２４円", "2024", "２０２４"},
        {"CRLF is one break", "a\r\nb", "\n", "\r\n"},
        {"U+2028", "a\u2028b", " ", "\u2028"},
        {"dropped ZWSP is inside the range", "ab\u200Bcd", "abcd", "ab\u200Bcd"},
        {"after a BOM", "\uFEFFTitle", "title", "Title"},
        {"Chinese", "他说：“今天很好。”", "今天很好", "今天很好"},
        {"emoji", "a\U0001F600b", "\U0001F600", "\U0001F600"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto norm = once::normalize(c.input);
        check_alignment(c.input, norm);
        const std::size_t a = norm.text.find(c.normalized_piece);
        REQUIRE(a != std::string::npos);
        const std::size_t b = a + c.normalized_piece.size();
        CHECK(original_of(c.input, norm, a, b) == c.original_piece);
    }
}

TEST_CASE("normalize: every byte of a multi-byte result points at its character's lead byte") {
    // ﬁ -> "fi" (2 bytes from 1 char), が -> 3 bytes from 2 chars, ｶ -> 3 bytes from 3.
    const std::string input = "ﬁか\u3099ｶ";
    const auto norm = once::normalize(input);
    REQUIRE(norm.text == "fiがカ");
    const std::vector<std::uint32_t> origin = {0, 0, 3, 3, 3, 9, 9, 9, 12};
    const std::vector<std::uint32_t> origin_end = {3, 3, 9, 9, 9, 12, 12, 12, 12};
    CHECK(norm.origin == origin);
    CHECK(norm.origin_end == origin_end);
}

TEST_CASE("normalize: alignment holds on a long mixed document") {
    std::string input;
    for (int i = 0; i < 200; ++i) {
        input += "Ｌｉｎｅ ";
        input += std::to_string(i);
        input += "：日本語とEnglish\u3000混在。ｶﾀｶﾅ\u200B、中文“引号”\U0001F600\t \r\n";
        if (i % 7 == 0) input += "\u2028\n  \n";
    }
    const auto norm = once::normalize(input);
    check_alignment(input, norm);
    CHECK(norm.text.find("line 199:日本語とenglish 混在。カタカナ、中文“引号”") != std::string::npos);
    CHECK(norm.text.find('\r') == std::string::npos);
    CHECK(norm.text.find("\t") == std::string::npos);
    CHECK(norm.text.find("  ") == std::string::npos);
    CHECK(norm.text.find(" \n") == std::string::npos);
}

namespace {

// The normalizer's rules one character at a time, with no fast paths: what normalize() must
// produce however it takes its shortcuts (runs of ASCII, cached look-ahead classes, characters
// copied without a loop), and where each byte comes from: a folded character's bytes from the
// whole sequence it folded, a line break's from its one or two bytes, a collapsed space's from
// the first white-space character of its run to the end of the last.
struct ReferenceAligned {
    std::string text;
    std::vector<std::uint32_t> origin;
    std::vector<std::uint32_t> origin_end;
};

ReferenceAligned reference_normalize_aligned(std::string_view original) {
    const auto is_follower = [](char32_t cp) {
        return cp == 0xFF9E || cp == 0xFF9F || (cp >= 0x300 && once::combining_class(cp) != 0);
    };
    ReferenceAligned out;
    const auto put = [&](std::string_view bytes, std::size_t start, std::size_t end) {
        out.text += bytes;
        out.origin.insert(out.origin.end(), bytes.size(), static_cast<std::uint32_t>(start));
        out.origin_end.insert(out.origin_end.end(), bytes.size(), static_cast<std::uint32_t>(end));
    };
    bool pending_space = false;
    bool at_line_start = true;
    std::size_t space_start = 0;
    std::size_t space_end = 0;
    std::size_t pos = 0;
    while (pos < original.size()) {
        const std::size_t start = pos;
        const char32_t cp = once::decode_utf8(original, pos);
        if (cp == '\r' || cp == '\n') {
            if (cp == '\r' && pos < original.size() && original[pos] == '\n') ++pos;
            put("\n", start, pos);
            pending_space = false;
            at_line_start = true;
            continue;
        }
        const once::CharClass cls = once::char_class(cp);
        if (cls == once::CharClass::space || cls == once::CharClass::newline) {
            if (!pending_space) space_start = start;
            space_end = pos;
            pending_space = true;
            continue;
        }
        if (cls == once::CharClass::ignorable) continue;
        std::size_t end = pos;
        while (end < original.size()) {
            std::size_t next = end;
            if (!is_follower(once::decode_utf8(original, next))) break;
            end = next;
        }
        const std::string folded = end == pos ? std::string(once::nfkc_casefold(cp))
                                              : once::nfkc_casefold_sequence(original.substr(start, end - start));
        pos = end;
        if (folded.empty()) continue;
        if (pending_space && !at_line_start) put(" ", space_start, space_end);
        pending_space = false;
        at_line_start = false;
        put(folded, start, end);
    }
    out.origin.push_back(static_cast<std::uint32_t>(original.size()));
    out.origin_end.push_back(static_cast<std::uint32_t>(original.size()));
    return out;
}

std::string reference_normalize(std::string_view original) { return reference_normalize_aligned(original).text; }

}  // namespace

// Random text built from the pieces where shortcuts could go wrong: ASCII runs that end right
// before a combining mark, half-width kana with voicing marks, the separators that are white
// space inside a line (U+2028, \v, \f), CRLF, CJK, ignorables and expanding ligatures.
TEST_CASE("normalize: agrees with a character-at-a-time reference on random mixed text") {
    once::test::RandomPieces random(
        {"a", "Z", "word", "Ab1", ".", "!", " ", "  ", "\t", "\v", "\f", "\n", "\r\n", "\r",
         "\u0301", "\u0308", "\u3099", "\u309A", "ｶ", "ﾊ", "\uFF9E", "\uFF9F", "\u2028", "\u2029",
         "\u0085", "\u3000", "\u00A0", "日本", "か", "。", "Ｈｅｌｌｏ", "\u200B", "\uFEFF", "\x01",
         "\x7F", "ﬁ", "㍻", "\U0001F600", "\u0E01\u0E34", "e", "\u00E9", "\u1100\u1161"},
        12345);
    for (int round = 0; round < 3000; ++round) {
        const std::string input = random.text(24);
        CAPTURE(input);
        const auto norm = once::normalize(input);
        CHECK(norm.text == reference_normalize(input));
        CHECK(once::normalize_text(input) == norm.text);  // the same bytes without the alignment
        check_alignment(input, norm);
    }
}

// The same on CJK-heavy and Latin-heavy text, where the fast paths run longest: characters that
// fold to themselves (copied from the input), and next to them ones that do not (full-width,
// half-width, upper case, compatibility forms), with combining marks after either kind.
TEST_CASE("normalize: agrees with the reference on CJK-heavy and Latin-heavy random text") {
    const std::vector<std::vector<std::string>> alphabets = {
        {"日", "本", "語", "漢字", "か", "ア", "ー", "々", "〆", "ｱ", "ｶ", "\uFF9E", "\u3099", "。", "、", "「", "」",
         "（", "）", "！", "？", "\u3000", "㈱", "①", "㍻", "ﾊﾟ", "中文", "“", "”", "\U00020B9F", "\u0E01", "\u0E34", " ",
         "\n", "Ａ", "１"},
        {"the", "Word", "ÉTÉ", "é", "e", "\u0301", "ß", "İ", "ﬁ", "Straße", "Ωμέγα", "Кириллица", " ", "  ", "\t",
         ".", ",", "\n", "\r\n", "\u00A0", "\u200B", "ǅ", "Ⅻ", "x²", "Ａｂｃ"},
    };
    std::uint64_t seed = 777;
    for (const auto& pieces : alphabets) {
        once::test::RandomPieces random(pieces, seed++);
        for (int round = 0; round < 3000; ++round) {
            const std::string input = random.text(40);
            CAPTURE(input);
            const auto norm = once::normalize(input);
            CHECK(norm.text == reference_normalize(input));
            CHECK(once::normalize_text(input) == norm.text);
            check_alignment(input, norm);
        }
    }
}

// Every byte's origin, not only the contract check_alignment tests: folded characters of 1 to 4
// bytes and longer (ﬃ, ㍻, sequences with marks), written into fresh arrays and into reused ones
// (normalize_into, whose arrays hold an earlier, longer text's origins).
TEST_CASE("normalize: each byte's origin equals the reference's on random text") {
    once::test::RandomPieces random(
        {"a", "Word", " ", "  ", "\t", "\n", "\r\n", "\u00E9", "e\u0301", "ß", "Ω", "Ａ", "ｶﾞ", "か\u3099", "日本",
         "。", "\u3000", "\u2028", "\u200B", "ﬁ", "ﬃ", "㍻", "①", "\U0001F600", "\U00020B9F", "\u0E01\u0E34", "x²"},
        4242);
    once::NormalizedText reused;
    for (int round = 0; round < 3000; ++round) {
        const std::string input = random.text(1 + round % 40);
        CAPTURE(input);
        const ReferenceAligned want = reference_normalize_aligned(input);
        const auto norm = once::normalize(input);
        CHECK(norm.text == want.text);
        CHECK(norm.origin == want.origin);
        CHECK(norm.origin_end == want.origin_end);
        once::normalize_into(input, reused);
        REQUIRE(reused.text == want.text);
        for (std::size_t i = 0; i <= want.text.size(); ++i) {
            CHECK(reused.origin[i] == want.origin[i]);
            CHECK(reused.origin_end[i] == want.origin_end[i]);
        }
    }
}
