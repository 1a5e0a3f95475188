// shingler_test.cpp — tokens (CJK characters, words), exact keys, weights, number masks and
// shingle sets of normalized text.
#include "once/sign/shingler.hpp"

#include "once/sign/hashing.hpp"
#include "once/sign/minhash.hpp"
#include "once/text/normalizer.hpp"
#include "once/text/unicode.hpp"
#include "once/text/utf8.hpp"

#include <doctest/doctest.h>

#include "random_text.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

namespace {

// The shingler takes normalized text; tests start from what a user would write.
once::ShingleSet shingle_of(const std::string& raw, int ngram = 3, bool mask_numbers = false) {
    return once::shingle(once::normalize(raw).text, ngram, mask_numbers);
}

}  // namespace

TEST_CASE("shingle: the same key for width, case, spacing and punctuation variants") {
    struct Pair {
        std::string name;
        std::string a;
        std::string b;
    };
    const std::vector<Pair> pairs = {
        {"ideographic comma vs comma and case", "Alibaba、AI", "alibaba, ai"},
        {"full-width vs half-width Latin", "ＡＬＩＢＡＢＡ　ＡＩ", "Alibaba AI"},
        {"full-width digits", "２０２４年の計画", "2024年の計画"},
        {"half-width vs full-width katakana", "ｶﾀｶﾅのﾃｽﾄ", "カタカナのテスト"},
        {"Japanese punctuation ignored", "東京、大阪。", "東京大阪"},
        {"Chinese quotes ignored", "他说：“好。”", "他说好"},
        {"spaces between CJK characters ignored", "日 本 語", "日本語"},
        {"line breaks and tabs are separators", "one\ttwo\r\nthree", "one two three"},
        {"mixed scripts", "AlibabaのＡＩ投資！", "alibaba の ai 投資"},
        {"symbols ignored", "*** Breaking: news ***", "breaking news"},
    };
    for (const auto& p : pairs) {
        CAPTURE(p.name);
        const auto a = shingle_of(p.a);
        const auto b = shingle_of(p.b);
        CHECK(a.key != 0);
        CHECK(a.key == b.key);
        CHECK(a.shingles == b.shingles);
        CHECK(a.weight == b.weight);
    }
}

TEST_CASE("shingle: different text, different key") {
    struct Pair {
        std::string name;
        std::string a;
        std::string b;
    };
    const std::vector<Pair> pairs = {
        {"one word changed", "the quick brown fox", "the quick brown cat"},
        {"word order", "alibaba ai", "ai alibaba"},
        {"one kanji changed", "東京都に行く", "京都府に行く"},
        {"extra word", "alibaba ai", "alibaba ai investment"},
        {"Chinese simplified vs traditional", "国际新闻", "國際新聞"},
        {"word boundary moved", "data base", "database"},
        {"different numbers", "chapter 12", "chapter 13"},
    };
    for (const auto& p : pairs) {
        CAPTURE(p.name);
        CHECK(shingle_of(p.a).key != shingle_of(p.b).key);
    }
}

TEST_CASE("shingle: empty, whitespace-only and punctuation-only text have key 0") {
    for (const std::string raw : {"", "   ", "\u3000\t\n", "、。！？", "--- *** ---", "\u200B"}) {
        CAPTURE(raw);
        const auto set = shingle_of(raw);
        CHECK(set.key == 0);
        CHECK(set.tokens == 0);
        CHECK(set.weight == 0);
        CHECK(set.number_mask == 0);
        CHECK(set.number_hash == 0);
        CHECK(set.shingles.empty());
        CHECK(once::text_weight(once::normalize(raw).text) == 0);
    }
}

TEST_CASE("shingle: tokens and weights (CJK character = 1, word = 2)") {
    struct Case {
        std::string name;
        std::string raw;
        std::uint32_t tokens;
        std::uint32_t weight;
    };
    const std::vector<Case> cases = {
        {"one word", "hello", 1, 2},
        {"two words", "hello world", 2, 4},
        {"Japanese", "東京タワー", 5, 5},
        {"Chinese", "今天天气很好", 6, 6},
        {"full-width word", "Ｈｅｌｌｏ", 1, 2},
        {"half-width katakana", "ｶﾀｶﾅ", 4, 4},
        {"mixed: alibaba の ai 投 資", "AlibabaのAI投資", 5, 7},
        {"number is a word", "in 2024", 2, 4},
        {"decimal splits at the point", "3.5", 2, 4},
        {"accented word", "Ünïcödé café", 2, 4},
        {"Hangul is a word script", "안녕 세계", 2, 4},
        {"Cyrillic", "привет мир", 2, 4},
        {"emoji are not tokens", "\U0001F600 ok", 1, 2},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const std::string normalized = once::normalize(c.raw).text;
        const auto set = once::shingle(normalized, 3);
        CHECK(set.tokens == c.tokens);
        CHECK(set.weight == c.weight);
        CHECK(once::text_weight(normalized) == c.weight);
    }
}

TEST_CASE("shingle: shingle counts (CJK trigrams, word bigrams)") {
    struct Case {
        std::string name;
        std::string raw;
        int ngram;
        std::size_t shingles;
    };
    const std::vector<Case> cases = {
        {"5 kanji -> 3 trigrams", "東京都庁舎", 3, 3},
        {"3 kanji -> 1 trigram", "東京都", 3, 1},
        {"too short: the whole text is one shingle", "東京", 3, 1},
        {"4 words -> 3 bigrams", "one two three four", 3, 3},
        {"2 words -> 1 bigram", "one two", 3, 1},
        {"1 word (weight 2 < 3) -> one shingle", "one", 3, 1},
        {"repeated bigram counted once", "a b a b", 3, 2},
        {"repeated trigram counted once", "あいうあいう", 3, 3},
        {"mixed: alibaba+の, の+ai, ai+投", "AlibabaのAI投資", 3, 3},
        {"ngram 1: one shingle per distinct token", "to be or not to be", 1, 4},
        {"ngram 2: CJK bigrams", "東京都庁", 2, 3},
        {"ngram 4: word pairs", "one two three", 4, 2},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto set = shingle_of(c.raw, c.ngram);
        CHECK(set.shingles.size() == c.shingles);
        CHECK(std::is_sorted(set.shingles.begin(), set.shingles.end()));
        CHECK(std::adjacent_find(set.shingles.begin(), set.shingles.end()) == set.shingles.end());
    }
}

TEST_CASE("shingle: one changed word or character changes only nearby shingles") {
    const auto a = shingle_of("the committee will publish its final report on the new rail line next week");
    const auto b = shingle_of("the committee will publish its final report on the old rail line next week");
    // 14 words -> 13 bigrams each; "new" vs "old" changes the 2 bigrams that contain it.
    REQUIRE(a.shingles.size() == 13);
    REQUIRE(b.shingles.size() == 13);
    std::vector<std::uint64_t> common;
    std::set_intersection(a.shingles.begin(), a.shingles.end(), b.shingles.begin(), b.shingles.end(),
                          std::back_inserter(common));
    CHECK(common.size() == 11);

    const auto c = shingle_of("東京の新しい鉄道は来週に開業する予定です");
    const auto d = shingle_of("東京の新しい鉄道は再来週に開業する予定です");
    std::vector<std::uint64_t> common_cjk;
    std::set_intersection(c.shingles.begin(), c.shingles.end(), d.shingles.begin(), d.shingles.end(),
                          std::back_inserter(common_cjk));
    // Inserting 再 removes the 2 trigrams that spanned the insertion point (道は来, は来週).
    CHECK(common_cjk.size() == c.shingles.size() - 2);
}

TEST_CASE("shingle: number_mask and mask_numbers") {
    const auto plain = shingle_of("no numbers here");
    CHECK(plain.number_mask == 0);
    const auto y2024 = shingle_of("© 2024 Foo Inc.");
    const auto y2025 = shingle_of("© 2025 Foo Inc.");
    CHECK(y2024.number_mask != 0);
    CHECK(y2025.number_mask != 0);
    CHECK(y2024.number_mask != y2025.number_mask);
    CHECK(y2024.key != y2025.key);
    // The same numbers in another width give the same mask.
    CHECK(shingle_of("© ２０２４ Foo Inc.").number_mask == y2024.number_mask);
    // Any token with a digit is a fact (model numbers, decimals), not only all-digit words.
    CHECK(shingle_of("mp3 player").number_mask != 0);
    CHECK(shingle_of("IS15SH phone").number_mask != shingle_of("IS16SH phone").number_mask);
    CHECK(shingle_of("version 3.5").number_mask != 0);
    // Two numbers set (up to) two bits; the mask of a subset is contained in the superset's.
    const auto both = shingle_of("from 2024 to 2025");
    CHECK((y2024.number_mask & ~both.number_mask) == 0);
    CHECK((y2025.number_mask & ~both.number_mask) == 0);

    // number_hash: the same multiset of facts in any order, 0 without facts.
    CHECK(plain.number_hash == 0);
    CHECK(y2024.number_hash != 0);
    CHECK(y2024.number_hash != y2025.number_hash);
    CHECK(shingle_of("from 2024 to 2025").number_hash == shingle_of("to 2025 from 2024").number_hash);
    CHECK(shingle_of("from 2024 to 2025").number_hash != shingle_of("from 2024 to 2024").number_hash);
    CHECK(shingle_of("第３回は５月").number_hash == shingle_of("第3回は5月").number_hash);
    // facts: each fact token's hash in text order, repeats kept (the signer numbers them per page).
    CHECK(plain.facts.empty());
    const auto listed = shingle_of("from 2024 to 2025 and 2024 on Tuesday");
    REQUIRE(listed.facts.size() == 4);
    CHECK(listed.facts[0] == listed.facts[2]);
    CHECK(listed.facts[0] != listed.facts[1]);
    CHECK(listed.facts[3] != listed.facts[0]);
    CHECK(shingle_of("第３回は５月").facts == shingle_of("第3回は5月").facts);

    // Masking replaces every number by one placeholder: templated lines share a key.
    const auto m2024 = shingle_of("© 2024 Foo Inc.", 3, true);
    const auto m2025 = shingle_of("© 2025 Foo Inc.", 3, true);
    CHECK(m2024.key == m2025.key);
    CHECK(m2024.shingles == m2025.shingles);
    CHECK(m2024.number_mask == y2024.number_mask);  // the mask still tells the numbers apart
    CHECK(shingle_of("Page 3 of 12", 3, true).key == shingle_of("Page 10 of 11", 3, true).key);
    CHECK(shingle_of("２０２４年１月５日", 3, true).key == shingle_of("2025年12月31日", 3, true).key);
    // ... but not the words around them.
    CHECK(m2024.key != shingle_of("© 2024 Bar Inc.", 3, true).key);
    // Without numbers, masking changes nothing.
    CHECK(shingle_of("no numbers here", 3, true).key == plain.key);
}

TEST_CASE("shingle: want_shingles=false gives the same key, counts and mask without shingles") {
    for (const std::string raw : {"Alibaba、AI投資 2024", "the quick brown fox", "東京"}) {
        CAPTURE(raw);
        const std::string normalized = once::normalize(raw).text;
        const auto full = once::shingle(normalized, 3, false, true);
        const auto cheap = once::shingle(normalized, 3, false, false);
        CHECK(cheap.key == full.key);
        CHECK(cheap.tokens == full.tokens);
        CHECK(cheap.weight == full.weight);
        CHECK(cheap.number_mask == full.number_mask);
        CHECK(cheap.number_hash == full.number_hash);
        CHECK(cheap.shingles.empty());
        CHECK_FALSE(full.shingles.empty());
    }
}

TEST_CASE("shingle: deterministic") {
    const std::string normalized = once::normalize("AlibabaのAI投資は2024年に拡大した。").text;
    const auto a = once::shingle(normalized, 3);
    const auto b = once::shingle(normalized, 3);
    CHECK(a.key == b.key);
    CHECK(a.shingles == b.shingles);
    CHECK(a.number_mask == b.number_mask);
}

// The signer reuses one ShingleSet for every sentence (shingle_into): what a call leaves behind
// must never leak into the next, whatever the order of long, short, empty and masked texts.
TEST_CASE("shingle_into: a reused set gives what a fresh shingle() gives") {
    const std::vector<std::string> texts = {"日本語の文章です。ここに二つ目がある", "", "a", "the quick brown fox jumps",
                                            "価格は2024円", "ab", "x y", std::string(5000, 'z') + " tail",
                                            "alibabaのai投資", "!!", "2024 2025 foo"};
    once::ShingleSet reused;
    for (int round = 0; round < 3; ++round) {
        for (const auto& text : texts) {
            for (const bool mask : {false, true}) {
                for (const bool want : {true, false}) {
                    CAPTURE(text);
                    once::shingle_into(reused, text, 3, mask, want);
                    const once::ShingleSet fresh = once::shingle(text, 3, mask, want);
                    CHECK(reused.key == fresh.key);
                    CHECK(reused.tokens == fresh.tokens);
                    CHECK(reused.weight == fresh.weight);
                    CHECK(reused.number_mask == fresh.number_mask);
                    CHECK(reused.number_hash == fresh.number_hash);
                    CHECK(reused.shingles == fresh.shingles);
                }
            }
        }
    }
}

// ShingleOrder::any (the signer's) leaves the shingles unsorted: the same distinct values as
// shingle()'s sorted list, each once, so set_size and the MinHash signature do not change. Texts
// that repeat their pieces (the same shingle many times), ASCII, CJK and mixed, one after another
// into one set and one per-thread table: long after short after long (the table's slots from an
// earlier, longer text must read as empty), and over 4,096 shingles (sorted instead).
TEST_CASE("shingle_into: ShingleOrder::any gives shingle()'s set, each value once, in any order") {
    once::test::RandomPieces random({"日本", "語", "の", "です", "。", "日本語", "the", "fox", "fox", " ", "2024", "Ａ",
                                     "ab", "か\u3099", "中文", "，", "ok ok", "\u0E01\u0E34"},
                                    2026);
    const once::MinHasher hasher(64, 7);
    once::ShingleSet set;
    std::vector<std::uint32_t> want_signature(64), got_signature(64);
    for (int round = 0; round < 2000; ++round) {
        std::string text = random.text(round % 3 == 0 ? 400 : 12);
        if (round % 500 == 499) {
            while (text.size() < 40000) text += random.text(400);  // thousands of tokens
        }
        const std::string normalized = once::normalize_text(text);
        for (const int ngram : {3, 5}) {
            CAPTURE(normalized);
            CAPTURE(ngram);
            const once::ShingleSet sorted = once::shingle(normalized, ngram);
            once::shingle_into(set, normalized, ngram, false, true, once::ShingleOrder::any);
            CHECK(set.key == sorted.key);
            CHECK(set.weight == sorted.weight);
            std::vector<std::uint64_t> values = set.shingles;
            std::sort(values.begin(), values.end());
            REQUIRE(values == sorted.shingles);  // sorted.shingles is sorted and unique
            hasher.sign(sorted.shingles, want_signature.data());
            hasher.sign(set.shingles, got_signature.data());
            CHECK(got_signature == want_signature);
        }
    }
}

// A token's hash is XXH3 of its bytes (hash_bytes) however the shingler gets it: three-byte
// characters come from a table filled once, other tokens are hashed in place. The key of a
// one-token text is hash_combine(the sequence seed, that hash) — checked for every three-byte
// character that is a token on its own, and for tokens of other lengths.
TEST_CASE("shingle: a token's hash is hash_bytes of its bytes, from the table or not") {
    constexpr std::uint64_t k_sequence_seed = 0x6f6e63655f6b6579ULL;  // shingler.cpp
    const auto expected_key = [&](std::string_view token) {
        return once::hash_combine(k_sequence_seed, once::hash_bytes(token));
    };
    int checked = 0;
    int wrong = 0;
    for (char32_t cp = 0x800; cp < 0x10000; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        const once::CharClass cls = once::char_class(cp);
        if (cls != once::CharClass::cjk && cls != once::CharClass::letter) continue;
        std::string token;
        once::append_utf8(token, cp);
        ++checked;
        if (once::shingle(token, 1, false, false).key != expected_key(token)) {
            CAPTURE(static_cast<unsigned>(cp));
            ++wrong;
        }
    }
    CHECK(checked > 40000);
    CHECK(wrong == 0);
    for (const std::string_view token : {"a", "ab", "abc", "日\u3099", "ж", "word", "\U00020B9F"})
        CHECK(once::shingle(token, 1, false, false).key == expected_key(token));
}
