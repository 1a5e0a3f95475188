// shape.hpp — is a line of a page article text or site chrome? Judged from the page alone
// (its shape and its neighbours) plus, where known, how often it recurs across the site.
//
// Why: a page from a site seen once still carries menus, share rows and related-article lists,
// and recurrence counting cannot see them. In the spirit of jusText (block length, stopword and
// link density, then a context pass where short blocks follow their neighbours), adapted to plain
// text in Japanese, Chinese and European languages: length in weight units, share of sentence-
// ending punctuation, bullets, button/link words from per-language word lists (data/lexicon),
// runs of short title-like lines, position at the head/tail of the page.
//
// Where: lexicon.hpp (word lists), line_shape.hpp (measuring one line), shape_passes.hpp (the
// passes: shape.cpp, title_slot.cpp, context_passes.cpp), shape_scores.hpp (every number).
//
// Contract: one verdict per input line, same order. Blank lines get `chrome=false, score=0`.
// Never marks a line chrome when it has `protect` set. Deterministic.
//
//   once::Lexicon lexicon = once::Lexicon::load("data/lexicon");
//   auto verdicts = once::classify_lines(lines, lexicon, config);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "once/core/config.hpp"
#include "once/judge/lexicon.hpp"

namespace once {

struct LineFeatures {
    std::string_view normalized;   // NFKC + case-folded line text, whitespace collapsed
    int weight = 0;                // weight units (config.hpp)
    bool blank = false;
    // Cross-document recurrence of this line's template (numbers masked) in its group: number
    // of documents containing it, and the group's document count. 0/0 when unknown.
    std::uint32_t recurrence_docs = 0;
    std::uint32_t group_docs = 0;
    // A line with numbers: in how many documents of the group it occurs with the same numbers
    // (its value). A template that recurs while its value does not is a label with data ("attendance:
    // 45,000", an article's own URL or date): never a site template. Unused without numbers.
    bool has_numbers = false;
    std::uint32_t value_docs = 0;
    bool protect = false;          // matched a --keep pattern
};

// Which rule decided a line (the map's `rule`, docs/map-format.md): the last rule that set its
// score, or the recurrence rule when the line is a site template.
enum class ShapeRule : std::uint8_t {
    none,
    // a class from the line alone (docs/boilerplate.md, step 1)
    copyright, junk, menu_row, cue_row, button, heading, breadcrumb, link, paragraph, near_paragraph, short_line,
    // blocks, the title slot and context (steps 2 and 3)
    wrapped_paragraph, title, rescued, between_paragraphs, between_chrome, link_list, head_menu, tail,
    // recurrence across the group
    recurrence, margin_recurrence,
    // added later, kept last so the numbers of the others stay (signature files carry them as
    // bytes; k_last_shape_rule below names the last value: a new rule moves it)
    foot_menu, article_end,
    // an entry of the page's table of contents (docs/boilerplate.md, step 1): kept, but navigation,
    // so never the source its own section heading further down would be a copy of (plan/provenance)
    contents,
    // a row of a spec table of "label value" rows (docs/boilerplate.md, step 1): kept, but a fact
    // of its page, so a few rows that another page's table prints alike are no copy (plan/copy_runs)
    spec_row,
    // above the article's start (docs/boilerplate.md, step 3.9): the chrome over the page's head
    article_start,
    // a form printed as text (docs/boilerplate.md, step 3, "Forms"): its controls, labels, heading and buttons
    form_block,
    // lynx's line of the page's <head> links at the top of the dump (docs/boilerplate.md, step 1)
    head_links,
    // lynx's MathML source of a formula whose TeX the page prints too (docs/boilerplate.md, step 1)
    math_source,
    // a row of a code listing (docs/boilerplate.md, "Code listings"): kept, and a same-page copy
    // that covers only part of its listing is the listing's own (plan/own_text_runs.cpp)
    listing,
};
// The last ShapeRule: run/shard.cpp refuses a rule byte above it as corruption, so a rule added at
// the end must move this (tests/judge/shape_blocks_test.cpp fails until it does).
constexpr ShapeRule k_last_shape_rule = ShapeRule::listing;
// "copyright", "menu-row", ..., "margin-recurrence": the names written to the map.
std::string_view rule_name(ShapeRule rule);

struct LineVerdict {
    bool chrome = false;
    double score = 0.0;            // 0 = surely article, 1 = surely chrome
    bool by_recurrence = false;    // decided mainly by cross-document recurrence
    bool title = false;            // the page's own title (and dateline): the title slot
    ShapeRule rule = ShapeRule::none;
};

std::vector<LineVerdict> classify_lines(const std::vector<LineFeatures>& lines,
                                        const Lexicon& lexicon, const Config& config);

}  // namespace once
