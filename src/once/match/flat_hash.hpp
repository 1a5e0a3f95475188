// flat_hash.hpp — the storage of the matcher's index: append-only chunked arrays, and an
// open-addressing index from 64-bit keys to 32-bit values, 8 bytes a slot.
//
// Why not std::vector and std::unordered_map: the matcher keeps a record and a signature per
// sentence and a table entry per sentence and band — hundreds of MiB on a large corpus. A node
// per entry costs ~40 bytes and a cache miss per probe; here a slot is 8 bytes and a probe is
// usually one cache line. And nothing is ever copied to grow: a vector that doubles holds old
// and new copies at once (the run's peak memory) and touches fresh pages for the whole new copy,
// which the kernel must clear first — in a VM, as costly as the matching itself. Chunks and
// table pages are allocated once, filled, and kept.
//
// Why only 32 bits of the key: every value the matcher stores is a sentence id (or a list of
// them), and the matcher can always tell the full key of a value again — from the sentence's
// record or its signature. So a slot keeps a 32-bit fingerprint of the key beside the value, and
// a lookup confirms each fingerprint match with the caller's `same(value)`: the answers are those
// of a map over full 64-bit keys, in half the memory of (key, value) slots.
//
//   FlatHashIndex index;
//   index.try_emplace(key, id, [&](std::uint32_t v) { return key_of(v) == key; });
//   const std::uint32_t* found = index.find(key, same);
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

#include "once/core/prefetch.hpp"  // prefetch_line
#include "once/match/index_pager.hpp"

namespace once {

// Blocks of 2 MiB for the index. Lookups land on random entries of arrays of tens or hundreds of
// MiB: with 4 KiB pages nearly every one also misses the TLB, and the page walk costs as much as
// the cache miss. Each block is mapped on its own, 2 MiB-aligned, and from the second block of an
// array on offered to the kernel as a transparent huge page (a hint: without THP these are
// ordinary pages). The first block stays in small pages, so a small input does not pay 2 MiB of
// memory per array. Blocks are never returned while the index lives. Under a memory budget the
// index would pass, the blocks move to a file (match/index_pager.hpp) at the same addresses.
class HugeBlocks {
public:
    static constexpr std::size_t k_block_bytes = std::size_t{2} << 20;

    HugeBlocks() = default;
    HugeBlocks(const HugeBlocks&) = delete;
    HugeBlocks& operator=(const HugeBlocks&) = delete;
    ~HugeBlocks() {
        for (void* block : blocks_) release(block);
    }
    // A zeroed block of k_block_bytes.
    void* allocate() {
        blocks_.reserve(blocks_.size() + 1);
        void* block = acquire(!blocks_.empty());
        blocks_.push_back(block);
        return block;
    }
    std::size_t bytes() const { return blocks_.size() * k_block_bytes; }

private:
    // Anonymous memory, or the index's file once a memory budget made the run page it
    // (match/index_pager.hpp): the same zeroed block at a fixed address either way.
    static void* acquire(bool huge) { return index_blocks::acquire(k_block_bytes, huge); }
    static void release(void* block) { index_blocks::release(block, k_block_bytes); }

    std::vector<void*> blocks_;
};

// Pieces of HugeBlocks shared by several tables (the matcher's one table per band), so that many
// small tables take the memory of one: a piece is a power of two up to a block, handed out in
// order under a mutex (tables grow from several threads). Pieces are never returned.
class BlockPool {
public:
    void* take(std::size_t bytes) {
        std::lock_guard lock(mutex_);
        if (left_ < bytes) {
            next_ = static_cast<char*>(blocks_.allocate());
            left_ = HugeBlocks::k_block_bytes;
        }
        void* piece = next_;
        next_ += bytes;
        left_ -= bytes;
        taken_ += bytes;
        return piece;
    }
    // The blocks reserved (the index's figures count used_bytes(); --max-memory reads the
    // resident set, run/memory_budget.cpp).
    std::size_t bytes() const {
        std::lock_guard lock(mutex_);
        return blocks_.bytes();
    }
    // The pieces handed out: what the tables use (the rest of the last block is untouched).
    std::size_t used_bytes() const {
        std::lock_guard lock(mutex_);
        return taken_;
    }

private:
    mutable std::mutex mutex_;
    HugeBlocks blocks_;
    char* next_ = nullptr;
    std::size_t left_ = 0;
    std::size_t taken_ = 0;
};

// An append-only array of trivially copyable records, `width` values of T each (a signature is
// num_perm values), in 2 MiB chunks: references stay valid, and growing copies nothing. Records
// are addressed by 32-bit indices.
template <typename T>
class ChunkedArray {
public:
    explicit ChunkedArray(std::size_t width = 1)
        : width_(width), per_chunk_(HugeBlocks::k_block_bytes / (width * sizeof(T))) {
        if (per_chunk_ < 2) throw std::bad_alloc();
        // i / per_chunk_ as a multiply (Lemire, Kaser, Kurz 2019: exact for 32-bit i).
        magic_ = ~std::uint64_t{0} / per_chunk_ + 1;
    }
    std::size_t size() const { return size_; }
    // The record `i` (its `width` values); [] for arrays of one value per record.
    T* record(std::size_t i) { return locate(i); }
    const T* record(std::size_t i) const { return locate(i); }
    T& operator[](std::size_t i) { return *locate(i); }
    const T& operator[](std::size_t i) const { return *locate(i); }
    // Appends a record of `width` values.
    void push_back(const T* values) {
        if (size_ == chunks_.size() * per_chunk_) chunks_.push_back(static_cast<T*>(blocks_.allocate()));
        std::copy(values, values + width_, locate(size_));
        ++size_;
    }
    void push_back(const T& value) { push_back(&value); }
    // The blocks reserved, and the bytes of the records stored (the rest of the last block is
    // reserved address space, not memory in use).
    std::size_t memory_bytes() const { return blocks_.bytes(); }
    std::size_t used_bytes() const { return size_ * width_ * sizeof(T); }

private:
    T* locate(std::size_t i) const {
        __extension__ using Wide = unsigned __int128;
        const auto chunk = static_cast<std::size_t>((static_cast<Wide>(magic_) * static_cast<std::uint32_t>(i)) >> 64);
        return chunks_[chunk] + (i - chunk * per_chunk_) * width_;
    }

    std::size_t width_;
    std::size_t per_chunk_;
    std::uint64_t magic_;
    std::size_t size_ = 0;
    std::vector<T*> chunks_;
    HugeBlocks blocks_;
};

// Small blocks of 32-bit words, allocated one after the other and never freed by the arena (the
// owner recycles them), addressed by a 32-bit offset that stays valid. Chunks of 64 KiB come
// from a BlockPool, which several arenas may share.
class WordArena {
public:
    static constexpr unsigned k_chunk_shift = 14;
    static constexpr std::size_t k_chunk_words = std::size_t{1} << k_chunk_shift;  // 64 KiB

    explicit WordArena(BlockPool& pool) : pool_(pool) {}
    WordArena(const WordArena&) = delete;
    WordArena& operator=(const WordArena&) = delete;

    // Offset of `words` (at most k_chunk_words) zeroed consecutive words.
    std::uint64_t allocate(std::size_t words) {
        if (chunks_.empty() || used_ + words > k_chunk_words) {
            chunks_.push_back(static_cast<std::uint32_t*>(pool_.take(k_chunk_words * sizeof(std::uint32_t))));
            used_ = 0;
        }
        const std::uint64_t offset = (chunks_.size() - 1) * k_chunk_words + used_;
        used_ += words;
        return offset;
    }
    std::uint32_t* at(std::uint64_t offset) { return chunks_[offset >> k_chunk_shift] + (offset & (k_chunk_words - 1)); }
    const std::uint32_t* at(std::uint64_t offset) const {
        return chunks_[offset >> k_chunk_shift] + (offset & (k_chunk_words - 1));
    }
    // The words handed out (recycled ones included: the owner holds them), and the chunk list.
    std::size_t used_bytes() const {
        const std::size_t words = chunks_.empty() ? 0 : (chunks_.size() - 1) * k_chunk_words + used_;
        return words * sizeof(std::uint32_t) + chunks_.capacity() * sizeof(std::uint32_t*);
    }

private:
    BlockPool& pool_;
    std::vector<std::uint32_t*> chunks_;
    std::size_t used_ = 0;
};

// Open addressing over fixed pages (extendible hashing): the top bits of a key's fingerprint
// choose a page through a directory, the low bits a slot in it, and linear probing stays inside
// the page. A page that fills splits in two by the next fingerprint bit; the directory doubles
// when needed. So growing moves one page's entries at a time, and memory is only ever added.
class FlatHashIndex {
public:
    // Pages from its own blocks, or from `pool` (shared with other tables, which count it).
    explicit FlatHashIndex(BlockPool* pool = nullptr) : pool_(pool) { directory_.push_back(new_page(0)); }
    FlatHashIndex(const FlatHashIndex&) = delete;
    FlatHashIndex& operator=(const FlatHashIndex&) = delete;

    // Slot of the value stored under `key`, or nullptr.
    template <typename Same>
    std::uint32_t* find(std::uint64_t key, Same&& same) {
        const std::uint32_t print = fingerprint(key);
        Slot* slots = page_of(print).slots;
        for (std::size_t i = print & k_slot_mask;; i = (i + 1) & k_slot_mask) {
            if (slots[i].print == print && same(slots[i].value)) return &slots[i].value;
            if (slots[i].print == 0) return nullptr;
        }
    }
    template <typename Same>
    const std::uint32_t* find(std::uint64_t key, Same&& same) const {
        const std::uint32_t print = fingerprint(key);
        const Slot* slots = page_of(print).slots;
        for (std::size_t i = print & k_slot_mask;; i = (i + 1) & k_slot_mask) {
            if (slots[i].print == print && same(slots[i].value)) return &slots[i].value;
            if (slots[i].print == 0) return nullptr;
        }
    }
    // Inserts (key, value) when `key` is absent; returns the stored value's slot and whether it
    // was new. The slot stays valid until the next insertion.
    template <typename Same>
    std::pair<std::uint32_t*, bool> try_emplace(std::uint64_t key, std::uint32_t value, Same&& same) {
        const std::uint32_t print = fingerprint(key);
        if (std::uint32_t* found = find(key, same)) return {found, false};
        Page* page = &page_of(print);
        while (page->size + 1 > k_page_limit && page->depth < k_max_depth) {
            split(*page);
            page = &page_of(print);
        }
        if (page->size + 1 >= k_page_slots) throw std::bad_alloc();  // 2^20 fingerprints alike: not hashes
        return {&place(*page, print, value), true};
    }
    // Starts loading the slot of `key` into cache: a caller with many independent lookups
    // (the LSH bands of a sentence) issues all prefetches first so the misses overlap.
    void prefetch(std::uint64_t key) const {
        const std::uint32_t print = fingerprint(key);
        prefetch_line(page_of(print).slots + (print & k_slot_mask));
    }
    // The first value whose fingerprint matches `key`'s, unconfirmed (nullptr if none): lets a
    // caller prefetch what `same` will read before the real lookup.
    const std::uint32_t* peek(std::uint64_t key) const {
        const std::uint32_t print = fingerprint(key);
        const Slot* slots = page_of(print).slots;
        for (std::size_t i = print & k_slot_mask;; i = (i + 1) & k_slot_mask) {
            if (slots[i].print == print) return &slots[i].value;
            if (slots[i].print == 0) return nullptr;
        }
    }
    std::size_t size() const { return size_; }
    // Without the pool's blocks when pages come from a pool.
    std::size_t memory_bytes() const { return blocks_.bytes() + directory_.size() * sizeof(Page*); }
    // The same with the pages in use (32 KiB each) instead of the blocks reserved for them.
    std::size_t used_bytes() const {
        return (pool_ != nullptr ? 0 : pages_.size() * k_page_slots * sizeof(Slot)) + directory_.size() * sizeof(Page*);
    }

private:
    struct Slot {
        std::uint32_t print = 0;  // 0: empty
        std::uint32_t value = 0;
    };
    struct Page {
        Slot* slots;
        unsigned depth;     // leading fingerprint bits shared by all its entries
        std::size_t size;
    };
    // 4096 slots (32 KiB), split at 3/4 full: pages are between 3/8 and 3/4 full.
    static constexpr unsigned k_slot_bits = 12;
    static constexpr std::size_t k_page_slots = std::size_t{1} << k_slot_bits;
    static constexpr std::size_t k_slot_mask = k_page_slots - 1;
    static constexpr std::size_t k_page_limit = k_page_slots / 4 * 3;
    static constexpr unsigned k_max_depth = 32 - k_slot_bits;  // directory and slot bits disjoint
    static constexpr std::size_t k_pages_per_block = HugeBlocks::k_block_bytes / (k_page_slots * sizeof(Slot));

    static std::uint32_t fingerprint(std::uint64_t key) {
        const auto print = static_cast<std::uint32_t>(key >> 32);
        return print != 0 ? print : 1;
    }
    const Page& page_of(std::uint32_t print) const {
        return *directory_[depth_ == 0 ? 0 : print >> (32 - depth_)];
    }
    Page& page_of(std::uint32_t print) { return *directory_[depth_ == 0 ? 0 : print >> (32 - depth_)]; }
    Page* new_page(unsigned depth) {
        Slot* slots;
        if (pool_ != nullptr) {
            slots = static_cast<Slot*>(pool_->take(k_page_slots * sizeof(Slot)));
        } else {
            if (pages_.size() % k_pages_per_block == 0) free_slots_ = static_cast<Slot*>(blocks_.allocate());
            slots = free_slots_;
            free_slots_ += k_page_slots;
        }
        pages_.push_back(Page{slots, depth, 0});
        return &pages_.back();
    }
    std::uint32_t& place(Page& page, std::uint32_t print, std::uint32_t value) {
        std::size_t i = print & k_slot_mask;
        while (page.slots[i].print != 0) i = (i + 1) & k_slot_mask;
        page.slots[i] = {print, value};
        ++page.size;
        ++size_;
        return page.slots[i].value;
    }
    // Splits `page` by fingerprint bit `depth` (from the top): the entries with a 1 there move to
    // a new page, which takes over the upper half of the page's directory entries.
    void split(Page& page) {
        if (page.depth == depth_) {  // the directory doubles: each entry becomes two
            std::vector<Page*> doubled(directory_.size() * 2);
            for (std::size_t i = 0; i < doubled.size(); ++i) doubled[i] = directory_[i >> 1];
            directory_ = std::move(doubled);
            ++depth_;
        }
        const unsigned bit = 31 - page.depth;
        ++page.depth;
        Page& upper = *new_page(page.depth);
        // The page's directory entries are a run of 2^(depth_ - old depth); the upper half moves.
        const std::size_t run = std::size_t{1} << (depth_ - (page.depth - 1));
        const std::uint32_t any_print = first_print(page);
        const std::size_t first = (any_print >> (32 - depth_)) & ~(run - 1);
        for (std::size_t i = first + run / 2; i < first + run; ++i) directory_[i] = &upper;
        std::unique_ptr<Slot[]> entries(new Slot[page.size]);
        std::size_t count = 0;
        for (std::size_t i = 0; i < k_page_slots; ++i)
            if (page.slots[i].print != 0) entries[count++] = page.slots[i];
        std::fill(page.slots, page.slots + k_page_slots, Slot{});
        size_ -= count;
        page.size = 0;
        for (std::size_t e = 0; e < count; ++e)
            place((entries[e].print >> bit) & 1 ? upper : page, entries[e].print, entries[e].value);
    }
    static std::uint32_t first_print(const Page& page) {
        for (std::size_t i = 0;; ++i)
            if (page.slots[i].print != 0) return page.slots[i].print;
    }

    BlockPool* pool_;
    HugeBlocks blocks_;
    std::deque<Page> pages_;  // stable addresses: the directory points at them
    Slot* free_slots_ = nullptr;
    std::vector<Page*> directory_;
    unsigned depth_ = 0;  // directory has 2^depth_ entries
    std::size_t size_ = 0;
};

}  // namespace once
