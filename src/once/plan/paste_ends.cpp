// paste_ends.cpp — where a run of copied sentences begins and ends inside the sentences beside
// it (document_planner.hpp): the piece of the page's sentence that continues its source's
// sentence before (after) the one matched, read token by token (align.hpp) and on across the
// source's sentences (source_reach.hpp), and the edited end sentence cut back to the part it
// shares. A paste begins and ends mid-sentence; these pieces are its first and last bytes.
#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "once/judge/line_chars.hpp"
#include "once/match/align.hpp"
#include "once/plan/document_planner.hpp"
#include "once/plan/run_rules.hpp"
#include "once/plan/source_reach.hpp"
#include "once/sign/shingler.hpp"

namespace once {

using namespace run_rules;

// The id of the sentence `step` away from global sentence `id` in its document, if it comes
// before this document's sentence `piece` (it may then be its source, if the matcher holds its
// edges).
std::optional<std::uint64_t> DocumentPlanner::sentence_beside(std::uint64_t id, int step, std::size_t piece) const {
    if (step < 0 && id == 0) return std::nullopt;
    const std::uint64_t other = step < 0 ? id - 1 : id + 1;
    if (other >= matcher_.document_base() + piece) return std::nullopt;
    // Sentence ids run on through each document (matcher.hpp): the two are neighbours in one
    // document unless the later one opens its document. One test, not two: this is asked on
    // every step of the walks across a source's sentences.
    if (matcher_.opens_document(std::max(id, other))) return std::nullopt;
    return other;
}

// The edge tokens of sentence_beside, if it may be a source of sentence `piece`.
std::optional<TokenEdges> DocumentPlanner::source_beside(std::uint64_t id, int step, std::size_t piece) const {
    const std::optional<std::uint64_t> other = sentence_beside(id, step, piece);
    if (!other) return std::nullopt;
    return matcher_.edges(*other);
}

// Is near-matched sentence k all of its source's end (`at_end`) or start, and shorter: a
// piece where a paste begins (ends) inside the source's sentence?
bool DocumentPlanner::cut_at(std::size_t k, bool at_end) const {
    if (matches_[k].type == MatchType::exact || matches_[k].type == MatchType::none) return false;
    const std::optional<TokenEdges> source = matcher_.edges(matches_[k].direct);
    if (!source) return false;
    const TokenEdges& copy = analysis_.units[k].edges;
    const Shared shared = at_end ? common_suffix(copy, *source) : common_prefix(copy, *source);
    if (shared.unknown || copy.count >= source->count) return false;
    if (shared.tokens == copy.count) return true;
    // A paste that begins (ends) inside a word: its first (last) token is a piece of the
    // source's word there ("[T SEOUL 2010」認知拡大を...]" from "「VISIT SEOUL 2010」...").
    const std::size_t cut = copy.count - 1;  // that token, counted from the piece's other end
    return shared.tokens == cut && (at_end ? word_from_end(copy, cut) && word_from_end(*source, cut)
                                           : word_from_start(copy, cut) && word_from_start(*source, cut));
}

// Does the run's last sentence `k` anchor a piece of the sentence after it: an exact copy, or
// a near one that is all of its source's end (a cut piece), so that the two pieces read token
// by token as one stretch of the source across its sentence boundary — a paste that holds no
// whole sentence ("[...参加することになっている。][また、つい先日]..." from "...大会に参加する
// ことになっている。また、つい先日、..."; on real text a quarter of the pastes, nearly none
// found before: bench/inject_real.py). The run still needs its weight (min_inline_length
// inside a line). Only at the tail: a cut piece of its source's start anchoring the sentence
// before took half of an edited caption printed twice (readability guardian-1), where the
// paste it would find ends at a sentence end, which is rare.
bool DocumentPlanner::anchors_tail(std::size_t k) const {
    return matches_[k].type == MatchType::exact ||
           (cut_at(k, true) && (analysis_.units[k].weight >= k_min_core_weight || found_here_[k])) ||
           inside_here_[k];
}

// A piece that is all of its source's sentence goes on into the source's next (`step` +1) or
// previous (-1) sentence, and so on, as far as the copy's sentence continues them token by
// token: a restart glued into one line runs its source's lines together ("URL日付見出し本文の
// 第一文。" is one sentence of the copy, four of the source), and a paste may hold the end of
// one sentence, a short one whole, and the start of the next. Each further piece weighs
// k_min_second_piece_weight, or ends the copy's sentence (one shared token is chance).
// Where Latin lines are glued without a space, the last word of one and the first of the
// next are one token of the copy ("IS12SXperia", "+0900KDDI"): a piece that is all of its
// source's sentence but its last word, followed by a word of the copy, goes on the same way
// from the next sentence's second token, the copy's word standing for the two.
// (Reach: source_reach.hpp.)
Reach DocumentPlanner::go_on(const TokenEdges& copy, Shared shared, const TokenEdges& source, std::uint64_t id,
                             int step, std::size_t piece) const {
    Reach reach{shared, id, false, false, 0, source};
    const auto word = [step](const TokenEdges& e, std::size_t t) {
        return step > 0 ? word_from_start(e, t) : word_from_end(e, t);
    };
    TokenEdges current = source;
    std::size_t current_done = shared.source_tokens;  // tokens of `current` the piece holds
    while (!shared.unknown && reach.shared.tokens < copy.count) {
        // 1: the copy's next token is the current sentence's last word glued to the next one's first.
        std::size_t glue = 0;
        if (current_done + 1 == current.count && reach.shared.tokens + 1 < copy.count &&
            word(copy, reach.shared.tokens) && word(current, current_done))
            glue = 1;
        else if (current_done != current.count)
            break;
        const std::optional<TokenEdges> further = source_beside(reach.source, step, piece);
        if (!further || (glue == 1 && !word(*further, 0))) break;
        shared = step > 0 ? aligned_prefix_from(copy, reach.shared.tokens + glue, *further, glue)
                          : aligned_suffix_from(copy, reach.shared.tokens + glue, *further, glue);
        // A short line whose first word the copy holds glued to the word before it ("Black"
        // of "Presious Black" before "...WhitePresious Black・..." read backwards) weighs
        // that word too.
        const std::size_t after_piece = reach.shared.tokens + glue + shared.tokens;
        const bool glued_on = !shared.unknown && shared.source_tokens + 1 == further->count &&
                              after_piece + 1 < copy.count && word(copy, after_piece) &&
                              word(*further, shared.source_tokens);
        if (shared.tokens == 0 ||
            (shared.weight + (glued_on ? token_edge_weight(0) : 0) < k_min_second_piece_weight &&
             after_piece < copy.count))
            break;
        reach.shared.tokens += static_cast<std::uint32_t>(glue) + shared.tokens;
        reach.shared.weight += (glue == 1 ? token_edge_weight(0) : 0) + shared.weight;
        reach.shared.unknown = shared.unknown;
        reach.source = step > 0 ? reach.source + 1 : reach.source - 1;
        reach.more = true;
        current = *further;
        current_done = glue + shared.source_tokens;
    }
    reach.source_whole = !shared.unknown && current_done == current.count;
    reach.source_done = static_cast<std::uint32_t>(current_done);
    reach.current = current;
    return reach;
}

// The piece of this document's sentence `k` that continues the sentence `step` away from
// source sentence `id` (-1: `k` ends as the one before ends; +1: it starts as the one after
// starts), going on across the source's sentences (go_on), when it weighs `min_weight`.
// `weight`: what the run's pieces beside it weigh already. Second: the piece holds its last
// source sentence whole, so the copy's sentence beyond `k` may go on with the one beyond it.
std::optional<DocumentPlanner::Piece> DocumentPlanner::piece_beside(std::size_t k, std::uint64_t id, int step,
                                                                   std::uint32_t min_weight, std::uint32_t weight) const {
    const std::optional<std::uint64_t> beside_id = sentence_beside(id, step, k);
    const std::optional<EdgeEnds> ends = beside_id ? matcher_.edge_ends(*beside_id) : std::nullopt;
    if (!ends) return std::nullopt;
    const TokenEdges& copy = analysis_.units[k].edges;
    // Where the first tokens read differ, the alignment below shares nothing and the walk does
    // not start (align.hpp, may_share_edge): no piece of any weight. Tested from memory, before
    // the source's edge tokens are read from disk (edge_store.hpp).
    if (min_weight > 0 && !may_share_edge(copy, *ends, step)) return std::nullopt;
    const std::optional<TokenEdges> source = matcher_.edges(*beside_id);
    const Shared shared = step < 0 ? aligned_suffix_from(copy, 0, *source, 0) : aligned_prefix_from(copy, 0, *source, 0);
    // A cut-off copy: the line ends inside the source's next sentence.
    const bool cut_at_line_end = step > 0 && shared.tokens > 0 && shared.tokens == copy.count &&
                                 shared.source_tokens < source->count && !sentences_[k].terminated &&
                                 lines_[sentences_[k].last_line].last_sentence == k + 1;
    Reach reach = go_on(copy, shared, *source, step < 0 ? id - 1 : id + 1, step, k);
    // A copy's sentence longer than what is held of it, read on to its end (source_reach.hpp).
    const auto beside = [&](std::uint64_t at, int way) { return source_beside(at, way, k); };
    const auto walk = [&](const TokenEdges& c, Shared s, const TokenEdges& e, std::uint64_t at, int way) {
        return go_on(c, s, e, at, way, k);
    };
    if (const std::optional<Reach> whole = bridge_unheld(copy, reach, step, beside, walk)) reach = *whole;
    const bool frame = same_frame(copy, *source, shared, step < 0);
    // Within one page (the article starting over, or a paragraph printed again), a sentence whose
    // other edge is edited is no paste's end: it goes whole with the run when the edit holds no
    // fact of its own, as an edited sentence between copies does (edited_copies.cpp), and stays
    // whole otherwise. Across pages the piece is taken as before: there an edge that differs is
    // mostly a counter or a footnote mark on a row of chrome ("923 md o2 Free M: ..." for "918
    // md o2 ...", "※2上り最大..." for "※1上り最大..."), the rest of its line a copy.
    if (shared.weight >= min_weight && !frame && !reach.more && edited_edge(copy, *source, shared, step < 0) &&
        matcher_.location(*beside_id).doc == doc_) {
        const UnitRecord& unit = analysis_.units[k];
        if (unit.number_hash != 0) return std::nullopt;
        const Edge edge{k, copy.count, weight + unit.weight, true, *beside_id, true, true};
        return Piece{edge, false};
    }
    // A piece that runs on across its source's sentences is judged by all it holds: the lines
    // of a glued restart ("右側面左側面通信速度は...。") are short one by one.
    if (!((shared.weight >= min_weight && !frame) || cut_at_line_end || (reach.more && reach.shared.weight >= min_weight)))
        return std::nullopt;
    const Edge edge{k, reach.shared.tokens, weight + reach.shared.weight, true, reach.source,
                    reach.more || shared.tokens < copy.count || shared.source_tokens < source->count,
                    reach.shared.tokens == copy.count};
    return Piece{edge, reach.source_whole};
}

// A piece that is all of the copy's sentence and ends where its source sentence does goes on
// into the copy's sentence beyond it, on the same line: on a glued line a headline that ends in
// "！" is a sentence of its own ("URL日付東芝のLEDがルーヴル美術館に登場！" before
// "１２月６日からライトアップスタート【話題】東芝のLEDが...。"), so the copy's sentences and its
// source's do not end together.
Edge DocumentPlanner::reach_on(Piece piece, int step, std::uint32_t min_weight) const {
    while (piece.first.whole && piece.second) {
        const std::size_t k = piece.first.sentence;
        if (step < 0 ? k == 0 : k + 1 >= sentences_.size()) break;
        const std::size_t beyond = step < 0 ? k - 1 : k + 1;
        if (!free_text(beyond) || (step < 0 ? sentences_[beyond].last_line != sentences_[k].first_line
                                            : sentences_[beyond].first_line != sentences_[k].last_line))
            break;
        const auto further = piece_beside(beyond, piece.first.source, step, min_weight, piece.first.weight);
        if (!further) break;
        piece = *further;
    }
    return piece.first;
}

// The piece of sentence k beside source `id` (piece_beside), or beside the kept copy of `id`
// when `id` was itself removed as a copy and that gives the longer piece: a passage pasted
// twice is matched with its first paste, whose own words after the paste end the piece there
// ("...と選ぶこ[実はこれに...]"), while the page's paste goes on as the kept source does.
std::optional<DocumentPlanner::Piece> DocumentPlanner::piece_at(std::size_t k, std::uint64_t id, int step,
                                                               std::uint32_t min_weight) const {
    std::optional<Piece> piece = piece_beside(k, id, step, min_weight, 0);
    const std::uint64_t kept = kept_copy(id);
    if (kept == id) return piece;
    std::optional<Piece> other = piece_beside(k, kept, step, min_weight, 0);
    if (other && (!piece || other->first.tokens > piece->first.tokens)) return other;
    return piece;
}

// The piece of sentence k that holds whole sentences of `direct`'s document before it, up to
// k_max_dropped_sentences before the sentence before `direct` (run_rules.hpp): the copy lacks
// a passage its source has gained. A near-matched sentence anchors it too. Only a piece that
// ends as a whole source sentence ends, runs on across the source's sentences before it (as
// only lines glued together do: "URL日付見出し本文の第一文。") and weighs k_min_core_weight
// is taken: set phrases are shared by chance at a sentence's end ("...している。"), and a
// short stock sentence ("The response has been overwhelming!") recurs whole around other
// copies, but neither runs on into the sentences before its source.
std::optional<DocumentPlanner::Piece> DocumentPlanner::find_piece_across_gap(std::size_t k, std::uint64_t direct) const {
    const TokenEdges& copy = analysis_.units[k].edges;
    for (std::uint64_t gap = 0; gap <= k_max_dropped_sentences && gap < direct; ++gap) {
        const std::uint64_t after = direct - gap;  // the sentence after the one the piece ends as
        const std::optional<std::uint64_t> before = sentence_beside(after, -1, k);
        const std::optional<EdgeEnds> end = before ? matcher_.edge_ends(*before) : std::nullopt;
        if (!end) break;
        // The alignment holds at most the copy's tokens: a longer source cannot end it whole.
        // Both tests read the source's count and last token from memory; nearly every source
        // fails one (edge_store.hpp), and only the rest are read from disk.
        if (end->count > copy.count || !may_end_with(copy, *end)) continue;
        if (!ends_with_sentence(copy, *matcher_.edges(*before))) continue;
        const auto piece = piece_beside(k, after, -1, k_min_core_weight, 0);
        const bool runs_on = piece && piece->first.source + 1 != after;
        if (runs_on && piece->first.weight >= k_min_core_weight) return piece;
    }
    return std::nullopt;
}

// ends_of asks again for a run's head with a lower weight, which this piece does not depend
// on: the last answer is kept (the search reads up to seven source sentences).
std::optional<DocumentPlanner::Piece> DocumentPlanner::piece_across_gap(std::size_t k, std::uint64_t direct) {
    if (!last_across_gap_ || last_across_gap_->k != k || last_across_gap_->direct != direct)
        last_across_gap_ = AcrossGap{k, direct, find_piece_across_gap(k, direct)};
    return last_across_gap_->piece;
}

// `copied_core`: the run holds exact sentences of k_min_core_weight, the mark of a copied
// passage (an edited sentence alone is often the same words rewritten); only then may its
// first sentence anchor a piece across a gap (piece_across_gap).
Edge DocumentPlanner::run_head(std::size_t first, std::uint32_t min_weight, bool copied_core) {
    const std::uint64_t direct = matches_[first].direct;
    // Only an exact sentence anchors a piece: beside a near match, shared words at a
    // sentence's end are as likely chance (set phrases) as a paste.
    if (first > 0 && free_text(first - 1) && sentences_[first - 1].last_line == sentences_[first].first_line) {
        if (matches_[first].type == MatchType::exact || starts_here_[first])
            if (const auto piece = piece_at(first - 1, direct, -1, min_weight))
                return reach_on(*piece, -1, min_weight);
        if (copied_core)
            if (const auto piece = piece_across_gap(first - 1, direct))
                return reach_on(*piece, -1, k_min_core_weight);
    }
    if (matches_[first].type == MatchType::exact) return Edge{};
    // A piece inside_piece took (inside_here) may be light: a heavy one goes on after it.
    return shared_part(first, direct, true, inside_here_[first]);
}

Edge DocumentPlanner::run_tail(std::size_t after, std::uint32_t min_weight) const {
    const std::size_t last = after - 1;
    const std::uint64_t direct = matches_[last].direct;
    if (after < sentences_.size() && anchors_tail(last) && free_text(after) &&
        sentences_[after].first_line == sentences_[last].last_line)
        if (const auto piece = piece_at(after, direct, +1, min_weight)) return reach_on(*piece, +1, min_weight);
    if (matches_[last].type == MatchType::exact) return Edge{};
    return shared_part(last, direct, false, starts_here_[last]);
}

// A near-matched sentence k at a run's head (`at_head`: the run goes on after it, so the part
// it shares with its source `direct` is its end) or tail (its start): the edge at that shared
// part when the rest is the page's own words. `light_piece`: a lighter shared part will do (a
// heavy piece goes on beside it: inside_here at the head, starts_here at the tail).
Edge DocumentPlanner::shared_part(std::size_t k, std::uint64_t direct, bool at_head, bool light_piece) const {
    const std::optional<TokenEdges> source = matcher_.edges(direct);
    if (!source) return Edge{};
    const TokenEdges& copy = analysis_.units[k].edges;
    const Shared prefix = common_prefix(copy, *source);
    const Shared suffix = common_suffix(copy, *source);
    const Shared& shared = at_head ? suffix : prefix;
    const Shared& own = at_head ? prefix : suffix;
    // The page's own words beside the part it shares: enough of them, or, inside a paragraph,
    // the source's sentence goes on beside that part for as much (a paste's first piece after a
    // word or two of the page's: "[新井は「何][ト掲示板では...]" for "すると、ネッ[ト掲示板では...]"),
    // where an edit changes a word or two on both sides. A line of its own is a template's or an
    // edit's (a URL with another app's name, "販売元" for "発売・発売元"): it goes whole or not at all.
    const bool own_words =
        own.tokens == 0 && (analysis_.units[k].weight >= shared.weight + k_min_own_words_weight ||
                            (!line_of_its_own(k) &&
                             held_weight_from(*source, shared.source_tokens, at_head) >= k_min_own_words_weight));
    const std::uint32_t piece_weight = light_piece ? k_min_second_piece_weight : k_min_partial_weight;
    if (own.weight < k_min_partial_weight && shared.weight >= piece_weight && !shared.unknown &&
        shared.tokens < copy.count && (own_words || light_piece || !edited_copy(copy, *source, k_piece_edit_share)))
        return Edge{k, shared.tokens, 0, false, direct};
    return Edge{};
}

// Is the run's first sentence k, inside a line after the page's own text, a near match that
// is all of its source's end, token by token, and weighs k_min_core_weight: the source's own
// words from inside its sentence, as exact as an exact sentence. The bands found the first
// piece of a paste that begins mid-sentence (step 0 below finds it when they do not), and the
// run is judged as step 0 would judge it. (All of its tokens: the slack cut_at allows at a
// word is too weak a sign on its own. A whole line cut off from its source has its own rule,
// cut_line below.)
bool DocumentPlanner::line_of_its_own(std::size_t k) const {
    return lines_[sentences_[k].first_line].first_sentence == k && lines_[sentences_[k].last_line].last_sentence == k + 1;
}

bool DocumentPlanner::cut_head(std::size_t k) const {
    if (lines_[sentences_[k].first_line].first_sentence == k || analysis_.units[k].weight < k_min_core_weight ||
        !cut_at(k, true))
        return false;
    const TokenEdges& copy = analysis_.units[k].edges;
    return common_suffix(copy, *matcher_.edges(matches_[k].direct)).tokens == copy.count;
}

// Does the page's sentence k end in a full stop ("." "。"; closing quotes and brackets after it
// aside)? Where a run's last piece goes on into the next sentence, k's end is its source
// sentence's end too. "!" and "?" also end sentences, but inside names and quoted titles they
// split one ("Ｙａｈｏｏ！ショッピング", "「GyaO!」で配信される", "「…する方法！これで…」で紹介した"):
// stock phrases of ldcc joined across such a mark are no paste (cross_page_inline_weight).
bool DocumentPlanner::ends_in_full_stop(std::size_t k) const {
    const std::string_view text = line_chars::without_closing(sentences_[k].normalized);
    std::size_t start = 0;
    return !text.empty() && line_chars::is_full_stop(line_chars::last_cp(text, start));
}

// Where a run [i, end) begins and ends inside sentences: its head and tail edges.
std::pair<Edge, Edge> DocumentPlanner::ends_of(std::size_t i, std::size_t end) {
    // The rules below take shorter pieces only around a sentence: a name or an exclamation
    // repeated in quotes ("「1000万円！超ボス電！当たる！」") is split into short pieces too.
    std::uint32_t core = 0;
    for (std::size_t k = i; k < end; ++k) core += matches_[k].type == MatchType::exact ? analysis_.units[k].weight : 0;
    const bool copied_core = core >= k_min_core_weight;
    Edge head = run_head(i, k_min_partial_weight, copied_core);
    Edge tail = run_tail(end, k_min_partial_weight);
    // A paste inside a sentence of the page that inside_piece took: its piece beside the run may
    // be light, as two_pieces allowed it beside a heavy one.
    if (starts_here_[i] && !head.extends) head = run_head(i, k_min_second_piece_weight, copied_core);
    if (inside_here_[end - 1] && !tail.extends) tail = run_tail(end, k_min_second_piece_weight);
    if (!copied_core && !cut_head(i)) return std::pair<Edge, Edge>{head, tail};
    // The paste may also begin (end) inside its source's sentence where the page's own
    // sentence begins (ends): the run's first (last) sentence is a near match that is all of
    // its source's end (start) — "云计算服务。" for "汽车厂商密切关注云计算服务。".
    // Or the run's end sentence is cut back to the part it shares (the page's own words beyond
    // it): the paste ends (begins) inside that sentence.
    const bool head_cut = head.extends || head.tokens > 0 || cut_at(i, true);
    const bool tail_cut = tail.extends || tail.tokens > 0 || cut_at(end - 1, false);
    if (head_cut && !tail_cut && tail.tokens == 0) tail = run_tail(end, k_min_second_piece_weight);
    else if (tail_cut && !head_cut && head.tokens == 0) head = run_head(i, k_min_second_piece_weight, copied_core);
    else if (!head_cut && !tail_cut && head.tokens == 0 && tail.tokens == 0) {
        // Short pieces at both ends ("云计算服务。[sentence]环保组织全"): together they are
        // the mark of a paste; one alone is chance.
        const Edge short_head = run_head(i, k_min_second_piece_weight, copied_core);
        const Edge short_tail = run_tail(end, k_min_second_piece_weight);
        if (short_head.extends && short_tail.extends &&
            short_head.weight + short_tail.weight >= k_min_two_pieces_weight)
            head = short_head, tail = short_tail;
    }
    return std::pair<Edge, Edge>{head, tail};
}

}  // namespace once
