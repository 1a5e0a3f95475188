// shape_passes.hpp — the classifier's per-line state and its passes over one page
// (shape.hpp is the public face; docs/boilerplate.md tells the rules and their reasons).
//
// Why a header: the passes live in three files by job — shape.cpp (a class per line from its
// own shape, blocks, the order of the passes), title_slot.cpp (the page's own title), and
// context_passes.cpp (recurrence and neighbours) — and share the line state below.
//
// Contract: internal to src/once/judge. Every pass takes the whole page and changes only the
// fields it names; each is linear in the number of lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "once/judge/line_shape.hpp"
#include "once/judge/shape.hpp"

namespace once {

// jusText's classes (good / near-good / short / bad), plus a "soft" bad that context may still
// rescue (a single cue word between paragraphs is an in-article heading).
enum class LineClass : std::uint8_t { blank, good, near_good, short_line, bad, soft_bad };

inline bool is_bad(LineClass c) { return c == LineClass::bad || c == LineClass::soft_bad; }

// One line of the page as the passes see it (not once::Line, the segmenter's line).
struct JudgedLine {
    std::string_view text;       // the normalized line
    LineShape shape;
    LineClass cls = LineClass::blank;
    double score = 0.0;
    bool recurring = false;      // template of the site (recurrence share reached)
    bool recurs_some = false;    // in >= 2 documents, below the share
    bool recurs_often = false;   // in >= config.boilerplate_many_docs documents, whatever the share
    bool everywhere = false;     // on every page of its group (a headline is linked from some pages, not all)
    bool long_prose = false;     // exempt from recurrence: a duplicate's business
    bool title = false;          // the article's title slot
    bool anchor = false;         // counts as article for the neighbours (good, title, protect)
    bool head_anchor = false;    // counts as article for the lines below it only (a headline above
                                 // the title slot: a menu above it is still a menu)
    bool data = false;           // in a block of key:value rows, or a table of contents and the
                                 // headings it names: never chrome by context alone
    bool spec_row = false;       // a row of a spec table of "label value" rows (mark_data_blocks):
                                 // a fact of the page even where it recurs in the margin
    bool resolved = false;       // class settled by context
    bool protect = false;        // matched a --keep pattern
    bool value_differs = false;  // its template recurs, its numbers do not: a label with data
    bool margin = false;         // a template by promote_margin_recurrence
    ShapeRule markup = ShapeRule::none;  // lynx's markup, not text: its line of <head> links or a
                                 // formula's MathML source (mark_head_links, mark_math_source).
                                 // Chrome, decided after every pass, so that it changes no other
                                 // line's judgement (the page's first line holds no other evidence)
    bool tail_heading = false;   // a list heading between paragraphs in the page's last fifth
    bool section_link = false;   // a link line over paragraphs ("see also: …", "main article: …"):
                                 // chrome, but no evidence for its neighbours
    bool contents_entry = false; // an entry of the page's table of contents (mark_contents)
    bool listing = false;        // a row of a code listing (mark_listings): kept whole by the planner
                                 // when a copy of its page covers part of the listing
    ShapeRule rule = ShapeRule::none;  // what set `score` last
};

// Sets a line's score and the rule that decided it (the map's `rule`).
inline void judge(JudgedLine& line, double score, ShapeRule rule) {
    line.score = score;
    line.rule = rule;
}

// For every line, the class of the nearest non-blank line above (`step` -1) or below (+1)
// that `decided` accepts, anchors counting as good; `LineClass::blank` when the page edge comes
// first (the edges are neutral: a page may start or end with article text). One pass, so the
// context rules stay linear on pages of thousands of short lines.
// With `headlines`, a headline (head_anchor) counts as good for the lines below it: only the
// neighbour rule for uncertain lines asks for it, so a headline never rescues a button under it.
template <class Pred>
std::vector<LineClass> nearest(const std::vector<JudgedLine>& lines, int step, Pred decided, bool headlines = false) {
    const std::size_t n = lines.size();
    std::vector<LineClass> out(n, LineClass::blank);
    LineClass last = LineClass::blank;
    for (std::size_t j = 0; j < n; ++j) {
        const std::size_t k = step < 0 ? j : n - 1 - j;
        out[k] = last;
        const JudgedLine& line = lines[k];
        // Junk (a query string, an ad frame) and embedded frames are no evidence about the text
        // around them: an ad or a video sits between paragraphs as often as between menus.
        // A section's link line ("see also: …") says nothing about the heading above it either.
        if (line.cls == LineClass::blank || line.shape.cue == Cue::junk || line.shape.embed || line.section_link) continue;
        if (line.anchor || (headlines && step < 0 && line.head_anchor)) last = LineClass::good;
        else if (decided(line)) last = line.cls;
    }
    return out;
}

inline bool decided(const JudgedLine& line) { return line.cls == LineClass::good || is_bad(line.cls); }

// Calls `visit(start, end)` for every block: a maximal run of non-blank lines.
template <class Visit>
void for_each_block(const std::vector<JudgedLine>& lines, std::size_t limit, Visit visit) {
    for (std::size_t start = 0; start < limit;) {
        if (lines[start].cls == LineClass::blank) { ++start; continue; }
        std::size_t end = start;
        while (end < limit && lines[end].cls != LineClass::blank) ++end;
        visit(start, end);
        start = end;
    }
}

// A chrome line that cuts the page's main run (below): junk and embedded frames are passed over.
inline bool cuts_main_run(const JudgedLine& l) { return is_bad(l.cls) && l.shape.cue != Cue::junk && !l.shape.embed; }

// The page's main run: its heaviest run of lines that `paragraph` accepts, no chrome line
// (cuts_main_run) between them. `start` and `end` are its first and last paragraph (both
// lines.size() when the page has none); `weight` is its weight, `total` the page's paragraph
// weight. mark_article_end and mark_reader_appeals read the article's end from it.
struct MainRun {
    std::size_t start = 0;
    std::size_t end = 0;
    long weight = 0;
    long total = 0;
};
template <class Paragraph>
MainRun main_run(const std::vector<JudgedLine>& lines, Paragraph paragraph) {
    const std::size_t n = lines.size();
    MainRun best{n, n, 0, 0};
    std::size_t run_start = n;
    long run = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const JudgedLine& l = lines[i];
        if (cuts_main_run(l)) {
            run = 0;
            continue;
        }
        if (!paragraph(l)) continue;
        best.total += l.shape.weight;
        if (run == 0) run_start = i;
        run += l.shape.weight;
        if (run > best.weight) {
            best.weight = run;
            best.start = run_start;
            best.end = i;
        }
    }
    return best;
}

// --- the passes, in the order classify_lines runs them ---------------------------------------
// code_listing.cpp
// The rows of code listings (code_listing.hpp): sets `listing`, changes no judgement.
void mark_listings(std::vector<JudgedLine>& lines);
// title_slot.cpp
// Marks the page's own title, byline and dateline; returns the first paragraph's index (n: none).
std::size_t mark_title_slot(std::vector<JudgedLine>& lines);
// The page's first line printed again under the header's chrome: the page's title over its content.
void mark_title_under_header(std::vector<JudgedLine>& lines);
// The words a headline shares with its story: Latin words of >= 4 letters and CJK character pairs.
std::vector<std::string_view> headline_words(std::string_view s);
// A line's weight without its numbers (a word with a digit is one): a dateline keeps little.
int figure_free_weight(std::string_view text);
// A line with figures whose words without them weigh less than a headline's (a date, a time, a
// dateline with its source): title_slot.cpp's slot and article_start.cpp's head.
bool is_dateline(const JudgedLine& line);
// Whether a line holds a date's or a time's figure: a year from 1900 to 2099 or a time ("18:42").
bool has_date_figure(std::string_view text);
// context_passes.cpp
// Script source printed as text: the marks of k_script_marks are at least a tenth of the line's
// bytes that are not spaces.
bool script_like(std::string_view text);
void promote_margin_recurrence(std::vector<JudgedLine>& lines);
// An advertisement label between two paragraphs is an ad slot: chrome, no evidence for its neighbours.
void mark_ad_slots(std::vector<JudgedLine>& lines);
// Link lines over a section's paragraphs ("see also: …", "main article: …") stay chrome, but are
// passed over when neighbours are read.
void mark_section_links(std::vector<JudgedLine>& lines);
void apply_recurrence(std::vector<JudgedLine>& lines);
// form_block.cpp
// A form printed as text (text fields, check boxes, buttons) with its heading and buttons: chrome.
void mark_form_blocks(std::vector<JudgedLine>& lines);
// context_passes.cpp
void rescue_soft_cues(std::vector<JudgedLine>& lines);
void demote_tail(std::vector<JudgedLine>& lines);
void follow_neighbours(std::vector<JudgedLine>& lines, LineClass which, bool any_good);
void mark_link_lists(std::vector<JudgedLine>& lines);
// Menu items above the first paragraph (head-menu) and below the last one (foot-menu).
void mark_margin_menus(std::vector<JudgedLine>& lines, std::size_t first_good);
// Everything from the first chrome line after the page's main run of paragraphs to the page's
// end (article-end), when little paragraph weight remains there.
void mark_article_end(std::vector<JudgedLine>& lines);
// card_list.cpp
// Teaser cards and comments of one form, repeated under the article as the page's tail (article-end).
void mark_card_lists(std::vector<JudgedLine>& lines);
// reader_appeal.cpp
// A short call to the reader (subscribe, sign up, follow, donate) below the article's end (article-end).
void mark_reader_appeals(std::vector<JudgedLine>& lines);
// title_box.cpp: a box of other stories' titles under the article's end (rule article-end).
void mark_title_boxes(std::vector<JudgedLine>& lines);
// article_start.cpp
// Everything above the page's head — the chrome over the article's first paragraph and what
// stands above it (article-start) — when little paragraph weight is there; the headline stays.
void mark_article_start(std::vector<JudgedLine>& lines);
// The page's title with the site's name in its header ("Headline - Site") over the headline
// printed again above the story: the header's copy goes (article-start), the headline stays.
void mark_window_title(std::vector<JudgedLine>& lines);

}  // namespace once
