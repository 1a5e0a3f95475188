#include "once/run/stages.hpp"

#include "once/plan/cleaner.hpp"

namespace once {

DocumentAnalyzer::DocumentAnalyzer(const Config& config, const Recurrence& recurrence)
    : signer_(config), judge_(config), recurrence_(recurrence) {}

AnalyzedDocument DocumentAnalyzer::analyze(std::string_view text, const std::string& group) const {
    AnalyzedDocument out;
    out.analysis = signer_.analyze(text);
    out.verdicts = judge_lines(out.analysis, group, recurrence_, judge_);
    return out;
}

DecideStage::DecideStage(const Config& config) : config_(config), matcher_(config) {}

std::vector<Span> DecideStage::decide(const AnalyzedDocument& document) {
    const std::uint32_t doc = next_doc_++;
    const auto matches =
        matcher_.match_document(doc, document.analysis, matchable_sentences(document.analysis, document.verdicts));
    PlanResult plan = decide_spans(document.analysis, matches, document.verdicts, doc, matcher_, clusters_, config_);
    // What the planner decided, recorded before the next document is matched and planned.
    for (const std::size_t sentence : plan.removed_sentences) matcher_.mark_removed(matcher_.document_base() + sentence);
    for (const std::uint64_t root : plan.new_clusters) clusters_.id_for(root);
    return std::move(plan.spans);
}

CutDocument cut_document(std::string_view text, const Layout& layout, std::vector<Span>& spans, bool want_cleaned) {
    CutDocument out;
    out.fully_removed = finish_spans(text, layout, spans);
    set_positions_and_hashes(text, layout, spans);
    if (want_cleaned) out.cleaned = cut_spans(text, spans);
    return out;
}

}  // namespace once
