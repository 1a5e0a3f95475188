#include "once/output/staging.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "once/core/error.hpp"
#include "once/core/temp_dir.hpp"
#include "once/input/stream_io.hpp"
#include "once/input/temp_files.hpp"

namespace once {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view k_staging_prefix = ".once-staging-";
constexpr std::string_view k_replaced_suffix = "-replaced";  // files a commit replaced, until it succeeds

std::string errno_message(int error) { return std::strerror(error); }

std::string parent_of(const std::string& path) {
    const std::string parent = fs::path(path).parent_path().string();
    return parent.empty() ? "." : parent;
}

// The process id in `.once-staging-<pid>` or `.once-staging-<pid>-replaced`, or 0.
pid_t staging_owner(std::string_view name) {
    const NamedOwner owner = owner_in_name(name, k_staging_prefix);
    return owner.rest.empty() || owner.rest == k_replaced_suffix ? owner.pid : 0;
}

}  // namespace

StagedOutputs::~StagedOutputs() {
    if (!committed_) {
        remove_staging_folders();
        remove_made_folders(made_folders_);
    }
    for (const int slot : signal_slots_) unregister_temp_file(slot);
}

void StagedOutputs::remove_staging_folders() {
    for (const auto& folder : folders_) {
        std::error_code error;
        fs::remove_all(folder, error);
        fs::remove_all(folder + std::string(k_replaced_suffix), error);
    }
    for (const int slot : signal_slots_) unregister_temp_file(slot);
    signal_slots_.clear();
    folders_.clear();
    folder_of_anchor_.clear();
    made_inside_.clear();
}

std::string StagedOutputs::staging_folder_for(const std::string& anchor, const std::string& shown) {
    if (const auto known = folder_of_anchor_.find(anchor); known != folder_of_anchor_.end()) return known->second;
    std::error_code error;
    const std::vector<std::string> made = make_folders(anchor, error);
    if (error) throw Error(ExitCode::output_error, "cannot create folder: " + error.message(), anchor);
    made_folders_.insert(made_folders_.end(), made.begin(), made.end());
    // Ctrl-C or SIGTERM removes them again when they are left empty, as a failed run does.
    for (const auto& made_folder : made) signal_slots_.push_back(register_temp_file(made_folder));
    // One folder per real folder, however it is spelled ("out", "./out/").
    const fs::path real = fs::weakly_canonical(anchor, error);
    const std::string folder =
        ((error ? fs::path(anchor) : real) / (std::string(k_staging_prefix) + std::to_string(::getpid()))).string();
    if (std::find(folders_.begin(), folders_.end(), folder) != folders_.end()) {
        folder_of_anchor_.emplace(anchor, folder);  // the same folder spelled another way
        return folder;
    }
    // Left by a run that was killed (core/temp_dir.hpp says when a process counts as gone).
    for (auto& gone : remove_left_by_gone_processes(anchor, staging_owner)) removed_stale_.push_back(std::move(gone));
    fs::remove_all(folder, error);  // a folder of an earlier process with our id
    fs::create_directories(folder, error);
    // Named by the output the user gave (the folder of a folder output, the file of one beside
    // it), not by the staging path (`/abs/out/.once-staging-PID: cannot create folder`).
    if (error)
        throw Error(ExitCode::output_error,
                    std::string("cannot create the staging folder ") + (shown == anchor ? "inside" : "beside") +
                        " it: " + error.message(),
                    shown);
    // Ctrl-C or SIGTERM before the commit removes it with what it holds: an interrupted run
    // leaves no outputs, not even hidden ones (it left the staged files until the next run).
    signal_slots_.push_back(register_temp_tree(folder));
    folders_.push_back(folder);
    folder_of_anchor_.emplace(anchor, folder);
    return folder;
}

std::string StagedOutputs::stage(const std::string& final_path) {
    if (final_path == "-") return final_path;
    return stage_in(final_path, parent_of(final_path), final_path);
}

std::string StagedOutputs::stage(const std::string& final_path, const std::string& anchor) {
    return stage_in(final_path, anchor, anchor);
}

std::string StagedOutputs::stage_in(const std::string& final_path, const std::string& anchor, const std::string& shown) {
    if (final_path == "-") return final_path;
    if (committed_) throw Error(ExitCode::internal, "staged after commit", final_path);
    const std::string folder = staging_folder_for(anchor, shown);
    const fs::path relative = fs::path(final_path).lexically_relative(anchor);
    if (relative.empty() || *relative.begin() == "..")
        throw Error(ExitCode::internal, "staged outside its folder " + anchor, final_path);
    const fs::path staged = fs::path(folder) / relative;
    if (!made_inside_.contains(staged.parent_path().native())) {
        std::error_code error;
        fs::create_directories(staged.parent_path(), error);
        if (error)
            throw Error(ExitCode::output_error, "cannot create folder: " + error.message(),
                        fs::path(final_path).parent_path().string());
        made_inside_.insert(staged.parent_path().native());
    }
    entries_.push_back({staged.string(), final_path, folder});
    return staged.string();
}

void StagedOutputs::commit() {
    if (committed_) return;
    committed_ = true;
    struct Done {
        const Entry* entry;
        std::string backup;  // where the file it replaced waits, or empty
    };
    std::vector<Done> done;
    done.reserve(entries_.size());
    std::set<std::string> final_folders;
    std::vector<std::string> made_folders;  // folders this commit created, outermost first
    // Staged files may be written without an fsync each (WriteOptions::durable = false): one
    // syncfs per staging folder makes their bytes durable before any gets its final name, so
    // after a crash a final name holds a whole file or the old one (issue 12's strategy).
    try {
        for (const auto& folder : folders_) sync_file_system(folder);
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            const Entry& entry = entries_[i];
            const std::string parent = parent_of(entry.final_path);
            if (final_folders.insert(parent).second) {
                std::error_code error;
                const std::vector<std::string> made = make_folders(parent, error);
                if (error) throw Error(ExitCode::output_error, "cannot create folder: " + error.message(), parent);
                made_folders.insert(made_folders.end(), made.begin(), made.end());
            }
            std::string backup;
            struct stat info {};
            if (::lstat(entry.final_path.c_str(), &info) == 0) {
                if (S_ISDIR(info.st_mode)) throw Error(ExitCode::output_error, "a folder has the output's name", entry.final_path);
                const std::string backups = entry.staging_folder + std::string(k_replaced_suffix);
                std::error_code error;
                fs::create_directories(backups, error);
                backup = backups + "/" + std::to_string(i);
                if (error || ::rename(entry.final_path.c_str(), backup.c_str()) != 0)
                    throw Error(ExitCode::output_error, "cannot replace: " + (error ? error.message() : errno_message(errno)),
                                entry.final_path);
            }
            if (::rename(entry.staged.c_str(), entry.final_path.c_str()) != 0) {
                const int err = errno;
                if (!backup.empty()) ::rename(backup.c_str(), entry.final_path.c_str());
                throw Error(ExitCode::output_error, "cannot move into place: " + errno_message(err), entry.final_path);
            }
            done.push_back({&entry, backup});
        }
    } catch (...) {
        // Undo, newest first: the new file goes back to staging (then away), the old one returns.
        for (auto it = done.rbegin(); it != done.rend(); ++it) {
            ::rename(it->entry->final_path.c_str(), it->entry->staged.c_str());
            if (!it->backup.empty()) ::rename(it->backup.c_str(), it->entry->final_path.c_str());
        }
        remove_made_folders(made_folders);
        remove_staging_folders();
        throw;
    }
    for (const auto& folder : final_folders) sync_folder(folder);
    remove_staging_folders();
}

}  // namespace once
