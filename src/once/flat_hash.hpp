// flat_hash.hpp — an open-addressing hash map from 64-bit keys to 64-bit values.
//
// Why not std::unordered_map: the matcher's tables hold one entry per sentence and band — tens
// of millions on a large corpus. A node per entry costs ~40 bytes and a cache miss per probe;
// here an entry is 16 bytes in one array and a probe is one or two cache lines. Keys are
// already well-mixed hashes, so the low bits index directly (linear probing). Key 0 marks an
// empty slot; a real key 0 is stored as 1 (a collision with key 1 costs one false candidate,
// which verification rejects).
#pragma once

#include <cstdint>
#include <vector>

namespace once {

class FlatHashMap {
public:
    // Pointer to the value of `key`, or nullptr.
    const std::uint64_t* find(std::uint64_t key) const {
        if (slots_.empty()) return nullptr;
        key = key ? key : 1;
        for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
            if (slots_[i].key == key) return &slots_[i].value;
            if (slots_[i].key == 0) return nullptr;
        }
    }
    // Inserts (key, value) when absent; returns the stored value's slot and whether it was new.
    std::pair<std::uint64_t*, bool> try_emplace(std::uint64_t key, std::uint64_t value) {
        if ((size_ + 1) * 4 > slots_.size() * 3) grow();  // load factor <= 0.75
        key = key ? key : 1;
        for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
            if (slots_[i].key == key) return {&slots_[i].value, false};
            if (slots_[i].key == 0) {
                slots_[i] = {key, value};
                ++size_;
                return {&slots_[i].value, true};
            }
        }
    }
    // Starts loading the slot of `key` into cache: a caller with many independent lookups
    // (the LSH bands of a sentence) issues all prefetches first so the misses overlap.
    void prefetch(std::uint64_t key) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[(key ? key : 1) & mask_]);
    }
    std::size_t size() const { return size_; }
    std::size_t memory_bytes() const { return slots_.size() * sizeof(Slot); }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint64_t value = 0;
    };
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        mask_ = slots_.size() - 1;
        size_ = 0;
        for (const Slot& slot : old)
            if (slot.key != 0) try_emplace(slot.key, slot.value);
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;
};

}  // namespace once
