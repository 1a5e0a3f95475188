#include "once/run/block_checksums.hpp"

#include <algorithm>

#include "once/core/error.hpp"
#include "once/sign/hashing.hpp"

namespace once {
namespace {

void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::uint64_t get_u64(std::string_view bytes, std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
    return v;
}

}  // namespace

void BlockChecksums::add(std::string_view piece) {
    while (!piece.empty()) {
        if (partial_.empty() && piece.size() >= k_checksum_block_bytes) {
            sums_.push_back(hash_bytes(piece.substr(0, k_checksum_block_bytes)));
            piece.remove_prefix(k_checksum_block_bytes);
            continue;
        }
        const std::size_t take = std::min(piece.size(), k_checksum_block_bytes - partial_.size());
        partial_.append(piece.substr(0, take));
        piece.remove_prefix(take);
        if (partial_.size() == k_checksum_block_bytes) {
            sums_.push_back(hash_bytes(partial_));
            partial_.clear();
        }
    }
}

std::string BlockChecksums::trailer() {
    if (!partial_.empty()) sums_.push_back(hash_bytes(partial_));
    partial_.clear();
    std::string out;
    for (const std::uint64_t sum : sums_) put_u64(out, sum);
    put_u64(out, sums_.size());
    put_u64(out, hash_bytes(out));
    return out;
}

VerifiedBlocks::VerifiedBlocks(std::string_view file, std::string path) : path_(std::move(path)) {
    const auto refuse = [&] {
        throw Error(ExitCode::input_error,
                    "truncated or corrupt file: its checksum trailer is missing or damaged (a file of " +
                        std::to_string(file.size()) + " bytes)",
                    path_, file.size());
    };
    if (file.size() < 16) refuse();
    const std::uint64_t blocks = get_u64(file, file.size() - 16);
    if (blocks > (file.size() - 16) / 8) refuse();
    const std::size_t trailer_at = file.size() - 16 - static_cast<std::size_t>(blocks) * 8;
    if (hash_bytes(file.substr(trailer_at, file.size() - 8 - trailer_at)) != get_u64(file, file.size() - 8)) refuse();
    // The body must need exactly that many blocks; else the trailer belongs to another body.
    if ((trailer_at + k_checksum_block_bytes - 1) / k_checksum_block_bytes != blocks) refuse();
    body_ = file.substr(0, trailer_at);
    sums_ = file.substr(trailer_at, static_cast<std::size_t>(blocks) * 8);
}

void VerifiedBlocks::check_blocks_through(std::size_t end) {
    end = std::min(end, body_.size());
    while (checked_ < end) {
        const std::size_t block = checked_ / k_checksum_block_bytes;
        const std::string_view bytes = body_.substr(checked_, k_checksum_block_bytes);
        if (hash_bytes(bytes) != get_u64(sums_, block * 8))
            throw Error(ExitCode::input_error,
                        "corrupt file: checksum mismatch (changed or damaged since it was written) in the block of " +
                            std::to_string(bytes.size()) + " bytes starting",
                        path_, checked_);
        checked_ += bytes.size();
    }
}

}  // namespace once
