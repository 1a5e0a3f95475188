// match_batch.cpp — matching a batch of documents: probe the index in parallel, match in input
// order, then add the batch to the index in parallel while the documents are planned in order
// (matcher.hpp says why this gives the decisions of matching one sentence after another). The index itself — band lookups and
// inserts, verification — is in matcher.cpp.
#include "once/match/matcher.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <unordered_map>

#include "once/core/error.hpp"
#include "once/match/align.hpp"
#include "once/match/band_adds.hpp"
#include "once/match/band_layout.hpp"
#include "once/match/band_runs.hpp"
#include "once/sign/minhash.hpp"

namespace once {
namespace {

using namespace band_layout;

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

}  // namespace

template <typename Fn>
void Matcher::band_ids_newest_first(std::uint32_t ref, int band, Fn&& fn) const {
    if ((ref & k_bucket_ref) == 0) {
        fn(ref);
        return;
    }
    // The ring holds the newest k_max_chain of the `count` ids ever added; the newest is at
    // (count - 1) mod k_max_chain (band_insert). A small bucket is the ring's start.
    const std::uint32_t* bucket = band_tables_[static_cast<std::size_t>(band)]->buckets.at(ref & ~k_bucket_ref);
    const std::uint32_t count = bucket[k_bucket_count];
    const std::uint32_t held = std::min<std::uint32_t>(count, k_max_chain);
    for (std::uint32_t j = 0; j < held; ++j) fn(bucket[k_bucket_header + (count - 1 - j) % k_max_chain]);
}

// A batch under way: what probe computed from the index as it stood before the batch, and what
// the sequential step keeps aside until the batch ends.
struct Matcher::Batch {
    // A candidate from the bands before the batch that passed verification, and in how many of
    // the sentence's bands it sits (so that the batch's own entries can push it out of them).
    struct Verified {
        std::uint32_t id;
        std::uint32_t bands;
        MatchType type;
        double similarity;
    };
    // Exact key -> the first sentence (batch index) given it, open addressing: what the two
    // std::unordered_maps of each batch did with a node, a malloc and a free per sentence.
    // Keys of indexed sentences are never 0 (shingler.hpp), so 0 marks an empty slot.
    class FirstOfKey {
    public:
        void reset(std::size_t entries) { slots_.assign(open_table::capacity_for(entries), Slot{}); }
        // The value under `key`, or k_no_ref.
        std::uint32_t find(std::uint64_t key) const {
            const Slot& slot = slots_[locate(key)];
            return slot.key == key ? slot.value : k_no_ref;
        }
        // Enters `value` under `key` unless the key has one; returns the value the key has now
        // and whether it was entered.
        std::pair<std::uint32_t, bool> try_emplace(std::uint64_t key, std::uint32_t value) {
            Slot& slot = slots_[locate(key)];
            if (slot.key == key) return {slot.value, false};
            slot = {key, value};
            return {value, true};
        }

    private:
        struct Slot {
            std::uint64_t key = 0;
            std::uint32_t value = k_no_ref;
        };
        std::size_t locate(std::uint64_t key) const {
            const std::size_t mask = slots_.size() - 1;
            std::size_t i = open_table::home_slot(key, mask);
            while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask;
            return i;
        }
        std::vector<Slot> slots_;
    };
    // Which band keys occur more than once among the batch's sentences (with false positives):
    // only those can be added by one sentence and looked up by a later one, so the others skip
    // the table above, whose every access is a cache miss. A bit per key hash, seen and repeated
    // side by side (one cache line for both, 1 MiB in all), kept zeroed between batches: clear_key
    // takes away the bits the batch set, where assigning them wrote 1 MiB per batch (per document
    // for match_document).
    static constexpr std::size_t k_key_bits = 22;
    static std::uint64_t key_bit(std::uint64_t key) { return (key * 0xD6E8FEB86659FD93ULL) >> (64 - k_key_bits); }
    struct KeyBits {
        std::uint64_t seen;
        std::uint64_t repeated;
    };
    std::vector<KeyBits> key_bits;
    void see_key(std::uint64_t key) {
        const std::uint64_t bit = key_bit(key);
        const std::uint64_t mask = std::uint64_t{1} << (bit & 63);
        KeyBits& word = key_bits[bit >> 6];
        if (word.seen & mask) word.repeated |= mask;
        word.seen |= mask;
    }
    void clear_key(std::uint64_t key) { key_bits[key_bit(key) >> 6] = {0, 0}; }
    bool repeated(std::uint64_t key) const {
        const std::uint64_t bit = key_bit(key);
        return (key_bits[bit >> 6].repeated >> (bit & 63) & 1) != 0;
    }
    // repeated() of each band key of the sentences that probe the bands, bands_ a sentence, read
    // once the batch's keys are all seen: the sequential step and the inserts ask it of every
    // key, and each question of the bits above is a miss in their megabyte.
    std::vector<std::uint8_t> repeated_band;

    std::uint32_t first_doc = 0;
    const std::vector<const DocAnalysis*>* docs = nullptr;
    const std::vector<Matchable>* matchable = nullptr;
    std::uint64_t base = 0;              // global id of the batch's first sentence
    std::vector<std::size_t> first;      // batch index of each document's first sentence, then the total
    std::vector<std::uint32_t> doc_of;   // document (in the batch) of each sentence
    std::vector<std::uint8_t> low;       // signatures as stored, k_ bytes a sentence
    std::vector<std::uint64_t> keys;     // band keys, bands_ a sentence
    // From probe, against the index before the batch.
    std::vector<std::uint32_t> exact_before;  // first eligible sentence with the key, or k_no_ref
    std::vector<std::vector<Verified>> verified;  // by id
    // The batch's first indexed sentence with each one's key, if earlier than it; else k_no_ref.
    std::vector<std::uint32_t> first_with_key;
    // With a candidate stream: sentence s's candidates are listed[list_start[s], list_start[s + 1]),
    // and `detail` holds the pairs of those whose windows hold tentative members (rare).
    std::vector<std::size_t> list_start;
    std::vector<BandCandidate> listed;
    std::unordered_map<std::size_t, std::vector<BandPair>> detail;
    // Kept aside by the sequential step, added to the index when the batch ends.
    FirstOfKey exact_added;  // key -> first sentence of the batch (global id)
    FirstOfKey first_seen;   // key -> first sentence of the batch (batch index) that may enter exact_
    std::vector<std::uint32_t> exact_order;  // sentences (batch index) whose key exact_added took, in order
    BandAdds bands_added;
    std::vector<std::uint32_t> bands_order;  // sentences (batch index) added to the bands, in order

    const DocAnalysis& analysis(std::size_t s) const { return *(*docs)[doc_of[s]]; }
    std::size_t sentence(std::size_t s) const { return s - first[doc_of[s]]; }
    // A sentence with tokens on an eligible line is matched and indexed; the others only get a
    // location (ids are positions). One of at least k_min_lsh_set shingles also uses the bands.
    bool indexed(std::size_t s) const {
        return (*matchable)[doc_of[s]].match[sentence(s)] && analysis(s).units[sentence(s)].key != 0;
    }
    // Matchable::source: may it be the kept copy of later sentences (enter the index)?
    bool may_source(std::size_t s) const {
        const std::vector<bool>& source = (*matchable)[doc_of[s]].source;
        return source.empty() || source[sentence(s)];
    }
    bool probes_bands(std::size_t s) const {
        return indexed(s) && analysis(s).units[sentence(s)].set_size >= k_min_lsh_set;
    }
};

void Matcher::BatchDeleter::operator()(Batch* batch) const { delete batch; }

namespace {
// Sentences per item of the parallel probe: enough to amortize handing out an item.
constexpr std::size_t k_probe_chunk = 64;
// Band slots of sentence s + k_slots_ahead start loading while sentence s is worked on.
constexpr std::size_t k_slots_ahead = 8;
// Inserts of one band start loading their slots this many entries ahead: an insert is little work
// beside its cache miss (insert_part).
constexpr std::size_t k_inserts_ahead = 16;
// Under --max-memory with the index paged, the threads check the resident set themselves
// (index_blocks::keep_under_ceiling): before each sentence they probe or match, and every this
// many inserts — an insert is cheaper than a probe and faults at most a page (64 KiB mapped).
constexpr std::size_t k_inserts_per_check = 4;
}  // namespace

void Matcher::probe(Batch& batch, std::size_t chunk) const {
    const std::size_t begin = chunk * k_probe_chunk;
    const std::size_t end = std::min(begin + k_probe_chunk, batch.doc_of.size());
    const std::size_t bands = bands_;
    for (std::size_t s = begin; s < end; ++s) {
        if (!batch.indexed(s)) continue;
        const UnitRecord& unit = batch.analysis(s).units[batch.sentence(s)];
        low_bytes(batch.analysis(s).signatures.data() + batch.sentence(s) * k_, static_cast<int>(k_),
                  batch.low.data() + s * k_);
        if (candidates_ == nullptr && batch.probes_bands(s))
            for (std::size_t b = 0; b < bands; ++b)
                batch.keys[s * bands + b] = band_key(batch.low.data() + s * k_, static_cast<int>(b), rows_);
        exact_.prefetch(unit.key);
    }
    // Not for a sentence that is likely an exact copy (its key's fingerprint is in the exact-key
    // table, whose slot started loading above, or an earlier sentence of the batch has its key):
    // the band lookups below are skipped for one, and its 32 lines would only crowd the loads
    // of the others. A guess only: a sentence that does look up its bands loads them then.
    const auto prefetch_slots = [&](std::size_t s) {
        if (candidates_ == nullptr && s < end && batch.probes_bands(s) && batch.first_with_key[s] == k_no_ref &&
            exact_.peek(batch.analysis(s).units[batch.sentence(s)].key) == nullptr)
            for (std::size_t b = 0; b < bands; ++b) band_tables_[b]->heads.prefetch(batch.keys[s * bands + b]);
    };
    for (std::size_t s = begin; s < std::min(end, begin + k_slots_ahead); ++s) prefetch_slots(s);
    std::vector<std::uint32_t> candidates;
    std::vector<BandCandidate> counted;  // each candidate once, with the number of bands it sits in
    for (std::size_t s = begin; s < end; ++s) {
        prefetch_slots(s + k_slots_ahead);
        if (!batch.indexed(s)) continue;
        index_blocks::keep_under_ceiling();  // a paged index: faults map pages faster than the watchdog ticks
        const DocAnalysis& analysis = batch.analysis(s);
        const std::size_t i = batch.sentence(s);
        const UnitRecord& unit = analysis.units[i];
        const std::uint8_t* mine = batch.low.data() + s * k_;
        const std::uint32_t doc = batch.first_doc + batch.doc_of[s];
        const std::uint32_t* first =
            exact_.find(unit.key, [&](std::uint32_t other) { return record(other).key == unit.key; });
        batch.exact_before[s] = first != nullptr ? *first : k_no_ref;
        if (!batch.probes_bands(s)) continue;
        // An exact copy from before the batch, or else from earlier in the batch (the first
        // with the key, which the sequential step will find): matching never asks the bands.
        if (first != nullptr) {
            if (verify(analysis, i, mine, doc, *first, k_exact_only, k_exact_only).type == MatchType::exact) continue;
        } else if (const std::uint32_t earlier = batch.first_with_key[s]; earlier != k_no_ref) {
            const bool bulleted = batch.analysis(earlier).units[batch.sentence(earlier)].bulleted;
            if (bulleted == unit.bulleted || batch.doc_of[earlier] == batch.doc_of[s]) continue;  // as verify
        }
        counted.clear();
        if (candidates_ != nullptr) {
            // From the stream: those before the batch (the index holds their records already).
            const auto listed = batch.listed.begin();
            for (auto c = listed + static_cast<std::ptrdiff_t>(batch.list_start[s]);
                 c != listed + static_cast<std::ptrdiff_t>(batch.list_start[s + 1]) && c->id < batch.base; ++c)
                counted.push_back(*c);
        } else {
            // Every step below is a cache miss on a large corpus; each stage starts the loads of
            // the next for all bands at once, so the misses overlap instead of queueing.
            for (std::size_t b = 0; b < bands; ++b) {
                const std::uint32_t* hint = band_tables_[b]->heads.peek(batch.keys[s * bands + b]);
                if (hint == nullptr) continue;
                if (*hint & k_bucket_ref) prefetch_line(band_tables_[b]->buckets.at(*hint & ~k_bucket_ref));
                else prefetch_line(signature(*hint));
            }
            candidates.clear();
            for (std::size_t b = 0; b < bands; ++b) {
                const std::uint32_t ref = band_lookup(batch.keys[s * bands + b], static_cast<int>(b), mine);
                if (ref != k_no_ref)
                    band_ids_newest_first(ref, static_cast<int>(b), [&](std::uint32_t id) { candidates.push_back(id); });
            }
            std::sort(candidates.begin(), candidates.end());
            for (std::size_t c = 0; c < candidates.size();) {
                std::size_t same = c + 1;  // an id sits once in a band, so the run length counts its bands
                while (same < candidates.size() && candidates[same] == candidates[c]) ++same;
                counted.push_back({candidates[c], static_cast<std::uint32_t>(same - c)});
                c = same;
            }
        }
        for (const BandCandidate& candidate : counted) prefetch_line(&record_of_[candidate.id]);
        for (const BandCandidate& candidate : counted) prefetch_line(&records_[record_index(candidate.id)]);
        for (const BandCandidate& candidate : counted) prefetch_line(signature(candidate.id));
        auto& verified = batch.verified[s];
        for (const BandCandidate& candidate : counted) {
            const Candidate found = verify(analysis, i, mine, doc, candidate.id, config_.similarity, config_.containment);
            if (found.type != MatchType::none)
                verified.push_back({candidate.id, candidate.bands, found.type, found.similarity});
        }
    }
}

bool Matcher::entered_bands(std::uint32_t id) const {
    // repeats_ is in id order: the first repeat at or after `id`, by bisection.
    std::size_t low = 0;
    std::size_t high = repeats_.size();
    while (low < high) {
        const std::size_t mid = low + (high - low) / 2;
        if (repeats_[mid].id < id) low = mid + 1;
        else high = mid;
    }
    return low == repeats_.size() || repeats_[low].id != id;
}

void Matcher::listed_in_batch(Batch& batch, std::size_t s, std::vector<std::uint32_t>& added) const {
    auto begin = batch.listed.cbegin() + static_cast<std::ptrdiff_t>(batch.list_start[s]);
    auto end = batch.listed.cbegin() + static_cast<std::ptrdiff_t>(batch.list_start[s + 1]);
    std::vector<BandCandidate> resolved;
    if (const auto detail = batch.detail.find(s); detail != batch.detail.end()) {
        // Tentative members before this sentence are matched by now: the windows as they are.
        resolved = resolve_tentative(detail->second, [&](std::uint32_t id) { return entered_bands(id); });
        for (Batch::Verified& v : batch.verified[s]) {
            const auto it = std::lower_bound(resolved.begin(), resolved.end(), v.id,
                                             [](const BandCandidate& c, std::uint32_t x) { return c.id < x; });
            v.bands = it != resolved.end() && it->id == v.id ? it->bands : 0;
        }
        begin = resolved.cbegin();
        end = resolved.cend();
    }
    for (auto c = begin; c != end; ++c)
        if (c->id >= batch.base) added.push_back(c->id);
}

std::vector<UnitMatch> Matcher::match_in_batch(Batch& batch, std::size_t d) {
    const DocAnalysis& analysis = *(*batch.docs)[d];
    const std::size_t n = analysis.units.size();
    const std::size_t offset = batch.first[d];
    const std::uint32_t doc = batch.first_doc + static_cast<std::uint32_t>(d);
    const std::uint64_t base = batch.base + offset;
    document_base_ = base;
    document_end_ = base + n;
    roots_.seal(base);  // earlier documents' roots are final
    const std::size_t bands = bands_;
    std::vector<UnitMatch> matches(n);
    std::vector<std::uint64_t>& direct = document_direct_;  // the sentence each was matched with
    direct.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) direct[i] = base + i;
    if (n > 0) {
        doc_starts_.push_back({static_cast<std::uint32_t>(base), doc});
        if (opens_.size() < (base + n + 63) / 64) opens_.resize((base + n + 63) / 64, 0);
        opens_[base >> 6] |= std::uint64_t{1} << (base & 63);
    }
    // The hints of the ids of this document that are multiples of 2^k_start_hint_bits (those
    // before `base` have theirs).
    while ((std::uint64_t{start_hints_.size()} << k_start_hint_bits) < base + n)
        start_hints_.push_back(static_cast<std::uint32_t>(doc_starts_.size() - 1));

    std::vector<std::uint32_t> added;
    for (std::size_t i = 0; i < n; ++i) {
        index_blocks::keep_under_ceiling();
        const std::size_t s = offset + i;
        const std::uint64_t* band_keys = candidates_ == nullptr ? batch.keys.data() + s * bands : nullptr;
        const std::uint64_t id = base + i;
        const auto id32 = static_cast<std::uint32_t>(id);
        const auto& sentence = analysis.layout.sentences[i];
        const UnitRecord& unit = analysis.units[i];
        if (unit.set_size > 0x7FFFFFFFu) throw Error(ExitCode::resource_limit, "sentence over 2^31 shingles");
        if (sentence.end - sentence.start > 0xFFFFFFFFu) throw Error(ExitCode::resource_limit, "sentence over 4 GiB");
        places_.push_back({sentence.start, sentence.end, sentence.start_pos, sentence.end_pos});
        // Its signature record is set once it is matched (an exact repeat shares its source's).
        record_of_.push_back(k_no_signature);
        roots_.push_back();
        kept_.push_back();
        if (!batch.indexed(s)) continue;
        const std::uint8_t* mine = batch.low.data() + s * k_;

        Candidate best{0, MatchType::none, 0.0};
        // Continuity first: when the previous sentence copies sentence d, this one most likely
        // copies d + 1 — prefer it to the corpus-wide first occurrence of the same text, so
        // a copied passage stays one passage ("她说。" after a copied quote).
        const std::uint64_t follow = i > 0 && matches[i - 1].type != MatchType::none ? direct[i - 1] + 1 : 0;
        if (follow != 0 && follow < id && is_source(follow) && record(follow).key == unit.key &&
            doc_of(follow) == doc_of(follow - 1))
            best = verify(analysis, i, mine, doc, follow, k_exact_only, k_exact_only);
        // The first eligible sentence with the same key: from before the batch, or in it.
        std::uint32_t first = k_no_ref;
        if (best.type == MatchType::none) {
            first = batch.exact_before[s];
            if (first == k_no_ref) first = batch.exact_added.find(unit.key);
        }
        if (first != k_no_ref) best = verify(analysis, i, mine, doc, first, k_exact_only, k_exact_only);
        if (best.type == MatchType::none && unit.set_size >= k_min_lsh_set) {
            // The candidates are the newest k_max_chain entries of each band. Those from before
            // the batch were verified by probe; the batch's own entries are verified here, and
            // each pushes the oldest entry out of a full bucket.
            auto& verified = batch.verified[s];
            added.clear();
            if (candidates_ != nullptr) listed_in_batch(batch, s, added);
            for (std::size_t b = 0; candidates_ == nullptr && b < bands; ++b) {
                if (batch.repeated_band[s * bands + b] == 0) continue;
                const std::uint32_t count = batch.bands_added.newest(
                    band_keys[b], k_max_chain, [&](std::uint32_t other) { added.push_back(other); });
                if (count == 0 || verified.empty()) continue;
                const std::uint32_t keep = k_max_chain - std::min<std::uint32_t>(count, k_max_chain);
                const std::uint32_t ref = band_lookup(band_keys[b], static_cast<int>(b), mine);
                if (ref == k_no_ref) continue;
                std::uint32_t j = 0;
                band_ids_newest_first(ref, static_cast<int>(b), [&](std::uint32_t other) {
                    if (j++ < keep) return;
                    const auto it = std::lower_bound(verified.begin(), verified.end(), other,
                                                     [](const Batch::Verified& v, std::uint32_t x) { return v.id < x; });
                    if (it != verified.end() && it->id == other) --it->bands;
                });
            }
            // In id order, as one sorted candidate list: the first of the most similar wins.
            for (const Batch::Verified& v : verified)
                if (v.bands > 0 && v.similarity > best.similarity) best = {v.id, v.type, v.similarity};
            std::sort(added.begin(), added.end());
            added.erase(std::unique(added.begin(), added.end()), added.end());
            for (const std::uint32_t candidate : added) {
                const Candidate found = verify(analysis, i, mine, doc, candidate, config_.similarity, config_.containment);
                if (found.type != MatchType::none && found.similarity > best.similarity) best = found;
            }
        }
        if (best.type != MatchType::none) {
            matches[i] = {best.type, roots_[best.id], best.id, best.similarity};
            direct[i] = best.id;
            roots_.set(id, roots_[best.id]);
        }
        // Text inside chrome is matched but never indexed: no later sentence takes it as its source.
        if (!batch.may_source(s)) continue;
        // An exact repeat has its source's signature: it shares the record, so the index grows
        // with the unique sentences only.
        const std::uint32_t shared = best.type == MatchType::exact ? record_index(best.id)
                                                                   : static_cast<std::uint32_t>(signatures_.size());
        record_of_[id] = shared << 1 | (unit.bulleted ? 1u : 0u);
        if (best.type == MatchType::exact) {
            // The text's later occurrences, newest first (later_occurrences).
            const auto next = static_cast<std::uint32_t>(repeats_.size());
            const auto [newest, first_repeat] = newest_repeat_.try_emplace(
                repeat_key(shared), next, [&](std::uint32_t r) { return record_index(repeats_[r].id) == shared; });
            repeats_.push_back({id32, first_repeat ? k_no_repeat : *newest});
            *newest = next;
        }
        if (best.type != MatchType::exact) {
            records_.push_back({unit.key, unit.number_mask, unit.number_hash, static_cast<std::uint32_t>(unit.set_size)});
            signatures_.push_back(mine);
            edges_.push_back(unit.edges);
        }

        if (batch.exact_before[s] == k_no_ref && batch.exact_added.try_emplace(unit.key, id32).second)
            batch.exact_order.push_back(static_cast<std::uint32_t>(s));
        // An exact repeat has the same signature as its source, which is in the bands already:
        // adding it would only lengthen the chains every later lookup walks.
        if (candidates_ == nullptr && unit.set_size >= k_min_lsh_set && best.type != MatchType::exact) {
            for (std::size_t b = 0; b < bands; ++b)
                if (batch.repeated_band[s * bands + b] != 0) batch.bands_added.add(band_keys[b], id32);
            batch.bands_order.push_back(static_cast<std::uint32_t>(s));
        }
    }

    // Continuity backwards: a sentence matched exactly with the first occurrence of its text,
    // just before a sentence that copies sentence d, most likely copies d - 1 too (a copied
    // passage that opens with stock sentences found on other pages first): it is re-pointed to
    // d - 1, so the passage stays one passage for the planner. Same text, same cluster.
    for (std::size_t i = n - 1; n > 1 && i-- > 0;) {
        if (matches[i].type != MatchType::exact || matches[i + 1].type == MatchType::none || direct[i + 1] == 0)
            continue;
        const std::uint64_t before = direct[i + 1] - 1;
        if (before == direct[i] || before >= base + i || !is_source(before)) continue;
        const UnitLocation here = location(before);
        const UnitLocation next = location(direct[i + 1]);
        if (here.doc != next.doc || here.sentence + 1 != next.sentence) continue;
        const Candidate same = verify(analysis, i, batch.low.data() + (offset + i) * k_, doc, before, k_exact_only,
                                      k_exact_only);
        if (same.type != MatchType::exact) continue;
        matches[i] = {MatchType::exact, roots_[before], before, 1.0};
        direct[i] = before;
        roots_.set(base + i, roots_[before]);
    }

    // Extend alignments: a sentence beside a matched one is compared with the source's
    // neighbour at the run thresholds (--run-similarity, --run-containment: edited or cut-off
    // sentences inside a copied passage). The facts must agree, as everywhere (verify), and the
    // token alignment must show one edit or one cut, not a sentence rewritten around shared words.
    const auto try_neighbour = [&](std::size_t i, std::size_t matched, int step) {
        if (matches[i].type != MatchType::none || !batch.indexed(offset + i)) return false;
        if (matches[matched].type == MatchType::none) return false;
        const UnitLocation source = location(direct[matched]);
        const std::int64_t neighbour_sentence = static_cast<std::int64_t>(source.sentence) + step;
        if (neighbour_sentence < 0) return false;
        const std::uint64_t neighbour = direct[matched] + static_cast<std::uint64_t>(static_cast<std::int64_t>(step));
        if (neighbour >= base + i || !is_source(neighbour)) return false;
        const UnitLocation there = location(neighbour);
        if (there.doc != source.doc || there.sentence != static_cast<std::uint32_t>(neighbour_sentence)) return false;
        const Candidate verified = verify(analysis, i, batch.low.data() + (offset + i) * k_, doc, neighbour,
                                          config_.run_similarity, config_.run_containment);
        if (verified.type == MatchType::none) return false;
        // An edited copy shares its far end with the source too (the end away from the run);
        // a sentence that shares only the end next to the run is a passage pasted into it,
        // which begins or ends there: the planner takes the shared piece, not the sentence.
        const TokenEdges& copy = analysis.units[i].edges;
        const TokenEdges original = edges_.at(record_index(neighbour));
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
        roots_.set(base + i, roots_[neighbour]);
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

void Matcher::insert_part(Batch& batch, std::size_t part) {
    const std::size_t bands = bands_;
    if (part == bands) {  // the exact keys first seen in the batch
        // Their slots start loading k_inserts_ahead keys ahead, as the bands' below: without it
        // the slot's miss was a sixth of insert_part's samples (perf annotate, ldcc).
        const auto& order = batch.exact_order;
        const auto key_at = [&](std::size_t k) { return batch.analysis(order[k]).units[batch.sentence(order[k])].key; };
        const std::size_t count = order.size();
        for (std::size_t k = 0; k < std::min(count, k_inserts_ahead); ++k) exact_.prefetch(key_at(k));
        for (std::size_t k = 0; k < count; ++k) {
            if (k % k_inserts_per_check == k_inserts_per_check - 1) index_blocks::keep_under_ceiling();
            if (k + k_inserts_ahead < count) exact_.prefetch(key_at(k + k_inserts_ahead));
            const std::uint64_t key = key_at(k);
            exact_.try_emplace(key, static_cast<std::uint32_t>(batch.base + order[k]),
                               [&](std::uint32_t other) { return record(other).key == key; });
        }
        return;
    }
    if (candidates_ != nullptr) return;  // no band tables: the stream has the candidates
    // One band, in sentence order, as one sentence after another would have: a bucket keeps
    // the newest.
    // The slots start loading k_inserts_ahead entries ahead. Following them further (the bucket
    // or signature that confirms a key held already) cost more than it saved: 14.8% of native
    // samples in the inserts against 9.9% (perf, ldcc), as each step reads the slot again.
    const auto& order = batch.bands_order;
    const BandIndex& heads = band_tables_[part]->heads;
    const auto key_at = [&](std::size_t k) { return batch.keys[order[k] * bands + part]; };
    const std::size_t count = order.size();
    for (std::size_t k = 0; k < std::min(count, k_inserts_ahead); ++k) heads.prefetch(key_at(k));
    for (std::size_t k = 0; k < count; ++k) {
        if (k % k_inserts_per_check == k_inserts_per_check - 1) index_blocks::keep_under_ceiling();
        if (k + k_inserts_ahead < count) heads.prefetch(key_at(k + k_inserts_ahead));
        band_insert(key_at(k), static_cast<int>(part), static_cast<std::uint32_t>(batch.base + order[k]),
                    batch.low.data() + order[k] * k_);
    }
}

void Matcher::prepare(Batch& batch, std::uint32_t first_doc, const std::vector<const DocAnalysis*>& docs,
                      const std::vector<Matchable>& matchable, std::uint64_t base) {
    batch.first_doc = first_doc;
    batch.docs = &docs;
    batch.matchable = &matchable;
    batch.base = base;
    batch.first.clear();
    batch.doc_of.clear();
    batch.first.reserve(docs.size() + 1);
    for (std::size_t d = 0; d < docs.size(); ++d) {
        batch.first.push_back(batch.doc_of.size());
        batch.doc_of.insert(batch.doc_of.end(), docs[d]->units.size(), static_cast<std::uint32_t>(d));
    }
    const std::size_t n = batch.doc_of.size();
    batch.first.push_back(n);
    if (batch.base + n > k_max_ids)
        throw Error(ExitCode::resource_limit, "more than 2^31 sentences in one run: split the input");
    batch.low.resize(n * k_);
    if (candidates_ == nullptr) batch.keys.resize(n * bands_);
    if (candidates_ == nullptr) batch.repeated_band.resize(n * bands_);
    batch.exact_before.assign(n, k_no_ref);
    // Emptied, not freed: each keeps its room for the next batch.
    if (batch.verified.size() < n) batch.verified.resize(n);
    for (std::size_t s = 0; s < n; ++s) batch.verified[s].clear();
    batch.first_with_key.assign(n, k_no_ref);
    if (batch.key_bits.empty())  // zeroed once; clear_key keeps them so after each batch
        batch.key_bits.assign(std::size_t{1} << (Batch::k_key_bits - 6), Batch::KeyBits{0, 0});
    batch.list_start.clear();
    batch.listed.clear();
    batch.detail.clear();
    batch.exact_added.reset(n);
    batch.exact_order.clear();
    batch.bands_order.clear();
    batch.first_seen.reset(n);
    for (std::size_t s = 0; s < n; ++s) {
        if (!batch.indexed(s) || !batch.may_source(s)) continue;  // only these enter exact_
        const auto [first, inserted] =
            batch.first_seen.try_emplace(batch.analysis(s).units[batch.sentence(s)].key, static_cast<std::uint32_t>(s));
        if (!inserted) batch.first_with_key[s] = first;
    }
    if (candidates_ != nullptr) {
        // This batch's lists, in id order (the stream is read once, front to back).
        batch.list_start.assign(n + 1, 0);
        for (std::size_t s = 0; s < n; ++s) {
            batch.list_start[s] = batch.listed.size();
            if (!batch.probes_bands(s)) continue;
            ProbeCandidates listed = candidates_->take(static_cast<std::uint32_t>(batch.base + s));
            batch.listed.insert(batch.listed.end(), listed.candidates.begin(), listed.candidates.end());
            if (!listed.detail.empty()) batch.detail.emplace(s, std::move(listed.detail));
        }
        batch.list_start[n] = batch.listed.size();
    }
}

void Matcher::match_batch(std::uint32_t first_doc, const std::vector<const DocAnalysis*>& docs,
                          const std::vector<Matchable>& matchable, const ParallelFor& parallel,
                          const std::function<void(std::size_t, const std::vector<UnitMatch>&)>& on_document,
                          const std::function<const Lookahead*()>& next) {
    if (!batch_) batch_.reset(new Batch());
    // Probed ahead while the batch before was planned: the same documents at the same place.
    const bool probed = ahead_probed_ && ahead_->first_doc == first_doc && ahead_->base == places_.size() &&
                        *ahead_->docs == docs;
    ahead_probed_ = false;
    if (probed) {
        std::swap(batch_, ahead_);
        batch_->docs = &docs;
        batch_->matchable = &matchable;
    } else {
        prepare(*batch_, first_doc, docs, matchable, places_.size());
    }
    Batch& batch = *batch_;
    const std::size_t n = batch.doc_of.size();
    const std::size_t chunks = (n + k_probe_chunk - 1) / k_probe_chunk;
    if (!probed) parallel(chunks, [&](std::size_t chunk) { probe(batch, chunk); }, {});
    std::size_t may_add = 0;  // entries the sequential step may add: those with a repeated key
    if (candidates_ == nullptr) {
        for (std::size_t s = 0; s < n; ++s)
            if (batch.probes_bands(s))
                for (std::size_t b = 0; b < bands_; ++b) batch.see_key(batch.keys[s * bands_ + b]);
        for (std::size_t s = 0; s < n; ++s)
            if (batch.probes_bands(s))
                for (std::size_t b = 0; b < bands_; ++b) {
                    const bool repeated = batch.repeated(batch.keys[s * bands_ + b]);
                    batch.repeated_band[s * bands_ + b] = repeated ? 1 : 0;
                    may_add += repeated ? 1 : 0;
                }
    }
    batch.bands_added.reset(may_add);
    // Every document first (matching reads nothing the planner records), keeping the view of
    // each that on_document needs: its matches and what each sentence was matched with.
    std::vector<std::vector<UnitMatch>> matches(docs.size());
    std::vector<std::uint64_t> direct(n);
    for (std::size_t d = 0; d < docs.size(); ++d) {
        matches[d] = match_in_batch(batch, d);
        std::copy(document_direct_.begin(), document_direct_.end(), direct.begin() + static_cast<std::ptrdiff_t>(batch.first[d]));
    }
    // The batch after this one, set up now that this one has its ids, to be probed once this one
    // is in the index. A batch that cannot be set up (past 2^31 sentences) is left to its own
    // match_batch, which says so after this batch is planned, as without the look ahead.
    const Lookahead* following = candidates_ == nullptr && next ? next() : nullptr;
    std::size_t ahead_chunks = 0;
    if (following != nullptr && !following->docs.empty()) {
        if (!ahead_) ahead_.reset(new Batch());
        try {
            prepare(*ahead_, following->first_doc, following->docs, following->matchable, places_.size());
            ahead_chunks = (ahead_->doc_of.size() + k_probe_chunk - 1) / k_probe_chunk;
        } catch (const Error&) {
            ahead_chunks = 0;
        }
    }
    // Then the batch's entries go into the exact-key and band tables (other threads) while the
    // documents are planned (this thread): on one thread the planner alone was most of the
    // sequential work (issue 13). Items past the inserts probe the next batch once every insert
    // is done: an insert not yet started is claimed and run by the item that needs it, so that
    // an item waits only for inserts under way on other threads, in whatever order the items
    // run. After an insert or the planning fails, nothing waits (the error ends the run, and the
    // probe's work is dropped).
    const std::size_t parts = bands_ + 1;
    const std::unique_ptr<std::atomic<bool>[]> claimed(new std::atomic<bool>[parts]);
    for (std::size_t part = 0; part < parts; ++part) claimed[part] = false;
    std::atomic<std::size_t> inserted{0};
    std::atomic<bool> failed{false};
    const auto insert = [&](std::size_t part) {
        if (claimed[part].exchange(true)) return;
        try {
            insert_part(batch, part);
        } catch (...) {
            failed = true;
            throw;
        }
        inserted.fetch_add(1, std::memory_order_release);
    };
    parallel(parts + ahead_chunks, [&](std::size_t item) {
        if (item < parts) {
            insert(item);
            return;
        }
        for (std::size_t part = 0; part < parts && !failed; ++part) insert(part);
        while (inserted.load(std::memory_order_acquire) < parts && !failed) std::this_thread::yield();
        if (!failed) probe(*ahead_, item - parts);
    }, [&] {
        try {
            for (std::size_t d = 0; d < docs.size(); ++d) {
                document_base_ = batch.base + batch.first[d];
                document_end_ = batch.base + batch.first[d + 1];
                kept_.seal(document_base_);  // earlier documents' kept copies are final
                index_blocks::keep_under_ceiling();
                document_direct_.assign(direct.begin() + static_cast<std::ptrdiff_t>(batch.first[d]),
                                        direct.begin() + static_cast<std::ptrdiff_t>(batch.first[d + 1]));
                on_document(d, matches[d]);
            }
        } catch (...) {
            failed.store(true);
            throw;
        }
    });
    ahead_probed_ = ahead_chunks > 0;
    if (candidates_ == nullptr)
        for (std::size_t s = 0; s < n; ++s)
            if (batch.probes_bands(s))
                for (std::size_t b = 0; b < bands_; ++b) batch.clear_key(batch.keys[s * bands_ + b]);
}

}  // namespace once
