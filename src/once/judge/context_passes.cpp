// context_passes.cpp — recurrence and neighbours: the passes after the title slot
// (shape_passes.hpp; docs/boilerplate.md, "Step 2" and "Step 3").
#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "once/judge/line_chars.hpp"
#include "once/judge/shape_passes.hpp"
#include "once/judge/shape_scores.hpp"

namespace once {

using namespace shape_scores;

// In a large site a footer or promotion recurs in many pages but in a small share of them (a
// campaign runs for a month). Recurring that often *outside* the article — above its first or
// below its last paragraph of its own — makes a line a template, long prose included (a
// promotion paragraph). Inside the article it stays a duplicate's business (a syndicated quote,
// a spec table).
void promote_margin_recurrence(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    auto own_paragraph = [](const JudgedLine& l) { return l.cls == LineClass::good && !l.recurs_often && !l.recurring; };
    std::size_t first = n, last = n;
    for (std::size_t i = 0; i < n; ++i)
        if (own_paragraph(lines[i])) {
            if (first == n) first = i;
            last = i;
        }
    if (first == n) return;  // no paragraph of its own: nothing tells article from margin
    for (std::size_t i = 0; i < n; ++i) {
        JudgedLine& line = lines[i];
        // A row of the page's spec table is a fact of the page, in the margin or not.
        if (!line.recurs_often || line.title || line.protect || line.spec_row || (i > first && i < last)) continue;
        line.recurring = true;
        line.margin = true;
        line.recurs_some = false;
        if (line.cls == LineClass::good) {  // a recurring promotion paragraph no longer anchors its neighbours
            line.cls = LineClass::bad;
            line.anchor = false;
        }
    }
}

// An advertisement label ("advertisement", "広告": k_ad_labels) whose nearest decided lines on both
// sides — other labels, junk and frames passed over — are paragraphs is an ad slot inside the
// article: chrome, but, like an empty ad frame, no evidence about the lines around it, so a
// caption or heading between two slots stays with the article. A label in a sidebar or under
// a newsletter box has chrome on one side and keeps counting as chrome for its neighbours (on
// readability's breitbart page a label everywhere taken as a slot kept the sidebar's teasers).
void mark_ad_slots(std::vector<JudgedLine>& lines) {
    auto label = [](const JudgedLine& l) {
        if (!is_bad(l.cls)) return false;
        std::string_view t = l.text;
        auto edge = [](char c) { return c == ' ' || c == '-' || c == '*' || c == '_' || c == ':' || c == '|'; };
        while (!t.empty() && edge(t.front())) t.remove_prefix(1);
        while (!t.empty() && edge(t.back())) t.remove_suffix(1);
        for (std::string_view a : k_ad_labels)
            if (t == a) return true;
        return false;
    };
    std::vector<std::size_t> labels;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (label(lines[i])) labels.push_back(i);
    if (labels.empty()) return;
    // Judged as one: the labels are passed over while their neighbours are looked for.
    std::vector<Cue> cues(labels.size());
    for (std::size_t k = 0; k < labels.size(); ++k) {
        cues[k] = lines[labels[k]].shape.cue;
        lines[labels[k]].shape.cue = Cue::junk;
    }
    const std::vector<LineClass> up = nearest(lines, -1, decided);
    const std::vector<LineClass> down = nearest(lines, +1, decided);
    for (std::size_t k = 0; k < labels.size(); ++k) {
        JudgedLine& line = lines[labels[k]];
        if (up[labels[k]] != LineClass::good || down[labels[k]] != LineClass::good) {
            line.shape.cue = cues[k];
            continue;
        }
        line.cls = LineClass::bad;  // not rescued as an in-article heading: an ad
        judge(line, k_score_button, ShapeRule::button);
    }
}

// An encyclopedia opens a section with its heading and a link line or two to other pages
// ("main article: history of new zealand", "see also: …", "hauptartikel: …", "主条目：…"),
// then its paragraphs. The link line is chrome, but read as chrome for its neighbours it took
// the heading with it (and a table between a navbox's "v t e" links and the next section's
// heading): readability's wikipedia pages lost their section headings so. So a link line whose
// nearest decided line below — other such lines passed over — is a paragraph is no evidence for
// its neighbours; a "previous: …" link under the article's last paragraph has chrome or the
// page's end below it and still counts.
void mark_section_links(std::vector<JudgedLine>& lines) {
    LineClass below = LineClass::blank;
    for (std::size_t k = lines.size(); k-- > 0;) {
        JudgedLine& line = lines[k];
        if (line.cls == LineClass::blank || line.shape.cue == Cue::junk || line.shape.embed) continue;
        if (line.shape.cue == Cue::link && line.cls == LineClass::soft_bad && !line.recurring &&
            below == LineClass::good) {
            line.section_link = true;
            continue;
        }
        if (line.anchor) below = LineClass::good;
        else if (decided(line)) below = line.cls;
    }
}

// Recurring templates are chrome, for the neighbours too — except a lone recurring line
// between paragraphs: an in-article heading every post of the site has, like "まとめ".
void apply_recurrence(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    auto plain = [](const JudgedLine& l) { return !l.recurring && (l.cls == LineClass::good || l.cls == LineClass::bad); };
    const std::vector<LineClass> up = nearest(lines, -1, plain);
    const std::vector<LineClass> down = nearest(lines, +1, plain);
    // The nearest non-blank line above/below: is it recurring too?
    std::vector<char> recurring_near(n, 0);
    for (int step : {-1, +1}) {
        bool last = false;
        for (std::size_t j = 0; j < n; ++j) {
            const std::size_t k = step < 0 ? j : n - 1 - j;
            if (lines[k].cls == LineClass::blank) continue;
            recurring_near[k] = static_cast<char>(recurring_near[k] || last);
            last = lines[k].recurring;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        JudgedLine& line = lines[i];
        if (!line.recurring || line.anchor || is_bad(line.cls)) continue;
        if (!recurring_near[i] && up[i] == LineClass::good && down[i] == LineClass::good) {
            line.recurring = false;
            continue;
        }
        line.cls = LineClass::bad;
    }
}

// Does a list of at least k_link_list_lines short lines, not ending in a period or comma, follow
// line `h` (before the next decided line; a title may hold two sentences, "すごい！発売。")? Then a heading word at `h` opens a list of links, not a section.
bool opens_list(const std::vector<JudgedLine>& lines, std::size_t h) {
    int items = 0;
    for (std::size_t k = h + 1; k < lines.size(); ++k) {
        const JudgedLine& l = lines[k];
        if (l.cls == LineClass::blank || l.shape.url || l.shape.cue == Cue::junk) continue;  // an ad slot between items
        if (l.cls != LineClass::short_line || l.anchor || l.shape.period_end || l.shape.comma_end) break;
        if (++items >= k_link_list_lines) return true;
    }
    return false;
}

// A lone soft cue between two paragraphs is article ("Next steps", "Weather", "目次") — unless it
// is a heading word over a list of titles ("ähnliche beiträge", "関連記事" and three links): a
// related list between the article and its comments stands between paragraphs too. A heading
// word after which at most 1/k_tail_share_den of the page's paragraph weight remains heads
// teasers or an author's box, whose lines read as paragraphs ("Das könnte dich auch
// interessieren", "Über den Autor"), and stays chrome too — but alone (`tail_heading`): it opens
// no link list and is no evidence that opens the page's foot, since on ldcc a "■関連リンク"
// list may stand above the article's last section (a festival guide's recommended films).
void rescue_soft_cues(std::vector<JudgedLine>& lines) {
    const std::vector<LineClass> up = nearest(lines, -1, decided);
    const std::vector<LineClass> down = nearest(lines, +1, decided);
    // A button the page prints k_widget_repeats times or more (bullet and edge marks aside) is a
    // widget repeated down a thread or a list ("* Reply" under each comment, "…続きを読む" under
    // each teaser), never one in-article heading; a line with a digit is a fact and is rescued as
    // before (a shop's contact "お問い合わせ：03-…" under each product of a roundup on ldcc).
    auto widget_key = [](std::string_view t) {
        auto edge = [](char c) { return c == ' ' || c == '*' || c == '+' || c == '-' || c == '#' || c == '|' || c == ':'; };
        while (!t.empty() && edge(t.front())) t.remove_prefix(1);
        while (!t.empty() && edge(t.back())) t.remove_suffix(1);
        return t;
    };
    std::unordered_map<std::string_view, int> button_counts;
    for (const JudgedLine& l : lines)
        if (is_bad(l.cls) && l.shape.cue == Cue::button) ++button_counts[widget_key(l.text)];
    auto repeated = [&](std::string_view key) {
        const auto it = button_counts.find(key);
        return it != button_counts.end() && it->second >= k_widget_repeats;
    };
    long total = 0, before = 0;
    for (const JudgedLine& l : lines) total += l.cls == LineClass::good ? l.shape.weight : 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        JudgedLine& line = lines[i];
        if (line.cls == LineClass::good) before += line.shape.weight;
        if (line.cls != LineClass::soft_bad || line.recurring || up[i] != LineClass::good || down[i] != LineClass::good) continue;
        if (line.shape.cue == Cue::heading && opens_list(lines, i)) continue;
        if (line.shape.cue == Cue::button && !line.shape.digits && repeated(widget_key(line.text))) continue;
        if (line.shape.cue == Cue::heading && k_tail_share_den * (total - before) <= total) {
            line.tail_heading = true;
            continue;
        }
        line.cls = LineClass::short_line;
        judge(line, k_score_rescued, ShapeRule::rescued);
        line.resolved = true;
    }
}

// For every line, the index of the nearest line above (`step` -1) or below (+1) that `nearest`
// (shape_passes.hpp) reads as evidence — decided, or an anchor — or `k_no_line` at the page's
// edge. One pass, like `nearest`.
constexpr std::size_t k_no_line = static_cast<std::size_t>(-1);
std::vector<std::size_t> nearest_index(const std::vector<JudgedLine>& lines, int step) {
    const std::size_t n = lines.size();
    std::vector<std::size_t> out(n, k_no_line);
    std::size_t last = k_no_line;
    for (std::size_t j = 0; j < n; ++j) {
        const std::size_t k = step < 0 ? j : n - 1 - j;
        out[k] = last;
        const JudgedLine& line = lines[k];
        if (line.cls == LineClass::blank || line.shape.cue == Cue::junk || line.shape.embed || line.section_link) continue;
        if (line.anchor || decided(line)) last = k;
    }
    return out;
}

// A line between two chrome lines is the article's when that chrome is chrome only by a weak
// rule and stands inside the article's run: article, row, *line*, row, article, each row a lone
// menu-shaped row (`menu-row`: code read as a row of items, `[true, false].select { |x| x }`)
// that does not recur in the group, with a paragraph (or anchor) right beyond it. "You can use
// this code:" between two lines of Ruby goes as `between-chrome` otherwise. A menu between two
// menus has chrome beyond its neighbours and still goes (docs/boilerplate.md, "Short lines
// between code rows"). Wider forms of the tell cost must-go (docs/results-log.md, session 24).
bool between_code_rows(const std::vector<JudgedLine>& lines, const std::vector<std::size_t>& up,
                       const std::vector<std::size_t>& down, std::size_t i) {
    const std::size_t u = up[i], d = down[i];
    if (u == k_no_line || d == k_no_line || up[u] == k_no_line || down[d] == k_no_line) return false;
    auto weak_row = [&](std::size_t k) { return lines[k].rule == ShapeRule::menu_row && !lines[k].recurring && !lines[k].anchor; };
    auto article = [&](std::size_t k) { return lines[k].anchor || lines[k].cls == LineClass::good; };
    return weak_row(u) && weak_row(d) && article(up[u]) && article(down[d]);
}

// Uncertain lines of class `which` follow their neighbours: chrome between chrome, article
// between article, and article when mixed. Without any paragraph on the page, prose is never
// judged by its neighbours. A line between two code rows inside the article's run is judged as
// one between paragraphs (between_code_rows).
void follow_neighbours(std::vector<JudgedLine>& lines, LineClass which, bool any_good) {
    const std::vector<LineClass> up = nearest(lines, -1, decided, true);
    const std::vector<LineClass> down = nearest(lines, +1, decided);
    const std::vector<std::size_t> up_at = nearest_index(lines, -1);
    const std::vector<std::size_t> down_at = nearest_index(lines, +1);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        JudgedLine& line = lines[i];
        if (line.cls != which || line.anchor || line.data || line.resolved) continue;
        line.resolved = true;
        const bool near_good = which == LineClass::near_good;
        const bool chrome_around = is_bad(up[i]) && is_bad(down[i]);
        const bool in_code = chrome_around && between_code_rows(lines, up_at, down_at, i);
        if (chrome_around && !in_code && (any_good || !line.shape.prose)) {
            line.cls = LineClass::bad;
            judge(line, line.shape.prose ? k_score_context_bad_prose : k_score_context_bad, ShapeRule::between_chrome);
        } else if (near_good) {
            line.cls = LineClass::good;  // resolved: counts as article for the short lines next
        } else if (in_code || (up[i] == LineClass::good && down[i] == LineClass::good)) {
            judge(line, k_score_short_good, ShapeRule::between_paragraphs);
        }
    }
}

// A heading word followed by title-like lines, all bulleted or none, is a list of links: >= 3
// lines, or >= 2 bulleted ones. A bare URL under a title belongs to it; two blank lines in a
// row end the list.
void mark_link_lists(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    for (std::size_t h = 0; h < n; ++h) {
        if (lines[h].shape.cue != Cue::heading || !is_bad(lines[h].cls) || lines[h].tail_heading) continue;
        std::vector<std::size_t> run;
        std::size_t first_item = n;
        int blanks = 0, items = 0;
        for (std::size_t k = h + 1; k < n && run.size() < k_link_list_scan; ++k) {
            const JudgedLine& l = lines[k];
            if (l.cls == LineClass::blank) {
                if (++blanks >= 2) break;
                continue;
            }
            blanks = 0;
            if (is_bad(l.cls)) continue;
            // Link titles may end in "!" or "?", not in a period or comma, and do not hold a Latin full
            // stop and a second sentence: "öh, glaub ja. weshalb?" is the article again ("すごい！新製品！"
            // and "...開始。 akbの...【話題】" are still titles).
            const bool kept = (l.cls == LineClass::short_line || (l.cls == LineClass::good && l.resolved)) &&
                              !(l.shape.full_stops > 0 && l.shape.sentence_ends >= 2);
            if (l.anchor || l.data || !kept || l.shape.period_end || l.shape.comma_end ||
                l.shape.weight >= k_long_prose_weight)
                break;
            if (!l.shape.url) {
                if (first_item == n) first_item = k;
                else if (l.shape.bullet != lines[first_item].shape.bullet) break;
                ++items;
            }
            run.push_back(k);
        }
        const bool bulleted = first_item < n && lines[first_item].shape.bullet;
        if (items < (bulleted ? k_link_list_lines - 1 : k_link_list_lines)) continue;
        for (std::size_t k : run) {
            lines[k].cls = LineClass::bad;
            judge(lines[k], k_score_link_list, ShapeRule::link_list);
        }
    }
}

// Menus in the margins: above the first paragraph and below the last, menu items hanging off
// chrome (short title-like lines reached from a chrome line through other such lines), and
// blocks of short lines made of at least 40% chrome (a menu written one item per line; one
// photo credit does not make a menu). Above the title the items are read downwards from the
// chrome; below the last paragraph too — a footer's links follow its first chrome line down to
// the page's end, which is neutral ground for the neighbour rule.
namespace {

bool is_menu_item(const JudgedLine& l) {
    return l.cls == LineClass::short_line && !l.anchor && !l.data && l.shape.title_like;
}
// Junk (an empty ad slot, a query string) is no evidence of a menu: passed over.
bool is_junk(const JudgedLine& l) { return l.shape.cue == Cue::junk; }

void mark_menus_in(std::vector<JudgedLine>& lines, std::size_t from, std::size_t to, ShapeRule rule) {
    bool from_chrome = false;
    for (std::size_t i = from; i < to; ++i) {
        JudgedLine& line = lines[i];
        if (line.cls == LineClass::blank || is_junk(line)) continue;
        if (is_bad(line.cls)) { from_chrome = true; continue; }
        if (!is_menu_item(line)) { from_chrome = false; continue; }
        if (from_chrome && line.shape.weight <= k_menu_item_weight) {
            line.cls = LineClass::bad;
            judge(line, k_score_menu, rule);
        }
    }
    for_each_block(lines, to, [&](std::size_t start, std::size_t end) {
        if (start < from) return;
        std::size_t chrome = 0, size = 0;
        for (std::size_t k = start; k < end; ++k) {
            if (is_junk(lines[k])) continue;
            ++size;
            if (is_bad(lines[k].cls)) ++chrome;
            else if (!is_menu_item(lines[k])) return;
        }
        if (size < k_menu_block_lines || chrome < k_menu_block_chrome || k_menu_chrome_den * chrome < k_menu_chrome_num * size) return;
        for (std::size_t k = start; k < end; ++k) {
            if (is_bad(lines[k].cls)) continue;
            lines[k].cls = LineClass::bad;
            judge(lines[k], k_score_menu, rule);
        }
    });
}

// Above the page's head (its headline, title slot or first paragraph, whichever comes first) the
// page's top edge is no article either: menu items between the top and the first chrome line
// below them are read upwards from that chrome, through other such items, as the footer's are
// read downwards to the page's end. A byline or dateline under the headline is below the head and
// not touched; the headline itself is an anchor. Only chrome of form leads upwards: a headline the
// title search missed (`Hermitian matrix`, weight 4, over a wiki's recurring `From Wikipedia, the
// free encyclopedia`) stands over a site template, and a lone heading word under a line
// (`Contents` under a manual page's title) is a heading of that page.
void mark_menus_up_to_head(std::vector<JudgedLine>& lines, std::size_t first_good) {
    std::size_t head = first_good;
    for (std::size_t i = 0; i < first_good; ++i)
        if (lines[i].anchor || lines[i].title || lines[i].head_anchor) { head = i; break; }
    auto leads_up = [](const JudgedLine& l) {
        return !l.recurring && !(l.cls == LineClass::soft_bad && l.shape.cue == Cue::heading);
    };
    bool from_chrome = false;
    for (std::size_t i = head; i-- > 0;) {
        JudgedLine& line = lines[i];
        if (line.cls == LineClass::blank || is_junk(line)) continue;
        if (is_bad(line.cls)) { from_chrome = leads_up(line); continue; }
        // Whatever is not chrome between the chrome and the head (a comment form over a
        // cookie box that the head was taken from on a page without paragraphs of its own),
        // or not a menu item, ends the reading: the page's text above it stays.
        if (!from_chrome || !is_menu_item(line) || line.shape.weight > k_menu_item_weight) return;
        line.cls = LineClass::bad;
        judge(line, k_score_menu, ShapeRule::head_menu);
    }
}

}  // namespace

void mark_margin_menus(std::vector<JudgedLine>& lines, std::size_t first_good) {
    const std::size_t n = lines.size();
    mark_menus_in(lines, 0, first_good, ShapeRule::head_menu);
    mark_menus_up_to_head(lines, first_good);
    std::size_t last_good = n;
    for (std::size_t i = n; i-- > first_good;)
        if (lines[i].cls == LineClass::good || lines[i].anchor) { last_good = i; break; }
    if (last_good < n) mark_menus_in(lines, last_good + 1, n, ShapeRule::foot_menu);
}

// The tail of the page: from the first heading word ("関連記事", "related articles") after which
// at most a fifth of the page's paragraph weight remains. What follows such a heading is
// mostly the site's (related lists, promotions, recruiting blocks), so a paragraph there is no
// anchor: it becomes uncertain and follows its neighbours. Long prose keeps its place (a second
// article glued on, or a duplicate for the duplicate stage to judge).
void demote_tail(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    long total = 0;
    for (const JudgedLine& l : lines) total += l.cls == LineClass::good ? l.shape.weight : 0;
    if (total == 0) return;
    long before = 0;
    std::size_t tail = n;
    for (std::size_t i = 0; i < n; ++i) {
        const JudgedLine& l = lines[i];
        if (l.cls == LineClass::good) before += l.shape.weight;
        if (l.shape.cue == Cue::heading && is_bad(l.cls) && before > 0 && k_tail_share_den * (total - before) <= before) {
            tail = i;
            break;
        }
    }
    for (std::size_t k = tail + 1; k < n; ++k) {
        JudgedLine& l = lines[k];
        if (l.cls != LineClass::good || l.long_prose || l.protect || l.title) continue;
        l.cls = LineClass::near_good;
        l.anchor = false;
        judge(l, k_score_near_good, ShapeRule::tail);
    }
}

namespace {

// k_script_marks as a table: the bytes after the last sixteen-byte block are read one by one.
constexpr std::array<bool, 256> k_is_script_mark = [] {
    std::array<bool, 256> table{};
    for (const char c : k_script_marks) table[static_cast<unsigned char>(c)] = true;
    return table;
}();
static_assert(k_script_marks.find(' ') == std::string_view::npos, "a space is neither a mark nor a counted byte");

}  // namespace

// Script source printed as text (k_script_marks): no paragraph of the article. mark_article_end
// asks it of every paragraph line, again for each place the foot may open, so it reads most
// bytes of a page's text more than once: byte by byte (a table read and two adds a byte) it was
// 1.9% of `once clean`'s instructions on ldcc's first 1,500 records. Sixteen bytes a step on
// SSE2: each lane counts its spaces and its marks (a match is -1, subtracted) for up to 255
// blocks, then one sum of absolute differences adds the lanes, as count_code_points does.
bool script_like(std::string_view text) {
    const char* data = text.data();
    const std::size_t size = text.size();
    std::size_t marks = 0, spaces = 0, at = 0;
#if defined(__SSE2__)
    const auto lanes_sum = [](__m128i counts) {
        const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());  // two 64-bit halves
        return static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
               static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
    };
    const __m128i space = _mm_set1_epi8(' ');
    __m128i mark_bytes[k_script_marks.size()];  // a std::array would drop __m128i's alignment attribute
    for (std::size_t m = 0; m < k_script_marks.size(); ++m) mark_bytes[m] = _mm_set1_epi8(k_script_marks[m]);
    while (at + 16 <= size) {
        const std::size_t blocks = std::min<std::size_t>((size - at) / 16, 255);
        __m128i space_counts = _mm_setzero_si128(), mark_counts = _mm_setzero_si128();
        for (std::size_t block = 0; block < blocks; ++block, at += 16) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
            space_counts = _mm_sub_epi8(space_counts, _mm_cmpeq_epi8(bytes, space));
            __m128i is_mark = _mm_cmpeq_epi8(bytes, mark_bytes[0]);
            for (std::size_t m = 1; m < k_script_marks.size(); ++m) is_mark = _mm_or_si128(is_mark, _mm_cmpeq_epi8(bytes, mark_bytes[m]));
            mark_counts = _mm_sub_epi8(mark_counts, is_mark);
        }
        spaces += lanes_sum(space_counts);
        marks += lanes_sum(mark_counts);
    }
#endif
    for (; at < size; ++at) {
        spaces += data[at] == ' ';
        marks += k_is_script_mark[static_cast<unsigned char>(data[at])];
    }
    const std::size_t bytes = size - spaces;
    return bytes > 0 && marks * k_script_share_den >= bytes;
}

namespace {

// A stamp's form (k_stamp_repeats): each run of digits is '#', each run of other word bytes (a
// word of any script, a name, a month) 'a'; punctuation and spaces stay. "jane doe - march 10,
// 2017 at 2:56 am" and "john roe - april 2, 2018 at 11:05 pm" share "a a - a #, # a #:# a".
std::string stamp_form(std::string_view text) {
    std::string out;
    char last = 0;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        const char mark = line_chars::is_digit(c) ? '#' : (c >= 0x80 || line_chars::is_ascii_alnum(c)) ? 'a' : ch;
        if ((mark == '#' || mark == 'a') && mark == last) continue;
        out += mark;
        last = mark;
    }
    return out;
}

}  // namespace

// The article's end: the page's main text is its heaviest run of paragraphs that no chrome line
// interrupts (as for the headline, title_slot.cpp); the first chrome line after that run that is
// followed by chrome again opens the page's foot — comments and their form, newsletter and
// paywall boxes, teasers, footer links — and every line from it to the page's end goes, when the
// paragraphs down there weigh at most 1/k_article_end_share_den of the page's (a second half of
// the article after a mid-article button or caption is heavier than that). Spec boxes (`data`),
// the title and --keep lines stay. What opens the foot is chrome by its form or its place, not
// by recurrence alone (a site may give every article a "■プロフィール" or "まとめ" section) nor
// a copyright mark (a photo credit, "© picture alliance/dpa", stands inside the article); and a
// lone chrome line between the article and more prose is a contact or a caption ("お問い合わせ：
// 03-…" over the article's closing lines), so the next line must be chrome too. Junk and embedded
// frames are no evidence here either: an ad slot or a video may stand inside the article.
void mark_article_end(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    // A paragraph of the article, for the weights below: script source counts for nothing, and
    // neither does a bulleted line: a menu or teaser list whose items carry a sentence each can
    // outweigh the article, which then stands after the "main run" and went with the foot.
    auto paragraph = [](const JudgedLine& l) {
        return l.cls == LineClass::good && !l.shape.bullet && !script_like(l.text);
    };
    const auto chrome = cuts_main_run;
    // Stamps (k_stamp_repeats): a date or a time that each comment or teaser card prints in one
    // form. They do not cut the main run below (the article's own dated items, a listicle's
    // embedded tweets, would cut it short); they open the foot and cut the prose under it.
    std::vector<char> stamp(n, 0);
    {
        std::vector<std::string> form(n);
        for (std::size_t k = 0; k < n; ++k) {
            const JudgedLine& l = lines[k];
            if (l.cls == LineClass::blank || l.shape.prose || l.shape.field || l.shape.weight > k_byline_max_weight ||
                l.protect || l.title || l.data || !has_date_figure(l.text))
                continue;
            form[k] = stamp_form(l.text);
        }
        // A form counts the distinct lines that print it (a running header, "Internet-Draft …
        // December 2014", is one line again and again), each followed by something else than the
        // same form (the rows of a table of versions and dates, "4.2.3 April 2014", follow each
        // other; a comment's stamp is followed by its text).
        std::unordered_map<std::string, std::unordered_set<std::string_view>> forms;
        std::size_t next = n;
        for (std::size_t k = n; k-- > 0;) {
            if (lines[k].cls == LineClass::blank) continue;
            if (!form[k].empty() && (next == n || form[next] != form[k])) forms[form[k]].insert(lines[k].text);
            next = k;
        }
        // What stands between a form's lines is words: a comment, a teaser's title. Where most of
        // those lines hold figures, the form heads the rows of a table (an athletics meeting's
        // results under each event and its date: `hochsprung schi a w15  19.05.2007`), the page's
        // own text. Prefix counts of non-blank lines and of lines with digits keep this linear.
        std::vector<long> lines_before(n + 1, 0), digits_before(n + 1, 0);
        for (std::size_t k = 0; k < n; ++k) {
            const bool counted = lines[k].cls != LineClass::blank && form[k].empty();
            lines_before[k + 1] = lines_before[k] + (counted ? 1 : 0);
            digits_before[k + 1] = digits_before[k] + (counted && lines[k].shape.digits ? 1 : 0);
        }
        std::unordered_map<std::string_view, std::size_t> previous;
        std::unordered_map<std::string_view, std::pair<long, long>> between;  // lines, with digits
        for (std::size_t k = 0; k < n; ++k) {
            if (form[k].empty()) continue;
            const auto [it, fresh] = previous.try_emplace(form[k], k);
            if (!fresh) {
                auto& b = between[form[k]];
                b.first += lines_before[k] - lines_before[it->second + 1];
                b.second += digits_before[k] - digits_before[it->second + 1];
                it->second = k;
            }
        }
        for (std::size_t k = 0; k < n; ++k) {
            if (form[k].empty()) continue;
            const auto it = forms.find(form[k]);
            const auto b = between[form[k]];
            stamp[k] = it != forms.end() && it->second.size() >= static_cast<std::size_t>(k_stamp_repeats) &&
                       2 * b.second < b.first;
        }
    }
    const MainRun run = main_run(lines, paragraph);
    const std::size_t best_end = run.end;
    const long best_weight = run.weight, total = run.total;
    if (best_end == n) return;
    // A stamp right under the main run's last paragraph signs it: the page is a digest of dated
    // entries, each signed so, and its stamps are the article's, not a thread's.
    {
        std::size_t closing = best_end + 1;
        while (closing < n && lines[closing].cls == LineClass::blank) ++closing;
        if (closing < n && stamp[closing]) std::fill(stamp.begin(), stamp.end(), 0);
    }
    // Chrome that may open the foot: by its form or place, not a template or a copyright mark.
    auto evidence = [&](const JudgedLine& l) {
        return chrome(l) && !l.recurring && l.shape.cue != Cue::copyright && !l.tail_heading;
    };
    auto ignored = [](const JudgedLine& l) { return l.cls == LineClass::blank || l.shape.cue == Cue::junk || l.shape.embed; };
    auto opens_foot = [&](std::size_t k) {
        if (!evidence(lines[k])) return false;
        for (++k; k < n; ++k) {
            if (ignored(lines[k])) continue;
            return chrome(lines[k]);
        }
        return true;  // the page's last line
    };
    // A column of short lines (k_foot_run_lines): menu items, teaser titles, comment bylines, with
    // chrome among them. A line with a digit or a key:value is a fact of the article (an amount,
    // a date, a spec row) and ends the column; so does a line without a letter (a drawn rule).
    auto short_item = [](const JudgedLine& l) {
        return l.cls == LineClass::short_line && l.shape.title_like && l.shape.weight > 0 && !l.shape.digits &&
               !l.shape.field && !l.anchor && !l.data && !l.protect && !l.title;
    };
    // From each line down, the column's lines and its chrome evidence (one pass from the end, so
    // the pass stays linear on pages of thousands of short lines).
    std::vector<std::size_t> column_lines(n + 1, 0), column_cues(n + 1, 0);
    for (std::size_t k = n; k-- > 0;) {
        const JudgedLine& l = lines[k];
        if (ignored(l)) {
            column_lines[k] = column_lines[k + 1];
            column_cues[k] = column_cues[k + 1];
        } else if (short_item(l) || chrome(l)) {
            column_lines[k] = column_lines[k + 1] + 1;
            column_cues[k] = column_cues[k + 1] + (evidence(l) ? 1 : 0);
        }
    }
    // A column starts a block or follows chrome: a list whose first items are sentences or facts
    // ("* The World Factbook. …", "* Te Ara: …") and whose last ones are bare titles is the
    // article's (a wiki's external links, which readability's gold keeps).
    auto opens_column = [&](std::size_t k) {
        if (!short_item(lines[k]) && !evidence(lines[k])) return false;
        if (k > 0 && lines[k - 1].cls != LineClass::blank && !chrome(lines[k - 1])) return false;
        return column_lines[k] >= k_foot_run_lines && column_cues[k] >= k_foot_run_chrome;
    };
    // The line that opens the foot stays as it is: a chrome line is removed by its own verdict,
    // a column's first short line may be the article's closing line (a signature, an editor or
    // photo credit: "LAURIE OAKES IS THE NINE NETWORK POLITICAL EDITOR", "Top photo by …").
    // What follows the opening line: little prose in all, or prose in small pieces only — a
    // comment thread or a teaser list, each piece cut off from the next by chrome of form or place
    // (a reply button, a "weiterlesen" link), where the rest of an article runs on: a photo
    // credit (a copyright mark) between its paragraphs does not cut it, and its bulleted steps
    // count (a recipe's method after its print buttons).
    // With `stamps`, the stamps below cut pieces too (k_stamp_repeats).
    auto light_below = [&](std::size_t cut, bool stamps) {
        long after = 0, piece = 0, heaviest_piece = 0;
        for (std::size_t k = cut + 1; k < n; ++k) {
            const JudgedLine& l = lines[k];
            if (evidence(l) || (stamps && stamp[k])) piece = 0;
            if (l.cls == LineClass::good && !script_like(l.text)) {
                piece += l.shape.weight;
                heaviest_piece = std::max(heaviest_piece, piece);
            }
            if (paragraph(l)) after += l.shape.weight;
        }
        const bool little_after = k_article_end_share_den * after <= total;
        const bool pieces_after = k_article_end_share_den * heaviest_piece <= total &&
                                  k_foot_main_share_den * best_weight >= total;
        return little_after || pieces_after;
    };
    // A form (rule form-block) may stand between the article and a comment thread heavy enough
    // to read as more article (the comment form above the comments): when the foot it would open
    // is too heavy, the search goes on below the form, as it did before forms were chrome (one
    // weight test per form, so the pass stays linear on pages of a few forms).
    // Stamps (k_stamp_repeats) open the foot too, and cut the prose below it into pieces, but a
    // foot that only they let open takes nothing above its opening line: the lead-in and the gap
    // rules below are for chrome read by its form, and a signature ("x Franzi") or a closing note
    // over a dated related list is the article's. The first stamp is tried once: when the prose
    // below it is too heavy (a dated list of the article's own), the search goes on for chrome.
    std::size_t cut = best_end + 1;
    bool stamp_tried = false, by_stamps = false;
    for (;; ++cut) {
        while (cut < n && !opens_foot(cut) && !opens_column(cut) && !(stamp[cut] && !stamp_tried)) ++cut;
        if (cut >= n) return;
        const bool at_stamp = stamp[cut] && !stamp_tried && !opens_foot(cut) && !opens_column(cut);
        if (!at_stamp && light_below(cut, false)) break;
        if (light_below(cut, true)) {
            by_stamps = true;
            break;
        }
        if (at_stamp) {
            stamp_tried = true;
            continue;
        }
        if (lines[cut].rule != ShapeRule::form_block) return;
        while (cut + 1 < n && (lines[cut + 1].rule == ShapeRule::form_block || ignored(lines[cut + 1]))) ++cut;
    }
    // A stamp that opens the foot goes with it: it is the first comment's or card's.
    if (stamp[cut] && !is_bad(lines[cut].cls)) {
        lines[cut].cls = LineClass::bad;
        lines[cut].anchor = false;
        judge(lines[cut], k_score_article_end, ShapeRule::article_end);
    }
    // Above a foot opened by chrome, the lines its context left undecided — short, title-like
    // lines with the article above and the foot below ("Donate Now", "Sign Up
    // For Breaking News Alerts", "Newsletter OSW") — lead into it: the column of such lines (chrome and blank lines
    // passed over) that ends at the foot goes with it. Such lines in one block with the article's
    // closing line can start no column, so they stayed. The closing line stays (the first line
    // after the main run: a signature, an editor's credit), and so does what leads elsewhere: a
    // bullet (the article's own list), a line ending in a colon (it introduces what follows), a
    // bare URL (the article's reference), a digit or a key:value (a fact). A foot opened by a
    // column keeps its first line, so nothing above it leads into chrome (on ldcc, an article's
    // own list of measuring conditions above a related list went when it did).
    auto lead_in = [&](const JudgedLine& l) {
        return short_item(l) && l.rule == ShapeRule::short_line && !l.shape.bullet && !l.shape.colon_end && !l.shape.url;
    };
    std::size_t closing = best_end + 1;
    while (closing < cut && lines[closing].cls == LineClass::blank) ++closing;
    auto passed_over = [&](const JudgedLine& l) { return l.cls == LineClass::blank || chrome(l) || lead_in(l); };
    std::size_t top = cut;
    if (chrome(lines[cut]) && !by_stamps)
        while (top > closing + 1 && passed_over(lines[top - 1])) --top;
    // A gap without prose: when nothing between the closing line and the foot reads as the
    // article going on, the article has ended at its closing line and the short lines in the
    // blocks down to the foot are the start of the chrome below (a teaser list's heading and
    // titles, "Auch auf gofeminin.de", a byline, tag and pin-it lines), whatever their neighbours
    // made of them and however the foot opened; the same lines lead in as above (no bullet, colon,
    // URL, digit or key:value). The article goes on with a paragraph, a sentence or a line broken
    // at a comma (verse-like short lines on ldcc: "そして・・・" / "もしものときは、" / "…訴えた。"),
    // a line ending in a colon, the closing line included ("… in short:" over a config file), or a
    // digit (a spec table's values, a list of nominees and their years on ldcc, 304 lines in 48
    // articles without it); and the closing line's own block stays (a letter's signatories).
    std::size_t gap = closing;
    while (gap < cut && lines[gap].cls != LineClass::blank) ++gap;
    auto goes_on = [](const JudgedLine& l) {
        return l.cls == LineClass::good || l.shape.colon_end ||
               (!is_bad(l.cls) && (l.shape.prose || l.shape.comma_end || l.shape.digits));
    };
    const bool bare_gap = !by_stamps && closing < cut && !lines[closing].shape.colon_end &&
                          std::none_of(lines.begin() + static_cast<std::ptrdiff_t>(closing) + 1,
                                       lines.begin() + static_cast<std::ptrdiff_t>(cut), goes_on);
    auto gap_item = [&](const JudgedLine& l) {
        return short_item(l) && !l.shape.bullet && !l.shape.colon_end && !l.shape.url;
    };
    for (std::size_t k = bare_gap ? std::min(top, gap) : top; k < cut; ++k) {
        JudgedLine& l = lines[k];
        if (!(k >= top && lead_in(l)) && !(bare_gap && k >= gap && gap_item(l))) continue;
        l.cls = LineClass::bad;
        judge(l, k_score_article_end, ShapeRule::article_end);
    }
    for (std::size_t k = cut + 1; k < n; ++k) {
        JudgedLine& l = lines[k];
        if (l.cls == LineClass::blank || is_bad(l.cls) || l.protect || l.title || l.data) continue;
        l.cls = LineClass::bad;
        l.anchor = false;
        judge(l, k_score_article_end, ShapeRule::article_end);
    }
}

}  // namespace once
