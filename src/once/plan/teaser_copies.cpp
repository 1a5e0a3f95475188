// teaser_copies.cpp — step 0a (document_planner.hpp): the page's paragraphs that an earlier
// teaser joined into one line stay (issue 11, item 5: provenance that survives order).
//
// Why: a card above the story often prints the opening of the article as one line, its first
// paragraphs joined ("An unmanned Russian cargo spaceship … broke up over Siberia
// … The Progress MS-04 cargo craft broke up at an altitude of 190 kilometers …" on readability's
// yahoo-2 page, in a card above the story). The teaser comes first in input order, so the
// article's own opening paragraphs were the later copy and went (447 bytes of yahoo-2). A
// teaser's tell is its form: one earlier line of the page holds sentences that the page prints
// again as paragraphs of their own. The page keeps its paragraphs then; the teaser, not a source any
// more for them, stays where it is (plan/provenance.cpp makes text inside chrome no source at
// all; this card was read as the page's head). A copy the other way round — paragraphs glued
// into one line later, a restart printed without its breaks — is not touched: there the later
// line holds the sentences of several source lines.
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "once/plan/document_planner.hpp"

namespace once {
namespace {

// A teaser quotes the opening of an article: a few sentences. A source line holding more (or
// more of the page's sentences) is a whole text printed without line breaks (a record without
// newlines, a page printed again as one line), whose copies are copies.
//
// Only a line of the same page is taken for a teaser. Across pages the same form is as often a
// site's second print of one press release, laid out in other paragraphs: on ldcc (grouped by
// site) 9 such articles, 4,321 bytes, stayed when other pages' lines counted too, and not one of
// them was a teaser; another page's related list is left to plan/provenance.cpp (text inside
// chrome is no source).
constexpr std::size_t k_teaser_max_sentences = 4;

}  // namespace

void DocumentPlanner::hold_teaser_copies() {
    // This page's matched sentences by the line of the page's sentence each was matched with (a
    // source of this page is sentence `direct - base_` of its own layout, so no matcher lookup).
    std::map<std::uint32_t, std::vector<std::size_t>> by_source_line;
    for (std::size_t k = 0; k < sentences_.size(); ++k) {
        if (matches_[k].type == MatchType::none || held_[k]) continue;
        if (matches_[k].direct < base_) continue;  // another page's line: see k_teaser_max_sentences
        const Sentence& source = sentences_[matches_[k].direct - base_];
        if (source.first_line != source.last_line) continue;  // a sentence across lines: no one-line teaser
        by_source_line[source.first_line].push_back(k);
    }
    for (const auto& [source_line, copies] : by_source_line) {
        if (copies.size() < 2 || copies.size() > k_teaser_max_sentences) continue;
        // The sentences on the teaser's line: those starting on it, and one ending on it that
        // started on a line before.
        const Line& line = lines_[source_line];
        const std::size_t on_line = line.last_sentence - line.first_sentence + (opens_its_line(line.first_sentence) ? 0 : 1);
        if (on_line > k_teaser_max_sentences) continue;
        // The teaser's sentences in its order, each once (a line the page repeats, a command in
        // a tutorial printed again and again, copies one sentence many times: no teaser), each
        // within one line, spread over two paragraphs of the page or more. Each a whole sentence
        // of the teaser, or an edited one ("MOSCOW (AP) — An unmanned …"), that ends as a
        // sentence does: a cut-off copy is how a restart of the page repeats its
        // paragraphs, not how an article opens (the generator's truncated copies, seed 7: a
        // paragraph of two sentences printed again as the first cut off mid-sentence, matched by
        // its estimated similarity, and the second beside an edited copy of the first).
        bool in_order = true, own_lines = true;
        for (std::size_t c = 0; c < copies.size(); ++c) {
            own_lines = own_lines && sentences_[copies[c]].first_line == sentences_[copies[c]].last_line &&
                        matches_[copies[c]].type != MatchType::containment && sentences_[copies[c]].terminated;
            if (c > 0) in_order = in_order && matches_[copies[c]].direct > matches_[copies[c - 1]].direct;
        }
        const std::uint32_t first_block = lines_[sentences_[copies.front()].first_line].block;
        const std::uint32_t last_block = lines_[sentences_[copies.back()].first_line].block;
        if (!in_order || !own_lines || first_block == last_block) continue;  // one paragraph: a copy of it
        for (std::size_t k : copies) held_[k] = true;
    }
}

}  // namespace once
