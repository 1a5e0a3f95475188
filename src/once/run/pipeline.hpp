// pipeline.hpp — one run over a corpus: count recurrence, then analyze, judge, match, plan and
// cut every document in input order, handing each cleaned document to a sink.
//
// Why this shape: read → normalize → segment → shingle → sign (per document, parallel) →
// judge boilerplate (per document, parallel, with the corpus-wide counts of pass 1) → match
// (sequential: "the earliest copy is kept" is about order) → plan → cut (parallel) → sink
// (sequential, input order). Documents are processed in batches, so memory holds one batch of
// texts plus the signature index, and the output is byte-identical for any thread count.
//
//   once::RunResult result = once::run_pipeline(corpus, config, &sink, {});
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "once/judge/boilerplate.hpp"
#include "once/core/config.hpp"
#include "once/input/reader.hpp"
#include "once/core/result.hpp"
#include "once/run/batcher.hpp"

namespace once {

// Receives each document, in input order, with what was decided and its cleaned text.
class DocumentSink {
public:
    virtual ~DocumentSink() = default;
    virtual void document(const SourceDocument& source, const DocResult& result, std::string_view cleaned) = 0;
};

struct PipelineOptions {
    // A learned profile (once learn) whose counts are added to this run's own.
    const Recurrence* profile = nullptr;
    // Count recurrence over the inputs themselves (pass 1). Off when a profile is all there is.
    bool count_inputs = true;
    // Called after each batch with (documents done, bytes done); the CLI draws progress.
    std::function<void(std::size_t, std::uint64_t)> progress;
    // Keep every document's spans in the RunResult (reports need them). Off, a document keeps
    // only its id, size and removed-byte count once the sink has it, so what grows with the
    // corpus is the signature index alone.
    bool keep_spans = true;
    // Documents and bytes of text per batch (memory holds one batch of texts).
    BatchLimits batch;
};

RunResult run_pipeline(Corpus& corpus, const Config& config, DocumentSink* sink, const PipelineOptions& options);

// Pass 1 alone: the recurrence counts of a corpus (once learn).
Recurrence count_recurrence(Corpus& corpus, const Config& config);

}  // namespace once
