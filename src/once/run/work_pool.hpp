// work_pool.hpp — the threads of a run: parallel_for for one-off loops, WorkPool for stages that
// overlap (the analysis of batch k + 1 while batch k is matched).
//
// Why a pool of its own: the sequential stages of a run (reading, matching, the sink) would
// leave the other cores idle; with one pool shared by the stages, workers take the parallel
// items of the neighbouring batch meanwhile. Contract: fn(i) runs exactly once for each i in
// [0, n) unless an item throws; the first exception is rethrown to the waiting thread, and with
// one thread everything runs in the caller, in order.
//
//   once::WorkPool pool(once::worker_count(config.threads));
//   auto job = pool.submit(batch.size(), [&](std::size_t i) { analyze(batch[i]); }, false);
//   ...                 // sequential work on another batch
//   pool.wait(*job);    // helps with the remaining items, rethrows the first failure
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace once {

// Threads to use for `threads` as configured (0 = all cores, at least one).
std::size_t worker_count(int threads);

// Runs fn(i) for i in [0, n) on up to `threads` threads (0 = all cores).
void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& fn);

// Threads shared by the stages of a run. A job is fn(i) for i in [0, n); workers take items of
// urgent jobs first (what the sequential thread is waiting for), then of the others in
// submission order. The thread that waits for a job works on it too.
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

    // `threads` counts the caller: a pool of 1 starts no thread. A thread that cannot start
    // throws Error(resource_limit) after joining those that did.
    explicit WorkPool(std::size_t threads);
    ~WorkPool();
    WorkPool(const WorkPool&) = delete;
    WorkPool& operator=(const WorkPool&) = delete;

    std::shared_ptr<Job> submit(std::size_t n, std::function<void(std::size_t)> fn, bool urgent);
    // Stops `job` early (its remaining items are skipped) and waits for the items under way:
    // after an error, before what the job uses goes away.
    void cancel(Job& job) noexcept;
    // Works on `job` until all its items are done; rethrows the first exception of an item.
    void wait(Job& job);
    // fn(i) for i in [0, n) as an urgent job on the workers while this thread runs meanwhile()
    // (when given), then helps with what is left; the first exception of either is rethrown,
    // once no item is under way. With no workers, meanwhile() runs first, then the items.
    void run_while(std::size_t n, std::function<void(std::size_t)> fn, const std::function<void()>& meanwhile);

private:
    void stop() noexcept;
    void run(Job& job, std::size_t i);
    void work();

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_;      // a job was submitted, or the pool is stopping
    std::condition_variable finished_;  // a job finished
    std::deque<std::shared_ptr<Job>> jobs_;
    bool stopping_ = false;
};

}  // namespace once
