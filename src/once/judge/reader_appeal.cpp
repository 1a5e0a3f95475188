// reader_appeal.cpp — a call to the reader under the article: subscribe, sign up, follow, donate
// (docs/boilerplate.md, step 3, "Calls to the reader"; rule `article-end`).
//
// Under the article many sites print a one-off box that speaks to the reader: a newsletter plea
// ("Abonnieren Sie unseren Newsletter.", "Enter your email below to receive future announcements
// direct to your inbox."), a donation plea ("Unterstützen Sie die JF mit einer Spende."), a follow
// prompt ("Síguenos en Telegram, Instagram, Facebook y Twitter"). It is one or two sentences, so
// no chrome line ends the article before it, no column or pair of chrome lines opens the foot over
// it, and it is no repeated card: it stayed. What gives it away is its form and its place together,
// each weak alone (issue 11, item 2: a word list alone is no evidence):
//   - place: below the article's last long paragraph (the last paragraph heavier than any call
//     in the page's main run, as mark_article_end reads the run) and below the article's closing
//     line right under it, with at most 1/k_article_end_share_den of the page's paragraph weight
//     below — the article has ended;
//   - form: short (k_appeal_max_weight, k_appeal_max_sentences), in a block of at most
//     k_appeal_block_lines lines (a comment or a list item is part of something else), no
//     quotation (a quote ending the article, "„Spenden Sie“, sagte sie.", "« Abonnez-vous »,
//     conclut-il.", is the article's), no
//     key:value row and no colon at its end (a fact, or a line introducing what follows);
//   - a call to act (k_appeal_words: subscribe, newsletter, sign up, follow us, donate …) that is
//     addressed to the reader: a second-person or the site's own word (k_appeal_you: "your inbox",
//     "dein Postfach", "unser Newsletter", "vous", "あなた", "您"), or the call opens or closes a
//     line that is no sentence, as a button or a box's heading does ("Kostenlos abonnieren", "PC
//     Gamer Newsletter", "■メルマガ登録", "扫码关注我们的微信公众号"), or the line ends in "!" or a
//     link arrow. Japanese and Chinese calls are found as substrings (find_word: no spaces).
// An article's short last paragraph, a letter's closing line or a quote rarely holds a call to
// act addressed to the reader, and one further up the page has the article's weight below it.
//
// Usage: classify_lines runs mark_reader_appeals(lines) before mark_article_end, so that a plea
// can open the foot (a newsletter box over the comment form), and again after mark_card_lists,
// whose verdicts move the main run (a plea under a comment thread the foot has taken).
#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "once/judge/line_chars.hpp"
#include "once/judge/shape_passes.hpp"
#include "once/judge/shape_scores.hpp"

namespace once {

using namespace shape_scores;

namespace {

// A word byte: an ASCII letter or digit, or a byte of a non-ASCII character (ä, é, ß, ł).
bool word_byte(char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x80 || line_chars::is_ascii_alnum(c);
}

// Where `word` stands in `text` as a whole word (or phrase); npos when it does not. A word's edge
// that is a CJK character (Han, kana: line_chars::is_cjk) needs no boundary there: Japanese and
// Chinese are written without spaces, so "メルマガ登録はこちら" or "欢迎关注我们的公众号" holds its call
// between other CJK characters, and every byte of those is a word byte — with the boundary test
// no CJK call would ever be found. A substring is safe enough for these entries because each is
// a form that is a call as it stands (k_appeal_words), and the place and form tests still apply.
// A Latin edge keeps its boundary ("spende" is not found in "spendensammlerin").
std::size_t find_word(std::string_view text, std::string_view word) {
    if (word.empty()) return std::string_view::npos;
    std::size_t last_start = 0, i = 0;
    const bool open_left = line_chars::is_cjk(line_chars::next_cp(word, i));
    const bool open_right = line_chars::is_cjk(line_chars::last_cp(word, last_start));
    for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        const std::size_t end = at + word.size();
        if ((open_left || at == 0 || !word_byte(text[at - 1])) &&
            (open_right || end == text.size() || !word_byte(text[end])))
            return at;
    }
    return std::string_view::npos;
}

// Marks outside ASCII that stand at a line's edges, no word's letters: link arrows, quotes,
// dashes, and the box marks, lenticular brackets and full stop of Japanese and Chinese pages
// ("■メルマガ登録", "【友だち追加】", "…を購読。"): without them a CJK call never opens or closes
// its line.
constexpr std::array<std::string_view, 23> k_edge_marks = {
    "»", "«", "→", "›", "‹", "…", "–", "—", "“", "„",
    "■", "□", "◆", "◇", "▼", "▶", "●", "★", "☆", "・", "【", "】", "。"};

// The line without its edge marks: bullets, brackets of a check box, quotes and arrows around it,
// the punctuation at its end.
std::string_view trimmed(std::string_view text) {
    auto mark_at_front = [&](std::string_view s) -> std::size_t {
        if (!s.empty() && !word_byte(s.front())) return 1;
        for (const std::string_view m : k_edge_marks)
            if (s.substr(0, m.size()) == m) return m.size();
        return 0;
    };
    auto mark_at_back = [&](std::string_view s) -> std::size_t {
        if (!s.empty() && !word_byte(s.back())) return 1;
        for (const std::string_view m : k_edge_marks)
            if (s.size() >= m.size() && s.substr(s.size() - m.size()) == m) return m.size();
        return 0;
    };
    for (std::size_t k = mark_at_front(text); k > 0; k = mark_at_front(text)) text.remove_prefix(k);
    for (std::size_t k = mark_at_back(text); k > 0; k = mark_at_back(text)) text.remove_suffix(k);
    return text;
}

// Somebody's words: a quotation mark that is never a link's arrow, or guillemets that open and
// close (« … », the French and Swiss quotes; a lone » closing a line is a link's arrow).
bool quoted(std::string_view text) {
    for (const std::string_view q : k_appeal_quotes)
        if (text.find(q) != std::string_view::npos) return true;
    return (text.find("«") != std::string_view::npos && text.find("»") != std::string_view::npos) ||
           (text.find("‹") != std::string_view::npos && text.find("›") != std::string_view::npos);
}

// A call to act addressed to the reader (the header's "form").
bool appeal(const JudgedLine& l) {
    const std::string_view text = l.text;
    const std::string_view core = trimmed(text);
    bool call = false, button = false;
    for (const std::string_view w : k_appeal_words) {
        const std::size_t at = find_word(core, w);
        if (at == std::string_view::npos) continue;
        call = true;
        // A call that opens or closes a line which is no sentence is a button or a box's heading
        // ("Kostenlos abonnieren", "PC Gamer Newsletter"). In a sentence the reader must be
        // named (below): "Abonnieren Sie unseren Newsletter." names the site; "Spenden sie …",
        // lower-cased as the normalized text is, may be "they donate".
        const bool opens = at == 0, closes = at + w.size() == core.size();
        if ((opens || closes) && !l.shape.prose) button = true;
    }
    if (!call) return false;
    if (button) return true;
    for (const std::string_view w : k_appeal_you)
        if (find_word(core, w) != std::string_view::npos) return true;
    // "… anmelden!", "zum kostenlosen Newsletter anmelden »": an exclamation or a link's arrow.
    const std::string_view tail = text.substr(static_cast<std::size_t>(core.data() - text.data()) + core.size());
    return tail.find('!') != std::string_view::npos || tail.find("»") != std::string_view::npos ||
           tail.find("→") != std::string_view::npos;
}

}  // namespace

void mark_reader_appeals(std::vector<JudgedLine>& lines) {
    const std::size_t n = lines.size();
    // The page's main run as mark_article_end reads it (main_run), with every good line that is
    // no bullet as a paragraph: script source printed as text, which mark_article_end leaves out,
    // counts here.
    auto paragraph = [](const JudgedLine& l) { return l.cls == LineClass::good && !l.shape.bullet; };
    const MainRun run = main_run(lines, paragraph);
    const std::size_t best_start = run.start, best_end = run.end;
    const long total = run.total;
    if (best_end == n) return;
    // The article's last long paragraph: the main run's last line heavier than any call (its last
    // paragraph when none is). A plea that is a paragraph itself ("Aktuelle Stories … direkt in
    // dein Postfach!") ends the run when no chrome stands between it and the article, so the
    // run's end is no bound; a call above the article's last long paragraph is inside the article.
    auto long_paragraph = [&](const JudgedLine& l) { return paragraph(l) && l.shape.weight > k_appeal_max_weight; };
    std::size_t last_long = best_end;
    while (last_long > best_start && !long_paragraph(lines[last_long])) --last_long;
    if (!long_paragraph(lines[last_long])) last_long = best_end;  // a run of short lines: its end
    // Paragraph weight below each line, for the tail test.
    std::vector<long> below(n + 1, 0);
    for (std::size_t k = n; k-- > 0;) below[k] = below[k + 1] + (paragraph(lines[k]) ? lines[k].shape.weight : 0);
    // The first line under it is the article's closing line and stays, as for the foot's column
    // (context_passes.cpp): an article's short last paragraph, a signature, an editor's note.
    std::size_t closing = last_long + 1;
    while (closing < n && lines[closing].cls == LineClass::blank) ++closing;
    for_each_block(lines, n, [&](std::size_t start, std::size_t end) {
        if (end <= last_long + 1) return;
        if (end - start > k_appeal_block_lines) return;
        for (std::size_t k = std::max(start, last_long + 1); k < end; ++k) {
            JudgedLine& l = lines[k];
            if (k == closing || is_bad(l.cls) || l.protect || l.title || l.data || l.spec_row) continue;
            // A key:value row is a fact ("Verwendete Quellen: Instagram, Heated-Newsletter, …"), a
            // line ending in a colon introduces what follows ("… und können sich anmelden:").
            if (l.shape.field || l.shape.colon_end) continue;
            if (l.shape.weight > k_appeal_max_weight || l.shape.sentence_ends > k_appeal_max_sentences) continue;
            if (k_article_end_share_den * below[k + 1] > total) continue;
            if (quoted(l.text) || !appeal(l)) continue;
            l.cls = LineClass::bad;
            l.anchor = false;
            judge(l, k_score_article_end, ShapeRule::article_end);
        }
    });
}

}  // namespace once
