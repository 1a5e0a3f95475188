#include "once/core/temp_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "once/core/error.hpp"

namespace once {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view k_spool_prefix = ".once-spool-";

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

NamedOwner owner_in_name(std::string_view name, std::string_view prefix) {
    if (name.substr(0, prefix.size()) != prefix) return {};
    const std::string_view after = name.substr(prefix.size());
    const std::string_view digits = after.substr(0, after.find_first_not_of("0123456789"));
    if (digits.empty() || digits.size() > 9) return {};
    return {static_cast<pid_t>(std::stol(std::string(digits))), after.substr(digits.size())};
}

std::vector<std::string> remove_left_by_gone_processes(const std::string& folder,
                                                       const std::function<pid_t(std::string_view)>& owner_of) {
    std::vector<std::string> removed;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        const pid_t owner = owner_of(it->path().filename().string());
        if (owner == 0 || owner == ::getpid() || ::kill(owner, 0) == 0 || errno != ESRCH) continue;
        std::error_code gone;
        fs::remove_all(it->path(), gone);
        if (!gone) removed.push_back(it->path().string());
    }
    return removed;
}

std::vector<std::string> remove_stale_spools(const std::string& folder) {
    return remove_left_by_gone_processes(folder, [](std::string_view name) {
        const NamedOwner owner = owner_in_name(name, k_spool_prefix);
        return owner.rest.substr(0, 1) == "-" ? owner.pid : 0;  // `.once-spool-<pid>-XXXXXX`
    });
}

}  // namespace once
