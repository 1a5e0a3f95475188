// stream_io.cpp — plain, gzip and zstd byte streams; atomic output files.
//
// Reading is a small chain: a FileSource (a POSIX descriptor, or stdin) feeds an optional
// decompressor, and both expose one `read(buffer, capacity)` call. Writing mirrors it: an
// optional compressor feeds a FileSink that writes to a temporary file beside the target.
// zlib, libdeflate and libzstd are included here and nowhere else. gzip is read with zlib (it
// streams) and written with libdeflate (2-4x faster than zlib's deflate at the same level, but
// whole-buffer only: the output is a series of gzip members, one per block, which every gzip
// reader concatenates).
#include "once/input/stream_io.hpp"

#include "once/core/error.hpp"
#include "once/core/units.hpp"
#include "once/input/temp_files.hpp"

#include <libdeflate.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace once {
namespace {

constexpr std::size_t k_chunk = std::size_t{1} << 18;  // 256 KiB: large enough to amortize syscalls

std::string display_name(const std::string& path, bool output) {
    if (path == "-") return output ? "<stdout>" : "<stdin>";
    return path;
}

std::string errno_text(int err) { return std::strerror(err); }

bool ends_with_ci(const std::string& s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) {
                          auto lower = [](char c) {
                              return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
                          };
                          return lower(a) == lower(b);
                      });
}

[[noreturn]] void input_error(const std::string& path, const std::string& message) {
    throw Error(ExitCode::input_error, message, display_name(path, false));
}

[[noreturn]] void output_error(const std::string& path, const std::string& message) {
    throw Error(ExitCode::output_error, message, display_name(path, true));
}

// --- reading ------------------------------------------------------------------------------

class Source {
public:
    virtual ~Source() = default;
    // Fills up to `capacity` bytes; returns 0 only at the clean end of the stream.
    virtual std::size_t read(char* buffer, std::size_t capacity) = 0;
};

class FileSource final : public Source {
public:
    explicit FileSource(const std::string& path) : path_(path) {
        if (path == "-") {
            fd_ = STDIN_FILENO;
            return;
        }
        do {
            fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        } while (fd_ < 0 && errno == EINTR);
        if (fd_ < 0) input_error(path, "cannot open: " + errno_text(errno));
        owned_ = true;
    }
    ~FileSource() override {
        if (owned_) ::close(fd_);
    }
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    std::size_t read(char* buffer, std::size_t capacity) override {
        for (;;) {
            ssize_t n = ::read(fd_, buffer, capacity);
            if (n >= 0) return static_cast<std::size_t>(n);
            if (errno != EINTR) input_error(path_, "read error: " + errno_text(errno));
        }
    }

    // Size of a regular file, or 0 when unknown (pipes, stdin); used only to reserve memory.
    std::size_t size_hint() const {
        struct stat st {};
        if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
            return static_cast<std::size_t>(st.st_size);
        return 0;
    }

private:
    std::string path_;
    int fd_ = -1;
    bool owned_ = false;
};

// Gzip (and zlib) members, one after another: `cat a.gz b.gz` is a valid gzip stream.
class GzipSource final : public Source {
public:
    GzipSource(std::unique_ptr<FileSource> file, const std::string& path)
        : file_(std::move(file)), path_(path), in_(k_chunk) {
        // 15 + 32: maximum window, detect the gzip or zlib header automatically.
        if (inflateInit2(&stream_, 15 + 32) != Z_OK) input_error(path, "cannot initialize zlib");
    }
    ~GzipSource() override { inflateEnd(&stream_); }
    GzipSource(const GzipSource&) = delete;
    GzipSource& operator=(const GzipSource&) = delete;

    std::size_t read(char* buffer, std::size_t capacity) override {
        stream_.next_out = reinterpret_cast<Bytef*>(buffer);
        stream_.avail_out = static_cast<uInt>(std::min<std::size_t>(capacity, UINT32_MAX));
        const uInt start = stream_.avail_out;
        for (;;) {
            if (stream_.avail_in == 0 && !eof_) fill();
            if (stream_.avail_in == 0 && eof_ && member_done_) return start - stream_.avail_out;
            if (member_done_) {
                // More bytes after a complete member: the next member starts here.
                inflateReset(&stream_);
                member_done_ = false;
            }
            const int ret = inflate(&stream_, Z_NO_FLUSH);
            if (ret == Z_STREAM_END) {
                member_done_ = true;
            } else if (ret == Z_BUF_ERROR) {
                // No progress possible: more input is needed, and at the end there is none.
                if (eof_ && stream_.avail_in == 0) corrupt();
            } else if (ret != Z_OK) {
                corrupt(stream_.msg);
            }
            const uInt produced = start - stream_.avail_out;
            if (produced > 0) return produced;
        }
    }

private:
    void fill() {
        const std::size_t n = file_->read(in_.data(), in_.size());
        if (n == 0) eof_ = true;
        stream_.next_in = reinterpret_cast<Bytef*>(in_.data());
        stream_.avail_in = static_cast<uInt>(n);
    }
    [[noreturn]] void corrupt(const char* detail = nullptr) {
        std::string message = "truncated or corrupt gzip data";
        if (detail != nullptr) message += std::string(" (") + detail + ")";
        input_error(path_, message);
    }

    std::unique_ptr<FileSource> file_;
    std::string path_;
    std::vector<char> in_;
    z_stream stream_{};
    bool eof_ = false;
    bool member_done_ = false;
};

class ZstdSource final : public Source {
public:
    ZstdSource(std::unique_ptr<FileSource> file, const std::string& path)
        : file_(std::move(file)), path_(path), in_(ZSTD_DStreamInSize()), dctx_(ZSTD_createDCtx()) {
        if (dctx_ == nullptr) input_error(path, "cannot initialize zstd");
    }
    ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }
    ZstdSource(const ZstdSource&) = delete;
    ZstdSource& operator=(const ZstdSource&) = delete;

    std::size_t read(char* buffer, std::size_t capacity) override {
        ZSTD_outBuffer out{buffer, capacity, 0};
        for (;;) {
            if (input_.pos == input_.size && !eof_) {
                const std::size_t n = file_->read(in_.data(), in_.size());
                if (n == 0) eof_ = true;
                input_ = ZSTD_inBuffer{in_.data(), n, 0};
            }
            // `hint_ == 0` means the last frame is complete; an empty file never completes one.
            if (input_.pos == input_.size && eof_ && hint_ == 0) return out.pos;
            const std::size_t ret = ZSTD_decompressStream(dctx_, &out, &input_);
            if (ZSTD_isError(ret))
                input_error(path_, std::string("truncated or corrupt zstd data (") +
                                       ZSTD_getErrorName(ret) + ")");
            hint_ = ret;
            if (out.pos > 0) return out.pos;
            // Called with no input and nothing came out: the frame is cut short.
            if (input_.pos == input_.size && eof_ && hint_ != 0)
                input_error(path_, "truncated or corrupt zstd data");
        }
    }

private:
    std::unique_ptr<FileSource> file_;
    std::string path_;
    std::vector<char> in_;
    ZSTD_DCtx* dctx_;
    ZSTD_inBuffer input_{nullptr, 0, 0};
    std::size_t hint_ = 1;
    bool eof_ = false;
};

std::unique_ptr<Source> open_source(const std::string& path, std::size_t* size_hint) {
    auto file = std::make_unique<FileSource>(path);
    switch (compression_for(path)) {
        case Compression::gzip:
            return std::make_unique<GzipSource>(std::move(file), path);
        case Compression::zstd:
            return std::make_unique<ZstdSource>(std::move(file), path);
        case Compression::none:
            break;
    }
    if (size_hint != nullptr) *size_hint = file->size_hint();
    return file;
}

// --- writing ------------------------------------------------------------------------------

class Sink {
public:
    virtual ~Sink() = default;
    virtual void write(std::string_view bytes) = 0;
    // Ends the stream (compressed trailer) and pushes everything to the descriptor.
    virtual void finish() = 0;
};

// Buffered writes to a descriptor we own (the temporary file).
class FileSink final : public Sink {
public:
    FileSink(int fd, const std::string& path) : fd_(fd), path_(path) { buffer_.reserve(k_chunk); }

    void write(std::string_view bytes) override {
        if (buffer_.size() + bytes.size() > k_chunk) flush();
        if (bytes.size() >= k_chunk) {
            write_fully(bytes);
        } else {
            buffer_.append(bytes);
        }
    }
    void finish() override { flush(); }

private:
    void flush() {
        write_fully(buffer_);
        buffer_.clear();
    }
    void write_fully(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
            if (n < 0) {
                if (errno == EINTR) continue;
                output_error(path_, "write error: " + errno_text(errno));
            }
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    int fd_;
    std::string path_;
    std::string buffer_;
};

class StdoutSink final : public Sink {
public:
    void write(std::string_view bytes) override {
        if (bytes.empty()) return;
        if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size())
            output_error("-", "write error: " + errno_text(errno));
    }
    void finish() override {
        if (std::fflush(stdout) != 0) output_error("-", "write error: " + errno_text(errno));
    }
};

// gzip output: the bytes are gathered into blocks of k_gzip_block and each block is compressed
// with libdeflate as one complete gzip member. `cat a.gz b.gz` is a valid gzip stream (RFC 1952
// section 2.2), read whole by gzip -d, zcat, Python's gzip and our GzipSource. Blocks of 1 MiB
// make the file 0.7% larger than one zlib stream at the same level (cleaned ldcc, level 6).
class GzipSink final : public Sink {
public:
    GzipSink(std::unique_ptr<Sink> next, const std::string& path, int level)
        : next_(std::move(next)), path_(path), compressor_(libdeflate_alloc_compressor(level)) {
        if (compressor_ == nullptr) output_error(path, "cannot initialize libdeflate (level " + std::to_string(level) + ")");
        block_.reserve(k_gzip_block);
        out_.resize(libdeflate_gzip_compress_bound(compressor_, k_gzip_block));
    }
    ~GzipSink() override { libdeflate_free_compressor(compressor_); }
    GzipSink(const GzipSink&) = delete;
    GzipSink& operator=(const GzipSink&) = delete;

    void write(std::string_view bytes) override {
        while (!bytes.empty()) {
            const std::size_t n = std::min(bytes.size(), k_gzip_block - block_.size());
            block_.append(bytes.data(), n);
            bytes.remove_prefix(n);
            if (block_.size() == k_gzip_block) compress_block();
        }
    }
    void finish() override {
        // An empty output is still one (empty) member, so readers see a valid gzip file.
        if (!block_.empty() || !wrote_any_) compress_block();
        next_->finish();
    }

private:
    static constexpr std::size_t k_gzip_block = std::size_t{1} << 20;

    void compress_block() {
        const std::size_t n = libdeflate_gzip_compress(compressor_, block_.data(), block_.size(), out_.data(), out_.size());
        if (n == 0) output_error(path_, "gzip compression failed");
        next_->write(std::string_view(out_.data(), n));
        block_.clear();
        wrote_any_ = true;
    }

    std::unique_ptr<Sink> next_;
    std::string path_;
    libdeflate_compressor* compressor_;
    std::string block_;
    std::vector<char> out_;
    bool wrote_any_ = false;
};

class ZstdSink final : public Sink {
public:
    ZstdSink(std::unique_ptr<Sink> next, const std::string& path, int level, int workers)
        : next_(std::move(next)), path_(path), out_(ZSTD_CStreamOutSize()), cctx_(ZSTD_createCCtx()) {
        if (cctx_ == nullptr) output_error(path, "cannot initialize zstd");
        check(ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level));
        // The checksum lets readers detect corruption.
        check(ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1));
        // Worker threads compress while the caller goes on producing. With one worker or more the
        // bytes are the same for any number of workers (jobs are cut by size, not by thread), so
        // the output does not depend on --threads. A libzstd built without threads refuses the
        // parameter: then it compresses on the calling thread.
        (void)ZSTD_CCtx_setParameter(cctx_, ZSTD_c_nbWorkers, workers);
    }
    ~ZstdSink() override { ZSTD_freeCCtx(cctx_); }
    ZstdSink(const ZstdSink&) = delete;
    ZstdSink& operator=(const ZstdSink&) = delete;

    void write(std::string_view bytes) override {
        ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
        while (in.pos < in.size) run(in, ZSTD_e_continue);
    }
    void finish() override {
        ZSTD_inBuffer in{nullptr, 0, 0};
        while (run(in, ZSTD_e_end) != 0) {
        }
        next_->finish();
    }

private:
    std::size_t run(ZSTD_inBuffer& in, ZSTD_EndDirective mode) {
        ZSTD_outBuffer out{out_.data(), out_.size(), 0};
        const std::size_t remaining = check(ZSTD_compressStream2(cctx_, &out, &in, mode));
        if (out.pos > 0) next_->write(std::string_view(out_.data(), out.pos));
        return remaining;
    }
    std::size_t check(std::size_t ret) {
        if (ZSTD_isError(ret))
            output_error(path_, std::string("zstd compression failed: ") + ZSTD_getErrorName(ret));
        return ret;
    }

    std::unique_ptr<Sink> next_;
    std::string path_;
    std::vector<char> out_;
    ZSTD_CCtx* cctx_;
};

std::string temp_path_for(const std::string& path) {
    static std::atomic<unsigned long> counter{0};
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    return dir + "." + base + ".once-tmp-" + std::to_string(::getpid()) + "-" +
           std::to_string(counter.fetch_add(1));
}

// Best effort: makes the rename itself durable. Failure here does not lose data already
// written, so it is not an error.
void fsync_directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

}  // namespace

Compression compression_for(const std::string& path) {
    if (ends_with_ci(path, ".gz")) return Compression::gzip;
    if (ends_with_ci(path, ".zst")) return Compression::zstd;
    return Compression::none;
}

namespace {

[[noreturn]] void too_large(const std::string& path, std::uint64_t max_bytes) {
    throw Error(ExitCode::resource_limit,
                "one document larger than --max-memory allows (more than " + format_bytes(max_bytes) +
                    " after decompression)",
                path);
}

}  // namespace

std::string read_all(const std::string& path, std::uint64_t max_bytes) {
    std::size_t hint = 0;
    auto source = open_source(path, &hint);
    std::string out;
    if (max_bytes == 0 || hint <= max_bytes) out.reserve(hint);  // a plain file of known size: one allocation
    std::vector<char> buffer(k_chunk * 4);
    for (;;) {
        const std::size_t n = source->read(buffer.data(), buffer.size());
        if (n == 0) break;
        if (max_bytes != 0 && out.size() + n > max_bytes) too_large(path, max_bytes);
        out.append(buffer.data(), n);
    }
    return out;
}

FileBytes::FileBytes(const std::string& path) {
    if (path != "-" && compression_for(path) == Compression::none) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        struct stat info{};
        if (fd >= 0 && ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
            void* mapped = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
            if (mapped != MAP_FAILED) {
                ::madvise(mapped, static_cast<std::size_t>(info.st_size), MADV_SEQUENTIAL);
                map_ = static_cast<const char*>(mapped);
                size_ = static_cast<std::size_t>(info.st_size);
            }
        }
        if (fd >= 0) ::close(fd);
        if (map_ != nullptr) return;
    }
    copy_ = read_all(path);  // also reports what was wrong with the path
}

FileBytes::~FileBytes() {
    if (map_ != nullptr) ::munmap(const_cast<char*>(map_), size_);
}

// --- LineReader ---------------------------------------------------------------------------

struct LineReader::Impl {
    std::unique_ptr<Source> source;
    std::vector<char> buffer = std::vector<char>(k_chunk * 4);
    std::size_t pos = 0;
    std::size_t end = 0;
    bool eof = false;
};

LineReader::LineReader(const std::string& path) : impl_(std::make_unique<Impl>()), path_(path) {
    impl_->source = open_source(path, nullptr);
}

LineReader::~LineReader() = default;

bool LineReader::next(std::string& line) {
    Impl& s = *impl_;
    line.clear();
    bool any = false;  // a last line without '\n' still counts, an empty tail does not
    for (;;) {
        if (s.pos == s.end) {
            if (s.eof) break;
            s.pos = 0;
            s.end = s.source->read(s.buffer.data(), s.buffer.size());
            if (s.end == 0) {
                s.eof = true;
                break;
            }
        }
        const char* start = s.buffer.data() + s.pos;
        const std::size_t avail = s.end - s.pos;
        const void* nl = std::memchr(start, '\n', avail);
        const std::size_t take = nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : avail;
        if (max_line_ != 0 && line.size() + take > max_line_) too_large(path_, max_line_);
        if (nl != nullptr) {
            const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
            line.append(start, len);
            s.pos += len + 1;
            ++line_number_;
            return true;
        }
        line.append(start, avail);
        s.pos = s.end;
        any = true;
    }
    if (!any) return false;
    ++line_number_;
    return true;
}

// --- AtomicWriter -------------------------------------------------------------------------

struct AtomicWriter::Impl {
    std::string temp;  // empty for stdout
    int fd = -1;
    std::unique_ptr<Sink> sink;
    bool committed = false;
    int slot = -1;     // temp_files.hpp: SIGINT/SIGTERM remove the temporary file too

    ~Impl() {
        sink.reset();
        if (fd >= 0) ::close(fd);
        if (!committed && !temp.empty()) ::unlink(temp.c_str());
        unregister_temp_file(slot);
    }
};

int default_compression_level(Compression compression) {
    switch (compression) {
        case Compression::gzip:
            return k_default_gzip_level;
        case Compression::zstd:
            return k_default_zstd_level;
        case Compression::none:
            break;
    }
    return 0;
}

void check_compression_level(Compression compression, int level) {
    if (level == 0) return;
    int low = 0, high = 0;
    switch (compression) {
        case Compression::gzip: low = 1, high = 12; break;  // libdeflate's range
        case Compression::zstd: low = 1, high = ZSTD_maxCLevel(); break;
        case Compression::none: return;
    }
    if (level < low || level > high)
        throw Error(ExitCode::usage, "--compression-level " + std::to_string(level) + " is out of range for this output (" +
                                         std::to_string(low) + "-" + std::to_string(high) + ")");
}

AtomicWriter::AtomicWriter(const std::string& path, const WriteOptions& options)
    : impl_(std::make_unique<Impl>()), path_(path) {
    const Compression compression = compression_for(path);
    check_compression_level(compression, options.compression_level);
    const int level = options.compression_level != 0 ? options.compression_level : default_compression_level(compression);
    if (path.empty()) output_error(path, "empty output path");
    if (path == "-") {
        impl_->sink = std::make_unique<StdoutSink>();
        return;
    }
    impl_->temp = temp_path_for(path);
    do {
        // 0666 like any new file, so the umask decides, unlike mkstemp's fixed 0600.
        impl_->fd = ::open(impl_->temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    } while (impl_->fd < 0 && errno == EINTR);
    if (impl_->fd < 0) {
        const int err = errno;
        impl_->temp.clear();  // nothing of ours to remove
        output_error(path, "cannot create temporary file: " + errno_text(err));
    }
    impl_->slot = register_temp_file(impl_->temp);
    std::unique_ptr<Sink> sink = std::make_unique<FileSink>(impl_->fd, path);
    switch (compression) {
        case Compression::gzip:
            sink = std::make_unique<GzipSink>(std::move(sink), path, level);
            break;
        case Compression::zstd:
            sink = std::make_unique<ZstdSink>(std::move(sink), path, level, std::max(1, options.compression_threads));
            break;
        case Compression::none:
            break;
    }
    impl_->sink = std::move(sink);
}

AtomicWriter::~AtomicWriter() = default;

void AtomicWriter::write(std::string_view bytes) {
    if (impl_->committed) throw Error(ExitCode::internal, "write after commit", path_);
    impl_->sink->write(bytes);
}

void AtomicWriter::commit() {
    Impl& s = *impl_;
    if (s.committed) return;
    s.sink->finish();
    if (s.temp.empty()) {  // stdout: nothing to rename
        s.committed = true;
        return;
    }
    if (::fsync(s.fd) != 0) output_error(path_, "fsync failed: " + errno_text(errno));
    const int fd = s.fd;
    s.fd = -1;
    if (::close(fd) != 0) output_error(path_, "close failed: " + errno_text(errno));
    if (::rename(s.temp.c_str(), path_.c_str()) != 0)
        output_error(path_, "cannot rename temporary file into place: " + errno_text(errno));
    s.committed = true;
    unregister_temp_file(s.slot);
    s.slot = -1;
    fsync_directory_of(path_);
}

}  // namespace once
