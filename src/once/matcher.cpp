#include "once/matcher.hpp"

#include <algorithm>

#include "once/minhash.hpp"

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
// Neighbours of a matched sentence are compared at these fractions of the thresholds.
constexpr double k_relaxed_factor_jaccard = 0.75;
constexpr double k_relaxed_factor_containment = 0.75;

}  // namespace

Matcher::Matcher(const Config& config)
    : config_(config), k_(static_cast<std::size_t>(config.num_perm)), rows_(config.rows_per_band()),
      bands_(static_cast<std::size_t>(config.bands)) {}

std::size_t Matcher::bytes_per_sentence() const {
    // location + record + root + eligibility + signature + band chain links, plus open-addressing
    // slots (16 bytes at a load factor between 3/8 and 3/4, so ~32 on average) for the exact key
    // and each band.
    return sizeof(UnitLocation) + sizeof(UnitRecord) + sizeof(std::uint64_t) + 1 + k_ * sizeof(std::uint32_t) +
           bands_ * sizeof(std::uint64_t) + (1 + bands_) * 32;
}

Matcher::Candidate Matcher::verify(const DocAnalysis& analysis, std::size_t unit, std::uint64_t id,
                                   double min_jaccard, double min_containment) const {
    const UnitRecord& mine = analysis.units[unit];
    const UnitRecord& theirs = records_[id];
    // A related-list entry and a page's own title are the same words in different roles.
    if (mine.bulleted != theirs.bulleted && locations_[id].doc != locations_.back().doc)
        return {id, MatchType::none, 0.0};
    if (mine.key == theirs.key) return {id, MatchType::exact, 1.0};
    const double jaccard = estimate_jaccard(analysis.signatures.data() + unit * k_, signature(id),
                                            static_cast<int>(k_));
    // A near copy may not be notably longer than what it copies: a later sentence that
    // completes an earlier cut-off one adds text, and removing it would lose that text.
    const bool not_longer = mine.set_size <= theirs.set_size + theirs.set_size / 10 + 1;
    if (mine.set_size >= k_min_near_set && jaccard >= min_jaccard && not_longer &&
        mine.number_hash == theirs.number_hash)
        return {id, MatchType::jaccard, jaccard};
    const bool numbers_contained = (mine.number_mask & ~theirs.number_mask) == 0;
    if (mine.set_size >= k_min_near_set && mine.set_size <= theirs.set_size && numbers_contained) {
        const double containment = containment_from_jaccard(jaccard, mine.set_size, theirs.set_size);
        if (containment >= min_containment) return {id, MatchType::containment, containment};
    }
    return {id, MatchType::none, 0.0};
}

std::vector<UnitMatch> Matcher::match_document(std::uint32_t doc, const DocAnalysis& analysis,
                                               const std::vector<bool>& eligible) {
    const std::size_t n = analysis.units.size();
    const std::uint64_t base = locations_.size();
    document_base_ = base;
    const std::size_t bands = bands_;
    std::vector<UnitMatch> matches(n);
    std::vector<std::uint64_t> direct(n, 0);  // the sentence each was matched with

    band_next_.resize((base + n) * bands, 0);  // resize grows geometrically; never reserve exact sizes here

    std::vector<std::uint64_t> candidates;
    std::vector<std::uint64_t> band_keys(bands);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t id = base + i;
        const auto& sentence = analysis.layout.sentences[i];
        locations_.push_back({doc, static_cast<std::uint32_t>(i), sentence.start, sentence.end,
                              sentence.start_pos, sentence.end_pos});
        records_.push_back(analysis.units[i]);
        roots_.push_back(id);
        eligible_.push_back(eligible[i] && analysis.units[i].key != 0);
        direct_.push_back(id);
        kept_.push_back(id);
        const std::uint32_t* sig = analysis.signatures.data() + i * k_;
        signatures_.insert(signatures_.end(), sig, sig + k_);
        const UnitRecord& unit = analysis.units[i];
        if (!eligible[i] || unit.key == 0) continue;

        Candidate best{0, MatchType::none, 0.0};
        // Continuity first: when the previous sentence copies sentence d, this one most likely
        // copies d + 1 — prefer it to the corpus-wide first occurrence of the same text, so
        // a copied passage stays one passage ("她说。" after a copied quote).
        const std::uint64_t follow = i > 0 && matches[i - 1].type != MatchType::none ? direct[i - 1] + 1 : 0;
        if (follow != 0 && follow < id && eligible_[follow] && records_[follow].key == unit.key &&
            locations_[follow].doc == locations_[follow - 1].doc)
            best = verify(analysis, i, follow, 1.1, 1.1);  // thresholds above 1: exact or nothing
        const std::uint64_t* first = best.type == MatchType::none ? exact_.find(unit.key) : nullptr;
        if (first != nullptr) best = verify(analysis, i, *first, 1.1, 1.1);
        if (best.type != MatchType::none) {
            // found exactly
        } else if (unit.set_size >= k_min_lsh_set) {
            candidates.clear();
            for (std::size_t b = 0; b < bands; ++b) {
                band_keys[b] = band_key(sig, static_cast<int>(b), rows_);
                band_heads_.prefetch(band_keys[b]);
            }
            for (std::size_t b = 0; b < bands; ++b) {
                const std::uint64_t* head = band_heads_.find(band_keys[b]);
                if (head == nullptr) continue;
                std::uint64_t next = *head + 1;
                for (int steps = 0; next != 0 && steps < k_max_chain; ++steps) {
                    candidates.push_back(next - 1);
                    next = band_next_[(next - 1) * bands + b];
                }
            }
            std::sort(candidates.begin(), candidates.end());
            candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
            for (const std::uint64_t candidate : candidates) {
                const Candidate verified = verify(analysis, i, candidate, config_.similarity, config_.containment);
                if (verified.type != MatchType::none && verified.similarity > best.similarity) best = verified;
            }
        }
        if (best.type != MatchType::none) {
            matches[i] = {best.type, roots_[best.id], best.id, best.similarity};
            direct[i] = best.id;
            direct_[id] = best.id;
            roots_[id] = roots_[best.id];
        }

        exact_.try_emplace(unit.key, id);
        // An exact repeat has the same signature as its source, which is in the bands already:
        // adding it would only lengthen the chains every later lookup walks.
        if (unit.set_size >= k_min_lsh_set && best.type != MatchType::exact) {
            for (std::size_t b = 0; b < bands; ++b) {
                auto [head, inserted] = band_heads_.try_emplace(band_keys[b], id);
                band_next_[id * bands + b] = inserted ? 0 : *head + 1;
                *head = id;
            }
        }
    }

    // Extend alignments: a sentence beside a matched one is compared with the source's
    // neighbour at relaxed thresholds (edited or cut-off sentences inside a copied passage).
    const double relaxed_jaccard = config_.similarity * k_relaxed_factor_jaccard;
    const double relaxed_containment = config_.containment * k_relaxed_factor_containment;
    const auto try_neighbour = [&](std::size_t i, std::size_t matched, int step) {
        if (matches[i].type != MatchType::none || !eligible[i] || analysis.units[i].key == 0) return false;
        if (matches[matched].type == MatchType::none) return false;
        const UnitLocation& source = locations_[direct[matched]];
        const std::int64_t neighbour_sentence = static_cast<std::int64_t>(source.sentence) + step;
        if (neighbour_sentence < 0) return false;
        const std::uint64_t neighbour = direct[matched] + static_cast<std::uint64_t>(static_cast<std::int64_t>(step));
        if (neighbour >= base + i || !eligible_[neighbour] || locations_[neighbour].doc != source.doc ||
            locations_[neighbour].sentence != static_cast<std::uint32_t>(neighbour_sentence))
            return false;
        const Candidate verified = verify(analysis, i, neighbour, relaxed_jaccard, relaxed_containment);
        if (verified.type == MatchType::none) return false;
        matches[i] = {verified.type, roots_[neighbour], neighbour, verified.similarity};
        direct[i] = neighbour;
        direct_[base + i] = neighbour;
        roots_[base + i] = roots_[neighbour];
        return true;
    };
    for (int round = 0; round < 3; ++round) {
        bool changed = false;
        for (std::size_t i = 1; i < n; ++i) changed |= try_neighbour(i, i - 1, +1);
        for (std::size_t i = n; i-- > 1;) changed |= try_neighbour(i - 1, i, -1);
        if (!changed) break;
    }
    return matches;
}

}  // namespace once
