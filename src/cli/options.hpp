// options.hpp — the command table and the option table of the `once` command line.
//
// Why a table: each of the eight commands accepts only the options it uses (an option it would
// ignore is an error, not a silent no-op), its --help lists exactly those, grouped, each with its
// default, and a mistyped option or command gets a "did you mean". One table drives all three, and
// the config file (.once.cfg) too, so nothing is written twice.
//
//   Cli cli;
//   const auto table = option_table(cli);            // options bound to cli's fields
//   std::cout << command_help(*find_command("clean"), table);
#pragma once

#include <boost/program_options.hpp>
#include <boost/shared_ptr.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "once/core/config.hpp"
#include "once/input/reader.hpp"

namespace once::cli {

// One bit per command, so an option lists the commands that use it.
enum CommandBit : unsigned {
    k_clean = 1u << 0,
    k_scan = 1u << 1,
    k_check = 1u << 2,
    k_baseline = 1u << 3,
    k_learn = 1u << 4,
    k_sign = 1u << 5,
    k_merge = 1u << 6,
    k_apply = 1u << 7,
};

struct CommandInfo {
    std::string_view name;
    CommandBit bit;
    std::string_view usage;    // after "once "
    std::string_view summary;  // one line
};

const std::vector<CommandInfo>& command_table();
const CommandInfo* find_command(std::string_view name);

// What the command line sets, beside the Config the options fill directly.
struct Cli {
    Config config;
    InputOptions input;
    std::vector<std::string> paths;
    std::string output;
    std::string map_path;
    std::string profile_path;
    std::vector<std::string> merge_profiles;
    std::string kinds = "duplicate,near_duplicate,boilerplate,marker";
    std::vector<std::string> markers;
    bool no_builtin_markers = false;
    std::vector<std::string> keep_files;
    std::string on_error = "fail";
    std::string group_by;
    std::string input_format = "auto";
    bool gitignore = false;
    bool no_shape = false;
    bool quiet = false;
    std::string color = "auto";
    bool drop_duplicate_docs = false;
    std::string flag_field;
    std::vector<std::string> formats;
    std::vector<std::string> reports;  // FORMAT=FILE
    std::string config_file;
    // The config file read (--config, else .once.cfg), and the options whose value it gave.
    std::string config_source;
    std::vector<std::string> from_config;
    std::string decisions_path;
    // merge: band entries and candidate pairs sorted in memory per run (0 = the default, 1 Mi);
    // a small value forces many runs spilled to --tmp-dir, for testing (match/band_runs.hpp).
    std::size_t band_run_entries = 0;
    std::string max_memory;
    int compression_level = 0;  // of .gz/.zst outputs; 0 = the format's default (stream_io.hpp)
    std::optional<double> max_ratio;
    std::optional<std::uint64_t> max_bytes;
    std::string fail_on;
    bool allow_empty = false;  // check: no documents at all passes
    std::string baseline_path;
};

// Option groups, in the order --help shows them.
enum class Group { input, output, detection, boilerplate, check, reports, execution };

struct OptionEntry {
    Group group;
    unsigned commands;  // CommandBit mask
    boost::shared_ptr<boost::program_options::option_description> option;
    char short_name;           // '\0' when the option has only a long name
    std::string arg;           // the value's placeholder in help ("N", "FILE"); empty for a switch
    std::string default_text;  // shown as "(default: ...)"
};

// Every option of every command, bound to `cli`'s fields.
std::vector<OptionEntry> option_table(Cli& cli);

// The options of one command, for Program_options.
boost::program_options::options_description options_of(const std::vector<OptionEntry>& table, unsigned command);

std::string general_help();
std::string command_help(const CommandInfo& command, const std::vector<OptionEntry>& table);

// The closest of `candidates` to `word` (edit distance at most 2, or a third of the word), or "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// For an option `--name` (or `-x`) that `command` does not accept: a one-line explanation with a
// "did you mean" or the commands that do accept it.
std::string unknown_option_message(std::string_view option, const CommandInfo& command,
                                   const std::vector<OptionEntry>& table);

}  // namespace once::cli
