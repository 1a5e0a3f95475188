// work_pool_test.cpp — parallel_for and WorkPool: every item runs once, on any thread count;
// the first exception reaches the waiting thread; a cancelled job skips what is left.
#include "once/run/work_pool.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

TEST_CASE("parallel_for: every index once, exceptions propagate") {
    for (const int threads : {0, 1, 2, 4}) {
        CAPTURE(threads);
        std::vector<std::atomic<int>> hits(100);
        once::parallel_for(hits.size(), threads, [&](std::size_t i) { ++hits[i]; });
        for (const auto& hit : hits) CHECK(hit.load() == 1);
        CHECK_THROWS_AS(once::parallel_for(10, threads,
                                           [](std::size_t i) {
                                               if (i == 5) throw std::runtime_error("boom");
                                           }),
                        std::runtime_error);
    }
    once::parallel_for(0, 4, [](std::size_t) { FAIL("called for n = 0"); });
}

TEST_CASE("worker_count: configured threads, or all cores and at least one") {
    CHECK(once::worker_count(1) == 1);
    CHECK(once::worker_count(3) == 3);
    CHECK(once::worker_count(0) >= 1);
}

TEST_CASE("WorkPool: jobs run every item once, urgent or not, on 1 to 4 threads") {
    for (const std::size_t threads : {1, 2, 4}) {
        CAPTURE(threads);
        once::WorkPool pool(threads);
        std::vector<std::atomic<int>> first(200), second(50);
        auto background = pool.submit(first.size(), [&](std::size_t i) { ++first[i]; }, false);
        auto urgent = pool.submit(second.size(), [&](std::size_t i) { second[i] += 2; }, true);
        pool.wait(*urgent);
        for (const auto& hit : second) CHECK(hit.load() == 2);
        pool.wait(*background);
        for (const auto& hit : first) CHECK(hit.load() == 1);
        auto empty = pool.submit(0, [](std::size_t) { FAIL("called for n = 0"); }, false);
        pool.wait(*empty);
    }
}

TEST_CASE("WorkPool: wait rethrows the first failure; the other items still finish") {
    for (const std::size_t threads : {1, 3}) {
        CAPTURE(threads);
        once::WorkPool pool(threads);
        std::atomic<int> ran{0};
        auto job = pool.submit(20, [&](std::size_t i) {
            ++ran;
            if (i == 0) throw std::runtime_error("item 0");
        }, false);
        CHECK_THROWS_WITH_AS(pool.wait(*job), "item 0", std::runtime_error);
        CHECK(ran.load() >= 1);
        CHECK(ran.load() <= 20);
        // The pool is still usable after a failed job.
        std::atomic<int> later{0};
        auto next = pool.submit(5, [&](std::size_t) { ++later; }, false);
        pool.wait(*next);
        CHECK(later.load() == 5);
    }
}

TEST_CASE("WorkPool: a cancelled job skips the items not yet started") {
    once::WorkPool pool(1);  // no worker thread: nothing starts before cancel
    std::atomic<int> ran{0};
    auto job = pool.submit(10, [&](std::size_t) { ++ran; }, false);
    pool.cancel(*job);
    CHECK(ran.load() == 0);
}

TEST_CASE("WorkPool: run_while runs every item once and meanwhile() on the caller; failures of either reach it") {
    for (const std::size_t threads : {1, 2, 4}) {
        CAPTURE(threads);
        once::WorkPool pool(threads);
        std::vector<std::atomic<int>> hits(64);
        int meanwhile_runs = 0;  // the caller's own: no atomic needed
        pool.run_while(hits.size(), [&](std::size_t i) { ++hits[i]; }, [&] { ++meanwhile_runs; });
        for (const auto& hit : hits) CHECK(hit.load() == 1);
        CHECK(meanwhile_runs == 1);
        pool.run_while(3, [&](std::size_t i) { ++hits[i]; }, {});  // no meanwhile
        CHECK(hits[2].load() == 2);
        // meanwhile() fails: the job is stopped before the exception leaves (no item runs after).
        std::atomic<int> ran{0};
        CHECK_THROWS_WITH_AS(pool.run_while(1000, [&](std::size_t) { ++ran; },
                                            [] { throw std::runtime_error("meanwhile"); }),
                             "meanwhile", std::runtime_error);
        const int after = ran.load();
        CHECK(after <= 1000);
        // An item fails: rethrown once meanwhile() is done.
        bool meanwhile_done = false;
        CHECK_THROWS_WITH_AS(pool.run_while(8, [](std::size_t i) {
                                 if (i == 3) throw std::runtime_error("item 3");
                             }, [&] { meanwhile_done = true; }),
                             "item 3", std::runtime_error);
        CHECK(meanwhile_done);
        CHECK(ran.load() == after);  // nothing of the stopped job ran later
    }
}
