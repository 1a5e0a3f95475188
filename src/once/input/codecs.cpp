// codecs.cpp — gzip and zstd behind the Source and Sink interfaces of codecs.hpp.
//
// gzip is read with zlib (it streams) and written with libdeflate (2-4x faster than zlib's
// deflate at the same level, but whole-buffer only: the output is a series of gzip members, one
// per block, which every gzip reader concatenates). zstd is read and written with libzstd.
#include "once/input/codecs.hpp"

#include <libdeflate.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace once::streams {
namespace {

// Gzip (and zlib) members, one after another: `cat a.gz b.gz` is a valid gzip stream.
class GzipSource final : public Source {
public:
    GzipSource(std::unique_ptr<Source> file, const std::string& path)
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

    std::unique_ptr<Source> file_;
    std::string path_;
    std::vector<char> in_;
    z_stream stream_{};
    bool eof_ = false;
    bool member_done_ = false;
};

class ZstdSource final : public Source {
public:
    ZstdSource(std::unique_ptr<Source> file, const std::string& path)
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
    std::unique_ptr<Source> file_;
    std::string path_;
    std::vector<char> in_;
    ZSTD_DCtx* dctx_;
    ZSTD_inBuffer input_{nullptr, 0, 0};
    std::size_t hint_ = 1;
    bool eof_ = false;
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

}  // namespace

std::unique_ptr<Source> make_gzip_source(std::unique_ptr<Source> file, const std::string& path) {
    return std::make_unique<GzipSource>(std::move(file), path);
}

std::unique_ptr<Source> make_zstd_source(std::unique_ptr<Source> file, const std::string& path) {
    return std::make_unique<ZstdSource>(std::move(file), path);
}

std::unique_ptr<Sink> make_gzip_sink(std::unique_ptr<Sink> next, const std::string& path, int level) {
    return std::make_unique<GzipSink>(std::move(next), path, level);
}

std::unique_ptr<Sink> make_zstd_sink(std::unique_ptr<Sink> next, const std::string& path, int level, int workers) {
    return std::make_unique<ZstdSink>(std::move(next), path, level, workers);
}

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

// The documented range (--help, README): zstd's levels above 19 ("ultra", up to ZSTD_maxCLevel()
// = 22) take windows of up to 128 MiB per worker that --max-memory does not count, and were
// accepted without a word while the help said 1-19.
constexpr int k_max_zstd_level = 19;

void check_compression_level(Compression compression, int level) {
    if (level == 0) return;
    int low = 0, high = 0;
    switch (compression) {
        case Compression::gzip: low = 1, high = 12; break;  // libdeflate's range
        case Compression::zstd: low = 1, high = k_max_zstd_level; break;
        case Compression::none: return;
    }
    if (level < low || level > high)
        throw Error(ExitCode::usage, "--compression-level " + std::to_string(level) + " is out of range for this output (" +
                                         std::to_string(low) + "-" + std::to_string(high) + ")");
}

}  // namespace once::streams
