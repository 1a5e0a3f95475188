#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>

#include "cli/cli.hpp"

namespace {

// A standard stream the caller closed (`<&-`, `>&-`) is reopened on /dev/null before anything
// opens a file: else the first file opened takes its number, so `-` would read that file and the
// summary would be written into it. Reopened in the direction that fails (stdin write-only, stdout
// read-only), so reading `-` or writing stdout is an error the run reports (EBADF: exit 3 or 4),
// never silence; stderr is reopened for writing (its messages are lost, the exit code stays).
void reopen_closed_standard_streams() {
    const int modes[] = {O_WRONLY, O_RDONLY, O_WRONLY};
    for (int fd = 0; fd < 3; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        ::open("/dev/null", modes[fd]);  // the lowest free number: this one (those below are open)
    }
}

}  // namespace

int main(int argc, char** argv) {
    reopen_closed_standard_streams();
    return once::cli::run(std::vector<std::string>(argv, argv + argc), std::cout, std::cerr);
}
