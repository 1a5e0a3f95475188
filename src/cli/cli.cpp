#include "cli/cli.hpp"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "once/output/baseline.hpp"
#include "once/core/config.hpp"
#include "once/core/error.hpp"
#include "once/input/jsonl.hpp"
#include "once/output/map_writer.hpp"
#include "once/run/memory_budget.hpp"
#include "once/run/pipeline.hpp"
#include "once/input/reader.hpp"
#include "once/input/temp_files.hpp"
#include "once/report/report.hpp"
#include "once/run/shard.hpp"
#include "once/input/stream_io.hpp"

#ifndef ONCE_VERSION
#define ONCE_VERSION "0.1.0"
#endif

namespace once::cli {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_usage = R"(once — find duplicate and boilerplate passages in text and remove them, keeping every passage once.

Usage:
  once clean PATH... -o OUT [--map FILE] [options]   write cleaned copies (a folder mirroring the inputs,
                                                     or one JSON Lines file for JSON Lines input) and the map
  once scan  PATH... [--map FILE] [options]          report what would be removed; write nothing else
  once learn PATH... -o FILE.profile [--merge P...]  store what recurs per site (hashes and counts)
  once check PATH... [limits] [options]              CI gate: exit 1 when findings exceed the limits
  once baseline PATH... -o .once-baseline.json       record today's findings for `check --baseline`
  once sign  SHARD... --profile ALL.profile -o S.sig  sharded runs: signatures of one shard,
  once merge S1.sig S2.sig... -o decisions.bin       matched in order across shards,
  once apply SHARD... --decisions decisions.bin -o OUT  and applied to each shard (docs/shard-format.md)
  once --help | once COMMAND --help | once --version

PATH is a file, a folder (read recursively, sorted), `-` for standard input, or a JSON Lines file
(.jsonl/.ndjson, optionally .gz/.zst) with one document per line. Lengths are in weight units:
1 per CJK character, 2 per word. Formats: docs/map-format.md, docs/report-formats.md.
Options may also come from .once.cfg (or --config FILE); the command line wins.

Exit codes:
  0  success (check: findings within limits)
  1  check: findings exceed the limits
  2  usage error (bad option or value, bad config file)
  3  input error: unreadable path, invalid UTF-8, binary or empty file, malformed JSON Lines
  4  output error: cannot write, or the output would overwrite an input
  5  finished, but some inputs were skipped (--on-error=skip); they are listed on stderr
  6  resource limit: the memory budget (--max-memory) would be exceeded
  7  internal error (a bug; please report it)
)";

struct Cli {
    Config config;
    InputOptions input;
    std::vector<std::string> paths;
    std::string output;
    std::string map_path;
    std::string profile_path;
    std::vector<std::string> merge_profiles;
    std::string kinds;
    std::vector<std::string> markers;
    bool no_builtin_markers = false;
    std::vector<std::string> keep_files;
    std::string on_error = "fail";
    std::string group_by;
    bool no_shape = false;
    bool quiet = false;
    bool drop_duplicate_docs = false;
    std::string flag_field;
    std::vector<std::string> formats;
    std::vector<std::string> outputs;
    std::string config_file;
    std::string decisions_path;
    std::string max_memory;
    // Level of .gz/.zst outputs; 0 = the format's default (stream_io.hpp).
    int compression_level = 0;
    // check
    std::optional<double> max_ratio;
    std::optional<std::uint64_t> max_bytes;
    std::string fail_on;
    std::string baseline_path;
};

// How compressed outputs are written: the chosen level, and zstd's worker threads (as many as the
// run's threads; the bytes do not depend on how many).
WriteOptions write_options(const Cli& cli) {
    WriteOptions options;
    options.compression_level = cli.compression_level;
    options.compression_threads = cli.config.threads > 0 ? cli.config.threads
                                                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return options;
}

po::options_description detection_options(Cli& cli) {
    po::options_description options("Detection (lengths in weight units: 1 per CJK character, 2 per word)");
    Config& c = cli.config;
    options.add_options()
        ("similarity", po::value(&c.similarity)->default_value(c.similarity, "0.6"),
         "estimated Jaccard similarity at or above which two sentences are near-duplicates")
        ("isolated-similarity", po::value(&c.isolated_similarity)->default_value(c.isolated_similarity, "0.7"),
         "an edited copy with no exact sentence beside it needs this similarity (0.1 more when short)")
        ("containment", po::value(&c.containment)->default_value(c.containment, "0.8"),
         "estimated containment at or above which a sentence is a cut-off copy of a longer one")
        ("run-similarity", po::value(&c.run_similarity)->default_value(c.run_similarity, "0.45"),
         "inside a copied run: similarity an edited sentence next to a matched one needs (facts must agree; a third of it edited at most)")
        ("run-containment", po::value(&c.run_containment)->default_value(c.run_containment, "0.6"),
         "inside a copied run: containment a cut-off sentence next to a matched one needs (a piece from its source's start or end)")
        ("min-length", po::value(&c.min_length)->default_value(c.min_length),
         "a run of copied sentences making up whole lines is removed when its weight reaches this")
        ("min-inline-length", po::value(&c.min_inline_length)->default_value(c.min_inline_length),
         "a copied run inside a line that also holds other text needs this weight")
        ("window", po::value(&c.window)->default_value(c.window),
         "a run of this many copied sentences is removed whatever its weight")
        ("min-line-length", po::value(&c.min_line_length)->default_value(c.min_line_length),
         "... or when it is a whole line repeated in the same document with at least this weight")
        ("ngram", po::value(&c.ngram)->default_value(c.ngram), "shingle weight: 3 = CJK character trigrams, word bigrams")
        ("num-perm", po::value(&c.num_perm)->default_value(c.num_perm), "MinHash permutations per sentence")
        ("bands", po::value(&c.bands)->default_value(c.bands), "LSH bands (num-perm must be a multiple)")
        ("seed", po::value(&c.seed)->default_value(c.seed), "seed of the MinHash permutations (echoed in the map)")
        ("kinds", po::value(&cli.kinds)->default_value("duplicate,near_duplicate,boilerplate,marker"),
         "what to find and remove: comma-separated duplicate, near_duplicate, boilerplate, marker");
    return options;
}

po::options_description boilerplate_options(Cli& cli) {
    po::options_description options("Boilerplate and markers");
    Config& c = cli.config;
    options.add_options()
        ("boilerplate-min-docs", po::value(&c.boilerplate_min_docs)->default_value(c.boilerplate_min_docs),
         "a line recurring in at least this many documents of a group ...")
        ("boilerplate-min-share", po::value(&c.boilerplate_min_share)->default_value(c.boilerplate_min_share, "0.3"),
         "... and in at least this share of them is a site template")
        ("boilerplate-many-docs", po::value(&c.boilerplate_many_docs)->default_value(c.boilerplate_many_docs),
         "outside the article's own paragraphs, a line in this many documents of a group is a template whatever the share")
        ("shape-threshold", po::value(&c.shape_threshold)->default_value(c.shape_threshold, "0.6"),
         "shape score (0-1) at or above which a line is judged chrome on its own")
        ("no-shape", po::bool_switch(&cli.no_shape), "judge boilerplate by recurrence only")
        ("group-by", po::value(&cli.group_by),
         "group (site) of each document: for files `folder` (default) or `none`; for JSON Lines a field "
         "name (e.g. site) or `host` (the host of the url field); default: the file")
        ("profile", po::value(&cli.profile_path),
         "add the recurrence counts of a learned profile (once learn); a profile of one group applies "
         "to every input unless --group says otherwise")
        ("group", po::value(&cli.input.force_group), "put every input in this group (site), e.g. to match a profile")
        ("merge", po::value(&cli.merge_profiles)->multitoken(), "learn: also merge these profiles into the output")
        ("decisions", po::value(&cli.decisions_path), "apply: the decisions file written by once merge")
        ("marker", po::value(&cli.markers)->composing(),
         "regular expression for a marker line (whole normalized line); repeatable; adds to the built-in list")
        ("no-builtin-markers", po::bool_switch(&cli.no_builtin_markers), "use only --marker patterns")
        ("keep", po::value(&c.keep_patterns)->composing(),
         "regular expression for text that is never removed (searched in normalized lines); repeatable")
        ("keep-file", po::value(&cli.keep_files)->composing(), "file with one --keep pattern per line")
        ("lexicon", po::value(&c.lexicon_dir), "folder of word lists (*.txt) replacing the built-in lexicon");
    return options;
}

po::options_description io_options(Cli& cli) {
    po::options_description options("Input, output and execution");
    options.add_options()
        ("output,o", po::value(&cli.output), "clean: output folder (or file for JSON Lines input); learn: profile")
        ("map", po::value(&cli.map_path), "write the duplication map (JSON Lines, docs/map-format.md)")
        ("text-field", po::value(&cli.input.jsonl.text_field)->default_value("text"), "JSON Lines: field with the text")
        ("id-field", po::value(&cli.input.jsonl.id_field)->default_value("id"),
         "JSON Lines: field with the document id (else file:line)")
        ("drop-duplicate-docs", po::bool_switch(&cli.drop_duplicate_docs),
         "JSON Lines: leave out records whose text was removed entirely")
        ("flag-field", po::value(&cli.flag_field),
         "JSON Lines: add this boolean field, true when the record's text was removed entirely")
        ("ignore", po::value(&cli.input.ignore_globs)->composing(),
         "glob of files never read (matched against the path and the path below its folder); repeatable")
        ("config", po::value(&cli.config_file),
         "read options from this file (default: .once.cfg in the working folder, if present)")
        ("on-error", po::value(&cli.on_error)->default_value("fail"),
         "bad input: `fail` stops with exit 3; `skip` goes on, lists skipped inputs, exits 5")
        ("threads", po::value(&cli.config.threads)->default_value(0), "worker threads (0 = all cores); output never depends on it")
        ("compression-level", po::value(&cli.compression_level)->default_value(0),
         "level of .gz (1-12, default 6) and .zst (1-19, default 3) outputs; 0 = the default")
        ("max-memory", po::value(&cli.max_memory),
         "memory budget, e.g. 4G or 512M (default: 90% of the machine's memory or cgroup limit); a run that "
         "would pass it stops with exit 6 instead of being killed")
        ("quiet,q", po::bool_switch(&cli.quiet), "no summary on stdout");
    return options;
}

po::options_description check_options(Cli& cli) {
    po::options_description options("check (exit 1 when a limit is exceeded; with no limit given, any finding fails)");
    options.add_options()
        ("max-ratio", po::value<double>()->notifier([&cli](double v) { cli.max_ratio = v; }),
         "largest allowed share of removable bytes, overall and in every file (0-1)")
        ("max-bytes", po::value<std::uint64_t>()->notifier([&cli](std::uint64_t v) { cli.max_bytes = v; }),
         "largest allowed number of removable bytes in all files together")
        ("fail-on", po::value(&cli.fail_on), "fail on any finding of these kinds (comma-separated), e.g. marker")
        ("baseline", po::value(&cli.baseline_path), "only findings not recorded in this baseline (once baseline) count");
    return options;
}

po::options_description report_options(Cli& cli) {
    po::options_description options("Reports");
    options.add_options()
        ("format", po::value(&cli.formats)->composing(),
         "report on stdout: terminal (default), json, markdown, sarif, github, html; repeatable")
        ("report", po::value(&cli.outputs)->composing(), "FORMAT=FILE: write a report to a file; repeatable");
    return options;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

void finish_config(Cli& cli) {
    Config& c = cli.config;
    c.kinds.clear();
    for (const auto& name : split_list(cli.kinds)) c.kinds.insert(parse_kind(name));
    c.shape = !cli.no_shape;
    c.marker_patterns = cli.markers;
    if (!cli.no_builtin_markers && !cli.markers.empty()) {
        c.marker_patterns = builtin_marker_patterns();
        c.marker_patterns.insert(c.marker_patterns.end(), cli.markers.begin(), cli.markers.end());
    }
    if (cli.no_builtin_markers && cli.markers.empty()) c.marker_patterns = {"[^\\x00-\\x{10FFFF}]"};  // matches nothing (RE2 has no `(?!)`)
    for (const auto& file : cli.keep_files) {
        std::ifstream in(file);
        if (!in) throw Error(ExitCode::usage, "cannot read keep file", file);
        std::string line;
        while (std::getline(in, line))
            if (!line.empty() && line[0] != '#') c.keep_patterns.push_back(line);
    }
    if (!cli.max_memory.empty()) c.max_memory = parse_memory_size(cli.max_memory, "--max-memory");
    if (cli.on_error == "fail") cli.input.on_error = OnError::fail;
    else if (cli.on_error == "skip") cli.input.on_error = OnError::skip;
    else throw Error(ExitCode::usage, "--on-error must be `fail` or `skip`");
    // `none`: one group for everything (files and JSON Lines alike).
    if (cli.group_by == "none" && cli.input.force_group.empty()) cli.input.force_group = "all";
    else if (!cli.group_by.empty() && cli.group_by != "folder") cli.input.jsonl.group_field = cli.group_by;
    // JSON Lines default: the host of the url field (else the file), so sites are not mixed.
    if (cli.group_by.empty()) cli.input.jsonl.group_field = "host";
    c.validate();
    // A document whose analysis alone would pass the budget is refused while it is read (a
    // compression bomb, a huge single line), not after it was decompressed into memory.
    cli.input.max_document_bytes = MemoryBudget(c.max_memory).limit() / k_analysis_bytes_per_byte;
}

// True when `inner` is `outer` or lies inside it (both resolved as far as they exist).
bool path_within(const fs::path& inner, const fs::path& outer) {
    std::error_code error;
    const fs::path a = fs::weakly_canonical(inner, error);
    const fs::path b = fs::weakly_canonical(outer, error);
    auto it_a = a.begin();
    for (auto it_b = b.begin(); it_b != b.end(); ++it_b, ++it_a) {
        if (it_b->empty() && std::next(it_b) == b.end()) break;  // trailing separator
        if (it_a == a.end() || *it_a != *it_b) return false;
    }
    return true;
}

// Refuses an output path that is an input file or lies inside an input folder: once never
// overwrites its input, and an output inside an input folder would be read by the next run.
void guard_output(const std::string& output, const Corpus& corpus) {
    if (output.empty() || output == "-") return;
    for (const auto& file : corpus.files()) {
        if (file.stream) continue;  // a pipe or stdin: nothing on disk to overwrite
        std::error_code error;
        const bool input_is_folder = fs::is_directory(file.input, error);
        if (path_within(output, file.path) || (input_is_folder && path_within(output, file.input)))
            throw Error(ExitCode::output_error, "output would overwrite or lie inside an input: " + file.input, output);
    }
}

void make_parent_folder(const std::string& path) {
    if (path.empty() || path == "-") return;
    const fs::path parent = fs::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code error;
    fs::create_directories(parent, error);
    if (error) throw Error(ExitCode::output_error, "cannot create folder: " + error.message(), parent.string());
}

// Writes cleaned files under a folder mirroring the inputs, and the map.
class CleanSink : public DocumentSink {
public:
    // `output`: the folder or JSON Lines file for cleaned text; empty for scan/check/baseline.
    CleanSink(const Cli& cli, const Corpus& corpus, std::string output) : cli_(cli), output_(std::move(output)) {
        guard_output(cli.map_path, corpus);
        if (!output_.empty()) {
            jsonl_output_ = corpus.all_jsonl();
            if (corpus.has_jsonl() && !jsonl_output_)
                throw Error(ExitCode::usage, "cannot mix JSON Lines and plain files in one clean run");
            for (const auto& file : corpus.files()) {
                if (file.stream) continue;  // a pipe or stdin: nothing on disk to overwrite
                if (jsonl_output_ ? path_within(output_, file.path)
                                  : path_within(output_, file.input) || path_within(file.path, output_))
                    throw Error(ExitCode::output_error, "output would overwrite or lie inside an input: " + file.input,
                                output_);
            }
            if (jsonl_output_) {
                make_parent_folder(output_);
                jsonl_.emplace(output_, write_options(cli));
            } else {
                std::error_code error;
                fs::create_directories(output_, error);
                if (error) throw Error(ExitCode::output_error, "cannot create folder: " + error.message(), output_);
            }
        }
        if (!cli.map_path.empty()) {
            make_parent_folder(cli.map_path);
            map_.emplace(cli.map_path, write_options(cli));
            map_->write(map_header_line(cli.config, ONCE_VERSION));
        }
    }

    void document(const SourceDocument& source, const DocResult& result, std::string_view cleaned) override {
        if (!preset_ids_) ids_.push_back(result.id);
        if (map_) map_->write(map_document_line(result, ids_));
        if (output_.empty()) return;
        if (jsonl_) {
            if (result.fully_removed && cli_.drop_duplicate_docs) return;
            std::string line = with_text(*source.record, cleaned);
            if (!cli_.flag_field.empty()) add_flag(line, result.fully_removed);
            line.push_back('\n');
            jsonl_->write(line);
            return;
        }
        const std::string relative = source.relative_path;
        if (!written_.insert(relative).second)
            throw Error(ExitCode::output_error, "two inputs map to the same output file: " + relative, output_);
        const fs::path target = fs::path(output_) / relative;
        std::error_code error;
        fs::create_directories(target.parent_path(), error);
        if (error) throw Error(ExitCode::output_error, "cannot create folder: " + error.message(), target.parent_path().string());
        AtomicWriter writer(target.string());
        writer.write(cleaned);
        writer.commit();
    }

    // Sharded apply: sources may lie in other shards, so ids come from the decisions file.
    void use_ids(std::vector<std::string> ids) {
        ids_ = std::move(ids);
        preset_ids_ = true;
    }

    void commit() {
        if (map_) map_->commit();
        if (jsonl_) jsonl_->commit();
    }

private:
    void add_flag(std::string& line, bool value) const {
        // The record is a JSON object: insert the field before the closing brace.
        const auto brace = line.find_last_of('}');
        if (brace == std::string::npos) return;
        std::string field = "\"";
        append_json_escaped(field, cli_.flag_field);
        field += "\":";
        field += value ? "true" : "false";
        const auto before = line.find_last_not_of(" \t", brace == 0 ? 0 : brace - 1);
        const bool empty_object = before != std::string::npos && line[before] == '{';
        line.insert(brace, (empty_object ? "" : ",") + field);
    }

    const Cli& cli_;
    std::string output_;
    bool jsonl_output_ = false;
    std::optional<AtomicWriter> map_;
    std::optional<AtomicWriter> jsonl_;
    std::vector<std::string> ids_;
    bool preset_ids_ = false;
    std::set<std::string> written_;
};

bool color_wanted(std::ostream& out) {
    if (std::getenv("NO_COLOR") != nullptr) return false;
    return &out == &std::cout && isatty(STDOUT_FILENO);
}

PipelineOptions progress_options(std::ostream& err, bool enabled) {
    PipelineOptions options;
    if (!enabled || &err != &std::cerr || !isatty(STDERR_FILENO)) return options;
    const auto start = std::chrono::steady_clock::now();
    options.progress = [&err, start](std::size_t docs, std::uint64_t bytes) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (seconds < 1.0) return;
        err << "\r\033[K" << docs << " documents, " << (bytes >> 20) << " MiB, "
            << static_cast<int>(bytes / 1048576.0 / seconds) << " MiB/s" << std::flush;
    };
    return options;
}

// Folder entries not read and documents with stray control bytes: said, not skipped.
void report_notices(const Corpus& corpus, std::ostream& err) {
    for (const auto& notice : corpus.notices()) err << "once: note: " << notice.id << ": " << notice.reason << "\n";
}

void report_skipped(const RunResult& result, std::ostream& err) {
    for (const auto& skipped : result.skipped) err << "once: skipped " << skipped.reason << "\n";
    if (!result.skipped.empty()) err << "once: " << result.skipped.size() << " input(s) skipped\n";
}

// The limits of `once check` over the findings that count; one line per limit exceeded.
std::vector<std::string> check_limits(const Cli& cli, const RunResult& result) {
    std::vector<std::string> violations;
    const std::uint64_t total = result.total_bytes();
    const std::uint64_t removed = result.removed_bytes();
    std::size_t findings = 0;
    std::map<std::string, std::size_t> by_kind;
    for (const auto& doc : result.docs)
        for (const auto& span : doc.spans) ++findings, ++by_kind[kind_name(span.kind)];
    const bool any_limit = cli.max_ratio || cli.max_bytes || !cli.fail_on.empty();
    if (!any_limit && findings > 0)
        violations.push_back(std::to_string(findings) + " finding(s) (" + std::to_string(removed) +
                             " bytes); no limit set, so any finding fails");
    for (const auto& name : split_list(cli.fail_on)) {
        const Kind kind = parse_kind(name);
        const auto it = by_kind.find(kind_name(kind));
        if (it != by_kind.end() && it->second > 0)
            violations.push_back(std::to_string(it->second) + " " + kind_name(kind) + " finding(s); --fail-on " + kind_name(kind));
    }
    if (cli.max_bytes && removed > *cli.max_bytes)
        violations.push_back(std::to_string(removed) + " removable bytes > --max-bytes " + std::to_string(*cli.max_bytes));
    if (cli.max_ratio) {
        const double ratio = total ? static_cast<double>(removed) / static_cast<double>(total) : 0.0;
        if (ratio > *cli.max_ratio)
            violations.push_back("overall ratio " + format_similarity(ratio) + " > --max-ratio " + format_similarity(*cli.max_ratio));
        for (const auto& doc : result.docs) {
            const double file_ratio = doc.bytes ? static_cast<double>(doc.removed_bytes()) / static_cast<double>(doc.bytes) : 0.0;
            if (file_ratio > *cli.max_ratio)
                violations.push_back(doc.id + ": ratio " + format_similarity(file_ratio) + " > --max-ratio " +
                                     format_similarity(*cli.max_ratio));
        }
    }
    return violations;
}

// One line per finding, `path:line: kind ...`, as compilers print them (editors jump to them).
std::string findings_list(const RunResult& result) {
    std::string out;
    std::size_t shown = 0, total = 0;
    for (const auto& doc : result.docs)
        for (const auto& span : doc.spans) {
            ++total;
            if (shown >= 200) continue;
            ++shown;
            out += doc.id + ":" + std::to_string(span.start_pos.line) + ": " + kind_name(span.kind);
            if (span.last_line != span.start_pos.line) out += " (lines " + std::to_string(span.start_pos.line) + "-" + std::to_string(span.last_line) + ")";
            out += ", " + std::to_string(span.end - span.start) + " bytes";
            if (span.source)
                out += ", copy of " + result.docs[span.source->doc].id + ":" + std::to_string(span.source->start_pos.line);
            if (span.kind == Kind::boilerplate && span.docs) out += ", in " + std::to_string(span.docs) + " documents";
            out += "\n";
        }
    if (total > shown) out += "... and " + std::to_string(total - shown) + " more\n";
    return out;
}

int run_command(const std::string& command, const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
    Cli cli;
    po::options_description visible;
    visible.add(io_options(cli)).add(detection_options(cli)).add(boilerplate_options(cli)).add(check_options(cli)).add(
        report_options(cli));
    po::options_description all;
    all.add(visible);
    all.add_options()("help,h", "show help")("path", po::value(&cli.paths)->composing(), "inputs");
    po::positional_options_description positional;
    positional.add("path", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(rest).options(all).positional(positional).run(), vm);
        // The config file holds the same options; the command line wins (values stored first
        // are kept by Program_options).
        std::string config_file = vm.count("config") ? vm["config"].as<std::string>() : std::string();
        if (config_file.empty() && fs::exists(".once.cfg")) config_file = ".once.cfg";
        if (!config_file.empty()) {
            std::ifstream in(config_file);
            if (!in) throw Error(ExitCode::usage, "cannot read config file", config_file);
            try {
                po::store(po::parse_config_file(in, visible), vm);
            } catch (const po::error& error) {
                throw Error(ExitCode::usage, error.what(), config_file);
            }
        }
        po::notify(vm);
    } catch (const po::error& error) {
        throw Error(ExitCode::usage, std::string(error.what()) + " (see once " + command + " --help)");
    }
    if (vm.count("help")) {
        out << k_usage << "\n" << visible << "\n";
        return 0;
    }
    finish_config(cli);
    if (cli.paths.empty() && !(command == "learn" && !cli.merge_profiles.empty()))
        throw Error(ExitCode::usage, "no input PATH given (see once " + command + " --help)");

    if (command == "learn") {
        if (cli.output.empty()) throw Error(ExitCode::usage, "learn needs -o FILE");
        Recurrence counts;
        std::vector<SkippedInput> skipped;
        if (!cli.paths.empty()) {
            Corpus corpus(cli.paths, cli.input);
            guard_output(cli.output, corpus);
            counts = count_recurrence(corpus, cli.config);
            skipped = corpus.skipped();
            report_notices(corpus, err);
        }
        for (const auto& path : cli.merge_profiles) counts.merge(Recurrence::load(path));
        counts.save(cli.output);
        RunResult result;
        result.skipped = skipped;
        report_skipped(result, err);
        if (!cli.quiet) out << "once: wrote profile " << cli.output << "\n";
        return static_cast<int>(skipped.empty() ? ExitCode::ok : ExitCode::partial);
    }

    if (command == "merge") {
        if (cli.output.empty()) throw Error(ExitCode::usage, "merge needs -o FILE (the decisions file)");
        for (const auto& path : cli.paths)
            if (path_within(cli.output, path)) throw Error(ExitCode::output_error, "output would overwrite an input", cli.output);
        merge_signatures(cli.paths, cli.config, cli.output);
        if (!cli.quiet) out << "once: wrote decisions " << cli.output << "\n";
        return 0;
    }
    std::optional<Recurrence> profile;
    PipelineOptions options = progress_options(err, !cli.quiet);
    if (!cli.profile_path.empty()) {
        profile = Recurrence::load(cli.profile_path);
        options.profile = &*profile;
        // A profile of one site applies to whatever is cleaned with it, wherever it lives.
        if (cli.input.force_group.empty() && profile->groups().size() == 1) cli.input.force_group = profile->groups()[0];
    }
    Corpus corpus(cli.paths, cli.input);
    if (command == "sign") {
        if (cli.output.empty()) throw Error(ExitCode::usage, "sign needs -o FILE (the shard's signature file)");
        guard_output(cli.output, corpus);
        // Boilerplate needs the whole corpus's recurrence: a merged profile (once learn --merge).
        if (!profile) profile = count_recurrence(corpus, cli.config);
        RunResult signed_run;
        signed_run.skipped = write_signatures(corpus, cli.config, *profile, cli.output);
        report_notices(corpus, err);
        report_skipped(signed_run, err);
        if (!cli.quiet) out << "once: wrote signatures " << cli.output << "\n";
        return static_cast<int>(signed_run.skipped.empty() ? ExitCode::ok : ExitCode::partial);
    }
    if (command == "apply") {
        if (cli.output.empty() || cli.decisions_path.empty())
            throw Error(ExitCode::usage, "apply needs --decisions FILE and -o OUT");
        CleanSink apply_sink(cli, corpus, cli.output);
        Decisions decisions = load_decisions(cli.decisions_path, cli.config);
        apply_sink.use_ids(decisions.ids);
        const RunResult applied = apply_decisions(corpus, cli.config, std::move(decisions), &apply_sink);
        apply_sink.commit();
        report_notices(corpus, err);
        report_skipped(applied, err);
        if (!cli.quiet) out << "once: applied " << cli.decisions_path << " to " << cli.output << "\n";
        return static_cast<int>(applied.skipped.empty() ? ExitCode::ok : ExitCode::partial);
    }
    if (command == "clean" && cli.output.empty()) throw Error(ExitCode::usage, "clean needs -o OUT (see once clean --help)");
    if (command == "baseline") guard_output(cli.output, corpus);
    for (const auto& spec : cli.outputs) guard_output(spec.substr(spec.find('=') == std::string::npos ? 0 : spec.find('=') + 1), corpus);
    CleanSink sink(cli, corpus, command == "clean" ? cli.output : std::string());
    // Without a report nothing reads the spans after the sink: let them go as the run goes.
    options.keep_spans = !((command == "clean" || command == "scan") && cli.quiet && cli.outputs.empty());
    RunResult result = run_pipeline(corpus, cli.config, &sink, options);
    sink.commit();
    if (options.progress) err << "\r\033[K";
    report_notices(corpus, err);

    // Reports that quote text (HTML, Markdown) get it from one rescan, done only if they ask.
    std::optional<std::vector<std::string>> texts;
    const auto load_text = [&corpus, &texts](std::size_t index) {
        if (!texts) {
            texts.emplace();
            corpus.scan([&](SourceDocument&& document) { texts->push_back(std::move(document.doc.text)); });
        }
        return index < texts->size() ? (*texts)[index] : std::string();
    };
    ReportOptions report;
    report.color = color_wanted(out);
    report.tool_version = ONCE_VERSION;
    int exit_code = static_cast<int>(result.skipped.empty() ? ExitCode::ok : ExitCode::partial);
    if (command == "baseline") {
        if (cli.output.empty()) throw Error(ExitCode::usage, "baseline needs -o FILE (e.g. .once-baseline.json)");
        const Baseline baseline = Baseline::from_result(result);
        baseline.save(cli.output, result);
        if (!cli.quiet) out << "once: recorded " << baseline.size() << " finding(s) in " << cli.output << "\n";
        report_skipped(result, err);
        return exit_code;
    }
    const RunResult* shown = &result;
    RunResult fresh;
    std::size_t known_findings = 0;
    if (command == "check") {
        if (!cli.baseline_path.empty()) {
            Baseline::Split split = Baseline::load(cli.baseline_path).split(result);
            fresh = std::move(split.fresh);
            known_findings = split.known;
        } else {
            fresh = result;
        }
        shown = &fresh;
        report.has_verdict = true;
        report.violations = check_limits(cli, fresh);
        report.passed = report.violations.empty();
        if (!report.passed) exit_code = static_cast<int>(ExitCode::findings);
    }
    for (const auto& spec : cli.outputs) {
        const auto equals = spec.find('=');
        if (equals == std::string::npos) throw Error(ExitCode::usage, "--report takes FORMAT=FILE, got '" + spec + "'");
        ReportOptions file_report = report;
        file_report.color = false;
        AtomicWriter writer(spec.substr(equals + 1));
        writer.write(render_report(parse_report_format(spec.substr(0, equals)), *shown, load_text, file_report));
        writer.commit();
    }
    if (!cli.quiet) {
        if (cli.formats.empty()) cli.formats.push_back("terminal");
        for (const auto& format : cli.formats) out << render_report(parse_report_format(format), *shown, load_text, report);
        if (command == "check" && cli.formats.size() == 1 && cli.formats[0] == "terminal") out << findings_list(*shown);
    }
    if (command == "check" && !cli.baseline_path.empty() && !cli.quiet)
        out << "once: " << known_findings << " known finding(s) from the baseline remain\n";
    report_skipped(result, err);
    return exit_code;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    remove_temp_files_on_signals();  // an interrupted run leaves no temporary file
    try {
        if (args.size() < 2) {
            err << k_usage;
            return static_cast<int>(ExitCode::usage);
        }
        if (args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
            out << k_usage;
            return 0;
        }
        if (args[1] == "--version") {
            out << "once " << ONCE_VERSION << "\n";
            return 0;
        }
        const std::string command = args[1];
        static const std::set<std::string> commands{"clean", "scan", "learn", "check", "baseline", "sign", "merge", "apply"};
        if (!commands.count(command)) throw Error(ExitCode::usage, "unknown command '" + command + "' (see once --help)");
        return run_command(command, std::vector<std::string>(args.begin() + 2, args.end()), out, err);
    } catch (const Error& error) {
        err << "once: " << error.what() << "\n";
        return static_cast<int>(error.code());
    } catch (const std::bad_alloc&) {
        err << "once: out of memory\n";
        return static_cast<int>(ExitCode::resource_limit);
    } catch (const std::exception& error) {
        err << "once: internal error: " << error.what() << "\n";
        return static_cast<int>(ExitCode::internal);
    }
}

}  // namespace once::cli
