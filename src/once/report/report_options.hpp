// report_options.hpp — what every report writer is given besides the RunResult: how to load a
// document's text, and the options of the run (colour, how many entries, the check verdict).
//
// Why a header of its own: report.hpp (the entry point, render_report) and report_writers.hpp
// (the writers behind it) both need these, and the writers must not include the entry point
// that calls them.
//
//   once::ReportOptions options;
//   options.top = 5;
//   once::TextLoader load = [&](std::size_t i) { return read_file(result.docs[i].id); };
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace once {

// Returns the original text of document `index` of the RunResult.
using TextLoader = std::function<std::string(std::size_t index)>;

struct ReportOptions {
    bool color = false;           // terminal: ANSI colours (the CLI decides: TTY and no NO_COLOR)
    std::size_t top = 10;         // terminal/markdown: how many worst files / biggest clusters
    std::string tool_version;     // SARIF driver version, HTML footer
    // check: the verdict and the limits, shown in terminal/markdown/json when set.
    bool has_verdict = false;
    bool passed = true;
    std::vector<std::string> violations;  // the lines that show the limits exceeded (CheckVerdict)
    std::vector<std::string> limits_exceeded;  // each limit once, as set: "--max-ratio 0.2"
    std::string headline;                 // after FAIL: "2 limits exceeded: --fail-on marker, --max-ratio 0.2"
};

}  // namespace once
