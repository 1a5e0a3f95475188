// article_start.cpp — the page's top: what stands above the article's head is the site's
// (shape_passes.hpp; docs/boilerplate.md, step 3.9, rule `article-start`).
//
// The mirror of the article's end (context_passes.cpp, mark_article_end): the page's main text is
// its heaviest run of paragraphs that no chrome line interrupts; above it stands its head
// (headline, standfirst, byline, share row), and above the nearest pair of chrome lines of form
// over the story the page's top: the site's name, skip links, menus, a login box, a cookie or
// consent notice written as prose, a sidebar printed before the story. That goes, when its
// paragraphs weigh at most 1/k_article_end_share_den of the page's. The page's headline often
// stands above such a pair (headline, share buttons, story), so it is looked for first, and the
// top ends above it: `head_line` below says what a headline is here.
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

namespace {

bool paragraph(const JudgedLine& l) { return l.cls == LineClass::good && !l.shape.bullet; }
// Junk (an empty ad slot) and embedded frames are no evidence about the lines around them.
bool ignored(const JudgedLine& l) { return l.cls == LineClass::blank || l.shape.cue == Cue::junk || l.shape.embed; }
bool chrome(const JudgedLine& l) { return is_bad(l.cls) && !ignored(l); }
// Chrome by its form or place: a site template above a headline may be the headline's own
// neighbour (a wiki's "From Wikipedia, the free encyclopedia"), a copyright mark a photo credit.
bool evidence(const JudgedLine& l) { return chrome(l) && !l.recurring && l.shape.cue != Cue::copyright; }

// The first paragraph of the page's main run, and of the story it opens: runs parted by at most
// k_story_gap_lines non-blank lines are one story (as title_slot.cpp's story_start). `total` is
// set to the page's paragraph weight, `main` to the main run's; n when the page has no paragraph.
std::size_t story_start(const std::vector<JudgedLine>& lines, long& total, long& main) {
    const std::size_t n = lines.size();
    std::size_t best = n, start = n;
    long best_weight = 0, weight = 0;
    total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const JudgedLine& l = lines[i];
        if (chrome(l)) {
            start = n;
            weight = 0;
            continue;
        }
        if (!paragraph(l)) continue;
        total += l.shape.weight;
        if (start == n) start = i;
        weight += l.shape.weight;
        if (weight > best_weight) {
            best_weight = weight;
            best = start;
        }
    }
    main = best_weight;
    if (best == n) return n;
    std::size_t story = best;
    int gap = 0;
    for (std::size_t i = best; i-- > 0 && gap <= k_story_gap_lines;) {
        if (lines[i].cls == LineClass::blank) continue;
        if (paragraph(lines[i])) {
            story = i;
            gap = 0;
        } else {
            ++gap;
        }
    }
    return story;
}

// The text a headline at `from` shares words with: the lines under it that are not chrome (a
// standfirst, a spec box under an app's name) and the story's first k_title_body_lines paragraphs.
std::string story_text(const std::vector<JudgedLine>& lines, std::size_t from, std::size_t story) {
    std::string body;
    for (std::size_t i = from + 1; i < story; ++i)
        if (!is_bad(lines[i].cls)) (body += lines[i].text) += '\n';
    int paragraphs = 0;
    for (std::size_t i = story; i < lines.size() && paragraphs < k_title_body_lines; ++i) {
        if (!paragraph(lines[i])) continue;
        (body += lines[i].text) += '\n';
        ++paragraphs;
    }
    return body;
}

// Whether at least half of a line's headline words come back in `text`, counted apart for each
// script: Latin words of >= 4 letters, CJK character pairs. A headline paraphrases its story, a
// related story's title shares a name at most; a Japanese app review's headline names the app in
// Latin letters and adds a catch phrase in kana ("脳トレしたい人にオススメ！NumberLink – Sudoku style
// game【iPhoneでチャンスを掴め】" over "アプリ名：NumberLink – Sudoku style game", ldcc).
bool shares_words(std::string_view line, std::string_view text) {
    int latin = 0, latin_found = 0, cjk = 0, cjk_found = 0;
    for (std::string_view w : headline_words(line)) {
        const bool found = text.find(w) != std::string_view::npos;
        std::size_t at = 0;
        if (!line_chars::is_cjk(line_chars::next_cp(w, at))) {
            ++latin;
            latin_found += found;
        } else {
            ++cjk;
            cjk_found += found;
        }
    }
    auto half = [](int found, int words) {
        return words >= 2 && found * k_title_body_den >= words * k_title_body_num;
    };
    return half(latin_found, latin) || half(cjk_found, cjk);
}

// The page's first line: lynx and most scrapers print the document's <title> there ("Headline |
// Site", "标题_新闻_网站"). A line it holds with some room for the site's name is the headline.
bool in_window_title(const std::vector<JudgedLine>& lines, std::size_t i) {
    std::size_t first = 0;
    while (first < lines.size() && lines[first].cls == LineClass::blank) ++first;
    if (first >= i) return false;
    const std::string_view title = lines[first].text, line = lines[i].text;
    return line.size() * k_window_title_den >= title.size() * k_window_title_num && title.find(line) != std::string_view::npos;
}

// A line shaped like a headline: no cue, no bullet (a menu item or a related link), not a URL,
// not a sentence ending in a period, not a teaser cut off, not the site's template, not an item
// of a link list under a heading word, heavier than a menu item (12 with digits: a dateline).
bool headline_shaped(const JudgedLine& l) {
    const LineShape& s = l.shape;
    return s.cue == Cue::none && !s.bullet && !s.url && !s.period_end && !s.ellipsis && !l.recurring && !l.everywhere &&
           l.rule != ShapeRule::link_list && l.cls != LineClass::good &&
           s.weight >= (s.digits ? k_min_headline_weight_digits : k_min_headline_weight);
}

// A headline-shaped line among lines of its own shape is an item of a list (related stories,
// a teaser column): the lines next to it in its block are headline-shaped too. A dateline next to
// it is no other title: the head of a story prints its date above or below its headline.
bool in_column(const std::vector<JudgedLine>& lines, std::size_t i) {
    auto like = [&](std::size_t k) {
        return lines[k].cls != LineClass::blank && headline_shaped(lines[k]) && !is_dateline(lines[k]);
    };
    return (i > 0 && like(i - 1)) || (i + 1 < lines.size() && like(i + 1));
}

// The page's headline above the top's cut: the nearest headline-shaped line (within
// k_title_search_lines lines that are not chrome or menu-sized) that the page marked as its title
// already, or whose words come back in the story, or that the window title holds, or — by position
// alone — the first such line right above the cut that stands alone (not in a column of
// titles); with the datelines right above it. Returns the cut when there is none.
std::size_t find_head_top(const std::vector<JudgedLine>& lines, std::size_t cut, std::size_t story) {
    std::size_t top = cut;
    int seen = 0;
    bool nearest = true;
    for (std::size_t i = cut; i-- > 0 && seen < k_title_search_lines;) {
        const JudgedLine& l = lines[i];
        if (ignored(l)) continue;
        if (paragraph(l)) break;
        // The head found, the chrome above it is the page's top (a menu over the headline).
        if (top != cut && evidence(l)) break;
        if (l.title || l.head_anchor) {
            top = i;
            continue;
        }
        if (chrome(l) && l.rule != ShapeRule::between_chrome && l.rule != ShapeRule::head_menu) continue;
        if (l.shape.weight > k_menu_item_weight || l.shape.prose) ++seen;
        if (!headline_shaped(l)) continue;
        // A page prints its headline twice (heading and print title), a standfirst shares its words:
        // every line of the head above the first one found that shares the story's words is the head's.
        if (shares_words(l.text, story_text(lines, i, story)) || in_window_title(lines, i)) top = i;
        else if (nearest && top == cut && !in_column(lines, i)) top = i;
        nearest = false;
    }
    // A dateline right above the headline is the head's too (a news page's "3 March 2019" over
    // its headline): a fact of the story, not the site's.
    if (top == cut) return top;
    for (std::size_t i = top; i-- > 0;) {
        if (ignored(lines[i])) continue;
        if (!is_dateline(lines[i]) || is_bad(lines[i].cls)) break;
        top = i;
    }
    return top;
}

// Marks that part a page's title from its site's name in a window title ("Headline - Site",
// "标题_网站", "見出し：新聞", "Headline | Section | Site"), full-width forms included.
// Longest first: "——" is one mark, not "—" followed by a name starting with "—".
constexpr std::string_view k_title_site_marks[] = {"\u2014\u2014", "::", "-", "|", "_", ":", "\u2013", "\u2014",
                                                   "\u00b7", "\u00bb", "\uff1a", "\uff5c"};

// What `title` adds to the headline `head` it holds at its start or its end, past a mark from
// k_title_site_marks and white space: the site's name ("riverside gazette" of "council approves
// new bridge budget - riverside gazette"); empty when it holds the headline otherwise, or not at all.
std::string_view site_part(std::string_view title, std::string_view head) {
    std::string_view rest;
    bool after = false;
    if (title.size() > head.size() && title.starts_with(head)) {
        rest = title.substr(head.size());
        after = true;
    } else if (title.size() > head.size() && title.ends_with(head)) {
        rest = title.substr(0, title.size() - head.size());
    } else {
        return {};
    }
    auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        return s;
    };
    rest = trim(rest);
    for (std::string_view mark : k_title_site_marks) {
        if (after ? rest.starts_with(mark) : rest.ends_with(mark)) {
            const std::string_view site = trim(after ? rest.substr(mark.size()) : rest.substr(0, rest.size() - mark.size()));
            if (!site.empty()) return site;
        }
    }
    return {};
}

// Whether a line of the page other than `a` and `b` that is no paragraph holds `name`: a site's
// name comes back in its masthead, its footer's rights line or a dateline's source ("来源：滨江日报");
// a headline's other half ("海外留学生看两会：出国前后关注点大不同" over a section heading
// "出国前后关注点大不同") does not.
bool ascii_word(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool named_again(const std::vector<JudgedLine>& lines, std::string_view name, std::size_t a, std::size_t b) {
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (k == a || k == b || lines[k].cls == LineClass::blank || lines[k].cls == LineClass::good) continue;
        // As a word of its own: "tip" (kochbar.de's "… - Tip") is not named by "tipp!".
        const std::string_view text = lines[k].text;
        for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
            const std::size_t end = at + name.size();
            if ((at == 0 || !ascii_word(text[at - 1])) && (end == text.size() || !ascii_word(text[end]))) return true;
        }
    }
    return false;
}

}  // namespace

void mark_article_start(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    long total = 0, main = 0;
    const std::size_t story = story_start(lines, total, main);
    if (story == n || story == 0) return;
    // The nearest pair of chrome lines of form over the story closes the page's head.
    std::size_t cut = n;
    for (std::size_t i = story; i-- > 0 && cut == n;) {
        if (!evidence(lines[i])) continue;
        for (std::size_t k = i; k-- > 0;) {
            if (ignored(lines[k])) continue;
            if (chrome(lines[k])) cut = i;
            break;
        }
    }
    if (cut == n) return;
    long above = 0;
    for (std::size_t i = 0; i < cut; ++i)
        if (paragraph(lines[i])) above += lines[i].shape.weight;
    // Little prose up there, next to the story's: a consent notice or a teaser or two, not the
    // article itself over a heavier comment thread (a blog post over its 45 comments). And the
    // main run must be the page's story: a page of many stories has no known start.
    if (above > 0 || k_foot_main_share_den * main < total) return;
    const std::size_t top = find_head_top(lines, cut, story);
    // A line up there whose every word comes back in the story names it (a blog's name at the top
    // of its colophon page, "Daring Fireball" over "Daring Fireball is written and produced by…"):
    // the page's own name or heading, whatever its weight, left to the other rules.
    const std::string body = story_text(lines, cut, story);
    auto names_story = [&](const JudgedLine& l) {
        if (l.shape.cue != Cue::none || l.shape.bullet || l.shape.url) return false;
        const std::vector<std::string_view> words = headline_words(l.text);
        return words.size() >= 2 && std::all_of(words.begin(), words.end(), [&](std::string_view w) {
                   return body.find(w) != std::string::npos;
               });
    };
    for (std::size_t k = 0; k < top; ++k) {
        JudgedLine& l = lines[k];
        if (l.cls == LineClass::blank || is_bad(l.cls) || l.protect || l.title || l.data || names_story(l)) continue;
        l.cls = LineClass::bad;
        l.anchor = false;
        judge(l, k_score_article_start, ShapeRule::article_start);
    }
}


// The page's title printed in its header with the site's name ("Council approves new bridge
// budget - Riverside Gazette" above the masthead and menu, and "Council approves new bridge
// budget" again over the story): the header's copy is the site's chrome, the headline over the
// story is the one kept. A line above the page's first paragraph goes (article-start) when a
// line below it, with no paragraph between, is the page's headline (marked by the title slot, or
// shaped like one and kept) and the line is that headline plus a mark and a name lighter than the
// headline, without figures, that another line of the page, no paragraph, prints again: the site's
// name (its masthead, its rights line), not the headline's other half, nor a date or a series'
// number ("08.11.2021 | Online-Fachtag …", "…-人事担当者がこっそり教える採用ウラ話 vol.1": facts). A headline printed twice alike is left to the
// planner (plan/planner.cpp's hold_head_titles); a breadcrumb is judged as one already.
void mark_window_title(std::vector<JudgedLine>& lines) {
    constexpr std::size_t k_window_title_reach = 120;
    const std::size_t n = lines.size();
    std::size_t first_good = n;
    for (std::size_t i = 0; i < n; ++i)
        if (lines[i].cls == LineClass::good) { first_good = i; break; }
    for (std::size_t i = 0; i < first_good; ++i) {
        JudgedLine& line = lines[i];
        if (line.cls == LineClass::blank || is_bad(line.cls) || line.protect || line.data || line.shape.bullet) continue;
        // The headline stands a few lines under the header (masthead, menu, breadcrumb): looked
        // for within k_window_title_reach lines, so a page of thousands of lines and no paragraph
        // is not walked from each of its lines.
        for (std::size_t j = i + 1; j <= first_good && j < n && j <= i + k_window_title_reach; ++j) {
            const JudgedLine& head = lines[j];
            if (head.cls == LineClass::blank || is_bad(head.cls)) continue;
            if (!head.title && !head.head_anchor && !headline_shaped(head)) continue;
            const std::string_view site = site_part(line.text, head.text);
            if (site.empty() || has_digit(site) || figure_free_weight(site) >= head.shape.weight ||
                !named_again(lines, site, i, j))
                continue;
            line.cls = LineClass::bad;
            line.title = false;
            line.anchor = false;
            line.head_anchor = false;
            judge(line, k_score_article_start, ShapeRule::article_start);
            break;
        }
    }
}

}  // namespace once
