// clean_sink.hpp — where a run's results go: cleaned copies (a folder mirroring the inputs, one
// JSON Lines file, or standard output) and the duplication map; and the checks, made before any
// work starts, that no output overwrites an input or another output.
//
// Why here and not in the CLI: writing outputs is a contract (every output or none under its final
// name, never over an input) that tests check without parsing a command line.
//
// Contract:
//  - `check_outputs` throws Error(output_error) when two outputs name one file, an output is an
//    input or lies inside an input folder, or two inputs would be cleaned to the same file. It reads
//    nothing but the corpus's file list, so it runs before the first byte is read.
//  - CleanSink writes every output complete under hidden staging folders (staging.hpp: cleaned
//    files in `<out>/.once-staging-<pid>/`, the map and a JSON Lines output beside their final
//    names); the CLI stages its report files in the same set (`stage`). `commit()` renames them
//    all into place, or none: a rename that fails undoes the others. Cleaned files are written
//    without an fsync each; one syncfs makes them durable before the renames. A run that throws before
//    `commit()` leaves no file under a final name (the staging folders are removed).
//  - One plain file cleaned to an -o that is not a folder (cleans_to_one_file) is written to that
//    file, staged beside it like the map.
//  - Output "-" writes cleaned text (plain input: the documents one after another) or JSON Lines
//    (JSON Lines input) to standard output as the run goes.
//
//   once::CleanOutputs outputs{.cleaned = "out", .map = "out.map.jsonl"};
//   once::check_outputs(outputs, {}, corpus);
//   once::CleanSink sink(outputs, config, corpus, "0.1.0");
//   run_pipeline(corpus, config, &sink, options);
//   sink.commit();
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "once/core/config.hpp"
#include "once/input/reader.hpp"
#include "once/input/stream_io.hpp"
#include "once/output/staging.hpp"
#include "once/run/pipeline.hpp"

namespace once {

struct CleanOutputs {
    std::string cleaned;              // folder, .jsonl file or one text file (cleans_to_one_file) for cleaned text, "-" for stdout, empty for none
    std::string map;                  // duplication map (docs/map-format.md); empty for none
    bool drop_duplicate_docs = false; // JSON Lines: leave out records whose text was removed entirely
    std::string flag_field;           // JSON Lines: add this boolean field (true = removed entirely)
    std::ostream* stdout_stream = nullptr;  // where "-" writes (the CLI's stdout); null: the process's stdout
    WriteOptions write;               // compression level and threads of .gz/.zst outputs
};

// True when `inner` is `outer` or lies inside it (both resolved as far as they exist).
bool path_within(const std::string& inner, const std::string& outer);

// True when the cleaned text goes to one plain file: one plain-text input that is a file (or `-`),
// not a folder, and an -o that is neither an existing folder nor ends in '/' — as `cp a.txt b.txt`
// copies to a file and `cp a.txt dir/` into the folder. `clean page.txt -o page.clean.txt` made a
// folder page.clean.txt/ holding page.txt.
bool cleans_to_one_file(const CleanOutputs& outputs, const Corpus& corpus);

// Refuses an output path that is an input file or lies inside an input folder.
void guard_output(const std::string& output, const Corpus& corpus);

// Refuses, before any work, a one-file output (--map, --report FORMAT=FILE, the -o of baseline,
// learn, sign, merge) whose name ends in '/' (a folder's name) or is an existing folder. It failed
// only when the file was renamed into place, after the whole run, naming a staging path the user
// never gave (`out/.once-staging-PID/.: ... Device or resource busy`).
void check_file_output_name(const std::string& output);

// Every check that can be made before the run (see the contract above). `other_files` are further
// outputs (report files, a profile, a baseline).
void check_outputs(const CleanOutputs& outputs, const std::vector<std::string>& other_files, const Corpus& corpus);

// Inserts `"field":true|false` before the closing brace of a one-line JSON object.
void add_json_flag(std::string& record_line, const std::string& field, bool value);

class CleanSink : public DocumentSink {
public:
    CleanSink(CleanOutputs outputs, const Config& config, const Corpus& corpus, const std::string& tool_version);
    ~CleanSink() override;

    void document(const SourceDocument& source, const DocResult& result, std::string_view cleaned) override;
    // Sharded apply: sources may lie in other shards, so ids come from the decisions file.
    void use_ids(std::vector<std::string> ids);
    // Where to write a further output (a report file) so that it is committed with the others.
    std::string stage(const std::string& final_path) { return staged_.stage(final_path); }
    // Finishes the map and the JSON Lines output, then renames every staged output into place.
    void commit();
    // Staging folders of killed runs removed on the way (for a notice).
    const std::vector<std::string>& removed_stale() const { return staged_.removed_stale(); }

private:
    void write_stream(std::string_view bytes);

    StagedOutputs staged_;                   // first: outlives the writers staged in it
    CleanOutputs outputs_;
    bool jsonl_output_ = false;
    std::optional<AtomicWriter> map_;
    std::optional<AtomicWriter> stream_;     // JSON Lines file, or stdout for "-"
    std::ostream* stdout_ = nullptr;         // "-" with CleanOutputs::stdout_stream
    std::vector<std::string> ids_;
    bool preset_ids_ = false;
    bool committed_ = false;
};

}  // namespace once
