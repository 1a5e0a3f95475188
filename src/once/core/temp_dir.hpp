// temp_dir.hpp — where a run's temporary files go (--tmp-dir), and what a killed run left there.
//
// Why a chosen folder, and why beside the output by default: a run spills what does not fit in
// memory (the matcher's edge tokens, `merge`'s decisions) and spools standard input for its
// second pass. $TMPDIR is often a small tmpfs — memory again — while the output's file system
// must have room for the output anyway. So the CLI passes the folder of -o unless --tmp-dir says
// otherwise, and $TMPDIR (else /tmp) only when there is no output file (scan, check, -o -).
//
// Contract: spill files are unlinked from birth (core/spill_file.hpp) and leave nothing; the only
// named things a run creates here are spool folders, `.once-spool-<pid>-XXXXXX`, removed at exit
// and on SIGINT/SIGTERM (input/temp_files.hpp). After a kill -9 the next run that uses the same
// folder removes them: remove_stale_spools() takes a folder only when its process is gone
// (kill(pid, 0) fails with ESRCH), as output/staging does for its staging folders.
// Errors: Error(output_error) naming the folder.
//
//   const std::string dir = once::default_temp_folder("out/clean.jsonl");   // "out"
//   once::check_temp_folder(dir);                 // exit 4 now rather than mid-run
//   for (const auto& gone : once::remove_stale_spools(dir)) note(gone);
//   const std::string spool = once::make_spool_folder(dir);
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace once {

// $TMPDIR, or /tmp: where temporary files go when there is no output to put them beside.
std::string temp_folder();
// The folder of `path` ("." for a bare name or "-"): where a file beside an output goes.
std::string folder_of(const std::string& path);
// --tmp-dir's default for a run whose main output is `output`: the folder that holds it (for a
// folder output, the folder it is in), or the nearest existing one above it when it is not
// created yet; temp_folder() when `output` is empty or "-".
std::string default_temp_folder(const std::string& output);
// `chosen`, or temp_folder() when it is empty (a library caller that did not choose).
std::string temp_folder_or(const std::string& chosen);

// Creates and drops an unlinked file in `folder`; throws Error(output_error) naming it when that
// fails (missing, not a folder, read-only, full), so a bad --tmp-dir stops the run before work.
void check_temp_folder(const std::string& folder);

// Makes a private folder `.once-spool-<pid>-XXXXXX` in `folder` and returns its path.
std::string make_spool_folder(const std::string& folder);
// Removes the spool folders of processes that no longer exist; returns the paths removed.
std::vector<std::string> remove_stale_spools(const std::string& folder);

// A name `<prefix><digits><rest>` read as its owner's process id and `rest`: {0, ""} for a name
// that is not of that form (at most 9 digits: pid_t holds at most 10, and a longer run of digits
// is not one of ours). The caller checks `rest` (`-XXXXXX` for a spool folder, nothing or
// `-replaced` for a staging folder).
struct NamedOwner {
    pid_t pid = 0;
    std::string_view rest;
};
NamedOwner owner_in_name(std::string_view name, std::string_view prefix);

// Removes the entries of `folder` whose owner (`owner_of(name)`, 0 for "not ours") is a process
// that no longer exists, and returns the paths removed. A live process — this one, or another
// user's (kill gives EPERM) — keeps its entries: only ESRCH says a process is gone. Shared by
// the spool folders here and output/staging's staging folders, whose names differ.
std::vector<std::string> remove_left_by_gone_processes(const std::string& folder,
                                                       const std::function<pid_t(std::string_view)>& owner_of);

}  // namespace once
