// report.hpp — human- and machine-readable reports of a run: terminal summary, JSON summary,
// Markdown, SARIF 2.1.0, GitHub workflow annotations, self-contained HTML.
//
// Why here and not in the CLI: reports are output formats with contracts (golden files, a
// schema), tested without running the binary. They only read a RunResult; the few that quote
// text (HTML, Markdown excerpts) get it through `TextLoader`, so a run over a large corpus need
// not keep all texts in memory. nlohmann_json is used only in the report writers.
//
//   std::string sarif = once::render_report(once::ReportFormat::sarif, result, loader, opts);
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "once/core/result.hpp"

namespace once {

enum class ReportFormat { terminal, json, markdown, sarif, github, html };

// Parses "terminal", "json", "markdown", "sarif", "github", "html"; throws Error(usage).
ReportFormat parse_report_format(const std::string& name);

// Returns the original text of document `index` of the RunResult.
using TextLoader = std::function<std::string(std::size_t index)>;

struct ReportOptions {
    bool color = false;           // terminal: ANSI colours (the CLI decides: TTY and no NO_COLOR)
    std::size_t top = 10;         // terminal/markdown: how many worst files / biggest clusters
    std::string tool_version;     // SARIF driver version, HTML footer
    // check: the verdict and the limits, shown in terminal/markdown/json when set.
    bool has_verdict = false;
    bool passed = true;
    std::vector<std::string> violations;  // one line per limit exceeded
};

std::string render_report(ReportFormat format, const RunResult& result, const TextLoader& load_text,
                          const ReportOptions& options);

}  // namespace once
