// contents_headings.cpp — step 0b (document_planner.hpp): the page's headings that a table of
// contents printed earlier on another page of the site (its index) names stay (issue 11, items 1
// and 5: a heading is the article's own; the list naming it is navigation).
//
// Why: a site's index page lists every section of every page, one entry a line ("4.1. On what
// hardware architectures/systems does Debian GNU/Linux run?", "4.2. What kernels does Debian
// GNU/Linux run?", ...); a news site's section page lists the headings of a long story. Crawled
// first, the list was the kept copy and every later section heading went as its duplicate: on
// Debian's manuals in Chinese, Japanese and English (bench/docsite.py) 44,700 of the 80,463 lost
// article bytes were such headings (39,477 stay now), and the FAQ pages kept their answers under
// no question. The judge's contents rule (judge/shape.cpp) sees a list only with its headings on
// the same page; here the form is read from the matches: the page's lines that repeat earlier
// lines of one other document whole, where the earlier lines stand next to each other (a list:
// entry under entry) and the page has its own text between them (a heading over its section).
// Three such lines in a chain (k_named_headings), most of them numbered, are a table of contents
// and its sections; the headings stay, whatever the order of the crawl. Two are enough when each
// has a section heading's form ("3.6.5. ") and stands over the page's own text (k_heading_pair). A copy of a whole text
// keeps its layout — its copied paragraphs are as far apart as the source's — and a copied list
// stays a list, so both still go.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "once/plan/document_planner.hpp"

namespace once {
namespace {

// As the judge's contents rule (k_contents_entries): two entries can be a pair of links that
// happen to be headings of the page; three in order, each over its own text, are a list of its
// sections.
constexpr std::size_t k_named_headings = 3;

// How far back among the page's named lines the previous heading of a chain is looked for: a
// section may print a few other earlier lines again (a sentence twice, a command) between its
// heading and the next.
constexpr std::size_t k_named_lines_back = 8;

// A pair of headings is a list's two entries only when each has the form of a section heading
// and stands over the page's own text: a section of two subsections ("3.6.5." and "3.6.6.", the
// rest of the index's list judged a link list, so no source), which three in a chain never reach
// (bench/docsite.py: the installation guide's section pages, in every language).
constexpr std::size_t k_heading_pair = 2;

// Does `text` (a normalized line) open with a section number of two levels or more, "3.6.5. ",
// "a.2.3 " (an appendix's letter first), then a space? A numbered list's "1. " is one level.
bool opens_with_section_number(std::string_view text) {
    std::size_t at = text.find_first_not_of(" \t");
    if (at == std::string_view::npos) return false;
    std::size_t levels = 0;
    if (text[at] >= 'a' && text[at] <= 'z' && at + 1 < text.size() && text[at + 1] == '.') {
        at += 2;
        levels = 1;
    }
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
        ++levels;
        if (at < text.size() && text[at] == '.') ++at;
        else break;
    }
    return levels >= 2 && at < text.size() && text[at] == ' ';
}

// Where a line's source stands: the sentence it was matched with, and its cluster's first
// member (the entry of the list, when the page's own contents above printed it again); each a
// document and a 1-based line, as TextPosition.
struct SourceLine {
    std::uint32_t doc = 0;
    std::uint32_t line = 0;
    bool operator==(const SourceLine&) const = default;
};
// One line of the page that repeats one earlier line whole: its sentences, all matched, all
// taken from one line of one document.
struct NamedLine {
    std::uint32_t line = 0;
    SourceLine direct, root;
};

// Does `next` repeat the entry right under `prev`'s entry, by either of their sources?
bool entry_under(const NamedLine& prev, const NamedLine& next) {
    for (const SourceLine& a : {prev.direct, prev.root})
        for (const SourceLine& b : {next.direct, next.root})
            if (a.doc == b.doc && b.line == a.line + 1) return true;
    return false;
}

}  // namespace

void DocumentPlanner::hold_contents_headings() {
    std::vector<NamedLine> named;
    for (std::uint32_t l = 0; l < lines_.size(); ++l) {
        const Line& line = lines_[l];
        if (line.blank || line.first_sentence >= line.last_sentence) continue;
        std::optional<NamedLine> entry;
        for (std::uint32_t k = line.first_sentence; k < line.last_sentence; ++k) {
            const Sentence& s = sentences_[k];
            // A heading is a line of its own, no list entry, not kept already.
            if (s.first_line != l || s.last_line != l || matches_[k].type == MatchType::none ||
                analysis_.units[k].bulleted || held_[k]) {
                entry.reset();
                break;
            }
            const UnitLocation direct = matcher_.location(matches_[k].direct);
            const UnitLocation root = matcher_.location(matches_[k].source);
            NamedLine here{l, {direct.doc, direct.start_pos.line}, {root.doc, root.start_pos.line}};
            if (root.start_pos.line != root.end_pos.line || (entry && entry->root != here.root)) here.root = here.direct;
            // Only another page's list: within one page the judge's contents rule reads the list
            // and its headings together (judge/shape.cpp, provenance.cpp), and the same form
            // there is as often a block the page prints twice with other text between its lines
            // the second time — a gallery's captions, PHP warnings, a caption under each photo —
            // whose second print is a copy (trafilatura's devset: 16 pages kept 11.6 KB more).
            // A heading matched with the page's own contents above it, itself a copy of the
            // index, is named by the index: its cluster's first member.
            if (here.direct.doc == doc_) here.direct = here.root;
            if (here.direct.doc == doc_ || direct.start_pos.line != direct.end_pos.line ||
                (entry && entry->direct != here.direct)) {
                entry.reset();
                break;
            }
            entry = here;
        }
        // The line's sentences only: one that began on a line above ends on this one.
        if (entry && (l == 0 || line.first_sentence == 0 || sentences_[line.first_sentence - 1].last_line != l))
            named.push_back(*entry);
    }
    // Chains of named lines: each one's source the line right under an earlier one's source
    // (entry under entry), while the page has a line of its own text between them. Another
    // named line between two links (a sentence the section prints twice) does not break it.
    const auto own_text_between = [&](std::uint32_t from, std::uint32_t to) {
        for (std::uint32_t l = from + 1; l < to; ++l)
            if (!lines_[l].blank) return true;
        return false;
    };
    constexpr std::size_t k_none = static_cast<std::size_t>(-1);
    std::vector<std::size_t> previous(named.size(), k_none), length(named.size(), 1);
    for (std::size_t n = 0; n < named.size(); ++n) {
        for (std::size_t back = 1; back <= std::min(n, k_named_lines_back); ++back) {
            const std::size_t m = n - back;
            if (entry_under(named[m], named[n]) && own_text_between(named[m].line, named[n].line)) {
                previous[n] = m;
                length[n] = length[m] + 1;
                break;
            }
        }
    }
    // Numbered, as the judge's contents rule asks ("4.1. ...", "2.7.5 ...", an appendix's
    // "A.2.3. ..."): a cookie dialog's tabs that another site prints over their text, a notice's
    // stock lines that a later notice prints between its own facts, are no contents and their
    // sections (trafilatura's devset: one page, 97 bytes of a cookie box; ldcc: 213 bytes of
    // smax's update notices).
    const auto numbered = [&](const NamedLine& n) {
        const std::string_view text = lines_[n.line].normalized;
        const std::size_t at = text.find_first_not_of(" \t");
        return (at != std::string_view::npos && text[at] >= '0' && text[at] <= '9') ||
               opens_with_section_number(text);
    };
    // The page's own text right under a line: the next non-blank line matched nowhere.
    const auto over_own_text = [&](std::uint32_t l) {
        for (std::uint32_t next = l + 1; next < lines_.size(); ++next) {
            const Line& line = lines_[next];
            if (line.blank) continue;
            if (line.first_sentence >= line.last_sentence) return false;
            for (std::uint32_t k = line.first_sentence; k < line.last_sentence; ++k)
                if (matches_[k].type != MatchType::none) return false;
            return true;
        }
        return false;
    };
    const auto section_heading = [&](const NamedLine& n) {
        return opens_with_section_number(lines_[n.line].normalized) && over_own_text(n.line);
    };
    for (std::size_t n = named.size(); n-- > 0;) {
        if (length[n] == k_heading_pair && previous[n] != k_none && section_heading(named[n]) &&
            section_heading(named[previous[n]])) {
            for (std::size_t c = n; c != k_none; c = previous[c]) {
                const Line& line = lines_[named[c].line];
                for (std::uint32_t k = line.first_sentence; k < line.last_sentence; ++k) held_[k] = true;
            }
            continue;
        }
        if (length[n] < k_named_headings) continue;
        std::size_t with_number = 0;
        for (std::size_t c = n; c != k_none; c = previous[c]) with_number += numbered(named[c]) ? 1 : 0;
        if (2 * with_number < length[n]) continue;
        for (std::size_t c = n; c != k_none; c = previous[c]) {
            const Line& line = lines_[named[c].line];
            for (std::uint32_t k = line.first_sentence; k < line.last_sentence; ++k) held_[k] = true;
        }
    }
}

}  // namespace once
