#include "cli/cli.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "once/core/error.hpp"
#include "once/core/temp_dir.hpp"
#include "once/input/temp_files.hpp"
#include "once/judge/markers.hpp"
#include "once/output/message.hpp"
#include "once/output/standard_output.hpp"
#include "once/run/memory_budget.hpp"
#include "once/text/pattern.hpp"

#ifndef ONCE_VERSION
#define ONCE_VERSION "0.1.0"
#endif

namespace once::cli {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// What goes to stdout (a report, a summary, help) is buffered: a closed or full stdout (`>&-`,
// `>/dev/full`) shows only when it is flushed, and must end the run with exit 4, not 0 and nothing.
int flushed(int exit_code, std::ostream& out) {
    flush_stdout_or_throw(out);
    return exit_code;
}

// --threads above this is a typo, not a machine: each thread costs a process id and a stack, and
// a failed thread start must not be the way a user learns it (issue 14).
constexpr int k_max_threads = 256;

// The UTF-8 byte order mark that Windows editors (Notepad) put at the start of a file. In a keep
// file it opened the first pattern, which then never matched (the normalized lines searched hold
// no BOM), so that text was removed without a word; in a config file it made the first key an
// unknown option whose name looked right. It is dropped from the start of both.
constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = std::min(text.find(',', start), text.size());
        if (comma > start) out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

// Checks that span several options, and what the Config needs beyond what Program_options set.
void finish_config(Cli& cli) {
    Config& c = cli.config;
    c.kinds.clear();
    for (const auto& name : split_list(cli.kinds)) c.kinds.insert(parse_kind(name));
    // No kind at all would run the whole analysis to find nothing and report success: a mistake
    // (an empty shell variable, `--kinds ''`), not a request.
    if (c.kinds.empty())
        throw Error(ExitCode::usage, "--kinds names no kind (got '" + cli.kinds +
                                         "'); give one or more of duplicate, near_duplicate, boilerplate, marker");
    for (const auto& name : split_list(cli.fail_on)) parse_kind(name);
    c.shape = !cli.no_shape;
    c.marker_patterns = cli.markers;
    if (!cli.no_builtin_markers && !cli.markers.empty()) {
        c.marker_patterns = builtin_marker_patterns();
        c.marker_patterns.insert(c.marker_patterns.end(), cli.markers.begin(), cli.markers.end());
    }
    if (cli.no_builtin_markers && cli.markers.empty()) c.marker_patterns = {"[^\\x00-\\x{10FFFF}]"};  // matches nothing (RE2 has no `(?!)`)
    for (const auto& file : cli.keep_files) {
        std::ifstream in(file);
        std::error_code error;  // a folder opens as a stream that reads nothing
        // A file an option reads is an input (exit 3 when unreadable, like --profile); a pattern
        // in it that RE2 rejects is a bad value (exit 2), named with its file and line.
        if (!in || fs::is_directory(file, error)) throw Error(ExitCode::input_error, "cannot read keep file", file);
        std::string line;
        for (std::size_t number = 1; std::getline(in, line); ++number) {
            if (number == 1 && line.starts_with(k_utf8_bom)) line.erase(0, k_utf8_bom.size());
            // A file saved with CRLF line ends: the '\r' would end every pattern, which then never
            // matched, and nothing was kept, silently. A pattern that must end in CR says `\r`.
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty() || line[0] == '#') continue;
            try {
                PatternSet{std::vector<std::string>{line}};
            } catch (const Error& bad) {
                throw Error(ExitCode::usage, "line " + std::to_string(number) + ": " + bad.message(), file);
            }
            c.keep_patterns.push_back(line);
        }
    }
    // Written as what must hold: `check --max-ratio nan` compared false with every ratio and passed.
    if (cli.max_ratio && !(*cli.max_ratio >= 0.0 && *cli.max_ratio <= 1.0))
        throw Error(ExitCode::usage, "--max-ratio must be in [0, 1]");
    if (!cli.max_memory.empty()) c.max_memory = parse_memory_size(cli.max_memory, "--max-memory");
    if (c.threads < 0 || c.threads > k_max_threads)
        throw Error(ExitCode::usage, "--threads must be between 0 (all cores) and " + std::to_string(k_max_threads));
    if (cli.on_error == "fail") cli.input.on_error = OnError::fail;
    else if (cli.on_error == "skip") cli.input.on_error = OnError::skip;
    else throw Error(ExitCode::usage, "--on-error must be `fail` or `skip`");
    if (cli.color != "auto" && cli.color != "always" && cli.color != "never")
        throw Error(ExitCode::usage, "--color must be `auto`, `always` or `never`");
    if (cli.input_format == "jsonl") cli.input.stdin_jsonl = true;
    else if (cli.input_format != "auto" && cli.input_format != "text")
        throw Error(ExitCode::usage, "--input-format must be `jsonl` or `text`");
    cli.input.gitignore = cli.gitignore;
    // The flag is a new key: naming the text or id field would add that field twice (every
    // record refused, line by line, as holding it already; said once here instead).
    if (!cli.flag_field.empty() &&
        (cli.flag_field == cli.input.jsonl.text_field || cli.flag_field == cli.input.jsonl.id_field))
        throw Error(ExitCode::usage, "--flag-field " + cli.flag_field + " names the record's " +
                                         (cli.flag_field == cli.input.jsonl.text_field ? "text" : "id") +
                                         " field; the flag needs a field of its own");
    cli.input.jsonl.flag_field = cli.flag_field;
    // `none`: one group for everything (files and JSON Lines alike).
    if (cli.group_by == "none" && cli.input.force_group.empty()) cli.input.force_group = "all";
    else if (!cli.group_by.empty() && cli.group_by != "folder") {
        cli.input.jsonl.group_field = cli.group_by;
        cli.input.jsonl.group_field_named = true;
    }
    // JSON Lines default: the host of the url field (else the file), so sites are not mixed.
    if (cli.group_by.empty()) cli.input.jsonl.group_field = "host";
    c.validate();
    // A document whose analysis alone would pass the budget is refused while it is read (a
    // compression bomb, a huge single line), not after it was decompressed into memory.
    cli.input.max_document_bytes = MemoryBudget(c.max_memory).limit() / k_analysis_bytes_per_byte;
}

// The config file holds the options of every command (one .once.cfg serves clean and check);
// each command takes the ones it uses. An option no command knows is an error. Returns the names
// of the options whose value comes from the file (those the command line did not give), so that
// an error about one of them can name the file (see blame_config_file).
std::vector<std::string> store_config_file(const std::string& path, const CommandInfo& command,
                                           const std::vector<OptionEntry>& table, po::variables_map& vm) {
    std::ifstream file(path);
    // A folder opens as a stream that reads nothing: an empty config, the user's options lost.
    std::error_code error;
    if (!file || fs::is_directory(path, error)) throw Error(ExitCode::usage, "cannot read config file", path);
    std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    if (text.starts_with(k_utf8_bom)) text.erase(0, k_utf8_bom.size());
    std::istringstream in(text);
    po::parsed_options parsed(nullptr);
    try {
        const po::options_description every = options_of(table, ~0u);
        parsed = po::parse_config_file(in, every);
    } catch (const po::error& error) {
        throw Error(ExitCode::usage, error.what(), path);
    }
    std::set<std::string> own;
    for (const auto& entry : table)
        if (entry.commands & command.bit) own.insert(entry.option->long_name());
    std::vector<po::option> kept;
    std::vector<std::string> from_file;
    for (auto& option : parsed.options) {
        // The config file is read once, after the command line named it: a `config = F` in it was
        // stored and then never read, F's options silently absent.
        if (option.string_key == "config")
            throw Error(ExitCode::usage, "a config file cannot name another (config = ...); give that one with --config",
                        path);
        if (!own.count(option.string_key)) continue;
        if (!vm.count(option.string_key) || vm[option.string_key].defaulted()) from_file.push_back(option.string_key);
        kept.push_back(std::move(option));
    }
    parsed.options = std::move(kept);
    const po::options_description mine = options_of(table, command.bit);
    parsed.description = &mine;
    try {
        po::store(parsed, vm);  // converts the values: `similarity = abc` fails here
    } catch (const po::error& error) {
        throw Error(ExitCode::usage, error.what(), path);
    }
    return from_file;
}

// A usage error about an option whose value came from the config file names the file: `once:
// .once.cfg: --similarity must be in (0, 1]`, not a message that sends the user to a command
// line that never said --similarity. Found by the option's name in the message (`--NAME` not
// followed by more of a name), since the checks (Config::validate, finish_config, the writers)
// know the option and not where its value came from.
Error blame_config_file(const Error& error, const Cli& cli) {
    if (error.code() != ExitCode::usage || !error.file().empty() || cli.config_source.empty()) return error;
    const std::string& text = error.message();
    for (const auto& name : cli.from_config) {
        const std::string option = "--" + name;
        for (auto at = text.find(option); at != std::string::npos; at = text.find(option, at + 1)) {
            const std::size_t end = at + option.size();
            const bool whole = end == text.size() || !(std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-');
            if (whole) return Error(ExitCode::usage, text + " (set in this config file)", cli.config_source);
        }
    }
    return error;
}

// Parses the command line into `cli`; returns false when it asked for --help (printed to `out`).
bool parse(const CommandInfo& command, const std::vector<std::string>& rest, Cli& cli,
           const std::vector<OptionEntry>& table, std::ostream& out) {
    po::options_description accepted = options_of(table, command.bit);
    accepted.add_options()("help,h", "")("path", po::value(&cli.paths)->composing(), "");
    po::positional_options_description positional;
    positional.add("path", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(rest).options(accepted).positional(positional).run(), vm);
        if (vm.count("help")) {
            out << command_help(command, table);
            return false;
        }
        // Values stored first are kept by Program_options, so the command line wins.
        std::string config_file = vm.count("config") ? vm["config"].as<std::string>() : std::string();
        if (config_file.empty() && fs::exists(".once.cfg")) config_file = ".once.cfg";
        if (!config_file.empty()) {
            cli.config_source = config_file;
            cli.from_config = store_config_file(config_file, command, table, vm);
        }
        try {
            po::notify(vm);
        } catch (const Error& error) {  // a notifier's check (an empty value) of a value from the file
            throw blame_config_file(error, cli);
        }
    } catch (const po::unknown_option& error) {
        throw Error(ExitCode::usage, unknown_option_message(error.get_option_name(), command, table));
    } catch (const po::error& error) {
        throw Error(ExitCode::usage, std::string(error.what()) + " (see once " + std::string(command.name) + " --help)");
    }
    return true;
}

// --tmp-dir: its default, a check that files can be made there before any work (exit 4 naming
// it, not an error an hour into the run), and the spool folders a killed run left there.
void prepare_temp_folder(Cli& cli, std::ostream& err) {
    std::string& folder = cli.config.tmp_dir;
    if (folder.empty()) folder = default_temp_folder(cli.output);
    check_temp_folder(folder);
    cli.input.temp_folder = folder;
    for (const auto& stale : remove_stale_spools(folder))
        err << "once: note: removed " << one_line(stale) << ", left by an interrupted run\n";
}

int dispatch(const CommandInfo& command, Cli& cli, Streams streams) {
    if (cli.paths.empty() && !(command.bit == k_learn && !cli.merge_profiles.empty()))
        throw Error(ExitCode::usage, "no input PATH given (see once " + std::string(command.name) + " --help)");
    // Standard input can be read once. A second reader of `-` got what the first left, nothing:
    // `scan - -` read an empty second document, `clean - --profile -` loaded the profile from
    // standard input and cleaned an empty document (exit 0, an empty file written).
    std::vector<std::string> stdin_readers;
    for (const auto& path : cli.paths)
        if (path == "-") stdin_readers.emplace_back("PATH -");
    for (const auto& [option, path] : {std::pair{"--profile", &cli.profile_path}, std::pair{"--baseline", &cli.baseline_path},
                                       std::pair{"--decisions", &cli.decisions_path}})
        if (*path == "-") stdin_readers.push_back(std::string(option) + " -");
    for (const auto& path : cli.merge_profiles)
        if (path == "-") stdin_readers.emplace_back("--merge -");
    if (stdin_readers.size() > 1)
        throw Error(ExitCode::usage, "- (standard input) read twice, by " + stdin_readers[0] + " and " + stdin_readers[1] +
                                         "; it can be read once (give one of them a file)");
    // An empty path (an unset shell variable: `once scan "$DIR"`) is no file; said so, since the
    // message would otherwise name nothing (`once: no such file or folder`).
    if (std::find(cli.paths.begin(), cli.paths.end(), "") != cli.paths.end())
        throw Error(ExitCode::input_error, "an empty path ('') names no file or folder");
    refuse_unsafe_outputs(cli);
    prepare_temp_folder(cli, streams.err);
    switch (command.bit) {
        case k_learn: return run_learn(cli, streams);
        case k_sign: return run_sign(cli, streams);
        case k_merge: return run_merge(cli, streams);
        case k_apply: return run_apply(cli, streams);
        default: return run_analysis(command, cli, streams);
    }
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    remove_temp_files_on_signals();  // an interrupted run leaves no temporary file
    try {
        if (args.size() < 2) {
            err << general_help();
            return static_cast<int>(ExitCode::usage);
        }
        const std::string& first = args[1];
        if (first == "--help" || first == "-h" || first == "help") {
            const CommandInfo* topic = args.size() > 2 ? find_command(args[2]) : nullptr;
            if (topic) {
                Cli cli;
                out << command_help(*topic, option_table(cli));
            } else {
                out << general_help();
            }
            return flushed(0, out);
        }
        if (first == "--version" || first == "-V") {
            out << "once " << ONCE_VERSION << "\n";
            return flushed(0, out);
        }
        const CommandInfo* command = find_command(first);
        if (!command) {
            std::vector<std::string> names;
            for (const auto& known : command_table()) names.emplace_back(known.name);
            const std::string guess = closest(first, names);
            throw Error(ExitCode::usage, "unknown command '" + first + "'" +
                                             (guess.empty() ? std::string() : "; did you mean '" + guess + "'?") +
                                             " (see once --help)");
        }
        Cli cli;
        const auto table = option_table(cli);
        if (!parse(*command, std::vector<std::string>(args.begin() + 2, args.end()), cli, table, out)) return flushed(0, out);
        try {
            finish_config(cli);
            return flushed(dispatch(*command, cli, Streams{out, err}), out);
        } catch (const Error& error) {
            throw blame_config_file(error, cli);
        }
    } catch (const Error& error) {
        err << "once: " << one_line(error.what()) << "\n";
        return static_cast<int>(error.code());
    } catch (const std::bad_alloc&) {
        err << "once: out of memory\n";
        return static_cast<int>(ExitCode::resource_limit);
    } catch (const std::exception& error) {
        err << "once: internal error: " << one_line(error.what()) << "\n";
        return static_cast<int>(ExitCode::internal);
    }
}

}  // namespace once::cli
