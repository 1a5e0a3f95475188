// shard_decoder_test.cpp — signature and decisions files that are corrupt are refused with an
// input error naming the file, never a crash or a huge allocation (regressions found by
// tests/fuzz/decoders_fuzz.cpp; the inputs are also in tests/fuzz/regressions/decoders).
#include "once/run/shard.hpp"

#include "once/core/error.hpp"
#include "once/input/reader.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("shard files: a count larger than the file is an input error, not std::length_error") {
    once::test::TempDir dir;
    once::Config config;
    config.threads = 1;
    const std::string doc = dir.write("a.txt", "One sentence of text. Another sentence here.\n");
    once::Corpus corpus({doc}, {});
    const std::string sig = dir.path("a.sig");
    once::write_signatures(corpus, config, once::Recurrence{}, sig);
    const std::string decisions = dir.path("a.decisions");
    once::merge_signatures({sig}, config, decisions);

    // A decisions file: header, then the id count; make that count 2^60.
    std::string bytes = read_bytes(decisions);
    const std::size_t magic = bytes.find('\n') + 1;
    std::uint64_t settings = 0;
    for (int i = 7; i >= 0; --i) settings = (settings << 8) | static_cast<unsigned char>(bytes[magic + static_cast<std::size_t>(i)]);
    const std::size_t count_at = magic + 8 + settings;
    std::string corrupt = bytes.substr(0, count_at) + std::string("\xff\xff\xff\xff\xff\xff\xff\x0f", 8);
    const std::string bad = dir.write("bad.decisions", corrupt);
    try {
        once::load_decisions(bad, config);
        FAIL("a corrupt count was accepted");
    } catch (const once::Error& error) {
        CHECK(error.code() == once::ExitCode::input_error);
        CHECK(error.file() == bad);
    }

    // A signature file whose first document claims 2^60 lines.
    const std::string sig_bytes = read_bytes(sig);
    const std::size_t sig_magic = sig_bytes.find('\n') + 1;
    std::uint64_t sig_settings = 0;
    for (int i = 7; i >= 0; --i)
        sig_settings = (sig_settings << 8) | static_cast<unsigned char>(sig_bytes[sig_magic + static_cast<std::size_t>(i)]);
    const std::size_t doc_at = sig_magic + 8 + sig_settings;
    const std::string bad_sig = dir.write("bad.sig", sig_bytes.substr(0, doc_at) + std::string(8, '\0') +  // id ""
                                                         std::string("\xff\xff\xff\xff\xff\xff\xff\x0f", 8));
    try {
        once::merge_signatures({bad_sig}, config, dir.path("out.decisions"));
        FAIL("a corrupt line count was accepted");
    } catch (const once::Error& error) {
        CHECK(error.code() == once::ExitCode::input_error);
        CHECK(error.file() == bad_sig);
    }
}
