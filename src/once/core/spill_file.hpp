// spill_file.hpp — bytes a run writes now and reads back later, kept on disk instead of in
// memory: `merge`'s decisions before their header can be written (the header lists every
// document, known only at the end), the matcher's edge tokens (match/edge_store.hpp).
//
// Why unlinked: the file has no name from the moment it exists (O_TMPFILE, or mkstemp and an
// immediate unlink), so nothing is left behind however the process ends — success, an error, a
// signal or kill -9 — and no later run has anything to clean up. It lives in the folder it is
// given (--tmp-dir, by default beside the output: core/temp_dir.hpp).
//
// Contract: append() any number of times, then read_all_into(fn), which hands the bytes back in
// order, in pieces of up to 1 MiB (reading does not consume them). Errors are
// Error(output_error) naming the folder.
//
//   once::SpillFile spill(".");
//   spill.append(bytes);
//   spill.read_all_into([&](std::string_view piece) { writer.write(piece); });
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "once/core/temp_dir.hpp"  // folder_of, temp_folder: where spill files go

namespace once {

// A file with no name in `folder`, open for reading and writing (O_TMPFILE, or mkostemp and an
// immediate unlink); the caller closes the descriptor. What SpillFile writes to, and what the
// matcher's index is paged to under --max-memory (match/index_pager.hpp). Throws
// Error(output_error) naming the folder.
int open_unlinked_file(const std::string& folder);

class SpillFile {
public:
    explicit SpillFile(const std::string& folder);
    ~SpillFile();
    SpillFile(const SpillFile&) = delete;
    SpillFile& operator=(const SpillFile&) = delete;

    void append(std::string_view bytes);
    std::uint64_t size() const { return size_; }
    // Calls fn with the bytes appended so far, in order, a piece at a time.
    void read_all_into(const std::function<void(std::string_view)>& fn);
    // Reads `size` bytes at `offset` into `out` (offset + size <= size()); any thread.
    void read_at(std::uint64_t offset, char* out, std::size_t size) const;

private:
    int fd_ = -1;
    std::string folder_;
    std::uint64_t size_ = 0;
};


}  // namespace once
