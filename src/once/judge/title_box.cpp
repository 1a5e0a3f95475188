// title_box.cpp — a box of other stories' titles under the article (docs/boilerplate.md, step 3,
// "Other stories' titles"; rule `article-end`).
//
// Under the article most news sites print the titles of other stories: related, latest, most
// read. Where no label heads the box (`Lies auch`, `関連記事`: the word lists take those) nothing
// in one title says it is chrome — it is a short line like the article's own headings and list
// items. What gives the box away is three things together (bench/box_bound.py measured the
// family on main's maps first; docs/results-log.md, session 32):
//   - place: every line of the box stands below the article's last long line (k_box_min_prose)
//     and below the closing line right under it (a source, a sign-off), and the kept lines below
//     that long line hold at most k_box_tail_share_num/k_box_tail_share_den of the page's kept
//     weight (a photo blog or a list page whose text is short lines under one long one stays);
//   - form: at least k_box_min_titles title-shaped lines in a row among the kept lines, each alone
//     between blank lines (a table's, a spec box's or a byline block's rows stand together) —
//     between k_box_min_title and k_box_max_title weight units, no sentence or label end (`.`,
//     `!`, `:`, `;`, `。`; a teaser's `…` is a cut, not an end), no bullet, list number, note
//     mark (`※`) or opening quotation, no one-word key before a colon (a product's facts), no
//     URL; and figures in fewer than half of them (rows with figures are a schedule, a ranking or
//     a spec table of the article's);
//   - words: at most 1/k_box_shared_den of the titles' words (Latin words of 4 letters or more,
//     CJK character pairs) stand in the article above — other stories are about other things,
//     while the article's closing list (a manual's maxims, a match's scorers) is about its
//     subject. A run in Latin letters under an article in CJK stays: a table or a command inside
//     a Chinese manual shares no words with its text.
//
// Usage: classify_lines runs mark_title_boxes(lines) last, after the cards and the calls to the
// reader have settled which lines are kept.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "once/judge/line_chars.hpp"
#include "once/judge/shape_passes.hpp"
#include "once/judge/shape_scores.hpp"

namespace once {

using namespace shape_scores;

namespace {

// A line the judge keeps so far: no chrome class, no template of the site.
bool kept(const JudgedLine& l) { return l.cls != LineClass::blank && !is_bad(l.cls) && !l.recurring; }

// "5. Praktiziere Dankbarkeit", "2) …": an item of a numbered list.
bool numbered(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && i < 3 && text[i] >= '0' && text[i] <= '9') ++i;
    return i > 0 && i + 1 < text.size() && (text[i] == '.' || text[i] == ')') && text[i + 1] == ' ';
}

// "dekantierempfehlung: dekantieren nicht notwendig": a row of a product's or a recipe's facts,
// one word before its colon. A title with a topic before its colon ("día de la madre 2022: las
// mejores frases …", "walter mercado: horóscopo …") names it in more words, or in a name.
bool one_word_field(std::string_view text) {
    const std::size_t colon = text.find(':');
    return colon != std::string_view::npos && colon > 0 && text.substr(0, colon).find(' ') == std::string_view::npos;
}

// "「グットです♪」", "「calpis bartime」紅茶香る…", "※ 出発時刻の15分前までに集合", "\"…\"": a line
// opening with a quotation or a note mark is a quote, a product's name or a note of the article's.
bool opens_as_quote_or_note(std::string_view text) {
    for (const std::string_view mark : {"「", "『", "\"", "“", "„", "«", "※"})
        if (text.substr(0, mark.size()) == mark) return true;
    return false;
}

// Alone between blank lines (or the page's edge): a box's titles stand apart as paragraphs do,
// while a table's rows, a spec box's and a byline block's lines stand together.
bool alone(const std::vector<JudgedLine>& lines, std::size_t k) {
    return (k == 0 || lines[k - 1].cls == LineClass::blank) &&
           (k + 1 == lines.size() || lines[k + 1].cls == LineClass::blank);
}

bool ends_as_sentence(const JudgedLine& l) {
    if (l.shape.ellipsis) return false;
    if (l.shape.period_end || l.shape.colon_end) return true;
    const char last = l.text.empty() ? '\0' : l.text.back();
    return last == '!' || last == ';';
}

bool title_shaped(const JudgedLine& l) {
    return l.shape.weight >= k_box_min_title && l.shape.weight <= k_box_max_title && !ends_as_sentence(l) &&
           !l.shape.bullet && !numbered(l.text) && !one_word_field(l.text) && !opens_as_quote_or_note(l.text) &&
           !l.shape.url && !l.protect && !l.title && !l.data && !l.spec_row && !l.listing && !l.contents_entry;
}

// A story's own words: Latin words of 4 letters or more (shorter ones are mostly function words)
// and pairs of CJK characters (Chinese and Japanese have no spaces; a pair is the usual word).
// `cjk` counts the pairs among them.
struct Words {
    std::vector<std::string> all;
    std::size_t cjk = 0;
};

void add_words(std::string_view text, Words& out) {
    std::size_t i = 0, word_start = 0, letters = 0;
    std::size_t prev_cjk_start = std::string_view::npos;
    bool in_word = false;
    auto end_word = [&](std::size_t at) {
        if (in_word && letters >= 4) out.all.emplace_back(text.substr(word_start, at - word_start));
        in_word = false;
        letters = 0;
    };
    while (i < text.size()) {
        const std::size_t at = i;
        const char32_t c = line_chars::next_cp(text, i);
        if (line_chars::is_cjk(c)) {
            end_word(at);
            if (prev_cjk_start != std::string_view::npos) {
                out.all.emplace_back(text.substr(prev_cjk_start, i - prev_cjk_start));
                ++out.cjk;
            }
            prev_cjk_start = at;
            continue;
        }
        prev_cjk_start = std::string_view::npos;
        if (line_chars::is_word_char(c) && !line_chars::is_digit(c) && c != '\'') {
            if (!in_word) word_start = at;
            in_word = true;
            ++letters;
        } else {
            end_word(at);
        }
    }
    end_word(text.size());
}

}  // namespace

void mark_title_boxes(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    std::size_t last_long = n;
    long total = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!kept(lines[k])) continue;
        total += lines[k].shape.weight;
        if (lines[k].shape.weight >= k_box_min_prose) last_long = k;
    }
    if (last_long == n) return;
    std::vector<std::size_t> tail;
    long tail_weight = 0;
    for (std::size_t k = last_long + 1; k < n; ++k)
        if (kept(lines[k])) {
            tail.push_back(k);
            tail_weight += lines[k].shape.weight;
        }
    if (tail.size() < 1 + k_box_min_titles || k_box_tail_share_den * tail_weight > k_box_tail_share_num * total) return;
    Words article;
    for (std::size_t k = 0; k <= last_long; ++k)
        if (kept(lines[k])) add_words(lines[k].text, article);
    const std::unordered_set<std::string> article_words(article.all.begin(), article.all.end());
    const bool cjk_article = 2 * article.cjk >= article.all.size() && !article.all.empty();

    auto close_run = [&](std::size_t from, std::size_t to) {  // tail[from, to)
        if (to - from < k_box_min_titles) return;
        // Rows with figures in half of them are a table, a schedule or a ranking of the article's
        // (a phone's specs, concert dates, a poll's votes); a box of titles holds a figure here
        // and there ("5 gründe …", a date).
        std::size_t with_digits = 0;
        for (std::size_t r = from; r < to; ++r) with_digits += lines[tail[r]].shape.digits ? 1 : 0;
        if (k_box_digit_rows_den * with_digits >= to - from) return;
        Words own;
        for (std::size_t r = from; r < to; ++r) add_words(lines[tail[r]].text, own);
        if (own.all.empty()) return;
        std::size_t shared = 0;
        for (const std::string& w : own.all) shared += article_words.count(w);
        if (k_box_shared_den * shared > own.all.size()) return;
        if (cjk_article && 2 * own.cjk < own.all.size()) return;
        for (std::size_t r = from; r < to; ++r) {
            JudgedLine& l = lines[tail[r]];
            l.cls = LineClass::bad;
            l.anchor = false;
            judge(l, k_score_article_end, ShapeRule::article_end);
        }
    };
    // The tail's first line is the article's closing line and never part of a box.
    std::size_t run_start = 1;
    for (std::size_t r = 1; r < tail.size(); ++r) {
        if (title_shaped(lines[tail[r]]) && alone(lines, tail[r])) continue;
        close_run(run_start, r);
        run_start = r + 1;
    }
    close_run(run_start, tail.size());
}

}  // namespace once
