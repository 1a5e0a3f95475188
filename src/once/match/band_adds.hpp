// band_adds.hpp — a batch's own band entries: band key -> the batch's sentences added under it,
// newest first, for the sequential step of Matcher::match_batch (a sentence later in the batch
// finds the earlier ones that share a band with it before they reach the index's band tables).
//
//   BandAdds adds;
//   adds.reset(entries_at_most);
//   adds.add(key, id);
//   const std::uint32_t ever = adds.newest(key, 16, [&](std::uint32_t id) { ... });
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace once {

// The batch's open-addressing tables: a power of two at least twice the entries, and the slot a
// key's probe starts from.
namespace open_table {
inline std::size_t capacity_for(std::size_t entries) {
    std::size_t capacity = 16;
    while (capacity < 2 * entries) capacity *= 2;
    return capacity;
}
inline std::size_t home_slot(std::uint64_t key, std::size_t mask) {
    return static_cast<std::size_t>((key ^ (key >> 29)) * 0x9E3779B97F4A7C15ULL >> 20) & mask;
}
}  // namespace open_table

// Open addressing; a batch adds at most sentences x bands entries. The table is sized for twice
// the entries up to k_presized of them and grows past that with the keys it holds: a batch that
// repeats a passage thousands of times (a record looping one paragraph on one line) adds
// millions of entries under a few distinct keys, and a table sized for all of them took 64 MiB
// of a 5.9 MB record's run. Batches under k_presized entries never grow, so they probe the
// table they always had.
class BandAdds {
public:
    static constexpr std::size_t k_presized = std::size_t{1} << 16;

    // Empties the table for a batch that adds at most `entries`.
    void reset(std::size_t entries) {
        slots_.assign(open_table::capacity_for(std::min(entries, k_presized)), Slot{});
        used_ = 0;
        nodes_.clear();
    }
    // Calls fn(id) for the newest `limit` ids added under `key`; returns how many were added.
    template <typename Fn>
    std::uint32_t newest(std::uint64_t key, std::uint32_t limit, Fn&& fn) const {
        const Slot& slot = slots_[find(key)];
        std::uint32_t node = slot.head;
        for (std::uint32_t j = 0; j < limit && node != 0; ++j, node = nodes_[node - 1].next) fn(nodes_[node - 1].id);
        return slot.count;
    }
    void add(std::uint64_t key, std::uint32_t id) {
        std::size_t at = find(key);
        if (slots_[at].head == 0 && 2 * (used_ + 1) > slots_.size()) {
            grow();
            at = find(key);
        }
        Slot& slot = slots_[at];
        used_ += slot.head == 0 ? 1 : 0;
        slot.key = key;
        nodes_.push_back({id, slot.head});
        slot.head = static_cast<std::uint32_t>(nodes_.size());
        ++slot.count;
    }
    // Slots in the table (what its memory is, 16 bytes each).
    std::size_t slot_count() const { return slots_.size(); }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t head = 0;  // node index + 1; 0: empty slot
        std::uint32_t count = 0;
    };
    struct Node {
        std::uint32_t id;
        std::uint32_t next;  // node index + 1 of the next older id, 0 at the end
    };
    std::size_t find(std::uint64_t key) const {
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = open_table::home_slot(key, mask);
        while (slots_[i].head != 0 && slots_[i].key != key) i = (i + 1) & mask;
        return i;
    }
    void grow() {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        for (const Slot& slot : old)
            if (slot.head != 0) slots_[find(slot.key)] = slot;
    }
    std::vector<Slot> slots_;
    std::size_t used_ = 0;  // slots holding a key
    std::vector<Node> nodes_;
};

}  // namespace once
