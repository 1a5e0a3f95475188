#include "once/input/reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "once/core/error.hpp"
#include "once/input/stream_io.hpp"
#include "once/text/pattern.hpp"
#include "once/text/utf8.hpp"

namespace once {
namespace fs = std::filesystem;

std::optional<TextProblem> check_text(std::string_view text) {
    if (text.empty()) return TextProblem{"empty input (nothing to process)", std::nullopt};
    if (const void* nul = std::memchr(text.data(), '\0', text.size()))
        return TextProblem{"binary data (NUL byte)", static_cast<std::uint64_t>(static_cast<const char*>(nul) - text.data())};
    if (const auto bad = find_invalid_utf8(text)) return TextProblem{"invalid UTF-8", *bad};
    return std::nullopt;
}

namespace {

bool ignored(const GlobSet& globs, const std::string& path, const std::string& relative) {
    return globs.matches(path) || globs.matches(relative);
}

}  // namespace

Corpus::Corpus(const std::vector<std::string>& paths, InputOptions options) : options_(std::move(options)) {
    const GlobSet ignore(options_.ignore_globs);
    for (const auto& path : paths) {
        if (path == "-") {
            files_.push_back({"-", "-", "stdin.txt", false});
            continue;
        }
        std::error_code error;
        const auto status = fs::status(path, error);
        if (error || !fs::exists(status))
            throw Error(ExitCode::input_error, "no such file or folder", path);
        if (fs::is_directory(status)) {
            std::vector<InputFile> found;
            fs::recursive_directory_iterator it(path, fs::directory_options::none, error), end;
            if (error) throw Error(ExitCode::input_error, "cannot list folder: " + error.message(), path);
            for (; it != end; it.increment(error)) {
                if (error) throw Error(ExitCode::input_error, "cannot list folder: " + error.message(), path);
                const std::string name = it->path().filename().string();
                // Hidden files and folders (.git, editors' swap files, .DS_Store) are not documents.
                if (!name.empty() && name[0] == '.') {
                    if (it->is_directory(error)) it.disable_recursion_pending();
                    continue;
                }
                if (!it->is_regular_file(error)) continue;
                const std::string file = it->path().string();
                const std::string relative = fs::relative(it->path(), path).generic_string();
                if (ignored(ignore, file, relative)) continue;
                found.push_back({file, path, relative, is_jsonl_path(file)});
            }
            // Sorted by bytes: the same tree gives the same order on every file system.
            std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
            files_.insert(files_.end(), found.begin(), found.end());
        } else if (!ignored(ignore, path, fs::path(path).filename().string())) {
            files_.push_back({path, path, fs::path(path).filename().string(), is_jsonl_path(path)});
        }
    }
}

bool Corpus::has_jsonl() const {
    return std::any_of(files_.begin(), files_.end(), [](const InputFile& f) { return f.jsonl; });
}

bool Corpus::all_jsonl() const {
    return !files_.empty() && std::all_of(files_.begin(), files_.end(), [](const InputFile& f) { return f.jsonl; });
}

void Corpus::reject(const std::string& id, const std::string& message, std::optional<std::uint64_t> offset,
                    bool first_scan) {
    if (options_.on_error == OnError::fail) throw Error(ExitCode::input_error, message, id, offset);
    if (first_scan) skipped_.push_back({id, Error(ExitCode::input_error, message, id, offset).what()});
}

std::string Corpus::read_file(const InputFile& file) {
    if (file.path == "-") {
        if (!stdin_cache_) {
            std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
            stdin_cache_ = std::move(data);
        }
        return *stdin_cache_;
    }
    return read_all(file.path);
}

namespace {

std::string folder_group(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? "." : parent.generic_string();
}

}  // namespace

void Corpus::scan(const std::function<void(SourceDocument&&)>& visit) {
    const bool first_scan = scans_++ == 0;
    std::size_t index = 0;
    for (const InputFile& file : files_) {
        if (file.jsonl) {
            std::optional<LineReader> reader;
            try {
                reader.emplace(file.path);
            } catch (const Error& error) {
                if (options_.on_error == OnError::fail) throw;
                if (first_scan) skipped_.push_back({file.path, error.what()});
                continue;
            }
            std::string line;
            while (true) {
                try {
                    if (!reader->next(line)) break;
                } catch (const Error& error) {
                    // A broken compressed stream cannot be resumed: skip the rest of the file.
                    if (options_.on_error == OnError::fail) throw;
                    if (first_scan) skipped_.push_back({file.path, error.what()});
                    break;
                }
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines carry no record
                JsonlRecord record;
                try {
                    record = parse_jsonl_record(std::move(line), options_.jsonl, file.path, reader->line_number());
                } catch (const Error& error) {
                    if (options_.on_error == OnError::fail) throw;
                    if (first_scan) skipped_.push_back({file.path + ":" + std::to_string(reader->line_number()), error.what()});
                    line.clear();
                    continue;
                }
                SourceDocument source;
                source.index = index++;
                source.input = file.input;
                source.doc.id = record.id;
                source.doc.group = !options_.force_group.empty() ? options_.force_group
                                   : record.group.empty()           ? file.path
                                                                    : record.group;
                source.doc.text = record.text;
                source.record = std::move(record);
                visit(std::move(source));
                line.clear();
            }
            continue;
        }
        std::string text;
        const std::string id = file.path;
        try {
            text = read_file(file);
        } catch (const Error& error) {
            if (options_.on_error == OnError::fail) throw;
            if (first_scan) skipped_.push_back({id, error.what()});
            continue;
        }
        if (const auto problem = check_text(text)) {
            reject(id, problem->message, problem->offset, first_scan);
            continue;
        }
        SourceDocument source;
        source.index = index++;
        source.input = file.input;
        source.relative_path = file.relative_path;
        source.doc.id = id;
        source.doc.group = !options_.force_group.empty()         ? options_.force_group
                           : options_.file_grouping == "none" ? std::string("all")
                                                              : folder_group(file.path);
        source.doc.text = std::move(text);
        visit(std::move(source));
    }
}

}  // namespace once
