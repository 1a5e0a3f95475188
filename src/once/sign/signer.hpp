// signer.hpp — from a document's text to what the global stages need: its layout, and per
// sentence an exact key, a weight and a MinHash signature; per line a template key.
//
// Why a stage of its own: this is the per-document, embarrassingly parallel part of the
// pipeline (normalize -> segment -> shingle -> sign). Everything after it is either global and
// sequential (matching, recurrence counts) or per document again (planning, cleaning). `once
// sign` (run/shard.cpp) writes these records to a shard's signature file
// (docs/shard-format.md). What it produces, DocAnalysis, is in doc_analysis.hpp.
//
//   once::Signer signer(config);
//   once::DocAnalysis analysis = signer.analyze(document.text);
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "once/core/config.hpp"
#include "once/sign/doc_analysis.hpp"
#include "once/sign/minhash.hpp"

namespace once {

// What the recurrence count (pass 1) computes of each non-blank line: its template key, its
// value key (line_value_key) and its weight. A run keeps them (sign/line_key_spill.hpp) so that
// analyze() in pass 2 does not tokenize and hash every line a second time.
struct LineKeys {
    std::uint64_t template_key = 0;
    std::uint64_t value_key = 0;
    std::uint32_t weight = 0;
};

class Signer {
public:
    explicit Signer(const Config& config);
    // The signer keeps a reference to its config: a temporary would dangle (ASan found one in a test).
    explicit Signer(Config&&) = delete;
    // `known`: line_keys(text), when the caller kept them; the line keys are then taken from it
    // instead of computed again (the same values). Keys of another text are detected by their
    // number only (one per non-blank line) and then ignored.
    DocAnalysis analyze(std::string_view text, std::span<const LineKeys> known = {}) const;
    // The keys of the non-blank lines only, without sentences or the alignment (pass 1 of
    // boilerplate counting: cheaper than analyze).
    std::vector<LineKeys> line_keys(std::string_view text) const;
    // What Recurrence counts of a document: each non-blank line's template key and, after a
    // line with numbers, its value key.
    static std::vector<std::uint64_t> templates_of(std::span<const LineKeys> keys);
    std::vector<std::uint64_t> line_templates(std::string_view text) const { return templates_of(line_keys(text)); }
    int num_perm() const { return hasher_.num_perm(); }

private:
    const Config& config_;
    MinHasher hasher_;
};

// Identity of original text after normalization: NFKC, case, width, white space and
// punctuation folded (the key of its token sequence); 0 when it has no tokens.
std::uint64_t content_key(std::string_view original);

// Template key of one normalized line (numbers masked); 0 when it has no tokens.
std::uint64_t line_template_key(std::string_view normalized_line);

// The template key with the line's numbers folded back in (their order-free hash from the
// shingler): "attendance: 45,000" and "attendance: 38,000" share a template, not a value key.
// Equal to `template_key` when the line has no number.
std::uint64_t line_value_key(std::uint64_t template_key, std::uint64_t number_hash);

}  // namespace once
