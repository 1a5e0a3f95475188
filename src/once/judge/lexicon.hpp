// lexicon.hpp — the word lists that mark chrome (buttons, list headings) and prose (function
// words), read from data/lexicon/*.txt or compiled in, and looked up through one byte trie.
//
// Why a lexicon: a share row, a pager or a "related articles" heading is recognised on a page
// from a site seen once only by its words; docs/boilerplate.md ("Word lists") gives the file
// format and the rules for entries.
//
// Contract: entries are stored normalized like the lines they meet (NFKC, case-folded, one
// space between words). load() throws Error(usage) naming the file and byte offset of a bad
// entry, or the folder when it is missing or holds no *.txt. builtin() is parsed once.
//
//   const once::Lexicon& lexicon = once::Lexicon::builtin();
//   once::LexiconLookup lookup(lexicon);
//   bool function_word = lookup.stop("the");
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

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

// Looks phrases up in a lexicon's trie (phrase_trie.hpp): no copies, no hashing. Holds a
// reference: the lexicon must outlive it.
class LexiconLookup {
public:
    explicit LexiconLookup(const Lexicon& lexicon)
        : trie_(lexicon.phrases), star_space_(trie_.walk(PhraseTrie::root(), "* ")) {}

    const PhraseTrie& trie() const { return trie_; }
    bool stop(std::string_view s) const { return has(PhraseTrie::root(), s, Lexicon::k_stop); }
    // "previous *": a link head; "* はこちら": a link suffix (button entries with a wildcard).
    bool button_prefix(std::string_view head) const {
        return has(trie_.walk(PhraseTrie::root(), head), " *", Lexicon::k_button);
    }
    bool button_suffix(std::string_view tail) const { return has(star_space_, tail, Lexicon::k_button); }

private:
    bool has(PhraseTrie::Node from, std::string_view s, std::uint8_t kind) const {
        return (trie_.kinds(trie_.walk(from, s)) & kind) != 0;
    }

    const PhraseTrie& trie_;
    const PhraseTrie::Node star_space_;  // after "* ", where suffix entries continue
};

}  // namespace once
