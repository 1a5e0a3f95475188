// source_reach.hpp — how far a copy's sentence reads on across its source's sentences (the
// planner's go_on, paste_ends.cpp), and the step over the middle of a copy's sentence that is longer
// than what is held of it (bridge_unheld).
//
// Why: a restart glued into one line runs its source's lines together, and where those lines
// are list entries, table rows or URLs without a sentence end, the copy's sentence is hundreds
// of tokens long: only its first and last TokenEdges::k_edge tokens are held, so the walk from
// its start stopped in the middle and the rest stayed (bench/inject_real.py: the spec table of a
// phone glued into one line, 1,293 bytes kept of 2,767). The copy's end is still the end of a
// source sentence further on: where the held tail reads back token by token into the source, and
// the source tokens between the two ends are as many as the copy's unheld middle (or a few more:
// words run together where lines were glued), the whole sentence is the copy.
//
// Contract: bridge_unheld takes a Reach that stopped at or near where the copy's held tokens end
// (k_min_bridge_edge to k_edge tokens read), and returns it extended to all of the copy's sentence, ending with a
// whole source sentence, or nullopt.
//
//   if (const auto whole = bridge_unheld(copy, reach, step, beside, walk)) reach = *whole;
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "once/match/align.hpp"
#include "once/sign/shingler.hpp"

namespace once {

struct Reach {
    Shared shared;
    std::uint64_t source = 0;        // the last source sentence the piece reaches into
    bool more = false;               // it reaches past the first one
    bool source_whole = false;       // it holds all of that last source sentence
    std::uint32_t source_done = 0;   // tokens of that sentence it holds (from the side it entered)
    TokenEdges current;              // that sentence's edges
};

// Tokens read token by token at each end of the copy's sentence at least: all of what is held
// but a short piece the walk left (it needs k_min_second_piece_weight) — 32 tokens of 8-bit
// hashes agreeing are no chance.
constexpr std::uint32_t k_min_bridge_edge = TokenEdges::k_edge / 2;
// Source sentences walked at most to find where a long copy's sentence ends: a bound on the work
// (a spec table or a list of links glued into one line is tens of lines; 512 is ten times that).
constexpr std::size_t k_max_bridge_sentences = 512;
// Where words may have run together where the copy's lines were glued: at most one per source
// sentence boundary, and one per this many source tokens inside a sentence (a soft-wrapped line,
// segmenter.hpp: a line of a URL list is five tokens or more).
constexpr std::uint32_t k_tokens_per_merge = 4;

// `beside(id, step)`: the edges of the source sentence `step` away from `id`, if it may be a
// source (paste_ends.cpp, source_beside). `walk(copy, shared, edges, id, step)`: the planner's go_on
// from source sentence `id` whose edges are `edges`.
template <typename Beside, typename Walk>
std::optional<Reach> bridge_unheld(const TokenEdges& copy, const Reach& reach, int step, Beside beside, Walk walk) {
    constexpr std::size_t k = TokenEdges::k_edge;
    if (copy.count <= 2 * k || reach.shared.tokens > k || reach.shared.tokens < k_min_bridge_edge ||
        reach.source_done > reach.current.count)
        return std::nullopt;
    const std::uint32_t rest = copy.count - reach.shared.tokens;  // the copy's tokens after the point reached
    // Source tokens after the point reached, per sentence walked: the rest of the sentence reached,
    // then each next one whole.
    std::vector<std::uint32_t> counts{static_cast<std::uint32_t>(reach.current.count - reach.source_done)};
    std::uint64_t total = counts[0];
    std::uint64_t at = reach.source;
    TokenEdges edges = reach.current;
    for (std::size_t walked = 0;; ++walked) {
        if (total > rest + walked + total / k_tokens_per_merge) break;
        if (total >= rest) {
            // The copy ends as sentence `at` ends: its held tail must read back into the source.
            const Shared end = step > 0 ? aligned_suffix_from(copy, 0, edges, 0) : aligned_prefix_from(copy, 0, edges, 0);
            const Reach back = walk(copy, end, edges, at, -step);
            // How many sentences on from the one first reached the walk back stopped (the
            // copy's held head and tail must not overlap in the source).
            const bool in_order = step > 0 ? reach.source <= back.source : back.source <= reach.source;
            const std::uint64_t back_index = step > 0 ? back.source - reach.source : reach.source - back.source;
            if (back.shared.tokens >= k_min_bridge_edge && back.shared.tokens <= k && in_order && back_index <= walked) {
                // The copy's tokens between the two points reached, and the source's.
                const std::uint32_t copy_middle = copy.count - reach.shared.tokens - back.shared.tokens;
                std::uint64_t middle = 0;
                for (std::size_t s = 0; s <= back_index; ++s) middle += counts[s];
                // As many as the copy's, or a few more where words ran together.
                if (middle >= copy_middle + back.source_done &&
                    middle - back.source_done <= copy_middle + back_index + middle / k_tokens_per_merge) {
                    Reach out = reach;
                    out.shared.tokens = copy.count;
                    out.shared.weight += copy_middle * k_unheld_token_weight + back.shared.weight;
                    out.shared.unknown = false;
                    out.source = at;
                    out.more = true;
                    out.source_whole = true;
                    out.source_done = edges.count;
                    out.current = edges;
                    return out;
                }
            }
        }
        if (walked + 1 >= k_max_bridge_sentences) break;
        const std::optional<TokenEdges> next = beside(at, step);
        if (!next) break;
        at = step > 0 ? at + 1 : at - 1;
        edges = *next;
        counts.push_back(edges.count);
        total += edges.count;
    }
    return std::nullopt;
}

}  // namespace once
