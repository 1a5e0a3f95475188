#include "once/core/spill_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "once/core/error.hpp"

namespace once {
namespace {

// Pieces handed back by read_all_into: large enough that a piece costs one system call per MiB.
constexpr std::size_t k_read_piece = std::size_t{1} << 20;

[[noreturn]] void fail(const std::string& what, const std::string& folder) {
    throw Error(ExitCode::output_error, what + ": " + std::strerror(errno), folder);
}

}  // namespace

int open_unlinked_file(const std::string& folder) {
    int fd = -1;
#if defined(O_TMPFILE)
    fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
    if (fd < 0) {  // a file system without O_TMPFILE: a named file, unlinked at once
        std::string pattern = folder + "/.once-spill-XXXXXX";
        fd = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (fd < 0) fail("cannot create a temporary file (--tmp-dir)", folder);
        ::unlink(pattern.c_str());
    }
    return fd;
}

SpillFile::SpillFile(const std::string& folder) : fd_(open_unlinked_file(folder)), folder_(folder) {}

SpillFile::~SpillFile() {
    if (fd_ >= 0) ::close(fd_);
}

void SpillFile::append(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot write a temporary file (--tmp-dir)", folder_);
        bytes.remove_prefix(static_cast<std::size_t>(n));
        size_ += static_cast<std::uint64_t>(n);
    }
}

void SpillFile::read_all_into(const std::function<void(std::string_view)>& fn) {
    std::vector<char> piece(k_read_piece);
    std::uint64_t at = 0;
    while (at < size_) {
        const ssize_t n = ::pread(fd_, piece.data(), piece.size(), static_cast<off_t>(at));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("cannot read back a temporary file (--tmp-dir)", folder_);
        fn(std::string_view(piece.data(), static_cast<std::size_t>(n)));
        at += static_cast<std::uint64_t>(n);
    }
}

}  // namespace once

namespace once {

void SpillFile::read_at(std::uint64_t offset, char* out, std::size_t size) const {
    while (size > 0) {
        const ssize_t n = ::pread(fd_, out, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("cannot read back a temporary file (--tmp-dir)", folder_);
        out += n;
        size -= static_cast<std::size_t>(n);
        offset += static_cast<std::uint64_t>(n);
    }
}

}  // namespace once
