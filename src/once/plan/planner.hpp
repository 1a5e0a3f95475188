// planner.hpp — from per-sentence matches and per-line verdicts to the removed spans of one
// document: which copies are substantial enough to remove, merged into maximal spans, widened
// to whole lines where a line is entirely removed, and with the blank lines a removal leaves
// behind folded into it.
//
// Why rules on runs: a single short sentence that also occurs elsewhere ("Thank you.",
// "詳細は以下の通り。") is not a copy worth removing; a run of copied sentences is. A run is
// removed when its weight reaches config.min_length, or it has config.window sentences, or it
// is a whole line repeated within the same document (a repeated title). Within one document a
// single line lighter than config.min_length goes only when it repeats the page's title or the
// line right above it (a stutter): a command, a header field or a table cell that recurs in its
// page is the page's content. A near copy needs an exact sentence beside it, or to be a passage
// of two sentences or more, or a line cut off from its source: one near-duplicate sentence alone
// is mostly the same template with other facts.
// Offsets never split a UTF-8 character: they come from sentence, line and token boundaries.
//
// Contract: spans sorted, non-overlapping; the cleaned text is the original minus the spans.
#pragma once

#include <cstdint>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "once/judge/boilerplate.hpp"
#include "once/core/config.hpp"
#include "once/match/matcher.hpp"
#include "once/plan/provenance.hpp"
#include "once/core/result.hpp"
#include "once/sign/doc_analysis.hpp"

namespace once {

// Cluster ids numbered from 1 in the order their first removed copy is planned. The planner only
// reads it (`find`, `size`); the stage that runs it numbers the new clusters it reports (stages.hpp).
class ClusterNumbering {
public:
    std::uint32_t id_for(std::uint64_t root) {
        const auto [it, inserted] = ids_.try_emplace(root, static_cast<std::uint32_t>(ids_.size() + 1));
        return it->second;
    }
    // The id of a cluster numbered already, 0 if none.
    std::uint32_t find(std::uint64_t root) const {
        const auto it = ids_.find(root);
        return it == ids_.end() ? 0 : it->second;
    }
    std::size_t size() const { return ids_.size(); }

private:
    std::map<std::uint64_t, std::uint32_t> ids_;
};

// What the planner decided for one document. It changes nothing itself: the caller records
// `removed_sentences` in the matcher (Matcher::mark_removed) and numbers `new_clusters` in order
// (ClusterNumbering::id_for), in one place (stages.cpp), before the next document is planned.
struct PlanResult {
    std::vector<Span> spans;
    bool fully_removed = false;                  // set by finish_spans
    std::vector<std::size_t> removed_sentences;  // copies removed, by index in the document
    // Copies removed whose source the planner found itself (Matcher::sentence_ending, the first
    // piece of a paste) or moved to another occurrence of the same text (Matcher::later_occurrences,
    // a common sentence inside a paste), by index, with the kept copy their span names:
    // Matcher::mark_removed_as.
    std::vector<std::pair<std::size_t, std::uint64_t>> removed_as;
    std::vector<std::uint64_t> new_clusters;     // roots of clusters first seen here, in id order
};

// Planning has two halves, so that matching can happen away from the text (sharded runs):
// decide_spans needs no text (which sentences and lines go, clusters, sources); finish_spans
// widens the spans with the text (whole lines, white space, blank lines) and returns whether the
// document was removed entirely. `matcher` must have matched document `doc` last.
PlanResult decide_spans(const DocAnalysis& analysis, const std::vector<UnitMatch>& matches,
                        const std::vector<LineVerdictDetail>& verdicts, std::uint32_t doc, const Matcher& matcher,
                        const ClusterNumbering& clusters, const Config& config);
bool finish_spans(std::string_view text, const Layout& layout, std::vector<Span>& spans);

}  // namespace once
