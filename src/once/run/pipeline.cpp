#include "once/run/pipeline.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <optional>

#include "once/run/batcher.hpp"
#include "once/run/memory_budget.hpp"
#include "once/run/read_ahead.hpp"
#include "once/run/stages.hpp"
#include "once/sign/line_key_spill.hpp"
#include "once/sign/signer.hpp"
#include "once/run/work_pool.hpp"

namespace once {
namespace {

// The two-batch hand-over of a pipelined stage: batch `next` has been submitted; finish the
// batch before it (which may look at `next`), then `next` becomes the pending one. If finishing
// fails, `next`'s job is stopped before the exception leaves (its items use what the caller is
// about to destroy).
template <typename Pending, typename Finish>
void hand_over(std::unique_ptr<Pending>& pending, std::unique_ptr<Pending> next, WorkPool& pool, Finish&& finish) {
    try {
        if (pending) finish(*pending, next.get());
    } catch (...) {
        pool.cancel(*next->job);
        throw;
    }
    pending = std::move(next);
}

// `keep`, when given, receives every document's line keys in input order, for pass 2.
Recurrence count_pass(Corpus& corpus, const Config& config, const PipelineOptions& options, LineKeySpill* keep) {
    Recurrence counts;
    Signer signer(config);
    const MemoryBudget budget(config.max_memory);
    // While the scan reads batch k + 1, the workers take the line templates of batch k.
    struct Pending {
        std::vector<SourceDocument> batch;
        std::vector<std::vector<LineKeys>> keys;
        std::shared_ptr<WorkPool::Job> job;
    };
    std::unique_ptr<Pending> pending;
    WorkPool pool(worker_count(config.threads));  // after `pending`: stops before what its jobs use
    const auto finish = [&](Pending& p, const Pending*) {
        pool.wait(*p.job);
        for (std::size_t i = 0; i < p.batch.size(); ++i) {
            counts.add_document(p.batch[i].doc.group, Signer::templates_of(p.keys[i]));
            if (keep) keep->record(p.batch[i].doc.text.size(), p.keys[i]);
        }
    };
    // The scan reads batch k + 1 on a worker while this thread counts batch k (read_ahead.hpp).
    ReadAhead ahead(corpus, batch_limits_within(budget.limit(), options.batch), pool);
    while (true) {
        std::vector<SourceDocument> batch = ahead.take();
        if (batch.empty()) break;
        budget.check(ahead.read_ahead_bytes(), "counting recurring lines (pass 1) at " + batch.front().doc.id,
                     "the recurrence counts hold " + std::to_string(counts.size()) + " line templates");
        ahead.start();
        auto next = std::make_unique<Pending>();
        next->batch = std::move(batch);
        next->keys.resize(next->batch.size());
        Pending& p = *next;
        next->job = pool.submit(p.batch.size(), [&p, &signer](std::size_t i) {
            p.keys[i] = signer.line_keys(p.batch[i].doc.text);
        }, false);
        hand_over(pending, std::move(next), pool, finish);
    }
    if (pending) finish(*pending, nullptr);
    return counts;
}

}  // namespace

Recurrence count_recurrence(Corpus& corpus, const Config& config) {
    return count_pass(corpus, config, PipelineOptions{}, nullptr);
}

RunResult run_pipeline(Corpus& corpus, const Config& config, DocumentSink* sink, const PipelineOptions& options) {
    Recurrence recurrence;
    // Pass 1's line keys, read back by pass 2 instead of computed again (line_key_spill.hpp).
    std::optional<LineKeySpill> line_keys;
    if (options.count_inputs) {
        line_keys.emplace(temp_folder_or(config.tmp_dir));
        recurrence = count_pass(corpus, config, options, &*line_keys);
    }
    if (options.profile) recurrence.merge(*options.profile);

    RunResult result;
    result.config = config;
    const DocumentAnalyzer analyzer(config, recurrence);
    DecideStage decide(config);
    // Pages the index to --tmp-dir rather than stop when it would pass the budget; destroyed
    // before `decide`, whose blocks stay valid (memory_budget.hpp, match/index_pager.hpp).
    const MemoryBudget budget(config.max_memory, temp_folder_or(config.tmp_dir));
    std::size_t done = 0;
    std::uint64_t bytes_done = 0;

    // Batches flow through: analyze (parallel) -> match and plan (sequential, input order) ->
    // positions and cuts (parallel) -> sink (sequential). The analysis of batch k + 1 runs on the
    // workers while batch k is matched, and while the scan reads the next batch, so the
    // sequential stages do not leave the other cores idle. Two batches are in memory at a time.
    struct Pending {
        std::vector<SourceDocument> batch;
        std::vector<AnalyzedDocument> analyzed;
        std::vector<std::vector<LineKeys>> line_keys;  // pass 1's, per document (empty: not kept)
        std::shared_ptr<WorkPool::Job> job;
        // The analysis's error, when the batch before waited for it (analyzed_ahead below): it
        // is rethrown where it was without the look ahead, once the batch before is sunk.
        std::exception_ptr failure;
        bool waited = false;
    };
    std::unique_ptr<Pending> pending;
    bool stage_failed = false;
    WorkPool pool(worker_count(config.threads));  // after `pending`: stops before what its jobs use

    // The batch after the one being decided, analyzed: the matcher probes it on the other threads
    // while this one is planned (DecideStage::decide_batch). Waited for after the batch is
    // matched, so that its analysis still runs beside the matching. With one thread there are no
    // other threads, and it would only hold a second batch's analyses while this one is planned.
    const bool look_ahead = worker_count(config.threads) > 1;
    const auto analyzed_ahead = [&](Pending& after) {
        std::vector<const AnalyzedDocument*> out;
        if (!after.waited) {
            after.waited = true;
            try {
                pool.wait(*after.job);
            } catch (...) {
                after.failure = std::current_exception();
            }
        }
        if (after.failure) return out;
        out.reserve(after.analyzed.size());
        for (const AnalyzedDocument& a : after.analyzed) out.push_back(&a);
        return out;
    };
    const auto finish = [&](Pending& p, Pending* after) {
        if (!p.waited) pool.wait(*p.job);
        if (p.failure) std::rethrow_exception(p.failure);
        const std::vector<SourceDocument>& batch = p.batch;
        const std::size_t n = batch.size();
        std::vector<DocResult> docs(n);
        // Input order decides what is kept: the batch's matching is spread over the pool only
        // where the order cannot matter (Matcher::match_batch).
        std::vector<const AnalyzedDocument*> analyzed(n);
        for (std::size_t i = 0; i < n; ++i) analyzed[i] = &p.analyzed[i];
        std::vector<std::vector<Span>> spans = decide.decide_batch(
            analyzed, [&](std::size_t items, const std::function<void(std::size_t)>& fn,
                          const std::function<void()>& meanwhile) { pool.run_while(items, fn, meanwhile); },
            after && look_ahead ? DecideStage::NextBatch([&] {
                // This batch is matched: its MinHash signatures are read no more (the matcher
                // keeps their low bytes), and they are freed before the next batch's analyses are
                // all held beside this one's (256 bytes a sentence).
                for (AnalyzedDocument& a : p.analyzed) decltype(a.analysis.signatures)().swap(a.analysis.signatures);
                return analyzed_ahead(*after);
            }) : DecideStage::NextBatch());
        for (std::size_t i = 0; i < n; ++i) {
            docs[i].id = batch[i].doc.id;
            docs[i].group = batch[i].doc.group;
            docs[i].bytes = batch[i].doc.text.size();
            docs[i].spans = std::move(spans[i]);
        }
        std::vector<std::string> cleaned(n);
        const auto cut = pool.submit(n, [&](std::size_t i) {
            CutDocument done_cut = cut_document(batch[i].doc.text, p.analyzed[i].analysis.layout, docs[i].spans,
                                                sink != nullptr);
            docs[i].fully_removed = done_cut.fully_removed;
            cleaned[i] = std::move(done_cut.cleaned);
            p.analyzed[i] = AnalyzedDocument{};  // free early: the batches' memory is the run's peak
        }, true);
        pool.wait(*cut);
        for (std::size_t i = 0; i < n; ++i) {
            if (sink) sink->document(batch[i], docs[i], cleaned[i]);
            if (!options.keep_spans) {
                docs[i].released_bytes = docs[i].removed_bytes();
                // Moved-from, not `= {}`: that is assign(initializer_list), which empties the
                // vector but keeps its capacity — every document's spans stayed allocated
                // (79 MB of a 100 MB corpus's run, heaptrack).
                std::vector<Span>().swap(docs[i].spans);
                std::string().swap(docs[i].group);
            }
            bytes_done += batch[i].doc.text.size();
            result.docs.push_back(std::move(docs[i]));
        }
        done += n;
        if (options.progress) options.progress(done, bytes_done);
    };

    const BatchLimits limits = batch_limits_within(budget.limit(), options.batch);
    // The scan reads batch k + 1 on a worker while this thread matches batch k (read_ahead.hpp).
    ReadAhead ahead(corpus, limits, pool);
    const auto process = [&](std::vector<SourceDocument>& batch) {
        try {
            auto next = std::make_unique<Pending>();
            next->batch = std::move(batch);
            next->analyzed.resize(next->batch.size());
            // Two batches in flight cost a second batch of analyses; when together they are
            // more than one batch's worth of text (huge documents), the earlier one is finished
            // first, so memory stays that of one batch.
            if (pending && text_bytes(pending->batch) + text_bytes(next->batch) > limits.bytes) {
                finish(*pending, nullptr);
                pending.reset();
            }
            check_analysis_memory(budget, next->batch, decide.matcher().describe_memory(), ahead.read_ahead_bytes());
            ahead.start();
            if (line_keys) {
                std::vector<std::uint64_t> sizes(next->batch.size());
                for (std::size_t i = 0; i < sizes.size(); ++i) sizes[i] = next->batch[i].doc.text.size();
                next->line_keys = line_keys->take(sizes);
            } else {
                next->line_keys.resize(next->batch.size());
            }
            Pending& p = *next;
            next->job = pool.submit(p.batch.size(), [&p, &analyzer](std::size_t i) {
                p.analyzed[i] = analyzer.analyze(p.batch[i].doc.text, p.batch[i].doc.group, p.line_keys[i]);
                std::vector<LineKeys>().swap(p.line_keys[i]);
            }, false);
            hand_over(pending, std::move(next), pool, finish);
        } catch (...) {
            stage_failed = true;
            throw;
        }
    };
    try {
        while (true) {
            std::vector<SourceDocument> batch = ahead.take();
            if (batch.empty()) break;
            process(batch);
        }
    } catch (...) {
        // A bad input stops the run where it is found: the batches before it are still
        // finished (and sunk), as when they were processed one at a time.
        if (!stage_failed && pending) finish(*pending, nullptr);
        throw;
    }
    if (pending) finish(*pending, nullptr);
    const Matcher& matcher = decide.matcher();
    result.index = {matcher.size(), matcher.signature_count(), matcher.memory_bytes()};
    result.skipped = corpus.skipped();
    return result;
}

}  // namespace once
