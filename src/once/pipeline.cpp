#include "once/pipeline.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "once/cleaner.hpp"
#include "once/hashing.hpp"
#include "once/matcher.hpp"
#include "once/planner.hpp"
#include "once/shape.hpp"
#include "once/signer.hpp"

namespace once {

void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& fn) {
    std::size_t workers = threads > 0 ? static_cast<std::size_t>(threads)
                                      : std::max(1u, std::thread::hardware_concurrency());
    workers = std::min(workers, n);
    if (workers <= 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    std::vector<std::thread> pool;
    pool.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) {
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < n; i = next++) {
                try {
                    fn(i);
                } catch (...) {
                    std::lock_guard lock(failure_mutex);
                    if (!failure) failure = std::current_exception();
                    next = n;  // stop handing out work
                }
            }
        });
    }
    for (auto& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);
}

namespace {

// Collects documents from a scan into batches and hands each full batch to `process`.
class Batcher {
public:
    Batcher(const PipelineOptions& options, std::function<void(std::vector<SourceDocument>&)> process)
        : options_(options), process_(std::move(process)) {}
    void add(SourceDocument&& document) {
        bytes_ += document.doc.text.size();
        batch_.push_back(std::move(document));
        if (batch_.size() >= options_.batch_documents || bytes_ >= options_.batch_bytes) flush();
    }
    void flush() {
        if (batch_.empty()) return;
        process_(batch_);
        batch_.clear();
        bytes_ = 0;
    }

private:
    const PipelineOptions& options_;
    std::function<void(std::vector<SourceDocument>&)> process_;
    std::vector<SourceDocument> batch_;
    std::uint64_t bytes_ = 0;
};

Recurrence count_pass(Corpus& corpus, const Config& config, const PipelineOptions& options) {
    Recurrence counts;
    Signer signer(config);
    Batcher batcher(options, [&](std::vector<SourceDocument>& batch) {
        std::vector<std::vector<std::uint64_t>> templates(batch.size());
        parallel_for(batch.size(), config.threads,
                     [&](std::size_t i) { templates[i] = signer.line_templates(batch[i].doc.text); });
        for (std::size_t i = 0; i < batch.size(); ++i) counts.add_document(batch[i].doc.group, std::move(templates[i]));
    });
    corpus.scan([&](SourceDocument&& document) { batcher.add(std::move(document)); });
    batcher.flush();
    return counts;
}

}  // namespace

Recurrence count_recurrence(Corpus& corpus, const Config& config) {
    return count_pass(corpus, config, PipelineOptions{});
}

RunResult run_pipeline(Corpus& corpus, const Config& config, DocumentSink* sink, const PipelineOptions& options) {
    Recurrence recurrence;
    if (options.count_inputs) recurrence = count_pass(corpus, config, options);
    if (options.profile) recurrence.merge(*options.profile);

    RunResult result;
    result.config = config;
    const Signer signer(config);
    std::optional<Lexicon> own_lexicon;
    if (!config.lexicon_dir.empty()) own_lexicon = Lexicon::load(config.lexicon_dir);
    const Lexicon& lexicon = own_lexicon ? *own_lexicon : Lexicon::builtin();
    const JudgeContext judge(config, lexicon);
    Matcher matcher(config);
    ClusterNumbering clusters;
    std::size_t done = 0;
    std::uint64_t bytes_done = 0;

    Batcher batcher(options, [&](std::vector<SourceDocument>& batch) {
        const std::size_t n = batch.size();
        std::vector<DocAnalysis> analyses(n);
        std::vector<std::vector<LineVerdictDetail>> verdicts(n);
        parallel_for(n, config.threads, [&](std::size_t i) {
            analyses[i] = signer.analyze(batch[i].doc.text);
            verdicts[i] = judge_lines(analyses[i], batch[i].doc.group, recurrence, judge);
        });
        std::vector<DocResult> docs(n);
        for (std::size_t i = 0; i < n; ++i) {  // sequential: input order decides what is kept
            const auto doc_index = static_cast<std::uint32_t>(result.docs.size() + i);
            const auto matches = matcher.match_document(doc_index, analyses[i],
                                                        matchable_sentences(analyses[i], verdicts[i]));
            PlanResult plan = plan_spans(batch[i].doc.text, analyses[i], matches, verdicts[i], doc_index, matcher,
                                         clusters, config);
            for (const std::size_t sentence : plan.removed_sentences)
                matcher.mark_removed(matcher.document_base() + sentence);
            docs[i].id = batch[i].doc.id;
            docs[i].group = batch[i].doc.group;
            docs[i].bytes = batch[i].doc.text.size();
            docs[i].spans = std::move(plan.spans);
            docs[i].fully_removed = plan.fully_removed;
        }
        std::vector<std::string> cleaned(n);
        parallel_for(n, config.threads, [&](std::size_t i) {
            set_positions(batch[i].doc.text, analyses[i].layout, docs[i].spans);
            for (Span& span : docs[i].spans)
                span.content_hash = hash_combine(
                    content_key(std::string_view(batch[i].doc.text).substr(span.start, span.end - span.start)),
                    static_cast<std::uint64_t>(span.kind));
            if (sink) cleaned[i] = cut_spans(batch[i].doc.text, docs[i].spans);
            analyses[i] = DocAnalysis{};  // free early: the batch's memory is the run's peak
        });
        for (std::size_t i = 0; i < n; ++i) {
            if (sink) sink->document(batch[i], docs[i], cleaned[i]);
            bytes_done += batch[i].doc.text.size();
            result.docs.push_back(std::move(docs[i]));
        }
        done += n;
        if (options.progress) options.progress(done, bytes_done);
    });
    corpus.scan([&](SourceDocument&& document) { batcher.add(std::move(document)); });
    batcher.flush();
    result.skipped = corpus.skipped();
    return result;
}

}  // namespace once
