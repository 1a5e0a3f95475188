// copy_runs.cpp — step 1 of planning a document (document_planner.hpp): runs of copied sentences,
// each one passage of one source in order, judged by the run rules (run_rules.hpp: weight,
// sentences, pieces at the ends, an edited copy standing alone) and made spans that name the
// kept copy.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include "once/judge/line_chars.hpp"
#include "once/match/align.hpp"
#include "once/plan/document_planner.hpp"
#include "once/plan/run_rules.hpp"
#include "once/sign/shingler.hpp"

namespace once {
namespace {

using namespace run_rules;

Kind kind_of(MatchType type) { return type == MatchType::exact ? Kind::duplicate : Kind::near_duplicate; }

const char* match_name(MatchType type) {
    switch (type) {
        case MatchType::exact: return "exact";
        case MatchType::jaccard: return "jaccard";
        case MatchType::containment: return "containment";
        default: return "none";
    }
}

// A piece alone on its line that is a token prefix of an earlier sentence of its page: is it
// that sentence cut, not a heading naming what the paragraph opens with? A heading names a
// thing — a subject, a title — and carries no clause mark; a copy cut off stops anywhere, past
// one as often as not ("In 2021, the school board questioned a free lunch program as",
// "该公司相关负责人表示，市"). Without one the piece stays, whatever share of the sentence it
// holds: "「ROCK★STEADY★GYM」代表・藤井タダシ氏" over an interview is "...氏です。" less its
// copula (ldcc peachy), and "The football club confirmed the ferry" cut from "... the ferry
// timetable." reads no differently to a rule without words.
bool piece_alone_is_cut(const UnitRecord& piece) { return piece.clause_inside; }

// The weight of a line of short Chinese or Japanese words separated by spaces, counted as a row of
// words (k_word_cell_weight a cell); none when the line is no such row. Repeated in its page, a
// line lighter than a passage is the page's own (lone_line_in_document); a character weighs one
// unit and an English word two, so a manual's table header printed over each of its tables
// stayed in English ("package popcon size keyword description", 10 units) and went as a copy in
// Japanese ("パッケージ ポプコン サイズ キーワード 説明", 19) and Chinese (bench/docsite.py, Debian
// Reference chapters 6 and 11). A title or a sentence of CJK runs longer than a few characters
// between its spaces, when it has any.
std::optional<std::uint32_t> word_row_weight(std::string_view line) {
    std::size_t cells = 0, chars = 0;
    bool cjk_cell = false;
    const auto close_cell = [&] {
        if (chars == 0) return true;
        const bool ok = cjk_cell && chars <= k_max_word_cell_chars;
        ++cells;
        chars = 0;
        cjk_cell = false;
        return ok;
    };
    for (std::size_t i = 0; i < line.size();) {
        const char32_t c = line_chars::next_cp(line, i);
        if (c == ' ') {
            if (!close_cell()) return std::nullopt;
            continue;
        }
        if (line_chars::is_sentence_end(c)) return std::nullopt;
        cjk_cell = cjk_cell || line_chars::is_cjk(c);
        ++chars;
    }
    if (!close_cell() || cells < k_min_word_cells) return std::nullopt;
    return static_cast<std::uint32_t>(cells) * k_word_cell_weight;
}

}  // namespace

// Is run [i, end) copied from this very document, and not from the page's title there?
// A line printed twice in a row (nothing but blank lines between) is a stutter of the
// scrape, not the page's own repetition: it is not lone.
bool DocumentPlanner::lone_line_in_document(std::size_t i, std::size_t end) const {
    for (std::size_t k = i; k < end; ++k) {
        const UnitLocation& source = matcher_.location(matches_[k].direct);
        if (source.doc != doc_ || on_title(source.sentence)) return false;
    }
    std::size_t above = sentences_[i].first_line;
    while (above > 0 && lines_[above - 1].blank) --above;
    if (above == 0) return true;
    const Line& previous = lines_[above - 1];
    if (previous.last_sentence - previous.first_sentence != end - i) return true;
    for (std::size_t k = 0; k < end - i; ++k)
        if (analysis_.units[previous.first_sentence + k].key != analysis_.units[i + k].key) return true;
    return false;
}

// Does sentence i follow a copy removed from this page's own text, with at most one sentence
// between?
bool DocumentPlanner::follows_removal(std::size_t i) const {
    if (spans_.empty() || !spans_.back().source || spans_.back().source->doc != doc_ || i == 0) return false;
    return spans_.back().end >= (i >= 2 ? sentences_[i - 2].end : sentences_[i - 1].start);
}

// Do sentence i and its source in this page each open their line?
bool DocumentPlanner::opens_paragraph_as_source(std::size_t i) const {
    const UnitLocation& source = matcher_.location(matches_[i].direct);
    return source.doc == doc_ && lines_[sentences_[i].first_line].first_sentence == i &&
           lines_[sentences_[source.sentence].first_line].first_sentence == source.sentence;
}

// Does a run that opens its paragraph as its source opens its own stop inside a sentence of the
// page that then goes its own way: the tail piece is the start of that sentence only, the rest
// of it weighs k_min_own_words_weight and shares less than k_min_second_piece_weight of its end
// with its source's (not an edited word: "録画装備液晶テレビ" for "録画対応液晶テレビ"), and nothing
// after it on its line, nor the next line's first sentence, is copied from this page (a
// paragraph or a page printed again up to an edit goes on with its source's sentences)?
//
// Why: on real pages a paragraph often opens as an earlier one does and then says something else
// ("1963年8月5日、…マリリン・モンロー。没後50年を迎えた今年[3月には…]" and, further down,
// "…没後50年を迎えた今年[度のカンヌ国際映画祭でも…]"; a related link "・…聞いてきた（前編）" under
// the title "…聞いてきた（後編）"). The shared opening is not a copy the page printed twice:
// bench/truth_mistakes.py, "copy: fragment of a sentence" on bench/inject_real.py's corpus.
bool DocumentPlanner::parts_ways_with_source(const Edge& tail) const {
    if (!tail.extends || tail.tokens == 0) return false;  // a piece of the sentence after the run
    const std::size_t k = tail.sentence;
    const TokenEdges& copy = analysis_.units[k].edges;
    if (tail.tokens >= copy.count) return false;
    const std::optional<TokenEdges> source = matcher_.edges(tail.source);
    if (!source) return false;
    const Shared start = common_prefix(copy, *source);
    const Shared end = common_suffix(copy, *source);
    if (end.weight >= k_min_second_piece_weight || analysis_.units[k].weight < start.weight + k_min_own_words_weight)
        return false;
    // The copy going on after it: a sentence of its line or the next line's first, copied from this page.
    const std::uint32_t line = sentences_[k].last_line;
    for (std::size_t m = k + 1; m < sentences_.size(); ++m) {
        if (matches_[m].type != MatchType::none && matcher_.location(matches_[m].direct).doc == doc_) return false;
        if (sentences_[m].first_line != line) break;
    }
    return true;
}

// Is run [i, end) a heading of this page whose kept copy is an entry of a list further up: each
// sentence unterminated and on no list line (a heading's shape), its source in this document on
// a list line (Matcher::verify lets the two match only within one page) next to another list
// line, with the page's text between them? Story cards that print a link and then the same
// headline over its teaser ("* Trump picks Treasury secretary, ..." over "Politics", "AFP", then
// "Trump picks Treasury secretary, ..."; "+ Russian space station cargo ship ..." right above
// "Russian space station cargo ship ...") are a related list, not a contents list and its
// sections: those repeats still go.
bool DocumentPlanner::heading_named_by_entry(std::size_t i, std::size_t end) const {
    std::size_t above = sentences_[i].first_line;
    while (above > 0 && lines_[above - 1].blank) --above;
    // Is the nearest non-blank line `step` away from line l a list entry?
    const auto entry_beside = [&](std::size_t l, int step) {
        for (std::ptrdiff_t m = static_cast<std::ptrdiff_t>(l) + step;
             m >= 0 && static_cast<std::size_t>(m) < lines_.size(); m += step) {
            const Line& line = lines_[static_cast<std::size_t>(m)];
            if (!line.blank)
                return line.first_sentence < line.last_sentence && analysis_.units[line.first_sentence].bulleted;
        }
        return false;
    };
    for (std::size_t k = i; k < end; ++k) {
        const UnitLocation& source = matcher_.location(matches_[k].direct);
        if (source.doc != doc_ || analysis_.units[k].bulleted || sentences_[k].terminated ||
            !analysis_.units[source.sentence].bulleted || above == 0 ||
            sentences_[source.sentence].last_line + 1 >= above)
            return false;
        const std::size_t entry = sentences_[source.sentence].first_line;
        if (!entry_beside(entry, -1) && !entry_beside(sentences_[source.sentence].last_line, 1)) return false;
    }
    return true;
}

// Sentences [from, to) are a few rows of the page's spec table (the judge's rule `spec-row`)
// that another page's table prints alike: "CPU クロック数 1.5GHz / コア数 Dual / RAM 1GB" in the
// specs of two phones of one season. They are facts of this page's table, not a passage it copied;
// only a copy of most of the table (k_table_copy_den: the same phone's specs printed again in its
// review) is a copy. Issue 11: never lose a fact.
bool DocumentPlanner::rows_of_a_table(std::size_t from, std::size_t to) const {
    const auto row = [&](std::size_t l) {
        return verdicts_[l].role == LineRole::text && verdicts_[l].rule == ShapeRule::spec_row;
    };
    const std::size_t first = sentences_[from].first_line;
    const std::size_t last = sentences_[to - 1].last_line;
    std::size_t rows = 0;
    for (std::size_t l = first; l <= last; ++l) {
        if (lines_[l].blank) continue;
        if (!row(l)) return false;
        ++rows;
    }
    // The table: the rows next to the run, up to a line that is not one (a blank line ends it).
    std::size_t table = rows;
    for (std::size_t l = first; l > 0 && !lines_[l - 1].blank && row(l - 1); --l) ++table;
    for (std::size_t l = last + 1; l < lines_.size() && !lines_[l].blank && row(l); ++l) ++table;
    return rows * k_table_copy_den < table;
}

// Is near-matched sentence k all of its source's end (`at_end`) or start, the source
// going on for k_min_partial_weight beyond it (a paste's piece there, not "第" before
// "1位『...』" of a ranking line)?
bool DocumentPlanner::cut_by_insert(std::size_t k, bool at_end) const {
    if (!cut_at(k, at_end)) return false;
    const std::optional<TokenEdges> source = matcher_.edges(matches_[k].direct);
    return held_weight_from(*source, analysis_.units[k].edges.count, at_end) >= k_min_partial_weight;
}

// A run is one copied passage: each sentence's kept copy follows the previous one's in
// the same document (a few sentences may be skipped: an edit can drop one). Sentences
// that each match somewhere else — spec lines like "RAM: 1GB" found in different
// earlier pages — are separate runs, each judged on its own weight.
// Across a wider gap (k_max_dropped_sentences) where the gap begins or ends inside a
// source sentence: the sentence before it all of its source's start, or the one after it
// all of its source's end — a passage inserted into the source mid-sentence, which the
// copy lacks (a restart of the article as first written).
bool DocumentPlanner::continues_run(std::size_t i, std::size_t k) const {
    if (k == i) return true;
    const UnitLocation& previous = matcher_.location(matches_[k - 1].direct);
    const UnitLocation& current = matcher_.location(matches_[k].direct);
    if (previous.doc != current.doc || current.sentence <= previous.sentence) return false;
    if (current.sentence <= previous.sentence + k_max_source_step) return true;
    return current.sentence <= previous.sentence + k_max_dropped_sentences + 1 &&
           (cut_by_insert(k - 1, false) || cut_by_insert(k, true));
}

// 1. Runs of copied sentences.
void DocumentPlanner::plan_runs() {
    std::size_t i = 0;
    while (i < sentences_.size()) {
        if (matches_[i].type == MatchType::none || protected_sentence(i) || held_[i]) {
            ++i;
            continue;
        }
        std::size_t end = i;
        std::uint32_t weight = 0;
        bool exact_in_document = true;
        bool data_like = false;
        // For the inline rule: exact sentences, and whether each continues the one before in
        // its source without a gap (one pasted passage, not sentences gathered from around it).
        std::size_t exact_count = 0;
        bool adjacent = true;
        // Within one page, inline repeats of whole sentences are mostly the page's own set
        // phrases (a reference list's "Te Ara: The Encyclopedia of New Zealand. Retrieved 21
        // January 2011."): there the rule also asks for a piece of a sentence at an end, the mark
        // of a passage cut or pasted mid-sentence.
        const bool in_document = matcher_.location(matches_[i].direct).doc == doc_;
        while (end < sentences_.size() && matches_[end].type != MatchType::none && !protected_sentence(end) &&
               !held_[end] && continues_run(i, end)) {
            weight += analysis_.units[end].weight;
            exact_in_document = exact_in_document && matches_[end].type == MatchType::exact &&
                                matcher_.location(matches_[end].direct).doc == doc_;
            data_like = data_like || analysis_.units[end].data_like;
            exact_count += matches_[end].type == MatchType::exact ? 1 : 0;
            if (end > i)
                adjacent = adjacent && matcher_.location(matches_[end].direct).sentence ==
                                           matcher_.location(matches_[end - 1].direct).sentence + 1;
            ++end;
        }
        bool only_title = true;
        for (std::size_t k = i; k < end && only_title; ++k) only_title = on_title(k);
        if (only_title) {
            i = end;
            continue;
        }
        // The ends: a passage pasted mid-sentence begins in the sentence before the run (its
        // end equals the end of the source's sentence before) and ends in the sentence after
        // (its start equals the start of the source's next sentence); an edited sentence at an
        // end of the run whose only shared part is at the far side begins (ends) there.
        std::pair<Edge, Edge> ends = ends_of(i, end);
        // One common sentence with pieces around it: the paste may come from another occurrence
        // of it than the first, which the exact match names; the one whose neighbours both pieces
        // continue is its source. (One piece is not enough: among many occurrences of a stock
        // sentence, one is often next to a stock phrase — "... to the surprise of many observers."
        // — that the page's own sentence ends with too.)
        if (end == i + 1 && matches_[i].type == MatchType::exact && analysis_.units[i].weight >= k_min_core_weight &&
            !ends.first.extends && !ends.second.extends) {
            const std::uint64_t first = matches_[i].direct;
            matcher_.later_occurrences(first, k_max_occurrences, [&](std::uint64_t other) {
                if (other >= base_) return false;
                matches_[i].direct = other;
                const std::pair<Edge, Edge> tried = ends_of(i, end);
                if (tried.first.extends && tried.second.extends) return ends = tried, true;
                matches_[i].direct = first;
                return false;
            });
        }
        Edge head = ends.first;
        Edge tail = ends.second;
        // Whole lines: the run starts at the first sentence of its first line and ends with the
        // last sentence of its last line (a piece that is all of its sentence counting).
        const std::size_t from = head.extends && head.whole ? head.sentence : i;
        const std::size_t to = tail.extends && tail.whole ? tail.sentence + 1 : end;
        const bool whole_lines = lines_[sentences_[from].first_line].first_sentence == from &&
                                 lines_[sentences_[to - 1].last_line].last_sentence <= to;
        weight += head.weight + tail.weight;
        // An edited copy standing alone (no exact sentence or exact piece in the run) must be closer.
        bool any_exact = head.weight > 0 || tail.weight > 0 || cut_head(i);
        double lowest = 1.0;
        for (std::size_t k = i; k < end; ++k) {
            any_exact = any_exact || matches_[k].type == MatchType::exact;
            if (matches_[k].type == MatchType::jaccard) lowest = std::min(lowest, matches_[k].similarity);
        }
        const double isolated_needed =
            config_.isolated_similarity + (weight < k_short_isolated_weight ? k_short_isolated_extra : 0.0);
        const auto cut_line = [&] {
            if (!whole_lines || end - i != 1) return false;
            const std::optional<TokenEdges> source = matcher_.edges(matches_[i].direct);
            return source.has_value() && is_cut_piece(analysis_.units[i].edges, *source);
        };
        if (!any_exact && ((end - i < k_min_isolated_sentences && !cut_line()) || lowest < isolated_needed ||
                           contained_in_other_words(i, end))) {
            i = end;
            continue;
        }
        // Lines of a code listing that repeat lines of an earlier listing of the page, the listing
        // going on around them: the page building its code up, not a copy (own_text_runs.cpp).
        if (part_of_a_listing(i, end, from, to)) {
            i = end;
            continue;
        }
        // Another page's data rows whose values coincide with this page's in part: this page's facts.
        if (whole_lines && !head.extends && !tail.extends && data_rows_of_another_page(i, end)) {
            i = end;
            continue;
        }
        // A heading of the page named earlier by an entry of a list on the page (a table of
        // contents the judge did not read as one, "* Assess How Deep Is Your Content" above the
        // section "Assess How Deep Is Your Content"): the heading is the article's own, the
        // entry navigation. Issue 11: a heading is not lost to a contents entry.
        if (whole_lines && heading_named_by_entry(i, end)) {
            i = end;
            continue;
        }
        const std::size_t count = end - i + (head.extends ? 1 : 0) + (tail.extends ? 1 : 0);
        // One line of the page that repeats another line of the same page, lighter than a
        // passage (config.min_length), and not the page's title: the page's own content — a
        // command in a tutorial ("$ hg push"), a header field in a protocol example ("Host: ..."),
        // a table cell, a refrain. Only a passage (several lines continuing one place, or the
        // weight of a paragraph) repeated in its page is a copy; a title shown twice still goes,
        // and so does a line printed twice in a row (lone_line_in_document). A row of short CJK
        // words weighs as a row of words (word_row_weight).
        if (whole_lines && sentences_[from].first_line == sentences_[to - 1].last_line &&
            word_row_weight(lines_[sentences_[from].first_line].normalized).value_or(weight) <
                static_cast<std::uint32_t>(config_.min_length) &&
            lone_line_in_document(i, end)) {
            i = end;
            continue;
        }
        // Within one page, sentences repeated inside longer lines are the page's own set phrases
        // (a reference list's fields: "Cabinet Manual. Department of the Prime Minister and
        // Cabinet. 2008." in two entries; one entry's "... of New Zealand. Retrieved 7 January
        // 2011." and the next one's "^ McLintock, Alexander, ed. (April 2009)" after another
        // pair like them) unless they weigh a paragraph's config.min_inline_length (a sentence
        // printed twice in a row): a few short sentences, or a piece of one beside them, are no
        // passage there. A run that opens its paragraph as its source opens its own may be that
        // paragraph repeated up to an edit: it is judged by the rules below, a piece at an end
        // required. A run that goes on from a copy just removed (at most one sentence between: a
        // lone "." of the scrape) is a piece of one repeated passage (a page printed twice, a
        // restart glued into it): it needs no piece either.
        // A run that opens its paragraph as its source does but whose sentence then goes its own way
        // (parts_ways_with_source) is the page's own sentence opening alike: without its tail
        // piece, it is judged as any sentences repeated inside a longer line.
        const bool goes_on = follows_removal(i);
        const bool opens_as_source = opens_paragraph_as_source(i);
        const bool parted = !whole_lines && in_document && !goes_on && opens_as_source && parts_ways_with_source(tail);
        if (parted) {
            weight -= tail.weight;
            tail = Edge{};
        }
        if (!whole_lines && in_document && !goes_on && (!opens_as_source || parted)) {
            if (weight >= static_cast<std::uint32_t>(config_.min_inline_length)) add_run_spans(i, end, head, tail);
            i = end;
            continue;
        }
        // Across pages, a passage pasted from mid-sentence to mid-sentence (a cut at both ends,
        // the last piece going on across a full stop of its source) needs less than whole
        // sentences inside a line (cross_page_inline_weight, run_rules.hpp).
        const bool pasted_across_pages = !in_document && (head.partial || cut_head(i)) && tail.partial &&
                                         tail.extends && ends_in_full_stop(end - 1);
        const std::uint32_t inline_needed = pasted_across_pages
                                                ? cross_page_inline_weight(config_.min_inline_length)
                                                : static_cast<std::uint32_t>(config_.min_inline_length);
        const bool substantial =
            (count >= static_cast<std::size_t>(config_.window) &&
             weight >= static_cast<std::uint32_t>(config_.min_line_length)) ||
            weight >= (whole_lines ? static_cast<std::uint32_t>(config_.min_length) : inline_needed) ||
            (!whole_lines && adjacent && (!in_document || goes_on || head.partial || tail.partial) &&
             exact_count >= k_min_inline_sentences &&
             weight >= static_cast<std::uint32_t>(config_.min_length)) ||
            // A line repeated in its own document (a title shown twice); data rows ("Price: ¥99"
            // for two apps) need the full length: they repeat because the facts coincide.
            (exact_in_document && whole_lines &&
             weight >= static_cast<std::uint32_t>(data_like ? config_.min_length : config_.min_line_length));
        if (substantial && !(whole_lines && rows_of_a_table(from, to))) add_run_spans(i, end, head, tail);
        i = end;
    }
}

// Is line `l` the page starting over and cut off mid-sentence: its sentences, whole line, the
// opening sentences of an earlier line of this page, exact, but the last, which has no
// terminator of its own and is a token prefix (CJK: a character prefix) of that line's next
// sentence ("一名参与者告诉记者，这对行业来说是一个重要信号。该项目负责人介绍，" for the paragraph
// "...重要信号。该项目负责人介绍，目前还难以判断长期影响。..."; "快来体验跨境支付吧！随" for
// "快来体验跨境支付吧！随着春节假期，..."). The index of the earlier line's first sentence.
// A line that is only a piece of a sentence is taken only when its form is a cut's
// (piece_alone_is_cut: a clause mark between its words): on real pages such a line is
// mostly a heading naming what a paragraph opens with ("Through the Darkest of Times" over
// "Through the Darkest of Times is as dark as it is important.", trafilatura pcgamer) or a title
// over its teaser.
//
// Why: the bands and the run rules see the exact sentences and the piece apart. An opening
// sentence of the paragraph may be a stock one that other pages print too, matched with its
// first occurrence there (a run of one inline sentence across pages, too light to go); the
// piece, a few words, is often matched with nothing, and a line of its own that repeats a line
// of its page is kept when lighter than a passage (lone_line_in_document: a refrain, a command).
// Read together, a line that begins as an earlier paragraph begins and stops inside its next
// sentence, unterminated, is a copy that was cut (issue 11: generator `truncated_copy`).
//
// What keeps the page's text: only within one page (a line cut from another page's paragraph is
// left to the run rules, where a stock opening across pages is a template); the line holds
// k_min_core_weight (five words, ten CJK characters: not a short heading that happens to open a
// paragraph); the sentences copied whole each terminated and of k_min_partial_weight, or none
// and a piece that piece_alone_is_cut;
// the source's sentence terminated prose of k_min_core_weight, and the copy stops strictly
// inside it, every token of the piece its source's; text lines, no list entry, not the title;
// the source line kept.
std::optional<std::size_t> DocumentPlanner::cut_restart_source(std::uint32_t l) const {
    const Line& line = lines_[l];
    if (line.blank || line.last_sentence <= line.first_sentence || verdicts_[l].role != LineRole::text)
        return std::nullopt;
    const std::size_t first = line.first_sentence;
    const std::size_t last = line.last_sentence - 1;
    if (sentences_[last].terminated || kept_here_[last] != base_ + last) return std::nullopt;
    if (first > 0 && sentences_[first - 1].last_line == l) return std::nullopt;
    std::uint32_t weight = 0;
    for (std::size_t k = first; k <= last; ++k) {
        if (sentences_[k].first_line != l || sentences_[k].last_line != l || held_[k] || on_title(k) ||
            protected_sentence(k) || analysis_.units[k].bulleted)
            return std::nullopt;
        weight += analysis_.units[k].weight;
    }
    if (weight < k_min_core_weight) return std::nullopt;
    const std::size_t whole_count = last - first;  // the sentences copied whole
    // Each prose of k_min_partial_weight. None (a piece alone on its line) only when the piece
    // has a form no heading has, checked against its source below: a heading that names what an
    // earlier paragraph opens with ("Through the Darkest of Times" over "Through the Darkest of
    // Times is as dark as it is important.") or a title that opens a teaser line is the page's own.
    for (std::size_t k = first; k < last; ++k)
        if (!sentences_[k].terminated || analysis_.units[k].weight < k_min_partial_weight) return std::nullopt;
    if (analysis_.units[last].edges.count == 0) return std::nullopt;  // a closing quote after a quoted sentence: no piece
    // The paragraph it starts over: an earlier line of the page that opens with the line's whole
    // sentences (found by the first one's text, sentences_with_text) or, for a piece alone,
    // with its first token; newest first, at most k_max_occurrences of them (a bound on the
    // work where one set phrase opens many lines).
    std::size_t tried = 0;
    if (whole_count > 0) {
        const std::span<const std::uint32_t> same_text = sentences_with_text(analysis_.units[first].key);
        for (auto at = std::lower_bound(same_text.begin(), same_text.end(), static_cast<std::uint32_t>(first));
             at != same_text.begin() && tried < k_max_occurrences; ++tried)
            if (cut_source_at(l, *--at, whole_count)) return *at;
        return std::nullopt;
    }
    const int first_token = analysis_.units[last].edges.from_start(0);
    const auto openers = line_openers_with_first_token(first_token);
    for (auto at = std::lower_bound(openers.begin(), openers.end(),
                                    std::pair<int, std::uint32_t>{first_token, static_cast<std::uint32_t>(first)});
         at != openers.begin() && tried < k_max_occurrences; ++tried)
        if (cut_source_at(l, (--at)->second, 0)) return at->second;
    return std::nullopt;
}

// Does line `l` start over the line that sentence `p` opens, copying `whole_count` sentences
// whole and stopping inside the next (cut_restart_source's conditions on the source)?
std::optional<std::size_t> DocumentPlanner::cut_source_at(std::uint32_t l, std::size_t p, std::size_t whole_count) const {
    const std::size_t first = lines_[l].first_sentence;
    const std::size_t last = lines_[l].last_sentence - 1;
    const std::uint32_t e = sentences_[p].first_line;
    const Line& earlier = lines_[e];
    if (e >= l || earlier.first_sentence != p || earlier.last_sentence - p <= whole_count) return std::nullopt;
    if (!opens_its_line(p)) return std::nullopt;
    for (std::size_t i = 0; i <= whole_count; ++i) {
        if (kept_here_[p + i] != base_ + p + i || sentences_[p + i].first_line != e) return std::nullopt;
        if (i < whole_count &&
            (sentences_[p + i].last_line != e || analysis_.units[p + i].key != analysis_.units[first + i].key))
            return std::nullopt;
    }
    // The source sentence is prose the copy stops inside: terminated, of k_min_core_weight,
    // on its line (not a title run on into the next line's "45 Min.", which the segmenter
    // joins: a video list printing "Landwirtschaft ohne Chemie? Bauern suchen neue Wege"
    // twice, trafilatura).
    if (!sentences_[p + whole_count].terminated || analysis_.units[p + whole_count].weight < k_min_core_weight ||
        sentences_[p + whole_count].last_line != e)
        return std::nullopt;
    const TokenEdges& cut = analysis_.units[last].edges;
    const TokenEdges& source = analysis_.units[p + whole_count].edges;
    const Shared shared = common_prefix(cut, source);
    // Every token, and fewer than the source's: a differing last word is another answer
    // ("Will there be a toilet on the bus? No." under "... the bus? For journeys of over an
    // hour ...", trafilatura nationalrail), not a word cut in half.
    if (shared.unknown || shared.tokens != cut.count || cut.count >= source.count) return std::nullopt;
    if (whole_count == 0 && !piece_alone_is_cut(analysis_.units[last])) return std::nullopt;
    return p;
}

// The page's sentences that open a line and whose first token is `token`, as (token, sentence)
// pairs in page order; built on the first call, once per page, one allocation.
std::span<const std::pair<int, std::uint32_t>> DocumentPlanner::line_openers_with_first_token(int token) const {
    if (!openers_indexed_) {
        openers_indexed_ = true;
        for (const Line& line : lines_)
            if (!line.blank && line.first_sentence < line.last_sentence && opens_its_line(line.first_sentence))
                openers_by_token_.push_back({analysis_.units[line.first_sentence].edges.from_start(0), line.first_sentence});
        std::sort(openers_by_token_.begin(), openers_by_token_.end());
    }
    const auto by_token = [](const std::pair<int, std::uint32_t>& a, const std::pair<int, std::uint32_t>& b) {
        return a.first < b.first;
    };
    const auto [from, to] = std::equal_range(openers_by_token_.begin(), openers_by_token_.end(),
                                             std::pair<int, std::uint32_t>{token, 0}, by_token);
    return {openers_by_token_.data() + (from - openers_by_token_.begin()), static_cast<std::size_t>(to - from)};
}

// 1c. Restarts cut off mid-sentence (cut_restart_source), after the runs and edited sentences:
// the sentences of the line that those left, as one span naming the source's sentences.
void DocumentPlanner::add_cut_restarts() {
    for (std::uint32_t l = 0; l < lines_.size(); ++l) {
        const std::optional<std::size_t> p = cut_restart_source(l);
        if (!p) continue;
        const std::size_t first = lines_[l].first_sentence;
        const std::size_t last = lines_[l].last_sentence - 1;
        std::size_t from = last;  // the sentences not removed yet: [from, last]
        while (from > first && kept_here_[from - 1] == base_ + from - 1) --from;
        // A run's tail piece may hold the sentence's start already (a paste's end, a piece
        // that step 1 cut back): that run decided it.
        const bool taken = std::any_of(spans_.begin(), spans_.end(), [&](const Span& span) {
            return span.start < sentences_[last].end && sentences_[from].start < span.end;
        });
        if (taken) continue;
        const bool whole_sentence = from < last;
        const Kind kind = whole_sentence ? Kind::duplicate : Kind::near_duplicate;
        if (!enabled(kind)) continue;
        const std::uint64_t source_first = base_ + *p + (from - first);
        const std::uint64_t source_last = base_ + *p + (last - first);
        const UnitLocation begin = matcher_.location(source_first);
        const UnitLocation end = matcher_.location(source_last);
        Span span;
        span.start = sentences_[from].start;
        span.end = sentences_[last].end;
        span.kind = kind;
        span.cluster = cluster_id(matcher_.root(source_first));
        // A piece alone: the share of its source sentence it holds, as a containment match says
        // (its edge tokens read from disk for that only).
        span.similarity = 1.0;
        if (!whole_sentence) {
            const std::optional<TokenEdges> whole = matcher_.edges(source_last);
            if (whole && whole->count > 0)
                span.similarity = static_cast<double>(analysis_.units[last].edges.count) / static_cast<double>(whole->count);
        }
        span.match = whole_sentence ? "exact" : "containment";
        span.source = SourceRef{begin.doc, begin.start, end.end, begin.start_pos, end.end_pos};
        spans_.push_back(std::move(span));
        for (std::size_t k = from; k <= last; ++k) {
            kept_here_[k] = base_ + *p + (k - first);
            removed_as_.emplace_back(k, kept_here_[k]);
        }
    }
}

// The spans of a run judged substantial: one per stretch of the same copied passage, the
// head's and the tail's pieces at its ends.
void DocumentPlanner::add_run_spans(std::size_t i, std::size_t end, const Edge& head, const Edge& tail) {
    std::uint64_t previous_source = UINT64_MAX;  // kept copy of the previous sentence of the run
    std::size_t last_span = SIZE_MAX;             // the span holding sentence end - 1
    for (std::size_t k = i; k < end; ++k) {
        const Kind kind = kind_of(matches_[k].type);
        if (!enabled(kind)) continue;
        // Point at the nearest copy that is kept: the sentence this one was matched with,
        // or, if that was removed too (earlier in this very run), its own kept copy.
        const std::uint64_t kept = kept_copy(matches_[k].direct);
        const UnitLocation& source = matcher_.location(kept);
        kept_here_[k] = kept;
        // The matcher records the kept copy the span names: for a sentence the planner
        // matched itself, or one whose source it moved to another occurrence (a common
        // sentence inside a paste), not the one the matcher found.
        if (found_here_[k] || matches_[k].direct != found_[k].direct) removed_as_.emplace_back(k, kept);
        else removed_sentences_.push_back(k);
        // Extend the previous span when this sentence continues the same copied passage
        // (same kind, same source document, source further on) or repeats the same kept
        // sentence again (a sentence copied many times in a row), with nothing but space
        // between.
        if (!spans_.empty() && previous_source != UINT64_MAX && spans_.back().kind == kind &&
            spans_.back().source && matcher_.location(previous_source).doc == source.doc &&
            (spans_.back().source->end <= source.start || kept == previous_source) &&
            spans_.back().end <= sentences_[k].start) {
            Span& previous = spans_.back();
            previous.end = sentences_[k].end;
            previous.similarity = std::min(previous.similarity, matches_[k].similarity);
            if (kept != previous_source) {
                previous.source->end = source.end;
                previous.source->end_pos = source.end_pos;
            }
            if (previous.match != match_name(matches_[k].type)) previous.match = "mixed";
            previous_source = kept;
            last_span = spans_.size() - 1;
            continue;
        }
        previous_source = kept;
        Span span;
        span.start = sentences_[k].start;
        span.end = sentences_[k].end;
        span.kind = kind;
        span.cluster = cluster_id(matches_[k].source);
        span.similarity = matches_[k].similarity;
        span.match = match_name(matches_[k].type);
        span.source = SourceRef{source.doc, source.start, source.end, source.start_pos, source.end_pos};
        if (k == i && head.tokens > 0) {
            // A piece that is all of its sentence's tokens takes the sentence whole: the
            // punctuation around its tokens ("「...", "...。") is the copy's too.
            if (head.whole) {
                span.start = sentences_[head.sentence].start;
            } else {
                span.head_sentence = static_cast<std::uint32_t>(head.sentence);
                span.head_tokens = head.tokens;
            }
            // The kept copy's range is in whole sentences: it reaches into the source's
            // sentence before, where the piece came from.
            if (head.extends) {
                // The piece continues the sentence before the one this was matched with
                // (`direct`). When that sentence is itself a removed copy, the span points
                // at its kept copy elsewhere, and the piece's source is not beside it:
                // the kept range then stays in whole sentences rather than mixing two
                // places (a source that ends before it starts; `apply` refuses those).
                const UnitLocation& before = matcher_.location(head.source);
                if (before.doc == span.source->doc && before.start <= span.source->start) {
                    span.source->start = before.start;
                    span.source->start_pos = before.start_pos;
                }
            }
        }
        spans_.push_back(std::move(span));
        last_span = spans_.size() - 1;
    }
    if (last_span != SIZE_MAX && tail.tokens > 0) {
        Span& span = spans_[last_span];
        if (tail.whole) {
            span.end = sentences_[tail.sentence].end;
        } else {
            span.tail_sentence = static_cast<std::uint32_t>(tail.sentence);
            span.tail_tokens = tail.tokens;
        }
        if (tail.extends && span.source) {
            // As for the head: only a piece beside the kept copy itself widens its range.
            const UnitLocation& after = matcher_.location(tail.source);
            if (after.doc == span.source->doc && after.end >= span.source->end) {
                span.source->end = after.end;
                span.source->end_pos = after.end_pos;
            }
        }
    }
}

}  // namespace once
