// signer.hpp — from a document's text to what the global stages need: its layout, and per
// sentence an exact key, a weight and a MinHash signature; per line a template key.
//
// Why a stage of its own: this is the per-document, embarrassingly parallel part of the
// pipeline (normalize -> segment -> shingle -> sign). Everything after it is either global and
// sequential (matching, recurrence counts) or per document again (planning, cleaning). The
// sharded `sign` command of the roadmap writes exactly these records to disk.
//
//   once::Signer signer(config);
//   once::DocAnalysis analysis = signer.analyze(document.text);
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "once/core/config.hpp"
#include "once/sign/minhash.hpp"
#include "once/text/segmenter.hpp"

namespace once {

struct UnitRecord {               // one sentence
    std::uint64_t key = 0;        // exact identity after normalization (0: no tokens)
    std::uint32_t weight = 0;
    std::uint32_t set_size = 0;   // number of distinct shingles
    std::uint64_t number_mask = 0;
    std::uint64_t number_hash = 0;
    // The sentence opens a line that starts with a list bullet (・ • - * ■ ▼ ...): a related-
    // articles entry, which must not match another page's title line (or be matched by it).
    bool bulleted = false;
    // Reads like a data row, opening with "key:" (full-width colons fold to ':'): a repeated
    // "Price: ¥99" in a list of apps is two facts, not a copy.
    bool data_like = false;
};

struct DocAnalysis {
    Layout layout;
    std::vector<UnitRecord> units;          // parallel to layout.sentences
    std::vector<std::uint32_t> signatures;  // units.size() * num_perm values
    std::vector<std::uint64_t> line_templates;  // per line: numbers masked; 0 for blank lines
    std::vector<std::uint32_t> line_weights;
};

class Signer {
public:
    explicit Signer(const Config& config);
    DocAnalysis analyze(std::string_view text) const;
    // Template keys of the non-blank lines only (pass 1 of boilerplate counting: cheaper).
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

}  // namespace once
