// index_pager.hpp — where the matcher's index blocks come from, and how an index larger than
// --max-memory still fits: its blocks move to a file and the process drops their pages.
//
// Every block of the index (HugeBlocks, flat_hash.hpp: chunked arrays, hash tables, the band
// pools) is taken and returned here. Normally a block is anonymous memory. Once an IndexPager is
// started (MemoryBudget::check starts it when the budget would be passed), every block lives in
// one unlinked file in --tmp-dir: the blocks already taken are copied there once and mapped again
// at the same address (MAP_FIXED, so every pointer into the index stays valid), later blocks are
// mapped from the file directly (MAP_SHARED, the file grown with posix_fallocate a block at a
// time: a full disk is an Error(output_error) naming the folder, never a SIGBUS on a write). A
// watchdog thread then reads the process's resident set every 2 ms and, when it is over the
// ceiling (the budget) less a margin (how late it has been lately, DropPolicy), drops the pages of
// the index's blocks from the process with madvise(MADV_DONTNEED), a block at a time in address
// order and from where the last drop stopped, until the resident set is a little under that
// trigger: the bytes stay in the file and the page cache, a later access maps them again. The
// watchdog alone was late under load (the matcher's faults map 64 KiB each, tens of MB between two
// ticks: peaks of 2× the budget), so the threads that read and write the index also check the
// resident set themselves, before each sentence they probe or match and every few inserts
// (index_blocks::keep_under_ceiling), and drop pages before going on when it is over the ceiling
// (DropPolicy::over_ceiling). So the index is the same bytes at the same addresses and the results
// are those of an anonymous index, by construction; what changes is where the pages are held (the system's page
// cache, which the kernel may write to the file and evict) and the CPU spent mapping them again.
//
// What this is not: the sorted-run design of docs/shard-format.md, which would also bound the
// page cache and read the disk in order. Access stays random: an index much larger than the page
// cache the machine can give it reads the disk at random.
//
// One pager at a time per process (a second is inert), alive while a run's budget is. Blocks
// mapped from the file stay valid after the pager ends (a mapping keeps the file); the file goes
// when the last of them is returned, and at once however the process ends (it has no name).
//
//   once::IndexPager pager(tmp_folder, budget_bytes);
//   pager.start();  // no thread may be writing the index now
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace once {

namespace index_blocks {
// A zeroed block of `bytes` (a multiple of the page size) at an address aligned to `bytes`;
// `huge`: offer it to the kernel as a transparent huge page (anonymous blocks only). Throws
// std::bad_alloc when memory is out, Error(output_error) when the pager's file cannot grow.
void* acquire(std::size_t bytes, bool huge);
void release(void* block, std::size_t bytes);
// Blocks held now, and how many of them are in the pager's file (for tests and messages).
std::size_t count();
std::size_t count_in_file();
// Called by the threads that read and write the index, every few sentences: while a pager is
// active, reads the resident set and, when it is over the ceiling, drops index pages itself
// before the thread goes on (IndexPager::keep_under). Without a pager it is one atomic load.
void keep_under_ceiling();
}  // namespace index_blocks

// When the watchdog drops the index's pages, and down to what resident set: its decisions apart
// from the clock and /proc, so that they can be tested.
//
// The watchdog sees the resident set only at its ticks, and on a loaded machine some ticks come
// late while the matcher maps pages again; so it drops before the ceiling, by a margin: the
// largest overshoot of its trigger seen lately. The margin decays at every tick that finds the
// resident set under the trigger, so that one late tick does not shrink the index's share for the
// rest of the run (it stayed at half the ceiling before, and then the watchdog dropped at nearly
// every tick: 1,074 s of system time on 300 MB under 256M). A drop goes only a little under the
// trigger (what every page dropped costs is a fault when it is next read), and the index keeps
// at least an eighth of the ceiling above the rest of the process, so that a rest near the
// ceiling does not make it drop at every tick (the rest is MemoryBudget's to check).
class DropPolicy {
public:
    explicit DropPolicy(std::uint64_t ceiling);
    // One tick: the resident set now, `all` of it and its `anonymous` part (what is not the paged
    // index). Returns the resident set to drop down to, or 0 when nothing is to be dropped.
    std::uint64_t tick(std::uint64_t all, std::uint64_t anonymous);
    std::uint64_t margin() const { return margin_; }
    // What a thread of the index does between two ticks (index_blocks::keep_under_ceiling): the
    // resident set to drop down to when `all` is over the ceiling itself, else 0. It does not
    // move the margin (only the watchdog's own lateness does).
    std::uint64_t over_ceiling(std::uint64_t all, std::uint64_t anonymous) const;

private:
    std::uint64_t trigger(std::uint64_t anonymous) const;

    std::uint64_t ceiling_;
    std::uint64_t margin_;
};

class IndexPager {
public:
    // `folder`: where the file goes (--tmp-dir). `ceiling`: the resident set the watchdog keeps
    // the process under by dropping the index's pages (the memory budget).
    IndexPager(std::string folder, std::uint64_t ceiling);
    // Stops the watchdog and closes the file; blocks taken later are anonymous again.
    ~IndexPager();
    IndexPager(const IndexPager&) = delete;
    IndexPager& operator=(const IndexPager&) = delete;

    // Moves the index to the file and starts the watchdog; later calls do nothing. The caller
    // makes sure no thread writes the index meanwhile (blocks are copied, then mapped again).
    // Returns false when another pager is active in the process (this one stays inert).
    bool start();
    bool started() const { return started_; }
    // Drops the resident pages of every file-backed block now.
    void drop_pages();
    // What index_blocks::keep_under_ceiling does while this pager is active: reads the resident
    // set and, when it is over the ceiling, drops index pages down to DropPolicy::over_ceiling.
    void keep_under();
    // Times some of the index's pages were dropped (by the watchdog, or by keep_under: own_drops),
    // and 2 MiB blocks dropped in all.
    std::uint64_t drops() const;
    std::uint64_t own_drops() const;
    std::uint64_t blocks_dropped() const;

private:
    void watch();

    std::string folder_;
    std::uint64_t ceiling_;
    bool started_ = false;
    std::thread watchdog_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::uint64_t drops_ = 0;
    std::uint64_t own_drops_ = 0;
    std::uint64_t blocks_dropped_ = 0;
};

}  // namespace once
