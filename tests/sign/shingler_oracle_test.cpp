// shingler_oracle_test.cpp — shingle() against a plain re-statement of its definition.
//
// Why: shingle_into is the hot path's largest function and is written for speed (tokens
// gathered first, hashed in one call, buffers kept between calls); its values are in every
// signature, map and index, so a faster version must give the same bits. The oracle below
// walks characters one by one, hashes each token by itself and grows each shingle from its
// first token, as shingler.hpp describes; random texts of ASCII, CJK, Thai (marks), Cyrillic,
// full-width forms, digits, date words and text beyond the BMP compare every field.
#include "once/sign/shingler.hpp"

#include "once/sign/hashing.hpp"
#include "once/text/normalizer.hpp"
#include "once/text/unicode.hpp"
#include "once/text/utf8.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Format constants of shingler.cpp: the sequence key's seed and the number placeholder.
constexpr std::uint64_t k_sequence_seed = 0x6f6e63655f6b6579ULL;
constexpr std::uint64_t k_number_placeholder = 0x4e554d4245525f5fULL;

struct RefToken {
    std::string_view bytes;
    bool cjk = false;
    bool number = false;  // digits only
    bool digit = false;   // has a digit
};

std::vector<RefToken> reference_tokens(std::string_view text) {
    std::vector<RefToken> out;
    std::size_t word_start = std::string_view::npos;
    bool all_digits = true;
    bool has_digit = false;
    const auto end_word = [&](std::size_t end) {
        if (word_start != std::string_view::npos)
            out.push_back({text.substr(word_start, end - word_start), false, all_digits, has_digit});
        word_start = std::string_view::npos;
        all_digits = true;
        has_digit = false;
    };
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t here = pos;
        switch (once::char_class(once::decode_utf8(text, pos))) {
            case once::CharClass::letter:
                if (word_start == std::string_view::npos) word_start = here;
                all_digits = false;
                break;
            case once::CharClass::digit:
                if (word_start == std::string_view::npos) word_start = here;
                has_digit = true;
                break;
            case once::CharClass::mark:
                break;
            case once::CharClass::cjk: {
                end_word(here);
                std::size_t end = pos;
                while (end < text.size()) {
                    std::size_t next = end;
                    if (once::char_class(once::decode_utf8(text, next)) != once::CharClass::mark) break;
                    end = next;
                }
                out.push_back({text.substr(here, end - here), true, false, false});
                pos = end;
                break;
            }
            default:
                end_word(here);
        }
    }
    end_word(text.size());
    return out;
}

// The only date words the texts below contain (the shingler knows ~70).
bool reference_date_word(std::string_view token) {
    return token == "tuesday" || token == "märz" || token == "juillet" || token == "mayo";
}

once::ShingleSet reference_shingle(std::string_view text, int ngram, bool mask_numbers, bool want_shingles) {
    once::ShingleSet out;
    const std::vector<RefToken> tokens = reference_tokens(text);
    std::vector<std::uint64_t> values;
    std::uint64_t key = k_sequence_seed;
    for (const RefToken& token : tokens) {
        const std::uint64_t hash = once::hash_bytes(token.bytes);
        if (token.digit || (!token.cjk && reference_date_word(token.bytes))) {
            out.number_mask |= (std::uint64_t{1} << (hash & 63)) | (std::uint64_t{1} << ((hash >> 6) & 63));
            out.number_hash += once::mix64(hash);
        }
        const std::uint64_t value = token.number && mask_numbers ? k_number_placeholder : hash;
        key = once::hash_combine(key, value);
        values.push_back(value);
        out.weight += token.cjk ? 1 : 2;
        ++out.tokens;
    }
    out.key = tokens.empty() ? 0 : key;
    if (!want_shingles || tokens.empty()) return out;
    const std::size_t count = tokens.size();
    out.edges.count = static_cast<std::uint16_t>(std::min<std::size_t>(count, 0xFFFF));
    for (std::size_t t = 0; t < count && t < once::TokenEdges::k_edge; ++t) {
        out.edges.head[t] = static_cast<std::uint8_t>(values[t] >> 56);
        out.edges.tail[t] = static_cast<std::uint8_t>(values[count - 1 - t] >> 56);
        out.edges.head_cjk |= std::uint64_t{tokens[t].cjk} << t;
        out.edges.tail_cjk |= std::uint64_t{tokens[count - 1 - t].cjk} << t;
    }
    const auto need = static_cast<std::uint32_t>(std::max(1, ngram));
    if (out.weight < need) {
        out.shingles = {key};
        return out;
    }
    for (std::size_t i = 0; i < count; ++i) {
        std::uint64_t hash = values[i];
        std::uint32_t weight = tokens[i].cjk ? 1 : 2;
        for (std::size_t j = i + 1; weight < need && j < count; ++j) {
            hash = once::hash_combine(hash, values[j]);
            weight += tokens[j].cjk ? 1 : 2;
        }
        if (weight >= need) out.shingles.push_back(hash);
    }
    std::sort(out.shingles.begin(), out.shingles.end());
    out.shingles.erase(std::unique(out.shingles.begin(), out.shingles.end()), out.shingles.end());
    return out;
}

void check_same(const once::ShingleSet& got, const once::ShingleSet& want) {
    CHECK(got.key == want.key);
    CHECK(got.tokens == want.tokens);
    CHECK(got.weight == want.weight);
    CHECK(got.number_mask == want.number_mask);
    CHECK(got.number_hash == want.number_hash);
    CHECK(got.shingles == want.shingles);
    CHECK(got.edges.count == want.edges.count);
    CHECK(got.edges.head == want.edges.head);
    CHECK(got.edges.tail == want.edges.tail);
    CHECK(got.edges.head_cjk == want.edges.head_cjk);
    CHECK(got.edges.tail_cjk == want.edges.tail_cjk);
}

// Random text from pieces of every kind the tokenizer tells apart, with and without separators
// (so words glue to CJK characters, digits to letters, marks to either).
std::string random_text(std::mt19937_64& random, std::size_t pieces) {
    static const std::vector<std::string> k_pieces = {
        "the", "Quick", "brown", "fox", "x", "Tuesday", "März", "juillet", "mayo", "may", "2024", "3.5",
        "F-05D", "IS15SH", "a1", "café", "Привет", "ΑΒΓ", "日", "本語", "の", "投資", "ー", "アイ", "ภาษาไทย",
        "ก\u0E34", "\u0301", "e\u0301", "한국어", "ａｂｃ", "１２３", "😀", "𠀋", " ", " ", " ", ", ", "、", "。", "!",
        "\n", "\t", "-", "'", "\u200B", "か\u3099", "\u3099", "\u20DD", "語\u20DD", "ｶﾞ", "。", "中文字", "abc123", "7", "Z", "@", "[", "`", "{"};
    std::uniform_int_distribution<std::size_t> pick(0, k_pieces.size() - 1);
    std::string text;
    for (std::size_t i = 0; i < pieces; ++i) text += k_pieces[pick(random)];
    return text;
}

}  // namespace

TEST_CASE("shingle: equals the reference on fixed texts (empty, ASCII, CJK, mixed, marks, long)") {
    const std::vector<std::string> texts = {
        "", " ", "!!", "a", "ab", "x y", "the quick brown fox jumps over the lazy dog",
        "日本語の文章です。ここに二つ目がある", "alibabaのai投資", "価格は2024円", "F-05D IS15SH 3.5",
        "unveiled on Tuesday", "ภาษาไทย ก\u0E34", "\u0301a\u0301 日\u0301本", "😀 𠀋 x", std::string(5000, 'z') + " tail",
        std::string(300, 'a') + std::string(" b").append(200, 'c'), [] {
            std::string many;
            for (int i = 0; i < 200; ++i) many += "語w ";  // more than 2 * k_edge tokens
            return many;
        }()};
    for (const std::string& raw : texts) {
        for (const std::string& text : {raw, once::normalize(raw).text}) {
            for (const int ngram : {1, 3, 5}) {
                for (const bool mask : {false, true}) {
                    for (const bool want : {true, false}) {
                        CAPTURE(text);
                        CAPTURE(ngram);
                        CAPTURE(mask);
                        CAPTURE(want);
                        check_same(once::shingle(text, ngram, mask, want), reference_shingle(text, ngram, mask, want));
                    }
                }
            }
        }
    }
}

TEST_CASE("shingle_into: equals the reference on random texts, with one set reused throughout") {
    std::mt19937_64 random(12);
    std::uniform_int_distribution<std::size_t> length(0, 160);
    once::ShingleSet reused;
    for (int round = 0; round < 3000; ++round) {
        const std::string raw = random_text(random, length(random));
        const std::string text = round % 2 == 0 ? once::normalize(raw).text : raw;
        const int ngram = 1 + round % 4;
        const bool mask = round % 3 == 0;
        const bool want = round % 5 != 0;
        CAPTURE(text);
        CAPTURE(ngram);
        once::shingle_into(reused, text, ngram, mask, want);
        check_same(reused, reference_shingle(text, ngram, mask, want));
    }
}

// shingle_into takes runs of CJK characters, each a token of one three-byte character, in a loop
// of its own (Tokenizer::cjk_run) and leaves it for the general tokenizer where a character with
// a mark, a two- or four-byte character, a word or the text's end comes. Every follower of every
// position in a run, against the reference.
TEST_CASE("shingle_into: CJK runs broken by every kind of follower equal the reference") {
    const std::vector<std::string> runs = {"日", "日本", "日本語の", "ภาษา", "アイウエオカキ"};
    const std::vector<std::string> followers = {
        "", "a", "word", "1", "42", " ", "\n", "、", "。", "\u0301", "\u3099", "\u20DD", "\u0E34", "😀", "𠀋",
        "é", "ж", "日", "ｶ", "ａ", "\u200B", "\u3099\u3099", "\u0301日"};
    once::ShingleSet reused;
    for (const std::string& run : runs) {
        for (const std::string& before : followers) {
            for (const std::string& after : followers) {
                for (const std::string& text : {before + run + after, run + after + run, after + run + before + run}) {
                    for (const int ngram : {1, 3}) {
                        CAPTURE(text);
                        CAPTURE(ngram);
                        once::shingle_into(reused, text, ngram, false, true);
                        check_same(reused, reference_shingle(text, ngram, false, true));
                        once::shingle_into(reused, text, 1, true, false);
                        check_same(reused, reference_shingle(text, 1, true, false));
                    }
                }
            }
        }
    }
}
