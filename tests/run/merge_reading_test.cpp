// merge_reading_test.cpp — how `once merge` reads signature files: a first pass that reads only
// the band inputs of each sentence (run/shard.cpp, add_band_inputs) and a full decoding whose
// records are read without a bounds check per field when the file holds them whole. A corrupt
// or truncated file must be refused with the message and byte offset the full decoding gives,
// field by field, whichever pass meets it first.
#include "once/run/shard.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "error_of.hpp"
#include "sealed_file.hpp"
#include "temp_dir.hpp"

namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::uint64_t get_u64(const std::string& bytes, std::size_t at) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
    return value;
}

// A signature file of three documents of two lines each, its body (without the checksum
// trailer, run/block_checksums.hpp), and where its first document's first line record starts
// (docs/shard-format.md: magic, settings, then id and line count).
struct SignedCorpus {
    std::string path;
    std::string bytes;
    std::size_t first_line = 0;
};

SignedCorpus sign_three(const once::test::TempDir& dir, const once::Config& config) {
    dir.write("in/a.txt", "Budget approved for the coming year. Schools and roads get more money now.\n"
                          "The museum opens a new wing next spring for visitors from abroad.\n");
    dir.write("in/b.txt", "A quiet day at the harbour with boats in the sun.\n"
                          "Budget approved for the coming year. Schools and roads get more money now.\n");
    dir.write("in/c.txt", "Something else entirely, written for this page only, and long enough.\n"
                          "The museum opens a new wing next spring for visitors from abroad.\n");
    once::Corpus corpus({dir.path("in")}, {});
    SignedCorpus out;
    out.path = dir.path("s.sig");
    once::write_signatures(corpus, config, once::Recurrence{}, out.path);
    out.bytes = once::test::body_of(read_bytes(out.path));
    const std::size_t magic = out.bytes.find('\n') + 1;
    const std::size_t first_id = magic + 8 + get_u64(out.bytes, magic);
    out.first_line = first_id + 8 + get_u64(out.bytes, first_id) + 8 + 8;  // the id, its text hash, the line count
    return out;
}

// Merges the body `bytes` sealed with a valid trailer, so that the records' own checks are reached.
std::optional<once::Error> merge_error(const once::test::TempDir& dir, const once::Config& config,
                                       const std::string& bytes) {
    const std::string path = dir.write("corrupt.sig", once::test::sealed(bytes));
    return once::test::error_of([&] { once::merge_signatures({path}, config, dir.path("out.decisions")); });
}

}  // namespace

TEST_CASE("merge reading: the file as written merges; a body cut short fails at its first missing byte") {
    once::test::TempDir dir;
    once::Config config;
    config.threads = 1;
    const SignedCorpus sig = sign_three(dir, config);
    CHECK_FALSE(merge_error(dir, config, sig.bytes));

    // Cut inside the last sentence's signature bytes (its record ends with 4 + 2 × 64 + 2 × 8
    // bytes of edge tokens, before them num_perm signature bytes): read field by field, the
    // first byte missing is the file's end.
    const std::size_t edges = 4 + 2 * 64 + 2 * 8;
    const std::string cut = sig.bytes.substr(0, sig.bytes.size() - edges - 10);
    const auto error = merge_error(dir, config, cut);
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::input_error);
    CHECK(error->message() == "truncated or corrupt file");
    CHECK(error->offset() == cut.size());
}

// The first pass steps over the lines: a corrupt line before a truncation it does see must
// still be the error, as when both passes decoded everything (the line is the first fault).
TEST_CASE("merge reading: the first fault in file order is named, even one the first pass steps over") {
    once::test::TempDir dir;
    once::Config config;
    config.threads = 1;
    const SignedCorpus sig = sign_three(dir, config);
    std::string bytes = sig.bytes;
    bytes[sig.first_line + 33] = 9;  // the first line's role
    bytes.resize(bytes.size() - 100);  // and the last document's last sentence cut short
    const auto error = merge_error(dir, config, bytes);
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::input_error);
    CHECK(error->message() == "corrupt file: line role 9");
    CHECK(error->offset() == sig.first_line + 33);

    // Only the line: the first pass reads past it, the full decoding refuses it.
    std::string line_only = sig.bytes;
    line_only[sig.first_line + 33] = 9;
    const auto later = merge_error(dir, config, line_only);
    REQUIRE(later);
    CHECK(later->message() == "corrupt file: line role 9");
    CHECK(later->offset() == sig.first_line + 33);
}
