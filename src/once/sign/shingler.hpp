// shingler.hpp — tokens, exact keys, weights and shingles of normalized text.
//
// Why tokens of two kinds: Japanese and Chinese have no spaces, so each CJK character is a
// token; space-separated scripts use whole words. Shingles are n-grams of tokens, which gives
// character n-grams for CJK and word n-grams for Latin text, and behaves for mixed text
// ("AlibabaのAI投資" -> alibaba, の, ai, 投, 資). Punctuation, symbols and spaces separate tokens
// and are otherwise ignored, so "Alibaba、AI" and "Alibaba, AI" have the same key.
//
//   auto tokens = once::shingle("alibabaのai投資", 3);
//   tokens.key;       // identity of the token sequence (exact repeats)
//   tokens.shingles;  // sorted, unique 64-bit shingle hashes (the set for MinHash)
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace once {

// The first and last tokens of a sentence, one byte each (8 bits of the token's hash) and one
// bit each saying the token is CJK (weight 1; a word weighs 2). What aligning a copy with its
// source token by token needs (align.hpp): where a passage pasted mid-sentence begins and
// ends, and whether an edited copy differs from its source in one place only. A sentence of up
// to 2 * k_edge tokens is held whole; of a longer one the middle is unknown. 64 tokens a side
// hold a whole Japanese or Chinese sentence of up to 128 characters and 128 words of English, in
// 146 bytes, on disk (edge_store.hpp). (24 a side cut the piece of a long Chinese sentence where
// a paste begins after 24 characters: "为了进一步改善市民出行条件并缓解早晚高峰时段主要干道的交通
// 拥堵状况，将" stayed where "在未来三年内投入大量资金推出新的公共交通网络规划" went.)
struct TokenEdges {
    static constexpr std::size_t k_edge = 64;
    std::uint16_t count = 0;                   // tokens of the sentence, capped at 65535
    std::array<std::uint8_t, k_edge> head{};   // tokens 0, 1, 2, ...
    std::array<std::uint8_t, k_edge> tail{};   // tokens count-1, count-2, ...
    std::uint64_t head_cjk = 0;                // bit t: head[t] is a CJK token
    std::uint64_t tail_cjk = 0;
    static_assert(k_edge <= 64, "one bit per held token in head_cjk and tail_cjk");
    // Token t counted from the start (from the end) as its hash byte, plus 256 for a CJK
    // token; -1 when it is not held.
    int from_start(std::size_t t) const {
        if (t >= count) return -1;
        if (t < k_edge) return head[t] | static_cast<int>((head_cjk >> t) & 1) << 8;
        const std::size_t j = count - 1 - t;
        return j < k_edge ? tail[j] | static_cast<int>((tail_cjk >> j) & 1) << 8 : -1;
    }
    int from_end(std::size_t t) const {
        if (t >= count) return -1;
        if (t < k_edge) return tail[t] | static_cast<int>((tail_cjk >> t) & 1) << 8;
        const std::size_t j = count - 1 - t;
        return j < k_edge ? head[j] | static_cast<int>((head_cjk >> j) & 1) << 8 : -1;
    }
};

// Is a token, as from_start/from_end return it, a word rather than a CJK character (bit 8).
constexpr bool token_edge_is_word(int token) { return (token & 0x100) == 0; }
// Weight units of a token as from_start/from_end return it.
constexpr std::uint32_t token_edge_weight(int token) { return token_edge_is_word(token) ? 2 : 1; }

struct ShingleSet {
    std::uint64_t key = 0;          // hash of the whole token sequence; 0 when there are no tokens
    std::uint32_t tokens = 0;
    std::uint32_t weight = 0;       // 1 per CJK token, 2 per word token (config.hpp)
    // Facts: tokens with a digit (2024, 3.5, F-05D, IS15SH) and the names of days and months
    // (Tuesday, März, juillet). A 64-bit Bloom mask (two bits per
    // token) to test "my facts are among yours", and an order-free hash of the multiset to test
    // "same facts".
    std::uint64_t number_mask = 0;
    std::uint64_t number_hash = 0;
    std::vector<std::uint64_t> shingles;
    // With want_shingles: each fact token's hash, in text order (repeats too). The signer numbers
    // a page's facts from them (UnitRecord::page_facts), where the masks only say "maybe".
    std::vector<std::uint64_t> facts;
    TokenEdges edges;               // with want_shingles only
};

// `normalized` comes from the normalizer. A shingle is the shortest run of tokens whose weight
// reaches `ngram` (3: three CJK characters, two words). `mask_numbers` replaces every number by one
// placeholder (templates: "© 2024 foo" == "© 2025 foo"). With `want_shingles` false only the
// key, counts and mask are computed (cheaper, for line templates).
ShingleSet shingle(std::string_view normalized, int ngram, bool mask_numbers = false, bool want_shingles = true);
// The order of ShingleSet::shingles: `sorted` (ascending, what shingle() gives: exact Jaccard,
// tests) or `any` (the same distinct values in an unspecified order, for the signer: MinHash takes
// minima and set_size a count, neither needs the order, and sorting a sentence's shingles was a
// sixth of shingle_into's instructions on ldcc).
enum class ShingleOrder { sorted, any };
// The same into `out`, whose shingle buffer is reused: the signer calls this once per sentence,
// and a fresh vector each time was a malloc and a free per sentence.
void shingle_into(ShingleSet& out, std::string_view normalized, int ngram, bool mask_numbers = false,
                  bool want_shingles = true, ShingleOrder order = ShingleOrder::sorted);

// Weight of normalized text in weight units, without hashing.
std::uint32_t text_weight(std::string_view normalized);

// Where each token of `original` (not normalized: any valid UTF-8) lies in it, [start, end) in
// bytes, in the order and number shingle() counts them after normalization: to turn "the copy
// begins 7 tokens before this sentence's end" into a byte offset.
struct TokenRange {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
};
std::vector<TokenRange> token_ranges(std::string_view original);

}  // namespace once
