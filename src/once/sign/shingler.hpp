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

#include <cstdint>
#include <string_view>
#include <vector>

namespace once {

struct ShingleSet {
    std::uint64_t key = 0;          // hash of the whole token sequence; 0 when there are no tokens
    std::uint32_t tokens = 0;
    std::uint32_t weight = 0;       // 1 per CJK token, 2 per word token (config.hpp)
    // Facts: tokens with a digit (2024, 3.5, F-05D, IS15SH). A 64-bit Bloom mask (two bits per
    // token) to test "my facts are among yours", and an order-free hash of the multiset to test
    // "same facts".
    std::uint64_t number_mask = 0;
    std::uint64_t number_hash = 0;
    std::vector<std::uint64_t> shingles;
};

// `normalized` comes from the normalizer. A shingle is the shortest run of tokens whose weight
// reaches `ngram` (3: three CJK characters, two words). `mask_numbers` replaces every number by one
// placeholder (templates: "© 2024 foo" == "© 2025 foo"). With `want_shingles` false only the
// key, counts and mask are computed (cheaper, for line templates).
ShingleSet shingle(std::string_view normalized, int ngram, bool mask_numbers = false, bool want_shingles = true);

// Weight of normalized text in weight units, without hashing.
std::uint32_t text_weight(std::string_view normalized);

}  // namespace once
