// reader.hpp — the inputs of a run as a sequence of documents that can be scanned twice.
//
// Why scanned, not loaded: a corpus can be larger than memory. The pipeline reads it twice
// (once to count what recurs per site, once to clean), holding one batch of documents at a time.
// Inputs are files, folders (recursive, sorted by path bytes so results never depend on the file
// system's order), `-` for standard input (buffered, since it cannot be read twice), and JSON Lines
// files (.jsonl/.ndjson, optionally .gz/.zst), one document per line.
//
// Every document is validated: UTF-8 (error names the byte offset), no NUL bytes (binary file),
// not empty. With OnError::skip a bad input is recorded and the scan goes on; with fail the scan
// throws Error(input_error). The same inputs are skipped in both scans.
//
//   once::Corpus corpus({"samples/"}, options);
//   corpus.scan([](once::SourceDocument&& d) { ... });
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
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
};

class Corpus {
public:
    // Expands folders. Throws Error(input_error) for a path that does not exist or cannot be
    // listed (those are not skippable: the user named them).
    Corpus(const std::vector<std::string>& paths, InputOptions options);

    // Visits every valid document in order. Bad documents: recorded (skip) or thrown (fail).
    void scan(const std::function<void(SourceDocument&&)>& visit);

    const std::vector<InputFile>& files() const { return files_; }
    const std::vector<SkippedInput>& skipped() const { return skipped_; }
    bool has_jsonl() const;
    bool all_jsonl() const;

private:
    void reject(const std::string& id, const std::string& message, std::optional<std::uint64_t> offset,
                bool first_scan);
    std::string read_file(const InputFile& file);

    InputOptions options_;
    std::vector<InputFile> files_;
    std::vector<SkippedInput> skipped_;
    std::optional<std::string> stdin_cache_;
    int scans_ = 0;
};

// Checks a document's bytes; returns the problem and its byte offset, or nullopt when valid.
struct TextProblem {
    std::string message;
    std::optional<std::uint64_t> offset;
};
std::optional<TextProblem> check_text(std::string_view text);

}  // namespace once
