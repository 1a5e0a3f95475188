#include "once/match/edge_store.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>

#include <sys/mman.h>

namespace once {
namespace {

// Records kept in memory before they go to the file: 1 MiB of them, one write each time.
constexpr std::size_t k_pending_records = (std::size_t{1} << 20) / EdgeStore::k_record_bytes;

void pack(const TokenEdges& edges, char* out) {
    std::memcpy(out, &edges.count, 2);
    std::memcpy(out + 2, edges.head.data(), TokenEdges::k_edge);
    std::memcpy(out + 2 + TokenEdges::k_edge, edges.tail.data(), TokenEdges::k_edge);
    std::memcpy(out + 2 + 2 * TokenEdges::k_edge, &edges.head_cjk, 8);
    std::memcpy(out + 10 + 2 * TokenEdges::k_edge, &edges.tail_cjk, 8);
}

TokenEdges unpack(const char* in) {
    TokenEdges edges;
    std::memcpy(&edges.count, in, 2);
    std::memcpy(edges.head.data(), in + 2, TokenEdges::k_edge);
    std::memcpy(edges.tail.data(), in + 2 + TokenEdges::k_edge, TokenEdges::k_edge);
    std::memcpy(&edges.head_cjk, in + 2 + 2 * TokenEdges::k_edge, 8);
    std::memcpy(&edges.tail_cjk, in + 10 + 2 * TokenEdges::k_edge, 8);
    return edges;
}

}  // namespace

EdgeStore::EdgeStore(const std::string& folder) : file_(folder) {}

void EdgeStore::Unmap::operator()(char* room) const { ::munmap(room, k_cache_slots * k_record_bytes); }

void EdgeStore::push_back(const TokenEdges& edges) {
    if (written_ == 0) {
        if (!room_) {
            // Pages are touched as records are written (the system gives them zeroed).
            void* mapped = ::mmap(nullptr, k_cache_slots * k_record_bytes, PROT_READ | PROT_WRITE,
                                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (mapped == MAP_FAILED) throw std::bad_alloc();
            room_.reset(static_cast<char*>(mapped));
        }
        if (size_ < k_memory_records) {
            pack(edges, room_.get() + size_ * k_record_bytes);
            ends_.push_back(edge_ends(edges));
            ++size_;
            return;
        }
        // The room is full: its records go to the file, and it becomes the cache.
        file_.append(std::string_view(room_.get(), size_ * k_record_bytes));
        written_ = size_;
    }
    if (pending_.empty()) pending_.reserve(k_pending_records * k_record_bytes);
    const std::size_t at = pending_.size();
    pending_.resize(at + k_record_bytes);
    pack(edges, pending_.data() + at);
    ends_.push_back(edge_ends(edges));
    ++size_;
    if (size_ - written_ == k_pending_records) {
        file_.append(pending_);
        written_ = size_;
        pending_.clear();
    }
}

TokenEdges EdgeStore::at(std::size_t i) const {
    if (written_ == 0) return unpack(room_.get() + i * k_record_bytes);
    if (i >= written_) return unpack(pending_.data() + (i - written_) * k_record_bytes);
    if (cached_id_.empty()) cached_id_.assign(k_cache_slots, 0);  // the room's bytes are not read until a slot is filled
    const std::size_t slot = slot_of(i);
    if (cached_id_[slot] != static_cast<std::uint32_t>(i + 1)) {
        // A miss reads the aligned block of k_read_records that holds record i, and caches all
        // of it: the planner reads a source's neighbours next (the sentences before it, up to
        // run_rules' k_max_dropped_sentences, for a piece across a gap).
        const std::size_t first = i - i % k_read_records;
        const std::size_t end = std::min(first + k_read_records, written_);
        std::array<char, k_read_records * k_record_bytes> block;
        file_.read_at(static_cast<std::uint64_t>(first) * k_record_bytes, block.data(), (end - first) * k_record_bytes);
        // Slots are written only once the read is whole: a failed one leaves no half record.
        for (std::size_t r = first; r < end; ++r) {
            const std::size_t to = slot_of(r);
            std::memcpy(room_.get() + to * k_record_bytes, block.data() + (r - first) * k_record_bytes,
                        k_record_bytes);
            cached_id_[to] = static_cast<std::uint32_t>(r + 1);  // record indices are 31-bit (matcher.hpp)
        }
    }
    return unpack(room_.get() + slot * k_record_bytes);
}

}  // namespace once
