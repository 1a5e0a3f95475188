// matcher.hpp — finds, for each sentence, an earlier sentence it copies, across the whole input.
//
// Why sequential: "the earliest occurrence in input order is kept" is a statement about order,
// so documents are matched one after another against an index of everything before them (and
// the earlier sentences of the same document). This also makes the index the only state that
// grows with the corpus — the seam for the on-disk index of the roadmap.
//
// How: an exact-key table finds repeats that are identical after normalization; LSH band tables
// over MinHash signatures find near-duplicate candidates, each verified on its full signature:
// estimated Jaccard >= config.similarity, or estimated containment >= config.containment (a cut
// copy). Numbers must agree for a near match (templated notices that differ only in their
// facts are not copies). Then the alignment is extended: a sentence next to a matched one is
// compared with the neighbour of its source at relaxed thresholds, which catches edited and
// cut-off sentences inside a copied passage. Clusters are union-find with the earliest member
// as root; `source` always names the root, the kept copy.
//
//   once::Matcher matcher(config);
//   auto matches = matcher.match_document(doc_index, analysis, eligible);
#pragma once

#include <cstdint>
#include <vector>

#include "once/config.hpp"
#include "once/flat_hash.hpp"
#include "once/signer.hpp"

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

class Matcher {
public:
    explicit Matcher(const Config& config);

    // `eligible[i]` false: sentence i may neither be matched nor serve as a source (it sits on a
    // boilerplate or marker line). Adds the document's sentences to the index.
    std::vector<UnitMatch> match_document(std::uint32_t doc, const DocAnalysis& analysis,
                                          const std::vector<bool>& eligible);

    const UnitLocation& location(std::uint64_t id) const { return locations_[id]; }
    // Global id of the first sentence of the document last passed to match_document.
    std::uint64_t document_base() const { return document_base_; }
    // The sentence's kept copy: itself unless it was removed, else its match's kept copy.
    std::uint64_t kept_copy(std::uint64_t id) const { return kept_[id]; }
    // Records that a sentence was removed (the planner decides after matching).
    void mark_removed(std::uint64_t id) { kept_[id] = kept_[direct_[id]]; }
    std::uint64_t size() const { return locations_.size(); }
    // Bytes of index memory per indexed sentence (for the README and --max-memory).
    std::size_t bytes_per_sentence() const;

private:
    struct Candidate {
        std::uint64_t id;
        MatchType type;
        double similarity;
    };
    Candidate verify(const DocAnalysis& analysis, std::size_t unit, std::uint64_t id, double min_jaccard,
                     double min_containment) const;
    const std::uint32_t* signature(std::uint64_t id) const { return signatures_.data() + id * k_; }

    const Config& config_;
    std::size_t k_;
    int rows_;
    // Per indexed sentence (global id = position).
    std::vector<UnitLocation> locations_;
    std::vector<UnitRecord> records_;
    std::vector<std::uint64_t> roots_;
    std::vector<bool> eligible_;  // may serve as a source
    std::vector<std::uint64_t> direct_;  // the sentence each was matched with (itself if none)
    std::vector<std::uint64_t> kept_;
    std::uint64_t document_base_ = 0;
    std::vector<std::uint32_t> signatures_;
    // Exact key -> first sentence with it.
    FlatHashMap exact_;
    // Band key (which mixes in the band number) -> most recent sentence id with it; chains
    // continue through band_next_.
    FlatHashMap band_heads_;
    std::size_t bands_;
    std::vector<std::uint64_t> band_next_;  // id * bands + band -> previous id with that key (+1; 0 = end)
};

}  // namespace once
