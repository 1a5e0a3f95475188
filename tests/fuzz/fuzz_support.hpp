// fuzz_support.hpp — what every fuzz target needs: a contract check that stops the run with a
// message (libFuzzer then saves the input), UTF-8 boundary tests, and a private scratch folder
// for targets whose stage reads files.
//
// Why not assert(): release-like builds define NDEBUG, and a contract must be checked in every
// build the fuzzer runs. FUZZ_CHECK(cond, what) prints the failed condition and aborts.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#define FUZZ_CHECK(cond, what)                                                                 \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            std::fprintf(stderr, "contract broken: %s (%s) at %s:%d\n", what, #cond, __FILE__, \
                         __LINE__);                                                            \
            std::abort();                                                                      \
        }                                                                                      \
    } while (0)

namespace once::fuzz {

inline std::string_view bytes(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// True when `pos` does not fall inside a UTF-8 sequence of `text`.
inline bool on_boundary(std::string_view text, std::size_t pos) {
    return pos == 0 || pos >= text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
}

// The RFC 3629 grammar written out independently of text/utf8.cpp, as an oracle.
inline bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return k < s.size() && at(k) >= lo && at(k) <= hi;
    };
    while (i < s.size()) {
        const unsigned c = at(i);
        if (c < 0x80) { i += 1; continue; }
        if (c >= 0xC2 && c <= 0xDF && cont(i + 1)) { i += 2; continue; }
        if (c == 0xE0 && cont(i + 1, 0xA0) && cont(i + 2)) { i += 3; continue; }
        if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && cont(i + 1) && cont(i + 2)) { i += 3; continue; }
        if (c == 0xED && cont(i + 1, 0x80, 0x9F) && cont(i + 2)) { i += 3; continue; }
        if (c == 0xF0 && cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3)) { i += 4; continue; }
        if (c >= 0xF1 && c <= 0xF3 && cont(i + 1) && cont(i + 2) && cont(i + 3)) { i += 4; continue; }
        if (c == 0xF4 && cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3)) { i += 4; continue; }
        return false;
    }
    return true;
}

// A scratch folder of this process, emptied on each call, removed at exit.
inline const std::filesystem::path& scratch() {
    static const std::filesystem::path path = [] {
        auto p = std::filesystem::temp_directory_path() / ("once-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(p);
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(std::filesystem::temp_directory_path() /
                                            ("once-fuzz-" + std::to_string(::getpid())),
                                        ignored);
        });
        return p;
    }();
    return path;
}

inline std::string write_scratch(const std::string& name, std::string_view content) {
    const auto path = scratch() / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(content.data(), static_cast<std::streamsize>(content.size()));
    return path.string();
}

}  // namespace once::fuzz
