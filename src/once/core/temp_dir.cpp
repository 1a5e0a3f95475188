#include "once/core/temp_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "once/core/error.hpp"

namespace once {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view k_spool_prefix = ".once-spool-";

// The process id in `.once-spool-<pid>-XXXXXX`, or 0 for a name that is not a spool folder's.
pid_t spool_owner(const std::string& name) {
    if (name.rfind(k_spool_prefix, 0) != 0) return 0;
    const std::string_view rest = std::string_view(name).substr(k_spool_prefix.size());
    const auto dash = rest.find('-');
    // pid_t holds at most 10 digits; a longer run of digits is not one of ours.
    if (dash == std::string_view::npos || dash == 0 || dash > 9) return 0;
    const std::string_view digits = rest.substr(0, dash);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
    return static_cast<pid_t>(std::stol(std::string(digits)));
}

}  // namespace

std::string temp_folder() {
    const char* tmpdir = std::getenv("TMPDIR");
    return tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
}

std::string folder_of(const std::string& path) {
    if (path == "-") return ".";
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? "." : parent.string();
}

std::string default_temp_folder(const std::string& output) {
    if (output.empty() || output == "-") return temp_folder();
    fs::path path(output);
    if (!path.has_filename()) path = path.parent_path();  // "out/" is the folder out
    fs::path folder = path.parent_path();
    std::error_code error;
    while (!folder.empty() && !fs::is_directory(folder, error)) folder = folder.parent_path();
    return folder.empty() ? (path.is_absolute() ? "/" : ".") : folder.string();
}

std::string temp_folder_or(const std::string& chosen) { return chosen.empty() ? temp_folder() : chosen; }

void check_temp_folder(const std::string& folder) {
    int fd = -1;
#if defined(O_TMPFILE)
    fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
    if (fd < 0) {  // no O_TMPFILE here: a named file, removed at once
        std::string pattern = folder + "/.once-check-XXXXXX";
        fd = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (fd >= 0) ::unlink(pattern.c_str());
    }
    if (fd < 0)
        throw Error(ExitCode::output_error, std::string("cannot create temporary files here (--tmp-dir): ") + std::strerror(errno),
                    folder);
    ::close(fd);
}

std::string make_spool_folder(const std::string& folder) {
    std::string pattern = folder + "/" + std::string(k_spool_prefix) + std::to_string(::getpid()) + "-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        throw Error(ExitCode::output_error,
                    std::string("cannot create a spool folder for a stream input (--tmp-dir): ") + std::strerror(errno), folder);
    return pattern;
}

std::vector<std::string> remove_stale_spools(const std::string& folder) {
    std::vector<std::string> removed;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        const pid_t owner = spool_owner(it->path().filename().string());
        // A live process (ours, or another user's: EPERM) keeps its folder.
        if (owner == 0 || owner == ::getpid() || ::kill(owner, 0) == 0 || errno != ESRCH) continue;
        std::error_code gone;
        fs::remove_all(it->path(), gone);
        if (!gone) removed.push_back(it->path().string());
    }
    return removed;
}

}  // namespace once
