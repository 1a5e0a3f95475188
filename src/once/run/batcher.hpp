// batcher.hpp — groups the documents of a scan into batches and hands each full batch on.
//
// Why batches: the per-document stages run in parallel over a batch, while memory holds only a
// batch of texts (and what was computed from them), never the corpus. A batch is full at
// BatchLimits::documents documents or BatchLimits::bytes bytes of text, whichever comes first,
// so a few huge documents do not make one huge batch. Documents keep their input order, within
// a batch and from batch to batch. Used by a single run (pipeline.cpp) and by `sign`
// (shard.cpp), so both read a corpus the same way.
//
//   once::Batcher batcher(once::BatchLimits{}, [&](std::vector<once::SourceDocument>& batch) { ... });
//   corpus.scan([&](once::SourceDocument&& document) { batcher.add(std::move(document)); });
//   batcher.flush();  // the last, partial batch
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "once/run/memory_budget.hpp"
#include "once/input/reader.hpp"
#include "once/core/units.hpp"

namespace once {

// When a batch is full. The defaults are those of every run mode (tests make them small to cut
// a corpus into many batches); the decisions do not depend on them (Matcher::match_batch).
struct BatchLimits {
    // Enough documents per batch that the workers stay busy while one thread matches, and few
    // enough that the two batches in flight stay small beside the index: each holds its
    // analyses (13-17 bytes per byte of text) until it is cut. 512 until issue 13's measurement:
    // at 128, a generated 100 MB corpus (22,049 documents, 4.5 KB each) peaks at 439 MB RSS
    // instead of 515 MB and ldcc at 112 MB instead of 154-166 MB, with the same CPU time
    // (`once clean C -o out.jsonl -q --threads 2`, /usr/bin/time -v; README, Memory).
    std::size_t documents = 128;
    // Memory holds one or two batches of text and what is computed from it (the analysis costs
    // k_analysis_bytes_per_byte per byte, memory_budget.hpp), whatever the corpus size.
    std::uint64_t bytes = 64ull << 20;
};

// `limits` under a memory budget of `budget` bytes: the text of a batch, analyzed, takes at
// most a quarter of the budget (two batches are in flight, and the index needs the rest), so a
// tight --max-memory makes batches smaller instead of refusing one that a document or two at a
// time would fit (8 documents of 400 KB stopped at 64 MiB before, with 61 MiB asked for one
// batch). A document larger than that still makes a batch of its own and is checked alone.
// Decisions do not depend on the limits (Matcher::match_batch), so outputs stay the same.
inline BatchLimits batch_limits_within(std::uint64_t budget, BatchLimits limits = {}) {
    const std::uint64_t most = budget / (4 * k_analysis_bytes_per_byte);
    if (most > 0 && most < limits.bytes) limits.bytes = most;
    return limits;
}

// Bytes of text in a batch.
inline std::uint64_t text_bytes(const std::vector<SourceDocument>& batch) {
    std::uint64_t bytes = 0;
    for (const SourceDocument& document : batch) bytes += document.doc.text.size();
    return bytes;
}

// Before a batch is analyzed: stops the run (exit 6) when its analysis would pass the memory
// budget, naming the document when it is alone in its batch (a huge one, the usual cause).
// `held` says what else holds memory (the index); `read_ahead` is the most a batch read
// meanwhile holds (run/read_ahead.hpp).
inline void check_analysis_memory(const MemoryBudget& budget, const std::vector<SourceDocument>& batch,
                                  const std::string& held = {}, std::uint64_t read_ahead = 0) {
    const std::uint64_t bytes = text_bytes(batch);
    budget.check(bytes * k_analysis_bytes_per_byte + read_ahead,
                 batch.size() == 1
                     ? "analyzing " + batch.front().doc.id + " (" + format_bytes(bytes) + " of text)"
                     : "analyzing the documents from " + batch.front().doc.id,
                 held);
}

class Batcher {
public:
    // `process` may move the documents out of the batch it is given; the batch is cleared after.
    Batcher(const BatchLimits& limits, std::function<void(std::vector<SourceDocument>&)> process)
        : max_documents_(limits.documents), max_bytes_(limits.bytes), process_(std::move(process)) {}
    void add(SourceDocument&& document) {
        bytes_ += document.doc.text.size();
        batch_.push_back(std::move(document));
        if (batch_.size() >= max_documents_ || bytes_ >= max_bytes_) flush();
    }
    // Hands on what is collected, if anything: call it once the scan is done.
    void flush() {
        if (batch_.empty()) return;
        process_(batch_);
        batch_.clear();
        bytes_ = 0;
    }

private:
    const std::size_t max_documents_;
    const std::uint64_t max_bytes_;
    std::function<void(std::vector<SourceDocument>&)> process_;
    std::vector<SourceDocument> batch_;
    std::uint64_t bytes_ = 0;
};

}  // namespace once
