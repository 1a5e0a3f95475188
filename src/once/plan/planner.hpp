// planner.hpp — from per-sentence matches and per-line verdicts to the removed spans of one
// document: which copies are substantial enough to remove, merged into maximal spans, widened
// to whole lines where a line is entirely removed, and with the blank lines a removal leaves
// behind folded into it.
//
// Why rules on runs: a single short sentence that also occurs elsewhere ("Thank you.",
// "詳細は以下の通り。") is not a copy worth removing; a run of copied sentences is. A run is
// removed when its weight reaches config.min_length, or it has config.window sentences, or it
// is a whole line repeated within the same document (a repeated title). Offsets never split a
// UTF-8 character: they come from sentence and line boundaries.
//
// Contract: spans sorted, non-overlapping; the cleaned text is the original minus the spans.
#pragma once

#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "once/judge/boilerplate.hpp"
#include "once/core/config.hpp"
#include "once/match/matcher.hpp"
#include "once/core/result.hpp"
#include "once/sign/signer.hpp"

namespace once {

// Cluster ids numbered from 1 in the order their first removed copy is planned.
class ClusterNumbering {
public:
    std::uint32_t id_for(std::uint64_t root) {
        const auto [it, inserted] = ids_.try_emplace(root, static_cast<std::uint32_t>(ids_.size() + 1));
        return it->second;
    }

private:
    std::map<std::uint64_t, std::uint32_t> ids_;
};

struct PlanResult {
    std::vector<Span> spans;
    bool fully_removed = false;
    std::vector<std::size_t> removed_sentences;  // copies removed (already marked in the Matcher)
};

// The two halves of plan_spans, for sharded runs where matching happens away from the text:
// decide_spans needs no text (which sentences and lines go, clusters, sources); finish_spans
// widens the spans with the text (whole lines, white space, blank lines) and returns whether the
// document was removed entirely.
PlanResult decide_spans(const DocAnalysis& analysis, const std::vector<UnitMatch>& matches,
                        const std::vector<LineVerdictDetail>& verdicts, std::uint32_t doc, Matcher& matcher,
                        ClusterNumbering& clusters, const Config& config);
bool finish_spans(std::string_view text, const Layout& layout, std::vector<Span>& spans);

PlanResult plan_spans(std::string_view text, const DocAnalysis& analysis, const std::vector<UnitMatch>& matches,
                      const std::vector<LineVerdictDetail>& verdicts, std::uint32_t doc, Matcher& matcher,
                      ClusterNumbering& clusters, const Config& config);

// Which sentences may take part in matching: those lying only on lines judged article text.
std::vector<bool> matchable_sentences(const DocAnalysis& analysis, const std::vector<LineVerdictDetail>& verdicts);

}  // namespace once
