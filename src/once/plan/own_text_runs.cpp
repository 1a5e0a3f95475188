// own_text_runs.cpp — step 1 of planning a document (document_planner.hpp, copy_runs.cpp): runs
// that read as copies by their matches but are the page's own text, and stay. Another page's
// data rows whose values coincide with this page's in part are this page's facts; a page that
// restates its own paragraph in other words (captions under it) has copied nothing. Issue 11:
// never lose a fact or article text.
#include <cstddef>
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

}  // namespace once
