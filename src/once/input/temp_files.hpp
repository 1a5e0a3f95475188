// temp_files.hpp — temporary files (and folders) that must not outlive the process: spooled
// pipes, the `.once-tmp-` files of atomic writes and the staging folders of outputs. SIGINT,
// SIGTERM, SIGHUP and SIGPIPE (a reader of `-o -` that closed early) remove every registered path
// before the process dies of the signal, so an interrupted run leaves no temporary file behind.
//
// Why a fixed table: the signal handler may only call async-signal-safe functions (unlink,
// signal, raise), so the paths live in static storage it can walk without locks or allocation.
// A path that does not fit (more than k_max_temp_files at once, or longer than PATH_MAX) is
// simply not covered by the handler; the owner still removes it normally.
// Folders are removed after the files, while empty (a registered folder that still holds an
// unregistered file stays). kill -9 cannot be caught: what it leaves is at most a `.once-tmp-`
// file or a staging folder (never a partial file under a final name) or a spool folder under
// $TMPDIR, removed by the next run that uses that folder.
//
//   const int slot = once::register_temp_file(path);   // -1 when the table is full
//   ...                                                  // write, rename or remove the file
//   once::unregister_temp_file(slot);
//   once::remove_temp_files_on_signals();                // once, at start (the CLI does it)
#pragma once

#include <string>

namespace once {

constexpr int k_max_temp_files = 64;

int register_temp_file(const std::string& path);
// A folder the handler removes with everything in it (a staging folder of outputs not yet
// renamed into place: a run interrupted before its commit leaves no outputs, not even hidden ones).
int register_temp_tree(const std::string& path);
void unregister_temp_file(int slot);
void remove_temp_files_on_signals();

}  // namespace once
