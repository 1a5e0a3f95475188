// planner.cpp — decide_spans (planner.hpp): the page's title held out of runs, then the steps of
// document_planner.hpp in order, and the whole lines the judge condemned (step 2).
#include "once/plan/planner.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "once/plan/document_planner.hpp"

namespace once {

DocumentPlanner::DocumentPlanner(const DocAnalysis& analysis, const std::vector<UnitMatch>& found,
                                 const std::vector<LineVerdictDetail>& verdicts, std::uint32_t doc,
                                 const Matcher& matcher, const ClusterNumbering& clusters, const Config& config)
    : analysis_(analysis),
      found_(found),
      matches_(found),
      lines_(analysis.layout.lines),
      sentences_(analysis.layout.sentences),
      verdicts_(verdicts),
      doc_(doc),
      matcher_(matcher),
      clusters_(clusters),
      config_(config),
      held_(analysis.layout.sentences.size(), false),
      base_(matcher.document_base()),
      kept_here_(analysis.layout.sentences.size()),
      found_here_(analysis.layout.sentences.size(), false),
      inside_here_(analysis.layout.sentences.size(), false),
      starts_here_(analysis.layout.sentences.size(), false) {
    for (std::size_t k = 0; k < kept_here_.size(); ++k) kept_here_[k] = base_ + k;
}

// What the verdicts of a sentence's lines say of it, read once per page (mark_lines): the run
// ends ask it of the sentences beside each run, ~1.9 million times on 25 MB, each a walk over the
// sentence's lines (8% of planning, callgrind).
void DocumentPlanner::mark_lines() {
    line_marks_.assign(sentences_.size(), 0);
    for (std::size_t k = 0; k < sentences_.size(); ++k) {
        std::uint8_t marks = 0;
        if (headline_ && sentences_[k].first_line == sentences_[0].first_line) marks |= k_on_title;
        bool text = true;
        for (std::uint32_t line = sentences_[k].first_line; line <= sentences_[k].last_line; ++line) {
            if (verdicts_[line].role == LineRole::protect) marks |= k_protected;
            if (verdicts_[line].title) marks |= k_on_title;
            text = text && verdicts_[line].role == LineRole::text;
        }
        if (text) marks |= k_text_lines;
        line_marks_[k] = marks;
    }
}

bool DocumentPlanner::protected_sentence(std::size_t i) const { return (line_marks_[i] & k_protected) != 0; }

bool DocumentPlanner::on_title(std::size_t k) const { return (line_marks_[k] & k_on_title) != 0; }

bool DocumentPlanner::opens_its_line(std::size_t k) const {
    return k == 0 || sentences_[k - 1].last_line != sentences_[k].first_line;
}

// The page's own title: another page with the same title (a series, a follow-up, the same
// headline over another text) does not make it a copy. A title line goes only with a copied
// article: each of its sentences an exact copy, in a run that goes on past the title.
// A page's first line is its headline wherever the judge put the title slot (a title above
// the menu is one) when it reads as one: a single sentence without a terminator, with more
// text after it. Two pages that open alike share a headline. (A paragraph opening a page,
// or a page of one line, goes when copied.)
void DocumentPlanner::hold_titles() {
    headline_ = !sentences_.empty() && !sentences_[0].terminated &&
                lines_[sentences_[0].first_line].last_sentence == 1 &&
                sentences_.back().first_line > sentences_[0].last_line;
    mark_lines();
    for (const Line& line : lines_) {
        if (line.blank || line.first_sentence >= line.last_sentence) continue;
        if (!on_title(line.first_sentence)) continue;
        bool copied = true;
        for (std::uint32_t k = line.first_sentence; k < line.last_sentence; ++k)
            copied = copied && matches_[k].type == MatchType::exact;
        if (!copied)
            for (std::uint32_t k = line.first_sentence; k < line.last_sentence; ++k) held_[k] = on_title(k);
    }
}

// A title the page's head prints twice: in the bar over the page (a manual's navigation header:
// "第 1 章 正确的起点", then "上一页 下一页") and again as the heading over the text. The first copy
// is the bar's; the second is the page's headline and stays, while the first stays too as the
// line it always was. Read from position alone: the line repeats, word for word and as a heading
// (one sentence, no terminator), a line of the page's head — only chrome above it — with only
// chrome between the two. A restart that begins again with the headline has text between them.
// On Debian's manuals (bench/docsite.py) a chapter title is one sentence in Chinese and Japanese
// ("第 1 章 正确的起点"), two in English ("Chapter 1." and its name; the English pages kept theirs
// already): the headings of 33 Chinese and 24 Japanese chapter pages went as copies of their bar's.
void DocumentPlanner::hold_head_titles() {
    const auto chrome = [&](std::uint32_t l) {
        return lines_[l].blank || verdicts_[l].chrome();
    };
    // Lines that are not chrome, and lines printed (not blank), counted along the page, so the
    // tests "only chrome above and between" and "something between" are subtractions: a page of
    // ten thousand chrome lines repeating one heading stays linear. Only the first copy may be
    // more than chrome, so the walk ends at the second line that is not.
    std::vector<std::uint32_t> text_before(1, 0), printed_before(1, 0);
    for (std::uint32_t l = 0; l < lines_.size() && text_before.back() < 2; ++l) {
        text_before.push_back(text_before.back() + (chrome(l) ? 0 : 1));
        printed_before.push_back(printed_before.back() + (lines_[l].blank ? 0 : 1));
    }
    const std::uint32_t reach = static_cast<std::uint32_t>(text_before.size() - 1);
    for (std::uint32_t l = 0; l < reach; ++l) {
        const Line& line = lines_[l];
        if (line.blank || line.last_sentence != line.first_sentence + 1) continue;
        const std::uint32_t k = line.first_sentence;
        const Sentence& s = sentences_[k];
        if (s.first_line != l || s.last_line != l || s.terminated || matches_[k].type != MatchType::exact) continue;
        const UnitLocation source = matcher_.location(matches_[k].direct);
        if (source.doc != doc_ || source.start_pos.line == 0) continue;
        const std::uint32_t first = source.start_pos.line - 1;  // TextPosition lines are 1-based
        if (first >= l || lines_[first].normalized != line.normalized) continue;
        const std::uint32_t text_above = text_before[l] - (chrome(first) ? 0 : 1);
        const bool printed_between = printed_before[l] > printed_before[first + 1];
        if (text_above == 0 && printed_between) held_[k] = true;
    }
}

std::uint64_t DocumentPlanner::kept_copy(std::uint64_t id) const {
    return id >= base_ ? kept_here_[id - base_] : matcher_.kept_copy(id);
}

std::uint32_t DocumentPlanner::cluster_id(std::uint64_t root) {
    if (const std::uint32_t known = clusters_.find(root)) return known;
    const auto at = static_cast<std::size_t>(std::find(new_clusters_.begin(), new_clusters_.end(), root) -
                                             new_clusters_.begin());
    if (at == new_clusters_.size()) new_clusters_.push_back(root);
    return static_cast<std::uint32_t>(clusters_.size() + at + 1);
}

// May a piece of sentence k be removed as part of a copy beside it? Not when it is removed
// already; it may be matched elsewhere (a piece of a set phrase found in other pages).
bool DocumentPlanner::free_text(std::size_t k) const {
    if ((line_marks_[k] & (k_on_title | k_protected)) != 0) return false;
    if (!spans_.empty() && spans_.back().end > sentences_[k].start) return false;
    return (line_marks_[k] & k_text_lines) != 0;
}

// 2. Whole lines judged boilerplate or marker.
void DocumentPlanner::add_verdict_spans() {
    for (std::size_t l = 0; l < lines_.size(); ++l) {
        const LineVerdictDetail& verdict = verdicts_[l];
        Kind kind;
        if (verdict.role == LineRole::boilerplate) kind = Kind::boilerplate;
        else if (verdict.role == LineRole::marker) kind = Kind::marker;
        else continue;
        if (!enabled(kind)) continue;
        Span span;
        span.start = lines_[l].start;
        span.end = lines_[l].end;
        span.kind = kind;
        span.match = kind == Kind::marker ? "pattern" : (verdict.by_recurrence ? "recurrence" : "shape");
        span.similarity = kind == Kind::boilerplate && !verdict.by_recurrence ? verdict.score : 1.0;
        span.docs = verdict.by_recurrence ? verdict.docs : 0;
        if (kind == Kind::boilerplate) span.rule = std::string(rule_name(verdict.rule));
        spans_.push_back(std::move(span));
    }
}

PlanResult DocumentPlanner::run_steps() {
    hold_titles();
    hold_head_titles();
    hold_teaser_copies();            // 0a
    hold_contents_headings();        // 0b
    find_pastes_across_sentences();  // 0
    plan_runs();                     // 1
    add_edited_sentences();          // 1b
    add_cut_restarts();              // 1c
    add_verdict_spans();             // 2
    std::sort(spans_.begin(), spans_.end(), [](const Span& a, const Span& b) { return a.start < b.start; });

    PlanResult result;
    result.spans = std::move(spans_);
    result.removed_sentences = std::move(removed_sentences_);
    result.removed_as = std::move(removed_as_);
    result.new_clusters = std::move(new_clusters_);
    return result;
}

PlanResult decide_spans(const DocAnalysis& analysis, const std::vector<UnitMatch>& found,
                        const std::vector<LineVerdictDetail>& verdicts, std::uint32_t doc, const Matcher& matcher,
                        const ClusterNumbering& clusters, const Config& config) {
    DocumentPlanner planner(analysis, found, verdicts, doc, matcher, clusters, config);
    return planner.run_steps();
}

}  // namespace once
