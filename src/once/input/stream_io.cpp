// stream_io.cpp — files, stdin/stdout and memory maps as byte streams; atomic output files.
//
// Reading is a small chain: a FileSource (a POSIX descriptor, or stdin) feeds an optional
// decompressor (codecs.hpp), and both expose one `read(buffer, capacity)` call. Writing mirrors
// it: an optional compressor feeds a FileSink that writes to a temporary file beside the target,
// which commit() fsyncs and renames into place. The compression libraries are in codecs.cpp.
#include "once/input/stream_io.hpp"

#include "once/core/error.hpp"
#include "once/core/temp_dir.hpp"
#include "once/core/units.hpp"
#include "once/input/codecs.hpp"
#include "once/input/temp_files.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace once {
namespace {

using streams::input_error;
using streams::k_chunk;
using streams::output_error;
using streams::Sink;
using streams::Source;

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

// --- reading ------------------------------------------------------------------------------

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

std::unique_ptr<Source> open_source(const std::string& path, std::size_t* size_hint) {
    auto file = std::make_unique<FileSource>(path);
    switch (compression_for(path)) {
        case Compression::gzip:
            return streams::make_gzip_source(std::move(file), path);
        case Compression::zstd:
            return streams::make_zstd_source(std::move(file), path);
        case Compression::none:
            break;
    }
    if (size_hint != nullptr) *size_hint = file->size_hint();
    return file;
}

// --- writing ------------------------------------------------------------------------------

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

// The folder `path`'s file is in, as a path to open ("." for a bare name).
std::string folder_of(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
}

// How every temporary of `path` is named before its owner's pid: `.NAME.once-tmp-`, beside it.
// One place, so the names temp_path_for makes are the names remove_stale_temps_of finds.
std::string temp_prefix_of(const std::string& path) {
    const auto slash = path.rfind('/');
    return "." + (slash == std::string::npos ? path : path.substr(slash + 1)) + ".once-tmp-";
}

std::string temp_path_for(const std::string& path) {
    static std::atomic<unsigned long> counter{0};
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    return dir + temp_prefix_of(path) + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
}

// `.NAME.once-tmp-<pid>-<n>` files of `path` left by runs killed with -9 (SIGINT and SIGTERM
// remove their own): removed when a later run writes the same output, so a crash loop does not
// pile up hidden copies of a large signature file beside it.
void remove_stale_temps_of(const std::string& path) {
    const std::string prefix = temp_prefix_of(path);
    remove_left_by_gone_processes(folder_of(path), [&prefix](std::string_view name) {
        const NamedOwner owner = owner_in_name(name, prefix);
        return owner.rest.substr(0, 1) == "-" ? owner.pid : 0;
    });
}

void fsync_directory_of(const std::string& path) { sync_folder(folder_of(path)); }

}  // namespace

void sync_folder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

std::vector<std::string> make_folders(const std::string& folder, std::error_code& error) {
    std::vector<std::string> missing;  // innermost first
    for (std::filesystem::path p = folder; !p.empty() && !std::filesystem::exists(p); p = p.parent_path())
        missing.push_back(p.string());
    std::filesystem::create_directories(folder, error);
    std::vector<std::string> made;
    std::error_code ignored;  // a failure part way made the outer ones only
    for (auto it = missing.rbegin(); it != missing.rend(); ++it)
        if (!error || std::filesystem::exists(*it, ignored)) made.push_back(*it);
    return made;
}

void remove_made_folders(const std::vector<std::string>& made) {
    for (auto it = made.rbegin(); it != made.rend(); ++it) ::rmdir(it->c_str());
}

void sync_file_system(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) output_error(path, "cannot open to sync: " + errno_text(errno));
    const int result = ::syncfs(fd);
    const int err = errno;
    ::close(fd);
    if (result != 0) output_error(path, "syncfs failed: " + errno_text(err));
}

Compression compression_for(const std::string& path) {
    if (ends_with_ci(path, ".gz")) return Compression::gzip;
    if (ends_with_ci(path, ".zst")) return Compression::zstd;
    return Compression::none;
}

namespace {

// `where`: the document's place in a file of many (" on line 12"), empty for a whole file.
[[noreturn]] void too_large(const std::string& path, std::uint64_t max_bytes, const std::string& where = {}) {
    throw Error(ExitCode::resource_limit,
                "one document" + where + " larger than --max-memory allows (more than " + format_bytes(max_bytes) +
                    " after decompression)",
                path);
}

}  // namespace

std::string read_all(const std::string& path, std::uint64_t max_bytes) {
    std::size_t hint = 0;
    auto source = open_source(path, &hint);
    std::string out;
    if (max_bytes == 0 || hint <= max_bytes) out.reserve(hint);  // a plain file of known size: one allocation
    // One per thread, kept: a fresh one is 1 MiB zeroed per file, which was 4.5% of the CPU
    // time of `once scan` over 1,000 small files (perf).
    thread_local std::vector<char> buffer(k_chunk * 4);
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

void FileBytes::release_before(std::size_t offset) {
    if (map_ == nullptr) return;
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t end = std::min(offset, size_) / page * page;  // the map starts on a page
    if (end <= released_) return;
    // MAP_PRIVATE and never written: dropped pages are read back from the file, not zeroed.
    ::madvise(const_cast<char*>(map_) + released_, end - released_, MADV_DONTNEED);
    released_ = end;
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
        // The line being read is the next one: a JSON Lines file's document is named by it.
        if (max_line_ != 0 && line.size() + take > max_line_)
            too_large(path_, max_line_, " on line " + std::to_string(line_number_ + 1));
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
    bool durable = true;  // WriteOptions::durable
    int fd = -1;
    std::unique_ptr<Sink> sink;
    bool committed = false;
    int slot = -1;     // temp_files.hpp: SIGINT/SIGTERM remove the temporary file too
    std::vector<std::string> made_folders;  // missing folders made for the output (make_folders)

    ~Impl() {
        sink.reset();
        if (fd >= 0) ::close(fd);
        if (!committed && !temp.empty()) ::unlink(temp.c_str());
        unregister_temp_file(slot);
        if (!committed) remove_made_folders(made_folders);  // a failed run leaves no empty folder
    }
};

AtomicWriter::AtomicWriter(const std::string& path, const WriteOptions& options)
    : impl_(std::make_unique<Impl>()), path_(path), shown_(options.shown_as.empty() ? path : options.shown_as) {
    const Compression compression = compression_for(path);
    streams::check_compression_level(compression, options.compression_level);
    const int level = options.compression_level != 0 ? options.compression_level : streams::default_compression_level(compression);
    if (path.empty()) output_error(shown_, "empty output path");
    if (path == "-") {
        impl_->sink = std::make_unique<StdoutSink>();
        return;
    }
    impl_->durable = options.durable;
    if (options.via_temporary) {
        // Like the staged outputs (--map, --report, a baseline) and clean's folder: a missing
        // folder is made, not an error after the whole run of learn, sign or merge.
        const std::filesystem::path parent = std::filesystem::path(path).parent_path();
        std::error_code error;
        if (!parent.empty()) impl_->made_folders = make_folders(parent.string(), error);
        if (error) output_error(shown_, "cannot create its folder: " + error.message());
        remove_stale_temps_of(path);
    }
    impl_->temp = options.via_temporary ? temp_path_for(path) : path;
    do {
        // 0666 like any new file, so the umask decides, unlike mkstemp's fixed 0600.
        impl_->fd = ::open(impl_->temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    } while (impl_->fd < 0 && errno == EINTR);
    if (impl_->fd < 0) {
        const int err = errno;
        impl_->temp.clear();  // nothing of ours to remove
        output_error(shown_, "cannot create temporary file: " + errno_text(err));
    }
    impl_->slot = register_temp_file(impl_->temp);
    std::unique_ptr<Sink> sink = std::make_unique<FileSink>(impl_->fd, shown_);
    switch (compression) {
        case Compression::gzip:
            sink = streams::make_gzip_sink(std::move(sink), shown_, level);
            break;
        case Compression::zstd:
            sink = streams::make_zstd_sink(std::move(sink), shown_, level, std::max(1, options.compression_threads));
            break;
        case Compression::none:
            break;
    }
    impl_->sink = std::move(sink);
}

AtomicWriter::~AtomicWriter() = default;

void AtomicWriter::write(std::string_view bytes) {
    if (impl_->committed) throw Error(ExitCode::internal, "write after commit", shown_);
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
    if (s.durable && ::fsync(s.fd) != 0) output_error(shown_, "fsync failed: " + errno_text(errno));
    const int fd = s.fd;
    s.fd = -1;
    if (::close(fd) != 0) output_error(shown_, "close failed: " + errno_text(errno));
    if (s.temp != path_ && ::rename(s.temp.c_str(), path_.c_str()) != 0)
        output_error(shown_, "cannot rename temporary file into place: " + errno_text(errno));
    s.committed = true;
    unregister_temp_file(s.slot);
    s.slot = -1;
    if (s.durable) fsync_directory_of(path_);
}

}  // namespace once
