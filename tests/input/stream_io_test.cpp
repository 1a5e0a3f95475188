// stream_io_test.cpp — plain/gzip/zstd round trips, truncation, line splitting, atomic writes.
#include "once/input/stream_io.hpp"

#include "once/core/error.hpp"
#include "error_of.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

using once::test::TempDir;

void write_raw(const std::string& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_raw(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string bytes_of(std::initializer_list<unsigned char> list) {
    return std::string(list.begin(), list.end());
}

// Deterministic text-like data: words from a small vocabulary, lines of varying length, some
// non-ASCII. Compressible like real text, yet not trivially so.
std::string make_text(std::size_t size, std::uint64_t seed = 1) {
    static const std::vector<std::string> words = {"the", "once", "copy", "boilerplate", "data",
                                                   "café", "日本語", "Ünïcödé", "42", "x", "\t"};
    std::string out;
    out.reserve(size + 32);
    std::uint64_t state = seed;
    while (out.size() < size) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const auto pick = static_cast<std::size_t>(state >> 33);
        out += words[pick % words.size()];
        out += (pick % 13 == 0) ? '\n' : ' ';
    }
    out.resize(size);
    if (!out.empty()) out.back() = '\n';
    return out;
}

// Writes in uneven pieces so buffer boundaries fall everywhere.
void write_with_atomic_writer(const std::string& path, std::string_view data) {
    once::AtomicWriter writer(path);
    std::size_t piece = 1;
    while (!data.empty()) {
        const std::size_t n = std::min(piece, data.size());
        writer.write(data.substr(0, n));
        data.remove_prefix(n);
        piece = piece * 7 % 1000003 + 1;
    }
    writer.commit();
}

std::vector<std::string> read_lines(const std::string& path) {
    once::LineReader reader(path);
    std::vector<std::string> lines;
    std::string line;
    bool numbered = true;
    while (reader.next(line)) {
        lines.push_back(line);
        numbered = numbered && reader.line_number() == lines.size();
    }
    CHECK(numbered);
    return lines;
}

using once::test::error_of;

std::string contents_via_lines(const std::string& path) {
    std::string joined;
    for (const auto& line : read_lines(path)) joined += line + "\n";
    return joined;
}

const std::vector<std::string> k_extensions = {".txt", ".gz", ".zst"};

// `printf 'hello\nworld\n' | gzip -n -9` and `| zstd -q -c`: output of the standard tools.
const std::string k_gzip_hello_world =
    bytes_of({0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xe7,
              0x2a, 0xcf, 0x2f, 0xca, 0x49, 0xe1, 0x02, 0x00, 0xff, 0x5d, 0xc5, 0xc4, 0x0c, 0x00, 0x00, 0x00});
const std::string k_zstd_hello_world =
    bytes_of({0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x58, 0x61, 0x00, 0x00, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x0a, 0x77,
              0x6f, 0x72, 0x6c, 0x64, 0x0a, 0xb5, 0x0e, 0x87, 0x17});

}  // namespace

TEST_CASE("compression_for picks by extension") {
    struct Case {
        std::string path;
        once::Compression expected;
    };
    const std::vector<Case> cases = {
        {"a.txt", once::Compression::none},       {"a.jsonl.gz", once::Compression::gzip},
        {"a.jsonl.zst", once::Compression::zstd}, {"A.GZ", once::Compression::gzip},
        {"-", once::Compression::none},           {"dir.gz/file", once::Compression::none},
        {"gz", once::Compression::none},          {"a.zstd", once::Compression::none},
        {"", once::Compression::none},
    };
    for (const auto& c : cases) {
        CAPTURE(c.path);
        CHECK(once::compression_for(c.path) == c.expected);
    }
}

TEST_CASE("round trip through AtomicWriter, read_all and LineReader") {
    TempDir dir;
    const std::vector<std::string> samples = {"", "x", "one line without newline", "a\nb\r\n\nc\n",
                                              make_text(300'000, 7)};
    for (const auto& ext : k_extensions) {
        for (std::size_t i = 0; i < samples.size(); ++i) {
            CAPTURE(ext);
            CAPTURE(i);
            const std::string path = dir.path("sample" + std::to_string(i) + ext);
            write_with_atomic_writer(path, samples[i]);
            CHECK(once::read_all(path) == samples[i]);
        }
    }
}

TEST_CASE("round trip of 50 MB in every format") {
    TempDir dir;
    const std::string data = make_text(50u << 20, 3);
    for (const auto& ext : k_extensions) {
        CAPTURE(ext);
        const std::string path = dir.path("big" + ext);
        write_with_atomic_writer(path, data);
        if (ext != ".txt") CHECK(fs::file_size(path) < data.size() / 2);
        CHECK(once::read_all(path) == data);
        CHECK(contents_via_lines(path) == data);
    }
}

TEST_CASE("highly compressible data: output keeps coming after the input is used up") {
    TempDir dir;
    const std::string data = std::string(20u << 20, 'a') + "\n" + std::string(3u << 20, '\n');
    for (const std::string ext : {".gz", ".zst"}) {
        CAPTURE(ext);
        const std::string path = dir.path("zeros" + ext);
        write_with_atomic_writer(path, data);
        CHECK(fs::file_size(path) < 200'000);
        CHECK(once::read_all(path) == data);
        CHECK(contents_via_lines(path) == data);
    }
}

TEST_CASE("compressed files from the standard tools are read, including concatenations") {
    TempDir dir;
    struct Case {
        std::string name;
        std::string bytes;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"hello.gz", k_gzip_hello_world, "hello\nworld\n"},
        {"twice.gz", k_gzip_hello_world + k_gzip_hello_world, "hello\nworld\nhello\nworld\n"},
        {"hello.zst", k_zstd_hello_world, "hello\nworld\n"},
        {"twice.zst", k_zstd_hello_world + k_zstd_hello_world, "hello\nworld\nhello\nworld\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        write_raw(dir.path(c.name), c.bytes);
        CHECK(once::read_all(dir.path(c.name)) == c.expected);
        CHECK(contents_via_lines(dir.path(c.name)) == c.expected);
    }
}

TEST_CASE("truncated or corrupt compressed input is an input error naming the file") {
    TempDir dir;
    for (const std::string ext : {".gz", ".zst"}) {
        CAPTURE(ext);
        const std::string whole_path = dir.path("whole" + ext);
        write_with_atomic_writer(whole_path, make_text(1u << 20, 11));
        const std::string whole = read_raw(whole_path);
        REQUIRE(whole.size() > 100);

        std::vector<std::string> damaged = {
            whole.substr(0, whole.size() / 2),  // cut in the middle
            whole.substr(0, whole.size() - 1),  // trailer / checksum cut
            whole.substr(0, whole.size() - 4),
            whole.substr(0, 3),                 // header only
            "",                                 // empty file
        };
        std::string flipped = whole;
        flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x55);
        damaged.push_back(flipped);
        damaged.push_back(whole + "garbage after the end");

        const std::string expected_message =
            ext == ".gz" ? "truncated or corrupt gzip data" : "truncated or corrupt zstd data";
        for (std::size_t i = 0; i < damaged.size(); ++i) {
            CAPTURE(i);
            const std::string path = dir.path("damaged" + std::to_string(i) + ext);
            write_raw(path, damaged[i]);
            const auto error = error_of([&] { (void)once::read_all(path); });
            REQUIRE(error);
            CHECK(error->code() == once::ExitCode::input_error);
            CHECK(error->file() == path);
            CHECK(std::string(error->what()).find(expected_message) != std::string::npos);

            const auto line_error = error_of([&] { (void)read_lines(path); });
            REQUIRE(line_error);
            CHECK(line_error->code() == once::ExitCode::input_error);
        }
    }
}

TEST_CASE("a missing or unreadable input is an input error naming it") {
    TempDir dir;
    for (const std::string name : {"missing.txt", "missing.gz", "missing.zst"}) {
        const std::string path = dir.path(name);
        const auto error = error_of([&] { (void)once::read_all(path); });
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::input_error);
        CHECK(std::string(error->what()).find(path) != std::string::npos);

        const auto reader_error = error_of([&] { once::LineReader reader(path); });
        REQUIRE(reader_error);
        CHECK(reader_error->code() == once::ExitCode::input_error);
        CHECK(reader_error->file() == path);
    }
    // A directory opens but cannot be read.
    const auto dir_error = error_of([&] { (void)once::read_all(dir.path()); });
    REQUIRE(dir_error);
    CHECK(dir_error->code() == once::ExitCode::input_error);
}

TEST_CASE("LineReader splits on \\n only and keeps \\r") {
    TempDir dir;
    struct Case {
        std::string input;
        std::vector<std::string> lines;
    };
    const std::vector<Case> cases = {
        {"", {}},
        {"\n", {""}},
        {"a", {"a"}},
        {"a\n", {"a"}},
        {"a\n\n", {"a", ""}},
        {"a\nb", {"a", "b"}},
        {"a\r\nb\r\n", {"a\r", "b\r"}},
        {"a\rb\n", {"a\rb"}},
        {"   \n\t\n", {"   ", "\t"}},
        {"日本語\nčeština\n", {"日本語", "čeština"}},
    };
    for (const auto& ext : k_extensions) {
        for (std::size_t i = 0; i < cases.size(); ++i) {
            CAPTURE(ext);
            CAPTURE(cases[i].input);
            const std::string path = dir.path("lines" + std::to_string(i) + ext);
            write_with_atomic_writer(path, cases[i].input);
            CHECK(read_lines(path) == cases[i].lines);
        }
    }
}

TEST_CASE("LineReader returns lines far longer than its buffer") {
    TempDir dir;
    std::string long_line(40u << 20, 'x');
    for (std::size_t i = 0; i < long_line.size(); i += 4099) long_line[i] = 'y';
    const std::string data = "short\n" + long_line + "\r\nlast";
    for (const auto& ext : k_extensions) {
        CAPTURE(ext);
        const std::string path = dir.path("long" + ext);
        write_with_atomic_writer(path, data);
        once::LineReader reader(path);
        std::string line;
        REQUIRE(reader.next(line));
        CHECK(line == "short");
        REQUIRE(reader.next(line));
        CHECK(reader.line_number() == 2);
        CHECK(line.size() == long_line.size() + 1);
        CHECK(line == long_line + "\r");
        REQUIRE(reader.next(line));
        CHECK(line == "last");
        CHECK_FALSE(reader.next(line));
        CHECK_FALSE(reader.next(line));  // stays at the end
        CHECK(reader.line_number() == 3);
    }
}

TEST_CASE("LineReader: a line over its limit is a resource error naming the file and the line") {
    TempDir dir;
    const std::string path = dir.path("big.jsonl");
    write_raw(path, "{\"text\": \"short\"}\n" + std::string(5000, 'x') + "\nlast\n");
    once::LineReader reader(path);
    reader.limit_line(4096);
    std::string line;
    REQUIRE(reader.next(line));
    const auto error = once::test::error_of([&] { reader.next(line); });
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::resource_limit);
    CHECK(error->file() == path);
    CHECK(error->message().find("one document on line 2 larger than --max-memory allows") != std::string::npos);
}

TEST_CASE("\"-\" reads stdin and writes stdout") {
    TempDir dir;
    const std::string input_path = dir.path("stdin.txt");
    write_raw(input_path, "from\nstdin\n");

    const int saved_stdin = ::dup(STDIN_FILENO);
    const int in_fd = ::open(input_path.c_str(), O_RDONLY);
    REQUIRE(in_fd >= 0);
    ::dup2(in_fd, STDIN_FILENO);
    const std::string read = once::read_all("-");
    ::dup2(saved_stdin, STDIN_FILENO);
    ::close(in_fd);
    ::close(saved_stdin);
    CHECK(read == "from\nstdin\n");

    const std::string output_path = dir.path("stdout.txt");
    std::fflush(stdout);
    const int saved_stdout = ::dup(STDOUT_FILENO);
    const int out_fd = ::open(output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    REQUIRE(out_fd >= 0);
    ::dup2(out_fd, STDOUT_FILENO);
    {
        once::AtomicWriter writer("-");
        writer.write("to ");
        writer.write("stdout\n");
        writer.commit();
    }
    std::fflush(stdout);
    ::dup2(saved_stdout, STDOUT_FILENO);
    ::close(out_fd);
    ::close(saved_stdout);
    CHECK(read_raw(output_path) == "to stdout\n");
    CHECK(dir.entries() == std::set<std::string>{"stdin.txt", "stdout.txt"});
}

TEST_CASE("AtomicWriter writes through a temporary file beside the target") {
    for (const auto& ext : k_extensions) {
        CAPTURE(ext);
        const std::string name = "out" + ext;
        {
            INFO("commit renames into place and leaves nothing else");
            TempDir dir;
            const std::string path = dir.path(name);
            once::AtomicWriter writer(path);
            writer.write("payload\n");
            const auto during = dir.entries();
            REQUIRE(during.size() == 1);
            CHECK(during.begin()->rfind("." + name + ".once-tmp-", 0) == 0);
            CHECK_FALSE(fs::exists(path));
            writer.commit();
            CHECK(dir.entries() == std::set<std::string>{name});
            CHECK(once::read_all(path) == "payload\n");
        }
        {
            INFO("destruction without commit removes the temporary file and creates no target");
            TempDir dir;
            {
                once::AtomicWriter writer(dir.path(name));
                writer.write("abandoned\n");
            }
            CHECK(dir.entries().empty());
        }
        {
            INFO("an existing target is untouched until commit");
            TempDir dir;
            const std::string path = dir.path(name);
            write_raw(path, "old");
            {
                once::AtomicWriter writer(path);
                writer.write("new");
            }
            CHECK(read_raw(path) == "old");
            CHECK(dir.entries() == std::set<std::string>{name});
            write_with_atomic_writer(path, "new");
            CHECK(once::read_all(path) == "new");
            CHECK(dir.entries() == std::set<std::string>{name});
        }
        {
            INFO("two writers to one target do not collide");
            TempDir dir;
            const std::string path = dir.path(name);
            once::AtomicWriter first(path);
            once::AtomicWriter second(path);
            first.write("first");
            second.write("second");
            CHECK(dir.entries().size() == 2);
            first.commit();
            second.commit();
            CHECK(once::read_all(path) == "second");
            CHECK(dir.entries() == std::set<std::string>{name});
        }
    }
}

TEST_CASE("AtomicWriter without a temporary name writes under the name itself, and removes it when not committed") {
    for (const auto& ext : k_extensions) {
        CAPTURE(ext);
        const std::string name = "staged" + ext;
        const std::string text = make_text(100'000, 5);
        TempDir dir;
        const std::string path = dir.path(name);
        {
            once::AtomicWriter writer(path, {.durable = false, .via_temporary = false});
            writer.write(text);
            CHECK(dir.entries() == std::set<std::string>{name});  // no temporary file beside it
            writer.commit();
        }
        CHECK(dir.entries() == std::set<std::string>{name});
        CHECK(once::read_all(path) == text);
        const std::string abandoned = dir.path("abandoned" + ext);
        {
            once::AtomicWriter writer(abandoned, {.durable = false, .via_temporary = false});
            writer.write(text);
        }
        CHECK_FALSE(fs::exists(abandoned));
        // The name is created, never taken over: a file already there is an output error.
        const auto error = error_of([&] { once::AtomicWriter writer(path, {.via_temporary = false}); });
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::output_error);
        CHECK(once::read_all(path) == text);
    }
}

TEST_CASE("AtomicWriter removes the temporary files of its target that runs killed with -9 left, and only those") {
    // A process that has exited: its id names no process (until the system reuses it).
    const pid_t gone = ::fork();
    REQUIRE(gone >= 0);
    if (gone == 0) ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    TempDir dir;
    const std::string stale = ".s.sig.once-tmp-" + std::to_string(gone) + "-0";
    const std::string live = ".s.sig.once-tmp-" + std::to_string(::getppid()) + "-0";  // a process that runs
    const std::string other = ".t.sig.once-tmp-" + std::to_string(gone) + "-0";       // another output's
    for (const auto& name : {stale, live, other}) dir.write(name, "left behind");
    once::AtomicWriter writer(dir.path("s.sig"));
    writer.write("signatures");
    writer.commit();
    CHECK(dir.entries() == std::set<std::string>{"s.sig", live, other});
}

TEST_CASE("AtomicWriter failures are output errors naming the target") {
    TempDir dir;
    // A missing folder is made (as for staged outputs); one that cannot be (a file is in the
    // way) is an output error when the writer is made.
    dir.write("a-file", "x");
    const std::string path = dir.path("a-file/out.txt");
    const auto error = error_of([&] { once::AtomicWriter writer(path); });
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::output_error);
    CHECK(error->file() == path);
    {
        once::AtomicWriter writer(dir.path("new/folder/out.txt"));
        writer.write("x");
        writer.commit();
    }
    CHECK(once::read_all(dir.path("new/folder/out.txt")) == "x");
    fs::remove_all(dir.path("new"));
    fs::remove(dir.path("a-file"));

    // Renaming a file over a directory fails at commit; the temporary file must still go.
    fs::create_directory(dir.path("a-directory"));
    const auto commit_error = error_of([&] {
        once::AtomicWriter writer(dir.path("a-directory"));
        writer.write("x");
        writer.commit();
    });
    REQUIRE(commit_error);
    CHECK(commit_error->code() == once::ExitCode::output_error);
    CHECK(commit_error->file() == dir.path("a-directory"));
    CHECK(dir.entries() == std::set<std::string>{"a-directory"});
}

TEST_CASE("FileBytes: a plain file is seen whole (mapped), compressed and empty ones too, a missing one is an input error") {
    once::test::TempDir dir;
    std::string big;
    for (int i = 0; i < 100000; ++i) big += "line " + std::to_string(i) + "\n";
    const std::string plain = dir.write("plain.bin", big);
    CHECK(once::FileBytes(plain).view() == big);
    const std::string empty = dir.write("empty.bin", "");
    CHECK(once::FileBytes(empty).view().empty());
    {
        once::AtomicWriter writer(dir.path("packed.txt.zst"));
        writer.write(big);
        writer.commit();
    }
    CHECK(once::FileBytes(dir.path("packed.txt.zst")).view() == big);
    try {
        once::FileBytes missing(dir.path("missing.bin"));
        FAIL("no error");
    } catch (const once::Error& error) {
        CHECK(error.code() == once::ExitCode::input_error);
        CHECK(std::string(error.what()).find("missing.bin") != std::string::npos);
    }
}

TEST_CASE("compressed outputs at every level and worker count read back the same; the standard tools read them") {
    TempDir dir;
    // Several gzip members (one per MiB block) and a zstd stream of several jobs.
    const std::string data = make_text(3'500'000, 11);
    for (const std::string ext : {".gz", ".zst"}) {
        for (const int level : {0, 1, 6, 9}) {
            for (const int workers : {1, 3}) {
                CAPTURE(ext);
                CAPTURE(level);
                CAPTURE(workers);
                const std::string path = dir.path("levels" + std::to_string(level) + "w" + std::to_string(workers) + ext);
                once::AtomicWriter writer(path, {.compression_level = level, .compression_threads = workers});
                writer.write(data);
                writer.commit();
                CHECK(once::read_all(path) == data);
                CHECK(contents_via_lines(path) == data);
            }
            // The bytes do not depend on the number of zstd workers (nor, for gzip, on anything
            // but the level), so --threads never changes a compressed output.
            CHECK(read_raw(dir.path("levels" + std::to_string(level) + "w1" + ext)) ==
                  read_raw(dir.path("levels" + std::to_string(level) + "w3" + ext)));
        }
    }
    // The default .gz level is libdeflate's fastest (stream_io.hpp says why): level 0 writes
    // level 1's bytes, and level 6's differ.
    CHECK(read_raw(dir.path("levels0w1.gz")) == read_raw(dir.path("levels1w1.gz")));
    CHECK(read_raw(dir.path("levels0w1.gz")) != read_raw(dir.path("levels6w1.gz")));
    const std::string tool_out = dir.path("tool.txt");
    if (std::system(("gzip -dc " + dir.path("levels6w1.gz") + " > " + tool_out + " 2>/dev/null").c_str()) == 0)
        CHECK(read_raw(tool_out) == data);
    if (std::system(("zstd -q -dc " + dir.path("levels0w1.zst") + " > " + tool_out + " 2>/dev/null").c_str()) == 0)
        CHECK(read_raw(tool_out) == data);
}

TEST_CASE("an empty compressed output is still a valid stream; a level out of range is a usage error") {
    TempDir dir;
    for (const std::string ext : {".gz", ".zst"}) {
        CAPTURE(ext);
        const std::string path = dir.path("empty" + ext);
        once::AtomicWriter writer(path);
        writer.commit();
        CHECK(fs::file_size(path) > 0);
        CHECK(once::read_all(path).empty());
    }
    for (const auto& bad : std::vector<std::pair<std::string, int>>{{"a.gz", 13}, {"a.gz", -1}, {"a.zst", 20}, {"a.zst", 99}}) {
        // Not a structured binding: clang 14 cannot capture bindings in a lambda (CAPTURE, error_of).
        const std::string& name = bad.first;
        const int level = bad.second;
        CAPTURE(name);
        const auto error = error_of([&] { once::AtomicWriter writer(dir.path(name), {.compression_level = level}); });
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::usage);
        CHECK(std::string(error->what()).find("--compression-level") != std::string::npos);
        CHECK_FALSE(fs::exists(dir.path(name)));
    }
    // Plain outputs ignore the level.
    once::AtomicWriter plain(dir.path("plain.txt"), {.compression_level = 42});
    plain.write("x");
    plain.commit();
    CHECK(read_raw(dir.path("plain.txt")) == "x");
}

TEST_CASE("a writer that is not durable one by one still commits whole files; syncing the file system or a folder") {
    TempDir dir;
    for (const auto& ext : k_extensions) {
        CAPTURE(ext);
        const std::string path = dir.path("staged" + ext);
        const std::string text = make_text(100'000, 3);
        {
            once::AtomicWriter writer(path, {.durable = false});
            writer.write(text);
            CHECK_FALSE(fs::exists(path));  // no name until commit
            writer.commit();
        }
        CHECK(once::read_all(path) == text);
    }
    once::sync_file_system(dir.path("staged.txt"));  // a file names its file system
    once::sync_file_system(dir.path(""));            // and so does a folder
    once::sync_folder(dir.path(""));
    once::sync_folder(dir.path("missing"));  // best effort: no error
    const auto error = error_of([&] { once::sync_file_system(dir.path("missing/file")); });
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::output_error);
}
