// link_table.hpp — a sentence id per sentence of the corpus, stored only where it is not the
// sentence's own id: the matcher's cluster roots and kept copies.
//
// Why: the matcher keeps, for every sentence, the root of its cluster and its kept copy (4 bytes
// each as plain arrays, 8 of the index's ~190 bytes a sentence). A sentence that copies nothing
// is its own root, and one that was not removed is its own kept copy: on the generated 100 MB
// corpus most sentences are both. So a sentence's link is kept only when it points elsewhere, in
// id order, and a bit per sentence (with the count of links before each 64 sentences) tells
// whether it has one and where it is: 1.5 bits a sentence plus 4 bytes a link.
//
// Links change only while a document is matched or planned: ids at or after the frontier are
// open (a dense window, any of them may be set), and seal() makes those before a given id final
// (they move into the sparse table, in order). Reads of any id, sealed or open, give the link as
// it was last set, so the table answers exactly as a plain array would.
//
//   LinkTable roots;
//   roots.push_back();            // sentence roots.size() links to itself
//   roots.set(id, other);         // id >= roots.frontier()
//   roots.seal(next_document);    // ids before it are final
//   const std::uint32_t root = roots[id];
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "once/match/flat_hash.hpp"

namespace once {

class LinkTable {
public:
    // Appends the next sentence (id size()), linked to itself, to the open window.
    void push_back() { open_.push_back(static_cast<std::uint32_t>(size_++)); }
    std::size_t size() const { return size_; }
    // The first id that may still be set.
    std::size_t frontier() const { return frontier_; }

    std::uint32_t operator[](std::size_t id) const {
        if (id >= frontier_) return open_[open_start_ + (id - frontier_)];
        const Word& word = words_[id >> 6];
        const std::uint64_t bits = std::uint64_t{word.high} << 32 | word.low;
        const std::uint64_t below = (std::uint64_t{1} << (id & 63)) - 1;
        if (((bits >> (id & 63)) & 1) == 0) return static_cast<std::uint32_t>(id);
        return values_[word.rank + static_cast<std::size_t>(std::popcount(bits & below))];
    }
    // Links sentence `id` (at or after the frontier) to `value`.
    void set(std::size_t id, std::uint32_t value) {
        if (id < frontier_ || id >= size_) throw std::logic_error("LinkTable::set: a sealed or absent id");
        open_[open_start_ + (id - frontier_)] = value;
    }
    // Makes the links of ids before `upto` final (an `upto` at or before the frontier does nothing).
    void seal(std::size_t upto) {
        if (upto > size_) upto = size_;
        for (; frontier_ < upto; ++frontier_) {
            const std::uint32_t value = open_[open_start_++];
            if ((frontier_ & 63) == 0) words_.push_back(Word{static_cast<std::uint32_t>(values_.size()), 0, 0});
            if (value == frontier_) continue;
            Word& word = words_[frontier_ >> 6];
            const unsigned bit = static_cast<unsigned>(frontier_ & 63);
            if (bit < 32) word.low |= std::uint32_t{1} << bit;
            else word.high |= std::uint32_t{1} << (bit - 32);
            values_.push_back(value);
        }
        // The sealed prefix of the window is dropped once it is most of it (amortized O(1)).
        if (open_start_ > 0 && open_start_ * 2 >= open_.size()) {
            open_.erase(open_.begin(), open_.begin() + static_cast<std::ptrdiff_t>(open_start_));
            open_start_ = 0;
        }
    }
    // Sealed ids that link elsewhere.
    std::size_t links() const { return values_.size(); }
    // Bytes in use: the bits and counts, the links, and the open window.
    std::size_t used_bytes() const {
        return words_.used_bytes() + values_.used_bytes() + (open_.size() - open_start_) * sizeof(std::uint32_t);
    }

private:
    // 64 sentences: the links before them, and a bit each (two halves: a 12-byte word, no padding).
    struct Word {
        std::uint32_t rank;
        std::uint32_t low;
        std::uint32_t high;
    };
    ChunkedArray<Word> words_;
    ChunkedArray<std::uint32_t> values_;
    std::vector<std::uint32_t> open_;  // links of ids frontier_ .. size_ - 1, from open_start_
    std::size_t open_start_ = 0;
    std::size_t frontier_ = 0;
    std::size_t size_ = 0;
};

}  // namespace once
