// edited_copies.cpp — step 1b of planning a document (document_planner.hpp): a sentence between
// copies that step 1 removed, differing from its source's sentence there in one stretch of
// words, removed as an edited copy (match "edited").
//
// Why: a paragraph copied again with one phrase swapped ("The football club launched [the
// city's climate plan]." for "... [a ban on single-use plastics].", the rest of the paragraph
// exact) leaves that sentence behind: its shingles share too little with the source's for the
// bands or --run-similarity (a swapped object of four words in a sentence of eight is a Jaccard
// near 0.3). The context says what the shingles cannot: the sentences around it are exact copies
// of the sentences around its source's, in order, so it stands where its source stood.
//
// What keeps news (issue 11, items 4 and the updated story): the facts must agree (numbers, day
// and month names: "has been unveiled" for "will be unveiled on Tuesday" stays; within one page a
// sentence with no fact of its own only drops one, and goes), the two may
// differ in one stretch only (a sentence rewritten in two places stays), the common start and
// end hold --run-frame-share of each, both neighbours are exact copies of the source's neighbours
// (at a paragraph's edge, the rest of the paragraph, copied whole from one paragraph of the
// source), and those neighbours were removed by step 1 on their own: the edited sentence never
// makes a run worth removing, it only goes with one.
#include <algorithm>
#include <optional>
#include <span>

#include "once/match/align.hpp"
#include "once/plan/document_planner.hpp"
#include "once/plan/run_rules.hpp"

namespace once {

using namespace run_rules;

// Did step 1 remove sentence j whole, as an exact copy?
bool DocumentPlanner::removed_exact(std::size_t j) const {
    return matches_[j].type == MatchType::exact && kept_here_[j] != base_ + j;
}

// Is the text of sentence j, removed as an exact copy, found nowhere before this page but at its
// source: not a stock sentence that many pages repeat? A sentence between stock sentences that
// differs from another page's in one stretch is that template with another fact (ldcc: a
// series' opening "「[今日はバレンタインデー！]Googleロゴが…」で紹介したように、Googleはたまにトッ
// プページのロゴを変える。" with each article's own link; "そんな同氏の[格言的な発言]がネットで話題
// となっている。"), not a passage copied and edited.
bool DocumentPlanner::copied_once(std::size_t j) const {
    const std::uint64_t direct = matches_[j].direct;
    if (matcher_.root(direct) != direct) return false;
    bool elsewhere = false;
    matcher_.later_occurrences(direct, 2, [&](std::uint64_t other) { return elsewhere = other < base_; });
    return !elsewhere;
}

// The source sentence `k` stands in for, when the sentences beside it were removed as exact
// copies of the sentences beside that source, in order: the one before and the one after
// (`direct` of k - 1 plus one is `direct` of k + 1 minus one); or, at a paragraph's edge, every
// other sentence of k's line, the source's line holding the same sentences and no more (a
// paragraph copied whole, one sentence edited: not a passage pasted into a longer paragraph,
// which may end inside a sentence of the page's own).
std::optional<DocumentPlanner::GapSource> DocumentPlanner::run_gap_source(std::size_t k) const {
    const std::size_t n = sentences_.size();
    // Sentence j's source, when j was removed as an exact copy and its source is `offset` away
    // from `source` in one document.
    const auto continues = [&](std::size_t j, std::uint64_t source, std::int64_t offset, bool matched_only) {
        if (matched_only ? matches_[j].type != MatchType::exact : !removed_exact(j)) return false;
        const std::uint64_t direct = matches_[j].direct;
        if (direct != source + static_cast<std::uint64_t>(offset)) return false;
        const UnitLocation there = matcher_.location(direct);
        const UnitLocation here = matcher_.location(source);
        return there.doc == here.doc &&
               static_cast<std::int64_t>(there.sentence) == static_cast<std::int64_t>(here.sentence) + offset;
    };
    if (k > 0 && k + 1 < n && removed_exact(k - 1)) {
        const std::uint64_t source = matches_[k - 1].direct + 1;
        if (continues(k + 1, source, +1, false) && continues(k - 1, source, -1, false) &&
            (copied_once(k - 1) || copied_once(k + 1)))
            return GapSource{source, false};
    }
    const Sentence& sentence = sentences_[k];
    if (sentence.first_line != sentence.last_line) return std::nullopt;
    const Line& line = lines_[sentence.first_line];
    if (line.last_sentence - line.first_sentence < 2) return std::nullopt;
    const std::size_t beside = k > line.first_sentence ? k - 1 : k + 1;
    if (matches_[beside].type != MatchType::exact || sentences_[beside].first_line != sentence.first_line ||
        sentences_[beside].last_line != sentence.first_line)
        return std::nullopt;
    // A source before the first sentence of all, or one that would start before it, is none (a
    // page repeating its first sentence: `direct` 0).
    if (beside > k && matches_[beside].direct == 0) return std::nullopt;
    const std::uint64_t source = beside < k ? matches_[beside].direct + 1 : matches_[beside].direct - 1;
    if (source < k - line.first_sentence) return std::nullopt;
    bool any_once = false;
    bool all_removed = true;
    bool all_prose = true;
    for (std::size_t j = line.first_sentence; j < line.last_sentence; ++j) {
        if (j == k) continue;
        if (!continues(j, source, static_cast<std::int64_t>(j) - static_cast<std::int64_t>(k), true))
            return std::nullopt;
        any_once = any_once || copied_once(j);
        all_removed = all_removed && removed_exact(j);
        // Not removed by step 1, the paragraph's sentences are prose too: a reference entry's
        // fields ("New Zealand History. ... August 2008. Retrieved 11 January 2011.") around
        // another title are the page's set phrases (readability wikipedia-2), not a copy.
        if (!removed_exact(j) && (!sentences_[j].terminated || analysis_.units[j].weight < k_min_core_weight))
            all_prose = false;
    }
    if (!any_once || (!all_removed && !all_prose)) return std::nullopt;
    // ... and within one page: across pages a paragraph whose sentences recur around one that
    // differs at its edge is a series' template with each article's own fact ("孫正義氏は、Twitter
    // を通じて活発な発言をしている。そんな同氏の[幸せ]発言がネットで話題となっている。" for "…[格言的
    // な]発言が…", ldcc; planner_copies_test: the same frame beside a copy stays whole).
    if (matcher_.location(source).doc != doc_ || !repeated_once_in_page(k)) return std::nullopt;
    // The source's paragraph: its first sentence opens its line, its last closes it, one line.
    const std::uint64_t first = source - (k - line.first_sentence);
    const std::uint64_t last = source + (line.last_sentence - 1 - k);
    const UnitLocation opening = matcher_.location(first);
    const UnitLocation closing = matcher_.location(last);
    if (opening.doc != closing.doc || opening.start_pos.line != closing.end_pos.line) return std::nullopt;
    if (opening.sentence > 0 && matcher_.location(first - 1).end_pos.line == opening.start_pos.line) return std::nullopt;
    const UnitLocation after = matcher_.location(last + 1);  // last + 1 < base_ + n: a source comes first
    if (after.doc == closing.doc && after.sentence > 0 && after.start_pos.line == closing.end_pos.line)
        return std::nullopt;
    return GapSource{source, !all_removed};
}

// The page's sentences with this text (UnitRecord::key), in page order; empty for none or key
// 0. The index of the page's sentences by text is built on the first call, once per page: the
// pairs (text, sentence) sorted, one allocation, where a hash map of vectors took one per
// sentence (malloc was 4% of planning, callgrind on 25 MB).
std::span<const std::uint32_t> DocumentPlanner::sentences_with_text(std::uint64_t key) const {
    if (key == 0) return {};
    if (!texts_indexed_) {
        texts_indexed_ = true;
        for (std::size_t i = 0; i < sentences_.size(); ++i)
            if (analysis_.units[i].key != 0) sentences_by_text_.push_back({analysis_.units[i].key, static_cast<std::uint32_t>(i)});
        std::sort(sentences_by_text_.begin(), sentences_by_text_.end());
        sentence_of_text_.resize(sentences_by_text_.size());
        for (std::size_t i = 0; i < sentences_by_text_.size(); ++i) sentence_of_text_[i] = sentences_by_text_[i].second;
    }
    const auto [from, to] = std::equal_range(sentences_by_text_.begin(), sentences_by_text_.end(), key,
                                             TextOrder{});
    return {sentence_of_text_.data() + (from - sentences_by_text_.begin()), static_cast<std::size_t>(to - from)};
}

// The other sentence of this page with sentence j's text, when the page prints it twice only.
std::optional<std::size_t> DocumentPlanner::other_occurrence(std::size_t j) const {
    const std::span<const std::uint32_t> same = sentences_with_text(analysis_.units[j].key);
    if (same.size() != 2) return std::nullopt;
    return same[0] == j ? same[1] : same[0];
}

// Is one of the other sentences of k's line printed in this page twice only (here and at the
// source)? A set phrase that closes each of a page's parallel sections ("This doesn't affect
// other types of passes." after each setting of a game, whose lines for the "user" and the "CPU"
// team differ in one word, trafilatura fifplay; "Arbeiten lt. Arbeitsanweiungen/ Lehrmaterial"
// after each row of a syllabus) makes those sections a template with a fact each, not a copy.
bool DocumentPlanner::repeated_once_in_page(std::size_t k) const {
    const Line& line = lines_[sentences_[k].first_line];
    for (std::size_t j = line.first_sentence; j < line.last_sentence; ++j)
        if (j != k && other_occurrence(j)) return true;
    return false;
}

// The source sentence `k` stands in for when its line repeats an earlier line of this page
// sentence for sentence, the same text but k's: found by the sentences' text, not by where the
// matcher found them. A paragraph's other sentences are often stock ones that other pages print
// too ("The response has been overwhelming!", "专家指出，安全始终是第一位的。"): the matcher names
// their first occurrence on another page, so run_gap_source, which follows `direct`, does not see
// that the page printed this paragraph before. Within one page only (across pages a paragraph
// of stock sentences around another fact is a series' template, copied_once), the other
// sentences matched exact, and prose when step 1 left them (as run_gap_source asks). Its other
// sentences may be printed more than twice when every other occurrence is that same source
// paragraph printed again, word for word (printed whole twice and once edited: generator
// word_changed, seed 3); a set phrase closing parallel sections stands in lines that differ.
std::optional<DocumentPlanner::GapSource> DocumentPlanner::page_paragraph_source(std::size_t k) const {
    const Sentence& sentence = sentences_[k];
    if (sentence.first_line != sentence.last_line) return std::nullopt;
    const std::uint32_t l = sentence.first_line;
    const Line& line = lines_[l];
    const std::size_t first = line.first_sentence;
    const std::size_t count = line.last_sentence - first;
    // Does sentence p open a line of `count` sentences, all on that line?
    const auto opens_paragraph = [&](std::size_t p) {
        const std::uint32_t e = sentences_[p].first_line;
        const Line& earlier = lines_[e];
        return earlier.first_sentence == p && earlier.last_sentence - p == count &&
               opens_its_line(p) && sentences_[p + count - 1].last_line == e;
    };
    if (count < 2 || !opens_paragraph(first)) return std::nullopt;
    bool all_removed = true;
    bool all_prose = true;
    for (std::size_t j = first; j < first + count; ++j) {
        if (j == k) continue;
        if (matches_[j].type != MatchType::exact || sentences_[j].first_line != l) return std::nullopt;
        all_removed = all_removed && removed_exact(j);
        if (!removed_exact(j) && (!sentences_[j].terminated || analysis_.units[j].weight < k_min_core_weight))
            all_prose = false;
    }
    if (!all_removed && !all_prose) return std::nullopt;
    // The earlier paragraph: found from one of the other sentences printed in this page twice
    // only (repeated_once_in_page), whose other occurrence stands where this one stands; or
    // printed more often, when every other occurrence stands in that same paragraph printed
    // again, word for word (a paragraph printed whole twice and once edited: not a set phrase
    // closing parallel sections, whose lines differ).
    for (std::size_t j = first; j < first + count; ++j) {
        if (j == k) continue;
        const std::span<const std::uint32_t> same_text = sentences_with_text(analysis_.units[j].key);
        if (same_text.size() < 2 || same_text.size() > k_max_occurrences) continue;
        const auto at = std::lower_bound(same_text.begin(), same_text.end(), static_cast<std::uint32_t>(j));
        if (at == same_text.begin()) continue;
        const std::size_t q = *(at - 1);  // the nearest earlier occurrence
        if (q < j - first) continue;
        const std::size_t p = q - (j - first);
        if (!opens_paragraph(p)) continue;
        bool same = analysis_.units[p + (k - first)].key != analysis_.units[k].key;
        for (std::size_t i = 0; i < count && same; ++i)
            if (first + i != k) same = analysis_.units[p + i].key == analysis_.units[first + i].key;
        for (const std::uint32_t o : same_text) {
            if (!same || o == j || o == q) continue;
            const std::size_t r = o - (j - first);
            same = o >= j - first && opens_paragraph(r);
            for (std::size_t i = 0; i < count && same; ++i) same = analysis_.units[r + i].key == analysis_.units[p + i].key;
        }
        if (same) return GapSource{base_ + p + (k - first), !all_removed};
    }
    return std::nullopt;
}

// 1b. Edited sentences inside copied runs, once step 1 has removed the runs.
void DocumentPlanner::add_edited_sentences() {
    // Each share turns its own case off (one_stretch_edited never holds above 1): with
    // --run-frame-share off, a factless edit within one page still goes by --restart-frame-share.
    if ((config_.run_frame_share > 1.0 && config_.restart_frame_share > 1.0) || !enabled(Kind::near_duplicate))
        return;
    for (std::size_t k = 0; k < sentences_.size(); ++k) {
        // Not a sentence removed already, nor one that is not the article's text; a piece of it
        // taken by a run beside it (a paste's end, as it looked) is taken whole now.
        if (kept_here_[k] != base_ + k || held_[k] || on_title(k) || protected_sentence(k)) continue;
        bool text = true;
        for (std::uint32_t l = sentences_[k].first_line; l <= sentences_[k].last_line; ++l)
            text = text && verdicts_[l].role == LineRole::text;
        if (!text) continue;
        // Prose only: a sentence that ends in a terminator and weighs five words or ten CJK
        // characters. Lines between copies that are not (a consent list's "Ablehnen des Dienstes
        // Youtube" under "... Facebook Pixel", a formula's "A is denoted as" for "A is denoted
        // by", a query's "(n - series_avg) / ..." for "(n - series_mean) / ...": trafilatura and
        // readability pages) are a list's or a code block's own items, not an edited paragraph.
        if (!sentences_[k].terminated || analysis_.units[k].weight < k_min_core_weight) continue;
        std::optional<GapSource> gap = run_gap_source(k);
        if (!gap) gap = page_paragraph_source(k);
        if (!gap) continue;
        const std::uint64_t source = gap->source;
        // Within one page (its source earlier on the same page: the page repeating a paragraph,
        // or the article starting over), a sentence whose edit holds no fact of its own drops one
        // at most ("a hiring freeze" for "the plan to close 3 branches"): it tells nothing the
        // page does not say, so its source's facts need not agree, and --restart-frame-share
        // (below --run-frame-share) holds its frame. A sentence with a fact of its own stays:
        // parallel sections of one page name each its own ("T-01A" / "dynapocket T-01B" in
        // ldcc's smax notes, "画像1" / "画像5" captions), and so does every sentence across pages.
        const bool within_page = matcher_.location(source).doc == doc_;
        const UnitRecord& unit = analysis_.units[k];
        // No fact of its own: no number at all, or only numbers its source holds too ("will be
        // reviewed in 2015" for "The plan to close 17 branches will be reviewed in 2015"); the
        // edit then only drops one. Compared exactly (page_facts, both on this page), not by the
        // Bloom masks, through which a new number passed for one of the source's by chance.
        const std::uint64_t own_facts = unit.page_facts;
        const bool factless_restart = within_page && (own_facts & k_page_fact_beyond) == 0 &&
                                      (own_facts & ~analysis_.units[source - base_].page_facts) == 0;
        if (factless_restart ? !matcher_.may_source(source, unit.bulleted) : !matcher_.same_facts(source, unit))
            continue;
        const std::optional<TokenEdges> edges = matcher_.edges(source);
        const TokenEdges& copy = unit.edges;
        const double frame_share = factless_restart ? config_.restart_frame_share : config_.run_frame_share;
        if (!edges || !one_stretch_edited(copy, *edges, frame_share)) continue;
        const Shared start = common_prefix(copy, *edges);
        const Shared end = common_suffix(copy, *edges);
        // The frame kept around the edit weighs what a piece of a paste must (three words, six
        // CJK characters): "April 2009" around another name is a reference entry's template.
        if (start.weight + end.weight < k_min_partial_weight) continue;
        // A paragraph repeated whole but for this sentence, its exact sentences not removed on
        // their own (inside a line of its page, a copy needs --min-inline-length): they go
        // together when what the two paragraphs share weighs what a copied line must
        // (--min-length): the exact sentences and this one's frame around the edit. A light
        // sentence beside the edited one ("The line stretched around the block!", 12) is no line
        // of its own, but the paragraph printed again is ("The court pushed back against [...]
        // without giving a reason." around it, generator word_changed, seed 7).
        if (gap->whole_paragraph) {
            const Line& line = lines_[sentences_[k].first_line];
            std::uint32_t weight = start.weight + end.weight;
            for (std::size_t j = line.first_sentence; j < line.last_sentence; ++j)
                weight += j == k ? 0 : analysis_.units[j].weight;
            if (weight < static_cast<std::uint32_t>(config_.min_length)) continue;
            for (std::size_t j = line.first_sentence; j < line.last_sentence;) {
                std::size_t end = j;
                while (end < line.last_sentence && end != k && !removed_exact(end)) ++end;
                if (end > j) add_run_spans(j, end, Edge{}, Edge{});
                j = std::max(end, j + 1);
            }
        }
        const std::size_t longer = std::max<std::size_t>(copy.count, edges->count);
        const std::uint64_t kept = kept_copy(source);
        const UnitLocation where = matcher_.location(kept);
        Span span;
        span.start = sentences_[k].start;
        span.end = sentences_[k].end;
        span.kind = Kind::near_duplicate;
        span.cluster = cluster_id(matcher_.root(source));
        // The share of the longer sentence's tokens the two hold in common at their ends.
        span.similarity =
            static_cast<double>(std::min<std::size_t>(start.tokens + end.tokens, longer)) / static_cast<double>(longer);
        span.match = "edited";
        span.source = SourceRef{where.doc, where.start, where.end, where.start_pos, where.end_pos};
        spans_.push_back(std::move(span));
        kept_here_[k] = kept;
        removed_as_.emplace_back(k, kept);
    }
}

}  // namespace once
