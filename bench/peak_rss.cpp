// peak_rss — runs a command and reports its wall time, CPU time and peak resident memory.
//
// Why not /usr/bin/time: it is not installed on every Debian machine, and its output format
// differs between GNU time and the shell keyword. This prints one fixed, parseable line.
//
// Usage: peak_rss -- COMMAND [ARGS...]
// The child inherits stdin, stdout and stderr untouched. After it ends, one line goes to
// stderr, always last:
//   wall=1.2345s cpu=2.3456s peak_rss=123.4MiB exit=0
// cpu is user+sys of the child (and its waited-for descendants); peak_rss is ru_maxrss of the
// child, i.e. its largest resident set, not the sum over its descendants. peak_rss exits with
// the child's exit code, 128+N if the child died of signal N, and 127 if it could not start.

#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace {

double seconds(const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; }

int run(int argc, char** argv) {
    int first = 1;
    if (first < argc && std::string_view(argv[first]) == "--") ++first;
    if (first >= argc) {
        std::fputs("usage: peak_rss -- COMMAND [ARGS...]\n", stderr);
        return 2;
    }

    // Like time(1): while waiting, let ^C and ^\ reach only the child, so the report still
    // comes out when the user interrupts a long run.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    struct sigaction old_int {}, old_quit {};
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);

    const auto t0 = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid < 0) {
        std::fprintf(stderr, "peak_rss: fork failed: %s\n", std::strerror(errno));
        return 127;
    }
    if (pid == 0) {
        sigaction(SIGINT, &old_int, nullptr);
        sigaction(SIGQUIT, &old_quit, nullptr);
        execvp(argv[first], argv + first);
        std::fprintf(stderr, "peak_rss: cannot run %s: %s\n", argv[first], std::strerror(errno));
        _exit(127);
    }

    int status = 0;
    rusage ru{};
    pid_t r;
    while ((r = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR) {
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r < 0) {
        std::fprintf(stderr, "peak_rss: wait4 failed: %s\n", std::strerror(errno));
        return 127;
    }

    int code = 0;
    if (WIFEXITED(status)) code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) code = 128 + WTERMSIG(status);
    // ru_maxrss is in KiB on Linux.
    // Four decimals: baseline passes over a warm page cache take only milliseconds.
    std::fprintf(stderr, "wall=%.4fs cpu=%.4fs peak_rss=%.1fMiB exit=%d\n", wall,
                 seconds(ru.ru_utime) + seconds(ru.ru_stime), static_cast<double>(ru.ru_maxrss) / 1024.0, code);
    return code;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
