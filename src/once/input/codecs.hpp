// codecs.hpp — the gzip and zstd codecs behind stream_io's byte streams (internal to input/).
//
// Why apart: stream_io.cpp is file and stream plumbing (descriptors, stdin/stdout, memory maps,
// temporary files and the rename that commits them); the compression libraries are another job
// with their own failure modes. zlib, libdeflate and libzstd are included in codecs.cpp and
// nowhere else. stream_io.hpp is the public interface; this header is for stream_io.cpp only.
//
// Contract: a Source fills a buffer and returns 0 only at the clean end of its stream; a Sink
// takes bytes and, on finish(), ends its stream and pushes everything to the next sink. A
// decompressing Source reads from the Source it is given; a compressing Sink writes to the Sink
// it is given. Failures throw Error(input_error) or Error(output_error) naming `path`.
//
//   std::unique_ptr<Source> gz = make_gzip_source(std::move(file), path);
//   std::unique_ptr<Sink> out = make_zstd_sink(std::move(file_sink), path, 3, 2);
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "once/core/error.hpp"
#include "once/input/stream_io.hpp"

namespace once::streams {

// 256 KiB: large enough to amortize system calls and codec calls.
inline constexpr std::size_t k_chunk = std::size_t{1} << 18;

inline std::string display_name(const std::string& path, bool output) {
    if (path == "-") return output ? "<stdout>" : "<stdin>";
    return path;
}

[[noreturn]] inline void input_error(const std::string& path, const std::string& message) {
    throw Error(ExitCode::input_error, message, display_name(path, false));
}

[[noreturn]] inline void output_error(const std::string& path, const std::string& message) {
    throw Error(ExitCode::output_error, message, display_name(path, true));
}

class Source {
public:
    virtual ~Source() = default;
    // Fills up to `capacity` bytes; returns 0 only at the clean end of the stream.
    virtual std::size_t read(char* buffer, std::size_t capacity) = 0;
};

class Sink {
public:
    virtual ~Sink() = default;
    virtual void write(std::string_view bytes) = 0;
    // Ends the stream (compressed trailer) and pushes everything to the descriptor.
    virtual void finish() = 0;
};

// Decompressors over `file` (the compressed bytes of `path`).
std::unique_ptr<Source> make_gzip_source(std::unique_ptr<Source> file, const std::string& path);
std::unique_ptr<Source> make_zstd_source(std::unique_ptr<Source> file, const std::string& path);

// Compressors into `next`. `level` is already checked (check_compression_level).
std::unique_ptr<Sink> make_gzip_sink(std::unique_ptr<Sink> next, const std::string& path, int level);
std::unique_ptr<Sink> make_zstd_sink(std::unique_ptr<Sink> next, const std::string& path, int level, int workers);

// The level used when WriteOptions::compression_level is 0 (0 for an uncompressed output).
int default_compression_level(Compression compression);
// Throws Error(usage) for a level the format does not take; 0 (the default) always passes.
void check_compression_level(Compression compression, int level);

}  // namespace once::streams
