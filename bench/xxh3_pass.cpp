// xxh3_pass — reads a file (or stdin) in 1 MiB chunks and hashes it with XXH3-64.
//
// Why: it is the "machine limit" baseline for `once`. Any deduplicator must at least read its
// input and hash every byte; this does only that, with the fastest non-cryptographic hash we
// link, so `once`'s throughput can be read as a fraction of what the machine allows.
//
// Usage: xxh3_pass [FILE|-]
// Prints one line on stdout:
//   bytes=209715200 seconds=0.0581 mb_per_s=3609.7 xxh3=1b2c3d4e5f607182
// MB is 10^6 bytes, as in the rest of the benchmark tooling. The time covers the read loop
// and the hash, not process start-up.

#include <xxhash.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace {

constexpr std::size_t k_chunk = 1u << 20;

struct StateDeleter {
    void operator()(XXH3_state_t* s) const { XXH3_freeState(s); }
};

int run(int argc, char** argv) {
    if (argc > 2 || (argc == 2 && (std::string_view(argv[1]) == "-h" || std::string_view(argv[1]) == "--help"))) {
        std::fputs("usage: xxh3_pass [FILE|-]\n", argc > 2 ? stderr : stdout);
        return argc > 2 ? 2 : 0;
    }
    const char* path = argc == 2 ? argv[1] : "-";
    int fd = 0;
    if (std::string_view(path) != "-") {
        fd = ::open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            std::fprintf(stderr, "xxh3_pass: cannot open %s: %s\n", path, std::strerror(errno));
            return 1;
        }
        // Tell the kernel we read once, front to back, so readahead is as large as it gets.
        (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    }

    std::unique_ptr<XXH3_state_t, StateDeleter> state(XXH3_createState());
    if (!state || XXH3_64bits_reset(state.get()) == XXH_ERROR) {
        std::fputs("xxh3_pass: cannot create XXH3 state\n", stderr);
        return 1;
    }
    std::vector<unsigned char> buf(k_chunk);
    std::uint64_t total = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (;;) {
        ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            std::fprintf(stderr, "xxh3_pass: read error on %s: %s\n", path, std::strerror(errno));
            return 1;
        }
        XXH3_64bits_update(state.get(), buf.data(), static_cast<std::size_t>(n));
        total += static_cast<std::uint64_t>(n);
    }
    const XXH64_hash_t h = XXH3_64bits_digest(state.get());
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (fd != 0) ::close(fd);

    std::printf("bytes=%" PRIu64 " seconds=%.4f mb_per_s=%.1f xxh3=%016" PRIx64 "\n", total, secs,
                secs > 0 ? static_cast<double>(total) / 1e6 / secs : 0.0, static_cast<std::uint64_t>(h));
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
