// temp_dir_test.cpp — --tmp-dir's default beside the output, the start-up check of a folder, and
// which spool folders a new run takes for a killed run's (only those of processes that are gone).
#include "once/core/temp_dir.hpp"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "temp_dir.hpp"

namespace {

using once::test::error_of;
using once::test::TempDir;

// The id of a process that has ended: a child that exited and was reaped (so kill(pid, 0) fails
// with ESRCH until the id is reused, which takes the kernel a full round of ids).
pid_t ended_process() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

}  // namespace

TEST_CASE("temp dir: the default is the output's folder, else $TMPDIR") {
    TempDir dir;
    std::filesystem::create_directories(dir.path("out"));
    struct Row {
        const char* name;
        std::string output;
        std::string expected;
    };
    const std::vector<Row> rows = {
        {"file in an existing folder", dir.path("out/clean.jsonl"), dir.path("out")},
        {"folder output", dir.path("out/site"), dir.path("out")},
        {"folder output with a slash", dir.path("out/site/"), dir.path("out")},
        {"folders not made yet: the nearest existing one", dir.path("out/a/b/c.jsonl"), dir.path("out")},
        {"CJK names", dir.path("out/出力/結果.jsonl"), dir.path("out")},
        {"bare name", "clean.jsonl", "."},
        {"bare folder with a slash", "cleaned/", "."},
        {"stdout", "-", once::temp_folder()},
        {"no output (scan, check)", "", once::temp_folder()},
        {"root", "/x.jsonl", "/"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        CHECK(once::default_temp_folder(row.output) == row.expected);
    }
    CHECK(once::temp_folder_or("") == once::temp_folder());
    CHECK(once::temp_folder_or("/srv/tmp") == "/srv/tmp");
}

TEST_CASE("temp dir: $TMPDIR, or /tmp when it is unset or empty") {
    const char* saved = std::getenv("TMPDIR");
    const std::string kept = saved ? saved : "";
    ::setenv("TMPDIR", "/var/tmp", 1);
    CHECK(once::temp_folder() == "/var/tmp");
    ::setenv("TMPDIR", "", 1);
    CHECK(once::temp_folder() == "/tmp");
    ::unsetenv("TMPDIR");
    CHECK(once::temp_folder() == "/tmp");
    if (saved) ::setenv("TMPDIR", kept.c_str(), 1);
}

TEST_CASE("temp dir: the check leaves nothing, and an unusable folder is an output error naming it") {
    TempDir dir;
    once::check_temp_folder(dir.path());
    CHECK(dir.entries().empty());
    const std::string file = dir.write("a-file", "x");
    for (const std::string& bad : {dir.path("missing"), file, file + "/below"}) {
        CAPTURE(bad);
        const auto error = error_of([&] { once::check_temp_folder(bad); });
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::output_error);
        CHECK(error->file() == bad);
        CHECK(error->message().find("--tmp-dir") != std::string::npos);
    }
}

TEST_CASE("temp dir: only spool folders of ended processes are stale") {
    TempDir dir;
    const std::string mine = once::make_spool_folder(dir.path());
    CHECK(std::filesystem::path(mine).filename().string().rfind(".once-spool-" + std::to_string(::getpid()) + "-", 0) == 0);
    const std::string ended = ".once-spool-" + std::to_string(ended_process()) + "-abcdef";
    dir.write(ended + "/0-stdin.txt", "spooled text");
    dir.write(".once-spool-1-abcdef/0-stdin.txt", "pid 1 is alive");
    dir.write(".once-spool-x1-abcdef/keep", "not a process id");
    dir.write(".once-spool-12345678901-abc/keep", "too long for a process id");
    dir.write("once-spool-99-abcdef/keep", "not hidden: not ours");
    const std::string no_tail = ".once-spool-" + std::to_string(ended_process());
    dir.write(no_tail + "/keep", "no '-XXXXXX' after the id: not a spool folder");
    dir.write(".once-staging-99/keep", "output/staging's business");
    const std::vector<std::string> removed = once::remove_stale_spools(dir.path());
    CHECK(removed == std::vector<std::string>{dir.path(ended)});
    CHECK(dir.entries() == std::set<std::string>{std::filesystem::path(mine).filename().string(), ".once-spool-1-abcdef",
                                                 ".once-spool-x1-abcdef", ".once-spool-12345678901-abc",
                                                 "once-spool-99-abcdef", ".once-staging-99",
                                                 no_tail});
    CHECK(once::remove_stale_spools(dir.path("missing")).empty());
    const auto error = error_of([&] { once::make_spool_folder(dir.path("missing")); });
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::output_error);
}

TEST_CASE("temp dir: a process id is read from a name only between the prefix and the rest") {
    using once::owner_in_name;
    CHECK(owner_in_name(".once-spool-123-abc", ".once-spool-").pid == 123);
    CHECK(owner_in_name(".once-spool-123-abc", ".once-spool-").rest == "-abc");
    CHECK(owner_in_name(".once-staging-77", ".once-staging-").pid == 77);
    CHECK(owner_in_name(".once-staging-77", ".once-staging-").rest.empty());
    CHECK(owner_in_name(".once-staging-999999999", ".once-staging-").pid == 999999999);  // 9 digits
    CHECK(owner_in_name(".once-staging-1234567890", ".once-staging-").pid == 0);         // 10: not ours
    CHECK(owner_in_name(".once-staging-", ".once-staging-").pid == 0);
    CHECK(owner_in_name(".once-staging-x1", ".once-staging-").pid == 0);
    CHECK(owner_in_name("once-staging-1", ".once-staging-").pid == 0);
    CHECK(owner_in_name(".once-spool-1", ".once-staging-").pid == 0);
}
