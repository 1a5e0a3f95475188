// inside_paste.cpp — step 0 of planning a document (document_planner.hpp): a paste that spans
// one sentence boundary of the page, where the bands matched neither sentence or only one of
// them as a near copy standing alone, found from the matcher's sentence-end and sentence-start
// keys and read token by token; and the rule for a paste put inside a sentence of the page, the
// page's own words before its first piece and after its last.
#include <algorithm>
#include <optional>
#include <vector>

#include "once/match/align.hpp"
#include "once/plan/document_planner.hpp"
#include "once/plan/run_rules.hpp"

namespace once {

using namespace run_rules;

// A paste put inside a sentence of the page ("彼によれば[...お勧]めしたいのが、...ツアー。[たとえば、
// ...生産者を訪]ねることも..."): sentence k is the page's own words and then the end of its
// source sentence (matches[k].direct), and k + 1 the start of the source's successor and then
// the page's words again; neither is all of a source's end or start (cut_at), and the bands,
// when they offer k at all, offer it as a near copy standing alone. Each piece is token-exact,
// k's shares less than k_min_partial_weight with the source's start (more is a template with
// another fact inside: "Google Play Storeで「[ねこふぃっしんぐ]」などと入力して..." for "...で「全力」
// などと..."; and less is what run_head cuts the run's head to the piece by), and the two
// weigh as two_pieces says. bench/inject_real.py
// --pasted-mid (pastes spanning one sentence boundary): 7 of 162 found before (seed 1).
// Two pieces and no whole sentence between them: each must weigh what a copied sentence must
// (config.min_length), and both config.min_inline_length, the weight for a copy inside
// a longer paragraph. On the generator's corpus a stock ending and the next sentence's stock
// quote (5 + 15 words: "...[with support from both parties.] ["There is still a lot of work
// ahead," a union representative said, referring to the] ...") followed each other in an
// earlier page too.
// Or one piece weighs config.min_inline_length by itself, and the other, light, piece
// k_min_second_piece_weight: the light piece is not a stock phrase standing alone but the
// source's words right beside a passage of a copy's weight, token by token on both sides of the
// source's sentence boundary ("...音楽フェス[とめた。給与を貰える年齢が上がるのは...暮らしていけば
// よいのだろ]が開催された。"; bench/inject_real.py --pasted-mid seed 1: 46 of 59 pastes missed had
// a piece lighter than config.min_length, nearly all beside a piece of 40 or more). The stock
// pair of the generator's corpus (10 + 30) is not one.
bool DocumentPlanner::two_pieces(std::uint32_t first, std::uint32_t second) const {
    const auto min_inline = static_cast<std::uint32_t>(config_.min_inline_length);
    if (std::max(first, second) >= min_inline && std::min(first, second) >= k_min_second_piece_weight) return true;
    return std::min(first, second) >= static_cast<std::uint32_t>(config_.min_length) && first + second >= min_inline;
}

// The weight the other piece needs beside a piece of `weight` (two_pieces): a light one beside a
// piece of config.min_inline_length, k_min_partial_weight otherwise.
std::uint32_t DocumentPlanner::other_piece_weight(std::uint32_t weight) const {
    return weight >= static_cast<std::uint32_t>(config_.min_inline_length) ? k_min_second_piece_weight
                                                                           : k_min_partial_weight;
}

// `at_end`: sentence k's piece is its end (the paste's first piece; the tail goes on into
// k + 1), or its start (the paste's last piece, seen from the bands' match of it; the head
// reaches back into k - 1).
bool DocumentPlanner::inside_piece(std::size_t k, bool at_end) {
    const std::optional<TokenEdges> source = matcher_.edges(matches_[k].direct);
    if (!source) return false;
    const TokenEdges& copy = analysis_.units[k].edges;
    const Shared piece = at_end ? common_suffix(copy, *source) : common_prefix(copy, *source);
    const Shared far = at_end ? common_prefix(copy, *source) : common_suffix(copy, *source);
    if (piece.unknown || piece.tokens >= copy.count || piece.weight < k_min_second_piece_weight ||
        far.weight >= k_min_partial_weight)
        return false;
    std::vector<bool>& marks = at_end ? inside_here_ : starts_here_;
    marks[k] = true;
    const std::uint32_t other_weight = other_piece_weight(piece.weight);
    const Edge other = at_end ? run_tail(k + 1, other_weight) : run_head(k, other_weight, false);
    if (other.extends && two_pieces(piece.weight, other.weight)) return true;
    marks[k] = false;
    return false;
}

// 0. A paste spanning one sentence boundary that the bands missed: sentence k is all of an
// earlier sentence's end, and the next one, on the same line, goes on with the start of that
// sentence's successor (run_tail): "[...お勧]めしたいのが、1テーマに特化したこだわりのツアー。
// [たとえば、...生産者を訪]さらには、...". The source is found by the end of sentence k
// (Matcher::sentence_ending) or, when that piece is too light for a key, by the start of the
// next (sentence_starting: its predecessor). Both pieces are needed, and one of them must
// weigh k_min_core_weight: an ending alone is shared by chance ("...の声が上がっている。").
// The run rules (step 1) then judge the run as any other (its weight, the pieces); the match is
// a containment of the whole piece.
void DocumentPlanner::find_pastes_across_sentences() {
    for (std::size_t k = 0; k + 1 < sentences_.size(); ++k) {
        // A near copy the bands found, with the page's own words before (after) the piece, the
        // sentence after (before) it unmatched: as below, from the source the bands named.
        const auto near = [&](std::size_t j) {
            return (matches_[j].type == MatchType::jaccard || matches_[j].type == MatchType::containment) &&
                   !held_[j] && free_text(j) && matcher_.may_source(matches_[j].direct, analysis_.units[j].bulleted);
        };
        if (sentences_[k + 1].first_line == sentences_[k].last_line) {
            if (near(k) && matches_[k + 1].type == MatchType::none && inside_piece(k, true)) {
                ++k;
                continue;
            }
            if (near(k + 1) && matches_[k].type == MatchType::none && !held_[k] && inside_piece(k + 1, false)) {
                ++k;
                continue;
            }
        }
        if (matches_[k].type != MatchType::none || matches_[k + 1].type != MatchType::none || held_[k] ||
            analysis_.units[k].edges.count == 0 || !free_text(k) ||
            sentences_[k + 1].first_line != sentences_[k].last_line)
            continue;
        const bool heavy = analysis_.units[k].weight >= k_min_core_weight;
        std::optional<std::uint64_t> candidates[2];
        if (heavy) candidates[0] = matcher_.sentence_ending(analysis_.units[k]);
        const std::optional<std::uint64_t> next_start = matcher_.sentence_starting(analysis_.units[k + 1]);
        if (next_start && *next_start > 0 && (!candidates[0] || *next_start - 1 != *candidates[0]))
            candidates[1] = *next_start - 1;
        for (const std::optional<std::uint64_t>& candidate : candidates) {
            if (!candidate || *candidate >= base_ || !matcher_.may_hold(*candidate, analysis_.units[k])) continue;
            matches_[k] = {MatchType::containment, matcher_.root(*candidate), *candidate, 1.0};
            found_here_[k] = true;
            if (cut_at(k, true)) {
                const Edge tail = run_tail(k + 1, k_min_partial_weight);
                if (tail.extends && (heavy || tail.weight >= k_min_core_weight)) break;
            }
            matches_[k] = found_[k];
            found_here_[k] = false;
        }
        // The second way: a paste put inside a sentence of the page (inside_piece above), when
        // a key names the source: c + 1 by the start of k + 1 (the first piece may be too light
        // for a key), or else c by the end of k (the last piece may be). The start's key may name
        // a later page's sentence that goes on from an earlier paste of the same passage (its
        // piece removed, it stays as the newest of its key): its predecessor's kept copy is then
        // c, when the end's key names c.
        const auto try_inside = [&](std::uint64_t candidate) {
            if (found_here_[k] || candidate >= base_ || !matcher_.may_source(candidate, analysis_.units[k].bulleted))
                return;
            matches_[k] = {MatchType::containment, matcher_.root(candidate), candidate, 1.0};
            found_here_[k] = true;
            if (!inside_piece(k, true)) {
                matches_[k] = found_[k];
                found_here_[k] = false;
            }
        };
        std::optional<std::uint64_t> by_start;
        if (!found_here_[k] && next_start && *next_start > 0) {
            by_start = *next_start - 1;
            if (candidates[0] && *candidates[0] != *by_start && *by_start < base_ &&
                kept_copy(*by_start) == *candidates[0])
                by_start = *candidates[0];
            try_inside(*by_start);
        }
        // By the end alone: the last piece is lighter than a key (two_pieces: beside a first
        // piece of config.min_inline_length).
        if (!found_here_[k] && candidates[0] && by_start != candidates[0]) try_inside(*candidates[0]);
        if (found_here_[k]) ++k;  // the next sentence holds the second piece
    }
}

}  // namespace once
