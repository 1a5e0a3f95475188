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
// Contract: one verdict per input line, same order. Blank lines get `chrome=false, score=0`.
// Never marks a line chrome when it has `protect` set. Deterministic.
//
//   once::Lexicon lexicon = once::Lexicon::load("data/lexicon");
//   auto verdicts = once::classify_lines(lines, lexicon, config);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "once/core/config.hpp"
#include "once/judge/phrase_trie.hpp"

namespace once {

// Words and phrases that mark chrome, all languages merged, normalized (NFKC, case-folded).
struct Lexicon {
    std::unordered_set<std::string> button_words;   // Share, Tweet, シェア, 分享, Previous, 次へ ...
    std::unordered_set<std::string> heading_words;  // Related articles, 関連記事, 相关文章, Latest Posts ...
    std::unordered_set<std::string> stop_words;     // function words: the, of, です, の, 的 ... (content signal)
    // The three sets above as one trie (kind bits: k_button, k_heading, k_stop), which is what
    // classify_lines searches lines with. load() and builtin() build it; a Lexicon filled by
    // hand must call index_phrases() after changing the sets.
    PhraseTrie phrases;
    static constexpr std::uint8_t k_button = 1, k_heading = 2, k_stop = 4;

    void index_phrases();

    // Reads every `*.txt` under `dir` (one entry per line, `#` comments, a `[button]`,
    // `[heading]` or `[stop]` section header). Throws Error(usage) when dir is unreadable.
    static Lexicon load(const std::string& dir);
    // The lexicon compiled into the binary (same files, embedded at build time) so the tool
    // works without data files installed.
    static const Lexicon& builtin();
};

struct LineFeatures {
    std::string_view normalized;   // NFKC + case-folded line text, whitespace collapsed
    int weight = 0;                // weight units (config.hpp)
    bool blank = false;
    // Cross-document recurrence of this line's template (numbers masked) in its group: number
    // of documents containing it, and the group's document count. 0/0 when unknown.
    std::uint32_t recurrence_docs = 0;
    std::uint32_t group_docs = 0;
    bool protect = false;          // matched a --keep pattern
};

struct LineVerdict {
    bool chrome = false;
    double score = 0.0;            // 0 = surely article, 1 = surely chrome
    bool by_recurrence = false;    // decided mainly by cross-document recurrence
    bool title = false;            // the page's own title (and dateline): the title slot
};

std::vector<LineVerdict> classify_lines(const std::vector<LineFeatures>& lines,
                                        const Lexicon& lexicon, const Config& config);

}  // namespace once
