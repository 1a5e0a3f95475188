// result.hpp — what a run decided, per document: the removed spans and why.
//
// This is the in-memory form of the duplication map (docs/map-format.md). Offsets are byte
// offsets into the document's original text, `[start, end)`, sorted and non-overlapping, and
// never inside a UTF-8 sequence. The cleaned text is exactly the original with every span cut
// out, so a reader of the map can reproduce it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "once/core/config.hpp"

namespace once {

// Line and column (both 1-based; the column counts Unicode code points) of a byte offset, for
// reports that point editors at text (SARIF, GitHub annotations, the terminal summary).
struct TextPosition {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

struct SourceRef {
    std::size_t doc = 0;        // index into RunResult::docs
    std::uint64_t start = 0;    // byte range of the kept copy in that document
    std::uint64_t end = 0;
    TextPosition start_pos;
    TextPosition end_pos;
};

struct Span {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    Kind kind = Kind::duplicate;
    // duplicate / near_duplicate: the cluster of copies this span belongs to (clusters are
    // numbered from 1 in order of their kept copy's position in the input); 0 otherwise.
    std::uint32_t cluster = 0;
    // duplicate: 1.0; near_duplicate: the lowest verified similarity among the span's
    // sentences; boilerplate judged by shape: the shape score; otherwise 1.0.
    double similarity = 1.0;
    // How the similarity was established: "exact", "jaccard", "containment", "recurrence",
    // "shape", "pattern".
    std::string match;
    // boilerplate by recurrence: in how many documents of the group the passage occurs.
    std::uint32_t docs = 0;
    // boilerplate: the rule that decided ("between-chrome", "recurrence", ...: judge/shape.hpp
    // rule_name, docs/map-format.md); empty otherwise.
    std::string rule;
    // duplicate / near_duplicate: where the kept copy is.
    std::optional<SourceRef> source;
    // A copy that begins or ends inside a sentence (a passage pasted mid-sentence): the span
    // starts `head_tokens` tokens before the end of sentence `head_sentence` and ends after the
    // first `tail_tokens` tokens of sentence `tail_sentence` (0 tokens: at `start`, `end`).
    // Set by the planner, which decides without the text; finish_spans turns them into bytes
    // and clears them.
    std::uint32_t head_sentence = 0;
    std::uint32_t head_tokens = 0;
    std::uint32_t tail_sentence = 0;
    std::uint32_t tail_tokens = 0;
    TextPosition start_pos;
    TextPosition end_pos;      // position of `end` (exclusive: may be column 1 of the next line)
    std::uint32_t last_line = 1;  // line of the last removed byte (for "lines a-b" in reports)
    // Identity of the removed text after normalization (white space, width, case and
    // punctuation folded), so baselines recognise a finding after edits elsewhere in the file.
    std::uint64_t content_hash = 0;
};

struct DocResult {
    std::string id;
    std::string group;
    std::uint64_t bytes = 0;
    std::vector<Span> spans;
    // True when every non-blank byte of the document was removed.
    bool fully_removed = false;
    // Bytes of spans let go after the document was written (PipelineOptions::keep_spans false).
    std::uint64_t released_bytes = 0;

    std::uint64_t removed_bytes() const {
        std::uint64_t total = released_bytes;
        for (const auto& span : spans) total += span.end - span.start;
        return total;
    }
};

// One input that could not be read, with --on-error=skip.
struct SkippedInput {
    std::string id;
    std::string reason;  // the one-line error message
};

// What the run's signature index held at the end (capacity planning: memory per sentence).
struct IndexStats {
    std::uint64_t sentences = 0;   // every sentence of the corpus
    std::uint64_t signatures = 0;  // eligible sentences that are not an exact repeat
    std::uint64_t bytes = 0;       // memory of the index
};

struct RunResult {
    std::vector<DocResult> docs;
    std::vector<SkippedInput> skipped;
    Config config;
    IndexStats index;

    std::uint64_t total_bytes() const {
        std::uint64_t total = 0;
        for (const auto& doc : docs) total += doc.bytes;
        return total;
    }
    std::uint64_t removed_bytes() const {
        std::uint64_t total = 0;
        for (const auto& doc : docs) total += doc.removed_bytes();
        return total;
    }
};

}  // namespace once
