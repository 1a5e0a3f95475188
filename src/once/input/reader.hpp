// reader.hpp — the inputs of a run as a sequence of documents that can be scanned twice.
//
// Why scanned, not loaded: a corpus can be larger than memory. The pipeline reads it twice
// (once to count what recurs per site, once to clean), holding one batch of documents at a time.
// Inputs are files, folders (recursive, sorted by path bytes so results never depend on the file
// system's order), `-` for standard input, and JSON Lines files (.jsonl/.ndjson, optionally
// .gz/.zst), one document per line. Streams — `-`, pipes, FIFOs, `/dev/fd/N` from `<(...)` — can be
// read only once: the first scan copies them to a spool file in --tmp-dir (bytes on disk, not in
// memory; removed when the Corpus goes, and on SIGINT/SIGTERM; a kill -9 leaves it to the next
// run, core/temp_dir.hpp), which later scans read instead.
// A folder walk reads regular files (and symbolic links to them); what it does not read — FIFOs,
// sockets, devices, dangling symbolic links, symbolic links to folders — is listed in notices().
//
// Every document is validated: UTF-8 (error names the byte offset), not binary. An empty file or
// record is a valid empty document (nothing to remove), so a hook over a repository does not stop
// at the first empty file. Binary is decided as grep and git do, from the start of the file
// (check_text); a stray NUL or control byte later in a text is kept as text, and counted in
// notices(). With OnError::skip a bad input is recorded and the scan goes on; with fail the scan
// throws Error(input_error). The same inputs are skipped in both scans.
//
//   once::Corpus corpus({"samples/"}, options);
//   corpus.scan([](once::SourceDocument&& d) { ... });
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "once/core/document.hpp"
#include "once/input/jsonl.hpp"
#include "once/core/result.hpp"

namespace once {

enum class OnError { fail, skip };

struct InputOptions {
    JsonlOptions jsonl;
    OnError on_error = OnError::fail;
    // Group for plain files: "folder" (the file's folder, default) or "none" (one group).
    std::string file_grouping = "folder";
    // Shell globs (fnmatch syntax, compiled to RE2 by text/pattern.hpp; `*` also crosses `/`) of files never read, matched against the path
    // as found and against the path below its input folder (--ignore).
    std::vector<std::string> ignore_globs;
    // When set, every document belongs to this group (--group), e.g. to apply a learned profile.
    std::string force_group;
    // Largest document (file, or JSON Lines record line) read, after decompression; 0 = no limit.
    // The CLI derives it from --max-memory, so a compression bomb or a huge single document stops
    // with exit 6 while it is read, before its bytes are held.
    std::uint64_t max_document_bytes = 0;
    // Standard input (`-`) holds JSON Lines, not one text (--input-format jsonl).
    bool stdin_jsonl = false;
    // Leave out files that git ignores (--gitignore): the found files are given to
    // `git -C FOLDER check-ignore -z --stdin`, run in each input's folder; tracked files are never left out.
    bool gitignore = false;
    // Where streams are spooled (--tmp-dir; core/temp_dir.hpp); empty = $TMPDIR or /tmp.
    std::string temp_folder;
};

struct SourceDocument {
    std::size_t index = 0;       // position in input order (skipped inputs take no index)
    Document doc;
    std::string input;           // the path given on the command line this came from
    std::string relative_path;   // plain files: path under `input` to mirror in the output
    std::optional<JsonlRecord> record;  // JSON Lines: the raw record (text is in doc.text)
};

struct InputFile {
    std::string path;            // as it will be opened
    std::string input;           // the command-line argument it came from
    std::string relative_path;   // for mirroring
    bool jsonl = false;
    bool stream = false;         // `-`, a pipe, FIFO or device: read once, then from a spool file
    // A symbolic link met in a folder walk. Any other walked file lies where its names say (the
    // walk follows no link), so its relative path and resolved path need no resolving.
    bool link = false;
};

class SpoolFolder;  // reader.cpp
class LineReader;   // input/stream_io.hpp

// Control bytes other than tab, line feed, vertical tab, form feed and carriage return (C0 and
// DEL; the normalizer drops them): how many, and the offset of the first.
struct StrayControls {
    std::uint64_t count = 0;
    std::uint64_t first = 0;
};

class Corpus {
public:
    // Expands folders. Throws Error(input_error) for a path that does not exist or cannot be
    // listed (those are not skippable: the user named them).
    Corpus(const std::vector<std::string>& paths, InputOptions options);

    // Visits every valid document in order. Bad documents: recorded (skip) or thrown (fail).
    // A loop over CorpusScan::next.
    void scan(const std::function<void(SourceDocument&&)>& visit);

    const std::vector<InputFile>& files() const { return files_; }
    const std::vector<SkippedInput>& skipped() const { return skipped_; }
    // What the run should mention without skipping anything: entries of input folders that were
    // not read (and why), and documents with stray control bytes kept as text. Sorted by id.
    std::vector<SkippedInput> notices() const;
    bool has_jsonl() const;
    bool all_jsonl() const;

private:
    friend class CorpusScan;
    void reject(const std::string& id, const std::string& message, std::optional<std::uint64_t> offset,
                bool first_scan);
    std::string read_file(const InputFile& file);
    // Where `file` is read from: its path, or for a stream its spool file (made on first use).
    std::string open_path(const InputFile& file);
    // `head`: the stray controls check_binary counted in the text's first k_binary_sniff_bytes,
    // so that only the rest is scanned again.
    void note_controls(const std::string& id, std::string_view text, const StrayControls& head, bool first_scan);

    InputOptions options_;
    std::vector<InputFile> files_;
    std::vector<SkippedInput> skipped_;
    std::vector<SkippedInput> walk_notices_;     // found while listing folders
    std::vector<SkippedInput> content_notices_;  // found in the first scan
    std::shared_ptr<SpoolFolder> spools_;  // streams' copies, by path
    int scans_ = 0;
    // Hashes of the JSON Lines ids read in the first scan (8 bytes and a node a record): a repeated
    // id is noted, since the map and reports name records by id (CorpusScan::note_file_end).
    std::unordered_set<std::uint64_t> jsonl_ids_;
};

// One scan of a Corpus, a document at a time: what Corpus::scan loops over, and what a reader
// on a worker steps through a batch at a time while the sequential thread works on the batch
// before (run/read_ahead.hpp). One scan at a time per Corpus, on one thread at a time; its
// documents, errors (thrown in input order, at the document where they are found), skipped
// inputs and notices are those of Corpus::scan.
//
//   once::CorpusScan scan(corpus);
//   while (std::optional<once::SourceDocument> d = scan.next()) { ... }
class CorpusScan {
public:
    explicit CorpusScan(Corpus& corpus);
    ~CorpusScan();
    CorpusScan(const CorpusScan&) = delete;
    CorpusScan& operator=(const CorpusScan&) = delete;
    // The next valid document, or nullopt at the end. Bad documents: recorded (skip) or thrown
    // (fail); after a throw the scan is over.
    std::optional<SourceDocument> next();

private:
    Corpus& corpus_;
    const bool first_scan_;
    std::size_t file_ = 0;                 // the file being read
    std::size_t index_ = 0;                // the next document's index
    std::unique_ptr<LineReader> reader_;   // the JSON Lines file being read, if any
    std::string line_;
    std::size_t records_ = 0;              // records of that file read, those without
    std::size_t ungrouped_ = 0;            // the --group-by field, and those whose id an earlier
    std::size_t repeated_ids_ = 0;         // record has (the first: its id and line)
    std::string first_repeated_id_;
    std::uint64_t first_repeated_line_ = 0;
    // The notes on a JSON Lines file read whole: records without the --group-by field, repeated ids.
    void note_file_end(const std::string& file);
};

// Checks a document's bytes; returns the problem and its byte offset, or nullopt when valid.
// Binary, like grep and git decide it: a NUL among the first k_binary_sniff_bytes, or more than
// a third of them control bytes (Perl's -B rule); later NULs and controls are text.
struct TextProblem {
    std::string message;
    std::optional<std::uint64_t> offset;
};
std::optional<TextProblem> check_text(std::string_view text);
// The binary checks of check_text alone, for text already known to be valid UTF-8: a JSON Lines
// record's decoded text (simdjson validated its line, and rejects unpaired surrogates). The
// reader asked check_text there and kept only its binary answers: the UTF-8 pass it threw away
// was 4.2% of the instructions of `once clean` on 1,500 ldcc records (callgrind).
std::optional<TextProblem> check_binary(std::string_view text);

// git's buffer_is_binary() looks at the first 8000 bytes (FIRST_FEW_BYTES in xdiff-interface.c).
constexpr std::size_t k_binary_sniff_bytes = 8000;

StrayControls stray_controls(std::string_view text);

}  // namespace once
