// commands.hpp — the eight commands, each a function from a parsed command line to an exit code.
//
// Why apart from cli.cpp: cli.cpp parses and dispatches; these call the library's stages and
// choose which stream each message goes to (the summary goes to stderr whenever stdout carries
// data, so `once clean x.jsonl -o -` prints pure JSON Lines).
#pragma once

#include <iosfwd>

#include "cli/options.hpp"

namespace once::cli {

struct Streams {
    std::ostream& out;
    std::ostream& err;
};

// Before any work: exit 4 when an output names a device, FIFO or socket (renaming a finished file
// over it would replace the node), or a file that an option reads (--profile, --baseline,
// --decisions, --merge, --keep-file, the config file).
void refuse_unsafe_outputs(const Cli& cli);

int run_learn(Cli& cli, Streams streams);
int run_sign(Cli& cli, Streams streams);
int run_merge(Cli& cli, Streams streams);
int run_apply(Cli& cli, Streams streams);
// clean, scan, check and baseline: one pipeline run, then outputs and reports.
int run_analysis(const CommandInfo& command, Cli& cli, Streams streams);

}  // namespace once::cli
