// band_index.hpp — one LSH band table of the matcher: band key -> a sentence id or a bucket
// reference (band_layout.hpp), in 5 bytes a slot.
//
// Why not FlatHashIndex (flat_hash.hpp, 8 bytes a slot: a 32-bit fingerprint beside the value):
// the band tables hold one entry per band of every sentence — 9 million on a generated 100 MB
// corpus, the index's largest part (issue 13). Their keys can always be computed again from the
// value (the band's bytes of the signature of the sentence held, which verification reads
// anyway), so a slot keeps only an 8-bit tag of the key beside the value, and a page that
// splits asks the caller for each value's key (`key_of`) instead of storing 32 bits per slot
// for it. A tag that matches by chance (one compared slot in 255) costs the caller's `same`
// check, the read of a signature; the answers are those of a map over full 64-bit keys.
//
// Layout: extendible hashing as in FlatHashIndex — the key's top bits choose a page through a
// directory, its next bits a slot, linear probing inside the page; a page splits at 3/4 full by
// the next key bit. A page is 4,096 tags and then 4,096 values (20 KiB), from a shared pool.
//
//   BandIndex table(pool);
//   table.try_emplace(key, id, same, key_of);  // same(value): does it hold `key`? key_of(value)
//   const std::uint32_t* found = table.find(key, same);
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "once/match/flat_hash.hpp"

namespace once {

class BandIndex {
public:
    // The steps of try_emplace's `touch`.
    static constexpr int k_touch_steps = 3;

    explicit BandIndex(BlockPool& pool) : pool_(pool) { directory_.push_back(new_page(0)); }
    BandIndex(const BandIndex&) = delete;
    BandIndex& operator=(const BandIndex&) = delete;

    // Slot of the value stored under `key`, or nullptr.
    template <typename Same>
    std::uint32_t* find(std::uint64_t key, Same&& same) {
        return const_cast<std::uint32_t*>(std::as_const(*this).find(key, same));
    }
    template <typename Same>
    const std::uint32_t* find(std::uint64_t key, Same&& same) const {
        const std::uint8_t tag = tag_of(key);
        const Page& page = page_of(key);
        for (std::size_t i = home(key);; i = (i + 1) & k_slot_mask) {
            if (page.tags[i] == tag && same(page.values[i])) return &page.values[i];
            if (page.tags[i] == k_empty) return nullptr;
        }
    }
    // Inserts (key, value) when `key` is absent; returns the stored value's slot and whether it
    // was new. The slot stays valid until the next insertion. `key_of(value)` gives the key of a
    // value held (a split re-places a page's entries by it); `touch(value, step)` starts loading
    // what key_of will read, ahead of it, in k_touch_steps steps: step 0 first, each next step
    // some entries later, when what the step before loaded has arrived and can be followed
    // (a bucket names a sentence, whose record names its signature).
    template <typename Same, typename KeyOf, typename Touch>
    std::pair<std::uint32_t*, bool> try_emplace(std::uint64_t key, std::uint32_t value, Same&& same, KeyOf&& key_of,
                                                Touch&& touch) {
        if (std::uint32_t* found = find(key, same)) return {found, false};
        Page* page = &page_of(key);
        while (page->size + 1 > k_page_limit && page->depth < k_max_depth) {
            split(*page, key_of, touch);
            page = &page_of(key);
        }
        if (page->size + 1 >= k_page_slots) throw std::bad_alloc();  // 2^20 keys alike: not hashes
        return {&place(*page, key, value), true};
    }
    // Starts loading the slot of `key` (tag and value) into cache: a caller with many independent
    // lookups (the bands of a sentence) issues all prefetches first so the misses overlap.
    void prefetch(std::uint64_t key) const {
        const Page& page = page_of(key);
        prefetch_line(page.tags + home(key));
        prefetch_line(page.values + home(key));
    }
    // The first value whose tag matches `key`'s, unconfirmed (nullptr if none): lets a caller
    // prefetch what `same` will read before the real lookup.
    const std::uint32_t* peek(std::uint64_t key) const {
        const std::uint8_t tag = tag_of(key);
        const Page& page = page_of(key);
        for (std::size_t i = home(key);; i = (i + 1) & k_slot_mask) {
            if (page.tags[i] == tag) return &page.values[i];
            if (page.tags[i] == k_empty) return nullptr;
        }
    }
    std::size_t size() const { return size_; }
    // The directory's bytes; the pages are the pool's, which counts them.
    std::size_t memory_bytes() const { return directory_.size() * sizeof(Page*); }

private:
    struct Page {
        std::uint8_t* tags;
        std::uint32_t* values;
        unsigned depth;  // leading key bits shared by all its entries
        std::size_t size;
    };
    static constexpr std::uint8_t k_empty = 0;
    // 4096 slots, split at 3/4 full: pages are between 3/8 and 3/4 full, as FlatHashIndex's.
    static constexpr unsigned k_slot_bits = 12;
    static constexpr std::size_t k_page_slots = std::size_t{1} << k_slot_bits;
    static constexpr std::size_t k_slot_mask = k_page_slots - 1;
    static constexpr std::size_t k_page_limit = k_page_slots / 4 * 3;
    static constexpr unsigned k_max_depth = 32 - k_slot_bits;  // directory and slot bits disjoint
    // A split starts step `step` of loading an entry's key steps_ahead(step) entries ahead.
    static constexpr std::size_t k_split_ahead = 8;
    static constexpr std::size_t steps_ahead(int step) {
        return static_cast<std::size_t>(k_touch_steps - step) * k_split_ahead;
    }
    static constexpr std::size_t k_page_bytes = k_page_slots * (sizeof(std::uint8_t) + sizeof(std::uint32_t));

    // The page: the key's top bits; the home slot: the next 12 below the directory's 20 at most;
    // the tag: the low byte, which neither uses (0 means empty, so it becomes 1).
    static std::uint32_t print(std::uint64_t key) { return static_cast<std::uint32_t>(key >> 32); }
    static std::size_t home(std::uint64_t key) { return print(key) & k_slot_mask; }
    static std::uint8_t tag_of(std::uint64_t key) {
        const auto tag = static_cast<std::uint8_t>(key);
        return tag != k_empty ? tag : 1;
    }
    const Page& page_of(std::uint64_t key) const { return *directory_[depth_ == 0 ? 0 : print(key) >> (32 - depth_)]; }
    Page& page_of(std::uint64_t key) { return *directory_[depth_ == 0 ? 0 : print(key) >> (32 - depth_)]; }
    Page* new_page(unsigned depth) {
        auto* bytes = static_cast<std::uint8_t*>(pool_.take(k_page_bytes));  // zeroed: all empty
        pages_.push_back(Page{bytes, reinterpret_cast<std::uint32_t*>(bytes + k_page_slots), depth, 0});
        return &pages_.back();
    }
    std::uint32_t& place(Page& page, std::uint64_t key, std::uint32_t value) {
        std::size_t i = home(key);
        while (page.tags[i] != k_empty) i = (i + 1) & k_slot_mask;
        page.tags[i] = tag_of(key);
        page.values[i] = value;
        ++page.size;
        ++size_;
        return page.values[i];
    }
    // Splits `page` by key bit `63 - depth` (the next below its shared ones): the entries with a 1
    // there move to a new page, which takes over the upper half of its directory entries.
    template <typename KeyOf, typename Touch>
    void split(Page& page, KeyOf& key_of, Touch& touch) {
        if (page.depth == depth_) {  // the directory doubles: each entry becomes two
            std::vector<Page*> doubled(directory_.size() * 2);
            for (std::size_t i = 0; i < doubled.size(); ++i) doubled[i] = directory_[i >> 1];
            directory_ = std::move(doubled);
            ++depth_;
        }
        std::vector<std::uint32_t> values;
        values.reserve(page.size);
        for (std::size_t i = 0; i < k_page_slots; ++i)
            if (page.tags[i] != k_empty) values.push_back(page.values[i]);
        // Each key is read from what the value names, a chain of two or three cache misses
        // (a bucket, a sentence's record, its signature) for little work: each step of the
        // chain starts k_split_ahead entries after the one before it.
        std::vector<std::uint64_t> keys(values.size());
        const std::size_t count = values.size();
        for (int step = 0; step < k_touch_steps; ++step)
            for (std::size_t e = 0; e < std::min(count, steps_ahead(step)); ++e) touch(values[e], step);
        for (std::size_t e = 0; e < count; ++e) {
            for (int step = 0; step < k_touch_steps; ++step)
                if (e + steps_ahead(step) < count) touch(values[e + steps_ahead(step)], step);
            keys[e] = key_of(values[e]);
        }
        const unsigned bit = 31 - page.depth;
        ++page.depth;
        Page& upper = *new_page(page.depth);
        // The page's directory entries are a run of 2^(depth_ - old depth); the upper half moves.
        const std::size_t run = std::size_t{1} << (depth_ - (page.depth - 1));
        const std::size_t first = (print(keys.front()) >> (32 - depth_)) & ~(run - 1);
        for (std::size_t i = first + run / 2; i < first + run; ++i) directory_[i] = &upper;
        std::fill(page.tags, page.tags + k_page_slots, k_empty);
        size_ -= values.size();
        page.size = 0;
        for (std::size_t e = 0; e < values.size(); ++e)
            place((print(keys[e]) >> bit) & 1 ? upper : page, keys[e], values[e]);
    }

    BlockPool& pool_;
    std::deque<Page> pages_;  // stable addresses: the directory points at them
    std::vector<Page*> directory_;
    unsigned depth_ = 0;  // directory has 2^depth_ entries
    std::size_t size_ = 0;
};

}  // namespace once
