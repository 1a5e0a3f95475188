#include "once/match/matcher.hpp"

#include <algorithm>
#include <cstring>

#include "once/core/error.hpp"
#include "once/match/align.hpp"
#include "once/run/memory_budget.hpp"
#include "once/sign/minhash.hpp"
#include "once/core/units.hpp"

namespace once {
namespace {

// A candidate chain longer than this belongs to a band shared by very many sentences (a common
// short phrase); looking further costs time and finds nothing new.
constexpr int k_max_chain = 16;
// Near matching needs a few shingles: a signature of a one- or two-shingle set says little.
constexpr std::uint32_t k_min_near_set = 3;
// Sentences shorter than this (about 8 CJK characters or 5 words) are neither looked up in nor
// added to the LSH bands: a short sentence standing alone needs an exact copy to count, and
// inside a copied passage the alignment extension compares it with its neighbour directly.
// Every LSH probe is a cache miss, so this keeps the index to the sentences that matter.
constexpr std::uint32_t k_min_lsh_set = 6;
// Thresholds above 1 ask verify() for an exact copy or nothing: no estimate reaches them.
constexpr double k_exact_only = 1.1;
// The alignment extension grows a run one sentence per side per round; three rounds reach
// three edited sentences in a row beside an exact one, and a copy edited more densely than that
// is a rewrite. Each round is a pass over the document's sentences, and a round that adds
// nothing ends the loop, so nearly every document stops after one or two.
constexpr int k_extension_rounds = 3;
// Inside a run, an edited sentence may have at most this share of either sentence outside their
// longest common token subsequence: changed words or phrases, not a rewrite that shares words.
// One third: a one-word edit in a five-word sentence is a fifth, two small edits in a sixteen-word
// sentence an eighth.
constexpr double k_run_edit_share = 1.0 / 3.0;

// Positions where two byte strings agree, eight at a time.
std::size_t equal_bytes(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) {
    std::size_t equal = 0;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t x;
        std::uint64_t y;
        std::memcpy(&x, a + i, 8);
        std::memcpy(&y, b + i, 8);
        const std::uint64_t diff = x ^ y;
        // Bit 7 of each zero byte of `diff` (no carries cross bytes), then their sum.
        const std::uint64_t zero =
            ~(((diff & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | diff) & 0x8080808080808080ULL;
        equal += static_cast<std::size_t>(((zero >> 7) * 0x0101010101010101ULL) >> 56);
    }
    for (; i < n; ++i) equal += a[i] == b[i];
    return equal;
}

// Ids are 31-bit: a band slot's top bit tells a sentence id from a bucket offset.
constexpr std::uint64_t k_max_ids = 0x7FFFFFFF;
constexpr std::uint32_t k_bucket_ref = 0x80000000u;
constexpr std::uint32_t k_no_ref = 0xFFFFFFFFu;  // no sentence or bucket (ids stay below it)
// Bucket layout (Matcher::buckets_): key (two words), count of ids ever added, then the ids.
constexpr std::uint32_t k_bucket_header = 3;
constexpr std::uint32_t k_small_ids = 5;
constexpr std::uint32_t k_small_bucket = k_bucket_header + k_small_ids;
constexpr std::uint32_t k_large_bucket = k_bucket_header + k_max_chain;

}  // namespace

Matcher::Matcher(const Config& config)
    : config_(config), k_(static_cast<std::size_t>(config.num_perm)), rows_(config.rows_per_band()),
      bands_(static_cast<std::size_t>(config.bands)), signatures_(k_) {}

std::size_t Matcher::memory_bytes() const {
    return locations_.memory_bytes() + indexed_.memory_bytes() + roots_.memory_bytes() + direct_.memory_bytes() +
           kept_.memory_bytes() + signatures_.memory_bytes() + edges_.memory_bytes() + exact_.memory_bytes() + band_heads_.memory_bytes() +
           buckets_.memory_bytes();
}

std::string Matcher::describe_memory() const {
    return "the signature index holds " + std::to_string(size()) + " sentences in " + format_bytes(memory_bytes());
}

bool Matcher::band_slot_has(std::uint32_t ref, std::uint64_t key, int band) const {
    if ((ref & k_bucket_ref) == 0) return band_key(signature(ref), band, rows_) == key;
    const std::uint32_t* bucket = buckets_.at(ref & ~k_bucket_ref);
    return (std::uint64_t{bucket[1]} << 32 | bucket[0]) == key;
}

void Matcher::band_ids(std::uint32_t ref, std::vector<std::uint32_t>& out) const {
    if ((ref & k_bucket_ref) == 0) {
        out.push_back(ref);
        return;
    }
    const std::uint32_t* bucket = buckets_.at(ref & ~k_bucket_ref);
    const std::uint32_t count = std::min<std::uint32_t>(bucket[2], k_max_chain);
    out.insert(out.end(), bucket + k_bucket_header, bucket + k_bucket_header + count);
}

void Matcher::band_insert(std::uint64_t key, int band, std::uint32_t id) {
    auto [slot, inserted] =
        band_heads_.try_emplace(key, id, [&](std::uint32_t ref) { return band_slot_has(ref, key, band); });
    if (inserted) return;
    const std::uint32_t ref = *slot;  // `slot` stays valid: buckets_ is a different array
    if ((ref & k_bucket_ref) == 0) {  // a second sentence with this key: a small bucket
        std::uint64_t offset;
        if (free_small_ != k_no_bucket) {
            offset = free_small_;
            free_small_ = *buckets_.at(offset);
        } else {
            offset = buckets_.allocate(k_small_bucket);
        }
        if (offset >= k_bucket_ref) throw Error(ExitCode::resource_limit, "band index over 8 GiB");
        std::uint32_t* bucket = buckets_.at(offset);
        bucket[0] = static_cast<std::uint32_t>(key);
        bucket[1] = static_cast<std::uint32_t>(key >> 32);
        bucket[2] = 2;
        bucket[k_bucket_header] = ref;
        bucket[k_bucket_header + 1] = id;
        *slot = static_cast<std::uint32_t>(offset) | k_bucket_ref;
        return;
    }
    std::uint32_t* bucket = buckets_.at(ref & ~k_bucket_ref);
    const std::uint32_t count = bucket[2];
    if (count == k_small_ids) {  // full small bucket: move to a large one, free the small one
        const std::uint64_t large = buckets_.allocate(k_large_bucket);
        if (large >= k_bucket_ref) throw Error(ExitCode::resource_limit, "band index over 8 GiB");
        std::uint32_t* moved = buckets_.at(large);
        std::copy_n(bucket, k_small_bucket, moved);
        bucket[0] = free_small_;
        free_small_ = ref & ~k_bucket_ref;
        bucket = moved;
        *slot = static_cast<std::uint32_t>(large) | k_bucket_ref;
    }
    // The newest k_max_chain ids, as a ring: which of them is oldest does not matter, the lookup
    // takes them all.
    bucket[k_bucket_header + count % k_max_chain] = id;
    bucket[2] = count + 1;
}

Matcher::Candidate Matcher::verify(const DocAnalysis& analysis, std::size_t unit, const std::uint8_t* low,
                                   std::uint32_t doc, std::uint64_t id, double min_jaccard,
                                   double min_containment) const {
    const UnitRecord& mine = analysis.units[unit];
    const Indexed& theirs = indexed_[id];
    // A related-list entry and a page's own title are the same words in different roles.
    if (mine.bulleted != static_cast<bool>(theirs.bulleted) && locations_[id].doc != doc)
        return {id, MatchType::none, 0.0};
    if (mine.key == theirs.key) return {id, MatchType::exact, 1.0};
    // Thresholds above 1 ask for an exact copy or nothing: no estimate reaches them.
    if (min_jaccard > 1.0 && min_containment > 1.0) return {id, MatchType::none, 0.0};
    if (mine.set_size < k_min_near_set) return {id, MatchType::none, 0.0};
    // A near copy may not be notably longer than what it copies: a later sentence that
    // completes an earlier cut-off one adds text, and removing it would lose that text.
    const std::uint32_t their_size = theirs.set_size;
    const bool not_longer = mine.set_size <= their_size + their_size / 10 + 1;
    const bool jaccard_possible = not_longer && mine.number_hash == theirs.number_hash;
    const bool numbers_contained = (mine.number_mask & ~theirs.number_mask) == 0;
    // A cut copy is shorter than what it copies; one as long with other numbers is the same
    // template with other facts (the number mask is a Bloom filter and may not tell).
    const bool containment_possible = numbers_contained && (mine.set_size < their_size ||
                                                            (mine.set_size == their_size && mine.number_hash == theirs.number_hash));
    if (!jaccard_possible && !containment_possible) return {id, MatchType::none, 0.0};
    const double jaccard = jaccard_from_low_bytes(equal_bytes(low, signature(id), k_), static_cast<int>(k_));
    if (jaccard_possible && jaccard >= min_jaccard) return {id, MatchType::jaccard, jaccard};
    if (containment_possible) {
        const double containment = containment_from_jaccard(jaccard, mine.set_size, their_size);
        if (containment >= min_containment) return {id, MatchType::containment, containment};
    }
    return {id, MatchType::none, 0.0};
}

std::vector<UnitMatch> Matcher::match_document(std::uint32_t doc, const DocAnalysis& analysis,
                                               const std::vector<bool>& eligible) {
    return match_document(doc, analysis, Matchable{eligible, {}});
}

std::vector<UnitMatch> Matcher::match_document(std::uint32_t doc, const DocAnalysis& analysis,
                                               const Matchable& matchable) {
    const std::vector<bool>& eligible = matchable.match;
    const auto may_source = [&](std::size_t i) { return matchable.source.empty() || matchable.source[i]; };
    const std::size_t n = analysis.units.size();
    const std::uint64_t base = locations_.size();
    if (base + n > k_max_ids)
        throw Error(ExitCode::resource_limit, "more than 2^31 sentences in one run: split the input");
    document_base_ = base;
    const std::size_t bands = bands_;
    std::vector<UnitMatch> matches(n);
    std::vector<std::uint64_t> direct(n, 0);  // the sentence each was matched with

    // A sentence with tokens on an eligible line is matched and indexed; the others only get a
    // location (ids are positions).
    const auto indexed = [&](std::size_t i) { return eligible[i] && analysis.units[i].key != 0; };
    // Band keys of every sentence that may look up the bands, computed up front so that the
    // table slots of later sentences can be fetched while earlier ones are matched.
    const auto probes_bands = [&](std::size_t i) { return indexed(i) && analysis.units[i].set_size >= k_min_lsh_set; };
    // The document's signatures as stored (low bytes), for the band keys, the index and verification.
    std::vector<std::uint8_t> low(n * k_);
    for (std::size_t i = 0; i < n; ++i)
        if (indexed(i)) low_bytes(analysis.signatures.data() + i * k_, static_cast<int>(k_), low.data() + i * k_);
    std::vector<std::uint64_t> keys(n * bands);
    for (std::size_t i = 0; i < n; ++i)
        if (probes_bands(i))
            for (std::size_t b = 0; b < bands; ++b)
                keys[i * bands + b] = band_key(low.data() + i * k_, static_cast<int>(b), rows_);
    // The table slots of sentence i + k_slots_ahead start loading while sentence i is matched.
    constexpr std::size_t k_slots_ahead = 8;
    const auto prefetch_slots = [&](std::size_t i) {
        if (i >= n || !indexed(i)) return;
        exact_.prefetch(analysis.units[i].key);
        if (probes_bands(i))
            for (std::size_t b = 0; b < bands; ++b) band_heads_.prefetch(keys[i * bands + b]);
    };
    for (std::size_t i = 0; i < std::min(n, k_slots_ahead); ++i) prefetch_slots(i);

    std::vector<std::uint32_t> candidates;
    std::vector<std::uint32_t> band_refs(bands);
    for (std::size_t i = 0; i < n; ++i) {
        prefetch_slots(i + k_slots_ahead);
        const std::uint64_t* band_keys = keys.data() + i * bands;
        const std::uint64_t id = base + i;
        const auto id32 = static_cast<std::uint32_t>(id);
        const auto& sentence = analysis.layout.sentences[i];
        const UnitRecord& unit = analysis.units[i];
        if (unit.set_size > 0x7FFFFFFFu) throw Error(ExitCode::resource_limit, "sentence over 2^31 shingles");
        locations_.push_back({doc, static_cast<std::uint32_t>(i), sentence.start, sentence.end,
                              sentence.start_pos, sentence.end_pos});
        // Its signature record is set once it is matched (an exact repeat shares its source's).
        indexed_.push_back({unit.key, unit.number_mask, unit.number_hash, unit.set_size, unit.bulleted, k_no_signature});
        roots_.push_back(id32);
        direct_.push_back(id32);
        kept_.push_back(id32);
        if (!indexed(i)) continue;
        const std::uint8_t* mine = low.data() + i * k_;

        Candidate best{0, MatchType::none, 0.0};
        // Continuity first: when the previous sentence copies sentence d, this one most likely
        // copies d + 1 — prefer it to the corpus-wide first occurrence of the same text, so
        // a copied passage stays one passage ("她说。" after a copied quote).
        const std::uint64_t follow = i > 0 && matches[i - 1].type != MatchType::none ? direct[i - 1] + 1 : 0;
        if (follow != 0 && follow < id && is_source(follow) && indexed_[follow].key == unit.key &&
            locations_[follow].doc == locations_[follow - 1].doc)
            best = verify(analysis, i, mine, doc, follow, k_exact_only, k_exact_only);
        const std::uint32_t* first =
            best.type == MatchType::none
                ? exact_.find(unit.key, [&](std::uint32_t other) { return indexed_[other].key == unit.key; })
                : nullptr;
        if (first != nullptr) best = verify(analysis, i, mine, doc, *first, k_exact_only, k_exact_only);
        if (best.type != MatchType::none) {
            // found exactly
        } else if (unit.set_size >= k_min_lsh_set) {
            // Every step below is a cache miss on a large corpus; each stage starts the loads of
            // the next for all bands at once, so the misses overlap instead of queueing.
            for (std::size_t b = 0; b < bands; ++b) {
                const std::uint32_t* hint = band_heads_.peek(band_keys[b]);
                band_refs[b] = hint != nullptr ? *hint : k_no_ref;
                if (hint == nullptr) continue;
                if (*hint & k_bucket_ref) __builtin_prefetch(buckets_.at(*hint & ~k_bucket_ref));
                else __builtin_prefetch(&indexed_[*hint]);
            }
            // A fingerprint match is confirmed against the full key below, once the bucket or
            // the signature it needs is in cache anyway; a failed confirmation (about one lookup
            // in 2^32) redoes the lookup the slow way.
            bool confirmed = true;
            candidates.clear();
            for (std::size_t b = 0; b < bands; ++b) {
                const std::uint32_t ref = band_refs[b];
                if (ref == k_no_ref) continue;
                if ((ref & k_bucket_ref) && !band_slot_has(ref, band_keys[b], static_cast<int>(b))) confirmed = false;
                band_ids(ref, candidates);
            }
            std::sort(candidates.begin(), candidates.end());
            candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
            for (const std::uint32_t candidate : candidates) __builtin_prefetch(&indexed_[candidate]);
            for (const std::uint32_t candidate : candidates) __builtin_prefetch(signature(candidate));
            for (std::size_t b = 0; b < bands; ++b) {
                const std::uint32_t ref = band_refs[b];
                if (ref == k_no_ref || (ref & k_bucket_ref)) continue;
                const std::uint8_t* theirs = signature(ref) + b * rows_;
                if (!std::equal(mine + b * rows_, mine + (b + 1) * rows_, theirs) &&
                    !band_slot_has(ref, band_keys[b], static_cast<int>(b)))
                    confirmed = false;
            }
            if (!confirmed) {
                candidates.clear();
                for (std::size_t b = 0; b < bands; ++b) {
                    const std::uint64_t key = band_keys[b];
                    const int band = static_cast<int>(b);
                    const std::uint32_t* ref =
                        band_heads_.find(key, [&](std::uint32_t r) { return band_slot_has(r, key, band); });
                    if (ref != nullptr) band_ids(*ref, candidates);
                }
                std::sort(candidates.begin(), candidates.end());
                candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
            }
            for (const std::uint32_t candidate : candidates) {
                const Candidate verified =
                    verify(analysis, i, mine, doc, candidate, config_.similarity, config_.containment);
                if (verified.type != MatchType::none && verified.similarity > best.similarity) best = verified;
            }
        }
        if (best.type != MatchType::none) {
            matches[i] = {best.type, roots_[best.id], best.id, best.similarity};
            direct[i] = best.id;
            direct_[id] = static_cast<std::uint32_t>(best.id);
            roots_[id] = roots_[best.id];
        }
        // Text inside chrome is matched but never indexed: no later sentence takes it as its source.
        if (!may_source(i)) continue;
        // An exact repeat has its source's signature: it shares the record, so the index grows
        // with the unique sentences only.
        indexed_[id].signature = best.type == MatchType::exact ? indexed_[best.id].signature
                                                                : static_cast<std::uint32_t>(signatures_.size());
        if (best.type != MatchType::exact) {
            signatures_.push_back(mine);
            edges_.push_back(unit.edges);
        }

        exact_.try_emplace(unit.key, id32, [&](std::uint32_t other) { return indexed_[other].key == unit.key; });
        // An exact repeat has the same signature as its source, which is in the bands already:
        // adding it would only lengthen the chains every later lookup walks.
        if (unit.set_size >= k_min_lsh_set && best.type != MatchType::exact) {
            for (std::size_t b = 0; b < bands; ++b) band_insert(band_keys[b], static_cast<int>(b), id32);
        }
    }

    // Extend alignments: a sentence beside a matched one is compared with the source's
    // neighbour at the run thresholds (--run-similarity, --run-containment: edited or cut-off
    // sentences inside a copied passage). The facts must agree, as everywhere (verify), and the
    // token alignment must show one edit or one cut, not a sentence rewritten around shared words.
    const auto try_neighbour = [&](std::size_t i, std::size_t matched, int step) {
        if (matches[i].type != MatchType::none || !indexed(i)) return false;
        if (matches[matched].type == MatchType::none) return false;
        const UnitLocation& source = locations_[direct[matched]];
        const std::int64_t neighbour_sentence = static_cast<std::int64_t>(source.sentence) + step;
        if (neighbour_sentence < 0) return false;
        const std::uint64_t neighbour = direct[matched] + static_cast<std::uint64_t>(static_cast<std::int64_t>(step));
        if (neighbour >= base + i || !is_source(neighbour) || locations_[neighbour].doc != source.doc ||
            locations_[neighbour].sentence != static_cast<std::uint32_t>(neighbour_sentence))
            return false;
        const Candidate verified = verify(analysis, i, low.data() + i * k_, doc, neighbour, config_.run_similarity,
                                          config_.run_containment);
        if (verified.type == MatchType::none) return false;
        // An edited copy shares its far end with the source too (the end away from the run);
        // a sentence that shares only the end next to the run is a passage pasted into it,
        // which begins or ends there: the planner takes the shared piece, not the sentence.
        const TokenEdges& copy = analysis.units[i].edges;
        const TokenEdges& original = edges_[indexed_[neighbour].signature];
        // A cut-off copy is a piece from the start or the end of its source, not a sentence that
        // shares most of its words ("has been unveiled as X" is not cut from "will be unveiled as
        // X on Tuesday"); an edited one shares its words in order, with a few changed.
        const Shared far_end = step > 0 ? common_suffix(copy, original) : common_prefix(copy, original);
        if (verified.type == MatchType::jaccard &&
            (far_end.tokens == 0 || !edited_copy(copy, original, k_run_edit_share)))
            return false;
        if (verified.type == MatchType::containment && !is_cut_piece(copy, original)) return false;
        matches[i] = {verified.type, roots_[neighbour], neighbour, verified.similarity};
        direct[i] = neighbour;
        direct_[base + i] = static_cast<std::uint32_t>(neighbour);
        roots_[base + i] = roots_[neighbour];
        return true;
    };
    for (int round = 0; round < k_extension_rounds; ++round) {
        bool changed = false;
        for (std::size_t i = 1; i < n; ++i) changed |= try_neighbour(i, i - 1, +1);
        for (std::size_t i = n; i-- > 1;) changed |= try_neighbour(i - 1, i, -1);
        if (!changed) break;
    }
    return matches;
}

}  // namespace once
