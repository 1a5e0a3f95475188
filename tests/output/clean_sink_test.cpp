// clean_sink_test.cpp — outputs: every output or none under its final name; collisions found
// before any work; the JSON flag editor; one-line messages and exact bytes of odd file names.
#include "once/output/clean_sink.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include <csignal>
#include <sys/resource.h>

#include "error_of.hpp"
#include "once/core/error.hpp"
#include "once/output/message.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using once::test::TempDir;

namespace {

std::size_t regular_files(const std::string& root) {
    std::size_t count = 0;
    if (!fs::exists(root)) return 0;
    for (const auto& entry : fs::recursive_directory_iterator(root)) count += entry.is_regular_file();
    return count;
}

// Hands every document to the sink unchanged, as the pipeline would.
void feed(once::Corpus& corpus, once::CleanSink& sink) {
    corpus.scan([&](once::SourceDocument&& source) {
        once::DocResult result;
        result.id = source.doc.id;
        result.bytes = source.doc.text.size();
        sink.document(source, result, source.doc.text);
    });
}

// A full disk, as far as this process's writes see it: files may not grow past `bytes`
// (RLIMIT_FSIZE; with SIGXFSZ ignored a write past it fails with EFBIG). Restored on scope exit.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &old_);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = old_;
        limited.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limited);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, old_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit old_{};
    void (*old_handler_)(int) = SIG_DFL;
};

// Runs a whole clean (feed and commit) under a file size limit of `limit` bytes and returns
// what it threw. Nothing is checked under the limit: doctest's own output stays unlimited.
std::optional<once::Error> clean_under_limit(const once::CleanOutputs& outputs, once::Corpus& corpus, rlim_t limit) {
    std::optional<once::Error> error;
    {
        once::CleanSink sink(outputs, once::Config{}, corpus, "test");
        const FileSizeLimit full(limit);
        error = once::test::error_of([&] {
            feed(corpus, sink);
            sink.commit();
        });
    }
    return error;
}

}  // namespace

TEST_CASE("CleanSink: a write that fails names the output the user gave, not its staging path") {
    // Probe finding (session 32): a full disk gave `/abs/out/.once-staging-PID/a.txt: write
    // error: No space left on device`, a path the user never gave, absolute.
    TempDir dir;
    const std::string big(64 * 1024, 'x');
    dir.write("in/a.txt", big + "\n");
    dir.write("in.jsonl", "{\"id\":\"1\",\"text\":\"" + big + "\"}\n");
    const std::string limit_message = "write error: File too large";
    SUBCASE("a cleaned file of a folder output") {
        once::Corpus corpus({dir.path("in")}, {});
        const auto error = clean_under_limit({dir.path("out"), "", false, "", nullptr, {}}, corpus, 4096);
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::output_error);
        CHECK(error->file() == dir.path("out") + "/a.txt");
        CHECK(error->message() == limit_message);
    }
    SUBCASE("the map") {
        once::Corpus corpus({dir.path("in")}, {});
        const auto error = clean_under_limit({"", dir.path("map.jsonl"), false, "", nullptr, {}}, corpus, 64);
        REQUIRE(error);
        CHECK(error->file() == dir.path("map.jsonl"));
        CHECK(error->message() == limit_message);
    }
    SUBCASE("one JSON Lines file, compressed") {
        once::Corpus corpus({dir.path("in.jsonl")}, {});
        const auto error = clean_under_limit({dir.path("out.jsonl.zst"), "", false, "", nullptr, {}}, corpus, 16);
        REQUIRE(error);
        CHECK(error->file() == dir.path("out.jsonl.zst"));
        CHECK(error->message() == limit_message);
    }
    SUBCASE("one text file cleaned to one file") {
        once::Corpus corpus({dir.path("in/a.txt")}, {});
        const auto error = clean_under_limit({dir.path("a.clean.txt"), "", false, "", nullptr, {}}, corpus, 4096);
        REQUIRE(error);
        CHECK(error->file() == dir.path("a.clean.txt"));
    }
    CHECK(dir.entries() == std::set<std::string>{"in", "in.jsonl"});  // nothing left behind
}

TEST_CASE("CleanSink: a run that fails before commit leaves no output under a final name") {
    TempDir dir;
    dir.write("in/a.txt", "first\n");
    dir.write("in/sub/b.txt", "second\n");
    once::Corpus corpus({dir.path("in")}, {});
    const once::CleanOutputs outputs{dir.path("out"), dir.path("map.jsonl"), false, "", nullptr, {}};
    {
        once::CleanSink sink(outputs, once::Config{}, corpus, "test");
        feed(corpus, sink);
        // No commit: the run threw after every document was written.
    }
    CHECK(regular_files(dir.path("out")) == 0);
    CHECK_FALSE(fs::exists(dir.path("map.jsonl")));
    CHECK(regular_files(dir.path()) == 2);  // the inputs, and no temporary file left behind

    once::CleanSink sink(outputs, once::Config{}, corpus, "test");
    feed(corpus, sink);
    sink.commit();
    CHECK(fs::exists(dir.path("out/a.txt")));
    CHECK(fs::exists(dir.path("out/sub/b.txt")));
    CHECK(fs::exists(dir.path("map.jsonl")));
    CHECK(regular_files(dir.path("out")) == 2);  // the staging folder is gone
}

TEST_CASE("cleans_to_one_file: one text file to an -o that is no folder, as cp copies") {
    TempDir dir;
    dir.write("in/a.txt", "first\n");
    dir.write("in/b.txt", "second\n");
    dir.write("one/c.txt", "third\n");
    fs::create_directories(dir.path("existing"));
    const auto to = [&](const std::string& out) { return once::CleanOutputs{out, "", false, "", nullptr, {}}; };
    const once::Corpus file({dir.path("in/a.txt")}, {});
    CHECK(once::cleans_to_one_file(to(dir.path("a.clean.txt")), file));
    CHECK(once::cleans_to_one_file(to(dir.path("new/a")), file));
    CHECK_FALSE(once::cleans_to_one_file(to(dir.path("existing")), file));   // into the folder
    CHECK_FALSE(once::cleans_to_one_file(to(dir.path("new") + "/"), file));  // a folder by its slash
    CHECK_FALSE(once::cleans_to_one_file(to("-"), file));
    CHECK_FALSE(once::cleans_to_one_file(to(""), file));
    // A folder holding one file is mirrored, as `cp -r` would; two files always are.
    CHECK_FALSE(once::cleans_to_one_file(to(dir.path("c.clean.txt")), once::Corpus({dir.path("one")}, {})));
    CHECK_FALSE(once::cleans_to_one_file(to(dir.path("x.txt")), once::Corpus({dir.path("in/a.txt"), dir.path("in/b.txt")}, {})));

    // Written as that file, with nothing else beside it.
    const once::CleanOutputs outputs = to(dir.path("a.clean.txt"));
    once::check_outputs(outputs, {}, file);
    once::Corpus corpus({dir.path("in/a.txt")}, {});
    once::CleanSink sink(outputs, once::Config{}, corpus, "test");
    feed(corpus, sink);
    sink.commit();
    CHECK(fs::is_regular_file(dir.path("a.clean.txt")));
    std::ifstream cleaned(dir.path("a.clean.txt"), std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(cleaned), {}) == "first\n");
    // The input itself as -o is refused like any output over an input.
    CHECK_THROWS_AS(once::check_outputs(to(dir.path("in/a.txt")), {}, file), once::Error);
}

TEST_CASE("check_outputs: collisions are found from the file list alone") {
    TempDir dir;
    dir.write("in/a.txt", "x\n");
    dir.write("other/a.txt", "y\n");
    once::Corpus two_names({dir.path("in/a.txt"), dir.path("other/a.txt")}, {});
    CHECK_THROWS_AS(once::check_outputs({dir.path("out"), "", false, "", nullptr, {}}, {}, two_names), once::Error);
    once::Corpus corpus({dir.path("in")}, {});
    CHECK_THROWS_AS(once::check_outputs({"", dir.path("m"), false, "", nullptr, {}}, {dir.path("m")}, corpus), once::Error);
    CHECK_THROWS_AS(once::check_outputs({"-", "", false, "", nullptr, {}}, {"-"}, corpus), once::Error);
    CHECK_THROWS_AS(once::check_outputs({dir.path("in/x"), "", false, "", nullptr, {}}, {}, corpus), once::Error);
    CHECK_NOTHROW(once::check_outputs({dir.path("out"), dir.path("out.map.jsonl"), false, "", nullptr, {}}, {dir.path("r.json")}, corpus));
}

TEST_CASE("add_json_flag inserts the field before the closing brace") {
    struct Case {
        std::string line, expected;
    };
    for (const auto& c : std::vector<Case>{{R"({"a":1})", R"({"a":1,"dup":true})"},
                                           {R"({})", R"({"dup":true})"},
                                           {R"({ "a" : {"b":2} } )", R"({ "a" : {"b":2} ,"dup":true} )"}}) {
        std::string line = c.line;
        once::add_json_flag(line, "dup", true);
        CHECK(line == c.expected);
    }
}

TEST_CASE("one_line escapes control characters and invalid UTF-8, keeps valid text") {
    CHECK(once::one_line("plain.txt") == "plain.txt");
    CHECK(once::one_line("a\nb\tc\rd") == "a\\nb\\tc\\rd");
    CHECK(once::one_line("\x1b[31mred") == "\\x1b[31mred");
    CHECK(once::one_line("caf\xe9.txt") == "caf\\xe9.txt");
    CHECK(once::one_line("日本語.txt") == "日本語.txt");
    CHECK(once::one_line("\xe6\x97") == "\\xe6\\x97");  // a cut-off sequence
}
