// own_text_runs.cpp — step 1 of planning a document (document_planner.hpp, copy_runs.cpp): runs
// that read as copies by their matches but are the page's own text, and stay. Another page's
// data rows whose values coincide with this page's in part are this page's facts; a page that
// restates its own paragraph in other words (captions under it) has copied nothing; a listing
// that repeats some lines of an earlier listing of its page is a new listing. Issue 11: never
// lose a fact or article text.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "once/match/align.hpp"
#include "once/plan/document_planner.hpp"
#include "once/plan/run_rules.hpp"
#include "once/sign/shingler.hpp"

namespace once {

using namespace run_rules;

// Are sentences [i, end), whole lines, data rows ("key: value", UnitRecord::data_like) of this
// page whose kept copy is on another page, one of them at least a near copy (its value differs
// from its source's or is a cut piece of it: "営業時間:11:00-21:00" for "営業時間：11:00〜21:00
// （月〜土）/11:00〜20:00（日・祝）")? Then they are this page's facts that coincide with another
// page's in part (two shops' hours and closing days, livedoor HOMME), not a block of rows copied:
// a copy prints the rows as they were. Issue 11: differing facts are content.
bool DocumentPlanner::data_rows_of_another_page(std::size_t i, std::size_t end) const {
    bool near = false;
    for (std::size_t k = i; k < end; ++k) {
        if (!analysis_.units[k].data_like || matcher_.location(matches_[k].direct).doc == doc_) return false;
        near = near || matches_[k].type != MatchType::exact;
    }
    return near;
}

// Does run [i, end) hold a near copy by containment that is neither a piece cut from its
// source's start or end nor its source with a few words edited (align.hpp: is_cut_piece,
// edited_copy at k_piece_edit_share), but the source's words in another order, others dropped?
// The bands find containment on shingles alone; the matcher's alignment extension asks the
// same of the neighbours it adds (match_batch.cpp). For a run standing alone (no exact sentence
// in it) within one page, that is the page restating itself, not a copy: screenshots' captions
// under the paragraph that walks through them ("画面2　ファイルをタスクバーにドラッグ＆ドロップ
// する。" for "ファイルをタスクバーにドラッグし、［●●に表示する］と表示されたらドロップする（画面2）。",
// ITライフハック). Across pages the same test would keep press texts reused with a clause
// dropped and the page's own words after the shared start (ldcc movie-enter): copies.
bool DocumentPlanner::contained_in_other_words(std::size_t i, std::size_t end) const {
    for (std::size_t k = i; k < end; ++k)
        if (matcher_.location(matches_[k].direct).doc != doc_) return false;
    for (std::size_t k = i; k < end; ++k) {
        if (matches_[k].type != MatchType::containment) continue;
        const std::optional<TokenEdges> source = matcher_.edges(matches_[k].direct);
        if (!source) continue;
        const TokenEdges& copy = analysis_.units[k].edges;
        if (!is_cut_piece(copy, *source) && !edited_copy(copy, *source, k_piece_edit_share)) return true;
    }
    return false;
}

// Is line l a row of a code listing (the judge's rule `listing`, judge/code_listing.hpp)?
bool DocumentPlanner::listing_row(std::size_t l) const {
    return verdicts_[l].role == LineRole::text && verdicts_[l].rule == ShapeRule::listing;
}

// Are lines [first, last] all rows of listings (blank lines between them allowed)?
bool DocumentPlanner::listing_rows(std::uint32_t first, std::uint32_t last) const {
    for (std::uint32_t l = first; l <= last; ++l)
        if (!lines_[l].blank && !listing_row(l)) return false;
    return true;
}

// Is run [i, end), copied from this page, part of a code listing the page builds up rather than
// a copy: its lines [from, to) and its source's lines rows of listings, and the run's listing
// going on beyond it (the nearest line that is not blank above or below the run a row too, not
// one of the source's: a listing printed twice in a row is a copy)? A tutorial's next query
// repeats lines of the one before ("with series as (\nselect *", "from\nseries", "order by
// period desc;"), an RFC's next request or response repeats header rows of the one before
// ("host: 3pp.io:4439", "http/1.1 200 ok"), a shell session prints the same command or output
// again: removed, they left broken SQL and HTTP examples (readability's toc-missing and ietf-1:
// 52% of the content that every kind lost). A listing printed again whole, or a restart that
// takes prose around a listing with it, is no part of a larger listing and still goes; so do
// menus and paragraphs, which are no listing.
bool DocumentPlanner::part_of_a_listing(std::size_t i, std::size_t end, std::size_t from, std::size_t to) const {
    std::uint32_t source_first = UINT32_MAX, source_last = 0;
    for (std::size_t k = i; k < end; ++k) {
        const UnitLocation& source = matcher_.location(matches_[k].direct);
        if (source.doc != doc_) return false;
        const Sentence& kept = sentences_[source.sentence];
        if (!listing_rows(kept.first_line, kept.last_line)) return false;
        source_first = std::min(source_first, kept.first_line);
        source_last = std::max(source_last, kept.last_line);
    }
    const std::uint32_t first = sentences_[from].first_line;
    const std::uint32_t last = sentences_[to - 1].last_line;
    if (!listing_rows(first, last)) return false;
    const auto row_beside = [&](std::int64_t l, int step) {
        for (; l >= 0 && static_cast<std::size_t>(l) < lines_.size(); l += step) {
            const auto at = static_cast<std::size_t>(l);
            if (!lines_[at].blank) return listing_row(at) && (at < source_first || at > source_last);
        }
        return false;
    };
    return row_beside(static_cast<std::int64_t>(first) - 1, -1) || row_beside(static_cast<std::int64_t>(last) + 1, 1);
}

}  // namespace once
