#include "once/run/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "once/run/batcher.hpp"
#include "once/run/memory_budget.hpp"
#include "once/run/stages.hpp"
#include "once/sign/signer.hpp"

namespace once {
namespace {

std::size_t worker_count(int threads) {
    return threads > 0 ? static_cast<std::size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& fn) {
    const std::size_t workers = std::min(worker_count(threads), n);
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

// Threads shared by the stages of a run, so that the sequential stages (reading, matching, the
// sink) overlap with the parallel ones of the neighbouring batch instead of leaving cores idle.
// A job is fn(i) for i in [0, n); workers take items of urgent jobs first (what the sequential
// thread is waiting for), then of the others in submission order. The thread that waits for a
// job works on it too, so with one thread everything runs in the caller, in order.
class WorkPool {
public:
    class Job {
    public:
        Job(std::size_t n, std::function<void(std::size_t)> fn) : n_(n), fn_(std::move(fn)) {}

    private:
        friend class WorkPool;
        const std::size_t n_;
        const std::function<void(std::size_t)> fn_;
        std::atomic<std::size_t> next_{0};  // next item to hand out
        std::atomic<bool> failed_{false};
        std::size_t done_ = 0;               // items finished (under the pool's mutex)
        std::exception_ptr failure_;
    };

    explicit WorkPool(std::size_t threads) {
        for (std::size_t w = 1; w < threads; ++w) workers_.emplace_back([this] { work(); });
    }
    ~WorkPool() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (auto& worker : workers_) worker.join();
    }
    WorkPool(const WorkPool&) = delete;
    WorkPool& operator=(const WorkPool&) = delete;

    std::shared_ptr<Job> submit(std::size_t n, std::function<void(std::size_t)> fn, bool urgent) {
        auto job = std::make_shared<Job>(n, std::move(fn));
        if (workers_.empty()) return job;  // the waiting thread runs it
        {
            std::lock_guard lock(mutex_);
            if (urgent) jobs_.push_front(job);
            else jobs_.push_back(job);
        }
        wake_.notify_all();
        return job;
    }
    // Stops `job` early (its remaining items are skipped) and waits for the items under way:
    // after an error, before what the job uses goes away.
    void cancel(Job& job) noexcept {
        job.failed_ = true;
        for (std::size_t i = job.next_++; i < job.n_; i = job.next_++) run(job, i);
        std::unique_lock lock(mutex_);
        finished_.wait(lock, [&] { return job.done_ == job.n_; });
    }
    // Works on `job` until all its items are done; rethrows the first exception of an item.
    void wait(Job& job) {
        for (std::size_t i = job.next_++; i < job.n_; i = job.next_++) run(job, i);
        std::unique_lock lock(mutex_);
        finished_.wait(lock, [&] { return job.done_ == job.n_; });
        if (job.failure_) std::rethrow_exception(job.failure_);
    }

private:
    void run(Job& job, std::size_t i) {
        std::exception_ptr failure;
        if (!job.failed_) {  // after a failure the remaining items are only counted
            try {
                job.fn_(i);
            } catch (...) {
                failure = std::current_exception();
                job.failed_ = true;
            }
        }
        std::lock_guard lock(mutex_);
        if (failure && !job.failure_) job.failure_ = failure;
        if (++job.done_ == job.n_) finished_.notify_all();
    }
    void work() {
        std::unique_lock lock(mutex_);
        while (true) {
            while (!jobs_.empty() && jobs_.front()->next_ >= jobs_.front()->n_) jobs_.pop_front();
            if (stopping_) return;
            if (jobs_.empty()) {
                wake_.wait(lock);
                continue;
            }
            const std::shared_ptr<Job> job = jobs_.front();
            const std::size_t i = job->next_++;
            if (i >= job->n_) continue;
            lock.unlock();
            run(*job, i);
            lock.lock();
        }
    }

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_;      // a job was submitted, or the pool is stopping
    std::condition_variable finished_;  // a job finished
    std::deque<std::shared_ptr<Job>> jobs_;
    bool stopping_ = false;
};

// The two-batch hand-over of a pipelined stage: batch `next` has been submitted; finish the
// batch before it, then `next` becomes the pending one. If finishing fails, `next`'s job is
// stopped before the exception leaves (its items use what the caller is about to destroy).
template <typename Pending, typename Finish>
void hand_over(std::unique_ptr<Pending>& pending, std::unique_ptr<Pending> next, WorkPool& pool, Finish&& finish) {
    try {
        if (pending) finish(*pending);
    } catch (...) {
        pool.cancel(*next->job);
        throw;
    }
    pending = std::move(next);
}

Recurrence count_pass(Corpus& corpus, const Config& config, const PipelineOptions& options) {
    Recurrence counts;
    Signer signer(config);
    const MemoryBudget budget(config.max_memory);
    // While the scan reads batch k + 1, the workers take the line templates of batch k.
    struct Pending {
        std::vector<SourceDocument> batch;
        std::vector<std::vector<std::uint64_t>> templates;
        std::shared_ptr<WorkPool::Job> job;
    };
    std::unique_ptr<Pending> pending;
    WorkPool pool(worker_count(config.threads));  // after `pending`: stops before what its jobs use
    const auto finish = [&](Pending& p) {
        pool.wait(*p.job);
        for (std::size_t i = 0; i < p.batch.size(); ++i) counts.add_document(p.batch[i].doc.group, std::move(p.templates[i]));
    };
    Batcher batcher(options, [&](std::vector<SourceDocument>& batch) {
        budget.check(0, "counting recurring lines (pass 1) at " + batch.front().doc.id,
                     "the recurrence counts hold " + std::to_string(counts.size()) + " line templates");
        auto next = std::make_unique<Pending>();
        next->batch = std::move(batch);
        next->templates.resize(next->batch.size());
        Pending& p = *next;
        next->job = pool.submit(p.batch.size(), [&p, &signer](std::size_t i) {
            p.templates[i] = signer.line_templates(p.batch[i].doc.text);
        }, false);
        hand_over(pending, std::move(next), pool, finish);
    });
    corpus.scan([&](SourceDocument&& document) { batcher.add(std::move(document)); });
    batcher.flush();
    if (pending) finish(*pending);
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
    const DocumentAnalyzer analyzer(config, recurrence);
    DecideStage decide(config);
    const MemoryBudget budget(config.max_memory);
    std::size_t done = 0;
    std::uint64_t bytes_done = 0;

    // Batches flow through: analyze (parallel) -> match and plan (sequential, input order) ->
    // positions and cuts (parallel) -> sink (sequential). The analysis of batch k + 1 runs on the
    // workers while batch k is matched, and while the scan reads the next batch, so the
    // sequential stages do not leave the other cores idle. Two batches are in memory at a time.
    struct Pending {
        std::vector<SourceDocument> batch;
        std::vector<AnalyzedDocument> analyzed;
        std::shared_ptr<WorkPool::Job> job;
    };
    std::unique_ptr<Pending> pending;
    bool stage_failed = false;
    WorkPool pool(worker_count(config.threads));  // after `pending`: stops before what its jobs use

    const auto finish = [&](Pending& p) {
        pool.wait(*p.job);
        const std::vector<SourceDocument>& batch = p.batch;
        const std::size_t n = batch.size();
        std::vector<DocResult> docs(n);
        for (std::size_t i = 0; i < n; ++i) {  // sequential: input order decides what is kept
            docs[i].id = batch[i].doc.id;
            docs[i].group = batch[i].doc.group;
            docs[i].bytes = batch[i].doc.text.size();
            docs[i].spans = decide.decide(p.analyzed[i]);
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
                docs[i].spans = {};
                docs[i].group = {};
            }
            bytes_done += batch[i].doc.text.size();
            result.docs.push_back(std::move(docs[i]));
        }
        done += n;
        if (options.progress) options.progress(done, bytes_done);
    };

    Batcher batcher(options, [&](std::vector<SourceDocument>& batch) {
        try {
            auto next = std::make_unique<Pending>();
            next->batch = std::move(batch);
            next->analyzed.resize(next->batch.size());
            // Two batches in flight cost a second batch of analyses; when together they are
            // more than one batch's worth of text (huge documents), the earlier one is finished
            // first, so memory stays that of one batch.
            if (pending && text_bytes(pending->batch) + text_bytes(next->batch) > options.batch_bytes) {
                finish(*pending);
                pending.reset();
            }
            check_analysis_memory(budget, next->batch, decide.matcher().describe_memory());
            Pending& p = *next;
            next->job = pool.submit(p.batch.size(), [&p, &analyzer](std::size_t i) {
                p.analyzed[i] = analyzer.analyze(p.batch[i].doc.text, p.batch[i].doc.group);
            }, false);
            hand_over(pending, std::move(next), pool, finish);
        } catch (...) {
            stage_failed = true;
            throw;
        }
    });
    try {
        corpus.scan([&](SourceDocument&& document) { batcher.add(std::move(document)); });
        batcher.flush();
    } catch (...) {
        // A bad input stops the run where it is found: the batches before it are still
        // finished (and sunk), as when they were processed one at a time.
        if (!stage_failed && pending) finish(*pending);
        throw;
    }
    if (pending) finish(*pending);
    const Matcher& matcher = decide.matcher();
    result.index = {matcher.size(), matcher.signature_count(), matcher.memory_bytes()};
    result.skipped = corpus.skipped();
    return result;
}

}  // namespace once
