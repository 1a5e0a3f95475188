// band_runs.hpp — the LSH band candidates of every sentence, computed up front from sorted runs
// instead of looked up in the matcher's in-memory band tables (docs/shard-format.md, "The
// sorted-run design").
//
// Why this works: the ring of a band bucket holds the newest k_max_chain sentences with that
// band key, so a sentence's candidates in band b are the up to k_max_chain entries before it in
// the group (b, key) sorted by id. That is a join over sorted data, provided what enters the
// bands is known before matching. BandRoles decides it from the exact keys in id order, as the
// matcher would, with one exception: a sentence whose first earlier same-text source may not be
// its source (one is a list entry and the other not, in other documents) but a later one may, is
// an exact copy or not depending on what matching finds for it (the continuity path, or a band
// candidate of the same text). Such a sentence is *tentative*: its entries are kept with a flag,
// windows reach back past it, and the matcher, which knows by then, resolves the window
// (resolve_tentative). On the test corpora these are rare (docs/shard-format.md).
//
// How: entries (band, key, id) go into runs of at most `run_entries`, sorted in memory and
// written to an unlinked file in the temporary folder (core/spill_file.hpp) when more than one
// run is needed; a k-way merge walks each group in id order and emits a pair (prober, candidate,
// band) per window member; the pairs are sorted the same way by (prober, candidate, band), and
// CandidateStream hands them to the matcher per prober in id order. Memory: one run of each kind
// and the merge buffers, whatever the corpus size.
//
//   once::BandRuns runs(tmp_folder, config.bands, config.rows_per_band(), 0);
//   for each document d in order: runs.add_document(d, analysis, matchable);
//   once::CandidateStream stream = std::move(runs).candidates();
//   once::Matcher matcher(config, &stream);
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "once/match/flat_hash.hpp"
#include "once/match/matcher.hpp"  // Matchable
#include "once/sign/doc_analysis.hpp"

namespace once {

// What the analysis alone says about a sentence's part in the bands.
struct BandRole {
    bool probes = false;     // looks its band keys up: no exact source that verification accepts
    bool member = false;     // enters the bands (unless tentative and then matched exactly)
    bool tentative = false;  // a member whose entry depends on what matching finds (above)
};

// The exact-key pre-pass: call next() for every sentence in id order (every sentence of every
// document, including those that take no part in matching). Mirrors match_batch: a sentence is
// indexed when it may be matched and has a key; an indexed one with at least k_min_lsh_set
// shingles probes unless the first earlier indexed sentence that may be a source with its key is
// one verification accepts (both list entries or neither, or the same document); it is a member
// when it also may be a source.
class BandRoles {
public:
    struct Sentence {
        std::uint64_t key;
        std::uint32_t set_size;
        bool bulleted;
        bool may_match;   // Matchable::match
        bool may_source;  // Matchable::source
        std::uint32_t doc;
    };
    BandRole next(const Sentence& sentence);
    // Tentative members so far: how often the exception above occurs.
    std::uint64_t tentative_count() const { return tentative_; }

private:
    // Per exact key that a source sentence has: its first source, and which later sources
    // there were (list entries or not, and the newest one's document: documents come in id order,
    // so "a later source in my document" is "the newest one is in my document").
    struct KeyState {
        std::uint64_t key;
        std::uint32_t first_doc;
        std::uint32_t later_doc;
        bool first_bulleted;
        bool has_later;
        bool later_bulleted;
        bool later_plain;
    };
    std::vector<KeyState> states_;
    FlatHashIndex index_;  // key -> index in states_
    std::uint64_t tentative_ = 0;
};

// A candidate of one prober, and in how many of its bands it sits.
struct BandCandidate {
    std::uint32_t id;
    std::uint32_t bands;
};
// One (candidate, band) of a prober whose windows hold a tentative member.
struct BandPair {
    std::uint32_t id;
    std::uint32_t band;
    bool tentative;
};
// A prober's candidates, sorted by id. `detail` is empty unless a window holds a tentative
// member; then `candidates` counts every pair listed, and resolve_tentative gives the real ones.
struct ProbeCandidates {
    std::vector<BandCandidate> candidates;
    std::vector<BandPair> detail;
};

// The candidates of a prober with tentative members in its windows, once matching has decided
// whether each entered (`entered(id)`, asked for tentative ones only): per band the newest
// k_max_chain members that entered, as candidates with counts, sorted by id.
std::vector<BandCandidate> resolve_tentative(const std::vector<BandPair>& detail,
                                             const std::function<bool(std::uint32_t)>& entered);

// The merged pairs, read in prober order.
class CandidateStream {
public:
    class Source;  // the sorted pairs (band_runs.cpp)
    explicit CandidateStream(std::unique_ptr<Source> source);
    CandidateStream(CandidateStream&&) noexcept;
    CandidateStream& operator=(CandidateStream&&) noexcept;
    ~CandidateStream();
    // The candidates of sentence `id` (empty when it has none). Ids must be asked in increasing
    // order; those skipped are dropped.
    ProbeCandidates take(std::uint32_t id);
    // Pairs written to and read from the temporary folder, and runs: for tests and the docs.
    std::uint64_t spilled_pairs() const;
    std::size_t runs() const;

    // A pair as sorted and spilled (12 bytes): band << 1 | tentative.
    struct Pair {
        std::uint32_t prober;
        std::uint32_t candidate;
        std::uint32_t band_flags;
    };

private:
    std::unique_ptr<Source> source_;
    bool have_ = false;  // `next_` holds a pair not yet taken
    Pair next_{};
};

class BandRuns {
public:
    // `run_entries`: records sorted in memory per run (0: k_default_run_entries); runs past the
    // first go to an unlinked file in `tmp_folder`. `rows`: bytes of signature per band.
    BandRuns(const std::string& tmp_folder, std::size_t bands, int rows, std::size_t run_entries);
    ~BandRuns();
    // Sentence `id`'s entries, ids in increasing order; `keys` holds its `bands` band keys
    // (read only when the role probes).
    void add(std::uint32_t id, const BandRole& role, const std::uint64_t* keys);
    // Document `doc`'s sentences, as the matcher will be given them (match_batch), next in id
    // order: their roles (BandRoles) and band keys. Error(resource_limit) past 2^31 sentences.
    void add_document(std::uint32_t doc, const DocAnalysis& analysis, const Matchable& matchable);
    // The next sentence in id order (of document sentence.doc), without a decoded document:
    // `low` holds its signature's low bytes (bands × rows of them), read only when the sentence
    // probes or enters the bands. Error(resource_limit) past 2^31 sentences.
    void add_sentence(const BandRoles::Sentence& sentence, const std::uint8_t* low);
    std::uint64_t tentative_count() const { return roles_.tentative_count(); }
    // Sorts and joins the entries: the candidates of every prober.
    CandidateStream candidates() &&;
    std::uint64_t spilled_entries() const;
    std::size_t runs() const;

    // 1 Mi records a run: 16 MiB of band entries, 12 MiB of pairs, whatever the corpus.
    static constexpr std::size_t k_default_run_entries = std::size_t{1} << 20;

private:
    class Entries;  // the band entries' sorter (band_runs.cpp)
    std::unique_ptr<Entries> entries_;
    std::uint64_t spilled_entries_ = 0;  // kept when the entries are dropped (candidates())
    std::size_t runs_ = 1;
    std::string tmp_folder_;
    std::size_t bands_;
    int rows_;
    std::size_t run_entries_;
    BandRoles roles_;
    std::uint64_t next_id_ = 0;
    std::vector<std::uint8_t> low_;     // a sentence's signature as stored, and its band keys
    std::vector<std::uint64_t> keys_;
};

}  // namespace once
