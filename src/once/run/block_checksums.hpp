// block_checksums.hpp — the integrity trailer of the files once writes for itself to read back
// (signature and decisions files, docs/shard-format.md "Integrity").
//
// Why: the records' structural checks (shard.cpp) catch a byte that makes a record impossible,
// not one that changes a hash, a score or an offset to another possible value — such a byte
// would change the results silently. Each 64 KiB block of the file gets an XXH3-64 in a trailer;
// the reader checks a block before it decodes a byte of it, so nothing unchecked is ever used,
// no extra pass over the file is made (merge maps files of hundreds of MB and reads them once
// a pass), and a mismatch names the block's first byte. A file cut short loses its trailer,
// whose own checksum then fails: a signature file cut at a record boundary is refused, not read
// as a shorter shard.
//
// Trailer, after the last byte of the body (little-endian):
//   u64 × n   XXH3-64 (seed 0) of each block of k_checksum_block_bytes of the body, the last
//             one possibly shorter (n = 0 for an empty body)
//   u64       n
//   u64       XXH3-64 of the trailer's bytes before this one (the n checksums and n)
//
//   BlockChecksums sums;                       // writing
//   sums.add(piece); out.write(piece); ...
//   out.write(sums.trailer());
//
//   VerifiedBlocks blocks(file_bytes, path);  // reading: throws Error(input_error) naming path
//   blocks.body();                            // the bytes before the trailer
//   blocks.check_through(end);                // before using body()[0, end)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace once {

// 64 KiB: a mismatch is located within 64 KiB, and the trailer is 8 bytes per 64 KiB (45 KB for
// a 370 MB signature file); hashing a block costs a few microseconds.
inline constexpr std::size_t k_checksum_block_bytes = std::size_t{64} << 10;

// The writer's side: feed every byte of the body in order, in pieces of any size.
class BlockChecksums {
public:
    void add(std::string_view piece);
    // The trailer for the bytes added so far (call once, after the last piece).
    std::string trailer();

private:
    std::vector<std::uint64_t> sums_;
    std::string partial_;  // the bytes of the block not yet full
};

// The reader's side over a whole file's bytes. The constructor checks the trailer (a file too
// short for one, or whose trailer does not check, is "truncated or corrupt"); check_through
// checks every block up to `end` not checked yet.
class VerifiedBlocks {
public:
    VerifiedBlocks(std::string_view file, std::string path);
    std::string_view body() const { return body_; }
    void check_through(std::size_t end) {
        if (end > checked_) check_blocks_through(end);
    }

private:
    void check_blocks_through(std::size_t end);
    std::string_view body_;
    std::string_view sums_;  // the n checksums, 8 bytes each
    std::string path_;
    std::size_t checked_ = 0;  // body()[0, checked_) has been checked
};

}  // namespace once
