#include "once/match/edge_store.hpp"

#include <cstdint>
#include <cstring>

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

void EdgeStore::push_back(const TokenEdges& edges) {
    if (pending_.empty()) pending_.reserve(k_pending_records * k_record_bytes);
    const std::size_t at = pending_.size();
    pending_.resize(at + k_record_bytes);
    pack(edges, pending_.data() + at);
    ++size_;
    if (size_ - written_ == k_pending_records) {
        file_.append(pending_);
        written_ = size_;
        pending_.clear();
    }
}

TokenEdges EdgeStore::at(std::size_t i) const {
    if (i >= written_) return unpack(pending_.data() + (i - written_) * k_record_bytes);
    if (cached_id_.empty()) {
        cached_.resize((std::size_t{1} << k_cache_bits) * k_record_bytes);
        cached_id_.assign(std::size_t{1} << k_cache_bits, 0);
    }
    // Fibonacci hashing: neighbouring records (a source and the sentence beside it) take
    // different slots.
    const std::size_t slot = static_cast<std::size_t>((std::uint64_t{i} * 0x9E3779B97F4A7C15ULL) >> (64 - k_cache_bits));
    char* record = cached_.data() + slot * k_record_bytes;
    const auto id = static_cast<std::uint32_t>(i + 1);  // record indices are 31-bit (matcher.hpp)
    if (cached_id_[slot] != id) {
        cached_id_[slot] = 0;  // until the read is whole: a failed one leaves no half record
        file_.read_at(static_cast<std::uint64_t>(i) * k_record_bytes, record, k_record_bytes);
        cached_id_[slot] = id;
    }
    return unpack(record);
}

}  // namespace once
