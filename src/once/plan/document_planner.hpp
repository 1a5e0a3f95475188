// document_planner.hpp — the state of planning one document (planner.hpp, decide_spans) and the
// steps that read and change it, one file per job:
//   planner.cpp        decide_spans: the page's title held out of runs, then steps 0-2, the result
//   teaser_copies.cpp  step 0a: the page's paragraphs that one earlier line (a teaser) joined stay
//   contents_headings.cpp step 0b: the page's headings that another page's table of contents
//                      (a site's index) named first stay
//   inside_paste.cpp   step 0: a paste spanning a sentence boundary or put inside a sentence of
//                      the page, found by the planner itself where the bands missed it
//   paste_ends.cpp     where a run begins and ends inside the sentences beside it: the pieces a
//                      copy holds of its source's sentences, read token by token (align.hpp)
//   copy_runs.cpp      step 1: runs of copied sentences, judged (run_rules.hpp) and made spans;
//                      step 1c: a line that starts a paragraph of its page over, cut mid-sentence
//   own_text_runs.cpp  step 1: runs that read as copies but are the page's own text (another
//                      page's data rows coinciding in part, the page restating itself, lines of
//                      a code listing that an earlier listing printed too), which stay
//   edited_copies.cpp  step 1b: a sentence between removed copies, edited in one stretch of words
// (step 2, whole lines judged boilerplate or marker, is in planner.cpp).
//
// Why a class: the steps share the matches (step 0 adds its own), the marks of the pieces it found
// and the spans decided so far (a piece is never taken from text already removed); as lambdas of
// one function they made an 800-line function. Private to plan/: nothing outside includes it.
//
// Contract: one DocumentPlanner per document, used once: run_steps(), then take_result().
//
//   DocumentPlanner planner(analysis, matches, verdicts, doc, matcher, clusters, config);
//   return planner.run_steps();
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "once/match/align.hpp"
#include "once/plan/planner.hpp"
#include "once/plan/source_reach.hpp"

namespace once {

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

class DocumentPlanner {
public:
    DocumentPlanner(const DocAnalysis& analysis, const std::vector<UnitMatch>& found,
                    const std::vector<LineVerdictDetail>& verdicts, std::uint32_t doc, const Matcher& matcher,
                    const ClusterNumbering& clusters, const Config& config);
    PlanResult run_steps();

private:
    // A piece and whether it holds its last source sentence whole (piece_beside).
    using Piece = std::pair<Edge, bool>;

    // planner.cpp: what the steps ask of the page and its verdicts.
    bool enabled(Kind kind) const { return config_.kinds.count(kind) != 0; }
    void mark_lines();
    bool protected_sentence(std::size_t i) const;
    bool on_title(std::size_t k) const;
    // Does sentence k start on a line no earlier sentence ends on (the first of its line)?
    bool opens_its_line(std::size_t k) const;
    void hold_titles();
    // A title the page's head prints twice, in its bar and over its text: the second stays.
    void hold_head_titles();
    // teaser_copies.cpp: step 0a, paragraphs of the page that an earlier line joined (a teaser).
    void hold_teaser_copies();
    // contents_headings.cpp: step 0b, the page's headings that an earlier table of contents names.
    void hold_contents_headings();
    std::uint64_t kept_copy(std::uint64_t id) const;
    std::uint32_t cluster_id(std::uint64_t root);
    bool free_text(std::size_t k) const;
    void add_verdict_spans();

    // inside_paste.cpp: step 0.
    bool two_pieces(std::uint32_t first, std::uint32_t second) const;
    std::uint32_t other_piece_weight(std::uint32_t weight) const;
    bool inside_piece(std::size_t k, bool at_end);
    void find_pastes_across_sentences();

    // edited_copies.cpp: step 1b.
    bool removed_exact(std::size_t j) const;
    bool copied_once(std::size_t j) const;
    // The sentence an edited sentence stands in for; `whole_paragraph`: found from its paragraph,
    // whose other sentences are exact copies that step 1 did not all remove.
    struct GapSource {
        std::uint64_t source;
        bool whole_paragraph;
    };
    std::optional<GapSource> run_gap_source(std::size_t k) const;
    std::optional<GapSource> page_paragraph_source(std::size_t k) const;
    bool repeated_once_in_page(std::size_t k) const;
    std::span<const std::uint32_t> sentences_with_text(std::uint64_t key) const;
    std::optional<std::size_t> other_occurrence(std::size_t j) const;
    void add_edited_sentences();

    // paste_ends.cpp: the pieces at a run's ends.
    std::optional<std::uint64_t> sentence_beside(std::uint64_t id, int step, std::size_t piece) const;
    std::optional<TokenEdges> source_beside(std::uint64_t id, int step, std::size_t piece) const;
    bool cut_at(std::size_t k, bool at_end) const;
    bool anchors_tail(std::size_t k) const;
    Reach go_on(const TokenEdges& copy, Shared shared, const TokenEdges& source, std::uint64_t id, int step,
                std::size_t piece) const;
    std::optional<Piece> piece_beside(std::size_t k, std::uint64_t id, int step, std::uint32_t min_weight,
                                      std::uint32_t weight) const;
    Edge reach_on(Piece piece, int step, std::uint32_t min_weight) const;
    std::optional<Piece> piece_at(std::size_t k, std::uint64_t id, int step, std::uint32_t min_weight) const;
    std::optional<Piece> find_piece_across_gap(std::size_t k, std::uint64_t direct) const;
    std::optional<Piece> piece_across_gap(std::size_t k, std::uint64_t direct);
    Edge run_head(std::size_t first, std::uint32_t min_weight, bool copied_core);
    Edge run_tail(std::size_t after, std::uint32_t min_weight) const;
    Edge shared_part(std::size_t k, std::uint64_t direct, bool at_head, bool light_piece) const;
    bool cut_head(std::size_t k) const;
    bool ends_in_full_stop(std::size_t k) const;
    bool line_of_its_own(std::size_t k) const;
    std::pair<Edge, Edge> ends_of(std::size_t i, std::size_t end);

    // copy_runs.cpp: step 1.
    bool lone_line_in_document(std::size_t i, std::size_t end) const;
    bool heading_named_by_entry(std::size_t i, std::size_t end) const;
    bool rows_of_a_table(std::size_t from, std::size_t to) const;
    // own_text_runs.cpp: runs of step 1 that are the page's own text.
    bool data_rows_of_another_page(std::size_t i, std::size_t end) const;
    bool contained_in_other_words(std::size_t i, std::size_t end) const;
    bool part_of_a_listing(std::size_t i, std::size_t end, std::size_t from, std::size_t to) const;
    bool listing_row(std::size_t l) const;
    bool listing_rows(std::uint32_t first, std::uint32_t last) const;
    bool follows_removal(std::size_t i) const;
    bool opens_paragraph_as_source(std::size_t i) const;
    bool parts_ways_with_source(const Edge& tail) const;
    bool cut_by_insert(std::size_t k, bool at_end) const;
    bool continues_run(std::size_t i, std::size_t k) const;
    void plan_runs();
    // copy_runs.cpp: step 1c, a restart of the page cut off mid-sentence.
    std::optional<std::size_t> cut_restart_source(std::uint32_t line) const;
    std::optional<std::size_t> cut_source_at(std::uint32_t line, std::size_t p, std::size_t whole_count) const;
    std::span<const std::pair<int, std::uint32_t>> line_openers_with_first_token(int token) const;
    void add_cut_restarts();
    void add_run_spans(std::size_t i, std::size_t end, const Edge& head, const Edge& tail);

    const DocAnalysis& analysis_;
    // The bands' matches as found; `matches_` is a copy the steps may change: step 0 names the
    // source of a piece it found, the occurrence search of step 1 another occurrence.
    const std::vector<UnitMatch>& found_;
    std::vector<UnitMatch> matches_;
    const std::vector<Line>& lines_;
    const std::vector<Sentence>& sentences_;
    const std::vector<LineVerdictDetail>& verdicts_;
    const std::uint32_t doc_;
    const Matcher& matcher_;
    const ClusterNumbering& clusters_;
    const Config& config_;

    bool headline_ = false;   // the page's first line is its headline (hold_titles)
    std::vector<bool> held_;  // sentences kept out of runs: titles (hold_titles), teasers' copies (hold_teaser_copies),
                              // headings a table of contents names (hold_contents_headings)
    // Per sentence, from its lines' verdicts (mark_lines, once headline_ is known): a line of it
    // protected, a title line (or the headline), all its lines text.
    static constexpr std::uint8_t k_protected = 1;
    static constexpr std::uint8_t k_on_title = 2;
    static constexpr std::uint8_t k_text_lines = 4;
    std::vector<std::uint8_t> line_marks_;

    std::vector<Span> spans_;
    std::vector<std::size_t> removed_sentences_;
    std::vector<std::pair<std::size_t, std::uint64_t>> removed_as_;
    std::vector<std::uint64_t> new_clusters_;
    // The removals decided so far in this document, as the matcher will record them: a removed
    // sentence's kept copy is its match's kept copy (Matcher::mark_removed).
    const std::uint64_t base_;
    std::vector<std::uint64_t> kept_here_;

    // Sentences matched by the planner itself (step 0): the first piece of a paste, found
    // together with the next one.
    std::vector<bool> found_here_;
    // Sentences that hold the page's own words before a piece that is their source's end
    // (inside_here), or after a piece that is their source's start (starts_here): a paste put
    // inside a sentence of the page (inside_piece, step 0). The run is cut to the piece there.
    std::vector<bool> inside_here_;
    std::vector<bool> starts_here_;

    // ends_of asks again for a run's head with a lower weight, which this piece does not depend
    // on: the last answer is kept (the search reads up to seven source sentences).
    struct AcrossGap {
        std::size_t k;
        std::uint64_t direct;
        std::optional<Piece> piece;
    };
    std::optional<AcrossGap> last_across_gap_;
    // The page's sentences by text (sentences_with_text): the steps 1b and 1c look up a
    // sentence's other occurrence in the page. Built on the first lookup: most pages have no
    // sentence that gets that far.
    // (text, sentence) pairs in that order, and the sentences alone in the same order (the spans
    // sentences_with_text returns).
    mutable std::vector<std::pair<std::uint64_t, std::uint32_t>> sentences_by_text_;
    mutable std::vector<std::uint32_t> sentence_of_text_;
    mutable bool texts_indexed_ = false;
    // The page's sentences that open a line, by first token (TokenEdges::from_start(0)), as
    // (token, sentence) pairs in that order: step 1c looks up the paragraph that a piece alone on
    // its line starts over. Built on the first lookup too.
    mutable std::vector<std::pair<int, std::uint32_t>> openers_by_token_;
    mutable bool openers_indexed_ = false;
    struct TextOrder {
        bool operator()(const std::pair<std::uint64_t, std::uint32_t>& a, std::uint64_t key) const { return a.first < key; }
        bool operator()(std::uint64_t key, const std::pair<std::uint64_t, std::uint32_t>& a) const { return key < a.first; }
    };
};

}  // namespace once
