// config.hpp — every threshold of the pipeline in one value type.
//
// Why one struct: the CLI fills it directly from Boost.Program_options, the tests build it in
// code, and the map echoes the fields that change results (seed, thresholds) so a run can be
// reproduced. Cross-field checks live in `validate()`, not scattered through the stages.
//
// Lengths are measured in *weight units*: one per CJK character (Han, kana, Thai — scripts
// written without spaces) and two per word of a space-separated script. A CJK character carries
// about half the information of an English word, so "16" means roughly 16 kanji or 8 words in
// both kinds of text.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace once {

enum class Kind : std::uint8_t { duplicate, near_duplicate, boilerplate, marker };

const char* kind_name(Kind kind);
// Parses "duplicate", "near_duplicate", "boilerplate", "marker"; throws Error(usage) otherwise.
Kind parse_kind(const std::string& name);

struct Config {
    // --- shingles and signatures --------------------------------------------------------
    // Weight of a shingle: the shortest run of tokens (single CJK characters or whole words)
    // whose weight reaches this. 3 means character trigrams in Japanese/Chinese and word bigrams
    // in English: one changed word then costs a similar share of shingles in both.
    int ngram = 3;
    // MinHash values per sentence. 64 gives an estimate error (one standard deviation) of at
    // most 0.0625 on Jaccard; the property test in minhash_test checks that bound.
    int num_perm = 64;
    // LSH bands; rows per band = num_perm / bands. 16 x 4 finds a pair at similarity 0.6 with
    // probability 0.89, at 0.7 with 0.99, at 0.3 with 0.12.
    int bands = 16;
    // Seed of the MinHash permutations. Echoed in the map; same seed, same output.
    std::uint64_t seed = 1;

    // --- what counts as a copy ----------------------------------------------------------
    // Estimated Jaccard similarity at or above which two sentences are near-duplicates.
    double similarity = 0.6;
    // A run of copied sentences with no exact copy among them (an edited copy standing alone)
    // needs this similarity; 0.1 more when it is short (weight < 30): one changed word in a
    // short line is often a different fact ("... in Shop A" / "... in Shop B").
    double isolated_similarity = 0.7;
    // Estimated containment |A∩B|/|A| at or above which sentence A is a cut-off copy of B.
    double containment = 0.8;
    // Inside a copied run (a sentence next to one already matched, compared directly with its
    // source's neighbour, found even where LSH would miss it) a sentence needs --run-similarity
    // when edited, --run-containment when cut off. Facts must agree (numbers and date words, as
    // everywhere), and the copy must differ from its source in one place only (an edit or a
    // cut, checked token by token), so an updated sentence ("has been unveiled" for "will be
    // unveiled on Tuesday") is not taken for a copy. The defaults are the thresholds above, so
    // one set of thresholds holds everywhere (issue 11, item 4): at 0.45 and 0.6, the values
    // before, the sentences let through beside a copy were the same frame with another fact
    // ("そんな同氏の画期的な構想がネットで話題となっている。" for "...の幸せ発言が...", 5 ldcc
    // articles; "^ Foster, Bernard (April 2009)" for "^ McLintock, Alexander (April 2009)").
    // Lower them to take edited sentences inside copied passages at that cost.
    double run_similarity = 0.6;
    double run_containment = 0.8;
    // Inside a copied run whose neighbours on both sides are exact copies of its source's
    // sentences there (or on one side, at a paragraph's edge that the source's paragraph shares),
    // a sentence that differs from its source's sentence in one stretch of words is an edited
    // copy when the common start and end hold at least this share of each sentence's tokens and
    // the facts agree (numbers, day and month names): a paragraph repeated with one phrase
    // swapped (plan/edited_copies.cpp). The shingles of such a sentence share too little for
    // --run-similarity. Above 1: off. An updated sentence whose facts differ stays whatever
    // the share, and so does one rewritten in two places or more.
    double run_frame_share = 0.5;
    // ... and within one page (the source sentence earlier on the same page: a paragraph repeated,
    // an article that starts over), for an edited sentence that holds no fact of its own (no
    // number, or only numbers its source holds too; its source's facts need not agree then), this share: a swapped object of four or five words
    // in a short sentence ("The football club launched [the city's climate plan]." for "... [a
    // ban on single-use plastics].", 4 of 10 tokens shared). 0.4 takes those on the generator
    // (word_changed, seeds 1/3/7) and changes nothing on ldcc or the devsets. Above 1: off.
    double restart_frame_share = 0.4;
    // A run of copied sentences that makes up whole lines is removed when its weight reaches
    // this ...
    int min_length = 16;
    // ... a run inside a line that also holds other text needs this much: writers repeat a
    // short sentence on purpose ("The future will not wait."), copy-paste moves passages ...
    int min_inline_length = 40;
    // ... or, either way, when it has at least this many sentences (C4-style sentence window) ...
    int window = 3;
    // ... or when it is a whole line repeated inside the same document with this weight: the
    // page's title shown again, a line printed twice in a row, or lines repeated together. One
    // other short line repeated in its page is its content (a command, a header field) and needs
    // min_length like any copy (plan/planner.cpp).
    // (Across documents a whole line needs min_length: short cross-document repeats are the
    // boilerplate stage's business.)
    int min_line_length = 4;

    // --- boilerplate ----------------------------------------------------------------------
    // A line (numbers and dates masked) recurring in at least this many documents of a group ...
    int boilerplate_min_docs = 2;
    // ... and in at least this share of the group's documents is a site template.
    double boilerplate_min_share = 0.3;
    // ... or, outside the article's own paragraphs, in at least this many documents whatever the
    // share (large sites run a footer or promotion on a small share of their pages).
    int boilerplate_many_docs = 10;
    // Shape score (0..1) at or above which a block is judged chrome on its own.
    double shape_threshold = 0.6;
    // Disable the single-document shape classifier (recurrence and markers still apply).
    bool shape = true;
    // Regular expressions (ECMAScript, matched against the whole normalized line) that mark a
    // line as a generation/scraping artefact. Empty = the built-in list (see markers.hpp).
    std::vector<std::string> marker_patterns;
    // Regular expressions for text that must never be removed (matched on normalized lines).
    std::vector<std::string> keep_patterns;
    // Folder with per-language word lists (data/lexicon). Empty = built-in search path.
    std::string lexicon_dir;

    // --- what `clean` removes -------------------------------------------------------------
    std::set<Kind> kinds{Kind::duplicate, Kind::near_duplicate, Kind::boilerplate, Kind::marker};

    // --- execution --------------------------------------------------------------------------
    // Worker threads for the per-document stages; 0 = all cores. Output never depends on it.
    int threads = 0;
    // Memory budget of a run in bytes (--max-memory); 0 = 90% of the machine's memory. A run
    // that would pass it stops with exit 6 instead of meeting the OOM killer (memory_budget.hpp).
    std::uint64_t max_memory = 0;
    // Folder for temporary files (--tmp-dir): spilled index records, `merge`'s decisions, spooled
    // standard input. Empty = $TMPDIR or /tmp; the CLI fills in the folder of the output
    // (core/temp_dir.hpp says why). Never changes results, so the map does not echo it.
    std::string tmp_dir;

    // Throws Error(usage) naming the offending option when fields contradict each other.
    void validate() const;
    int rows_per_band() const { return num_perm / bands; }
};

}  // namespace once
