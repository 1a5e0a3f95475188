// plan_run.hpp — the planner tests' harness: documents run through the stages a run calls
// (stages.hpp: analyze -> judge with an empty recurrence -> match -> plan -> cut), each result
// checked against the span contract (sorted, non-overlapping, on UTF-8 boundaries, cleaned text
// = original minus spans). Shared by planner_test.cpp, planner_copies_test.cpp and
// inside_paste_test.cpp.
#pragma once

#include "once/judge/boilerplate.hpp"
#include "once/plan/cleaner.hpp"
#include "once/plan/provenance.hpp"
#include "once/core/config.hpp"
#include "once/match/matcher.hpp"
#include "once/judge/shape.hpp"
#include "once/run/stages.hpp"
#include "once/sign/signer.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

namespace plan_test {

inline once::Config planner_config() {
    once::Config config;
    // The shape classifier is tested in shape_test; here only copies and markers decide, so the
    // expected texts do not depend on its heuristics.
    config.shape = false;
    // The length rules are pinned so the tests check the rules, not the tuning of the defaults.
    config.min_length = 16;
    config.min_inline_length = 40;
    config.window = 3;
    config.min_line_length = 12;
    return config;
}

// Runs documents through the stages a run calls (stages.hpp): analyze -> judge (empty
// recurrence) -> match -> plan -> cut, and keeps the results.
class PlanRun {
public:
    explicit PlanRun(once::Config config = planner_config())
        : config_(std::move(config)), analyzer_(config_, recurrence_), decide_(config_) {}

    struct Plan {
        std::vector<once::Span> spans;
        bool fully_removed = false;
    };
    struct Doc {
        std::string text;
        Plan plan;
        std::string cleaned;
    };

    // `edit` may change the judge's verdicts first (to stand for chrome or a title slot that
    // the shape classifier, off here, would find).
    const Doc& add(const std::string& text,
                   const std::function<void(std::vector<once::LineVerdictDetail>&)>& edit = {}) {
        Doc out;
        out.text = text;
        once::AnalyzedDocument analyzed = analyzer_.analyze(out.text, "group");
        REQUIRE(analyzed.verdicts.size() == analyzed.analysis.layout.lines.size());
        if (edit) {
            edit(analyzed.verdicts);
            // What may be matched and be a source follows the verdicts (run/stages.hpp).
            analyzed.matchable = once::matchable_sentences(analyzed.analysis, analyzed.verdicts);
        }
        out.plan.spans = decide_.decide(analyzed);
        once::CutDocument cut = once::cut_document(out.text, analyzed.analysis.layout, out.plan.spans, true);
        out.plan.fully_removed = cut.fully_removed;
        out.cleaned = std::move(cut.cleaned);
        check_contract(out);
        docs_.push_back(std::move(out));
        return docs_.back();
    }

private:
    void check_contract(const Doc& doc) const {
        const auto& spans = doc.plan.spans;
        const auto lead = [&](std::uint64_t offset) {
            return offset == doc.text.size() ||
                   (offset < doc.text.size() && (static_cast<unsigned char>(doc.text[offset]) & 0xC0) != 0x80);
        };
        for (std::size_t i = 0; i < spans.size(); ++i) {
            CAPTURE(i);
            CHECK(spans[i].start < spans[i].end);
            CHECK(spans[i].end <= doc.text.size());
            CHECK(lead(spans[i].start));
            CHECK(lead(spans[i].end));
            if (i > 0) CHECK(spans[i - 1].end <= spans[i].start);  // sorted, non-overlapping
            if (spans[i].kind == once::Kind::duplicate || spans[i].kind == once::Kind::near_duplicate) {
                CHECK(spans[i].source.has_value());
                CHECK(spans[i].cluster >= 1);
                // The kept copy is one range of one document seen so far (this one included),
                // in order: `apply` refuses a source that ends before it starts.
                if (spans[i].source) {
                    const once::SourceRef& source = *spans[i].source;
                    REQUIRE(source.doc <= docs_.size());
                    const std::string& text = source.doc < docs_.size() ? docs_[source.doc].text : doc.text;
                    CHECK(source.start < source.end);
                    CHECK(source.end <= text.size());
                    CHECK(source.start_pos.line <= source.end_pos.line);
                }
            }
        }
        // The cleaned text is the original minus the spans: a subsequence, of the right length.
        std::uint64_t removed = 0;
        for (const auto& span : spans) removed += span.end - span.start;
        CHECK(doc.cleaned.size() == doc.text.size() - removed);
    }

    once::Config config_;
    once::Recurrence recurrence_;
    once::DocumentAnalyzer analyzer_;
    once::DecideStage decide_;
    std::vector<Doc> docs_;
};

// A page, then a page that copies part of it: what the second one keeps.
struct CopyCase {
    std::string name, source, copy, cleaned;
};

inline void check_copies(const std::vector<CopyCase>& cases) {
    for (const CopyCase& c : cases) {
        CAPTURE(c.name);
        PlanRun run;
        run.add(c.source);
        CHECK(run.add(c.copy).cleaned == c.cleaned);
    }
}

}  // namespace plan_test
