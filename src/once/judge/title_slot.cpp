// title_slot.cpp — the page's own title, byline and dateline: article text, always
// (shape_passes.hpp; docs/boilerplate.md, "Step 2").
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "once/judge/line_chars.hpp"
#include "once/judge/shape_passes.hpp"
#include "once/judge/shape_scores.hpp"

namespace once {

using namespace shape_scores;
using namespace line_chars;

namespace {

// Words of a headline: Latin words of >= 4 letters ("gun" and "the" say little) and pairs of
// CJK characters (Japanese and Chinese have no spaces).
std::vector<std::string_view> headline_words(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t word_start = 0, prev_start = std::string_view::npos;
    bool in_word = false, prev_cjk = false;
    for (std::size_t i = 0; i <= s.size();) {
        const std::size_t at = i;
        const char32_t c = i < s.size() ? next_cp(s, i) : U' ';
        if (at == s.size()) i = s.size() + 1;
        const bool cjk = is_cjk(c), w = !cjk && is_word_char(c);
        if (w && !in_word) word_start = at;
        if (!w && in_word) {
            std::string_view word = s.substr(word_start, at - word_start);
            while (!word.empty() && word.front() == '\'') word.remove_prefix(1);  // 'quoted'
            while (!word.empty() && word.back() == '\'') word.remove_suffix(1);
            if (word.size() >= 4) words.push_back(word);
        }
        if (cjk && prev_cjk) words.push_back(s.substr(prev_start, i - prev_start));
        in_word = w;
        prev_cjk = cjk;
        prev_start = at;
    }
    return words;
}

// The nearest line above `from` (up to k_title_search_lines lines that are not chrome) whose
// words mostly come back in the first paragraphs of the page; lines.size() when none.
std::size_t find_headline(const std::vector<JudgedLine>& lines, std::size_t from, std::size_t first_good) {
    std::string body;
    int paragraphs = 0;
    for (std::size_t i = first_good; i < lines.size() && paragraphs < k_title_body_lines; ++i) {
        if (lines[i].cls != LineClass::good) continue;
        body += lines[i].text;
        body += '\n';
        ++paragraphs;
    }
    if (body.empty()) return lines.size();
    int seen = 0;
    for (std::size_t i = from; i-- > 0 && seen < k_title_search_lines;) {
        const JudgedLine& line = lines[i];
        if (line.cls == LineClass::blank || is_bad(line.cls)) continue;  // chrome is passed over
        if (line.cls == LineClass::good) break;
        ++seen;
        if (line.title || line.recurring || line.shape.cue != Cue::none || line.shape.url || line.shape.period_end ||
            line.shape.weight < k_min_headline_weight)
            continue;
        const std::vector<std::string_view> words = headline_words(line.text);
        if (words.size() < 2) continue;
        int found = 0;
        for (std::string_view w : words) found += body.find(w) != std::string::npos;
        if (found * k_title_body_den >= static_cast<int>(words.size()) * k_title_body_num) return i;
    }
    return lines.size();
}

}  // namespace

// The title slot: the lines right above the first paragraph (title, byline, date), past a
// short lead paragraph or two. A recurring template is not a paragraph, so it cannot anchor
// the slot. Returns the first paragraph's index, or n when the page has none.
std::size_t mark_title_slot(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    std::size_t first_good = n;
    for (std::size_t i = 0; i < n; ++i) {
        if (lines[i].cls == LineClass::good) { first_good = i; break; }
    }
    if (first_good == n) return n;
    std::size_t k = first_good;
    for (int leads = 0; leads <= k_title_max_leads; ++leads) {
        while (k > 0 && lines[k - 1].cls == LineClass::blank) --k;
        if (leads == k_title_max_leads || k == 0 || lines[k - 1].cls != LineClass::near_good || !lines[k - 1].shape.prose) break;
        --k;
    }
    // Title, dateline and byline may stand in blocks of their own ("Title", blank, "3 March 2013",
    // blank, first paragraph): blank lines between them do not end the slot.
    std::vector<std::size_t> slot;
    bool blank_between = false;
    while (k > 0 && slot.size() < k_title_slot_lines) {
        std::size_t above_index = k;
        while (above_index > 0 && lines[above_index - 1].cls == LineClass::blank) --above_index;
        if (above_index == 0) break;
        // Across blank lines only while what was collected is datelines (short, with digits):
        // once a title-like line is in the slot, a block above it is something else (a menu).
        if (above_index != k && std::any_of(slot.begin(), slot.end(), [&](std::size_t t) {
                return !lines[t].shape.digits || lines[t].shape.weight > k_dateline_weight;
            }))
            break;
        const LineClass above = lines[above_index - 1].cls;
        if (above == LineClass::good || is_bad(above)) break;
        blank_between = blank_between || above_index != k;
        k = above_index;
        slot.push_back(--k);
    }
    // A longer block directly above (no blank line) is a menu with the title at its end.
    if (slot.size() == k_title_slot_lines && !blank_between && k > 0 && lines[k - 1].cls != LineClass::blank) slot.resize(k_title_slot_lines - 1);
    // Recurrence yields only for the title itself (the heaviest line without digits: it recurs
    // in the other pages' related lists) and for lines with digits (a dateline recurs once
    // numbers are masked); a recurring section name above the title is still a template.
    std::size_t heaviest = lines.size();
    for (std::size_t t : slot) {
        if (lines[t].shape.digits) continue;
        if (heaviest == lines.size() || lines[t].shape.weight > lines[heaviest].shape.weight) heaviest = t;
    }
    for (std::size_t t : slot) {
        if (lines[t].recurring && t != heaviest && !lines[t].shape.digits) continue;
        lines[t].title = true;
        lines[t].anchor = true;
        judge(lines[t], k_score_title, ShapeRule::title);
    }
    // Above the slot (title, dateline and byline may be parted from the paragraphs by a share
    // row, a photo and its caption): the nearest line that reads like a headline of *this*
    // article — its words come back in the first paragraphs.
    if (const std::size_t headline = find_headline(lines, k, first_good); headline != lines.size()) {
        // Kept, but no anchor: the lines between it and the paragraphs (datelines, share rows,
        // captions) are still judged by their other neighbours.
        lines[headline].title = true;
        judge(lines[headline], k_score_title, ShapeRule::title);
        return first_good;
    }
    if (!slot.empty()) return first_good;
    // No title slot: a share row or a byline often stands between the title and the
    // first paragraph. Look a few lines further up for the heaviest line that reads like a
    // headline — no chrome cue, not a site template, at least 8 weight units (a menu item is a
    // word or two), 12 when it has digits.
    std::size_t best = lines.size();
    int seen = 0;
    for (std::size_t i = k; i-- > 0 && seen < k_headline_search_lines;) {
        const JudgedLine& line = lines[i];
        if (line.cls == LineClass::blank) continue;
        ++seen;
        if (line.cls == LineClass::good) break;
        // Digits are allowed in a longer line ("The 2016 election results"), not in a short one
        // (a dateline).
        if (line.recurring || line.shape.cue != Cue::none || line.shape.weight < (line.shape.digits ? k_min_headline_weight_digits : k_min_headline_weight)) continue;
        if (best == lines.size() || line.shape.weight > lines[best].shape.weight) best = i;
    }
    if (best != lines.size()) {
        lines[best].title = true;
        lines[best].anchor = true;
        judge(lines[best], k_score_title, ShapeRule::title);
    }
    return first_good;
}


}  // namespace once
