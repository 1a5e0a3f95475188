// baseline.hpp — today's findings, recorded by content so `once check --baseline` fails only on
// new ones.
//
// Why content hashes: a finding must survive edits elsewhere in its file (line numbers move) and
// a file rename; so it is keyed by the normalized text of the removed passage and its kind
// (Span::content_hash), counted across the corpus. A check subtracts the baseline's count per key
// from today's findings and what is left is new. Which of several equal findings is the new one
// is decided by where the baseline saw them (its examples: file and lines): a finding at a recorded
// file and line is known first, then one in a recorded file, then the rest in input order; so a
// new `[END]` in docs/new.txt is reported there, not at an old one in a file read later.
//
// File (docs/baseline-format.md): JSON, {"format":"once-baseline","version":1,
// "findings":[{"hash":"<16 hex>","kind":"duplicate","count":2,"examples":[{"id":..,"lines":[a,b]}]}]}
//
//   auto baseline = once::Baseline::load(".once-baseline.json");
//   auto split = baseline.split(result);   // split.fresh: a RunResult with only new findings
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "once/core/result.hpp"

namespace once {

class Baseline {
public:
    static Baseline from_result(const RunResult& result);
    static Baseline load(const std::string& path);  // throws Error(input_error) naming the file
    // Atomic. Errors name `shown_as` when given: a staged path's final name (WriteOptions::shown_as).
    void save(const std::string& path, const RunResult& result, const std::string& shown_as = {}) const;

    struct Split {
        RunResult fresh;          // the run with only findings not in the baseline
        std::size_t known = 0;    // findings matched by the baseline
    };
    Split split(const RunResult& result) const;
    std::size_t size() const;

private:
    using Key = std::pair<std::uint64_t, std::string>;  // (hash, kind)
    using Lines = std::pair<std::uint64_t, std::uint64_t>;  // first and last line
    std::map<Key, std::size_t> counts_;
    // The file's examples: every place of each key, by document id.
    std::map<Key, std::map<std::string, std::vector<Lines>>> places_;
};

}  // namespace once
