// staging.hpp — every output of a run goes into place together, or none does.
//
// Why: a run writes cleaned files, a map and report files. Renamed one by one as each was done,
// a failure between them (a report path that is a folder, a full disk) left new cleaned files
// beside a missing map (issue 14.6). Here each output is written complete under a hidden staging
// folder beside its final name, and `commit()` renames them all at the end; when one rename
// fails, those already done are undone and the files they replaced put back.
//
// Contract:
//  - `stage(final_path)` returns where to write that output: `<folder>/.once-staging-<pid>/<name>`
//    with `<folder>` the final file's folder, or for a file of a folder output (`stage(path,
//    anchor)`) `<anchor>/.once-staging-<pid>/<path relative to anchor>`. Folders are created. The
//    caller writes the file completely (an AtomicWriter on that path, committed) before `commit()`.
//    "-" (standard output) is returned as is and not staged.
//  - `commit()` first makes the staged bytes durable with one syncfs per staging folder (so the
//    caller may write them with WriteOptions::durable = false), then renames every staged file
//    to its final name, in the order staged, then fsyncs each final folder once. When a rename fails (the final name is a folder, a permission), the
//    renames already done are undone — new files moved back, replaced files restored — and it
//    throws Error(output_error) naming the final file. Either way the staging folders are removed.
//    A folder is never replaced: only a file (or a link) under a final name is.
//  - Without `commit()` (an exception), the destructor removes the staging folders, and the
//    folders that staging made for a missing output folder when they are left empty (a failed
//    run leaves no empty `-o out/` behind; a folder that held anything before stays).
//  - SIGINT, SIGTERM and SIGHUP before `commit()` remove the staging folders with what they hold,
//    and the output folders made for the run when left empty (input/temp_files.hpp).
//  - kill -9 leaves a staging folder; the next
//    StagedOutputs that stages into the same folder removes the staging folders of processes that
//    no longer run and lists them in `removed_stale()` so the CLI can say so. Files under final
//    names are never partial; a crash inside `commit()` (milliseconds of renames) can leave some
//    final names new and others old.
//
//   once::StagedOutputs outputs;
//   once::AtomicWriter map(outputs.stage("out/map.jsonl"));
//   map.write(...);
//   map.commit();          // complete, but still under out/.once-staging-<pid>/
//   outputs.commit();      // now under out/map.jsonl, with every other staged output
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace once {

class StagedOutputs {
public:
    StagedOutputs() = default;
    ~StagedOutputs();
    StagedOutputs(const StagedOutputs&) = delete;
    StagedOutputs& operator=(const StagedOutputs&) = delete;

    std::string stage(const std::string& final_path);
    std::string stage(const std::string& final_path, const std::string& anchor);
    void commit();
    // Makes `folder` (and missing parents) for a folder output; a run that does not commit
    // removes them again when they are empty.
    void make_folder(const std::string& folder) { staging_folder_for(folder, folder); }
    // Staging folders of earlier runs that died (kill -9), removed when first staging beside them.
    const std::vector<std::string>& removed_stale() const { return removed_stale_; }

private:
    struct Entry {
        std::string staged;
        std::string final_path;
        std::string staging_folder;
    };
    // `shown`: the output that errors name (the folder of a folder output, else the file).
    std::string stage_in(const std::string& final_path, const std::string& anchor, const std::string& shown);
    std::string staging_folder_for(const std::string& anchor, const std::string& shown);
    void remove_staging_folders();

    std::vector<Entry> entries_;
    std::vector<std::string> folders_;  // staging folders made by this process
    // A folder output stages one file per document under one anchor: the anchor's staging
    // folder and the folders made inside it are looked up here, not resolved and created again
    // for each file (weakly_canonical was 19 readlink calls per file).
    std::map<std::string, std::string, std::less<>> folder_of_anchor_;
    std::set<std::string, std::less<>> made_inside_;
    std::vector<std::string> removed_stale_;
    std::vector<std::string> made_folders_;  // missing output folders this process made, outermost first
    std::vector<int> signal_slots_;  // staging and made folders in the signal handler's table (input/temp_files.hpp)
    bool committed_ = false;
};

}  // namespace once
