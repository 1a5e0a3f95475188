// title_slot.cpp — the page's own title, byline and dateline: article text, always
// (shape_passes.hpp; docs/boilerplate.md, "Step 2").
#include <algorithm>
#include <bit>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "once/judge/line_chars.hpp"
#include "once/judge/shape_passes.hpp"
#include "once/judge/shape_scores.hpp"

namespace once {

using namespace shape_scores;
using namespace line_chars;

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

// A line's weight with its figures taken out (config.hpp's units: a CJK character 1, a word
// without a digit 2; a word with one is a number): what is left of a headline ("低空经济同比增长84%":
// 8, "5 things to know about the vote": 12) and of a dateline ("2016-07-17 17:21 来源：教育日报": 6,
// "3rd August 2017": 2, "2012-02-22T17:00:00+0900": 0).
int figure_free_weight(std::string_view text) {
    int weight = 0;
    bool in_word = false, number = false;
    auto close_word = [&] {
        if (in_word && !number) weight += 2;
        in_word = false;
    };
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next_cp(text, i);
        if (is_cjk(c)) {
            close_word();
            ++weight;
        } else if (is_word_char(c)) {
            if (!in_word) number = false;
            in_word = true;
            number = number || is_digit(c);
        } else {
            close_word();
        }
    }
    close_word();
    return weight;
}

// A line with figures whose words without them weigh less than a headline's: a date, a time
// ("2012-02-22T17:00:00+0900", "3rd August 2017", "2016-07-17 17:21 来源：教育日报").
bool is_dateline(const JudgedLine& line) {
    return line.shape.digits && figure_free_weight(line.text) < k_min_headline_weight;
}

namespace {

// The first ASCII digit at or after `from`, or text.size(). card_list's card_token asks
// has_date_figure of every line that is no chrome, bullet or teaser, and most bytes of such a
// line are no digit: byte by byte, the search was 1.9% of `once clean`'s instructions on ldcc's
// first 1,500 records.
// Sixteen bytes a step: a byte minus '0' is a digit's when no more than 9 (unsigned).
std::size_t next_ascii_digit(std::string_view text, std::size_t from) {
    const char* data = text.data();
    std::size_t at = from;
#if defined(__SSE2__)
    const __m128i zero = _mm_set1_epi8('0');
    const __m128i nine = _mm_set1_epi8(9);
    for (; at + 16 <= text.size(); at += 16) {
        const __m128i offsets = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at)), zero);
        const __m128i digits = _mm_cmpeq_epi8(_mm_min_epu8(offsets, nine), offsets);
        const auto mask = static_cast<unsigned>(_mm_movemask_epi8(digits));
        if (mask != 0) return at + static_cast<std::size_t>(std::countr_zero(mask));
    }
#endif
    while (at < text.size() && !is_digit(static_cast<unsigned char>(data[at]))) ++at;
    return at;
}

}  // namespace

// Whether a line holds a date's or a time's figure: a year (a run of four digits from 1900 to
// 2099: "April 5, 2018", "2012年9月12日", "10.08.2022") or a time ("7:30am", "18:42"). A count
// ("* 2 comments") or a list number ("12. 5.1#1 Steckspiele") holds neither.
bool has_date_figure(std::string_view text) {
    const auto digit_at = [&](std::size_t k) { return k < text.size() && is_digit(static_cast<unsigned char>(text[k])); };
    for (std::size_t i = 0; i < text.size();) {
        i = next_ascii_digit(text, i);
        if (i == text.size()) break;
        std::size_t end = i;
        while (digit_at(end)) ++end;
        const std::string_view run = text.substr(i, end - i);
        if (run.size() == 4 && (run.starts_with("19") || run.starts_with("20"))) return true;
        if (run.size() <= 2 && end < text.size() && text[end] == ':' && digit_at(end + 1) && digit_at(end + 2)) return true;
        i = end;
    }
    return false;
}

namespace {

// A line's weight as a headline: in a line with CJK characters and digits, its weight without
// the numbers, what is left of a headline once its figures are taken out and of a dateline once
// its date is (figure_free_weight); any other line's weight as it is.
int headline_weight(const JudgedLine& line) {
    if (!line.shape.digits || line.shape.cjk == 0) return line.shape.weight;
    return figure_free_weight(line.text);
}

// A dateline of the title slot: a short line with figures ("3 March 2013", "2012年9月12日 11時30分"),
// or one whose words without its figures weigh less than a headline, however long its date and
// source ("2015-04-24 04:29 来源：财经新闻网": 17 units, 7 without the figures).
bool slot_dateline(const JudgedLine& line) {
    return (line.shape.digits && line.shape.weight <= k_dateline_weight) || is_dateline(line);
}

// A byline ("by Daniel Kahn Gillmor, Senior Staff Technologist"): the line opens with the word
// that introduces an author, in the languages whose pages print one so (the text is folded to
// lower case), and is no longer than a byline with a title and an outlet.
bool is_byline(const JudgedLine& line) {
    static constexpr std::string_view k_byline_openers[] = {"by ", "von ", "par ", "por ", "door ", "di ", "av "};
    if (line.shape.prose || line.shape.weight > k_byline_max_weight) return false;
    return std::any_of(std::begin(k_byline_openers), std::end(k_byline_openers),
                       [&](std::string_view opener) { return line.text.starts_with(opener); });
}

// Whether the next non-blank line below `i` (above `limit`) signs the line: a byline, or a
// dateline with a date or a time (not a bulleted count such as "* 2 comments", a share row's tail).
bool signed_below(const std::vector<JudgedLine>& lines, std::size_t i, std::size_t limit) {
    std::size_t next = i + 1;
    while (next < limit && lines[next].cls == LineClass::blank) ++next;
    if (next >= limit || lines[next].shape.bullet) return false;
    return is_byline(lines[next]) || (is_dateline(lines[next]) && has_date_figure(lines[next].text));
}

// The text after a breadcrumb's last arrow ("a > b > c" -> "c").
std::string_view last_crumb(std::string_view s) {
    std::size_t at = std::string_view::npos, size = 0;
    for (std::string_view arrow : k_breadcrumb_arrow_marks) {
        const std::size_t found = s.rfind(arrow);
        if (found != std::string_view::npos && (at == std::string_view::npos || found > at)) {
            at = found;
            size = arrow.size();
        }
    }
    return at == std::string_view::npos ? std::string_view{} : s.substr(at + size);
}

// The nearest line above `from` (up to k_title_search_lines lines that are not chrome) whose
// words mostly come back in the first paragraphs of the page or in the title slot, and the lines
// of the same window that repeat it or a slot line word for word: a page may print its headline
// twice, as the heading and again as a caption or print title right above the story (an English
// tech news page; a Chinese news page whose heading "DeepMind新电脑…" stands above its dateline and
// share row, and again in the slot). Empty when there is none.
std::vector<std::size_t> find_headlines(const std::vector<JudgedLine>& lines, std::size_t from, std::size_t first_good,
                                        const std::vector<std::size_t>& slot) {
    std::vector<std::size_t> found_lines;
    std::string body;
    for (std::size_t t : slot) {
        body += lines[t].text;
        body += '\n';
    }
    int paragraphs = 0;
    for (std::size_t i = first_good; i < lines.size() && paragraphs < k_title_body_lines; ++i) {
        if (lines[i].cls != LineClass::good) continue;
        body += lines[i].text;
        body += '\n';
        ++paragraphs;
    }
    if (paragraphs == 0) return found_lines;
    // A breadcrumb's last crumb names the page ("首页 > 新闻 > 垃圾分类制度备受期待"): a line
    // that repeats it is the headline.
    std::vector<std::string_view> crumbs;
    for (std::size_t i = 0; i < from; ++i)
        if (lines[i].shape.cue == Cue::breadcrumb) crumbs.push_back(last_crumb(lines[i].text));
    auto repeats = [&](const JudgedLine& line) {
        if (!found_lines.empty() && line.text == lines[found_lines.front()].text) return true;
        if (std::find(crumbs.begin(), crumbs.end(), line.text) != crumbs.end()) return true;
        return std::any_of(slot.begin(), slot.end(), [&](std::size_t t) { return line.text == lines[t].text; });
    };
    int seen = 0, examined = 0;
    bool group_closed = false;
    for (std::size_t i = from; i-- > 0 && seen < k_title_search_lines;) {
        const JudgedLine& line = lines[i];
        if (line.cls == LineClass::blank || is_bad(line.cls)) continue;  // chrome is passed over
        if (line.cls == LineClass::good) break;
        ++examined;
        // Menu-sized lines (a word or two, no sentence) do not use up the window: a menu written
        // one item per line may stand between the headline and the story.
        if (line.shape.weight > k_menu_item_weight || line.shape.prose) ++seen;
        // A bullet opens a menu item or a related link, never the page's heading; a short line
        // with digits is a dateline ("3rd August 2017": its words are the story's date too). A
        // line that recurs across the site may still be this page's headline: the other pages'
        // related lists link to this story under it. It recurs as a link there; here, sharing the
        // story's words, it is the heading (a news site's page, its headline also a related link
        // on another page). Only the words decide for it, never a repetition, and not when it is
        // on every page of the site: that is the site's template (a button row, "continue reading").
        if (line.title || line.everywhere || line.shape.cue != Cue::none || line.shape.url || line.shape.period_end ||
            line.shape.bullet ||
            line.shape.weight < (line.shape.digits ? k_min_headline_weight_digits : k_min_matched_headline_weight))
            continue;
        // A headline of three words stands right above the slot ("Monitoring Distributed Systems"
        // over its byline); farther up, a line that short is a menu or search label naming the
        // site, whose name the story may well mention ("Search Example News").
        if (line.shape.weight < k_min_headline_weight && examined > 1) continue;
        if (!line.recurring && repeats(line)) {
            found_lines.push_back(i);
            continue;
        }
        // A signed line (a byline or a dated line right below it) is looked at even above a closed
        // head: a video's title over its player shares the story's words too, and the page's own
        // headline, over its byline, stands above the player (a morning-show news page).
        const bool is_signed = signed_below(lines, i, from);
        if (group_closed && !is_signed) continue;
        // A breadcrumb or a window title that ends in the headline found below holds it and more
        // ("startseite>people>real life>horror-fund! …" over "horror-fund! …"): not one more head line.
        if (std::any_of(found_lines.begin(), found_lines.end(), [&](std::size_t f) {
                return line.text.size() > lines[f].text.size() && line.text.find(lines[f].text) != std::string_view::npos;
            }))
            continue;
        std::vector<std::string_view> words = headline_words(line.text);
        // A template's words repeat ("(button) (button) featured (button) close"): a recurring
        // line's words count once each, so one word the story happens to hold does not carry it.
        if (line.recurring) {
            std::sort(words.begin(), words.end());
            words.erase(std::unique(words.begin(), words.end()), words.end());
        }
        int found = 0;
        for (std::string_view w : words) found += body.find(w) != std::string::npos;
        // A headline signed right below it (a byline or a dateline is the next line) needs fewer
        // of its words in the story's first paragraphs: a headline may pose what the story
        // answers later ("Facebook Is Tracking Me Even Though I'm Not on Facebook" over "By …",
        // "April 5, 2018", on a civil-rights blog whose first paragraphs speak of using email).
        const bool lenient = is_signed && !group_closed;  // above a closed head, half as ever
        const int share_num = lenient ? k_signed_title_body_num : k_title_body_num;
        const int share_den = lenient ? k_signed_title_body_den : k_title_body_den;
        if (words.size() >= 2 && found * share_den >= static_cast<int>(words.size()) * share_num)
            found_lines.push_back(i);
        // Lines that share the story's words one above the other (passing chrome, bylines and
        // datelines) are one head: a photo's caption or a standfirst between the share row and
        // the story shares its words too, and the headline stands above them (a Brazilian news
        // page: headline, standfirst, share row, caption, dateline, story). The first headline-
        // sized line above them that does not share them ends the head.
        else if (!found_lines.empty() && !line.recurring)  // a site's template is passed over
            group_closed = true;
    }
    return found_lines;
}

// A headline is kept and is article for the lines below it (a standfirst, a dateline or a byline
// between it and the story follows it, not the share row under them), but not for the lines
// above it: a menu right above the headline is still a menu.
void keep_headline(JudgedLine& line) {
    line.title = true;
    line.head_anchor = true;
    judge(line, k_score_title, ShapeRule::title);
}

// The slot above the paragraph at `first_good`: the lines right above it (title, byline, date),
// past a short lead paragraph or two; `k` is set to the slot's top line (first_good when empty).
std::vector<std::size_t> collect_slot(const std::vector<JudgedLine>& lines, std::size_t first_good, std::size_t& k) {
    k = first_good;
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
                return !slot_dateline(lines[t]);
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
    return slot;
}

// The start of the page's main text: the first paragraph of the heaviest run of paragraphs that
// no chrome line interrupts. A cookie notice, a newsletter box or a teaser may be the first
// paragraph of a page; the article is the heaviest run.
std::size_t main_text_start(const std::vector<JudgedLine>& lines) {
    std::size_t best = lines.size(), start = lines.size();
    long best_weight = 0, weight = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const JudgedLine& l = lines[i];
        if (is_bad(l.cls)) {
            start = lines.size();
            weight = 0;
            continue;
        }
        if (l.cls != LineClass::good) continue;
        if (start == lines.size()) start = i;
        weight += l.shape.weight;
        if (weight > best_weight) {
            best_weight = weight;
            best = start;
        }
    }
    return best;
}

// The first paragraph of the story whose heaviest run starts at `main`: an in-article share row
// or a photo with its caption may split a story into runs, and the lighter first run is the
// story's start too (an English news page: two share buttons after the fifth paragraph). Runs
// parted by at most k_story_gap_lines non-blank lines are one story; a headline, a byline and
// a share row over the story part it from what is above.
std::size_t story_start(const std::vector<JudgedLine>& lines, std::size_t main) {
    std::size_t start = main;
    int gap = 0;
    for (std::size_t i = main; i-- > 0 && gap <= k_story_gap_lines;) {
        if (lines[i].cls == LineClass::blank) continue;
        if (lines[i].cls == LineClass::good) {
            start = i;
            gap = 0;
        } else {
            ++gap;
        }
    }
    return start;
}

// The title slot above the first paragraph: title, byline and dateline, kept and anchoring their
// neighbours; above it the page's headline, kept. Returns whether either was found.
bool mark_title_at(std::vector<JudgedLine>& lines, std::size_t first_good) {
    std::size_t k = first_good;
    const std::vector<std::size_t> slot = collect_slot(lines, first_good, k);
    // Recurrence yields only for the title itself (the heaviest line without digits: it recurs
    // in the other pages' related lists) and for lines with digits (a dateline recurs once
    // numbers are masked); a recurring section name above the title is still a template.
    // A line on every page of a site of many pages is its template (a share row printed as
    // tab-separated words right over the story), never this page's title: a headline is linked
    // from some pages' related lists, not from all of them. On a site of a few pages every page
    // may link every other, so there it may still be the title.
    auto site_template = [&](std::size_t t) { return lines[t].everywhere && lines[t].recurs_often; };
    std::size_t heaviest = lines.size();
    for (std::size_t t : slot) {
        if (lines[t].shape.digits || site_template(t)) continue;
        if (heaviest == lines.size() || lines[t].shape.weight > lines[heaviest].shape.weight) heaviest = t;
    }
    for (std::size_t t : slot) {
        if (!lines[t].shape.digits && (site_template(t) || (lines[t].recurring && t != heaviest))) continue;
        lines[t].title = true;
        lines[t].anchor = true;
        judge(lines[t], k_score_title, ShapeRule::title);
    }
    // Above the slot (title, dateline and byline may be parted from the paragraphs by a share
    // row, a photo and its caption): the nearest line that reads like a headline of *this*
    // article — its words come back in the first paragraphs.
    if (const std::vector<std::size_t> headlines = find_headlines(lines, k, first_good, slot); !headlines.empty()) {
        for (std::size_t h : headlines) keep_headline(lines[h]);
        return true;
    }
    // A slot of datelines and menu-sized lines only ("March 27, 2019" under a menu written one
    // item per line) holds no title: the headline stands above the menu, as without a slot.
    const bool slot_has_title = std::any_of(slot.begin(), slot.end(), [&](std::size_t t) {
        const LineShape& s = lines[t].shape;
        return lines[t].title && (s.digits ? !slot_dateline(lines[t]) : s.weight > k_menu_item_weight);
    });
    if (slot_has_title) return true;
    // No title slot (or none with a title in it): a share row or a byline often stands between
    // the title and the first paragraph. Look a few lines further up for the heaviest line that reads like a
    // headline — no chrome cue, not a site template, at least 8 weight units (a menu item is a
    // word or two), 12 when it has digits. A line without digits goes before one with them: the
    // dateline under a Chinese headline ("2016-01-03 17:46 来源：教育日报") outweighs it.
    std::size_t best = lines.size();
    int seen = 0;
    auto better = [&](std::size_t i) {
        if (best == lines.size()) return true;
        const LineShape &a = lines[i].shape, &b = lines[best].shape;
        if (a.digits != b.digits) return !a.digits;
        return headline_weight(lines[i]) > headline_weight(lines[best]);
    };
    int passed = 0;
    for (std::size_t i = k; i-- > 0 && seen < k_headline_search_lines && passed < k_headline_reach_lines;) {
        const JudgedLine& line = lines[i];
        if (line.cls == LineClass::blank) continue;
        if (line.cls == LineClass::good) break;
        ++passed;
        // Menu-sized lines (a word or two, no sentence) do not use up the window, so a
        // menu written one item per line does not hide the headline over it. Chrome lines do:
        // with no words to match in the story, a line far above behind a newsletter box or a
        // share row ("Gefällt mir Wird geladen...", on a trafilatura page) is no headline.
        if (is_bad(line.cls) || line.shape.weight > k_menu_item_weight || line.shape.prose) ++seen;
        // Digits are allowed in a longer line ("The 2016 election results"), not in a short one
        // (a dateline). In CJK text the words around the figures are weighed instead: a headline
        // keeps 8 characters ("低空经济同比增长84%"), a dateline 5 or 6 ("2012年9月12日 11時30分",
        // "2016-07-17 17:21 来源：教育日报", which outweighed the headline by its figures).
        if (line.recurring || line.shape.cue != Cue::none || headline_weight(line) < (line.shape.digits && line.shape.cjk == 0 ? k_min_headline_weight_digits : k_min_headline_weight)) continue;
        if (better(i)) best = i;
    }
    if (best == lines.size()) return !slot.empty();
    lines[best].title = true;
    lines[best].anchor = true;
    judge(lines[best], k_score_title, ShapeRule::title);
    return true;
}

// The heaviest run of paragraphs is not always the story: a gallery of fifty captioned photos
// under a story that a video player cut into short runs outweighs it (an English news page: a
// cookie notice, the breadcrumb, the headline, its standfirst and byline, three paragraphs, the
// player's forty lines of controls, the rest of the story, "business news in pictures"). So the
// first run between the first paragraph and the main text's start that stands apart (more than
// k_story_gap_lines lines that are no paragraph above it, as a story under its head does) and
// reads like a story (k_title_body_lines paragraphs of prose before the next chrome line) gets
// its headline looked for too. Only the headline itself is kept, not the lines under it (a
// headline's anchor): such a run may still be an in-article box or a sidebar, and a line found
// above one is at worst a heading kept.
void mark_headline_over_first_story(std::vector<JudgedLine>& lines, std::size_t first_good, std::size_t main) {
    int lines_apart = 0;
    for (std::size_t i = first_good + 1; i < main; ++i) {
        if (lines[i].cls == LineClass::blank) continue;
        if (lines[i].cls != LineClass::good) {
            ++lines_apart;
            continue;
        }
        if (lines_apart > k_story_gap_lines) {
            int paragraphs = 0;
            for (std::size_t j = i; j < main && !is_bad(lines[j].cls); ++j)
                paragraphs += lines[j].cls == LineClass::good && lines[j].shape.prose;
            if (paragraphs >= k_title_body_lines) {
                std::size_t k = i;
                const std::vector<std::size_t> slot = collect_slot(lines, i, k);
                for (std::size_t h : find_headlines(lines, k, i, slot)) {
                    lines[h].title = true;
                    judge(lines[h], k_score_title, ShapeRule::title);
                }
                return;
            }
        }
        lines_apart = 0;
    }
}

}  // namespace

// A page's title printed twice at its top: in its header (the page's first line: a manual's nav
// bar title, the window title) and again right under the header's chrome ("Prev Next"), over the
// page's own contents or text. The second copy is the page's heading over its content (a manual's
// chapter page whose text is a contents list and a paragraph: "Chapter 1. Welcome to Debian", nav
// bar, the title again, "Table of Contents", the list). It is marked title alone, anchoring
// nothing: the contents label and list under it are judged as ever.
void mark_title_under_header(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    std::size_t first = 0;
    while (first < n && lines[first].cls == LineClass::blank) ++first;
    if (first == n) return;
    bool chrome_between = false;
    for (std::size_t j = first + 1; j < n; ++j) {
        const JudgedLine& line = lines[j];
        if (line.cls == LineClass::blank) continue;
        if (is_bad(line.cls) || line.recurring) {
            chrome_between = true;
            continue;
        }
        const LineShape& s = line.shape;
        if (chrome_between && line.text == lines[first].text && line.cls != LineClass::good && s.cue == Cue::none &&
            !s.bullet && !s.url && s.weight >= k_min_matched_headline_weight) {
            lines[j].title = true;
            judge(lines[j], k_score_title, ShapeRule::title);
        }
        return;
    }
}

// The title slot above the first paragraph; and when the page's main text starts further down
// (a cookie notice or a teaser came first), the headline above the main text too — its slot
// lines count as the body its words come back in, but only the headline is marked: the lines
// above a later run of paragraphs may as well be an in-article box. Returns the first
// paragraph's index, or n when the page has none.
std::size_t mark_title_slot(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    std::size_t first_good = n;
    for (std::size_t i = 0; i < n; ++i) {
        if (lines[i].cls == LineClass::good) { first_good = i; break; }
    }
    if (first_good == n) return n;
    mark_title_at(lines, first_good);
    std::size_t main = main_text_start(lines);
    if (main == first_good || main == n) return first_good;
    main = story_start(lines, main);
    if (main == first_good) return first_good;
    std::size_t k = main;
    const std::vector<std::size_t> slot = collect_slot(lines, main, k);
    for (std::size_t h : find_headlines(lines, k, main, slot)) keep_headline(lines[h]);
    mark_headline_over_first_story(lines, first_good, main);
    return first_good;
}


}  // namespace once
