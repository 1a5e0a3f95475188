// memory_budget.hpp — keeps a run under --max-memory: a clear error instead of the OOM killer.
//
// Why resident memory and not an account of every allocation: what kills a process is the
// kernel's view of it, and that view includes the allocator's slack and the index's blocks. So
// the budget reads the process's resident anonymous memory (cheap: one small /proc read per
// batch; mapped input files are left out, the kernel can drop their pages) and, before a batch
// is analyzed, adds what analysis of its text is known to cost (measured: 13–17 bytes per byte
// of text, see k_analysis_bytes_per_byte).
// Exceeding the budget throws Error(resource_limit) — exit 6 — with what was using the memory.
//
// The default budget is 90% of what the machine allows the process: physical memory, or the
// cgroup limit (containers) when that is lower.
//
//   once::MemoryBudget budget(config.max_memory);
//   budget.check(batch_bytes * once::k_analysis_bytes_per_byte, "analyzing the next batch");
#pragma once

#include <cstdint>
#include <string>

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
    std::uint64_t limit() const { return limit_; }
    // Throws Error(resource_limit) when the resident memory plus `extra` would pass the limit;
    // `what` says what needs the memory, `held` what holds it (e.g. the index's size).
    void check(std::uint64_t extra, const std::string& what, const std::string& held = {}) const;

private:
    std::uint64_t limit_;
    bool explicit_;
};

}  // namespace once
