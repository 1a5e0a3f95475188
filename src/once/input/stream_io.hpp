// stream_io.hpp — reading and writing byte streams: plain files, stdin/stdout, .gz and .zst.
//
// Why one module: every byte the tool reads or writes passes here, so compression (chosen
// here, done by codecs.cpp, which alone includes zlib, libdeflate and libzstd) and the
// atomic-write rule live nowhere else. Outputs are written to a temporary name beside the
// target and renamed on commit(), so a killed run never leaves a half-written file; an
// AtomicWriter destroyed without commit() removes its temporary file. Compression is chosen by
// the path's extension; its level and the zstd worker threads by WriteOptions.
//
//   once::AtomicWriter out("cleaned.jsonl.zst", {.compression_level = 3, .compression_threads = 2});
//   out.write(bytes);
//   out.commit();
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace once {

enum class Compression { none, gzip, zstd };
// By extension: ".gz" -> gzip, ".zst" -> zstd, anything else (and "-") -> none.
Compression compression_for(const std::string& path);

// Reads a whole input ("-" = stdin), decompressing by extension. Throws Error(input_error)
// naming the path (unreadable, truncated or corrupt compressed data). With `max_bytes` (0: no
// limit), more than that many bytes after decompression is Error(resource_limit) naming the
// path, thrown before they are held: a compression bomb stops at the budget, not at the OOM killer.
std::string read_all(const std::string& path, std::uint64_t max_bytes = 0);

// A whole input's bytes without copying where it can: a plain regular file is mapped read-only
// (the kernel serves its pages from the page cache, with no fresh pages to zero and no second
// copy); anything else (stdin, compressed, a platform without mmap) is read with read_all.
class FileBytes {
public:
    explicit FileBytes(const std::string& path);  // throws Error(input_error) naming the path
    ~FileBytes();
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;
    std::string_view view() const { return map_ != nullptr ? std::string_view(map_, size_) : std::string_view(copy_); }
    // The bytes before `offset` will not be read again: a mapped file's pages there leave the
    // process's memory (they stay in the page cache; a read would fetch them again). A file
    // read through once would otherwise end with all of it resident — a signature file is a few
    // hundred bytes per sentence, as much as the index `merge` builds from it. No-op on a copy.
    void release_before(std::size_t offset);

private:
    const char* map_ = nullptr;
    std::size_t released_ = 0;
    std::size_t size_ = 0;
    std::string copy_;
};

// Streams lines (without the '\n'; a trailing '\r' is kept — callers decide) from a possibly
// compressed input. `line_number()` is 1-based, of the line last returned.
class LineReader {
public:
    explicit LineReader(const std::string& path);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // False at end of input. Throws Error(input_error) on read/decompression failure, and
    // Error(resource_limit) for a line longer than limit_line() allows.
    bool next(std::string& line);
    void limit_line(std::uint64_t max_bytes) { max_line_ = max_bytes; }  // 0: no limit
    std::uint64_t line_number() const { return line_number_; }
    const std::string& path() const { return path_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string path_;
    std::uint64_t line_number_ = 0;
    std::uint64_t max_line_ = 0;
};

// Default levels. gzip: 1, libdeflate's fastest. Compressing ldcc's cleaned output (23.9 MB, 1 MiB
// members, best of 3, one core): level 1 205 MB/s to 36.6% of the input, 2 142 MB/s 35.3%,
// 4 109 MB/s 34.3%, 6 70 MB/s 33.1%, 9 28 MB/s 32.6% (callgrind: 828M instructions at 1, 2,047M
// at 6). At 6, gzip's own default, deflate alone would take 70% of the CPU of a run at the
// 50 MB/s that issue 12 asks for; at 1, 24%. Level 1's file is 11% larger than level 6's and
// still 10% smaller than `gzip -1`'s (zlib); --compression-level 6 gives the earlier bytes, and
// .zst at its default is smaller than gzip at any level here and about as fast as level 1.
// zstd: 3, zstd's own default.
inline constexpr int k_default_gzip_level = 1;
inline constexpr int k_default_zstd_level = 3;

struct WriteOptions {
    // 0: the format's default (above). gzip takes 1-12 (libdeflate), zstd 1-19; a level out of
    // range is a usage error. Ignored for uncompressed outputs.
    int compression_level = 0;
    // zstd worker threads (ZSTD_c_nbWorkers), at least 1: compression runs beside the caller,
    // and the bytes are the same for any number of workers.
    int compression_threads = 1;
    // true: commit() fsyncs the file and its folder, so the file is durable once it has its name.
    // false: the caller makes many files durable at once before it gives them their final names
    // (sync_file_system below): CleanSink's folder output. `once clean` of bench/run.sh's 1,000
    // files (6 MB), one thread, on this project's shared VM: 11.4-15.2 s of wall time with an
    // fsync per file and per rename, 2.4-5.6 s with one syncfs.
    bool durable = true;
    // true: the bytes go to a temporary file beside `path`, renamed to `path` by commit(), so
    // `path` never holds a partial file. false: written under `path` itself, for a file that
    // already has a private name until later (a file of StagedOutputs' staging folder, renamed
    // into place by its commit): a second rename per file bought nothing there.
    bool via_temporary = true;
    // The name messages give the file; empty: `path`. A staged output (output/staging.hpp) is
    // written under `<folder>/.once-staging-<pid>/NAME`, a path the user never gave: its errors
    // name the final file instead (`out.map.jsonl: write error: No space left on device`).
    std::string shown_as;
};

// Makes everything written to the file system that holds `path` durable (syncfs(2)), one call
// for a whole folder of files written with WriteOptions::durable = false. Throws
// Error(output_error) naming `path` when it fails.
void sync_file_system(const std::string& path);
// Best effort: makes the renames into folder `folder` durable (fsync of the folder). Failure
// loses no data already written, so it is not an error.
void sync_folder(const std::string& folder);

// Makes `folder` and its missing parents (std::filesystem::create_directories; `error` as there)
// and returns the folders it made, outermost first (also when it failed part way), so that a run that fails can take them away
// again with remove_made_folders. Outputs' folders are made for the run (a missing one is not an
// error), and a failed run should not leave them behind empty.
std::vector<std::string> make_folders(const std::string& folder, std::error_code& error);
// Removes `made` (as make_folders returned it), innermost first, each only if it is empty
// (rmdir): what anyone put there meanwhile stays.
void remove_made_folders(const std::vector<std::string>& made);

// Writes to `path` ("-" = stdout, written directly) through a temporary file and a rename.
class AtomicWriter {
public:
    explicit AtomicWriter(const std::string& path, const WriteOptions& options = {});
    ~AtomicWriter();
    AtomicWriter(const AtomicWriter&) = delete;
    AtomicWriter& operator=(const AtomicWriter&) = delete;

    void write(std::string_view bytes);
    // Flushes, finishes the compressed stream, fsyncs (WriteOptions::durable) and renames into place.
    void commit();
    const std::string& path() const { return path_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string path_;
    std::string shown_;  // in messages: WriteOptions::shown_as, or path_
};

}  // namespace once
