#include "once/plan/planner.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "once/match/align.hpp"
#include "once/plan/run_rules.hpp"
#include "once/plan/source_reach.hpp"
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


}  // namespace

PlanResult decide_spans(const DocAnalysis& analysis, const std::vector<UnitMatch>& found,
                        const std::vector<LineVerdictDetail>& verdicts, std::uint32_t doc, const Matcher& matcher,
                        const ClusterNumbering& clusters, const Config& config) {
    // A copy: the occurrence search below may name another occurrence as a sentence's source.
    std::vector<UnitMatch> matches = found;
    const auto& lines = analysis.layout.lines;
    const auto& sentences = analysis.layout.sentences;
    const auto enabled = [&](Kind kind) { return config.kinds.count(kind) != 0; };
    const auto protected_sentence = [&](std::size_t i) {
        for (std::uint32_t line = sentences[i].first_line; line <= sentences[i].last_line; ++line)
            if (verdicts[line].role == LineRole::protect) return true;
        return false;
    };

    // The page's own title: another page with the same title (a series, a follow-up, the same
    // headline over another text) does not make it a copy. A title line goes only with a copied
    // article: each of its sentences an exact copy, in a run that goes on past the title.
    // A page's first line is its headline wherever the judge put the title slot (a title above
    // the menu is one) when it reads as one: a single sentence without a terminator, with more
    // text after it. Two pages that open alike share a headline. (A paragraph opening a page,
    // or a page of one line, goes when copied.)
    const bool headline = !sentences.empty() && !sentences[0].terminated &&
                          lines[sentences[0].first_line].last_sentence == 1 &&
                          sentences.back().first_line > sentences[0].last_line;
    const auto on_title = [&](std::size_t k) {
        if (headline && sentences[k].first_line == sentences[0].first_line) return true;
        for (std::uint32_t line = sentences[k].first_line; line <= sentences[k].last_line; ++line)
            if (verdicts[line].title) return true;
        return false;
    };
    std::vector<bool> held(sentences.size(), false);  // title sentences kept out of runs
    for (const Line& line : lines) {
        if (line.blank || line.first_sentence >= line.last_sentence) continue;
        if (!on_title(line.first_sentence)) continue;
        bool copied = true;
        for (std::uint32_t k = line.first_sentence; k < line.last_sentence; ++k)
            copied = copied && matches[k].type == MatchType::exact;
        if (!copied)
            for (std::uint32_t k = line.first_sentence; k < line.last_sentence; ++k) held[k] = on_title(k);
    }

    std::vector<Span> spans;
    std::vector<std::size_t> removed_sentences;
    std::vector<std::pair<std::size_t, std::uint64_t>> removed_as;
    std::vector<std::uint64_t> new_clusters;
    // The removals decided so far in this document, as the matcher will record them: a removed
    // sentence's kept copy is its match's kept copy (Matcher::mark_removed).
    const std::uint64_t base = matcher.document_base();
    std::vector<std::uint64_t> kept_here(sentences.size());
    for (std::size_t k = 0; k < kept_here.size(); ++k) kept_here[k] = base + k;
    const auto kept_copy = [&](std::uint64_t id) { return id >= base ? kept_here[id - base] : matcher.kept_copy(id); };
    const auto cluster_id = [&](std::uint64_t root) {
        if (const std::uint32_t known = clusters.find(root)) return known;
        const auto at = static_cast<std::size_t>(std::find(new_clusters.begin(), new_clusters.end(), root) -
                                                 new_clusters.begin());
        if (at == new_clusters.size()) new_clusters.push_back(root);
        return static_cast<std::uint32_t>(clusters.size() + at + 1);
    };

    // Where a run begins or ends inside a sentence (align.hpp). `extends`: the piece lies in
    // the unmatched sentence beside the run (source: its source); otherwise the run's own end
    // sentence, an edited one, is cut back to the part it shares.
    struct Edge {
        std::size_t sentence = 0;
        std::uint32_t tokens = 0;  // 0: the run ends at a sentence boundary
        std::uint32_t weight = 0;  // weight the piece adds to the run (extensions only)
        bool extends = false;
        std::uint64_t source = 0;
        // The piece is part of a sentence on one side or the other (a cut), not a whole sentence
        // equal to its source's (that is an exact repeat that matched elsewhere).
        bool partial = false;
        // The piece is all of its sentence (a line that ends inside the source's next sentence):
        // for whole lines, the run then reaches that sentence's line end.
        bool whole = false;
    };
    // May a piece of sentence k be removed as part of a copy beside it? Not when it is removed
    // already; it may be matched elsewhere (a piece of a set phrase found in other pages).
    const auto free_text = [&](std::size_t k) {
        if (on_title(k) || protected_sentence(k)) return false;
        if (!spans.empty() && spans.back().end > sentences[k].start) return false;
        for (std::uint32_t line = sentences[k].first_line; line <= sentences[k].last_line; ++line)
            if (verdicts[line].role != LineRole::text) return false;
        return true;
    };
    // The sentence `step` away from global sentence `id` in its document, if it may be a source
    // of this document's sentence `piece` (it comes before it).
    const auto source_beside = [&](std::uint64_t id, int step, std::size_t piece) -> std::optional<TokenEdges> {
        if (step < 0 && id == 0) return std::nullopt;
        const std::uint64_t other = step < 0 ? id - 1 : id + 1;
        if (other >= matcher.document_base() + piece) return std::nullopt;
        // Sentence ids run on through each document (matcher.hpp): the two are neighbours in one
        // document unless the later one opens its document. One location() call, not two: this
        // is asked on every step of the walks across a source's sentences.
        if (matcher.location(std::max(id, other)).sentence == 0) return std::nullopt;
        return matcher.edges(other);
    };
    // Is near-matched sentence k all of its source's end (`at_end`) or start, and shorter: a
    // piece where a paste begins (ends) inside the source's sentence?
    const auto cut_at = [&](std::size_t k, bool at_end) {
        if (matches[k].type == MatchType::exact || matches[k].type == MatchType::none) return false;
        const std::optional<TokenEdges> source = matcher.edges(matches[k].direct);
        if (!source) return false;
        const TokenEdges& copy = analysis.units[k].edges;
        const Shared shared = at_end ? common_suffix(copy, *source) : common_prefix(copy, *source);
        if (shared.unknown || copy.count >= source->count) return false;
        if (shared.tokens == copy.count) return true;
        // A paste that begins (ends) inside a word: its first (last) token is a piece of the
        // source's word there ("[T SEOUL 2010」認知拡大を...]" from "「VISIT SEOUL 2010」...").
        const std::size_t cut = copy.count - 1;  // that token, counted from the piece's other end
        return shared.tokens == cut && (at_end ? word_from_end(copy, cut) && word_from_end(*source, cut)
                                               : word_from_start(copy, cut) && word_from_start(*source, cut));
    };

    // Does the run's last sentence `k` anchor a piece of the sentence after it: an exact copy, or
    // a near one that is all of its source's end (a cut piece), so that the two pieces read token
    // by token as one stretch of the source across its sentence boundary — a paste that holds no
    // whole sentence ("[...参加することになっている。][また、つい先日]..." from "...大会に参加する
    // ことになっている。また、つい先日、..."; on real text a quarter of the pastes, nearly none
    // found before: bench/inject_real.py). The run still needs its weight (min_inline_length
    // inside a line). Only at the tail: a cut piece of its source's start anchoring the sentence
    // before took half of an edited caption printed twice (readability guardian-1), where the
    // paste it would find ends at a sentence end, which is rare.
    // Sentences matched by the planner itself (step 0 below): the first piece of a paste, found
    // together with the next one.
    std::vector<bool> found_here(sentences.size(), false);
    // Sentences that hold the page's own words before a piece that is their source's end
    // (inside_here), or after a piece that is their source's start (starts_here): a paste put
    // inside a sentence of the page (inside_piece, step 0). The run is cut to the piece there.
    std::vector<bool> inside_here(sentences.size(), false);
    std::vector<bool> starts_here(sentences.size(), false);
    const auto anchors_tail = [&](std::size_t k) {
        return matches[k].type == MatchType::exact ||
               (cut_at(k, true) && (analysis.units[k].weight >= k_min_core_weight || found_here[k])) ||
               inside_here[k];
    };
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
    const auto go_on = [&](const TokenEdges& copy, Shared shared, const TokenEdges& source, std::uint64_t id,
                           int step, std::size_t piece) {
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
    };
    // The piece of this document's sentence `k` that continues the sentence `step` away from
    // source sentence `id` (-1: `k` ends as the one before ends; +1: it starts as the one after
    // starts), going on across the source's sentences (go_on), when it weighs `min_weight`.
    // `weight`: what the run's pieces beside it weigh already. Second: the piece holds its last
    // source sentence whole, so the copy's sentence beyond `k` may go on with the one beyond it.
    const auto piece_beside = [&](std::size_t k, std::uint64_t id, int step, std::uint32_t min_weight,
                                  std::uint32_t weight) -> std::optional<std::pair<Edge, bool>> {
        const std::optional<TokenEdges> source = source_beside(id, step, k);
        if (!source) return std::nullopt;
        const TokenEdges& copy = analysis.units[k].edges;
        const Shared shared = step < 0 ? aligned_suffix_from(copy, 0, *source, 0) : aligned_prefix_from(copy, 0, *source, 0);
        // A cut-off copy: the line ends inside the source's next sentence.
        const bool cut_at_line_end = step > 0 && shared.tokens > 0 && shared.tokens == copy.count &&
                                     shared.source_tokens < source->count && !sentences[k].terminated &&
                                     lines[sentences[k].last_line].last_sentence == k + 1;
        Reach reach = go_on(copy, shared, *source, step < 0 ? id - 1 : id + 1, step, k);
        // A copy's sentence longer than what is held of it, read on to its end (source_reach.hpp).
        const auto beside = [&](std::uint64_t at, int way) { return source_beside(at, way, k); };
        const auto walk = [&](const TokenEdges& c, Shared s, const TokenEdges& e, std::uint64_t at, int way) {
            return go_on(c, s, e, at, way, k);
        };
        if (const std::optional<Reach> whole = bridge_unheld(copy, reach, step, beside, walk)) reach = *whole;
        // A piece that runs on across its source's sentences is judged by all it holds: the lines
        // of a glued restart ("右側面左側面通信速度は...。") are short one by one.
        if (!((shared.weight >= min_weight && !same_frame(copy, *source, shared, step < 0)) || cut_at_line_end ||
              (reach.more && reach.shared.weight >= min_weight)))
            return std::nullopt;
        const Edge edge{k, reach.shared.tokens, weight + reach.shared.weight, true, reach.source,
                        reach.more || shared.tokens < copy.count || shared.source_tokens < source->count,
                        reach.shared.tokens == copy.count};
        return std::pair<Edge, bool>{edge, reach.source_whole};
    };
    // A piece that is all of the copy's sentence and ends where its source sentence does goes on
    // into the copy's sentence beyond it, on the same line: on a glued line a headline that ends in
    // "！" is a sentence of its own ("URL日付東芝のLEDがルーヴル美術館に登場！" before
    // "１２月６日からライトアップスタート【話題】東芝のLEDが...。"), so the copy's sentences and its
    // source's do not end together.
    const auto reach_on = [&](std::pair<Edge, bool> piece, int step, std::uint32_t min_weight) {
        while (piece.first.whole && piece.second) {
            const std::size_t k = piece.first.sentence;
            if (step < 0 ? k == 0 : k + 1 >= sentences.size()) break;
            const std::size_t beyond = step < 0 ? k - 1 : k + 1;
            if (!free_text(beyond) || (step < 0 ? sentences[beyond].last_line != sentences[k].first_line
                                                : sentences[beyond].first_line != sentences[k].last_line))
                break;
            const auto further = piece_beside(beyond, piece.first.source, step, min_weight, piece.first.weight);
            if (!further) break;
            piece = *further;
        }
        return piece.first;
    };
    // The piece of sentence k beside source `id` (piece_beside), or beside the kept copy of `id`
    // when `id` was itself removed as a copy and that gives the longer piece: a passage pasted
    // twice is matched with its first paste, whose own words after the paste end the piece there
    // ("...と選ぶこ[実はこれに...]"), while the page's paste goes on as the kept source does.
    const auto piece_at = [&](std::size_t k, std::uint64_t id, int step, std::uint32_t min_weight) {
        std::optional<std::pair<Edge, bool>> piece = piece_beside(k, id, step, min_weight, 0);
        const std::uint64_t kept = kept_copy(id);
        if (kept == id) return piece;
        std::optional<std::pair<Edge, bool>> other = piece_beside(k, kept, step, min_weight, 0);
        if (other && (!piece || other->first.tokens > piece->first.tokens)) return other;
        return piece;
    };
    // The piece of sentence k that holds whole sentences of `direct`'s document before it, up to
    // k_max_dropped_sentences before the sentence before `direct` (run_rules.hpp): the copy lacks
    // a passage its source has gained. A near-matched sentence anchors it too. Only a piece that
    // ends as a whole source sentence ends, runs on across the source's sentences before it (as
    // only lines glued together do: "URL日付見出し本文の第一文。") and weighs k_min_core_weight
    // is taken: set phrases are shared by chance at a sentence's end ("...している。"), and a
    // short stock sentence ("The response has been overwhelming!") recurs whole around other
    // copies, but neither runs on into the sentences before its source.
    const auto find_piece_across_gap = [&](std::size_t k, std::uint64_t direct) -> std::optional<std::pair<Edge, bool>> {
        const TokenEdges& copy = analysis.units[k].edges;
        for (std::uint64_t gap = 0; gap <= k_max_dropped_sentences && gap < direct; ++gap) {
            const std::uint64_t after = direct - gap;  // the sentence after the one the piece ends as
            const std::optional<TokenEdges> source = source_beside(after, -1, k);
            if (!source) break;
            // The alignment holds at most the copy's tokens: a longer source cannot end it whole.
            if (source->count > copy.count) continue;
            if (!ends_with_sentence(copy, *source)) continue;
            const auto piece = piece_beside(k, after, -1, k_min_core_weight, 0);
            const bool runs_on = piece && piece->first.source + 1 != after;
            if (runs_on && piece->first.weight >= k_min_core_weight) return piece;
        }
        return std::nullopt;
    };
    // ends_of asks again for a run's head with a lower weight, which this piece does not depend
    // on: the last answer is kept (the search reads up to seven source sentences).
    struct AcrossGap {
        std::size_t k;
        std::uint64_t direct;
        std::optional<std::pair<Edge, bool>> piece;
    };
    std::optional<AcrossGap> last_across_gap;
    const auto piece_across_gap = [&](std::size_t k, std::uint64_t direct) {
        if (!last_across_gap || last_across_gap->k != k || last_across_gap->direct != direct)
            last_across_gap = AcrossGap{k, direct, find_piece_across_gap(k, direct)};
        return last_across_gap->piece;
    };
    // `copied_core`: the run holds exact sentences of k_min_core_weight, the mark of a copied
    // passage (an edited sentence alone is often the same words rewritten); only then may its
    // first sentence anchor a piece across a gap (piece_across_gap).
    const auto run_head = [&](std::size_t first, std::uint32_t min_weight, bool copied_core) {
        Edge edge;
        const std::uint64_t direct = matches[first].direct;
        // Only an exact sentence anchors a piece: beside a near match, shared words at a
        // sentence's end are as likely chance (set phrases) as a paste.
        if (first > 0 && free_text(first - 1) && sentences[first - 1].last_line == sentences[first].first_line) {
            if (matches[first].type == MatchType::exact || starts_here[first])
                if (const auto piece = piece_at(first - 1, direct, -1, min_weight))
                    return reach_on(*piece, -1, min_weight);
            if (copied_core)
                if (const auto piece = piece_across_gap(first - 1, direct))
                    return reach_on(*piece, -1, k_min_core_weight);
        }
        if (matches[first].type != MatchType::exact) {
            if (const std::optional<TokenEdges> source = matcher.edges(direct)) {
                const TokenEdges& copy = analysis.units[first].edges;
                const Shared start = common_prefix(copy, *source);
                const Shared end_part = common_suffix(copy, *source);
                const bool own_words = start.tokens == 0 &&
                                       analysis.units[first].weight >= end_part.weight + k_min_own_words_weight;
                if (start.weight < k_min_partial_weight && end_part.weight >= k_min_partial_weight &&
                    !end_part.unknown && end_part.tokens < copy.count &&
                    (own_words || inside_here[first] || !edited_copy(copy, *source, k_piece_edit_share)))
                    edge = Edge{first, end_part.tokens, 0, false, direct};
            }
        }
        return edge;
    };
    const auto run_tail = [&](std::size_t after, std::uint32_t min_weight) {
        Edge edge;
        const std::size_t last = after - 1;
        const std::uint64_t direct = matches[last].direct;
        if (after < sentences.size() && anchors_tail(last) && free_text(after) &&
            sentences[after].first_line == sentences[last].last_line)
            if (const auto piece = piece_at(after, direct, +1, min_weight)) return reach_on(*piece, +1, min_weight);
        if (matches[last].type != MatchType::exact) {
            if (const std::optional<TokenEdges> source = matcher.edges(direct)) {
                const TokenEdges& copy = analysis.units[last].edges;
                const Shared start = common_prefix(copy, *source);
                const Shared end_part = common_suffix(copy, *source);
                const bool own_words = end_part.tokens == 0 &&
                                       analysis.units[last].weight >= start.weight + k_min_own_words_weight;
                if (end_part.weight < k_min_partial_weight && start.weight >= k_min_partial_weight &&
                    !start.unknown && start.tokens < copy.count &&
                    (own_words || starts_here[last] || !edited_copy(copy, *source, k_piece_edit_share)))
                    edge = Edge{last, start.tokens, 0, false, direct};
            }
        }
        return edge;
    };

    // Is the run's first sentence k, inside a line after the page's own text, a near match that
    // is all of its source's end, token by token, and weighs k_min_core_weight: the source's own
    // words from inside its sentence, as exact as an exact sentence. The bands found the first
    // piece of a paste that begins mid-sentence (step 0 below finds it when they do not), and the
    // run is judged as step 0 would judge it. (All of its tokens: the slack cut_at allows at a
    // word is too weak a sign on its own. A whole line cut off from its source has its own rule,
    // cut_line below.)
    const auto cut_head = [&](std::size_t k) {
        if (lines[sentences[k].first_line].first_sentence == k || analysis.units[k].weight < k_min_core_weight ||
            !cut_at(k, true))
            return false;
        const TokenEdges& copy = analysis.units[k].edges;
        return common_suffix(copy, *matcher.edges(matches[k].direct)).tokens == copy.count;
    };

    // Where a run [i, end) begins and ends inside sentences: its head and tail edges.
    const auto ends_of = [&](std::size_t i, std::size_t end) {
        // The rules below take shorter pieces only around a sentence: a name or an exclamation
        // repeated in quotes ("「1000万円！超ボス電！当たる！」") is split into short pieces too.
        std::uint32_t core = 0;
        for (std::size_t k = i; k < end; ++k) core += matches[k].type == MatchType::exact ? analysis.units[k].weight : 0;
        const bool copied_core = core >= k_min_core_weight;
        Edge head = run_head(i, k_min_partial_weight, copied_core);
        Edge tail = run_tail(end, k_min_partial_weight);
        if (!copied_core && !cut_head(i)) return std::pair<Edge, Edge>{head, tail};
        // The paste may also begin (end) inside its source's sentence where the page's own
        // sentence begins (ends): the run's first (last) sentence is a near match that is all of
        // its source's end (start) — "云计算服务。" for "汽车厂商密切关注云计算服务。".
        const bool head_cut = head.extends || cut_at(i, true);
        const bool tail_cut = tail.extends || cut_at(end - 1, false);
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
    };

    // A paste put inside a sentence of the page ("彼によれば[...お勧]めしたいのが、...ツアー。[たとえば、
    // ...生産者を訪]ねることも..."): sentence k is the page's own words and then the end of its
    // source sentence (matches[k].direct), and k + 1 the start of the source's successor and then
    // the page's words again; neither is all of a source's end or start (cut_at), and the bands,
    // when they offer k at all, offer it as a near copy standing alone. Each piece is token-exact,
    // k's shares less than k_min_partial_weight with the source's start (more is a template with
    // another fact inside: "Google Play Storeで「[ねこふぃっしんぐ]」などと入力して..." for "...で「全力」
    // などと..."; and less is what run_head cuts the run's head to the piece by), and the two
    // weigh as two_pieces says. bench/inject_real.py
    // --pasted-mid (pastes spanning one sentence boundary): 7 of 162 found before (seed 1).
    // Two pieces and no whole sentence between them: each must weigh what a copied sentence must
    // (config.min_length), and both config.min_inline_length, the weight for a copy inside
    // a longer paragraph. On the generator's corpus a stock ending and the next sentence's stock
    // quote (5 + 15 words: "...[with support from both parties.] ["There is still a lot of work
    // ahead," a union representative said, referring to the] ...") followed each other in an
    // earlier page too.
    const auto two_pieces = [&](std::uint32_t first, std::uint32_t second) {
        return std::min(first, second) >= static_cast<std::uint32_t>(config.min_length) &&
               first + second >= static_cast<std::uint32_t>(config.min_inline_length);
    };
    // `at_end`: sentence k's piece is its end (the paste's first piece; the tail goes on into
    // k + 1), or its start (the paste's last piece, seen from the bands' match of it; the head
    // reaches back into k - 1).
    const auto inside_piece = [&](std::size_t k, bool at_end) {
        const std::optional<TokenEdges> source = matcher.edges(matches[k].direct);
        if (!source) return false;
        const TokenEdges& copy = analysis.units[k].edges;
        const Shared piece = at_end ? common_suffix(copy, *source) : common_prefix(copy, *source);
        const Shared far = at_end ? common_prefix(copy, *source) : common_suffix(copy, *source);
        if (piece.unknown || piece.tokens >= copy.count || piece.weight < k_min_partial_weight ||
            far.weight >= k_min_partial_weight)
            return false;
        std::vector<bool>& marks = at_end ? inside_here : starts_here;
        marks[k] = true;
        const Edge other = at_end ? run_tail(k + 1, k_min_partial_weight) : run_head(k, k_min_partial_weight, false);
        if (other.extends && two_pieces(piece.weight, other.weight)) return true;
        marks[k] = false;
        return false;
    };

    // 0. A paste spanning one sentence boundary that the bands missed: sentence k is all of an
    // earlier sentence's end, and the next one, on the same line, goes on with the start of that
    // sentence's successor (run_tail): "[...お勧]めしたいのが、1テーマに特化したこだわりのツアー。
    // [たとえば、...生産者を訪]さらには、...". The source is found by the end of sentence k
    // (Matcher::sentence_ending) or, when that piece is too light for a key, by the start of the
    // next (sentence_starting: its predecessor). Both pieces are needed, and one of them must
    // weigh k_min_core_weight: an ending alone is shared by chance ("...の声が上がっている。").
    // The run rules below then judge the run as any other (its weight, the pieces); the match is
    // a containment of the whole piece.
    for (std::size_t k = 0; k + 1 < sentences.size(); ++k) {
        // A near copy the bands found, with the page's own words before (after) the piece, the
        // sentence after (before) it unmatched: as below, from the source the bands named.
        const auto near = [&](std::size_t j) {
            return (matches[j].type == MatchType::jaccard || matches[j].type == MatchType::containment) &&
                   !held[j] && free_text(j) && matcher.may_source(matches[j].direct, analysis.units[j].bulleted);
        };
        if (sentences[k + 1].first_line == sentences[k].last_line) {
            if (near(k) && matches[k + 1].type == MatchType::none && inside_piece(k, true)) {
                ++k;
                continue;
            }
            if (near(k + 1) && matches[k].type == MatchType::none && !held[k] && inside_piece(k + 1, false)) {
                ++k;
                continue;
            }
        }
        if (matches[k].type != MatchType::none || matches[k + 1].type != MatchType::none || held[k] ||
            analysis.units[k].edges.count == 0 || !free_text(k) ||
            sentences[k + 1].first_line != sentences[k].last_line)
            continue;
        const bool heavy = analysis.units[k].weight >= k_min_core_weight;
        std::optional<std::uint64_t> candidates[2];
        if (heavy) candidates[0] = matcher.sentence_ending(analysis.units[k]);
        const std::optional<std::uint64_t> next_start = matcher.sentence_starting(analysis.units[k + 1]);
        if (next_start && *next_start > 0 && (!candidates[0] || *next_start - 1 != *candidates[0]))
            candidates[1] = *next_start - 1;
        for (const std::optional<std::uint64_t>& candidate : candidates) {
            if (!candidate || *candidate >= base || !matcher.may_hold(*candidate, analysis.units[k])) continue;
            matches[k] = {MatchType::containment, matcher.root(*candidate), *candidate, 1.0};
            found_here[k] = true;
            if (cut_at(k, true)) {
                const Edge tail = run_tail(k + 1, k_min_partial_weight);
                if (tail.extends && (heavy || tail.weight >= k_min_core_weight)) break;
            }
            matches[k] = found[k];
            found_here[k] = false;
        }
        // The second way: a paste put inside a sentence of the page (inside_piece above). Only
        // when the keys name the source: by both pieces (c by the end of k, c + 1 by the start
        // of k + 1), or by the second when the first is too light for a key, so that no tokens
        // are read for a stock ending alone. The start's key may name a later page's sentence
        // that goes on from an earlier paste of the same passage (its piece removed, it stays as
        // the newest of its key): its predecessor's kept copy is then c.
        if (!found_here[k] && next_start && *next_start > 0) {
            std::uint64_t candidate = *next_start - 1;
            if (candidates[0] && *candidates[0] != candidate && candidate < base &&
                kept_copy(candidate) == *candidates[0])
                candidate = *candidates[0];
            const bool by_both = candidates[0] && *candidates[0] == candidate;
            if ((by_both || !heavy) && candidate < base && matcher.may_source(candidate, analysis.units[k].bulleted)) {
                matches[k] = {MatchType::containment, matcher.root(candidate), candidate, 1.0};
                found_here[k] = true;
                if (!inside_piece(k, true)) {
                    matches[k] = found[k];
                    found_here[k] = false;
                }
            }
        }
        if (found_here[k]) ++k;  // the next sentence holds the second piece
    }

    // Is run [i, end) copied from this very document, and not from the page's title there?
    // A line printed twice in a row (nothing but blank lines between) is a stutter of the
    // scrape, not the page's own repetition: it is not lone.
    const auto lone_line_in_document = [&](std::size_t i, std::size_t end) {
        for (std::size_t k = i; k < end; ++k) {
            const UnitLocation& source = matcher.location(matches[k].direct);
            if (source.doc != doc || on_title(source.sentence)) return false;
        }
        std::size_t above = sentences[i].first_line;
        while (above > 0 && lines[above - 1].blank) --above;
        if (above == 0) return true;
        const Line& previous = lines[above - 1];
        if (previous.last_sentence - previous.first_sentence != end - i) return true;
        for (std::size_t k = 0; k < end - i; ++k)
            if (analysis.units[previous.first_sentence + k].key != analysis.units[i + k].key) return true;
        return false;
    };

    // 1. Runs of copied sentences.
    std::size_t i = 0;
    while (i < sentences.size()) {
        if (matches[i].type == MatchType::none || protected_sentence(i) || held[i]) {
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
        const bool in_document = matcher.location(matches[i].direct).doc == doc;
        // A run is one copied passage: each sentence's kept copy follows the previous one's in
        // the same document (a few sentences may be skipped: an edit can drop one). Sentences
        // that each match somewhere else — spec lines like "RAM: 1GB" found in different
        // earlier pages — are separate runs, each judged on its own weight.
        // Across a wider gap (k_max_dropped_sentences) where the gap begins or ends inside a
        // source sentence: the sentence before it all of its source's start, or the one after it
        // all of its source's end — a passage inserted into the source mid-sentence, which the
        // copy lacks (a restart of the article as first written).
        // Is near-matched sentence k all of its source's end (`at_end`) or start, the source
        // going on for k_min_partial_weight beyond it (a paste's piece there, not "第" before
        // "1位『...』" of a ranking line)?
        const auto cut_by_insert = [&](std::size_t k, bool at_end) {
            if (!cut_at(k, at_end)) return false;
            const std::optional<TokenEdges> source = matcher.edges(matches[k].direct);
            std::uint32_t beyond = 0;
            const std::size_t held = std::min<std::size_t>(source->count, TokenEdges::k_edge);
            for (std::size_t t = analysis.units[k].edges.count; t < held; ++t) {
                const int token = at_end ? source->from_end(t) : source->from_start(t);
                if (token >= 0) beyond += token_edge_weight(token);
            }
            return beyond >= k_min_partial_weight;
        };
        const auto continues_run = [&](std::size_t k) {
            if (k == i) return true;
            const UnitLocation& previous = matcher.location(matches[k - 1].direct);
            const UnitLocation& current = matcher.location(matches[k].direct);
            if (previous.doc != current.doc || current.sentence <= previous.sentence) return false;
            if (current.sentence <= previous.sentence + k_max_source_step) return true;
            return current.sentence <= previous.sentence + k_max_dropped_sentences + 1 &&
                   (cut_by_insert(k - 1, false) || cut_by_insert(k, true));
        };
        while (end < sentences.size() && matches[end].type != MatchType::none && !protected_sentence(end) &&
               !held[end] && continues_run(end)) {
            weight += analysis.units[end].weight;
            exact_in_document = exact_in_document && matches[end].type == MatchType::exact &&
                                matcher.location(matches[end].direct).doc == doc;
            data_like = data_like || analysis.units[end].data_like;
            exact_count += matches[end].type == MatchType::exact ? 1 : 0;
            if (end > i)
                adjacent = adjacent && matcher.location(matches[end].direct).sentence ==
                                           matcher.location(matches[end - 1].direct).sentence + 1;
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
        if (end == i + 1 && matches[i].type == MatchType::exact && analysis.units[i].weight >= k_min_core_weight &&
            !ends.first.extends && !ends.second.extends) {
            const std::uint64_t first = matches[i].direct;
            matcher.later_occurrences(first, k_max_occurrences, [&](std::uint64_t other) {
                if (other >= base) return false;
                matches[i].direct = other;
                const std::pair<Edge, Edge> tried = ends_of(i, end);
                if (tried.first.extends && tried.second.extends) return ends = tried, true;
                matches[i].direct = first;
                return false;
            });
        }
        Edge head = ends.first;
        Edge tail = ends.second;
        // Whole lines: the run starts at the first sentence of its first line and ends with the
        // last sentence of its last line (a piece that is all of its sentence counting).
        const std::size_t from = head.extends && head.whole ? head.sentence : i;
        const std::size_t to = tail.extends && tail.whole ? tail.sentence + 1 : end;
        const bool whole_lines = lines[sentences[from].first_line].first_sentence == from &&
                                 lines[sentences[to - 1].last_line].last_sentence <= to;
        weight += head.weight + tail.weight;
        // An edited copy standing alone (no exact sentence or exact piece in the run) must be closer.
        bool any_exact = head.weight > 0 || tail.weight > 0 || cut_head(i);
        double lowest = 1.0;
        for (std::size_t k = i; k < end; ++k) {
            any_exact = any_exact || matches[k].type == MatchType::exact;
            if (matches[k].type == MatchType::jaccard) lowest = std::min(lowest, matches[k].similarity);
        }
        const double isolated_needed =
            config.isolated_similarity + (weight < k_short_isolated_weight ? k_short_isolated_extra : 0.0);
        const auto cut_line = [&] {
            if (!whole_lines || end - i != 1) return false;
            const std::optional<TokenEdges> source = matcher.edges(matches[i].direct);
            return source.has_value() && is_cut_piece(analysis.units[i].edges, *source);
        };
        if (!any_exact && ((end - i < k_min_isolated_sentences && !cut_line()) || lowest < isolated_needed)) {
            i = end;
            continue;
        }
        const std::size_t count = end - i + (head.extends ? 1 : 0) + (tail.extends ? 1 : 0);
        // One line of the page that repeats another line of the same page, lighter than a
        // passage (config.min_length), and not the page's title: the page's own content — a
        // command in a tutorial ("$ hg push"), a header field in a protocol example ("Host: ..."),
        // a table cell, a refrain. Only a passage (several lines continuing one place, or the
        // weight of a paragraph) repeated in its page is a copy; a title shown twice still goes,
        // and so does a line printed twice in a row (lone_line_in_document).
        if (whole_lines && sentences[from].first_line == sentences[to - 1].last_line &&
            weight < static_cast<std::uint32_t>(config.min_length) && lone_line_in_document(i, end)) {
            i = end;
            continue;
        }
        const bool substantial =
            (count >= static_cast<std::size_t>(config.window) &&
             weight >= static_cast<std::uint32_t>(config.min_line_length)) ||
            weight >= static_cast<std::uint32_t>(whole_lines ? config.min_length : config.min_inline_length) ||
            (!whole_lines && adjacent && (!in_document || head.partial || tail.partial) &&
             exact_count >= k_min_inline_sentences &&
             weight >= static_cast<std::uint32_t>(config.min_length)) ||
            // A line repeated in its own document (a title shown twice); data rows ("Price: ¥99"
            // for two apps) need the full length: they repeat because the facts coincide.
            (exact_in_document && whole_lines &&
             weight >= static_cast<std::uint32_t>(data_like ? config.min_length : config.min_line_length));
        if (substantial) {
            std::uint64_t previous_source = UINT64_MAX;  // kept copy of the previous sentence of the run
            std::size_t last_span = SIZE_MAX;             // the span holding sentence end - 1
            for (std::size_t k = i; k < end; ++k) {
                const Kind kind = kind_of(matches[k].type);
                if (!enabled(kind)) continue;
                // Point at the nearest copy that is kept: the sentence this one was matched with,
                // or, if that was removed too (earlier in this very run), its own kept copy.
                const std::uint64_t kept = kept_copy(matches[k].direct);
                const UnitLocation& source = matcher.location(kept);
                kept_here[k] = kept;
                // The matcher records the kept copy the span names: for a sentence the planner
                // matched itself, or one whose source it moved to another occurrence (a common
                // sentence inside a paste), not the one the matcher found.
                if (found_here[k] || matches[k].direct != found[k].direct) removed_as.emplace_back(k, kept);
                else removed_sentences.push_back(k);
                // Extend the previous span when this sentence continues the same copied passage
                // (same kind, same source document, source further on) or repeats the same kept
                // sentence again (a sentence copied many times in a row), with nothing but space
                // between.
                if (!spans.empty() && previous_source != UINT64_MAX && spans.back().kind == kind &&
                    spans.back().source && matcher.location(previous_source).doc == source.doc &&
                    (spans.back().source->end <= source.start || kept == previous_source) &&
                    spans.back().end <= sentences[k].start) {
                    Span& previous = spans.back();
                    previous.end = sentences[k].end;
                    previous.similarity = std::min(previous.similarity, matches[k].similarity);
                    if (kept != previous_source) {
                        previous.source->end = source.end;
                        previous.source->end_pos = source.end_pos;
                    }
                    if (previous.match != match_name(matches[k].type)) previous.match = "mixed";
                    previous_source = kept;
                    last_span = spans.size() - 1;
                    continue;
                }
                previous_source = kept;
                Span span;
                span.start = sentences[k].start;
                span.end = sentences[k].end;
                span.kind = kind;
                span.cluster = cluster_id(matches[k].source);
                span.similarity = matches[k].similarity;
                span.match = match_name(matches[k].type);
                span.source = SourceRef{source.doc, source.start, source.end, source.start_pos, source.end_pos};
                if (k == i && head.tokens > 0) {
                    // A piece that is all of its sentence's tokens takes the sentence whole: the
                    // punctuation around its tokens ("「...", "...。") is the copy's too.
                    if (head.whole) {
                        span.start = sentences[head.sentence].start;
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
                        const UnitLocation& before = matcher.location(head.source);
                        if (before.doc == span.source->doc && before.start <= span.source->start) {
                            span.source->start = before.start;
                            span.source->start_pos = before.start_pos;
                        }
                    }
                }
                spans.push_back(std::move(span));
                last_span = spans.size() - 1;
            }
            if (last_span != SIZE_MAX && tail.tokens > 0) {
                Span& span = spans[last_span];
                if (tail.whole) {
                    span.end = sentences[tail.sentence].end;
                } else {
                    span.tail_sentence = static_cast<std::uint32_t>(tail.sentence);
                    span.tail_tokens = tail.tokens;
                }
                if (tail.extends && span.source) {
                    // As for the head: only a piece beside the kept copy itself widens its range.
                    const UnitLocation& after = matcher.location(tail.source);
                    if (after.doc == span.source->doc && after.end >= span.source->end) {
                        span.source->end = after.end;
                        span.source->end_pos = after.end_pos;
                    }
                }
            }
        }
        i = end;
    }

    // 2. Whole lines judged boilerplate or marker.
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const LineVerdictDetail& verdict = verdicts[l];
        Kind kind;
        if (verdict.role == LineRole::boilerplate) kind = Kind::boilerplate;
        else if (verdict.role == LineRole::marker) kind = Kind::marker;
        else continue;
        if (!enabled(kind)) continue;
        Span span;
        span.start = lines[l].start;
        span.end = lines[l].end;
        span.kind = kind;
        span.match = kind == Kind::marker ? "pattern" : (verdict.by_recurrence ? "recurrence" : "shape");
        span.similarity = kind == Kind::boilerplate && !verdict.by_recurrence ? verdict.score : 1.0;
        span.docs = verdict.by_recurrence ? verdict.docs : 0;
        if (kind == Kind::boilerplate) span.rule = std::string(rule_name(verdict.rule));
        spans.push_back(std::move(span));
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });

    PlanResult result;
    result.spans = std::move(spans);
    result.removed_sentences = std::move(removed_sentences);
    result.removed_as = std::move(removed_as);
    result.new_clusters = std::move(new_clusters);
    return result;
}

}  // namespace once
