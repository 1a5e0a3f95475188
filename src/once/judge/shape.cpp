// shape.cpp — article text or site chrome, judged line by line (see shape.hpp and
// docs/boilerplate.md for the rules and their reasons).
//
// The classifier works in three steps, each a plain loop over the lines of one document:
//   1. features and an initial class per line (jusText's good / near-good / short / bad, plus
//      a "soft" bad that context may still rescue) — here, with the block passes;
//   2. the title slot (the article's own title and dateline, protected; title_slot.cpp) and
//      recurrence (context_passes.cpp);
//   3. the context pass: uncertain lines follow their neighbours, link lists after a heading
//      and menu runs at the head of the page go with the chrome around them (context_passes.cpp).
// Lines are measured by line_shape.cpp; every number is named in shape_scores.hpp.
#include "once/judge/shape.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "once/judge/line_chars.hpp"
#include "once/judge/shape_passes.hpp"
#include "once/judge/shape_scores.hpp"

namespace once {

namespace {

using namespace shape_scores;
using namespace line_chars;

// Prose in a space-separated script has function words: a line (or block) of at least
// k_stop_test_words Latin words, mostly Latin, needs k_prose_stop of them where the word lists
// cover the page's language. CJK lines pass (judged by length and punctuation alone).
bool has_function_words(const LineShape& s, bool latin_covered) {
    if (!latin_covered || 2 * s.latin_words < s.cjk || s.latin_words < k_stop_test_words) return true;
    return s.latin_stop * k_prose_stop_den >= s.latin_words * k_prose_stop_num;
}

// Step 1, the page's first line: lynx's line of <head> links ("#alternate alternate …", "#site »
// feed site » comments feed"; shape_scores.hpp, k_lynx_head_links) names feeds and editions, never
// the article. Only lynx's refresh line and frames may stand above it. Chrome, but it is marked
// only (JudgedLine::markup) and removed after every pass: as evidence it changed other lines (on
// trafilatura's gnaur.wordpress.com page the line, long and punctuated, was the paragraph above
// the page's top that kept the article-start rule from taking a post of short dialogue lines).
void mark_head_links(std::vector<JudgedLine>& lines) {
    for (JudgedLine& line : lines) {
        if (line.cls == LineClass::blank) continue;
        const std::string_view s = line.text;
        if (line.shape.embed || s.starts_with(k_lynx_refresh)) continue;
        if (s.size() >= 2 && s[0] == k_lynx_head_links && s[1] != k_lynx_head_links && s[1] != ' ')
            line.markup = ShapeRule::head_links;
        return;
    }
}

// Step 1, formulas: lynx's MathML source ("[math: <semantics> … :math]") that carries the formula's
// TeX as an annotation is a second copy of a formula the page prints as TeX beside it
// (shape_scores.hpp, k_lynx_math_open). Chrome, marked like the head links and removed after
// every pass, so it says nothing about the paragraphs it stands in. Without the annotation (a
// MathJax page) it is the formula: kept.
void mark_math_source(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (lines[i].cls == LineClass::blank || !lines[i].text.starts_with(k_lynx_math_open)) continue;
        std::size_t end = i;  // the block's last line: the one that closes it
        bool tex = false;
        for (; end < n && end - i < k_math_block_lines && lines[end].cls != LineClass::blank; ++end) {
            const std::string_view s = lines[end].text;
            tex = tex || s.find(k_math_tex_annotation) != std::string_view::npos;
            if (s.find(k_lynx_math_close) != std::string_view::npos) break;
        }
        if (end >= n || end - i >= k_math_block_lines || lines[end].cls == LineClass::blank) continue;  // never closed
        // Text after the close on its line would go with it: such a block is left alone.
        if (tex && lines[end].text.ends_with(k_lynx_math_close)) {
            for (std::size_t k = i; k <= end; ++k) lines[k].markup = ShapeRule::math_source;
        }
        i = end;
    }
}

// Step 1: one class per line from its own shape, with recurrence flags. Returns whether the
// word lists cover the page's language (stop-word density is evidence only then).
bool classify_alone(std::vector<JudgedLine>& lines, const std::vector<LineFeatures>& features, const Config& config,
                    const LexiconLookup& lookup) {
    const std::size_t n = lines.size();
    // Counted on the lines with sentence punctuation when there are any: a list of names or tags
    // longer than the article must not hide the article's language.
    long latin_words = 0, latin_stop = 0, prose_words = 0, prose_stop = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const LineFeatures& f = features[i];
        JudgedLine& line = lines[i];
        if (f.blank || f.normalized.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
        line.text = f.normalized;
        line.shape = measure_line(f.normalized, f.weight, lookup);
        line.cls = LineClass::short_line;
        latin_words += line.shape.latin_words;
        latin_stop += line.shape.latin_stop;
        if (line.shape.prose) {
            prose_words += line.shape.latin_words;
            prose_stop += line.shape.latin_stop;
        }
        line.long_prose = f.weight >= k_long_prose_weight && line.shape.prose;
        // A template recurs with its words and its numbers; a line whose words recur with other
        // numbers on every page is a label with data (a score, an attendance, the article's own
        // URL or date), judged like any other line of the page.
        const std::uint32_t docs = f.has_numbers ? f.value_docs : f.recurrence_docs;
        auto is_template = [&](std::uint32_t count) {
            return f.group_docs > 0 && static_cast<int>(count) >= config.boilerplate_min_docs &&
                   static_cast<double>(count) >= config.boilerplate_min_share * static_cast<double>(f.group_docs);
        };
        if (f.group_docs > 0 && docs >= 2) {
            const bool templ = is_template(docs);
            if (!line.long_prose) {
                line.recurring = templ;
                line.recurs_some = !templ;
            }
            line.recurs_often = static_cast<int>(docs) >= config.boilerplate_many_docs;
            line.everywhere = docs >= f.group_docs;
        }
        line.value_differs = f.has_numbers && !line.recurring && !line.recurs_often && is_template(f.recurrence_docs);
        line.data = line.value_differs;
    }
    // A pipe row next to a pipe row with numbers is a table's header, not a menu.
    for (std::size_t i = 0; i < n; ++i) {
        if (lines[i].shape.cue != Cue::nav_row) continue;
        auto numeric_row = [&](std::size_t k) {
            const LineShape& s = lines[k].shape;
            return lines[k].cls != LineClass::blank && s.cue != Cue::nav_row && s.bars == lines[i].shape.bars && s.digits;
        };
        if ((i > 0 && numeric_row(i - 1)) || (i + 1 < n && numeric_row(i + 1))) lines[i].shape.cue = Cue::none;
    }
    // Space-separated link heads ("previous foo") count only as a previous/next pair.
    for (std::size_t i = 0; i < n; ++i) {
        if (!lines[i].shape.spaced_link) continue;
        auto link_at = [&](std::size_t k) { return lines[k].shape.spaced_link || lines[k].shape.cue == Cue::link; };
        if ((i > 0 && link_at(i - 1)) || (i + 1 < n && link_at(i + 1))) lines[i].shape.cue = Cue::link;
    }
    // Stop-word density is evidence only where the word lists cover the page's language, and
    // only for space-separated scripts: Chinese news prose can have no function word at all in
    // a 40-character sentence, so CJK lines are judged by length and punctuation alone.
    const bool latin_covered =
        prose_words > 0 ? prose_stop * k_covered_prose_den >= prose_words * k_covered_prose_num
                        : latin_words > 0 && latin_stop * k_covered_stop_den >= latin_words * k_covered_stop_num;

    for (JudgedLine& line : lines) {
        if (line.cls == LineClass::blank) continue;
        const LineShape& s = line.shape;
        switch (s.cue) {
        case Cue::junk:
            line.cls = LineClass::bad;
            judge(line, k_score_junk, ShapeRule::junk);
            continue;
        case Cue::copyright: case Cue::nav_row:
            line.cls = LineClass::bad;
            if (s.cue == Cue::copyright) judge(line, k_score_copyright, ShapeRule::copyright);
            else judge(line, k_score_cue_row, ShapeRule::menu_row);
            continue;
        case Cue::button: case Cue::heading:
            // One phrase alone may be an in-article heading ("Weather"); a row of them is not.
            line.cls = s.phrases >= 2 ? LineClass::bad : LineClass::soft_bad;
            if (s.phrases >= 2) judge(line, k_score_cue_row, ShapeRule::cue_row);
            else if (s.cue == Cue::button) judge(line, k_score_button, ShapeRule::button);
            else judge(line, k_score_soft_cue, ShapeRule::heading);
            continue;
        case Cue::breadcrumb: case Cue::link:
            line.cls = LineClass::soft_bad;
            judge(line, k_score_soft_cue, s.cue == Cue::link ? ShapeRule::link : ShapeRule::breadcrumb);
            continue;
        case Cue::none:
            break;
        }
        const bool stop_ok = has_function_words(s, latin_covered);
        const bool may_be_good = !s.ellipsis && !line.recurs_some && !line.recurring;
        if (s.weight >= k_good_weight && s.prose && stop_ok && may_be_good) {
            line.cls = LineClass::good;
            judge(line, s.weight >= k_good_long_weight ? k_score_good_long : k_score_good, ShapeRule::paragraph);
        } else if (s.weight >= k_good_weight || (s.weight >= k_near_good_weight && s.terminal)) {
            line.cls = LineClass::near_good;
            judge(line, k_score_near_good, ShapeRule::near_paragraph);
        } else {
            judge(line, k_score_short_mixed, ShapeRule::short_line);
        }
    }
    return latin_covered;
}


// The sums a block is judged on, over its non-blank lines [start, end).
struct BlockSums {
    int count = 0, weight = 0, ends = 0, periods = 0, bullets = 0, sentences = 0, run_on = 0;
    bool clean = true;
    LineShape words;  // latin_words, latin_stop, cjk: for has_function_words
};
BlockSums sum_block(const std::vector<JudgedLine>& lines, std::size_t start, std::size_t end) {
    BlockSums b;
    for (std::size_t k = start; k < end; ++k) {
        const JudgedLine& l = lines[k];
        if (l.cls == LineClass::blank) continue;
        const LineShape& s = l.shape;
        ++b.count;
        b.weight += s.weight;
        b.clean = b.clean && s.cue == Cue::none && !l.recurring && !l.recurs_some;
        b.bullets += s.bullet;
        b.ends += s.terminal || s.comma_end;
        b.periods += s.period_end || s.comma_end;
        b.words.latin_words += s.latin_words;
        b.words.latin_stop += s.latin_stop;
        b.words.cjk += s.cjk;
        b.sentences += s.sentence_ends;
        b.run_on += s.full_stops > 0 && !s.terminal;
    }
    return b;
}

// Wrapped at a width (an RFC, a plain-text mail, <pre> text): lines end inside sentences, so
// few end in punctuation, and a sentence ends inside a line that goes on with the next
// ("publication of this document. please review these documents"); the block still reads as
// sentences — at least k_wrapped_sentences of them, the last line ending one or introducing
// what follows ("the actions the interface exposes are:"), no bullet, in a space-separated
// script (a Japanese title may hold "。"; CJK blocks keep the rule of mark_wrapped_paragraphs).
// A headline block over a caption ("… single. problem damit?" / "foto: anna jay.") has
// sentences too, but each ends its line.
bool wrapped_at_width(const BlockSums& b, const JudgedLine& last) {
    return b.count >= k_wrapped_lines && b.bullets == 0 && b.run_on > 0 && b.sentences >= k_wrapped_sentences &&
           (last.shape.terminal || last.text.ends_with(':')) && b.words.latin_words > 0 &&
           2 * b.words.latin_words >= b.words.cjk;
}

void mark_good(std::vector<JudgedLine>& lines, std::size_t start, std::size_t end) {
    for (std::size_t k = start; k < end; ++k) {
        if (lines[k].cls == LineClass::good || lines[k].cls == LineClass::blank) continue;
        lines[k].cls = LineClass::good;
        judge(lines[k], k_score_good, ShapeRule::wrapped_paragraph);
    }
}

// A page that puts a blank line after (nearly) every line — a converter that writes each line
// break as a paragraph; the Readability gold texts bench/inject_real.py injects copies into —
// shows no blocks: at least k_double_spaced_blocks blocks, k_double_spaced_num/den of them one
// line long.
bool is_double_spaced(const std::vector<JudgedLine>& lines) {
    int blocks = 0, single = 0;
    for_each_block(lines, lines.size(), [&](std::size_t start, std::size_t end) {
        ++blocks;
        single += end - start == 1;
    });
    return blocks >= k_double_spaced_blocks && single * k_double_spaced_den >= blocks * k_double_spaced_num;
}

// Lines wrapped at one width: none longer than the longest line that goes on to the next (the
// width, give or take the word that did not fit), and every line that goes on at least
// 1/k_wrap_fill_den of it — a headline, a byline and a teaser one blank line apart on a lynx
// page are not (a trafilatura page lost its title so), an RFC's lines are.
bool one_width(const std::vector<JudgedLine>& lines, std::size_t first, std::size_t last) {
    std::size_t width = 0;
    for (std::size_t k = first; k < last; k += 2) width = std::max(width, lines[k].text.size());
    for (std::size_t k = first; k < last; k += 2)
        if (k_wrap_fill_den * lines[k].text.size() < width) return false;
    return lines[last].text.size() <= width + k_wrap_overshoot_bytes;
}

// Does the block [start, end) read as prose as a whole (mark_wrapped_paragraphs, below)?
bool reads_as_prose(const std::vector<JudgedLine>& lines, std::size_t start, std::size_t end, bool latin_covered) {
    const BlockSums b = sum_block(lines, start, end);
    if (b.count < 2 || !b.clean || b.weight < k_good_weight || 2 * b.bullets >= b.count) return false;
    if (!wrapped_at_width(b, lines[end - 1]) && (2 * b.ends < b.count || b.periods == 0)) return false;
    return has_function_words(b.words, latin_covered);
}

// A section label over the block's first line ("zubereitung:", "ingredients:", "材料：") is the
// block's heading, not one of its lines: a recipe or product site prints it on every page, so
// it recurs, and a recurring line made the whole block unclean — the steps under it, judged
// line by line as near-good, then went as chrome between the site's recurring widgets
// (trafilatura's kulinariaathome page lost its whole recipe so). Short, no bullet, no cue word:
// a lexicon heading ("related posts:") over teasers keeps its block unclean.
bool section_label(const JudgedLine& line) {
    return line.shape.colon_end && line.shape.weight <= k_menu_item_weight && !line.shape.bullet &&
           line.shape.cue == Cue::none;
}

// Hard-wrapped paragraphs: a block that reads as prose as a whole (no cue in it, enough
// weight, most lines ending in sentence punctuation or a comma, at least one in a period or a
// comma — titles end in neither, and few bullets) is good line by line. A block of a
// space-separated script needs the function words of prose, as a line does: a list of names
// or tags wrapped at commas ("kudos: anna, bert_99, ...") ends every line in a comma too.
// On a double-spaced page a paragraph wrapped at a width is a run of one-line blocks one blank
// line apart, up to the first line that ends a sentence: judged as wrapped at a width only
// (an RFC's sections, printed so, went as chrome between its page headers: 10 KB of
// inject_real's seed 1).
void mark_wrapped_paragraphs(std::vector<JudgedLine>& lines, bool latin_covered, bool double_spaced) {
    for_each_block(lines, lines.size(), [&](std::size_t start, std::size_t end) {
        if (reads_as_prose(lines, start, end, latin_covered)) mark_good(lines, start, end);
        else if (section_label(lines[start]) && reads_as_prose(lines, start + 1, end, latin_covered))
            mark_good(lines, start + 1, end);
    });
    if (!double_spaced) return;
    const std::size_t n = lines.size();
    // A line with a cue or a template is a paragraph's line on no page: the run goes around it.
    auto plain = [&](std::size_t k) {
        const JudgedLine& l = lines[k];
        return l.cls != LineClass::blank && l.shape.cue == Cue::none && !l.recurring && !l.recurs_some;
    };
    for (std::size_t start = 0; start < n;) {
        if (!plain(start)) { ++start; continue; }
        std::size_t last = start;
        while (!lines[last].shape.terminal && !lines[last].text.ends_with(':') && last + 2 < n &&
               lines[last + 1].cls == LineClass::blank && plain(last + 2))
            last += 2;
        const BlockSums b = sum_block(lines, start, last + 1);
        if (b.weight >= k_good_weight && wrapped_at_width(b, lines[last]) && one_width(lines, start, last) &&
            has_function_words(b.words, latin_covered))
            mark_good(lines, start, last + 1);
        start = last + 1;
    }
}

// A row of a spec table written without colons ("RAM 2GB", "機種名 GALAXY SIII SC-06D",
// "GPS ◯", "防水 -"): short, not prose, not a list item or link, a label and a value after a
// space in at most k_spec_row_parts words (a headline has more), the label not a number (a dated
// teaser list, "2012年5月16日 …", is no table).
bool spec_row(const JudgedLine& l) {
    const LineShape& s = l.shape;
    if (l.cls == LineClass::blank || s.cue != Cue::none || s.bullet || s.url || s.prose || s.ellipsis ||
        l.text.size() > k_spec_row_bytes)
        return false;
    const std::size_t space = l.text.find(' ');
    const auto parts = static_cast<std::size_t>(std::count(l.text.begin(), l.text.end(), ' ')) + 1;
    return space != std::string_view::npos && space > 0 && space + 1 < l.text.size() &&
           parts <= k_spec_row_parts && !(l.text[0] >= '0' && l.text[0] <= '9');
}

// A spec row's value is a measurement or a yes/no mark: a digit, or a mark a table prints for
// "yes", "no" or "none".
bool valued_row(const JudgedLine& l) {
    if (l.shape.digits) return true;
    const std::string_view value = l.text.substr(l.text.rfind(' ') + 1);
    for (const std::string_view mark : {"◯", "○", "×", "✕", "-", "―", "—"})
        if (value.starts_with(mark)) return true;
    return false;
}

// Spec and info boxes ("価格:無料", "weight: 2.1 kg"): blocks of >= 3 key:value rows are article
// facts, whatever chrome surrounds them, so context never turns them into chrome. So are spec
// tables written as "label value" rows (a phone's specs under a livedoor article: 2/3 of their
// rows went as chrome before, "機種名 GALAXY SIII SC-06D" and "発売時期 2012年7月" among them)
// when most rows carry a measurement or a mark, most of those rows come back on other pages of
// the site (the same labels: a site's spec table has a form; a shop's address or a list of
// ratings on one page has none), and some rows' numbers are this page's, or a few pages' (a
// menu of two-word items has no values; a table many pages print whole is a template). On a
// page alone, with no other page of its site, nothing recurs and the rule does not apply.
void mark_data_blocks(std::vector<JudgedLine>& lines) {
    for_each_block(lines, lines.size(), [&](std::size_t start, std::size_t end) {
        int fields = 0, rows = 0, valued = 0, own = 0, shared = 0;
        for (std::size_t k = start; k < end; ++k) {
            const JudgedLine& l = lines[k];
            fields += l.shape.field && l.shape.cue == Cue::none;
            if (!spec_row(l)) continue;
            ++rows;
            if (!valued_row(l)) continue;
            ++valued;
            // Its label comes back on other pages of the site, with this value or another.
            shared += l.recurring || l.recurs_some || l.recurs_often || l.value_differs;
            // This page's own (or a few pages': a phone's specs come back in its review) number.
            own += l.shape.digits && !l.recurring && !l.recurs_often;
        }
        const int size = static_cast<int>(end - start);
        const bool fields_box = fields >= k_data_block_rows && 2 * fields >= size;
        const bool spec_table = rows >= k_spec_table_rows && 2 * rows >= size && 2 * valued >= rows &&
                                own >= k_spec_table_own_rows && 2 * shared >= valued;
        if (!fields_box && !spec_table) return;
        for (std::size_t k = start; k < end; ++k) {
            lines[k].data = lines[k].data || lines[k].shape.cue == Cue::none;
            lines[k].spec_row = spec_table && lines[k].shape.cue == Cue::none;
        }
    });
}

// A page without a single paragraph may still be all text: a blog written in short lines with
// spaces for punctuation ("一波波接續性低溫寒流報到 已將新竹尖石鄉後山一帶..."), one clause per
// line (in a space-separated script, with the function words of prose: a list of user names
// wrapped at commas has none). When a page has at least k_unpunctuated_lines long lines of its own — no cue, no
// bullet, not a template — that outweigh its paragraphs, those lines are its text too. (A related list has
// bullets or a heading word, and never stands on a page without an article.)
void mark_unpunctuated_text(std::vector<JudgedLine>& lines, bool latin_covered) {
    auto candidate = [&](const JudgedLine& l) {
        return (l.cls == LineClass::short_line || l.cls == LineClass::near_good) && l.shape.cue == Cue::none &&
               !l.shape.bullet && !l.shape.url && !l.recurring && !l.recurs_some && !l.shape.ellipsis &&
               l.shape.weight >= k_unpunctuated_weight && has_function_words(l.shape, latin_covered);
    };
    int count = 0;
    long weight = 0, good_weight = 0;
    for (const JudgedLine& l : lines) {
        if (l.cls == LineClass::good) good_weight += l.shape.weight;
        if (!candidate(l)) continue;
        ++count;
        weight += l.shape.weight;
    }
    if (count < k_unpunctuated_lines || weight <= good_weight) return;
    for (JudgedLine& l : lines)
        if (candidate(l)) {
            l.cls = LineClass::good;
            judge(l, k_score_good, ShapeRule::paragraph);
        }
}

// The byte offset of the first code point that is neither a bullet nor a space.
std::size_t first_word_at(std::string_view s) {
    std::size_t i = 0;
    for (std::size_t at = 0; at < s.size();) {
        const char32_t c = next_cp(s, at);
        if (!is_bullet(c) && c != ' ') break;
        i = at;
    }
    return i;
}

// The title a table of contents and a heading share: the line without its bullets, its section
// number ("3.1 ", "12. "; "第2章" and "1.はじめに" stay whole, and match a heading written so), a dot
// leader with its page number ("4. requests.......4") and an edit link or mark in brackets at its
// end ("history[edit]"). Empty when no word is left.
std::string_view contents_title(std::string_view s) {
    std::size_t i = first_word_at(s);
    std::size_t after_number = i;
    while (after_number < s.size() && (is_digit(static_cast<unsigned char>(s[after_number])) || s[after_number] == '.')) ++after_number;
    if (after_number > i && (after_number == s.size() || s[after_number] == ' ')) i = after_number;
    std::string_view rest = s.substr(i);
    auto trim = [&] {
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
    };
    trim();
    if (!rest.empty() && rest.back() == ']') {
        const std::size_t open = rest.rfind('[');
        if (open != std::string_view::npos && rest.size() - open <= k_contents_mark_bytes) rest = rest.substr(0, open);
        trim();
    }
    std::size_t end = rest.size();
    while (end > 0 && is_digit(static_cast<unsigned char>(rest[end - 1]))) --end;
    std::size_t dots = end;
    while (dots > 0 && (rest[dots - 1] == '.' || rest[dots - 1] == ' ')) --dots;
    if (end - dots >= 3 && rest.substr(dots, end - dots).find("...") != std::string_view::npos) rest = rest.substr(0, dots);
    trim();
    for (std::size_t at = 0; at < rest.size();)
        if (const char32_t c = next_cp(rest, at); is_word_char(c) || is_cjk(c)) return rest;
    return {};
}

// Keeps a line as the article's: it counts as article for its neighbours, context never makes
// it chrome, and a cue word on it ("sports", "contents") is an in-article heading.
void keep_as_article(JudgedLine& line) {
    line.anchor = true;
    line.data = true;
    if (is_bad(line.cls)) {
        line.cls = LineClass::short_line;
        judge(line, k_score_rescued, ShapeRule::rescued);
    }
}

// A table of contents is the article's own: a block whose entries come back, in order, as the
// page's headings further down — a line of its own (no bullet, no paragraph) over a paragraph.
// Read as a list of short links under a heading word ("contents", "目次"), it went as a link list
// or with the menus around it, and its headings' neighbours read it as chrome. The block, its
// heading above and the headings it names are kept (docs/boilerplate.md, step 1).
void mark_contents(std::vector<JudgedLine>& lines, bool double_spaced) {
    const std::size_t n = lines.size();
    std::unordered_map<std::string_view, std::vector<std::size_t>> headings;
    for (std::size_t i = 0; i < n; ++i) {
        const JudgedLine& l = lines[i];
        if (l.cls == LineClass::blank || l.cls == LineClass::good || l.shape.bullet || l.shape.weight > k_max_cue_weight) continue;
        int seen = 0;
        bool over_paragraph = false;
        for (std::size_t k = i + 1; k < n && seen < k_contents_heading_reach && !over_paragraph; ++k) {
            if (lines[k].cls == LineClass::blank) continue;
            ++seen;
            // Text wrapped at a width (an RFC's sections) may be near-good or lines of a
            // paragraph cut in the middle: any line heavier than a heading is text.
            over_paragraph = lines[k].cls == LineClass::good || lines[k].cls == LineClass::near_good ||
                             lines[k].shape.weight > k_max_cue_weight;
        }
        // A line in a block of its own (blank lines around it) is a heading too: the lines under an
        // RFC's section headings are wrapped at a width, each lighter than a heading.
        const bool alone = (i == 0 || lines[i - 1].cls == LineClass::blank) && (i + 1 == n || lines[i + 1].cls == LineClass::blank);
        if (!over_paragraph && !alone) continue;
        if (const std::string_view title = contents_title(l.text); !title.empty()) headings[title].push_back(i);
    }
    if (headings.empty()) return;
    long paragraph_weight = 0;
    for (const JudgedLine& l : lines)
        if (l.cls == LineClass::good) paragraph_weight += l.shape.weight;
    // On a double-spaced page the entries stand one blank line apart: a block goes on across one
    // blank line while the lines on both sides are entries, each naming a heading further down
    // written otherwise ("4. requests....4" over "4. requests"; a line printed again word for word
    // is a copy, not its section), and neither a running header or footer, which names the next
    // page's ("de jong [page 2]": k_contents_title_repeats). So the list's heading starts no chain
    // (the line above it stays outside, as a menu must).
    auto entry = [&](std::size_t k) {
        if (lines[k].cls == LineClass::blank || lines[k].cls == LineClass::good) return false;
        const auto found = headings.find(contents_title(lines[k].text));
        return found != headings.end() && found->second.size() <= k_contents_title_repeats &&
               std::any_of(found->second.begin(), found->second.end(),
                           [&](std::size_t h) { return h > k && lines[h].text != lines[k].text; });
    };
    auto visit = [&](std::size_t start, std::size_t end) {
        std::vector<std::size_t> named;
        std::vector<std::string_view> titles;
        std::size_t after = end - 1;
        int numbered = 0, lines_in = 0;
        for (std::size_t k = start; k < end; ++k) {
            lines_in += lines[k].cls != LineClass::blank;
            const std::string_view title = contents_title(lines[k].text);
            // Each entry once: a carousel's "(button)" printed between its items names nothing.
            if (title.empty() || std::find(titles.begin(), titles.end(), title) != titles.end()) continue;
            titles.push_back(title);
            const auto found = headings.find(title);
            if (found == headings.end()) continue;
            const auto next = std::upper_bound(found->second.begin(), found->second.end(), after);
            if (next == found->second.end()) continue;
            after = *next;
            named.push_back(after);
            const std::size_t word_at = first_word_at(lines[k].text);
            numbered += word_at < lines[k].text.size() && is_digit(static_cast<unsigned char>(lines[k].text[word_at]));
        }
        const int entries = static_cast<int>(named.size());
        // Sections have text: a paragraph between most pairs of named headings. A header menu
        // whose items a footer menu or a teaser list prints again, in the same order, has none.
        int sections = 0;
        for (std::size_t j = 0; j + 1 < named.size(); ++j)
            sections += std::any_of(lines.begin() + static_cast<std::ptrdiff_t>(named[j]) + 1,
                                    lines.begin() + static_cast<std::ptrdiff_t>(named[j + 1]),
                                    [](const JudgedLine& l) {
                                        // A line of a paragraph wrapped at a width goes on after a comma.
                                        return l.cls == LineClass::good || l.cls == LineClass::near_good ||
                                               (l.shape.comma_end && !l.shape.bullet);
                                    });
        if (sections < k_contents_entries - 1 || 2 * sections < entries - 1) return;
        // ... and they are the article: its sections hold most of the page's paragraph weight. A
        // "most viewed" list under a story, numbered too, names teasers printed further down,
        // a title, a byline and a line each.
        long section_weight = 0;
        for (std::size_t k = named.front(); k < n; ++k)
            if (lines[k].cls == LineClass::good) section_weight += lines[k].shape.weight;
        if (section_weight * k_contents_article_den < paragraph_weight * k_contents_article_num) return;
        // Numbered: "1 etymology", "4. requests", "2.1 はじめに". A teaser carousel lists its
        // stories' titles, then prints each again over its teaser, just as a contents list does.
        if (entries < k_contents_entries || 2 * entries < lines_in || 2 * numbered < entries) return;
        for (std::size_t k = start; k < end; ++k) {
            if (lines[k].cls == LineClass::blank) continue;
            keep_as_article(lines[k]);
            // The entries (and a heading word on the block's first line), as light as the headings
            // they name: a paragraph the block starts with (an intro right above "contents") is
            // the article's own text.
            if (lines[k].shape.weight > k_max_cue_weight) continue;
            lines[k].contents_entry = true;
            // Navigation, not the page's headline: the headline over a main text that starts
            // below the list (title_slot.cpp) may be taken from it, as the first entry comes back
            // word for word over the first section ("1. はじめに").
            lines[k].title = false;
        }
        for (std::size_t h : named) keep_as_article(lines[h]);
        // Its heading ("contents", "table of contents", "目次") over it, across a blank line.
        std::size_t above = start;
        while (above > 0 && lines[above - 1].cls == LineClass::blank) --above;
        if (above > 0 && lines[above - 1].cls != LineClass::good && !lines[above - 1].recurring &&
            lines[above - 1].shape.weight <= k_menu_item_weight)
            keep_as_article(lines[above - 1]);
        // A heading the site prints over every page's contents ("Table of Contents" on each
        // chapter of a manual) is its template and goes; the page's own line right above it, as
        // light as a heading, is the page's title over its contents (a chapter page: nav bar,
        // title, label, list). Between the nav bar and the label it went as a line between chrome:
        // 10 of Debian Reference's 15 English chapters lost their title (bench/docsite.py).
        if (above > 0 && lines[above - 1].recurring) {
            std::size_t title = above - 1;
            while (title > 0 && lines[title - 1].cls == LineClass::blank) --title;
            if (title > 0 && !lines[title - 1].recurring && lines[title - 1].cls != LineClass::good &&
                lines[title - 1].shape.weight <= k_max_cue_weight)
                keep_as_article(lines[title - 1]);
        }
    };
    for (std::size_t start = 0; start < n;) {
        if (lines[start].cls == LineClass::blank) { ++start; continue; }
        std::size_t end = start;
        while (end < n && lines[end].cls != LineClass::blank) ++end;
        while (double_spaced && end + 1 < n && lines[end].cls == LineClass::blank && entry(end - 1) && entry(end + 1))
            end += 2;
        visit(start, end);
        start = end;
    }
}

}  // namespace

std::string_view rule_name(ShapeRule rule) {
    switch (rule) {
    case ShapeRule::none: return "none";
    case ShapeRule::copyright: return "copyright";
    case ShapeRule::junk: return "junk";
    case ShapeRule::menu_row: return "menu-row";
    case ShapeRule::cue_row: return "cue-row";
    case ShapeRule::button: return "button";
    case ShapeRule::heading: return "heading";
    case ShapeRule::breadcrumb: return "breadcrumb";
    case ShapeRule::link: return "link";
    case ShapeRule::paragraph: return "paragraph";
    case ShapeRule::near_paragraph: return "near-paragraph";
    case ShapeRule::short_line: return "short-line";
    case ShapeRule::wrapped_paragraph: return "wrapped-paragraph";
    case ShapeRule::title: return "title";
    case ShapeRule::rescued: return "rescued";
    case ShapeRule::between_paragraphs: return "between-paragraphs";
    case ShapeRule::between_chrome: return "between-chrome";
    case ShapeRule::link_list: return "link-list";
    case ShapeRule::head_menu: return "head-menu";
    case ShapeRule::foot_menu: return "foot-menu";
    case ShapeRule::article_end: return "article-end";
    case ShapeRule::article_start: return "article-start";
    case ShapeRule::form_block: return "form-block";
    case ShapeRule::head_links: return "head-links";
    case ShapeRule::math_source: return "math-source";
    case ShapeRule::listing: return "listing";
    case ShapeRule::contents: return "contents";
    case ShapeRule::spec_row: return "spec-row";
    case ShapeRule::tail: return "tail";
    case ShapeRule::recurrence: return "recurrence";
    case ShapeRule::margin_recurrence: return "margin-recurrence";
    }
    return "none";
}

std::vector<LineVerdict> classify_lines(const std::vector<LineFeatures>& features, const Lexicon& lexicon,
                                        const Config& config) {
    const std::size_t n = features.size();
    std::vector<LineVerdict> verdicts(n);
    if (n == 0) return verdicts;
    LexiconLookup lookup(lexicon);
    std::vector<JudgedLine> lines(n);

    const bool latin_covered = classify_alone(lines, features, config, lookup);
    mark_head_links(lines);
    mark_math_source(lines);
    // Blank lines are known from here on (classify_alone), and so is the page's spacing.
    const bool double_spaced = is_double_spaced(lines);
    mark_wrapped_paragraphs(lines, latin_covered, double_spaced);
    mark_data_blocks(lines);
    mark_listings(lines);
    mark_unpunctuated_text(lines, latin_covered);
    const std::size_t first_good = mark_title_slot(lines);
    mark_title_under_header(lines);
    for (std::size_t i = 0; i < n; ++i) {
        lines[i].protect = features[i].protect;
        if (features[i].protect || lines[i].cls == LineClass::good) lines[i].anchor = true;
    }
    if (config.shape) mark_contents(lines, double_spaced);
    promote_margin_recurrence(lines);
    if (config.shape) {
        mark_section_links(lines);
        apply_recurrence(lines);
        mark_ad_slots(lines);
        mark_form_blocks(lines);
        rescue_soft_cues(lines);
        demote_tail(lines);
        const bool any_good = first_good < n;
        follow_neighbours(lines, LineClass::near_good, any_good);
        follow_neighbours(lines, LineClass::short_line, any_good);
        mark_link_lists(lines);
        if (any_good) mark_margin_menus(lines, first_good);
        if (any_good) mark_article_start(lines);
        if (any_good) mark_window_title(lines);
        if (any_good) mark_reader_appeals(lines);
        if (any_good) mark_article_end(lines);
        if (any_good) mark_card_lists(lines);
        if (any_good) mark_reader_appeals(lines);
        if (any_good) mark_title_boxes(lines);
    }

    for (std::size_t i = 0; i < n; ++i) {
        const JudgedLine& line = lines[i];
        LineVerdict& v = verdicts[i];
        if (line.cls == LineClass::blank) continue;
        v.title = line.title;
        // A contents entry is named as such whatever rule set its score: provenance reads the
        // rule to keep the entry from being the source of the heading it names.
        v.rule = line.title ? ShapeRule::title : line.contents_entry ? ShapeRule::contents : line.rule;
        if (config.shape) {
            v.score = line.score;
            v.chrome = line.score >= config.shape_threshold && !line.title;
        }
        // Recurrence makes chrome whatever the threshold; the title slot and long prose (left
        // to the duplicate stage) are exempt, and so is a lone recurring in-article heading.
        if (line.recurring && !line.title) {
            v.chrome = true;
            v.by_recurrence = true;
            v.rule = line.margin ? ShapeRule::margin_recurrence : ShapeRule::recurrence;
            v.score = config.shape ? std::max(v.score, k_score_recurrence) : 1.0;
        }
        if (features[i].protect) {
            v.chrome = false;
            v.by_recurrence = false;
        }
        // lynx's markup (head links, a formula's source) goes whatever the passes made of it,
        // the title slot included: the head links hold the page's title among its feeds' names,
        // and the slot may take them for the headline when they stand right over the story.
        if (line.markup != ShapeRule::none && config.shape && !features[i].protect) {
            v.chrome = true;
            v.title = false;
            v.by_recurrence = false;
            v.rule = line.markup;
            v.score = std::max(v.score, line.markup == ShapeRule::head_links ? k_score_head_links : k_score_math_source);
        }
        // A kept row of a spec table says so, for the planner (plan/copy_runs.cpp).
        if (line.spec_row && !v.chrome && !v.title) v.rule = ShapeRule::spec_row;
        // So does a kept row of a code listing, over a spec row ("host: 3pp.io:4439" reads as one):
        // the planner keeps a copy of part of its listing (plan/own_text_runs.cpp).
        if (line.listing && !v.chrome && !v.title && v.rule != ShapeRule::contents) v.rule = ShapeRule::listing;
    }
    return verdicts;
}

}  // namespace once
