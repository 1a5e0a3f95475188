#include "cli/commands.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "once/core/error.hpp"
#include "once/output/baseline.hpp"
#include "once/output/check_limits.hpp"
#include "once/output/clean_sink.hpp"
#include "once/output/message.hpp"
#include "once/report/report.hpp"
#include "once/run/pipeline.hpp"
#include "once/run/shard.hpp"

#ifndef ONCE_VERSION
#define ONCE_VERSION "0.1.0"
#endif

namespace once::cli {
namespace {

int terminal_fd(const std::ostream& stream) {
    if (&stream == &std::cout) return STDOUT_FILENO;
    if (&stream == &std::cerr) return STDERR_FILENO;
    return -1;
}

// --color: `auto` colours a terminal unless NO_COLOR is set to something (https://no-color.org:
// an empty NO_COLOR does not count).
bool color_wanted(const std::string& when, const std::ostream& stream) {
    if (when == "always") return true;
    if (when == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && *no_color != '\0') return false;
    const int fd = terminal_fd(stream);
    return fd >= 0 && isatty(fd);
}

PipelineOptions progress_options(std::ostream& err, bool enabled) {
    PipelineOptions options;
    if (!enabled || terminal_fd(err) != STDERR_FILENO || !isatty(STDERR_FILENO)) return options;
    const auto start = std::chrono::steady_clock::now();
    options.progress = [&err, start](std::size_t docs, std::uint64_t bytes) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (seconds < 1.0) return;
        err << "\r\033[K" << docs << " documents, " << (bytes >> 20) << " MiB, "
            << static_cast<int>(bytes / 1048576.0 / seconds) << " MiB/s" << std::flush;
    };
    return options;
}

void report_skipped(const std::vector<SkippedInput>& skipped, std::ostream& err) {
    for (const auto& input : skipped) err << "once: skipped " << one_line(input.reason) << "\n";
    if (!skipped.empty()) err << "once: " << skipped.size() << " input(s) skipped\n";
}

// How compressed outputs are written: the chosen level, and zstd's worker threads (as many as the
// run's threads; the bytes do not depend on how many).
WriteOptions write_options(const Cli& cli) {
    WriteOptions options;
    options.compression_level = cli.compression_level;
    options.compression_threads = cli.config.threads > 0 ? cli.config.threads
                                                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return options;
}

// Folder entries not read and documents with stray control bytes: said, not skipped.
void report_notices(const Corpus& corpus, std::ostream& err) {
    for (const auto& notice : corpus.notices()) err << "once: note: " << one_line(notice.id + ": " + notice.reason) << "\n";
}

// Staging folders that runs killed with -9 left beside this run's outputs, removed on the way.
void report_stale_staging(const CleanSink& sink, std::ostream& err) {
    for (const auto& folder : sink.removed_stale())
        err << "once: note: removed " << one_line(folder) << ", left by an interrupted run\n";
}

int exit_code_of(const std::vector<SkippedInput>& skipped) {
    return static_cast<int>(skipped.empty() ? ExitCode::ok : ExitCode::partial);
}

std::string report_file(const std::string& spec) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos) throw Error(ExitCode::usage, "--report takes FORMAT=FILE, got '" + spec + "'");
    parse_report_format(spec.substr(0, equals));  // a bad format is a usage error before any work
    // An empty FILE would be staged as the staging folder itself (exit 4, "Device or resource busy").
    if (equals + 1 == spec.size()) throw Error(ExitCode::usage, "--report takes FORMAT=FILE, got no FILE in '" + spec + "'");
    return spec.substr(equals + 1);
}

// The option that sends data to standard output (`-o -`, `--map -`, `--report FORMAT=-`), or
// "" when none does. Then the summary and messages go to stderr: `learn -o -` ended the profile
// with "once: wrote profile -", which `sign --profile -` refused, and `scan --map -` put the
// terminal report after the map's JSON Lines.
std::string stdout_data_option(const Cli& cli) {
    if (cli.output == "-") return "-o -";
    if (cli.map_path == "-") return "--map -";
    for (const auto& spec : cli.reports)
        if (report_file(spec) == "-") return "--report " + spec;
    return "";
}

std::ostream& summary_stream(const Cli& cli, Streams streams) {
    return stdout_data_option(cli).empty() ? streams.out : streams.err;
}

CheckLimits limits_of(const Cli& cli) {
    CheckLimits limits;
    limits.max_ratio = cli.max_ratio;
    limits.max_bytes = cli.max_bytes;
    limits.allow_empty = cli.allow_empty;
    std::string item;
    for (std::size_t start = 0; start <= cli.fail_on.size();) {
        const auto comma = std::min(cli.fail_on.find(',', start), cli.fail_on.size());
        item = cli.fail_on.substr(start, comma - start);
        if (!item.empty()) limits.fail_on.push_back(parse_kind(item));
        start = comma + 1;
    }
    return limits;
}

void require_output(const Cli& cli, const char* command, const char* what) {
    if (cli.output.empty())
        throw Error(ExitCode::usage, std::string(command) + " needs -o " + what + " (see once " + command + " --help)");
}

// The -o of learn, sign and merge is one file, renamed into place when the run ends: a folder of
// that name made the rename fail only then, after all the work (exit 4 after a whole merge).
void require_file_output(const Cli& cli, const char* command, const char* what) {
    require_output(cli, command, what);
    check_file_output_name(cli.output);
}

// Files an option reads (not the PATHs: the commands check those against their outputs).
std::vector<std::string> option_inputs(const Cli& cli) {
    std::vector<std::string> inputs = cli.merge_profiles;
    inputs.insert(inputs.end(), cli.keep_files.begin(), cli.keep_files.end());
    for (const std::string* path : {&cli.profile_path, &cli.baseline_path, &cli.decisions_path, &cli.config_file})
        if (!path->empty()) inputs.push_back(*path);
    if (cli.config_file.empty() && std::filesystem::exists(".once.cfg")) inputs.emplace_back(".once.cfg");
    return inputs;
}

// --profile, and the group its counts apply to.
Recurrence load_profile(Cli& cli) {
    Recurrence profile = Recurrence::load(cli.profile_path);
    const std::vector<std::string> groups = profile.groups();
    // A profile of one site applies to whatever is cleaned with it, wherever it lives.
    if (cli.input.force_group.empty() && groups.size() == 1) cli.input.force_group = groups[0];
    // A --group the profile does not hold would add nothing: the run would go on as if without it.
    if (!cli.input.force_group.empty() && std::find(groups.begin(), groups.end(), cli.input.force_group) == groups.end())
        throw Error(ExitCode::usage,
                    "this run's group '" + cli.input.force_group + "' (--group; --group-by none is 'all') is not in the profile (it has " +
                        std::to_string(groups.size()) + (groups.size() == 1 ? " group: " : " groups, the first: ") +
                        (groups.empty() ? std::string("none") : groups[0]) + ")",
                    cli.profile_path);
    return profile;
}

}  // namespace

void refuse_unsafe_outputs(const Cli& cli) {
    namespace fs = std::filesystem;
    std::vector<std::string> outputs;
    if (!cli.output.empty() && cli.output != "-") outputs.push_back(cli.output);
    if (!cli.map_path.empty() && cli.map_path != "-") outputs.push_back(cli.map_path);
    for (const auto& spec : cli.reports) outputs.push_back(report_file(spec));
    const std::vector<std::string> inputs = option_inputs(cli);
    for (const auto& output : outputs) {
        std::error_code error;
        const fs::file_status status = fs::status(output, error);
        // An output is written beside its final name and renamed over it: over a device, a FIFO
        // or a socket that would replace the node itself (`--map /dev/null` deleted /dev/null).
        if (fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status))
            throw Error(ExitCode::output_error,
                        "not a regular file (a device, FIFO or socket); outputs are renamed into place, which would "
                        "replace it (use - for standard output)",
                        output);
        // Renaming over a symbolic link replaces the link, not its target: `--map /dev/stdout` with
        // stdout sent to a file replaced /dev/stdout itself. (A link to a folder output is fine.)
        if (fs::is_symlink(fs::symlink_status(output, error)) && !fs::is_directory(status))
            throw Error(ExitCode::output_error,
                        "a symbolic link; outputs are renamed into place, which would replace the link, not write "
                        "its target (name the target, or - for standard output)",
                        output);
        for (const auto& input : inputs)
            if (fs::equivalent(output, input, error))
                throw Error(ExitCode::output_error, "output would overwrite an input: " + input, output);
    }
}

int run_learn(Cli& cli, Streams streams) {
    require_file_output(cli, "learn", "FILE");
    Recurrence counts;
    std::vector<SkippedInput> skipped;
    if (!cli.paths.empty()) {
        Corpus corpus(cli.paths, cli.input);
        guard_output(cli.output, corpus);
        counts = count_recurrence(corpus, cli.config);
        skipped = corpus.skipped();
        report_notices(corpus, streams.err);
    }
    for (const auto& path : cli.merge_profiles) counts.merge(Recurrence::load(path));
    counts.save(cli.output);
    report_skipped(skipped, streams.err);
    if (!cli.quiet) summary_stream(cli, streams) << "once: wrote profile " << cli.output << "\n";
    return exit_code_of(skipped);
}

int run_merge(Cli& cli, Streams streams) {
    require_file_output(cli, "merge", "FILE (the decisions file)");
    for (std::size_t i = 0; i < cli.paths.size(); ++i) {
        const std::string& path = cli.paths[i];
        if (path_within(cli.output, path)) throw Error(ExitCode::output_error, "output would overwrite an input", cli.output);
        // One shard twice makes each of its documents a copy of itself: apply would empty them.
        std::error_code error;
        for (std::size_t j = 0; j < i; ++j)
            if (std::filesystem::equivalent(path, cli.paths[j], error))
                throw Error(ExitCode::usage, "signature file given twice (also as " + cli.paths[j] + ")", path);
    }
    merge_signatures(cli.paths, cli.config, cli.output, cli.band_run_entries);
    if (!cli.quiet) summary_stream(cli, streams) << "once: wrote decisions " << cli.output << "\n";
    return 0;
}

int run_sign(Cli& cli, Streams streams) {
    require_file_output(cli, "sign", "FILE (the shard's signature file)");
    std::optional<Recurrence> profile;
    if (!cli.profile_path.empty()) profile = load_profile(cli);
    Corpus corpus(cli.paths, cli.input);
    guard_output(cli.output, corpus);
    // Boilerplate needs the whole corpus's recurrence: a merged profile (once learn --merge).
    if (!profile) profile = count_recurrence(corpus, cli.config);
    const auto skipped = write_signatures(corpus, cli.config, *profile, cli.output);
    report_notices(corpus, streams.err);
    // Without a profile the counts are this shard's own, and nothing later can tell: merge and
    // apply ran without a word, and two shards of 1,000 ldcc articles each then differed from one
    // run in the spans of 756 of the 2,000 articles (probe finding, session 32). A note, not an
    // error: a corpus signed as one shard is right without a profile.
    if (cli.profile_path.empty())
        streams.err << "once: note: no --profile: boilerplate was counted in this shard's documents only; if the corpus "
                       "has other shards, sign each with one profile learned over all (learn, learn --merge), or the "
                       "result differs from one run\n";
    report_skipped(skipped, streams.err);
    if (!cli.quiet) summary_stream(cli, streams) << "once: wrote signatures " << cli.output << "\n";
    return exit_code_of(skipped);
}

int run_apply(Cli& cli, Streams streams) {
    require_output(cli, "apply", "OUT");
    if (cli.decisions_path.empty()) throw Error(ExitCode::usage, "apply needs --decisions FILE (see once apply --help)");
    Corpus corpus(cli.paths, cli.input);
    const CleanOutputs outputs{cli.output, cli.map_path, cli.drop_duplicate_docs, cli.flag_field, &streams.out,
                               write_options(cli)};
    check_outputs(outputs, {}, corpus);
    CleanSink sink(outputs, cli.config, corpus, ONCE_VERSION);
    Decisions decisions = load_decisions(cli.decisions_path, cli.config);
    sink.use_ids(decisions.ids);
    const RunResult applied = apply_decisions(corpus, cli.config, std::move(decisions), &sink);
    sink.commit();
    report_stale_staging(sink, streams.err);
    report_notices(corpus, streams.err);
    report_skipped(applied.skipped, streams.err);
    if (!cli.quiet) summary_stream(cli, streams) << "once: applied " << cli.decisions_path << " to " << cli.output << "\n";
    return exit_code_of(applied.skipped);
}

int run_analysis(const CommandInfo& command, Cli& cli, Streams streams) {
    const bool clean = command.bit == k_clean, check = command.bit == k_check, baseline = command.bit == k_baseline;
    if (clean) require_output(cli, "clean", "OUT");
    if (baseline) require_output(cli, "baseline", "FILE (e.g. .once-baseline.json)");
    // Whatever carries data on stdout, the summary and messages go to stderr.
    const std::string data_on_stdout = stdout_data_option(cli);
    std::ostream& summary = summary_stream(cli, streams);

    std::optional<Recurrence> profile;
    PipelineOptions options = progress_options(streams.err, !cli.quiet);
    if (!cli.profile_path.empty()) {
        profile = load_profile(cli);
        options.profile = &*profile;
    }
    Corpus corpus(cli.paths, cli.input);
    // Every output is checked before the first byte is read (no two outputs on one file, none on an input).
    std::vector<std::string> other_outputs;
    for (const auto& spec : cli.reports) other_outputs.push_back(report_file(spec));
    if (baseline) other_outputs.push_back(cli.output);
    for (const auto& format : cli.formats) parse_report_format(format);
    const CleanOutputs outputs{clean ? cli.output : std::string(), cli.map_path, cli.drop_duplicate_docs, cli.flag_field,
                               &streams.out, write_options(cli)};
    check_outputs(outputs, other_outputs, corpus);
    // A --format report would go to stdout after the data: two outputs on one stream.
    if (!data_on_stdout.empty() && !cli.formats.empty())
        throw Error(ExitCode::usage, data_on_stdout + (clean && cli.output == "-" ? " writes the cleaned text" : " already writes") +
                                         " to stdout; write reports with --report FORMAT=FILE");

    CleanSink sink(outputs, cli.config, corpus, ONCE_VERSION);
    // Without a report nothing reads the spans after the sink: let them go as the run goes.
    options.keep_spans = !(!check && !baseline && cli.quiet && cli.reports.empty() && cli.formats.empty());
    RunResult result = run_pipeline(corpus, cli.config, &sink, options);
    if (options.progress) streams.err << "\r\033[K";
    report_notices(corpus, streams.err);

    if (baseline) {
        const Baseline recorded = Baseline::from_result(result);
        recorded.save(sink.stage(cli.output), result, cli.output);
        sink.commit();
        report_stale_staging(sink, streams.err);
        if (!cli.quiet) summary << "once: recorded " << recorded.size() << " finding(s) in " << cli.output << "\n";
        report_skipped(result.skipped, streams.err);
        return exit_code_of(result.skipped);
    }

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
    report.color = color_wanted(cli.color, summary);
    report.tool_version = ONCE_VERSION;
    int exit_code = exit_code_of(result.skipped);
    const RunResult* shown = &result;
    RunResult fresh;
    std::size_t known_findings = 0;
    if (check) {
        if (!cli.baseline_path.empty()) {
            Baseline::Split split = Baseline::load(cli.baseline_path).split(result);
            fresh = std::move(split.fresh);
            known_findings = split.known;
            shown = &fresh;
        }
        report.has_verdict = true;
        CheckVerdict verdict = check_limits(limits_of(cli), *shown);
        report.violations = std::move(verdict.violations);
        report.limits_exceeded = std::move(verdict.limits_exceeded);
        report.headline = std::move(verdict.headline);
        report.passed = report.violations.empty();
        if (!report.passed) exit_code = static_cast<int>(ExitCode::findings);
    }
    // Report files are staged with the other outputs and renamed with them (sink.commit()), so a
    // failure leaves every output or none under its final name.
    for (const auto& spec : cli.reports) {
        ReportOptions file_report = report;
        file_report.color = false;
        const std::string file = report_file(spec);
        AtomicWriter writer(sink.stage(file), {.shown_as = file});
        writer.write(render_report(parse_report_format(spec.substr(0, spec.find('='))), *shown, load_text, file_report));
        writer.commit();
    }
    sink.commit();
    report_stale_staging(sink, streams.err);
    // -q drops the summary (the terminal report shown when no --format is given), not a report
    // the command line asked for: `scan --format json -q > r.json` wrote an empty r.json, exit 0.
    if (!cli.quiet || !cli.formats.empty()) {
        if (cli.formats.empty()) cli.formats.push_back("terminal");
        for (const auto& format : cli.formats) {
            const ReportFormat parsed = parse_report_format(format);
            std::ostream& stream = parsed == ReportFormat::terminal ? summary : streams.out;
            stream << render_report(parsed, *shown, load_text, report);
        }
        if (check && cli.formats.size() == 1 && cli.formats[0] == "terminal") summary << findings_list(*shown);
    }
    if (check && !cli.baseline_path.empty() && !cli.quiet)
        summary << "once: " << known_findings << " known finding(s) from the baseline remain\n";
    report_skipped(result.skipped, streams.err);
    return exit_code;
}

}  // namespace once::cli
