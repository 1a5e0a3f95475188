// check_limits.hpp — the verdict of `once check`: which limits the findings exceed, and the
// findings as `path:line: kind ...` lines (the form compilers print, so editors jump to them).
//
// Why in the library: the verdict is the contract of a CI gate (exit 1 or 0); tests check it on a
// RunResult without running the binary.
//
//   once::CheckLimits limits;  limits.max_ratio = 0.05;
//   auto violations = once::check_limits(limits, result);   // empty: passed
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "once/core/config.hpp"
#include "once/core/result.hpp"

namespace once {

struct CheckLimits {
    std::optional<double> max_ratio;          // --max-ratio: removable share, overall and per file
    std::optional<std::uint64_t> max_bytes;   // --max-bytes: removable bytes in all files
    std::vector<Kind> fail_on;                // --fail-on: any finding of these kinds fails
    bool allow_empty = false;                 // --allow-empty: no document at all passes
    bool any() const { return max_ratio || max_bytes || !fail_on.empty(); }
};

// How many files over --max-ratio the verdict names (the worst first) before one line counts the
// rest: 4,873 of ldcc's 7,367 articles are over 0.01, and a verdict naming each was 335 KB on
// one GitHub ::error line and 353 KB of Markdown, five times what a pull-request comment holds.
constexpr std::size_t k_files_over_ratio_listed = 10;

// What `check` decided. Passed when `violations` is empty.
struct CheckVerdict {
    // Each limit exceeded, once, as the command line set it: "--fail-on marker", "--max-ratio 0.2",
    // "--max-bytes 1000", or with no limit set "no finding allowed (no limit set)".
    std::vector<std::string> limits_exceeded;
    // The lines that show them (one limit may take several: --max-ratio overall and per file).
    std::vector<std::string> violations;
    // The line after FAIL: "2 limits exceeded: --fail-on marker, --max-ratio 0.2". It counted
    // the lines below it: `--fail-on marker --max-ratio 0.2` on one file said "3 limits
    // exceeded", and --max-ratio over 20 files "12 limits exceeded" (probe finding, session 32).
    // An input without documents: "nothing was checked". Empty when passed.
    std::string headline;
};

// One line per limit exceeded (files over --max-ratio: the worst k_files_over_ratio_listed, then
// one line counting the rest); with no limit set, any finding fails. No document at all fails
// unless allow_empty: a pipeline step that wrote nothing, or ignore rules that take every file,
// would otherwise pass a gate that checked nothing (ESLint refuses a pattern that matches no file
// for the same reason).
CheckVerdict check_limits(const CheckLimits& limits, const RunResult& result);

// How many findings `findings_list` prints before "... and N more": enough for a review, short
// enough that a CI log stays readable.
constexpr std::size_t k_findings_listed = 200;

// One line per finding, `path:line: kind (lines a-b), N bytes, copy of path:line`.
std::string findings_list(const RunResult& result, std::size_t max_listed = k_findings_listed);

}  // namespace once
