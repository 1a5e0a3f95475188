// unicode_test.cpp — the character facts from utf8proc that the fast paths of the normalizer
// and shingler rely on.
#include "once/text/unicode.hpp"

#include <doctest/doctest.h>

#include <string>

#include "once/text/utf8.hpp"

// The normalizer asks the class table before utf8proc whether a combining mark follows
// (normalizer.cpp, is_combining_follower): that is exact only while every character with a
// non-zero combining class has CharClass::mark. Checked over all of Unicode, so a new utf8proc
// that broke it would fail here rather than change output.
TEST_CASE("unicode: every character with a non-zero combining class is a mark") {
    int exceptions = 0;
    for (char32_t cp = 0; cp < 0x110000; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates are not characters
        if (once::combining_class(cp) != 0 && once::char_class(cp) != once::CharClass::mark) {
            CAPTURE(static_cast<unsigned>(cp));
            ++exceptions;
        }
    }
    CHECK(exceptions == 0);
}

TEST_CASE("unicode: classes of characters the segmenter and normalizer treat specially") {
    CHECK(once::char_class(U'\u2028') == once::CharClass::newline);
    CHECK(once::char_class(U'\v') == once::CharClass::newline);
    CHECK(once::char_class(U'\f') == once::CharClass::newline);
    CHECK(once::char_class(U'\u3000') == once::CharClass::space);
    CHECK(once::char_class(U'\u200B') == once::CharClass::ignorable);
    CHECK(once::char_class(U'\u3099') == once::CharClass::mark);
    CHECK(once::combining_class(U'\uFF9E') == 0);  // ﾞ is class 0, yet folds with the kana before it
    CHECK(once::char_class(U'日') == once::CharClass::cjk);
    CHECK(once::nfkc_casefold(U'Ａ') == "a");
    CHECK(once::nfkc_casefold_sequence("\uFF76\uFF9E") == "ガ");
}

// The BMP fold table is built without utf8proc_map (unicode.cpp, fold_code_point): it must hold
// what utf8proc_map gives for every character.
TEST_CASE("unicode: the BMP fold table agrees with utf8proc_map for every character") {
    int differences = 0;
    for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates are not characters
        std::string utf8;
        once::append_utf8(utf8, cp);
        if (once::nfkc_casefold(cp) != once::nfkc_casefold_sequence(utf8)) {
            CAPTURE(static_cast<unsigned>(cp));
            ++differences;
        }
    }
    CHECK(differences == 0);
}

// Loops pass the tables in (char_class(tables, cp)) to skip bmp_tables()' check per character;
// the answers are those of the one-argument functions, inside and beyond the BMP.
TEST_CASE("unicode: char_class and nfkc_casefold with the tables passed in answer alike") {
    const once::BmpTables& tables = once::bmp_tables();
    for (char32_t cp = 0; cp < 0x110000; cp += cp < 0x10000 ? 1 : 97) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        CAPTURE(static_cast<unsigned>(cp));
        CHECK(once::char_class(tables, cp) == once::char_class(cp));
        CHECK(std::string(once::nfkc_casefold(tables, cp)) == std::string(once::nfkc_casefold(cp)));
    }
}

// The normalizer copies runs of copied_as_is characters without folding them: each must be its
// own fold, visible and a starter, or a run would differ from the way one character at a time.
TEST_CASE("unicode: characters copied as they are fold to themselves, are visible and are starters") {
    const once::BmpTables& tables = once::bmp_tables();
    int wrong = 0;
    int copied = 0;
    for (char32_t cp = 0; cp < 0x10000; ++cp) {
        if (!tables.copied_as_is[cp]) continue;
        ++copied;
        std::string utf8;
        once::append_utf8(utf8, cp);
        const once::CharClass cls = once::char_class(cp);
        if (once::nfkc_casefold(cp) != utf8 || cls == once::CharClass::space || cls == once::CharClass::newline ||
            cls == once::CharClass::ignorable || once::combining_class(cp) != 0) {
            CAPTURE(static_cast<unsigned>(cp));
            ++wrong;
        }
    }
    CHECK(wrong == 0);
    CHECK(copied > 30000);  // kana, kanji and CJK punctuation: the point of the table
    for (const char32_t cp : {U'日', U'か', U'ア', U'。', U'、', U'「', U'ー'}) CHECK(tables.copied_as_is[cp]);
    // Full-width and half-width forms fold; U+3099 is a combining mark; U+3000 is a space.
    for (const char32_t cp : {U'Ａ', U'ｶ', U'\uFF9E', U'\u3099', U'\u3000', U'\u200B', U'㍻'})
        CHECK_FALSE(tables.copied_as_is[cp]);
}
