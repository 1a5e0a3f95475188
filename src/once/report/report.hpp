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

#include <string>

#include "once/core/result.hpp"
#include "once/report/report_options.hpp"

namespace once {

enum class ReportFormat { terminal, json, markdown, sarif, github, html };

// Parses "terminal", "json", "markdown", "sarif", "github", "html"; throws Error(usage).
ReportFormat parse_report_format(const std::string& name);

std::string render_report(ReportFormat format, const RunResult& result, const TextLoader& load_text,
                          const ReportOptions& options);

}  // namespace once
