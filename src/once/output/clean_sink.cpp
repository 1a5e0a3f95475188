#include "once/output/clean_sink.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <ostream>

#include "once/core/error.hpp"
#include "once/input/jsonl.hpp"
#include "once/output/map_writer.hpp"
#include "once/output/standard_output.hpp"

namespace once {
namespace fs = std::filesystem;

namespace {

// A staged output's writer options: its errors name `final_path`, the file the user asked for,
// not the staging path it is written under.
WriteOptions shown_as(WriteOptions options, const std::string& final_path) {
    options.shown_as = final_path;
    return options;
}

fs::path resolved(const std::string& path) {
    std::error_code error;
    return fs::weakly_canonical(path, error);
}

// path_within on paths already resolved: a folder output checks each of its inputs' files
// against the same output folder and input folder, resolved once (weakly_canonical reads the
// link of every component of a path: a readlink call each).
bool resolved_within(const fs::path& a, const fs::path& b) {
    auto it_a = a.begin();
    for (auto it_b = b.begin(); it_b != b.end(); ++it_b, ++it_a) {
        if (it_b->empty() && std::next(it_b) == b.end()) break;  // trailing separator
        if (it_a == a.end() || *it_a != *it_b) return false;
    }
    return true;
}

// Each input folder of a corpus resolved once, for every output checked against it (a folder
// input is one argument for many files); an input that is not a folder (a file, a JSON Lines
// file) maps to nothing. Streams are left out: nothing on disk to overwrite.
using InputFolders = std::map<std::string, std::optional<fs::path>, std::less<>>;

InputFolders resolve_input_folders(const Corpus& corpus) {
    InputFolders folders;
    for (const auto& file : corpus.files()) {
        if (file.stream || folders.count(file.input)) continue;
        std::error_code error;
        std::optional<fs::path> folder;
        if (fs::is_directory(file.input, error)) folder = resolved(file.input);
        folders.emplace(file.input, std::move(folder));
    }
    return folders;
}

// A file's resolved path. One found in a folder walk that is no link lies where its names say:
// the folder's resolved path and its relative path, without resolving each (a readlink per
// component of the path, 2% of the CPU of `once clean` of 1,000 small files, session 17).
fs::path resolved_file(const InputFile& file, const std::optional<fs::path>& folder) {
    if (folder && !file.link) return *folder / file.relative_path;
    return resolved(file.path);
}

bool names_a_file(const std::string& output) { return !output.empty() && output != "-"; }

// Once never overwrites its input, and an output inside an input folder would be read by the next run.
void guard_output(const std::string& output, const Corpus& corpus, const InputFolders& folders) {
    if (!names_a_file(output)) return;
    const fs::path resolved_output = resolved(output);
    for (const auto& file : corpus.files()) {
        if (file.stream) continue;
        const std::optional<fs::path>& folder = folders.find(file.input)->second;
        if (resolved_within(resolved_output, resolved_file(file, folder)) ||
            (folder && resolved_within(resolved_output, *folder)))
            throw Error(ExitCode::output_error, "output would overwrite or lie inside an input: " + file.input, output);
    }
}

}  // namespace

void check_file_output_name(const std::string& output) {
    if (output.empty() || output == "-") return;
    if (output.back() == '/')
        throw Error(ExitCode::output_error, "ends in /, a folder's name, but this output is one file: give the file's name",
                    output);
    // An existing folder of that name: the rename into place failed only after the whole run
    // (`scan corpus --map out` with a folder out/; probe finding, session 32).
    std::error_code error;
    if (fs::is_directory(output, error)) throw Error(ExitCode::output_error, "a folder has the output's name", output);
}

bool path_within(const std::string& inner, const std::string& outer) {
    return resolved_within(resolved(inner), resolved(outer));
}

void guard_output(const std::string& output, const Corpus& corpus) {
    if (names_a_file(output)) guard_output(output, corpus, resolve_input_folders(corpus));
}

bool cleans_to_one_file(const CleanOutputs& outputs, const Corpus& corpus) {
    const std::string& out = outputs.cleaned;
    if (out.empty() || out == "-" || out.back() == '/' || corpus.has_jsonl() || corpus.files().size() != 1) return false;
    std::error_code not_there;
    const InputFile& file = corpus.files().front();
    return !fs::is_directory(out, not_there) && (file.input == "-" || !fs::is_directory(file.input, not_there));
}

void check_outputs(const CleanOutputs& outputs, const std::vector<std::string>& other_files, const Corpus& corpus) {
    // Files (not the cleaned folder) must name different files, and none may be stdout twice.
    std::vector<std::string> files = other_files;
    if (!outputs.map.empty()) files.insert(files.begin(), outputs.map);
    const bool jsonl = corpus.all_jsonl();
    const bool one_file = cleans_to_one_file(outputs, corpus);
    if (!outputs.cleaned.empty() && (jsonl || one_file || outputs.cleaned == "-")) files.insert(files.begin(), outputs.cleaned);
    const InputFolders folders = resolve_input_folders(corpus);
    std::size_t to_stdout = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files[i] == "-") {
            if (++to_stdout > 1) throw Error(ExitCode::usage, "two outputs write to standard output (-)");
            continue;
        }
        // The cleaned JSON Lines file has its own message below (it names the inputs' kind).
        if (i > 0 || files[i] != outputs.cleaned) check_file_output_name(files[i]);
        for (std::size_t j = 0; j < i; ++j)
            if (files[j] != "-" && path_within(files[i], files[j]) && path_within(files[j], files[i]))
                throw Error(ExitCode::output_error, "two outputs would write the same file", files[i]);
        guard_output(files[i], corpus, folders);
    }
    if (outputs.cleaned.empty() || outputs.cleaned == "-") return;
    if (corpus.has_jsonl() && !jsonl) throw Error(ExitCode::usage, "cannot mix JSON Lines and plain files in one clean run");
    // The kind of output follows the inputs, so an -o that names the other kind is refused, not
    // obeyed: plain text cleaned to `-o out.jsonl.gz` made a folder of that name without a word,
    // and JSON Lines cleaned to `-o out/` failed renaming into a staging folder the user never named.
    std::error_code not_there;
    const bool existing_folder = fs::is_directory(outputs.cleaned, not_there);
    if (!jsonl && is_jsonl_path(outputs.cleaned) && !existing_folder)
        throw Error(ExitCode::usage,
                    "names a JSON Lines file, but plain-text inputs are cleaned as plain text: into a folder "
                    "mirroring them, or one file for one input file (give a folder or a text file's name, or - "
                    "for standard output)",
                    outputs.cleaned);
    if (jsonl && (existing_folder || outputs.cleaned.back() == '/'))
        throw Error(ExitCode::output_error,
                    "is a folder, but JSON Lines inputs are cleaned into one JSON Lines file (give its name, "
                    "e.g. out/clean.jsonl)",
                    outputs.cleaned);
    const fs::path cleaned = resolved(outputs.cleaned);
    for (const auto& file : corpus.files()) {
        if (file.stream) continue;  // a pipe or stdin: nothing on disk to overwrite
        bool overlaps = false;
        if (jsonl) {
            overlaps = resolved_within(cleaned, resolved(file.path));
        } else {
            // An input that is not a folder is one file: resolving it here is resolving it once.
            const std::optional<fs::path>& folder = folders.find(file.input)->second;
            const fs::path input = folder ? *folder : resolved(file.input);
            overlaps = resolved_within(cleaned, input) || resolved_within(resolved_file(file, folder), cleaned);
        }
        if (overlaps)
            throw Error(ExitCode::output_error, "output would overwrite or lie inside an input: " + file.input,
                        outputs.cleaned);
    }
    if (jsonl || one_file) return;
    // A folder output: every input's mirrored name is its own, and no other output is one of them.
    std::map<std::string, std::string> cleaned_names;  // relative path -> input file
    for (const auto& file : corpus.files()) {
        const auto [it, inserted] = cleaned_names.emplace(file.relative_path, file.path);
        if (!inserted)
            throw Error(ExitCode::output_error,
                        "two inputs would be cleaned to the same file: " + it->second + " and " + file.path +
                            " (each PATH's files are mirrored at the top of -o: name their common parent folder, "
                            "or clean each PATH into its own -o)",
                        (fs::path(outputs.cleaned) / file.relative_path).string());
    }
    std::error_code error;
    const fs::path folder = fs::weakly_canonical(outputs.cleaned, error);
    for (const auto& other : files) {
        if (other == "-" || !path_within(other, outputs.cleaned)) continue;
        const fs::path inside = fs::weakly_canonical(other, error).lexically_relative(folder);
        if (cleaned_names.count(inside.generic_string()))
            throw Error(ExitCode::output_error, "output would overwrite a cleaned file", other);
    }
}

void add_json_flag(std::string& line, const std::string& field_name, bool value) {
    const auto brace = line.find_last_of('}');
    if (brace == std::string::npos) return;
    std::string field = "\"";
    append_json_escaped(field, field_name);
    field += "\":";
    field += value ? "true" : "false";
    const auto before = line.find_last_not_of(" \t", brace == 0 ? 0 : brace - 1);
    const bool empty_object = before != std::string::npos && line[before] == '{';
    line.insert(brace, (empty_object ? "" : ",") + field);
}

CleanSink::CleanSink(CleanOutputs outputs, const Config& config, const Corpus& corpus, const std::string& tool_version)
    : outputs_(std::move(outputs)) {
    const std::string& out = outputs_.cleaned;
    jsonl_output_ = corpus.all_jsonl();
    if (out == "-" && outputs_.stdout_stream) {
        stdout_ = outputs_.stdout_stream;
    } else if (out == "-") {
        stream_.emplace("-");
    } else if (!out.empty() && (jsonl_output_ || cleans_to_one_file(outputs_, corpus))) {
        stream_.emplace(staged_.stage(out), shown_as(outputs_.write, out));
    } else if (!out.empty()) {
        staged_.make_folder(out);  // made now even for no documents; removed again if the run fails
    }
    if (!outputs_.map.empty()) {
        map_.emplace(staged_.stage(outputs_.map), shown_as(outputs_.write, outputs_.map));
        map_->write(map_header_line(config, tool_version));
    }
}

CleanSink::~CleanSink() = default;  // staged_ removes what was not committed

void CleanSink::document(const SourceDocument& source, const DocResult& result, std::string_view cleaned) {
    if (!preset_ids_) ids_.push_back(result.id);
    if (map_) map_->write(map_document_line(result, ids_));
    if (outputs_.cleaned.empty()) return;
    if (jsonl_output_) {
        if (result.fully_removed && outputs_.drop_duplicate_docs) return;
        std::string line = with_text(*source.record, cleaned);
        if (!outputs_.flag_field.empty()) add_json_flag(line, outputs_.flag_field, result.fully_removed);
        line.push_back('\n');
        write_stream(line);
        return;
    }
    if (stream_ || stdout_) {  // plain text to stdout: the documents one after another
        write_stream(cleaned);
        return;
    }
    // Staged inside the output folder (hidden: the reader skips dot-folders; per process). Not
    // durable one by one: StagedOutputs::commit syncs the file system once, before any file gets
    // its final name (issue 12: an fsync per file cost 11.4-15.2 s for 1,000 files, see WriteOptions).
    // The staging folder is this run's own, so the file is written under its staged name
    // directly, without a temporary name of its own.
    const std::string final_path = (fs::path(outputs_.cleaned) / source.relative_path).string();
    AtomicWriter writer(staged_.stage(final_path, outputs_.cleaned),
                        {.durable = false, .via_temporary = false, .shown_as = final_path});
    writer.write(cleaned);
    writer.commit();
}

void CleanSink::write_stream(std::string_view bytes) {
    if (stdout_) {
        stdout_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        throw_if_stdout_failed(*stdout_);
    } else {
        stream_->write(bytes);
    }
}

void CleanSink::use_ids(std::vector<std::string> ids) {
    ids_ = std::move(ids);
    preset_ids_ = true;
}

void CleanSink::commit() {
    if (committed_) return;
    committed_ = true;
    if (stream_) stream_->commit();
    // Buffered until now: a closed or full stdout shows here, before the map is renamed in.
    if (stdout_) flush_stdout_or_throw(*stdout_);
    if (map_) map_->commit();
    staged_.commit();
}

}  // namespace once
