// card_list.cpp — a list of teaser cards or comments right under the article (docs/boilerplate.md,
// step 3, "Cards"; rule `article-end`).
//
// A related-stories box prints each story as a card — an image's alt text or a bullet, a title, a
// one-sentence teaser, a date or a byline — and a comment thread each comment as a name line, the
// text and a date. The teasers and comments are sentences, so no chrome line ends the page's main
// run before them, and the foot (mark_article_end) never opens over them: they ran on as the
// article. What gives them away is their form: the same sequence of line shapes, block after block,
// at least k_card_repeats times, each card light, led by no text, and something in each card that
// an article's section has not: a date, a teaser cut off with `…`, a chrome line, or three short
// lines besides the text, two without a number (k_card_title_lines: a section name, a title and an
// author over a teaser; a heading over its paragraph is a section, a step's number and its photo
// caption a how-to's step). The cards are the page's tail — what follows them weighs at most a
// fifth of what stands above them — and the article above them outweighs them twice, so a
// listicle whose items are cards of one form is the article.
//
// Usage: classify_lines runs mark_card_lists(lines) after mark_article_end.
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "once/judge/shape_passes.hpp"
#include "once/judge/shape_scores.hpp"

namespace once {

using namespace shape_scores;

namespace {

// One line's shape as a card reads it: 'c' chrome by form or by place (`read more`, `reply`,
// `zum antworten anmelden`; read from the line alone, the `(button) subscribe` under each of
// theverge's subscription plans made them cards, which readability's gold keeps), 'k' a copyright mark (a
// photo credit stands inside articles: no mark of a card), 'b' a bullet, 'd' a short line with a
// date's or a time's figure (a card's or a comment's date), 'e' a teaser cut off, 'p' prose, 'q'
// prose with a date (a reference, `. the guardian. 2013-02-07. retrieved 2022-03-23.`: a
// wiki's or an RFC's reference list is cards of one form, and readability's gold keeps it), 't'
// anything else (a title, a name, an image's alt text), 'n' such a line with a number (`stufe 2`,
// `1位 クロワッサン`, `před 42 minutami`), 'u' a bare URL (a product's shop, a tweet's address).
char card_token(const JudgedLine& l) {
    if (l.shape.cue == Cue::copyright) return 'k';
    if (is_bad(l.cls)) return 'c';
    if (l.shape.bullet) return 'b';
    if (l.shape.ellipsis) return 'e';
    const bool dated = has_date_figure(l.text);
    if (l.shape.prose || l.cls == LineClass::good) return dated ? 'q' : 'p';
    if (dated && l.shape.weight <= k_byline_max_weight) return 'd';
    if (l.shape.url) return 'u';
    return l.shape.digits ? 'n' : 't';
}

// A card's form: it holds text (prose or a teaser), a mark no section has, starts with no text,
// and is no repetition of a shorter form ("t p t p" is two sections).
bool card_form(const std::string& form) {
    const auto count = [&](char c) { return std::count(form.begin(), form.end(), c); };
    const bool text = count('p') + count('e') > 0;
    const bool mark = count('d') + count('e') + count('c') > 0 ||
                      (count('t') >= k_card_title_lines - 1 && count('t') + count('n') >= k_card_title_lines);
    // A card is led by its title, name, picture or date: a form that starts with its text is a
    // quotation over its attribution (`– kyle hughes, writer`), the article's.
    if (!text || !mark || form[0] == 'p' || form[0] == 'e' || form[0] == 'q') return false;
    const std::size_t len = form.size();
    for (std::size_t d = 1; d < len; ++d) {
        if (len % d != 0) continue;
        bool periodic = true;
        for (std::size_t i = d; i < len && periodic; ++i) periodic = form[i] == form[i - d];
        if (periodic) return false;
    }
    return true;
}

}  // namespace

void mark_card_lists(std::vector<JudgedLine>& lines) {
    // The non-blank lines, junk and embedded frames passed over (an ad may stand between cards).
    std::vector<std::size_t> at;
    std::string tokens;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const JudgedLine& l = lines[k];
        if (l.cls == LineClass::blank || l.shape.cue == Cue::junk || l.shape.embed) continue;
        at.push_back(k);
        tokens += card_token(l);
    }
    const std::size_t m = at.size();
    // Paragraph weight before each counted line (as mark_article_end counts it: no bullets).
    std::vector<long> before(m + 1, 0);
    for (std::size_t i = 0; i < m; ++i) {
        const JudgedLine& l = lines[at[i]];
        const bool paragraph = l.cls == LineClass::good && !l.shape.bullet;
        before[i + 1] = before[i] + (paragraph ? l.shape.weight : 0);
    }
    const long total = before[m];
    for (std::size_t s = 0; s < m;) {
        std::size_t run_end = s, run_len = 0;
        for (std::size_t len = 2; len <= k_card_max_lines && s + len * k_card_repeats <= m; ++len) {
            const std::string form = tokens.substr(s, len);
            if (!card_form(form)) continue;
            std::size_t end = s + len;
            while (end + len <= m && tokens.compare(end, len, form) == 0) end += len;
            if ((end - s) / len >= static_cast<std::size_t>(k_card_repeats)) {
                run_end = end;
                run_len = len;
                break;
            }
        }
        if (run_len == 0) {
            ++s;
            continue;
        }
        // Each card light: its prose weighs at most a short paragraph's.
        long list_weight = 0, heaviest = 0;
        for (std::size_t c = s; c < run_end; c += run_len) {
            long card = 0;
            for (std::size_t i = c; i < c + run_len; ++i) {
                const JudgedLine& l = lines[at[i]];
                if (l.shape.prose || l.cls == LineClass::good || l.shape.ellipsis) card += l.shape.weight;
            }
            heaviest = std::max(heaviest, card);
            list_weight += card;
        }
        const long above = before[s], below = total - before[run_end];
        const bool tail = k_article_end_share_den * below <= above;
        const bool under_article = above >= k_card_article_ratio * list_weight && heaviest <= k_card_max_weight;
        if (tail && under_article) {
            for (std::size_t i = s; i < run_end; ++i) {
                JudgedLine& l = lines[at[i]];
                if (is_bad(l.cls) || l.protect || l.title || l.data) continue;
                l.cls = LineClass::bad;
                l.anchor = false;
                judge(l, k_score_article_end, ShapeRule::article_end);
            }
        }
        s = run_end;
    }
}

}  // namespace once
