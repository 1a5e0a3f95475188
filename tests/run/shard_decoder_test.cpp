// shard_decoder_test.cpp — signature and decisions files that are corrupt are refused with an
// input error naming the file, never a crash or a huge allocation (regressions found by
// tests/fuzz/decoders_fuzz.cpp; the inputs are also in tests/fuzz/regressions/decoders).
#include "once/run/shard.hpp"

#include "once/core/error.hpp"
#include "once/input/reader.hpp"
#include "error_of.hpp"
#include "sealed_file.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <optional>
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
    std::string bytes = once::test::body_of(read_bytes(decisions));
    const std::size_t magic = bytes.find('\n') + 1;
    std::uint64_t settings = 0;
    for (int i = 7; i >= 0; --i) settings = (settings << 8) | static_cast<unsigned char>(bytes[magic + static_cast<std::size_t>(i)]);
    const std::size_t count_at = magic + 8 + settings;
    std::string corrupt = bytes.substr(0, count_at) + std::string("\xff\xff\xff\xff\xff\xff\xff\x0f", 8);
    const std::string bad = dir.write("bad.decisions", once::test::sealed(corrupt));
    try {
        once::load_decisions(bad, config);
        FAIL("a corrupt count was accepted");
    } catch (const once::Error& error) {
        CHECK(error.code() == once::ExitCode::input_error);
        CHECK(error.file() == bad);
    }

    // A signature file whose first document claims 2^60 lines.
    const std::string sig_bytes = once::test::body_of(read_bytes(sig));
    const std::size_t sig_magic = sig_bytes.find('\n') + 1;
    std::uint64_t sig_settings = 0;
    for (int i = 7; i >= 0; --i)
        sig_settings = (sig_settings << 8) | static_cast<unsigned char>(sig_bytes[sig_magic + static_cast<std::size_t>(i)]);
    const std::size_t doc_at = sig_magic + 8 + sig_settings;
    const std::string bad_sig = dir.write("bad.sig", once::test::sealed(sig_bytes.substr(0, doc_at) + std::string(16, '\0') +  // id "", hash 0
                                                                        std::string("\xff\xff\xff\xff\xff\xff\xff\x0f", 8)));
    try {
        once::merge_signatures({bad_sig}, config, dir.path("out.decisions"));
        FAIL("a corrupt line count was accepted");
    } catch (const once::Error& error) {
        CHECK(error.code() == once::ExitCode::input_error);
        CHECK(error.file() == bad_sig);
    }
}

namespace {

void put_u64(std::string& bytes, std::size_t at, std::uint64_t value) {
    for (std::size_t i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}
void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (std::size_t i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}
std::uint64_t get_u64(const std::string& bytes, std::size_t at) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
    return value;
}

// Loads (kind "decisions") or merges (kind "signatures") the file body `bytes`, sealed with a
// valid checksum trailer so that the records' own checks are reached; returns the error, which
// must name that file and a byte offset.
std::optional<once::Error> refusal(const once::test::TempDir& dir, const once::Config& config, const std::string& kind,
                                   const std::string& bytes) {
    const std::string path = dir.write("corrupt." + kind, once::test::sealed(bytes));
    try {
        if (kind == "decisions")
            once::load_decisions(path, config);
        else
            once::merge_signatures({path}, config, dir.path("out.decisions"));
    } catch (const once::Error& error) {
        CHECK(error.file() == path);
        return error;
    }
    return std::nullopt;
}

}  // namespace

// Regression (issue 14): enum bytes and indices were taken as they came: a line role of 9, a rule
// of 63, a line naming sentence 1000 of 2, a span of kind 9, a span ending before it starts or a
// source in document 99 of 2 loaded and reached the stages (tables indexed out of bounds, cuts
// beyond the text). Each is now a one-line input error with the file and the record's offset.
TEST_CASE("shard files: enum and index values out of range are refused with the file and offset") {
    once::test::TempDir dir;
    once::Config config;
    config.threads = 1;
    const std::string text = "Budget approved for the coming year. Schools and roads get more money now.\n";
    dir.write("in/a.txt", text);
    const std::string b = dir.write("in/b.txt", text);  // a copy: its span has a source
    once::Corpus corpus({dir.path("in")}, {});
    const std::string sig = dir.path("a.sig");
    once::write_signatures(corpus, config, once::Recurrence{}, sig);
    const std::string decisions_path = dir.path("a.decisions");
    once::merge_signatures({sig}, config, decisions_path);

    // Signature file: magic, settings, then per document its id, text hash and line count, then lines:
    // start, end, next (u64), blank (u8), first and last sentence (u32), role (u8), docs (u32),
    // score (f64), flags (u8: bits 2-7 the rule).
    const std::string signatures = once::test::body_of(read_bytes(sig));
    const std::size_t magic = signatures.find('\n') + 1;
    const std::size_t first_id = magic + 8 + get_u64(signatures, magic);
    const std::size_t line = first_id + 8 + get_u64(signatures, first_id) + 8 + 8;
    {
        std::string bytes = signatures;
        bytes[line + 33] = 9;  // role
        const auto error = refusal(dir, config, "signatures", bytes);
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::input_error);
        CHECK(error->offset() == line + 33);
        CHECK(error->message() == "corrupt file: line role 9");
    }
    {
        std::string bytes = signatures;
        bytes[line + 46] = static_cast<char>(0xFC);  // rule 63
        const auto error = refusal(dir, config, "signatures", bytes);
        REQUIRE(error);
        CHECK(error->offset() == line + 46);
    }
    {
        std::string bytes = signatures;
        put_u32(bytes, line + 29, 1000);  // last sentence
        const auto error = refusal(dir, config, "signatures", bytes);
        REQUIRE(error);
        CHECK(error->offset() == line);
    }
    {
        std::string bytes = signatures;
        put_u64(bytes, line, 5);  // the first line starts at 5
        const auto error = refusal(dir, config, "signatures", bytes);
        REQUIRE(error);
        CHECK(error->offset() == line);
    }

    // Decisions file: b's record is the last: id, text hash, span count, then the span: start, end (u64),
    // kind (u8), cluster (u32), similarity (f64), match (string), docs and four u32, rule
    // (string), has-source (u8), source document (u64), ...
    const std::string decisions = once::test::body_of(read_bytes(decisions_path));
    const std::size_t record = decisions.rfind(b) - 8;
    REQUIRE(get_u64(decisions, record + 8 + b.size() + 8) >= 1);
    const std::size_t span = record + 8 + b.size() + 8 + 8;
    const std::size_t match = span + 8 + 8 + 1 + 4 + 8;
    const std::size_t rule = match + 8 + get_u64(decisions, match) + 5 * 4;
    const std::size_t source = rule + 8 + get_u64(decisions, rule);
    REQUIRE(decisions[source] == 1);
    CHECK_FALSE(refusal(dir, config, "decisions", decisions));
    {
        std::string bytes = decisions;
        bytes[span + 16] = 9;  // kind
        const auto error = refusal(dir, config, "decisions", bytes);
        REQUIRE(error);
        CHECK(error->offset() == span + 16);
    }
    {
        std::string bytes = decisions;
        put_u64(bytes, span, get_u64(decisions, span + 8) + 5);  // starts after its end
        const auto error = refusal(dir, config, "decisions", bytes);
        REQUIRE(error);
        CHECK(error->offset() == span);
    }
    {
        std::string bytes = decisions;
        put_u64(bytes, source + 1, 99);  // source in document 99 of 2
        const auto error = refusal(dir, config, "decisions", bytes);
        REQUIRE(error);
        CHECK(error->offset() == span);
        CHECK(error->message() == "corrupt file: a span's source (document 99 of 2)");
    }
    {
        // Applied to an input that shrank since sign: the span would cut beyond the text.
        dir.write("in/b.txt", "Budget.\n");
        once::Corpus changed({dir.path("in")}, {});
        const auto error = once::test::error_of(
            [&] { once::apply_decisions(changed, config, once::load_decisions(decisions_path, config), nullptr); });
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::input_error);
        CHECK(error->file() == decisions_path);
        CHECK(error->offset() == record);
    }
}

// Regression: decide_spans gives a copied passage and a copy inside it as two overlapping spans
// (seen on ldcc, dokujo-tsushin-5934540), which finish_spans merges when the text is cut, as in a
// single run; load_decisions refused them ("span out of order") and apply stopped with exit 3 on
// a file merge had written. Now a span may start inside the one before it, not before its start.
TEST_CASE("shard files: spans that overlap, as decide_spans gives them, load; one starting earlier does not") {
    once::test::TempDir dir;
    once::Config config;
    config.threads = 1;
    const std::string first = "Budget approved for the coming year. Schools and roads get more money now.\n";
    const std::string last = "The museum opens a new wing next spring for visitors from abroad.\n";
    dir.write("in/a.txt", first + "A quiet day at the harbour with boats in the sun.\n" + last);
    const std::string b = dir.write("in/b.txt", first + "Something else entirely, written for this page only.\n" + last);
    once::Corpus corpus({dir.path("in")}, {});
    const std::string sig = dir.path("a.sig");
    once::write_signatures(corpus, config, once::Recurrence{}, sig);
    const std::string decisions_path = dir.path("a.decisions");
    once::merge_signatures({sig}, config, decisions_path);

    // b's record is the last: id, text hash, span count, then its spans (layout in the test case above).
    const std::string decisions = once::test::body_of(read_bytes(decisions_path));
    const std::size_t record = decisions.rfind(b) - 8;
    REQUIRE(get_u64(decisions, record + 8 + b.size() + 8) == 2);  // the first line and the last
    const std::size_t span = record + 8 + b.size() + 8 + 8;
    const std::size_t match = span + 8 + 8 + 1 + 4 + 8;
    const std::size_t rule = match + 8 + get_u64(decisions, match) + 5 * 4;
    const std::size_t source = rule + 8 + get_u64(decisions, rule);
    REQUIRE(decisions[source] == 1);
    const std::size_t second = source + 1 + 3 * 8 + 4 * 4;  // source: document, start, end, positions
    REQUIRE(get_u64(decisions, second) > get_u64(decisions, span + 8));
    {
        std::string bytes = decisions;
        put_u64(bytes, second, get_u64(decisions, span) + 1);  // starts inside the first span
        CHECK_FALSE(refusal(dir, config, "decisions", bytes));
    }
    {
        std::string bytes = decisions;
        put_u64(bytes, span, 5);  // the first starts at 5, the second at 0: out of order
        put_u64(bytes, second, 0);
        const auto error = refusal(dir, config, "decisions", bytes);
        REQUIRE(error);
        CHECK(error->offset() == second);
        CHECK(error->message() == "corrupt file: span out of order or empty");
    }
}
