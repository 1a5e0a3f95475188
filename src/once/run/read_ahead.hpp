// read_ahead.hpp — the batches of a scan, each read on a worker while the sequential thread
// works on the batch before.
//
// Why: reading a batch (files, decompression, JSON parsing, UTF-8 and binary checks) was done
// by the thread that then matches and plans, in input order; on ldcc and on 1,000 files it was
// about 5% of a run's work that no other thread could take (docs/performance-log.md, session 17).
// Here the reading of batch k + 1 is a one-item urgent job of the run's WorkPool, started once
// batch k is handed out and checked against the memory budget, so it runs beside batch k's
// analysis and batch k - 1's matching. With one thread the pool has no worker and the job runs
// when take() waits for it: the reading is sequential, as before.
//
// Contract: the batches are those a Batcher with the same limits makes of Corpus::scan, in
// order. A read error (fail mode) is rethrown by the take() that would have returned its batch —
// after everything the caller did with the batches before it, as when the scan ran on the
// caller's thread; the documents read before it in that batch are dropped, as the Batcher's
// partial batch was. Memory: at most one batch is read ahead (read_ahead_bytes() bounds its
// text); the destructor stops a read under way, so declare the ReadAhead after the WorkPool.
//
//   once::ReadAhead ahead(corpus, limits, pool);
//   ahead.start();
//   while (true) {
//       std::vector<once::SourceDocument> batch = ahead.take();
//       if (batch.empty()) break;
//       budget.check(... + ahead.read_ahead_bytes(), ...);
//       ahead.start();
//       ...  // work on `batch`
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "once/input/reader.hpp"
#include "once/run/batcher.hpp"
#include "once/run/work_pool.hpp"

namespace once {

class ReadAhead {
public:
    ReadAhead(Corpus& corpus, const BatchLimits& limits, WorkPool& pool)
        : scan_(corpus), limits_(limits), pool_(pool) {}
    ~ReadAhead() {
        if (job_) pool_.cancel(*job_);
    }
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    // Starts reading the next batch on a worker, unless one is under way or the scan is over.
    void start() {
        if (job_ || ended_) return;
        job_ = pool_.submit(1, [this](std::size_t) { read(); }, true);
    }
    // The next batch (started here if it was not), empty at the end of the scan; rethrows the
    // scan's error.
    std::vector<SourceDocument> take() {
        start();
        if (!job_) return {};
        const std::shared_ptr<WorkPool::Job> job = std::move(job_);
        job_.reset();
        try {
            pool_.wait(*job);
        } catch (...) {
            ended_ = true;
            throw;
        }
        return std::exchange(next_, {});
    }
    // The most text a batch read ahead holds, for the memory budget: a batch's bytes (it is full
    // once it reaches them), JSON Lines records counted twice (the record keeps its own copy).
    std::uint64_t read_ahead_bytes() const { return 2 * limits_.bytes; }

private:
    void read() {
        std::uint64_t bytes = 0;
        while (next_.size() < limits_.documents && bytes < limits_.bytes) {
            std::optional<SourceDocument> document = scan_.next();
            if (!document) {
                ended_ = true;
                return;
            }
            bytes += document->doc.text.size();
            next_.push_back(std::move(*document));
        }
    }

    CorpusScan scan_;
    const BatchLimits limits_;
    WorkPool& pool_;
    std::shared_ptr<WorkPool::Job> job_;  // the read under way
    std::vector<SourceDocument> next_;    // what it reads into
    bool ended_ = false;                  // the scan is over (or failed)
};

}  // namespace once
