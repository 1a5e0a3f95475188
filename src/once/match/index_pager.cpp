#include "once/match/index_pager.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <chrono>
#include <cstring>
#include <map>
#include <new>
#include <utility>

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "once/core/error.hpp"
#include "once/core/spill_file.hpp"

namespace once {
namespace {

// How often the watchdog reads the resident set. The matcher maps pages again at a few hundred
// MB/s at most (a minor fault each), so a few milliseconds keep the overshoot to a few MiB.
constexpr auto k_watch_interval = std::chrono::milliseconds(2);
// When the rest of the process alone comes near the ceiling, the index still keeps this share of
// the ceiling between two drops, so that the watchdog does not drop on every tick (the rest is checked by
// MemoryBudget, which stops the run with exit 6 when it alone would pass the budget).
constexpr std::uint64_t k_min_share_divisor = 8;
// The margin starts at a sixteenth of the ceiling (a guess, before any tick has been late), never
// passes half of it (the index keeps a share) and never decays below a sixty-fourth (a tick's
// worth of faults at a few hundred MB/s, for budgets of a few hundred MiB).
constexpr std::uint64_t k_first_margin_divisor = 16;
constexpr std::uint64_t k_largest_margin_divisor = 2;
constexpr std::uint64_t k_smallest_margin_divisor = 64;
// A tick under the trigger takes this share of the margin off: it halves in about 180 ticks, a
// few tenths of a second, so a scheduling delay is remembered for a while and then forgotten.
constexpr std::uint64_t k_margin_decay_divisor = 256;
// A drop goes this share of the ceiling under the trigger, so that the next one is not due at the
// very next tick; small, because every page dropped is a fault when it is read again.
constexpr std::uint64_t k_drop_below_divisor = 32;

struct Block {
    std::size_t bytes;
    std::int64_t offset;  // in the pager's file; -1: anonymous
};

// Every block of the index, and the pager's file: one per process, like the allocator.
struct Registry {
    std::mutex mutex;
    std::map<void*, Block> blocks;  // by address: drops go through them in order, from `next_drop`
    void* next_drop = nullptr;      // the block after the last one dropped
    std::size_t in_file = 0;
    IndexPager* active = nullptr;
    std::atomic<IndexPager*> checking{nullptr};  // `active` once started, for keep_under_ceiling
    int fd = -1;  // the active pager's file, -1 when none
    std::string folder;
    std::uint64_t file_bytes = 0;
};

Registry& registry() {
    static Registry* const instance = new Registry;  // never destroyed: blocks may outlive statics
    return *instance;
}

[[noreturn]] void fail_to_grow(int error, const std::string& folder) {
    throw Error(ExitCode::output_error,
                "cannot grow the file the index is paged to (--max-memory): " + std::string(std::strerror(error)),
                folder);
}

#if defined(__linux__)
// An address range of `bytes` aligned to `bytes`, mapped anonymously (PROT_READ | PROT_WRITE).
void* aligned_anonymous(std::size_t bytes) {
    void* mapped = mmap(nullptr, 2 * bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    // Keep the aligned block inside the mapping, return the rest.
    const auto start = reinterpret_cast<std::uintptr_t>(mapped);
    const std::uintptr_t aligned = (start + bytes - 1) / bytes * bytes;
    if (aligned > start) munmap(mapped, aligned - start);
    munmap(reinterpret_cast<void*>(aligned + bytes), bytes - (aligned - start));
    return reinterpret_cast<void*>(aligned);
}

// Room for `bytes` more at the end of the file: its offset. Reserved with posix_fallocate, so
// that writing through the mapping cannot meet a full disk (a SIGBUS) later.
std::int64_t grow_file(Registry& r, std::size_t bytes) {
    const auto offset = static_cast<off_t>(r.file_bytes);
    const int error = posix_fallocate(r.fd, offset, static_cast<off_t>(bytes));
    if (error != 0) fail_to_grow(error, r.folder);
    r.file_bytes += bytes;
    return static_cast<std::int64_t>(offset);
}

// Maps `bytes` of the file at `offset` at `address` (replacing what was mapped there), or
// anywhere for nullptr. MADV_RANDOM before the first access: the page cache then holds the block
// in small pages, so that a fault maps 64 KiB around the page asked for (the kernel's fault-around)
// and not a large folio of up to 2 MiB — measured on this machine's kernel (6.18, ext4): one
// access per MiB of a mapped file took 570 KiB of resident set each without it, 64 KiB with it.
// The matcher reads the index at random, so what a fault maps beside its page is mostly waste.
void* map_file(const Registry& r, void* address, std::size_t bytes, std::int64_t offset) {
    void* mapped = mmap(address, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | (address ? MAP_FIXED : 0), r.fd,
                        static_cast<off_t>(offset));
    if (mapped == MAP_FAILED) fail_to_grow(errno, r.folder);
    madvise(mapped, bytes, MADV_RANDOM);
    return mapped;
}
#endif

// The resident set from /proc/self/statm: all of it, and its anonymous part (resident less
// shared: heap, batches, what is not the paged index).
class ResidentReader {
public:
    ResidentReader()
        : fd_(::open("/proc/self/statm", O_RDONLY | O_CLOEXEC)), page_(static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE))) {}
    ~ResidentReader() {
        if (fd_ >= 0) ::close(fd_);
    }
    // The process's one reader, for the watchdog and the threads of the index alike (pread has no
    // file position to share).
    static const ResidentReader& shared() {
        static const ResidentReader* const instance = new ResidentReader;  // never destroyed, like the registry
        return *instance;
    }
    ResidentReader(const ResidentReader&) = delete;
    ResidentReader& operator=(const ResidentReader&) = delete;
    bool usable() const { return fd_ >= 0; }
    struct Resident {
        std::uint64_t all = 0;
        std::uint64_t anonymous = 0;
    };
    Resident read() const {
        char text[128];
        const ssize_t n = ::pread(fd_, text, sizeof text - 1, 0);
        if (n <= 0) return {};
        text[n] = '\0';
        unsigned long long size = 0;
        unsigned long long pages = 0;
        unsigned long long shared = 0;
        if (std::sscanf(text, "%llu %llu %llu", &size, &pages, &shared) != 3) return {};
        return {pages * page_, (pages > shared ? pages - shared : 0) * page_};
    }

private:
    int fd_;
    std::uint64_t page_;
};

// Drops the pages of file-backed blocks one block at a time, in address order from where the
// last drop stopped, until the resident set is at most `target` or every block was dropped once:
// the blocks dropped longest ago, which have had the longest to be mapped again, go first.
// Returns the number of blocks dropped.
std::uint64_t drop_down_to(const ResidentReader& reader, std::uint64_t target) {
    std::uint64_t dropped = 0;
#if defined(__linux__)
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    if (r.blocks.empty()) return 0;
    auto at = r.blocks.lower_bound(r.next_drop);
    for (std::size_t visited = 0; visited < r.blocks.size(); ++visited, ++at) {
        if (at == r.blocks.end()) at = r.blocks.begin();
        if (at->second.offset < 0) continue;
        // See drop_pages. The block's first page stays: dropping a whole 2 MiB-aligned range also
        // frees its page table (this kernel reclaims empty ones on MADV_DONTNEED: perf showed
        // try_get_and_clear_pmd and its TLB flush in the watchdog, pmd_install and clear_page in
        // the matcher's next fault), and the block is mapped again soon.
        static const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        madvise(static_cast<char*>(at->first) + page, at->second.bytes - page, MADV_DONTNEED);
        ++dropped;
        if (reader.read().all <= target) {
            ++at;
            break;
        }
    }
    r.next_drop = at == r.blocks.end() ? nullptr : at->first;
#else
    (void)reader;
    (void)target;
#endif
    return dropped;
}

}  // namespace

namespace index_blocks {

void* acquire(std::size_t bytes, bool huge) {
#if defined(__linux__)
    void* block = aligned_anonymous(bytes);
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    Block entry{bytes, -1};
    if (r.fd >= 0) {
        try {
            entry.offset = grow_file(r, bytes);
            map_file(r, block, bytes, entry.offset);  // a fresh range of the file reads as zeros
        } catch (...) {
            munmap(block, bytes);
            throw;
        }
        ++r.in_file;
    } else if (huge) {
#if defined(MADV_HUGEPAGE)
        madvise(block, bytes, MADV_HUGEPAGE);
#endif
    }
    r.blocks.emplace(block, entry);
    return block;
#else
    (void)huge;
    void* block = ::operator new(bytes, std::align_val_t{64});
    std::memset(block, 0, bytes);
    return block;
#endif
}

void release(void* block, std::size_t bytes) {
#if defined(__linux__)
    Registry& r = registry();
    {
        std::lock_guard lock(r.mutex);
        const auto found = r.blocks.find(block);
        if (found != r.blocks.end()) {
            if (found->second.offset >= 0) --r.in_file;
            r.blocks.erase(found);
        }
    }
    munmap(block, bytes);
#else
    (void)bytes;
    ::operator delete(block, std::align_val_t{64});
#endif
}

std::size_t count() {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    return r.blocks.size();
}

std::size_t count_in_file() {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    return r.in_file;
}

void keep_under_ceiling() {
    IndexPager* const pager = registry().checking.load(std::memory_order_acquire);
    if (pager != nullptr) pager->keep_under();
}

}  // namespace index_blocks

IndexPager::IndexPager(std::string folder, std::uint64_t ceiling) : folder_(std::move(folder)), ceiling_(ceiling) {}

IndexPager::~IndexPager() {
    if (!started_) return;
    registry().checking.store(nullptr, std::memory_order_release);  // no thread of the index uses it now
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (watchdog_.joinable()) watchdog_.join();
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    if (r.active == this) {
        ::close(r.fd);  // the mappings keep the file until their blocks are returned
        r.fd = -1;
        r.active = nullptr;
    }
}

bool IndexPager::start() {
#if defined(__linux__)
    if (started_) return true;
    Registry& r = registry();
    {
        std::lock_guard lock(r.mutex);
        if (r.active != nullptr) return false;
        r.fd = open_unlinked_file(folder_);
        r.folder = folder_;
        r.file_bytes = 0;
        r.active = this;
        started_ = true;  // from here on the destructor closes the file, even if copying fails
        // The blocks taken so far, copied once and mapped again where they are: every pointer
        // into the index stays valid, and the anonymous pages are freed by the new mapping.
        for (auto& [address, block] : r.blocks) {
            if (block.offset >= 0) continue;
            const std::int64_t offset = grow_file(r, block.bytes);
            // Written through a mapping of its own rather than with pwrite, which would fill the
            // page cache with large folios (see map_file).
            void* copy = map_file(r, nullptr, block.bytes, offset);
            std::memcpy(copy, address, block.bytes);
            munmap(copy, block.bytes);
            map_file(r, address, block.bytes, offset);
            block.offset = offset;
            ++r.in_file;
        }
    }
    watchdog_ = std::thread([this] { watch(); });
    if (ResidentReader::shared().usable()) r.checking.store(this, std::memory_order_release);
    return true;
#else
    return false;
#endif
}

void IndexPager::drop_pages() {
#if defined(__linux__)
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    // MADV_DONTNEED on a shared file mapping unmaps the pages from this process only: their
    // bytes (dirty or not) stay in the page cache and the file, and the next access maps them
    // again (a minor fault while the page cache holds them).
    for (const auto& [address, block] : r.blocks)
        if (block.offset >= 0) madvise(address, block.bytes, MADV_DONTNEED);
#endif
}

void IndexPager::keep_under() {
    const ResidentReader& reader = ResidentReader::shared();
    const ResidentReader::Resident now = reader.read();
    const std::uint64_t target = DropPolicy(ceiling_).over_ceiling(now.all, now.anonymous);
    if (target == 0) return;
    const std::uint64_t dropped = drop_down_to(reader, target);
    std::lock_guard lock(mutex_);
    ++drops_;
    ++own_drops_;
    blocks_dropped_ += dropped;
}

std::uint64_t IndexPager::own_drops() const {
    std::lock_guard lock(mutex_);
    return own_drops_;
}

std::uint64_t IndexPager::drops() const {
    std::lock_guard lock(mutex_);
    return drops_;
}

std::uint64_t IndexPager::blocks_dropped() const {
    std::lock_guard lock(mutex_);
    return blocks_dropped_;
}

DropPolicy::DropPolicy(std::uint64_t ceiling) : ceiling_(ceiling), margin_(ceiling / k_first_margin_divisor) {}

std::uint64_t DropPolicy::trigger(std::uint64_t anonymous) const {
    return std::max(ceiling_ > margin_ ? ceiling_ - margin_ : 0, anonymous + ceiling_ / k_min_share_divisor);
}

std::uint64_t DropPolicy::over_ceiling(std::uint64_t all, std::uint64_t anonymous) const {
    if (all <= ceiling_) return 0;
    // Down to where the watchdog's drop would go with its smallest margin: the index keeps its
    // share above the rest, as at a tick.
    const std::uint64_t least = std::max(ceiling_ - ceiling_ / k_smallest_margin_divisor,
                                         anonymous + ceiling_ / k_min_share_divisor);
    const std::uint64_t target = least - std::min(least, ceiling_ / k_drop_below_divisor);
    return target < all ? std::max<std::uint64_t>(target, 1) : 0;
}

std::uint64_t DropPolicy::tick(std::uint64_t all, std::uint64_t anonymous) {
    const std::uint64_t before = trigger(anonymous);
    if (all <= before) {
        margin_ = std::max(ceiling_ / k_smallest_margin_divisor, margin_ - margin_ / k_margin_decay_divisor);
        return 0;
    }
    // Late by `all - before` this time: the next peak should land near the ceiling, not past it.
    margin_ = std::min(ceiling_ / k_largest_margin_divisor, std::max(margin_, all - before));
    const std::uint64_t after = trigger(anonymous);  // with the margin just raised
    const std::uint64_t below = after - std::min(after, ceiling_ / k_drop_below_divisor);
    return std::max<std::uint64_t>(below, 1);
}

void IndexPager::watch() {
#if defined(__linux__)
    // The watchdog is late by however long the scheduler keeps it waiting after its tick, and
    // meanwhile the matcher maps pages again, 64 KiB a read fault (the kernel's fault-around):
    // at load 12 on 2 cores the resident set passed a 96 MiB budget by 200 MiB that way. So it
    // asks to run ahead of the other threads — the lowest real-time priority, which needs a
    // privilege (CAP_SYS_NICE or RLIMIT_RTPRIO) and is simply not granted without one. It sleeps
    // between ticks and a tick is a read of /proc, so it takes the CPU from nobody for long.
    const sched_param lowest_realtime{sched_get_priority_min(SCHED_FIFO)};
    pthread_setschedparam(pthread_self(), SCHED_FIFO, &lowest_realtime);
#endif
    const ResidentReader& reader = ResidentReader::shared();
    if (!reader.usable()) return;  // nothing to watch by: the pages stay (the budget still checks the rest)
    DropPolicy policy(ceiling_);
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, k_watch_interval, [this] { return stop_; })) {
        lock.unlock();
        const ResidentReader::Resident now = reader.read();
        const std::uint64_t target = policy.tick(now.all, now.anonymous);
        const std::uint64_t dropped = target != 0 ? drop_down_to(reader, target) : 0;
        lock.lock();
        if (target != 0) ++drops_;
        blocks_dropped_ += dropped;
    }
}

}  // namespace once
