// matcher.hpp — finds, for each sentence, an earlier sentence it copies, across the whole input.
//
// Why sequential: "the earliest occurrence in input order is kept" is a statement about order,
// so documents are matched one after another against an index of everything before them (and
// the earlier sentences of the same document). This also makes the index the only state that
// grows with the corpus — the seam for the on-disk index of the roadmap.
//
// How: an exact-key table finds repeats that are identical after normalization; LSH band tables
// over MinHash signatures find near-duplicate candidates, each verified on its stored signature:
// estimated Jaccard >= config.similarity, or estimated containment >= config.containment (a cut
// copy). Numbers must agree for a near match (templated notices that differ only in their
// facts are not copies). Then the alignment is extended: a sentence next to a matched one is
// compared with the neighbour of its source at the run thresholds (config.run_similarity,
// config.run_containment), which catches edited and cut-off sentences inside a copied passage;
// there the token alignment (align.hpp) must also show one edit or one cut. Clusters are union-find with the earliest member
// as root; `source` always names the root, the kept copy.
//
// Batches, in parallel: the band lookups and the verification of their candidates — the bulk of
// the work, cache misses over an index of gigabytes — depend only on the index as it stood before
// the batch, so match_batch does them for all sentences of a batch at once on every core. The
// sequential step then walks the batch in input order and adds only what the batch's own earlier
// sentences change (their exact keys and band entries, kept aside until the batch ends, and the
// band buckets' oldest entries they push out); last, the batch's band entries go into the index
// one band per task, on the other threads while this one plans the batch's documents (the
// planner reads where sentences are, their edge tokens and kept copies, never the exact-key and
// band tables, and matching never reads what the planner records: so the whole batch is matched
// first). Decisions are those of matching one sentence after another, for any thread count and
// batch size (tested).
//
//   once::Matcher matcher(config);
//   auto matches = matcher.match_document(doc_index, analysis, eligible);
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "once/core/config.hpp"
#include "once/match/band_index.hpp"
#include "once/match/edge_store.hpp"
#include "once/match/flat_hash.hpp"
#include "once/match/link_table.hpp"
#include "once/match/place_table.hpp"
#include "once/sign/hashing.hpp"
#include "once/sign/doc_analysis.hpp"

namespace once {

enum class MatchType : std::uint8_t { none, exact, jaccard, containment };

struct UnitMatch {
    MatchType type = MatchType::none;
    std::uint64_t source = 0;  // global id of the cluster root (the earliest member)
    std::uint64_t direct = 0;  // global id of the sentence it was matched with
    double similarity = 0.0;   // to the sentence it was matched with
};

struct UnitLocation {
    std::uint32_t doc = 0;
    std::uint32_t sentence = 0;  // index in that document's layout
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    TextPosition start_pos;
    TextPosition end_pos;
};

// Which sentences of a document take part in matching. `match[i]`: sentence i may be matched
// (it is article text). `source[i]`: it may also be the kept copy of later sentences; false for
// text that sits inside chrome (a teaser in a related list): text first seen there must never
// make the article a later copy — the article keeps its own words, and a later teaser of them
// is the copy. Empty `source`: every matchable sentence may be a source.
struct Matchable {
    std::vector<bool> match;
    std::vector<bool> source;
};

class CandidateStream;  // band_runs.hpp

class Matcher {
public:
    // With `candidates` (not owned; it outlives the matcher), the band candidates of each
    // sentence come from that stream, computed before matching from sorted runs (band_runs.hpp),
    // and the matcher builds no band tables: the same decisions (tested), without the index's
    // largest part. The stream must have been built from the same sentences in the same order.
    explicit Matcher(const Config& config, CandidateStream* candidates = nullptr);

    // `eligible[i]` false: sentence i may neither be matched nor serve as a source (it sits on a
    // boilerplate or marker line). Adds the document's sentences to the index.
    std::vector<UnitMatch> match_document(std::uint32_t doc, const DocAnalysis& analysis,
                                          const std::vector<bool>& eligible);
    // The same, with sentences that may be matched but not be a source (Matchable::source).
    std::vector<UnitMatch> match_document(std::uint32_t doc, const DocAnalysis& analysis, const Matchable& matchable);

    // Runs fn(i) for i in [0, n), in any order, on any threads, and meanwhile() (when given) on
    // the calling thread; returns when all are done. meanwhile() shares no data with the items.
    using ParallelFor = std::function<void(std::size_t, const std::function<void(std::size_t)>&,
                                           const std::function<void()>& meanwhile)>;
    // Matches documents first_doc, first_doc + 1, ... (`docs[d]`, with `matchable[d]`) as
    // match_document would one after another, with the work that allows it spread by `parallel`.
    // `on_document(d, matches)` runs for each in order, on the calling thread, once the whole
    // batch is matched, while the batch's entries go into the exact-key and band tables on other
    // threads. There the matcher answers as just after document d was matched: document_base(),
    // mark_removed() and later_occurrences() are document d's; location(), edges(), kept_copy()
    // for sentences before document d's end (the planner reads nothing else).
    //
    // `next`, when given, is asked once the batch is matched for the batch that follows it
    // (documents first_doc + docs.size(), ...), analyzed; null when there is none. Its band
    // lookups and verification (the probe) then run on the other threads once this batch is in
    // the index, while this thread plans (the probe reads the index, never what the planner
    // records), and the next match_batch, given the same documents, starts from them. So on two
    // threads the probe is no longer between planning one batch and matching the next, the
    // sequential steps (issue 13). Without a candidate stream only; decisions are the same.
    struct Lookahead {
        std::uint32_t first_doc = 0;
        std::vector<const DocAnalysis*> docs;
        std::vector<Matchable> matchable;
    };
    void match_batch(std::uint32_t first_doc, const std::vector<const DocAnalysis*>& docs,
                     const std::vector<Matchable>& matchable, const ParallelFor& parallel,
                     const std::function<void(std::size_t, const std::vector<UnitMatch>&)>& on_document,
                     const std::function<const Lookahead*()>& next = {});

    // Where sentence `id` is (built from compact records: a value, not a reference).
    UnitLocation location(std::uint64_t id) const;
    // Is sentence `id` its document's first (location(id).sentence == 0), without reading where it
    // is: the planner asks it at every step of its walks across a source's sentences.
    bool opens_document(std::uint64_t id) const {
        return (id >> 6) < opens_.size() ? ((opens_[id >> 6] >> (id & 63)) & 1) != 0 : doc_start(id).first == id;
    }
    // Global id of the first sentence of the document last passed to match_document (in
    // match_batch's on_document: of document d).
    std::uint64_t document_base() const { return document_base_; }
    // The sentence's kept copy: itself unless it was removed, else its match's kept copy.
    std::uint64_t kept_copy(std::uint64_t id) const { return kept_[id]; }
    // Records that sentence `id` of the document last matched was removed (the planner decides
    // after matching, before the next document is matched). Error(internal) for another one.
    void mark_removed(std::uint64_t id);
    std::uint64_t size() const { return places_.size(); }
    // The first and last tokens of sentence `id`, for aligning a copy with it token by token
    // (align.hpp); nullptr when it may not be a source (it sat on a boilerplate or marker line).
    // Read from disk (edge_store.hpp): a value, not a reference.
    std::optional<TokenEdges> edges(std::uint64_t id) const {
        if (!indexed_source(id)) return std::nullopt;
        return edges_.at(record_index(id));
    }
    // What edges(id) would say of the sentence's token count and first and last tokens, from memory
    // (edge_store.hpp): a cheap test before the edge tokens are read.
    std::optional<EdgeEnds> edge_ends(std::uint64_t id) const {
        if (!indexed_source(id)) return std::nullopt;
        return edges_.ends(record_index(id));
    }
    // Calls fn(id) for the later occurrences of sentence `first`'s text (exact repeats that may
    // be sources, newest first, at most `limit`), while fn returns false. An exact match names the
    // first occurrence; a passage pasted around a common sentence comes from one of the others.
    template <typename Fn>
    void later_occurrences(std::uint64_t first, std::size_t limit, Fn&& fn) const {
        if (!indexed_source(first)) return;
        const std::uint32_t record = record_index(first);
        const std::uint32_t* newest = newest_repeat_.find(repeat_key(record), [&](std::uint32_t r) {
            return record_index(repeats_[r].id) == record;
        });
        if (newest == nullptr) return;
        std::uint32_t r = *newest;
        // Repeats in documents of the batch after document_base()'s were not there yet when one
        // document was matched at a time: skipped, and not counted against the limit.
        while (r != k_no_repeat && repeats_[r].id >= document_end_) r = repeats_[r].previous;
        for (; r != k_no_repeat && limit-- > 0; r = repeats_[r].previous)
            if (fn(std::uint64_t{repeats_[r].id})) return;
    }
    // Paste candidates (sentence_ends.cpp): the newest kept source sentence of the documents
    // planned so far whose last tokens are `piece`'s last tokens (end_key, align.hpp), for the
    // planner to verify token by token; nullopt when none, or when one is a list entry and the
    // other not (as in verification). A paste that begins inside a sentence begins with that
    // sentence's end, often too small a share of it for the bands.
    std::optional<std::uint64_t> sentence_ending(const UnitRecord& piece) const;
    // The same for a sentence that starts as `text` starts (start_key): where a paste that ends
    // inside a sentence finds it when its first piece is too light for an end key.
    std::optional<std::uint64_t> sentence_starting(const UnitRecord& text) const;
    // May `piece` be a part of sentence `id`, by what is held in memory (no edge tokens read)?
    // `id` may be a source, `piece`'s facts (numbers, day and month names) are among its facts,
    // it has no fewer shingles, and both or neither are list entries.
    bool may_hold(std::uint64_t id, const UnitRecord& piece) const;
    // May `id` be a source of a piece of a sentence whose list-entry flag is `bulleted`: the part
    // of may_hold that does not compare the whole sentence (which may hold the page's own words).
    bool may_source(std::uint64_t id, bool bulleted) const;
    // May `unit` be an edited copy of sentence `id`: `id` may be a source, both or neither are
    // list entries, and their facts (numbers, day and month names) are the same.
    bool same_facts(std::uint64_t id, const UnitRecord& unit) const;
    // Adds the ends of the kept source sentences of document_base()'s document, once its
    // removals are recorded (mark_removed): what sentence_ending finds for later documents. A
    // removed sentence is not added: its kept copy, added before it, is where a paste comes from.
    void index_sentence_ends(const DocAnalysis& analysis);
    // Records that sentence `id` of the document last matched was removed as a copy of `kept`,
    // a sentence the planner found itself (sentence_ending, later_occurrences), not the one the
    // matcher gave it.
    void mark_removed_as(std::uint64_t id, std::uint64_t kept);
    // The root of sentence `id`'s cluster (the earliest member), as matching left it.
    std::uint64_t root(std::uint64_t id) const { return roots_[id]; }
    // Signatures stored: eligible sentences that are not an exact repeat of an earlier one.
    std::uint64_t signature_count() const { return signatures_.size(); }
    // What one part of the index holds: its bytes in use (entries times their size, and the
    // table pages and buckets handed out; not the 2 MiB blocks reserved for them) and entries.
    struct MemoryPart {
        const char* name;
        std::size_t bytes;
        std::uint64_t entries;  // sentences, records, keys or slots taken: what `name` counts
    };
    // The index by part (band tables, signatures, places, ...), in a fixed order: what a run
    // that stops at --max-memory names, and how the README's bytes per entry are measured.
    std::vector<MemoryPart> memory_parts() const;
    // Bytes the index holds now (the sum of the parts), and a sentence saying so, part by part,
    // for error messages.
    std::size_t memory_bytes() const;
    std::string describe_memory() const;

private:
    // What verification needs of a source sentence besides its signature, in 32 bytes: two to
    // a cache line. One per signature record: an exact repeat has its source's key, facts and
    // shingle count (they all come from the same tokens), so it shares the record.
    struct Record {
        std::uint64_t key;
        std::uint64_t number_mask;
        std::uint64_t number_hash;
        std::uint32_t set_size;  // a block is < 4 GiB (normalizer offsets), so < 2^31 shingles
    };
    // The first sentence id of a document with sentences, and its number.
    struct DocStart {
        std::uint32_t first;
        std::uint32_t doc;
    };
    struct Candidate {
        std::uint64_t id;
        MatchType type;
        double similarity;
    };
    struct Batch;  // a batch under way (match_batch.cpp)
    // The batch's buffers, kept from one match_batch to the next: built afresh, each batch
    // allocated and zeroed them again (1 MiB of key bits alone), and its two node-based maps
    // took a malloc and a free per sentence.
    struct BatchDeleter {
        void operator()(Batch* batch) const;  // where Batch is complete (match_batch.cpp)
    };
    std::unique_ptr<Batch, BatchDeleter> batch_;
    // The batch after batch_, probed ahead (match_batch's `next`); `ahead_probed_` until the
    // next match_batch, which takes it if it is given the same documents.
    std::unique_ptr<Batch, BatchDeleter> ahead_;
    bool ahead_probed_ = false;
    // Sets up `batch` for documents first_doc, ... whose first sentence is `base` (the index
    // untouched): the buffers, the sentences' firsts with each exact key, the stream's lists.
    void prepare(Batch& batch, std::uint32_t first_doc, const std::vector<const DocAnalysis*>& docs,
                 const std::vector<Matchable>& matchable, std::uint64_t base);
    // The three steps of match_batch: probe (any thread, the index read-only), match in input
    // order, then add what the batch kept aside to the index.
    void probe(Batch& batch, std::size_t sentence) const;
    std::vector<UnitMatch> match_in_batch(Batch& batch, std::size_t d);
    // Part `part` of adding a batch to the index: band `part`'s entries, or (part == bands) the
    // exact keys. Parts touch disjoint tables, so they run in parallel.
    void insert_part(Batch& batch, std::size_t part);
    // `low`: the unit's signature as stored (low bytes, minhash.hpp).
    Candidate verify(const DocAnalysis& analysis, std::size_t unit, const std::uint8_t* low, std::uint32_t doc,
                     std::uint64_t id, double min_jaccard, double min_containment) const;
    // sentence_ending and sentence_starting: the newest kept source sentence under `key` in
    // `table` (sentence_ends_ or sentence_starts_), when it and the asking sentence are both list
    // entries or neither.
    std::optional<std::uint64_t> newest_in(const FlatHashIndex& table, std::optional<std::uint64_t> key,
                                           bool bulleted_text) const;
    // The candidates from the stream of sentence s of the batch (probe: those before the batch;
    // match_in_batch: `added`, those in it), with the windows that hold tentative members
    // resolved now that their matches are known (band_runs.hpp).
    void listed_in_batch(Batch& batch, std::size_t s, std::vector<std::uint32_t>& added) const;
    // Did sentence `id`, a tentative band member, enter the bands: it was not matched exactly
    // (an exact match is recorded as a repeat, and repeats_ is in id order).
    bool entered_bands(std::uint32_t id) const;
    // May sentence `id` be matched with (it was eligible when indexed)?
    bool is_source(std::uint64_t id) const { return record_of_[id] != k_no_signature; }
    // ... for any id: false past the sentences indexed (the planner asks about ids beside others).
    bool indexed_source(std::uint64_t id) const { return id < record_of_.size() && is_source(id); }
    // A source's record in records_, signatures_ and edges_, and its bulleted flag.
    std::uint32_t record_index(std::uint64_t id) const { return record_of_[id] >> 1; }
    bool bulleted(std::uint64_t id) const { return (record_of_[id] & 1) != 0; }
    const Record& record(std::uint64_t id) const { return records_[record_index(id)]; }
    const std::uint8_t* signature(std::uint64_t id) const { return signatures_.record(record_index(id)); }
    std::uint32_t doc_of(std::uint64_t id) const { return doc_start(id).doc; }
    // The document holding sentence `id`: its entry in doc_starts_.
    const DocStart& doc_start(std::uint64_t id) const;
    // The key of what a band slot holds: the band's bytes of the signature of the sentence held
    // (of a bucket: of its first id, as every id in it has that key). This and prefetch_band_key
    // are inline, defined in matcher.cpp, the one file that calls them (and band_slot_has): the
    // band-table split asks them for every entry it moves.
    inline std::uint64_t band_key_of(std::uint32_t ref, int band) const;
    // Starts loading what band_key_of(ref, band) reads, a chain of cache misses (a bucket, a
    // sentence's record, its signature): step 0 the first, each next step the one after, once
    // the step before has loaded (steps past the chain's end do nothing).
    inline void prefetch_band_key(std::uint32_t ref, int band, int step) const;
    // Does a band slot hold `key`: to confirm a tag match (band_index.hpp).
    inline bool band_slot_has(std::uint32_t ref, std::uint64_t key, int band) const;
    void band_insert(std::uint64_t key, int band, std::uint32_t id, const std::uint8_t* mine);
    // The ref the band table holds under `key` (a sentence, or a bucket), or k_no_ref.
    std::uint32_t band_find(std::uint64_t key, int band) const;
    // The same, for a sentence whose signature (low bytes) is `mine`: cheaper to confirm.
    std::uint32_t band_lookup(std::uint64_t key, int band, const std::uint8_t* mine) const;
    // Calls fn(id) for the ids a band slot holds, newest first.
    template <typename Fn>
    void band_ids_newest_first(std::uint32_t ref, int band, Fn&& fn) const;

    // An exact repeat that may be a source, and the repeat of the same text before it (an index
    // in repeats_, k_no_repeat for the first repeat). Few sentences are repeats, so these are kept
    // sparse: 8 bytes per repeat in chunks (a vector that doubles held both copies at its peak),
    // and a slot per repeated text (8 bytes, tables 3/8 to 3/4 full) where a node of an
    // unordered_map took about 40.
    struct Repeat {
        std::uint32_t id;
        std::uint32_t previous;
    };
    static constexpr std::uint32_t k_no_repeat = 0xFFFFFFFFu;
    ChunkedArray<Repeat> repeats_;
    // Record index -> its newest repeat (confirmed by that repeat's record index), keyed by a
    // mix of the record index: the table takes its fingerprint from the key's high bits.
    FlatHashIndex newest_repeat_;
    static std::uint64_t repeat_key(std::uint32_t record) { return mix64(record); }
    static constexpr std::uint32_t k_no_signature = 0xFFFFFFFFu;
    static constexpr std::uint32_t k_no_bucket = 0xFFFFFFFFu;

    const Config& config_;
    CandidateStream* candidates_ = nullptr;  // band candidates from sorted runs, or the tables below
    std::size_t k_;
    int rows_;
    std::size_t bands_;
    // Per sentence (global id = position), 16 bytes and its links: where it is (12,
    // place_table.hpp; its document and index in it come from doc_starts_), its record, and its
    // cluster root and kept copy where they are not the sentence itself (link_table.hpp). Ids are
    // 31-bit (a band slot's top bit tells an id from a bucket), which the matcher checks.
    PlaceTable places_;
    // Record index << 1 | bulleted; k_no_signature for a sentence that may not be a source.
    ChunkedArray<std::uint32_t> record_of_;
    // Roots change only for the document being matched (sealed when the next one starts),
    // kept copies only for the document being planned (sealed when the next one is planned).
    LinkTable roots_;
    LinkTable kept_;
    std::vector<DocStart> doc_starts_;
    // For each j, the doc_starts_ index of the document holding sentence j << k_start_hint_bits:
    // doc_start searches only the few documents between two hints. A binary search over every
    // document took a cache miss per step, and the planner asks where sentences are millions of
    // times (location() was 5% of a one-thread run on a generated 100 MB corpus, perf). 4 bytes
    // per 256 sentences.
    static constexpr unsigned k_start_hint_bits = 8;
    std::vector<std::uint32_t> start_hints_;
    // Bit id: sentence id opens its document (opens_document). The planner asks this at every
    // step of its walks across a source's sentences, ~3 million times on 25 MB: through
    // doc_start it was 7% of planning (callgrind). One bit per sentence.
    std::vector<std::uint64_t> opens_;
    std::uint64_t document_base_ = 0;
    std::uint64_t document_end_ = 0;  // one past that document's last sentence
    // The sentence each sentence of the document last matched was matched with (itself if
    // none): all mark_removed needs, so it is not kept per sentence of the corpus.
    std::vector<std::uint64_t> document_direct_;
    // Per signature record: source sentences only, an exact repeat sharing its source's. The
    // verification record, and the low byte of each of the k_ values (b-bit MinHash, minhash.hpp).
    ChunkedArray<Record> records_;
    ChunkedArray<std::uint8_t> signatures_;
    // Per signature record, the sentence's first and last tokens, on disk: read only to align
    // a copy with its source (edge_store.hpp).
    EdgeStore edges_;
    // Exact key -> first eligible sentence with it.
    FlatHashIndex exact_;
    // One table per band, so that a batch's entries go in band by band in parallel; their pages
    // and buckets come from two shared pools, so that many small tables take the memory of one.
    // Band key (which mixes in the band number) -> the sentence with it, or (top bit set) the
    // offset in the band's buckets of the newest sentences with it. A lookup walks at most
    // k_max_chain sentences per band, so a bucket keeps only that many, as a ring: one or two
    // cache lines per band where a linked chain took a cache miss per step.
    // Buckets: [count, ids...] (band_layout.hpp: the key is that of the ids held), with room for
    // 2 ids while count <= 2, 5 while count <= 5, and k_max_chain after. Pairs and small buckets
    // freed by growth are reused (free lists through word 0).
    struct BandTable {
        BandTable(BlockPool& pages, BlockPool& bucket_words) : heads(pages), buckets(bucket_words) {}
        BandIndex heads;  // 5 bytes a slot: keys are computed again from the signatures (band_index.hpp)
        WordArena buckets;
        std::uint32_t free_pairs = k_no_bucket;
        std::uint32_t free_small = k_no_bucket;
        std::uint64_t shared_keys = 0;  // keys with a bucket (more than one sentence): memory_parts
    };
    BlockPool band_pages_;
    BlockPool bucket_words_;
    std::vector<std::unique_ptr<BandTable>> band_tables_;
    // end_key (start_key) -> the newest kept source sentence with it (sentence_ends.cpp). Only
    // the key's fingerprint is confirmed (the planner checks the tokens), so a slot is 8 bytes;
    // pages come from the band tables' pool. Written and read on the sequential thread only.
    FlatHashIndex sentence_ends_{&band_pages_};
    FlatHashIndex sentence_starts_{&band_pages_};
};

}  // namespace once
