// band_layout.hpp — how the matcher's LSH band tables hold their entries (internal to match/).
//
// Why a header: the single-document side of the matcher (matcher.cpp: lookups, inserts,
// verification) and the batch side (match_batch.cpp: probe, match in order, insert) read and
// write the same slots and buckets, so the layout is written once, here.
//
// Contract: a band slot holds a sentence id (top bit clear) or, with k_bucket_ref set, the offset
// of a bucket in the band's word arena: [count of ids ever added, ids...], the ids a ring of the
// newest k_max_chain. A bucket does not hold its key: every id in it has that band key, so the
// key is the band's bytes of the first id's signature (which verification reads anyway). Ids are
// 31-bit; k_no_ref is neither.
//
//   if (ref & band_layout::k_bucket_ref) bucket = table.buckets.at(ref & ~band_layout::k_bucket_ref);
#pragma once

#include <cstdint>

namespace once::band_layout {

// A candidate chain longer than this belongs to a band shared by very many sentences (a common
// short phrase); looking further costs time and finds nothing new.
inline constexpr int k_max_chain = 16;
// Sentences shorter than this (about 8 CJK characters or 5 words) are neither looked up in nor
// added to the LSH bands: a short sentence standing alone needs an exact copy to count, and
// inside a copied passage the alignment extension compares it with its neighbour directly.
// Every LSH probe is a cache miss, so this keeps the index to the sentences that matter.
// (Here because band_runs.cpp decides the same membership before matching.)
inline constexpr std::uint32_t k_min_lsh_set = 6;
// Ids are 31-bit: a band slot's top bit tells a sentence id from a bucket offset.
inline constexpr std::uint64_t k_max_ids = 0x7FFFFFFF;
inline constexpr std::uint32_t k_bucket_ref = 0x80000000u;
inline constexpr std::uint32_t k_no_ref = 0xFFFFFFFFu;  // no sentence or bucket (ids stay below it)
// Bucket layout (Matcher::BandTable::buckets): count of ids ever added, then the ids. The key is
// not kept (two words a bucket, 8 bytes of a small bucket's 32 on the generated 100 MB corpus's
// 1.7 million shared band keys): it is that of any id held, which is the same for all.
inline constexpr std::uint32_t k_bucket_count = 0;
inline constexpr std::uint32_t k_bucket_header = 1;
// Three sizes, each bucket moving to the next when full: most shared keys are shared by two
// sentences (a pair, 12 bytes), some by a few (up to 5, 24 bytes), few by many (the ring, 68).
inline constexpr std::uint32_t k_pair_ids = 2;
inline constexpr std::uint32_t k_pair_bucket = k_bucket_header + k_pair_ids;
inline constexpr std::uint32_t k_small_ids = 5;
inline constexpr std::uint32_t k_small_bucket = k_bucket_header + k_small_ids;
inline constexpr std::uint32_t k_large_bucket = k_bucket_header + k_max_chain;

}  // namespace once::band_layout
