// streams_test.cpp — inputs that are not plain files (issue 14): pipes and FIFOs read once and
// spooled for later scans, what a folder walk does not read, binary detection from the start of
// a file like grep and git, and JSON Lines lines as docs/jsonl-input.md describes them.
#include "once/input/reader.hpp"

#include "once/core/error.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

using once::test::TempDir;

std::vector<std::string> texts_of(once::Corpus& corpus) {
    std::vector<std::string> out;
    corpus.scan([&](once::SourceDocument&& source) { out.push_back(source.doc.text); });
    return out;
}

// Writes `bytes` into the FIFO at `path` from another thread, the way `<(cat f)` would.
std::thread feed_fifo(const std::string& path, std::string bytes) {
    return std::thread([path, bytes = std::move(bytes)] {
        const int fd = ::open(path.c_str(), O_WRONLY);
        if (fd < 0) return;
        for (std::size_t done = 0; done < bytes.size();) {
            const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        ::close(fd);
    });
}

bool has_notice(const once::Corpus& corpus, const std::string& id_end, const std::string& reason_part) {
    for (const auto& notice : corpus.notices())
        if (notice.id.size() >= id_end.size() && notice.id.compare(notice.id.size() - id_end.size(), id_end.size(), id_end) == 0 &&
            notice.reason.find(reason_part) != std::string::npos)
            return true;
    return false;
}

}  // namespace

// Regression (issue 14): a FIFO was read twice — the second read hung, and `<(cat f)` (a pipe
// behind /dev/fd/N) was "empty input" in the second scan.
TEST_CASE("streams: a FIFO given as input is read once and scanned as often as needed") {
    TempDir dir;
    const std::string fifo = dir.path("input.txt");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string text = "A first sentence from a pipe.\nAnd a second line.\n";
    std::thread writer = feed_fifo(fifo, text);
    std::string spool_folder;
    {
        once::Corpus corpus({fifo}, {});
        REQUIRE(corpus.files().size() == 1);
        CHECK(corpus.files()[0].stream);
        CHECK(texts_of(corpus) == std::vector<std::string>{text});
        writer.join();
        CHECK(texts_of(corpus) == std::vector<std::string>{text});  // second scan: from the spool
        CHECK(texts_of(corpus) == std::vector<std::string>{text});
        for (const auto& entry : fs::directory_iterator(fs::temp_directory_path()))
            if (entry.path().filename().string().rfind("once-spool-", 0) == 0) spool_folder = entry.path().string();
    }
    if (!spool_folder.empty()) CHECK_FALSE(fs::exists(spool_folder + "/0-input.txt"));  // removed with the Corpus
}

TEST_CASE("streams: a JSON Lines FIFO keeps its format by name and is read twice") {
    TempDir dir;
    const std::string fifo = dir.path("records.jsonl");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::thread writer = feed_fifo(fifo, "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n");
    once::Corpus corpus({fifo}, {});
    CHECK(texts_of(corpus) == std::vector<std::string>{"one", "two"});
    writer.join();
    CHECK(texts_of(corpus) == std::vector<std::string>{"one", "two"});
}

// Regression (issue 14): dangling symbolic links, FIFOs and symbolic links to folders inside an
// input folder were skipped without a word.
TEST_CASE("streams: what a folder walk does not read is listed in notices()") {
    TempDir dir;
    dir.write("in/a.txt", "A text that is read.");
    dir.write("elsewhere/b.txt", "Behind a link to a folder.");
    fs::create_symlink(dir.path("missing.txt"), dir.path("in/dangling.txt"));
    fs::create_directory_symlink(dir.path("elsewhere"), dir.path("in/linked"));
    fs::create_symlink(dir.path("in/a.txt"), dir.path("in/alias.txt"));
    REQUIRE(::mkfifo(dir.path("in/pipe.txt").c_str(), 0600) == 0);
    once::Corpus corpus({dir.path("in")}, {});
    CHECK(texts_of(corpus) == std::vector<std::string>{"A text that is read.", "A text that is read."});  // a.txt, alias.txt
    CHECK(corpus.notices().size() == 3);
    CHECK(has_notice(corpus, "in/dangling.txt", "dangling symbolic link"));
    CHECK(has_notice(corpus, "in/linked", "symbolic link to a folder"));
    CHECK(has_notice(corpus, "in/pipe.txt", "FIFO"));
    CHECK(corpus.skipped().empty());
}

TEST_CASE("streams: binary is decided by the start of a file; stray controls later are text") {
    const std::string prose(9000, 'a');
    // Regression (issue 11.7): one NUL at byte 54,813 of a real text stopped the whole run.
    CHECK_FALSE(once::check_text(prose + std::string("\0", 1) + "tail").has_value());
    CHECK(once::check_text(std::string("ab\0cd", 5))->message.find("binary") == 0);
    CHECK(once::check_text("text " + std::string(7000, 'x') + std::string("\0", 1))->offset == 7005);  // inside 8000
    CHECK(once::check_text(std::string(100, '\x01'))->message.find("control bytes") != std::string::npos);
    CHECK_FALSE(once::check_text(std::string(60, 'a') + std::string(20, '\x1b')).has_value());  // a quarter: text
    CHECK(once::check_text(std::string(40, 'a') + std::string(30, '\x1b')).has_value());        // over a third
    const auto controls = once::stray_controls("a\tb\r\nc\x07" "d\x7f\x0c");
    CHECK(controls.count == 2);
    CHECK(controls.first == 6);

    TempDir dir;
    dir.write("late.txt", prose + std::string("\0\x07", 2) + "\nmore text\n");
    once::Corpus corpus({dir.path("late.txt")}, {});
    CHECK(texts_of(corpus).size() == 1);
    CHECK(has_notice(corpus, "late.txt", "2 control byte(s) kept as text (first at byte 9000)"));
}

TEST_CASE("streams: stray_controls scans eight bytes a step and counts what the byte rule counts") {
    // Property: on random texts of every length and mix (plain ASCII, UTF-8 lead and continuation
    // bytes, tabs and line ends, controls, DEL), the word-at-a-time scan finds exactly the bytes
    // the one-byte rule finds, and the first of them.
    const std::string alphabet = std::string("abc \t\n\r\x0b\x0c\x01\x1f\x7f\x80\xe3\x81", 16) + std::string("\0", 1);
    std::uint64_t state = 0x9e3779b97f4a7c15ULL;
    for (int round = 0; round < 2000; ++round) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const std::size_t length = (state >> 33) % 70;
        const std::size_t rare = 1 + (state >> 13) % 40;  // controls from frequent to rare
        std::string text;
        for (std::size_t i = 0; i < length; ++i) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            const std::size_t pick = (state >> 33) % (alphabet.size() * rare);
            text += pick < alphabet.size() ? alphabet[pick] : 'x';
        }
        std::size_t count = 0, first = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto byte = static_cast<unsigned char>(text[i]);
            const bool control = (byte < 0x20 && byte != '\t' && byte != '\n' && byte != 0x0B && byte != 0x0C &&
                                  byte != '\r') || byte == 0x7F;
            if (control && count++ == 0) first = i;
        }
        const auto found = once::stray_controls(text);
        REQUIRE(found.count == count);
        if (count > 0) REQUIRE(found.first == first);
    }
}

// docs/jsonl-input.md: "A `\r` before it stays in the line ... written back unchanged";
// "Empty and whitespace-only lines are errors". Regression (issue 14): CRLF became LF, and blank
// lines were skipped silently.
TEST_CASE("streams: JSON Lines keep a CRLF's \\r and refuse blank lines, as documented") {
    TempDir dir;
    const std::string crlf = dir.write("crlf.jsonl", "{\"id\":\"a\",\"text\":\"one\"}\r\n{\"id\":\"b\",\"text\":\"two\"}\r\n");
    once::Corpus corpus({crlf}, {});
    std::vector<std::string> raws;
    corpus.scan([&](once::SourceDocument&& source) { raws.push_back(source.record->raw); });
    CHECK(raws == std::vector<std::string>{"{\"id\":\"a\",\"text\":\"one\"}\r", "{\"id\":\"b\",\"text\":\"two\"}\r"});

    for (const std::string blank : {"\n", " \t\n", "\r\n"}) {
        CAPTURE(blank);
        const std::string path = dir.write("blank.jsonl", "{\"text\":\"one\"}\n" + blank + "{\"text\":\"two\"}\n");
        once::Corpus bad({path}, {});
        try {
            texts_of(bad);
            FAIL("a blank line was accepted");
        } catch (const once::Error& error) {
            CHECK(error.code() == once::ExitCode::input_error);
            CHECK(std::string(error.what()).find("line 2: empty line") != std::string::npos);
        }
    }
}

// Regression (issue 14): `\u0000` in a record was accepted while a NUL in a file is binary; the
// record's text now follows the file rule (binary by its start, stray controls later are text).
TEST_CASE("streams: a record's text follows the file rule for NUL and control bytes") {
    TempDir dir;
    const std::string late = "{\"id\":\"late\",\"text\":\"" + std::string(9000, 'a') + "\\u0000 end\"}\n";
    const std::string early = "{\"id\":\"early\",\"text\":\"ab\\u0000cd\"}\n";
    once::InputOptions skip;
    skip.on_error = once::OnError::skip;
    once::Corpus corpus({dir.write("r.jsonl", late + early)}, skip);
    CHECK(texts_of(corpus).size() == 1);
    REQUIRE(corpus.skipped().size() == 1);
    CHECK(corpus.skipped()[0].id.find("r.jsonl:2") != std::string::npos);
    CHECK(corpus.skipped()[0].reason.find("binary") != std::string::npos);
    CHECK(has_notice(corpus, "late", "1 control byte(s) kept as text (first at byte 9000)"));
}

// Regression (issue 14): reading and decompression were outside --max-memory.
TEST_CASE("streams: a document over max_document_bytes stops while it is read (exit 6)") {
    TempDir dir;
    const std::string big = dir.write("big.txt", std::string(4096, 'a') + "\n");
    const std::string records = dir.write("big.jsonl", "{\"text\":\"" + std::string(4096, 'a') + "\"}\n");
    once::InputOptions options;
    options.max_document_bytes = 1000;
    options.on_error = once::OnError::skip;  // a resource limit stops the run even so
    for (const std::string& path : {big, records}) {
        CAPTURE(path);
        once::Corpus corpus({path}, options);
        try {
            texts_of(corpus);
            FAIL("no resource limit");
        } catch (const once::Error& error) {
            CHECK(error.code() == once::ExitCode::resource_limit);
            CHECK(std::string(error.what()).find(path) != std::string::npos);
        }
    }
    options.max_document_bytes = 5000;
    once::Corpus fits({big, records}, options);
    CHECK(texts_of(fits).size() == 2);
}

// The first scan counts a text's stray controls once: those of its first 8,000 bytes while it is
// checked for binary data, the rest after it; the notice adds them up and names the first.
TEST_CASE("streams: stray controls on both sides of the binary sniff are counted once each") {
    TempDir dir;
    const std::string text = "ab\x07" + std::string(7995, 'a') + "\x01\x02" + std::string(20, 'b') + "\x03 end\n";
    dir.write("both.txt", text);
    dir.write("tail.txt", std::string(8000, 'a') + "\x04x\x05\n");
    const std::string record = "{\"id\":\"both\",\"text\":\"ab\\u0007" + std::string(7995, 'a') + "\\u0001\\u0002" +
                               std::string(20, 'b') + "\\u0003\\u0006 end\"}\n";
    once::Corpus corpus({dir.path("both.txt"), dir.path("tail.txt"), dir.write("r.jsonl", record)}, {});
    CHECK(texts_of(corpus).size() == 3);
    CHECK(has_notice(corpus, "both.txt", "4 control byte(s) kept as text (first at byte 2)"));
    CHECK(has_notice(corpus, "tail.txt", "2 control byte(s) kept as text (first at byte 8000)"));
    CHECK(has_notice(corpus, "both", "5 control byte(s) kept as text (first at byte 2)"));
}
