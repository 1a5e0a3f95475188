#include "cli/options.hpp"

#include <algorithm>
#include <cstring>
#include <charconv>
#include <functional>
#include <type_traits>
#include <sstream>

#include "once/core/error.hpp"
#include "once/run/memory_budget.hpp"

#ifndef ONCE_VERSION
#define ONCE_VERSION "0.1.0"
#endif

namespace once::cli {
namespace po = boost::program_options;

namespace {

constexpr unsigned k_all = k_clean | k_scan | k_check | k_baseline | k_learn | k_sign | k_merge | k_apply;
// Commands that read documents (merge reads signature files only).
constexpr unsigned k_readers = k_all & ~k_merge;
// Commands whose results depend on the detection thresholds.
constexpr unsigned k_detecting = k_all & ~k_learn;
constexpr unsigned k_reporting = k_clean | k_scan | k_check;

// Help lines are wrapped at this width: a terminal of 100 columns, the width of the README's code.
constexpr std::size_t k_help_width = 100;
constexpr std::size_t k_help_indent = 30;

template <class T>
std::string text_of(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// A whole number of bytes, 0 or more, in decimal digits only: no sign, no spaces, no suffix.
// A count of bytes: digits (0 allowed), or a size with a unit as --max-memory takes it (10K,
// 1.5M, 2G: powers of 1024), so the two options read sizes alike.
std::uint64_t byte_count(const std::string& text, const char* option) {
    const bool with_unit = !text.empty() && text[0] >= '0' && text[0] <= '9' &&
                           text.find_first_not_of("0123456789.") != std::string::npos;
    if (with_unit) return parse_memory_size(text, option);
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || text[0] == '-' || text[0] == '+' || error != std::errc() || end != text.data() + text.size())
        throw Error(ExitCode::usage, std::string(option) + " must be a whole number of bytes (0 or more), got '" + text + "'");
    return value;
}

struct TableBuilder {
    std::vector<OptionEntry>& table;
    Group group;

    // An option with a value and a default (the field's current value, which is its default).
    template <class T>
    void value(const char* names, T* field, const char* arg, const char* help, unsigned commands) {
        const std::string shown = text_of(*field);
        add(names, po::value(field)->default_value(*field, shown), arg, help, commands, shown);
    }
    // An option whose absence means something said in words ("none", "the file").
    template <class T>
    void optional(const char* names, T* field, const char* arg, const char* help, unsigned commands,
                  const char* when_absent) {
        if constexpr (std::is_same_v<T, std::string>) {
            // The empty string is how the field says "absent": given empty (an unset shell
            // variable, `--map "$MAP"`) it silently meant the default (`--group-by ''` grouped by
            // folder, `--map ''` wrote no map, `--profile ''` used none). No option gives an empty
            // value a meaning, so it is a usage error naming the option.
            add(names, po::value(field)->notifier(refuse_empty(names)), arg, help, commands, when_absent);
        } else {
            add(names, po::value(field), arg, help, commands, when_absent);
        }
    }
    // Repeatable. An empty item is refused as above (`--ignore ''`, `--merge ''`).
    void list(const char* names, std::vector<std::string>* field, const char* arg, const char* help, unsigned commands,
              const char* when_absent = "none") {
        const auto refuse = refuse_empty(names);
        add(names,
            po::value(field)->composing()->notifier([refuse](const std::vector<std::string>& items) {
                for (const auto& item : items) refuse(item);
            }),
            arg, help, commands, when_absent);
    }
    static std::function<void(const std::string&)> refuse_empty(const char* names) {
        const std::string name = std::string(names).substr(0, std::string_view(names).find(','));
        return [name](const std::string& value) {
            if (value.empty())
                throw Error(ExitCode::usage, "--" + name + " is empty; give a value, or leave the option out");
        };
    }
    void flag(const char* names, bool* field, const char* help, unsigned commands) {
        add(names, po::bool_switch(field), "", help, commands, "off");
    }
    void add(const char* names, const po::value_semantic* semantic, const char* arg, const char* help, unsigned commands,
             std::string default_text) {
        const char* comma = std::strchr(names, ',');
        table.push_back({group, commands, boost::shared_ptr<po::option_description>(new po::option_description(names, semantic, help)),
                         comma ? comma[1] : '\0', arg, std::move(default_text)});
    }
};

const char* group_title(Group group) {
    switch (group) {
        case Group::input: return "Input";
        case Group::output: return "Output";
        case Group::detection: return "Detection (lengths in weight units: 1 per CJK character, 2 per word)";
        case Group::boilerplate: return "Boilerplate and markers";
        case Group::check: return "Limits (exit 1 when one is exceeded; with no limit given, any finding fails)";
        case Group::reports: return "Reports";
        case Group::execution: return "Execution and messages";
    }
    return "";
}

// Appends `text` wrapped at k_help_width; `column` is where it starts, and continuation lines
// start there too.
void append_wrapped(std::string& out, std::string_view text, std::size_t column) {
    const std::size_t indent = column;
    std::istringstream words{std::string(text)};
    std::string word;
    bool first = true;
    while (words >> word) {
        if (!first && column + 1 + word.size() > k_help_width) {
            out.append("\n").append(indent, ' ');
            column = indent;
        } else if (!first) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        first = false;
    }
    out += '\n';
}

std::string exit_code_help() {
    std::string out = "Exit codes:\n";
    for (const auto& [code, meaning] : k_exit_code_meanings) {
        out += "  " + std::to_string(static_cast<int>(code)) + "  ";
        append_wrapped(out, meaning, 5);
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

const std::vector<CommandInfo>& command_table() {
    static const std::vector<CommandInfo> table{
        {"clean", k_clean, "clean PATH... -o OUT [--map FILE] [options]",
         "write cleaned copies (a folder mirroring the inputs, one file for one text file, one JSON Lines file, or - for stdout) and the map"},
        {"scan", k_scan, "scan PATH... [--map FILE] [--format FORMAT] [options]",
         "report what would be removed; write nothing else"},
        {"check", k_check, "check PATH... [--max-ratio R] [--max-bytes N] [--fail-on KIND,...] [--baseline FILE]",
         "CI gate: exit 1 when findings exceed the limits"},
        {"baseline", k_baseline, "baseline PATH... -o .once-baseline.json",
         "record today's findings, so `check --baseline` fails only on new ones"},
        {"learn", k_learn, "learn PATH... -o FILE.profile [--merge P...]", "store what recurs per site (hashes and counts)"},
        {"sign", k_sign, "sign SHARD... --profile ALL.profile -o S.sig",
         "sharded runs: the signatures of one shard (docs/shard-format.md)"},
        {"merge", k_merge, "merge S1.sig S2.sig... -o decisions.bin", "sharded runs: match the shards' signatures in order"},
        {"apply", k_apply, "apply SHARD... --decisions decisions.bin -o OUT", "sharded runs: clean one shard with the decisions"},
    };
    return table;
}

const CommandInfo* find_command(std::string_view name) {
    for (const auto& command : command_table())
        if (command.name == name) return &command;
    return nullptr;
}

std::vector<OptionEntry> option_table(Cli& cli) {
    std::vector<OptionEntry> table;
    Config& c = cli.config;
    TableBuilder in{table, Group::input};
    in.optional("input-format", &cli.input_format, "FORMAT",
                "`jsonl` or `text`: how to read standard input (-); files go by their name (.jsonl, .ndjson)",
                k_readers, "text for -");
    in.value("text-field", &cli.input.jsonl.text_field, "NAME", "JSON Lines: field with the text", k_readers);
    in.value("id-field", &cli.input.jsonl.id_field, "NAME", "JSON Lines: field with the document id (else file:line)",
             k_readers);
    in.optional("group-by", &cli.group_by, "WHAT",
                "the group (site) of each document: for files `folder` or `none`; for JSON Lines a field name "
                "(e.g. site), `host` (the host of the url field, else the file) or `none`",
                k_readers, "folder for files, host for JSON Lines");
    in.optional("group", &cli.input.force_group, "NAME", "put every input in this group (site), e.g. to match a profile",
                k_readers, "none");
    in.list("ignore", &cli.input.ignore_globs, "GLOB",
            "files never read (matched against the path and the path below its folder); repeatable", k_readers);
    in.flag("gitignore", &cli.gitignore,
            "skip files that git ignores (asks `git check-ignore`; needs git and a repository)", k_readers);
    in.value("on-error", &cli.on_error, "fail|skip",
             "bad input: `fail` stops with exit 3; `skip` goes on, lists skipped inputs, exits 5", k_readers);
    in.optional("config", &cli.config_file, "FILE", "read options from this file; the command line wins", k_all,
                ".once.cfg if present");

    TableBuilder out{table, Group::output};
    out.optional("output,o", &cli.output, "OUT",
                 "clean/apply: output folder (one text file: that file, unless OUT is a folder or ends in /), "
                 "JSON Lines file, or - for stdout; learn, baseline, sign, merge: the file",
                 k_clean | k_learn | k_baseline | k_sign | k_merge | k_apply, "required");
    out.optional("map", &cli.map_path, "FILE", "write the duplication map (JSON Lines, docs/map-format.md)",
                 k_clean | k_scan | k_apply, "none");
    out.flag("drop-duplicate-docs", &cli.drop_duplicate_docs, "JSON Lines: leave out records whose text was removed entirely",
             k_clean | k_apply);
    out.optional("flag-field", &cli.flag_field, "NAME",
                 "JSON Lines: add this boolean field, true when the record's text was removed entirely",
                 k_clean | k_apply, "none");
    out.value("compression-level", &cli.compression_level, "N",
              "level of .gz (1-12, default 1: 3x as fast as 6, 11% larger) and .zst (1-19, default 3) outputs; 0 = the default", k_clean | k_scan | k_apply);
    out.add("merge", po::value(&cli.merge_profiles)->composing()->multitoken(), "PROFILE...",
            "also merge these profiles into the output", k_learn, "none");
    out.optional("decisions", &cli.decisions_path, "FILE", "the decisions file written by once merge", k_apply, "required");
    out.value("band-run-entries", &cli.band_run_entries, "N",
              "for testing: band entries and candidate pairs sorted in memory per run before the rest are spilled to "
              "--tmp-dir as sorted runs (0 = 1048576); output never depends on it", k_merge);

    TableBuilder detect{table, Group::detection};
    detect.value("similarity", &c.similarity, "X",
                 "estimated Jaccard similarity at or above which two sentences are near-duplicates", k_detecting);
    detect.value("isolated-similarity", &c.isolated_similarity, "X",
                 "an edited copy with no exact sentence beside it needs this similarity (0.1 more when short)", k_detecting);
    detect.value("containment", &c.containment, "X",
                 "estimated containment at or above which a sentence is a cut-off copy of a longer one", k_detecting);
    detect.value("run-similarity", &c.run_similarity, "X",
                 "inside a copied run: similarity an edited sentence next to a matched one needs (facts must agree; "
                 "a third of it edited at most)",
                 k_detecting);
    detect.value("run-containment", &c.run_containment, "X",
                 "inside a copied run: containment a cut-off sentence next to a matched one needs (a piece from its "
                 "source's start or end)",
                 k_detecting);
    detect.value("run-frame-share", &c.run_frame_share, "X",
                 "between copies removed of its source's neighbours (a copied run): share of each sentence's "
                 "tokens that a sentence and its source's must hold in a common start and end, one stretch between "
                 "them replaced, for an edited copy (facts must agree; above 1: off, and --restart-frame-share "
                 "still applies within one page)",
                 k_detecting);
    detect.value("restart-frame-share", &c.restart_frame_share, "X",
                 "the same, within one page (its source earlier on the page), for an edited sentence that holds no "
                 "fact of its own (its source's facts need not agree then; above 1: off, independent of "
                 "--run-frame-share)",
                 k_detecting);
    detect.value("min-length", &c.min_length, "N",
                 "a run of copied sentences making up whole lines is removed when its weight reaches this", k_detecting);
    detect.value("min-inline-length", &c.min_inline_length, "N",
                 "a copied run inside a line that also holds other text needs this weight (across pages, "
                 "3/4 of it for a passage pasted from mid-sentence to mid-sentence)",
                 k_detecting);
    detect.value("window", &c.window, "N", "a run of this many copied sentences is removed whatever its weight", k_detecting);
    detect.value("min-line-length", &c.min_line_length, "N",
                 "... or when it is a whole line repeated in the same document with at least this weight: the page's title "
                 "again, a line printed twice in a row, or lines repeated together (one other line needs min-length)", k_detecting);
    detect.value("ngram", &c.ngram, "N", "shingle weight: 3 = CJK character trigrams, word bigrams", k_detecting);
    detect.value("num-perm", &c.num_perm, "N", "MinHash permutations per sentence", k_detecting);
    detect.value("bands", &c.bands, "N", "LSH bands (num-perm must be a multiple)", k_detecting);
    detect.value("seed", &c.seed, "N", "seed of the MinHash permutations (echoed in the map)", k_detecting);
    detect.value("kinds", &cli.kinds, "LIST",
                 "what to find and remove: comma-separated duplicate, near_duplicate, boilerplate, marker (at least one)", k_detecting);

    TableBuilder boiler{table, Group::boilerplate};
    boiler.value("boilerplate-min-docs", &c.boilerplate_min_docs, "N",
                 "a line recurring in at least this many documents of a group ...", k_detecting);
    boiler.value("boilerplate-min-share", &c.boilerplate_min_share, "X", "... and in at least this share of them is a site template",
                 k_detecting);
    boiler.value("boilerplate-many-docs", &c.boilerplate_many_docs, "N",
                 "outside the article's own paragraphs, a line in this many documents of a group is a template whatever "
                 "the share",
                 k_detecting);
    boiler.value("shape-threshold", &c.shape_threshold, "X", "shape score (0-1) at or above which a line is judged chrome on its own",
                 k_detecting);
    boiler.flag("no-shape", &cli.no_shape, "judge boilerplate by recurrence only", k_detecting);
    boiler.optional("profile", &cli.profile_path, "FILE",
                    "add the recurrence counts of a learned profile (once learn); a profile of one group applies to every "
                    "input unless --group says otherwise",
                    k_clean | k_scan | k_check | k_baseline | k_sign, "none");
    boiler.list("marker", &cli.markers, "REGEX",
                "a marker line (whole normalized line); repeatable; adds to the built-in list", k_detecting, "built-in list");
    boiler.flag("no-builtin-markers", &cli.no_builtin_markers, "use only --marker patterns", k_detecting);
    boiler.list("keep", &c.keep_patterns, "REGEX", "text that is never removed (searched in normalized lines); repeatable",
                k_detecting);
    boiler.list("keep-file", &cli.keep_files, "FILE", "file with one --keep pattern per line", k_detecting);
    boiler.optional("lexicon", &c.lexicon_dir, "DIR", "folder of word lists (*.txt) replacing the built-in lexicon", k_all,
                    "built in");

    TableBuilder limits{table, Group::check};
    limits.add("max-ratio", po::value<double>()->notifier([&cli](double v) { cli.max_ratio = v; }), "R",
               "largest allowed share of removable bytes, overall and in every file (0-1)", k_check, "none");
    // Read as text: Program_options parses "-5" into an unsigned as 2^64 - 5, a limit no run
    // reaches, so `check --max-bytes -5` passed every run.
    limits.add("max-bytes", po::value<std::string>()->notifier([&cli](const std::string& v) { cli.max_bytes = byte_count(v, "--max-bytes"); }), "N",
               "largest allowed number of removable bytes in all files together (10000, 10K, 1.5M)", k_check, "none");
    limits.optional("fail-on", &cli.fail_on, "KINDS", "fail on any finding of these kinds (comma-separated), e.g. marker",
                    k_check, "none");
    limits.flag("allow-empty", &cli.allow_empty,
                "pass when there are no documents at all (by default an empty input fails: the gate would have checked nothing)",
                k_check);
    limits.optional("baseline", &cli.baseline_path, "FILE", "only findings not recorded in this baseline (once baseline) count",
                    k_check, "none");

    TableBuilder report{table, Group::reports};
    report.list("format", &cli.formats, "FORMAT",
                "report on stdout: terminal, json, markdown, sarif, github, html; repeatable; one given here is written even with -q", k_reporting, "terminal");
    report.list("report", &cli.reports, "FORMAT=FILE", "write a report to a file; repeatable", k_reporting);

    TableBuilder run{table, Group::execution};
    run.value("threads", &c.threads, "N", "worker threads (0 = all cores, at most 256); output never depends on it", k_all);
    run.optional("max-memory", &cli.max_memory, "SIZE",
                 "memory budget, e.g. 4G or 512M; an index that would pass it is paged to a file in --tmp-dir, and "
                 "a run whose rest would pass it stops with exit 6 instead of being killed",
                 k_all, "90% of the machine's memory or cgroup limit");
    run.optional("tmp-dir", &c.tmp_dir, "DIR",
                 "folder for temporary files (index records spilled to disk, the index paged under --max-memory, "
                 "merge's decisions, spooled standard input); nothing is left there after the run, and a killed run's files are removed by the next",
                 k_all, "the folder of -o; $TMPDIR or /tmp without -o or with -o -");
    run.flag("quiet,q", &cli.quiet, "no summary and no progress line; notes and errors still appear", k_all);
    run.value("color", &cli.color, "WHEN",
              "`auto` (a terminal, and NO_COLOR unset or empty), `always` or `never`", k_reporting);
    return table;
}

po::options_description options_of(const std::vector<OptionEntry>& table, unsigned command) {
    po::options_description options;
    for (const auto& entry : table)
        if (entry.commands & command) options.add(entry.option);
    return options;
}

std::string general_help() {
    std::string out =
        "once " ONCE_VERSION " - find duplicate and boilerplate passages in text and remove them, keeping every "
        "passage once.\n\nUsage:\n";
    for (const auto& command : command_table()) {
        out += "  once " + std::string(command.usage) + "\n      ";
        append_wrapped(out, command.summary, 6);
    }
    out +=
        "  once COMMAND --help      the options of one command, with their defaults\n"
        "  once --version (-V)\n\n"
        "PATH is a file, a folder (read recursively, sorted), `-` for standard input, or a JSON Lines file\n"
        "(.jsonl/.ndjson, optionally .gz/.zst) with one document per line. Lengths are in weight units:\n"
        "1 per CJK character, 2 per word. Formats: docs/map-format.md, docs/report-formats.md.\n"
        "Options may also come from .once.cfg (or --config FILE); the command line wins.\n\n";
    out += exit_code_help();
    return out;
}

std::string command_help(const CommandInfo& command, const std::vector<OptionEntry>& table) {
    std::string out = "Usage: once " + std::string(command.usage) + "\n  ";
    append_wrapped(out, command.summary, 2);
    for (const Group group : {Group::input, Group::output, Group::detection, Group::boilerplate, Group::check, Group::reports,
                              Group::execution}) {
        std::string lines;
        for (const auto& entry : table) {
            if (entry.group != group || !(entry.commands & command.bit)) continue;
            const auto& option = *entry.option;
            std::string name = "  ";
            if (entry.short_name) name += std::string("-") + entry.short_name + ", ";
            name += "--" + option.long_name();
            if (!entry.arg.empty()) name += " " + entry.arg;
            std::string text = option.description();
            if (!entry.default_text.empty() && entry.default_text != "off") text += " (default: " + entry.default_text + ")";
            if (name.size() + 2 > k_help_indent) {
                lines.append(name).append("\n").append(k_help_indent, ' ');
            } else {
                lines.append(name).append(k_help_indent - name.size(), ' ');
            }
            append_wrapped(lines, text, k_help_indent);
        }
        // append() only: GCC 12 warns falsely (-Wrestrict) on this operator+ chain.
        if (!lines.empty()) out.append("\n").append(group_title(group)).append(":\n").append(lines);
    }
    out += "  -h, --help                  this help\n\n";
    out += exit_code_help();
    return out;
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) best = candidate, best_distance = distance;
    }
    return best;
}

std::string unknown_option_message(std::string_view option, const CommandInfo& command,
                                   const std::vector<OptionEntry>& table) {
    std::string bare(option);
    const bool is_short = bare.size() == 2 && bare[0] == '-' && bare[1] != '-';
    while (!bare.empty() && bare.front() == '-') bare.erase(0, 1);
    // The same option in other commands?
    for (const auto& entry : table) {
        const bool same = is_short ? bare.size() == 1 && entry.short_name == bare[0] : entry.option->long_name() == bare;
        if (!same) continue;
        std::string users;
        for (const auto& other : command_table())
            if (entry.commands & other.bit) users += (users.empty() ? "" : ", ") + std::string(other.name);
        return "once " + std::string(command.name) + " does not take " + std::string(option) + " (it is an option of: " + users +
               "; see once " + std::string(command.name) + " --help)";
    }
    std::vector<std::string> names;
    for (const auto& entry : table)
        if (entry.commands & command.bit) names.push_back(entry.option->long_name());
    names.push_back("help");
    const std::string guess = closest(bare, names);
    std::string message = "unknown option " + std::string(option) + " for once " + std::string(command.name);
    if (!guess.empty()) message += "; did you mean --" + guess + "?";
    return message + " (see once " + std::string(command.name) + " --help)";
}

}  // namespace once::cli
