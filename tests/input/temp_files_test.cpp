// Tests for input/temp_files.hpp: on SIGTERM (and SIGINT) the registered files, trees and empty
// folders are removed before the process dies of the signal. Each case forks: the child
// registers, installs the handlers and signals itself; the parent checks what is left.
#include "once/input/temp_files.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "temp_dir.hpp"

namespace fs = std::filesystem;
using once::test::TempDir;

namespace {

// Runs `child` in a forked process that then raises `signal_number`; returns the wait status.
template <class Child>
int run_and_signal(int signal_number, Child child) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::signal(signal_number, SIG_DFL);
        once::remove_temp_files_on_signals();
        child();
        std::raise(signal_number);
        ::_exit(0);  // not reached: the handler re-raises with the default action
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

}  // namespace

TEST_CASE("temp files: a signal removes a registered tree with everything in it, and an empty made folder") {
    // SIGPIPE: `once clean in.jsonl -o - --map m.jsonl | head -1` died of it with the map's
    // staging folder left beside m.jsonl (probe finding, session 32).
    for (const int signal_number : {SIGTERM, SIGINT, SIGPIPE}) {
        CAPTURE(signal_number);
        TempDir dir;
        // A staging folder as a folder output leaves it: files in nested folders, more than one
        // listing buffer of entries, long names.
        for (int i = 0; i < 200; ++i)
            dir.write("out/.once-staging-1/sub" + std::to_string(i % 7) + "/deeper/" + std::string(120, 'x') +
                          std::to_string(i) + ".txt",
                      "staged");
        dir.write("kept/a.txt", "not registered");
        const int status = run_and_signal(signal_number, [&] {
            once::register_temp_file(dir.path("out"));  // the -o folder the run made: removed once empty
            once::register_temp_tree(dir.path("out/.once-staging-1"));
            once::register_temp_file(dir.path("kept"));  // not empty: stays
        });
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == signal_number);
        CHECK_FALSE(fs::exists(dir.path("out")));
        CHECK(fs::exists(dir.path("kept/a.txt")));
    }
}

TEST_CASE("temp files: an unregistered tree is left as it is") {
    TempDir dir;
    dir.write("out/.once-staging-1/a.txt", "staged");
    const int status = run_and_signal(SIGTERM, [&] {
        once::unregister_temp_file(once::register_temp_tree(dir.path("out/.once-staging-1")));
    });
    CHECK(WIFSIGNALED(status));
    CHECK(fs::exists(dir.path("out/.once-staging-1/a.txt")));
}
