// doc_analysis.hpp — what the sign stage makes of one document (DocAnalysis): its layout, and per
// sentence an exact key, a weight and a MinHash signature; per line a template key.
//
// Why a header of its own: it is the value that flows from sign/ to judge/ (line verdicts),
// match/ (the index) and plan/ (spans), which need the record, not the Signer that makes it.
// Contract: units and layout.sentences are parallel; signatures holds units.size() * num_perm
// values, sentence k's at [k * num_perm, (k + 1) * num_perm); line_templates and line_weights
// are parallel to layout.lines.
//
//   const once::DocAnalysis analysis = signer.analyze(text);       // sign/signer.hpp
//   for (const once::UnitRecord& unit : analysis.units) use(unit.key, unit.weight);
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "once/core/uninit_allocator.hpp"
#include "once/sign/shingler.hpp"
#include "once/text/segmenter.hpp"

namespace once {

// UnitRecord::page_facts: bits 0-62 number a page's first 63 distinct facts; bit 63 stands for
// any fact after them.
constexpr std::size_t k_numbered_page_facts = 63;
constexpr std::uint64_t k_page_fact_beyond = std::uint64_t{1} << k_numbered_page_facts;

struct UnitRecord {               // one sentence
    std::uint64_t key = 0;        // exact identity after normalization (0: no tokens)
    std::uint32_t weight = 0;
    std::uint32_t set_size = 0;   // number of distinct shingles
    std::uint64_t number_mask = 0;
    std::uint64_t number_hash = 0;
    // Its facts, exactly, against the other sentences of its page: bit i set when it holds the
    // page's i-th distinct fact (in text order, i < 63); bit 63 when it holds a fact past the
    // 63rd, which no test of "my facts are among yours" may pass. number_mask is a Bloom mask
    // (two bits a fact of 64): a new number sets bits another sentence's facts have about
    // (2m/64)^2 of the time against m facts, so within one page the planner compares these.
    std::uint64_t page_facts = 0;
    // The sentence starts on a line that starts with a list bullet (・ • - * ■ ▼ ...) and is not
    // prose (signer.cpp, listed_prose): a related-articles entry, which must not match another
    // page's title line (or be matched by it).
    bool bulleted = false;
    // Reads like a data row, opening with "key:" (full-width colons fold to ':'): a repeated
    // "Price: ¥99" in a list of apps is two facts, not a copy.
    bool data_like = false;
    // Holds a clause mark (',' ';' '、', full-width forms folded) between two of its words, not
    // between digits ("1,000"): a heading names a thing and carries none, so a line of its own
    // that is a prefix of an earlier sentence and holds one is that sentence cut, not a heading
    // (plan/copy_runs.cpp, cut_restart_source). Read for unterminated sentences only, the
    // pieces that rule asks about; false for a terminated one.
    bool clause_inside = false;
    // Its first and last tokens, for aligning a copy with its source token by token.
    TokenEdges edges;
};

struct DocAnalysis {
    Layout layout;
    std::vector<UnitRecord> units;          // parallel to layout.sentences
    // units.size() * num_perm values; resize() does not zero them (the signer writes them all)
    std::vector<std::uint32_t, UninitAllocator<std::uint32_t>> signatures;
    std::vector<std::uint64_t> line_templates;  // per line: numbers masked; 0 for blank lines
    // Per line: the template with its numbers (line_value_key); equal to line_templates[i] when
    // the line has no number. A template that recurs while its value does not is data (an
    // attendance figure, an article's URL), not a site template (docs/boilerplate.md).
    std::vector<std::uint64_t> line_values;
    std::vector<std::uint32_t> line_weights;
};

}  // namespace once
