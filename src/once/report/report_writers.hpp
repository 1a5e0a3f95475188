// report_writers.hpp — private to the report module: the writers behind `render_report` and the
// summary they share.
//
// Why a shared summary: every format answers the same questions (how much was removed, of what
// kind, where, which clusters are biggest), and they must agree to the byte. `summarize` computes
// the answers once, with every ordering made total by tie-breakers, so golden files are stable.
// Nothing outside src/once/report/ and its tests includes this header; nlohmann_json stays in
// report_json.cpp, report_sarif.cpp and report_html.cpp.
//
//   const auto summary = once::report_detail::summarize(result);
//   std::string md = once::report_detail::render_markdown(result, summary, load_text, options);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "once/report/report_options.hpp"
#include "once/core/result.hpp"
#include "once/core/hex.hpp"
#include "once/core/units.hpp"
#include "once/text/utf8.hpp"

namespace once::report_detail {

inline constexpr std::size_t kKindCount = 4;
inline constexpr std::array<Kind, kKindCount> kAllKinds{Kind::duplicate, Kind::near_duplicate,
                                                        Kind::boilerplate, Kind::marker};

inline std::size_t kind_index(Kind kind) { return static_cast<std::size_t>(kind); }

struct KindTotals {
    std::uint64_t spans = 0;
    std::uint64_t bytes = 0;
    std::uint64_t documents = 0;  // documents with at least one span of the kind
};

// One copy of a cluster: span `span` of document `doc`.
struct CopyRef {
    std::size_t doc = 0;
    std::size_t span = 0;
};

struct ClusterSummary {
    std::uint32_t id = 0;
    // duplicate when every copy is exact, near_duplicate as soon as one is not.
    Kind kind = Kind::duplicate;
    // The kept copy, from the first copy (in input order) that names one.
    std::optional<SourceRef> kept;
    std::vector<CopyRef> copies;  // in input order: document, then offset
    std::uint64_t bytes = 0;      // removed bytes over all copies
};

struct Summary {
    std::array<KindTotals, kKindCount> kinds{};
    std::uint64_t total_bytes = 0;
    std::uint64_t removed_bytes = 0;
    std::uint64_t spans = 0;
    std::size_t fully_removed = 0;
    // Documents with removed bytes, by removed share (descending), then removed bytes
    // (descending), then input position.
    std::vector<std::size_t> worst_docs;
    std::vector<ClusterSummary> clusters;  // by id
    // Indices into `clusters`: most copies first, then most bytes, then lowest id.
    std::vector<std::size_t> clusters_by_size;
};

Summary summarize(const RunResult& result);

// --- numbers -------------------------------------------------------------------------------
// part / whole, 0 when whole is 0.
double share(std::uint64_t part, std::uint64_t whole);
// "12.3%" (one decimal).
std::string format_percent(double ratio);
// Sizes: once::format_bytes (units.hpp).
// "0.91" (two decimals).
std::string format_similarity(double similarity);
// Rounds to 6 decimals so JSON numbers stay short; the value is still a plain double.
double round6(double value);

// --- text ----------------------------------------------------------------------------------
// FNV-1a, 64 bit: deterministic across runs, platforms and standard libraries (std::hash is not).
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL);
// Hashes in hex: once::hex64 (core/hex.hpp). Lossy UTF-8 (decode_utf8_lossy, sanitize_utf8):
// text/utf8.hpp.

// The bytes [start, end) of `text`, clamped to its size.
std::string_view slice(std::string_view text, std::uint64_t start, std::uint64_t end);
// Whitespace runs (including line breaks) collapsed to one space, trimmed, cut to at most
// `max_code_points` code points; "…" marks a cut (and counts against the limit).
std::string excerpt(std::string_view text, std::size_t max_code_points);

// --- positions -----------------------------------------------------------------------------
// The last line a [start, end) range touches: a range that ends right after a line break ends
// on the line before `end`.
std::uint32_t last_line(const TextPosition& start, const TextPosition& end);
// "line 3" or "lines 3-4".
std::string line_range(const TextPosition& start, const TextPosition& end);

// --- words -----------------------------------------------------------------------------------
// "near-duplicate": the kind as a word in prose and in SARIF rule ids.
std::string kind_word(Kind kind);
// One-sentence explanation of a span, shared by SARIF and GitHub annotations, e.g.
// "Near-duplicate of lines 3-4 of a.txt (cluster 2, similarity 0.91)".
std::string span_message(const RunResult& result, const Span& span);

// A document id as a SARIF artifact URI: relative paths stay relative and are percent-encoded
// (spaces, non-ASCII, '%', ':' ...), absolute paths become file:// URIs, URIs keep delimiters.
std::string artifact_uri(std::string_view id);

// --- writers -------------------------------------------------------------------------------
std::string render_terminal(const RunResult& result, const Summary& summary,
                            const ReportOptions& options);
std::string render_markdown(const RunResult& result, const Summary& summary,
                            const TextLoader& load_text, const ReportOptions& options);
std::string render_github(const RunResult& result, const ReportOptions& options);
std::string render_json(const RunResult& result, const Summary& summary,
                        const ReportOptions& options);
std::string render_sarif(const RunResult& result, const TextLoader& load_text,
                         const ReportOptions& options);
std::string render_html(const RunResult& result, const Summary& summary,
                        const TextLoader& load_text, const ReportOptions& options);

}  // namespace once::report_detail
