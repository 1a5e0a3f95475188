// run_rules.hpp — the thresholds of the planner's run rules (copy_runs.cpp, paste_ends.cpp,
// inside_paste.cpp): when a run of copied sentences is a copy worth removing, and how far its
// ends reach into the sentences beside it.
//
// Why a header of their own: each value is a question someone will ask later ("why 6?"), so each
// sits with the comment that says where it comes from; split from the files that apply them.
//
// Contract: weights are in weight units (1 per CJK character, 2 per word: config.hpp).
//
//   if (shared.weight >= once::run_rules::k_min_partial_weight && !once::run_rules::same_frame(...))
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "once/match/align.hpp"
#include "once/sign/shingler.hpp"

namespace once::run_rules {

// An edited copy standing alone (no exact sentence in its run) needs config.isolated_similarity,
// and this much more when its weight is below k_short_isolated_weight (15 words, 30 CJK
// characters): there one changed word is often a different fact ("... in Shop A" / "... in Shop
// B"). Both values are the ones tuned on the samples' line oracles when the rule was added.
constexpr std::uint32_t k_short_isolated_weight = 30;
constexpr double k_short_isolated_extra = 0.1;
// ... and it must be a passage of at least this many sentences continuing one source in order.
// One near-duplicate sentence on its own is most often the same template with other facts:
// on the readability pages every one removed was ("Columbus is currently streaming on Hulu"
// for "Princess Cyd is currently streaming on Netflix", "DELETE /storage/..." for "GET
// /storage/..."), and on the generated corpus 9,770 bytes of article text went that way
// ("..., referring to the library renovation." for "..., referring to the annual report.").
// A whole line that is a cut-off piece of its source (all its tokens at the source's start or
// end, align.hpp) needs no second sentence: that is a truncated restart, not a template.
constexpr std::size_t k_min_isolated_sentences = 2;
// Rows of a spec table are a copy only when the run holds more than 1/k_table_copy_den of the
// table's rows (the same product's table printed again), not a few rows two products share.
constexpr std::size_t k_table_copy_den = 2;
// A row of short Chinese or Japanese words separated by spaces (a table's header, "パッケージ ポプコン
// サイズ キーワード 説明"): at least k_min_word_cells cells, none longer than k_max_word_cell_chars
// characters. Such a line weighs as a row of as many words (k_word_cell_weight each, a word's
// weight in a space-separated script), not one unit a character (copy_runs.cpp, word_row_weight).
constexpr std::size_t k_min_word_cells = 3;
constexpr std::size_t k_max_word_cell_chars = 6;
constexpr std::uint32_t k_word_cell_weight = 2;
// Consecutive copied sentences are one passage when their sources are in the same document,
// in order, at most this many sentences apart: an edit may drop a sentence or two.
constexpr std::uint32_t k_max_source_step = 3;
// A copy that begins or ends mid-sentence must share at least this weight with its source's
// sentence there, token by token, for the removal to reach into that sentence: three words or
// six CJK characters. Less is what unrelated sentences share by chance at their ends
// ("...している。", "... he said.").
// The same weight at the sentence's other end means the two sentences share both ends: the same
// frame with something else in the middle ("そんな同氏の画期的な構想がネットで話題となっている。"
// beside "そんな同氏の幸せ発言がネットで話題となっている。", ldcc), an edit, not where a paste
// begins or ends; the piece is then not taken (the sentence is kept whole, or matched whole as an
// edited copy). A line that ends inside its source's next sentence (a cut-off copy: the
// fragment is unterminated and all of it is that sentence's start) needs no weight: nothing of
// the page's own follows it.
constexpr std::uint32_t k_min_partial_weight = 6;
// Where a run already reaches into the sentence at one end, the piece at its other end needs only
// this weight (two words, three CJK characters): a paste that begins mid-sentence ends mid-
// sentence, and a piece of one word or two characters is still as likely chance. On the
// generated corpus most pastes that stayed ended in a piece of 3 to 5 CJK characters.
constexpr std::uint32_t k_min_second_piece_weight = 3;
// Where neither end of a run reaches k_min_partial_weight, pieces at both ends may still be
// taken when together they weigh this much (four words, eight CJK characters): "云计算服务。
// [sentence]环保组织全" (5 + 5) is a paste; "...高まっている。[sentence]同社は..." (3 + 3, two
// set phrases of Japanese news) was chance on the generated corpus.
constexpr std::uint32_t k_min_two_pieces_weight = 8;
// A run that begins or ends inside its source's sentence only by the pieces those rules take
// (the near-matched cut-off sentence, two short pieces, another occurrence) needs whole exact
// sentences of this weight in it (five words, ten CJK characters): on ldcc the runs of shorter
// ones were names and exclamations repeated in quotes or list labels, split at "！" ("超ボス電！",
// "アツいぜ!"), not pastes; the generator's pasted sentences weigh 11 or more.
constexpr std::uint32_t k_min_core_weight = 10;
// A common sentence's later occurrences tried as the source of a paste around it, newest first:
// a bound on the work per sentence (a stock phrase may occur in thousands of pages). On the
// generated corpus the source was always among the newest few.
constexpr std::size_t k_max_occurrences = 32;
// The other end counts as shared from this weight (five words, ten CJK characters): formulaic
// endings ("...している。", "... the company said.") match by chance at the piece's weight, and
// a paste ending in one is still a paste; a frame is longer.
constexpr std::uint32_t k_min_frame_weight = 10;
// An end sentence of a run matched as near copy is cut back to the part it shares with its
// source only when it is not an edited copy of it (a third of it or less edited, as in the
// matcher's alignment extension): then the rest is text of the page's own around a paste.
constexpr double k_piece_edit_share = 1.0 / 3.0;
// ... and also when its far end shares no token with its source's and it runs on for this weight
// past the shared part (three words, six CJK characters: k_min_partial_weight's measure): an
// edited sentence keeps its end, or changes a word there ("...on Tuesday." / "...on Wednesday.",
// "区役所は..." for "市政府は..."); more words of its own, with none of the source's end, are the
// page's words after a paste's last piece ("...walking with a staff, featured [For each edge in
// the netlist:]", readability pages in bench/inject_real.py), which a third of the sentence let
// pass as an edit.
constexpr std::uint32_t k_min_own_words_weight = 6;
// A passage pasted inside a longer paragraph is a copy when it spans this many whole sentences,
// exact and in their source's order (pieces of sentences at its ends are not counted), and weighs
// config.min_length: two sentences copied together are a passage; one short sentence that
// recurs is not. Within one page a piece at an end is required too (see in_document).
constexpr std::size_t k_min_inline_sentences = 2;
// Across pages, a run inside a longer line cut at both ends — the page's sentence all of its
// source's end (or a piece of the sentence before), and a piece of the sentence after that goes
// on with the source's next one: a passage pasted from mid-sentence to mid-sentence — needs only
// this share of config.min_inline_length (40 -> 30: 15 words or 30 CJK characters, the least
// bench/inject_real.py pastes). The pieces joining up across the source's sentence boundary are
// what chance rarely makes; whole sentences repeated across pages are (stock phrases: with the
// share for every run, bench/gen_corpus seed 7 lost 57,820 more bytes of article text). English
// pastes of 15-19 words weigh 30-38: of the 8 English pastes not found at all on inject_real
// seeds 1-3, these were 6 (score_truth.py --missed).
constexpr std::uint32_t k_cross_page_inline_num = 3;
constexpr std::uint32_t k_cross_page_inline_den = 4;
constexpr std::uint32_t cross_page_inline_weight(int min_inline_length) {
    return static_cast<std::uint32_t>(min_inline_length) * k_cross_page_inline_num / k_cross_page_inline_den;
}

// A run's first sentence may anchor a piece of the sentence before it that ends as a sentence
// up to this many sentences before its source does: the copy lacks what its source has between
// them. A restart glued into one line is the article as first written; the page's first copy
// may have gained a passage since (an inserted paragraph, a paste), and the glued line's first
// sentence (URL, date, headline and lead run together) then continues the source's lead, which
// is no longer right before the first sentence matched. On the real-text bench
// (bench/inject_real.py) the inserted passages span one to four sentences. Likewise two copied
// sentences are one run across that many of their source's sentences when the gap begins or
// ends inside a source sentence (copy_runs.cpp, continues_run): the mark of a passage inserted there.
constexpr std::uint32_t k_max_dropped_sentences = 6;

// Do a copy's sentence and its source's share their other end too (k_min_frame_weight), beyond
// the `piece` they share at one end (`at_end`: the piece is the sentences' ends)? Then they are
// the same frame with other words inside, and the piece is not where a paste begins or ends.
inline bool same_frame(const TokenEdges& copy, const TokenEdges& source, const Shared& piece, bool at_end) {
    if (piece.tokens >= copy.count) return false;  // all of it shared: there is no other end
    const Shared far = at_end ? common_prefix(copy, source) : common_suffix(copy, source);
    return far.weight >= k_min_frame_weight && far.tokens + piece.tokens < copy.count;
}

// Do a copy's sentence and its source's each go on beyond the `piece` they share at one end
// (`at_end`: the piece is the sentences' ends) by less than k_min_partial_weight, a word or two
// at most? Then the two are one sentence with its other edge edited ("Luggage is [to be stowed
// beneath in case of a coach.]" for "Luggage [to be stowed beneath in the case of a coach.]",
// "[15. Juni 2008 um 12]:51" for "...um 12:39", trafilatura pages), not a paste that begins or
// ends there: a paste leaves the page's own words on one side, and what it would leave here is a
// fragment ("Luggage is", ":51"). The sentence is kept whole, or matched whole as an edited copy.
inline bool edited_edge(const TokenEdges& copy, const TokenEdges& source, const Shared& piece, bool at_end) {
    if (piece.unknown || piece.tokens >= copy.count) return false;
    // The weight of the `n` tokens at the edge opposite the piece, or none if one is not held.
    const auto rest_weight = [at_end](const TokenEdges& edges, std::size_t n) -> std::optional<std::uint32_t> {
        std::uint32_t weight = 0;
        for (std::size_t t = 0; t < n; ++t) {
            const int token = at_end ? edges.from_start(t) : edges.from_end(t);
            if (token < 0) return std::nullopt;
            weight += token_edge_weight(token);
        }
        return weight;
    };
    const std::size_t source_rest = source.count > piece.source_tokens ? source.count - piece.source_tokens : 0;
    // Both go on (a piece that is all of its source's sentence, with words of the page's before
    // it, is that sentence printed again after them: a headline repeated on one line), by fewer
    // tokens than the weight allows (each token weighs one unit at least).
    if (source_rest == 0 || copy.count - piece.tokens > k_min_partial_weight || source_rest > k_min_partial_weight)
        return false;
    const auto copy_weight = rest_weight(copy, copy.count - piece.tokens);
    const auto source_weight = rest_weight(source, source_rest);
    return copy_weight && source_weight && *copy_weight < k_min_partial_weight &&
           *source_weight < k_min_partial_weight;
}

}  // namespace once::run_rules
