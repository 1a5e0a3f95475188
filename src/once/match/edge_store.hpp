// edge_store.hpp — the edge tokens (TokenEdges) of the matcher's signature records, kept on disk.
//
// Why on disk: every sentence with a signature record of its own has edge tokens (146 bytes
// packed), a third of what the index would be, yet they are read only when a copy is aligned with its source
// token by token (an edited or cut sentence beside a matched one, the ends of a pasted passage):
// a few reads per copied passage, each a pread from the page cache. The newest records stay in
// memory until a piece is full, so the document being matched reads its own batch without I/O.
//
// Contract: push_back in record order; at(i) for any i < size(), from any thread while no
// push_back runs (the matcher reads only in its sequential step). The file is unlinked from the
// start (core/spill_file.hpp): nothing is left however the run ends. Errors: Error(output_error)
// naming the folder (a full or unwritable temporary folder).
//
//   once::EdgeStore store(once::temp_folder());
//   store.push_back(analysis.units[i].edges);
//   const once::TokenEdges edges = store.at(0);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "once/core/spill_file.hpp"
#include "once/sign/shingler.hpp"

namespace once {

class EdgeStore {
public:
    explicit EdgeStore(const std::string& folder);
    void push_back(const TokenEdges& edges);
    TokenEdges at(std::size_t i) const;
    std::size_t size() const { return size_; }
    // The records still in memory.
    std::size_t memory_bytes() const { return pending_.capacity(); }

    // Bytes of one record on disk: count, head, tail, and the two CJK masks, without padding.
    static constexpr std::size_t k_record_bytes = 2 + 2 * TokenEdges::k_edge + 8 + 8;

private:
    mutable SpillFile file_;
    std::string pending_;        // records [written_, size_), packed
    std::size_t written_ = 0;   // records in the file
    std::size_t size_ = 0;
};

}  // namespace once
