// edge_store.hpp — the edge tokens (TokenEdges) of the matcher's signature records, kept on disk.
//
// Why on disk: every sentence with a signature record of its own has edge tokens (146 bytes
// packed), a third of what the index would be, yet they are read only when a copy is aligned with its source
// token by token (an edited or cut sentence beside a matched one, the ends of a pasted passage):
// a few reads per copied passage, each a pread from the page cache. The newest records stay in
// memory until a piece is full, so the document being matched reads its own batch without I/O.
// A run's first k_memory_records records stay in memory, in the room the cache below will take
// (a mapping whose pages are touched as records are written), and go to the file together when
// there are more; the room then becomes the cache. A smaller run writes nothing and reads
// nothing back: the bench's 1,000 generated files hold 48,846 records (7.1 MB), for which the
// file cost seven 1 MiB writes, 2,691 preads and the cache's 2,336 page faults (9.6 MB written
// at random); the run's page faults went 10,800 -> 9,891, its CPU time -6.6% (perf, 5 December).
// A larger run touches the room's pages before the spill instead of the cache's after it.
// Records read from the file are kept in a small cache: the planner asks for the same sources
// again and again (a sentence's source for each end of its run, its neighbours, the stock
// sentences many pages copy), and each pread is a system call on the sequential thread. On a
// generated 100 MB corpus it asked 10.9 million times for 510 thousand records, 26% of the run's
// CPU time; this cache answers 78% of those asks (the rest: 4% newest records, 18% preads).
// A miss reads the block of k_read_records around the record in one pread: the planner reads a
// source's neighbours next.
//
// Contract: push_back in record order; at(i) and ends(i) for any i < size(), from one thread at a time
// while no push_back runs (the matcher reads only in its sequential step; at() fills the
// cache). The file is unlinked from the
// start (core/spill_file.hpp): nothing is left however the run ends. Errors: Error(output_error)
// naming the folder (a full or unwritable temporary folder).
//
//   once::EdgeStore store(once::temp_folder());
//   store.push_back(analysis.units[i].edges);
//   const once::TokenEdges edges = store.at(0);
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "once/core/spill_file.hpp"
#include "once/match/align.hpp"
#include "once/sign/shingler.hpp"

namespace once {

class EdgeStore {
public:
    explicit EdgeStore(const std::string& folder);
    void push_back(const TokenEdges& edges);
    TokenEdges at(std::size_t i) const;
    // Record i's token count and first and last tokens, from memory: nearly every source the
    // planner asks for shares no first token with the copy (plan/paste_ends.cpp). On the generated
    // 25 MB corpus the search for a piece across a gap ended at this test for 1,759,803 of its
    // 1,759,878 asks, and a piece beside a run's ends for 1,104,567 of 1,176,198: together 80%
    // of the store's reads.
    EdgeEnds ends(std::size_t i) const { return ends_[i]; }
    std::size_t size() const { return size_; }
    // Every record's ends, and the records in the room until the file is used; then the buffer of
    // records not yet written and the cache (the room, whole).
    std::size_t used_bytes() const {
        return (written_ > 0 ? pending_.capacity() + k_cache_slots * k_record_bytes : size_ * k_record_bytes) +
               cached_id_.size() * sizeof(std::uint32_t) + ends_.size() * sizeof(EdgeEnds);
    }

    // Bytes of one record on disk: count, head, tail, and the two CJK masks, without padding.
    static constexpr std::size_t k_record_bytes = 2 + 2 * TokenEdges::k_edge + 8 + 8;

private:
    mutable SpillFile file_;
    // An anonymous mapping of the cache's size, made at the first push_back: records [0, size_),
    // packed, until the file is used; the cache's slots after.
    struct Unmap {
        void operator()(char* room) const;
    };
    std::unique_ptr<char, Unmap> room_;
    std::string pending_;        // records [written_, size_) once the file is used, packed
    std::size_t written_ = 0;   // records in the file
    std::size_t size_ = 0;
    std::vector<EdgeEnds> ends_;  // every record's, in memory (6 bytes each)
    // Direct-mapped by a hash of the record index: record bytes (room_), and which record (index
    // + 1, 0: empty) each slot holds (made at the first read from the file). 2^16 slots, 9.6 MB:
    // measured with a trace of the asks on the 100 MB corpus, 2^14 slots answer 65%, 2^15 71%,
    // 2^16 78%, 2^17 81%. The slots are never zeroed (cached_id_ says which hold a record):
    // zeroing was 0.5% of the native samples of `once clean` on ldcc.
    static constexpr std::size_t k_cache_bits = 16;
    static constexpr std::size_t k_cache_slots = std::size_t{1} << k_cache_bits;
    mutable std::vector<std::uint32_t> cached_id_;
    // Records held in the room before the file is used: as many as the cache has slots.
    static constexpr std::size_t k_memory_records = k_cache_slots;
    // Records read from the file at a miss (2.3 KB, one system call). pread calls of a one-thread
    // `once scan` on gen_corpus 5 MB files / 20 MB jsonl / ldcc, reading 1 record: 29,006 /
    // 402,879 / 8,192; 8: 6,068 / 199,870 / 4,259; 16: 3,273 / 170,081 / 3,655; 32: 1,717 /
    // 142,692 / 3,083 (gen_corpus 100 MB: 10.3 million with 1, 4.7 million with 16). Larger
    // blocks take more slots from other records at each miss.
    static constexpr std::size_t k_read_records = 16;
    // The cache slot of record i. Fibonacci hashing: neighbouring records (a source and the
    // sentence beside it) take different slots.
    static std::size_t slot_of(std::size_t i) {
        return static_cast<std::size_t>((std::uint64_t{i} * 0x9E3779B97F4A7C15ULL) >> (64 - k_cache_bits));
    }
};

}  // namespace once
