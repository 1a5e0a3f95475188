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
#include <string_view>
#include <vector>

#include "once/core/config.hpp"
#include "once/sign/doc_analysis.hpp"
#include "once/sign/minhash.hpp"

namespace once {

class Signer {
public:
    explicit Signer(const Config& config);
    // The signer keeps a reference to its config: a temporary would dangle (ASan found one in a test).
    explicit Signer(Config&&) = delete;
    DocAnalysis analyze(std::string_view text) const;
    // Template keys of the non-blank lines only (pass 1 of boilerplate counting: cheaper), and
    // after each line with numbers its value key (line_value_key): what Recurrence counts.
    std::vector<std::uint64_t> line_templates(std::string_view text) const;
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
