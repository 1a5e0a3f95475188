// cli.hpp — the `once` command line: parses arguments with Boost.Program_options into a Config,
// runs the library, writes outputs, and maps errors to exit codes.
//
// Why a function and not main: end-to-end tests call `cli::run` in-process with their own
// streams and check stdout, stderr and the exit code; main.cpp is one line.
//
//   std::ostringstream out, err;
//   int code = once::cli::run({"once", "scan", "samples/"}, out, err);
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace once::cli {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace once::cli
