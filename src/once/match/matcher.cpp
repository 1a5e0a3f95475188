// matcher.cpp — the index side of the matcher: its band tables (lookup, insert) and the
// verification of a candidate. The batch that drives them is in match_batch.cpp; a single
// document is matched as a batch of one (match_document, at the end).
#include "once/match/matcher.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "once/core/error.hpp"
#include "once/match/band_layout.hpp"
#include "once/run/memory_budget.hpp"
#include "once/sign/minhash.hpp"
#include "once/core/units.hpp"

namespace once {
namespace {

using namespace band_layout;

// Near matching needs a few shingles: a signature of a one- or two-shingle set says little.
constexpr std::uint32_t k_min_near_set = 3;

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

// Do two signatures agree on a band's `rows` bytes? The default band is 4 bytes (64 / 16):
// compared as one word, where std::equal called memcmp (1.4% of `once scan` on 1,000 files).
bool same_band_bytes(const std::uint8_t* a, const std::uint8_t* b, std::size_t rows) {
    if (rows == 4) {
        std::uint32_t x;
        std::uint32_t y;
        std::memcpy(&x, a, 4);
        std::memcpy(&y, b, 4);
        return x == y;
    }
    return std::equal(a, a + rows, b);
}

}  // namespace

Matcher::Matcher(const Config& config, CandidateStream* candidates)
    : config_(config), candidates_(candidates), k_(static_cast<std::size_t>(config.num_perm)),
      rows_(config.rows_per_band()), bands_(static_cast<std::size_t>(config.bands)), signatures_(k_),
      edges_(temp_folder_or(config.tmp_dir)) {
    if (candidates_ == nullptr)
        for (std::size_t b = 0; b < bands_; ++b)
            band_tables_.push_back(std::make_unique<BandTable>(band_pages_, bucket_words_));
}

std::vector<Matcher::MemoryPart> Matcher::memory_parts() const {
    // Bytes in use, not the 2 MiB blocks reserved: a block's untouched rest is address space,
    // and counting it made the 119 KiB of samples/ an index of 19 MiB.
    std::size_t band_directories = 0;  // the tables' own bytes; their pages are in the pools
    std::size_t bucket_bytes = 0;      // buckets handed out, recycled ones included
    std::uint64_t band_keys = 0;
    std::uint64_t shared_keys = 0;
    for (const auto& table : band_tables_) {
        band_directories += table->heads.memory_bytes();
        bucket_bytes += table->buckets.used_bytes();
        band_keys += table->heads.size();
        shared_keys += table->shared_keys;
    }
    const std::uint64_t sentences = places_.size();
    const std::uint64_t records = records_.size();
    return {
        {"band tables", band_pages_.used_bytes() + band_directories, band_keys},
        {"band buckets", bucket_bytes, shared_keys},
        {"signatures", signatures_.used_bytes(), records},
        {"places", places_.used_bytes(), sentences},
        {"verification records", records_.used_bytes(), records},
        {"per-sentence links", record_of_.used_bytes() + roots_.used_bytes() + kept_.used_bytes(), sentences},
        {"document starts", doc_starts_.size() * sizeof(DocStart) + start_hints_.size() * sizeof(std::uint32_t) +
             opens_.size() * sizeof(std::uint64_t),
         doc_starts_.size()},
        {"exact keys", exact_.used_bytes(), exact_.size()},
        {"edge tokens in memory", edges_.used_bytes(), edges_.size()},
        // Their pages are the band pool's (counted in "band tables"): the directories here.
        {"sentence ends and starts", sentence_ends_.used_bytes() + sentence_starts_.used_bytes(),
         sentence_ends_.size() + sentence_starts_.size()},
        {"repeats", repeats_.used_bytes() + newest_repeat_.used_bytes(), repeats_.size()},
    };
}

std::size_t Matcher::memory_bytes() const {
    std::size_t total = 0;
    for (const MemoryPart& part : memory_parts()) total += part.bytes;
    return total;
}

const Matcher::DocStart& Matcher::doc_start(std::uint64_t id) const {
    // The last document whose first sentence is at or before `id`: at or after the one holding
    // sentence j << k_start_hint_bits (<= id), at or before the one holding (j + 1) << ... (> id).
    const std::size_t j = static_cast<std::size_t>(id >> k_start_hint_bits);
    const auto from = doc_starts_.begin() + start_hints_[j];
    const auto to = j + 1 < start_hints_.size() ? doc_starts_.begin() + start_hints_[j + 1] + 1 : doc_starts_.end();
    const auto after =
        std::upper_bound(from, to, id, [](std::uint64_t x, const DocStart& start) { return x < start.first; });
    return *std::prev(after);
}

UnitLocation Matcher::location(std::uint64_t id) const {
    const DocStart& start = doc_start(id);
    const SentencePlace place = places_[id];
    return {start.doc, static_cast<std::uint32_t>(id - start.first), place.start, place.end, place.start_pos,
            place.end_pos};
}

void Matcher::mark_removed(std::uint64_t id) {
    if (id < document_base_ || id - document_base_ >= document_direct_.size())
        throw Error(ExitCode::internal, "mark_removed: sentence " + std::to_string(id) + " is not of the last document");
    kept_.set(id, kept_[document_direct_[id - document_base_]]);
}

std::string Matcher::describe_memory() const {
    std::string parts;
    std::size_t total = 0;
    for (const MemoryPart& part : memory_parts()) {
        total += part.bytes;
        if (part.bytes == 0) continue;
        parts += (parts.empty() ? "" : ", ") + std::string(part.name) + " " + format_bytes(part.bytes);
    }
    return "the signature index holds " + std::to_string(size()) + " sentences in " + format_bytes(total) +
           (parts.empty() ? "" : " (" + parts + ")");
}

// Inline into this file's three callers: a band-table page that splits asks it for every entry's
// key, 810,649 calls on ldcc's first 1,500 articles.
[[gnu::always_inline]] inline std::uint64_t Matcher::band_key_of(std::uint32_t ref, int band) const {
    if ((ref & k_bucket_ref) == 0) return band_key(signature(ref), band, rows_);
    const std::uint32_t* bucket = band_tables_[static_cast<std::size_t>(band)]->buckets.at(ref & ~k_bucket_ref);
    return band_key(signature(bucket[k_bucket_header]), band, rows_);
}

inline bool Matcher::band_slot_has(std::uint32_t ref, std::uint64_t key, int band) const {
    return band_key_of(ref, band) == key;
}

// Inline into the split loop (band_insert, its only caller), where `step` is a constant of the
// unrolled steps: called, it was 18 instructions a call, 2.4 million calls on ldcc's first 1,500
// articles.
[[gnu::always_inline]] inline void Matcher::prefetch_band_key(std::uint32_t ref, int band, int step) const {
    const std::size_t from = static_cast<std::size_t>(band) * static_cast<std::size_t>(rows_);
    if ((ref & k_bucket_ref) != 0) {
        const std::uint32_t* bucket = band_tables_[static_cast<std::size_t>(band)]->buckets.at(ref & ~k_bucket_ref);
        if (step == 0) {
            prefetch_line(bucket);
            return;
        }
        ref = bucket[k_bucket_header];  // arrived by now: its first id holds the key
        --step;
    }
    if (step == 0) prefetch_line(&record_of_[ref]);
    else if (step == 1) prefetch_line(signature(ref) + from);
}

std::uint32_t Matcher::band_find(std::uint64_t key, int band) const {
    const std::uint32_t* ref = band_tables_[static_cast<std::size_t>(band)]->heads.find(key, [&](std::uint32_t r) { return band_slot_has(r, key, band); });
    return ref != nullptr ? *ref : k_no_ref;
}

std::uint32_t Matcher::band_lookup(std::uint64_t key, int band, const std::uint8_t* mine) const {
    // A fingerprint match is confirmed with what verification reads next anyway: the band's
    // bytes of the signature of the sentence held (of a bucket: of its first id). Equal bytes
    // are an equal key; otherwise (a fingerprint collision, about one lookup in 2^32, or a key
    // collision of unequal bytes) the key is recomputed.
    const BandTable& table = *band_tables_[static_cast<std::size_t>(band)];
    const std::uint32_t* hint = table.heads.peek(key);
    if (hint == nullptr) return k_no_ref;
    const std::uint32_t ref = *hint;
    const std::uint32_t held = (ref & k_bucket_ref) ? table.buckets.at(ref & ~k_bucket_ref)[k_bucket_header] : ref;
    const std::size_t from = static_cast<std::size_t>(band) * static_cast<std::size_t>(rows_);
    if (same_band_bytes(mine + from, signature(held) + from, static_cast<std::size_t>(rows_))) return ref;
    return band_find(key, band);
}

void Matcher::band_insert(std::uint64_t key, int band, std::uint32_t id, const std::uint8_t* mine) {
    BandTable& table = *band_tables_[static_cast<std::size_t>(band)];
    WordArena& buckets = table.buckets;
    // Confirmed as in band_lookup: equal band bytes mean an equal key, without hashing again.
    const std::size_t from = static_cast<std::size_t>(band) * static_cast<std::size_t>(rows_);
    const auto same = [&](std::uint32_t ref) {
        const std::uint32_t held = (ref & k_bucket_ref) ? buckets.at(ref & ~k_bucket_ref)[k_bucket_header] : ref;
        if (same_band_bytes(mine + from, signature(held) + from, static_cast<std::size_t>(rows_))) return true;
        return band_slot_has(ref, key, band);
    };
    // A page that splits re-places its entries by their keys, read from the signatures.
    const auto key_of = [&](std::uint32_t ref) { return band_key_of(ref, band); };
    const auto touch = [&](std::uint32_t ref, int step) { prefetch_band_key(ref, band, step); };
    auto [slot, inserted] = table.heads.try_emplace(key, id, same, key_of, touch);
    if (inserted) return;
    // A bucket of `words` words: one freed earlier of that size (`free_list`), or a new one.
    const auto take = [&](std::uint32_t* free_list, std::uint32_t words) {
        std::uint64_t offset;
        if (free_list != nullptr && *free_list != k_no_bucket) {
            offset = *free_list;
            *free_list = *buckets.at(offset);
        } else {
            offset = buckets.allocate(words);
        }
        if (offset >= k_bucket_ref) throw Error(ExitCode::resource_limit, "band index over 8 GiB");
        return offset;
    };
    const std::uint32_t ref = *slot;  // `slot` stays valid: the buckets are a different array
    if ((ref & k_bucket_ref) == 0) {  // a second sentence with this key: a pair
        const std::uint64_t offset = take(&table.free_pairs, k_pair_bucket);
        std::uint32_t* bucket = buckets.at(offset);
        bucket[k_bucket_count] = 2;
        ++table.shared_keys;
        bucket[k_bucket_header] = ref;
        bucket[k_bucket_header + 1] = id;
        *slot = static_cast<std::uint32_t>(offset) | k_bucket_ref;
        return;
    }
    std::uint32_t* bucket = buckets.at(ref & ~k_bucket_ref);
    const std::uint32_t count = bucket[k_bucket_count];
    // A full pair or small bucket moves to the next size; the old one goes to its free list
    // (through its count word). The ids keep their places: the ring starts as they do.
    if (count == k_pair_ids || count == k_small_ids) {
        const bool pair = count == k_pair_ids;
        const std::uint64_t grown = pair ? take(&table.free_small, k_small_bucket) : take(nullptr, k_large_bucket);
        std::uint32_t* moved = buckets.at(grown);
        std::copy_n(bucket, pair ? k_pair_bucket : k_small_bucket, moved);
        std::uint32_t& free_list = pair ? table.free_pairs : table.free_small;
        bucket[k_bucket_count] = free_list;
        free_list = ref & ~k_bucket_ref;
        bucket = moved;
        *slot = static_cast<std::uint32_t>(grown) | k_bucket_ref;
    }
    // The newest k_max_chain ids, as a ring: which of them is oldest does not matter, the lookup
    // takes them all.
    bucket[k_bucket_header + count % k_max_chain] = id;
    bucket[k_bucket_count] = count + 1;
}

Matcher::Candidate Matcher::verify(const DocAnalysis& analysis, std::size_t unit, const std::uint8_t* low,
                                   std::uint32_t doc, std::uint64_t id, double min_jaccard,
                                   double min_containment) const {
    const UnitRecord& mine = analysis.units[unit];
    const Record& theirs = record(id);
    // A related-list entry and a page's own title are the same words in different roles.
    if (mine.bulleted != bulleted(id) && doc_of(id) != doc) return {id, MatchType::none, 0.0};
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
    std::vector<UnitMatch> out;
    match_batch(doc, {&analysis}, {matchable},
                [](std::size_t n, const std::function<void(std::size_t)>& fn, const std::function<void()>& meanwhile) {
                    if (meanwhile) meanwhile();
                    for (std::size_t i = 0; i < n; ++i) fn(i);
                },
                [&](std::size_t, const std::vector<UnitMatch>& matches) { out = matches; });
    return out;
}

}  // namespace once
