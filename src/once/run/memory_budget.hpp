// memory_budget.hpp — keeps a run under --max-memory: a clear error instead of the OOM killer.
//
// Why resident memory and not an account of every allocation: what kills a process is the
// kernel's view of it, and that view includes the allocator's slack and the index's blocks. So
// the budget reads the process's resident anonymous memory (cheap: one small /proc read per
// batch; mapped input files are left out, the kernel can drop their pages) and, before a batch
// is analyzed, adds what analysis of its text is known to cost (measured: 13–17 bytes per byte
// of text, see k_analysis_bytes_per_byte).
// When the budget would be passed and the run gave a folder for it, the matcher's index is paged
// to a file there first (match/index_pager.hpp: the process's resident set is then kept under
// the budget by dropping the index's pages); the check is made again without the index, and
// only what still does not fit — the rest of the process, e.g. a batch of huge documents —
// throws Error(resource_limit) — exit 6 — with what was using the memory.
//
// The default budget is 90% of what the machine allows the process: physical memory, or the
// cgroup limit (containers) when that is lower.
//
//   once::MemoryBudget budget(config.max_memory);
//   budget.check(batch_bytes * once::k_analysis_bytes_per_byte, "analyzing the next batch");
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "once/match/index_pager.hpp"

namespace once {

// Peak memory of analyzing one byte of text (normalized copy with origin maps, layout,
// shingles, signatures), with margin: measured 17 for English, 13 for Japanese.
inline constexpr std::uint64_t k_analysis_bytes_per_byte = 20;

// "4G", "512M", "1.5GiB", "800MB", "123456" (bytes). K/M/G/T are powers of 1024, with or without
// "iB"/"B". Throws Error(usage) naming the option otherwise.
std::uint64_t parse_memory_size(const std::string& text, const std::string& option);

// Resident anonymous memory of this process now (heap and index; not mapped files), 0 where
// the platform does not say.
std::uint64_t resident_bytes();
// What the machine allows this process: physical memory, or the cgroup limit when lower.
std::uint64_t machine_memory();

class MemoryBudget {
public:
    // `limit` 0: 90% of machine_memory().
    explicit MemoryBudget(std::uint64_t limit);
    // A budget of a run that holds a matcher's index: rather than stop, check() pages the index
    // to an unlinked file in `index_folder` (--tmp-dir) the first time the limit would be passed.
    MemoryBudget(std::uint64_t limit, const std::string& index_folder);
    std::uint64_t limit() const { return limit_; }
    // Throws Error(resource_limit) when the resident memory plus `extra` would pass the limit
    // (after paging the index, when this budget may); `what` says what needs the memory, `held`
    // what holds it (e.g. the index's size). Call it while no thread writes the index.
    void check(std::uint64_t extra, const std::string& what, const std::string& held = {}) const;
    // Has the index been paged to a file?
    bool paging() const { return pager_ && pager_->started(); }

private:
    std::uint64_t limit_;
    bool explicit_;
    std::unique_ptr<IndexPager> pager_;  // null: a budget that only checks
};

}  // namespace once
