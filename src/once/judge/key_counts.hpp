// key_counts.hpp — a count per 64-bit key (line templates, per group): the store behind
// Recurrence (boilerplate.hpp).
//
// Why not std::unordered_map: pass 1 adds every line of the corpus and pass 2 looks every line
// up again, at random over a table of the whole corpus's templates. A node-based map costs a
// miss on the bucket array and another on the node (perf: Recurrence::count and the map's
// operator[] and rehash were ~5% of `once clean` on ldcc, nearly all waiting on memory). Here a
// slot holds the key and its count side by side, so a lookup is usually one cache line. Keys are
// hashes already; the slot is still chosen by a multiplicative hash, since a loaded profile may
// hold any keys. Key 0 (a line without tokens) marks an empty slot, so its count is kept apart.
//
// Contract: the same answers as a map from key to count; iteration order is unspecified (callers
// that write keys out sort them).
//
//   once::KeyCounts counts;
//   ++counts[key];
//   counts.prefetch(key);  // some lookups before:
//   counts.find(key);  // 0 when the key was never added
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "once/core/prefetch.hpp"

namespace once {

class KeyCounts {
public:
    // The count of `key`, 0 when it was never added.
    std::uint32_t find(std::uint64_t key) const {
        if (key == 0) return zero_count_;
        if (slots_.empty()) return 0;
        for (std::size_t i = home(key);; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.key == key) return slot.count;
            if (slot.key == 0) return 0;
        }
    }
    // Starts loading the slot `find(key)` reads first: the caller issues it some lookups ahead,
    // so that the misses of a document's lines overlap (judge_lines).
    void prefetch(std::uint64_t key) const {
        if (!slots_.empty()) prefetch_line(&slots_[home(key)]);
    }
    // The count of `key`, inserted as 0 when absent.
    std::uint32_t& operator[](std::uint64_t key) {
        if (key == 0) {
            has_zero_ = true;
            return zero_count_;
        }
        if ((used_ + 1) * k_load_den > slots_.size() * k_load_num) grow();
        std::size_t i = home(key);
        for (; slots_[i].key != 0; i = (i + 1) & mask_)
            if (slots_[i].key == key) return slots_[i].count;
        ++used_;
        slots_[i].key = key;
        return slots_[i].count;
    }
    // Distinct keys added.
    std::size_t size() const { return used_ + (has_zero_ ? 1 : 0); }
    // visit(key, count) for every key added, in no particular order.
    template <typename Visit>
    void for_each(Visit&& visit) const {
        if (has_zero_) visit(std::uint64_t{0}, zero_count_);
        for (const Slot& slot : slots_)
            if (slot.key != 0) visit(slot.key, slot.count);
    }

private:
    struct Slot {
        std::uint64_t key = 0;  // 0: empty
        std::uint32_t count = 0;
    };
    // At most 3/4 full: linear probing stays short (about 2.5 slots per miss), and a slot of
    // 16 bytes keeps an entry at 21-43 bytes, about what a node of the map took.
    static constexpr std::size_t k_load_num = 3, k_load_den = 4;
    static constexpr std::size_t k_first_slots = 64;

    std::size_t home(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);  // Fibonacci hashing
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        const std::size_t size = old.empty() ? k_first_slots : old.size() * 2;
        slots_.assign(size, Slot{});
        mask_ = size - 1;
        shift_ = 64;
        for (std::size_t s = size; s > 1; s >>= 1) --shift_;
        for (const Slot& slot : old) {
            if (slot.key == 0) continue;
            std::size_t i = home(slot.key);
            while (slots_[i].key != 0) i = (i + 1) & mask_;
            slots_[i] = slot;
        }
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    unsigned shift_ = 64;
    std::size_t used_ = 0;  // non-zero keys
    std::uint32_t zero_count_ = 0;
    bool has_zero_ = false;
};

}  // namespace once
