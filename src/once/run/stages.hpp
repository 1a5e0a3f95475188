// stages.hpp — the per-document stages of a run, written once and called by every run mode: the
// single run (pipeline.cpp) and sign / merge / apply (shard.cpp), and the modes still to come.
//
//   analyze  text → normalize → segment → shingle → sign, then judge lines  (parallel, pure)
//   decide   match against everything earlier, then plan which spans go       (sequential)
//   cut      finish the spans against the text, positions, the cleaned text   (parallel, pure)
//
// Why here: a stage orchestrated twice is a bug waiting to diverge (a single run and its sharded
// form must give identical bytes). `analyze_document` and `cut_document` depend on their
// document only; `DecideStage` is the one ordered step — "the earliest copy is kept" is about
// input order — and the one place where what the planner decided is recorded in the matcher and
// the cluster numbering.
//
//   once::DocumentAnalyzer analyzer(config, recurrence);
//   once::DecideStage decide(config);
//   AnalyzedDocument analyzed = analyzer.analyze(doc.text, doc.group);     // any thread
//   std::vector<Span> spans = decide.decide(analyzed);                      // input order
//   CutDocument cut = cut_document(doc.text, analyzed.analysis.layout, spans, true);  // any thread
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "once/core/config.hpp"
#include "once/core/result.hpp"
#include "once/judge/boilerplate.hpp"
#include "once/match/matcher.hpp"
#include "once/plan/planner.hpp"
#include "once/sign/signer.hpp"

namespace once {

// What the text of one document yields before matching: its layout, units and signatures, each
// line's verdict (boilerplate, marker, protected, article text), and which sentences may be
// matched and be kept copies (plan/provenance.hpp). The last is decided here, with the text (a
// teaser is told by its trailing ellipsis), because `merge` has no text: computed there from a
// signature file's layout, a related-list teaser became a source and a later article lost its
// own sentence as a copy of it.
struct AnalyzedDocument {
    DocAnalysis analysis;
    std::vector<LineVerdictDetail> verdicts;
    Matchable matchable;
};

// analyze + judge. `recurrence` holds the corpus-wide line counts (pass 1 or a merged profile);
// it must outlive the analyzer. Thread-safe: analyze is const.
class DocumentAnalyzer {
public:
    DocumentAnalyzer(const Config& config, const Recurrence& recurrence);
    // `known`: the document's line keys from pass 1, when kept (Signer::analyze).
    AnalyzedDocument analyze(std::string_view text, const std::string& group,
                             std::span<const LineKeys> known = {}) const;

private:
    const Signer signer_;
    const JudgeContext judge_;
    const Recurrence& recurrence_;
};

// match + plan, one document after another in input order (documents are numbered 0, 1, ...
// in the order given). Returns the spans decided without the text; cut_document finishes them.
// decide_batch spreads what matching allows over `parallel` (Matcher::match_batch); the spans
// are the same as deciding the documents one by one, for any thread count and batch.
class DecideStage {
public:
    // `candidates`: the matcher's band candidates from sorted runs (Matcher's constructor).
    explicit DecideStage(const Config& config, CandidateStream* candidates = nullptr);
    std::vector<Span> decide(const AnalyzedDocument& document);
    // `next`, when given, waits for the batch after this one to be analyzed and returns it (empty
    // when there is none or it failed): its matching then starts while this batch is planned
    // (Matcher::match_batch's look ahead), and the next decide_batch must be given it. It is
    // called once this batch is matched: from then on its signatures are not read.
    using NextBatch = std::function<std::vector<const AnalyzedDocument*>()>;
    std::vector<std::vector<Span>> decide_batch(const std::vector<const AnalyzedDocument*>& documents,
                                                const Matcher::ParallelFor& parallel, const NextBatch& next = {});
    const Matcher& matcher() const { return matcher_; }
    std::uint32_t documents() const { return next_doc_; }

private:
    const Config& config_;
    Matcher matcher_;
    ClusterNumbering clusters_;
    std::uint32_t next_doc_ = 0;
    Matcher::Lookahead lookahead_;  // the batch `next` gave, as the matcher reads it
};

// A document's decided spans finished against its text: widened to whole lines and white space
// (finish_spans), given positions and hashes; and, if asked, the cleaned text.
struct CutDocument {
    bool fully_removed = false;
    std::string cleaned;  // empty unless asked for
};
CutDocument cut_document(std::string_view text, const Layout& layout, std::vector<Span>& spans, bool want_cleaned);

}  // namespace once
