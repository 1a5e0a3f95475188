#include "once/run/work_pool.hpp"

#include <algorithm>
#include <optional>
#include <system_error>

#include "once/core/error.hpp"

namespace once {

std::size_t worker_count(int threads) {
    return threads > 0 ? static_cast<std::size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
}

namespace {

// A thread that cannot start (ulimit -u, a container's pids limit) is a resource limit with a
// message, like the memory budget: not std::terminate (a joinable std::thread destroyed), and not
// a hang with the started threads waiting (issue 14, finding 4).
Error thread_start_error(std::size_t started, std::size_t wanted, const std::system_error& error) {
    return Error(ExitCode::resource_limit, "cannot start worker thread " + std::to_string(started + 1) + " of " +
                                               std::to_string(wanted) + " (" + error.what() + "); use fewer --threads");
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
    std::optional<Error> start_failure;
    for (std::size_t w = 0; w < workers && !start_failure; ++w) {
        try {
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
        } catch (const std::system_error& error) {
            next = n;  // the started threads finish their item and stop
            start_failure = thread_start_error(pool.size(), workers, error);
        }
    }
    for (auto& thread : pool) thread.join();
    if (start_failure) throw *start_failure;
    if (failure) std::rethrow_exception(failure);
}

WorkPool::WorkPool(std::size_t threads) {
    try {
        for (std::size_t w = 1; w < threads; ++w) workers_.emplace_back([this] { work(); });
    } catch (const std::system_error& error) {
        stop();  // the destructor does not run for a constructor that throws
        throw thread_start_error(workers_.size() + 1, threads, error);
    }
}

WorkPool::~WorkPool() { stop(); }

void WorkPool::stop() noexcept {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& worker : workers_) worker.join();
    workers_.clear();
}

std::shared_ptr<WorkPool::Job> WorkPool::submit(std::size_t n, std::function<void(std::size_t)> fn, bool urgent) {
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

void WorkPool::cancel(Job& job) noexcept {
    job.failed_ = true;
    for (std::size_t i = job.next_++; i < job.n_; i = job.next_++) run(job, i);
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [&] { return job.done_ == job.n_; });
}

void WorkPool::wait(Job& job) {
    for (std::size_t i = job.next_++; i < job.n_; i = job.next_++) run(job, i);
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [&] { return job.done_ == job.n_; });
    // Taken out of the job under the lock, so the exception object's last owner is this thread: a
    // worker may drop the job's last reference later, and must not destroy the exception the caller
    // is still reading (libstdc++'s exception reference count is invisible to ThreadSanitizer).
    std::exception_ptr failure = std::move(job.failure_);
    job.failure_ = nullptr;
    lock.unlock();
    if (failure) std::rethrow_exception(failure);
}

void WorkPool::run_while(std::size_t n, std::function<void(std::size_t)> fn, const std::function<void()>& meanwhile) {
    const std::shared_ptr<Job> job = submit(n, std::move(fn), true);
    if (meanwhile) {
        try {
            meanwhile();
        } catch (...) {
            cancel(*job);  // its items may use what the caller is about to destroy
            throw;
        }
    }
    wait(*job);
}

void WorkPool::run(Job& job, std::size_t i) {
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
    failure = nullptr;  // released under the lock: after it, only the job and the waiting thread own it
    if (++job.done_ == job.n_) finished_.notify_all();
}

void WorkPool::work() {
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

}  // namespace once
