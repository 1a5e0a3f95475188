#include "once/run/stages.hpp"

#include <functional>

#include "once/plan/cleaner.hpp"

namespace once {

DocumentAnalyzer::DocumentAnalyzer(const Config& config, const Recurrence& recurrence)
    : signer_(config), judge_(config), recurrence_(recurrence) {}

AnalyzedDocument DocumentAnalyzer::analyze(std::string_view text, const std::string& group,
                                           std::span<const LineKeys> known) const {
    AnalyzedDocument out;
    out.analysis = signer_.analyze(text, known);
    out.verdicts = judge_lines(out.analysis, group, recurrence_, judge_);
    out.matchable = matchable_sentences(out.analysis, out.verdicts);
    return out;
}

DecideStage::DecideStage(const Config& config, CandidateStream* candidates)
    : config_(config), matcher_(config, candidates) {}

std::vector<Span> DecideStage::decide(const AnalyzedDocument& document) {
    const auto one_by_one = [](std::size_t n, const std::function<void(std::size_t)>& fn,
                               const std::function<void()>& meanwhile) {
        if (meanwhile) meanwhile();
        for (std::size_t i = 0; i < n; ++i) fn(i);
    };
    return std::move(decide_batch({&document}, one_by_one).front());
}

std::vector<std::vector<Span>> DecideStage::decide_batch(const std::vector<const AnalyzedDocument*>& documents,
                                                         const Matcher::ParallelFor& parallel,
                                                         const NextBatch& next) {
    std::vector<const DocAnalysis*> analyses(documents.size());
    std::vector<Matchable> matchable(documents.size());
    for (std::size_t d = 0; d < documents.size(); ++d) {
        analyses[d] = &documents[d]->analysis;
        matchable[d] = documents[d]->matchable;
    }
    std::vector<std::vector<Span>> spans(documents.size());
    const std::uint32_t first_doc = next_doc_;
    std::function<const Matcher::Lookahead*()> following;
    if (next) following = [&]() -> const Matcher::Lookahead* {
        const std::vector<const AnalyzedDocument*> after = next();
        if (after.empty()) return nullptr;
        lookahead_.first_doc = first_doc + static_cast<std::uint32_t>(documents.size());
        lookahead_.docs.resize(after.size());
        lookahead_.matchable.resize(after.size());
        for (std::size_t d = 0; d < after.size(); ++d) {
            lookahead_.docs[d] = &after[d]->analysis;
            lookahead_.matchable[d] = after[d]->matchable;
        }
        return &lookahead_;
    };
    matcher_.match_batch(first_doc, analyses, matchable, parallel,
                         [&](std::size_t d, const std::vector<UnitMatch>& matches) {
        const AnalyzedDocument& document = *documents[d];
        PlanResult plan = decide_spans(document.analysis, matches, document.verdicts,
                                       first_doc + static_cast<std::uint32_t>(d), matcher_, clusters_, config_);
        // What the planner decided, recorded before the next document is matched and planned.
        for (const std::size_t sentence : plan.removed_sentences)
            matcher_.mark_removed(matcher_.document_base() + sentence);
        for (const auto& removed : plan.removed_as)
            matcher_.mark_removed_as(matcher_.document_base() + removed.first, removed.second);
        matcher_.index_sentence_ends(document.analysis);
        for (const std::uint64_t root : plan.new_clusters) clusters_.id_for(root);
        spans[d] = std::move(plan.spans);
    }, following);
    next_doc_ += static_cast<std::uint32_t>(documents.size());
    return spans;
}

CutDocument cut_document(std::string_view text, const Layout& layout, std::vector<Span>& spans, bool want_cleaned) {
    CutDocument out;
    out.fully_removed = finish_spans(text, layout, spans);
    set_positions_and_hashes(text, layout, spans);
    if (want_cleaned) out.cleaned = cut_spans(text, spans);
    return out;
}

}  // namespace once
