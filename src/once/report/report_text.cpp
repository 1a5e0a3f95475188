// report_text.cpp — the line-oriented reports: the terminal summary, the Markdown pull-request
// comment and GitHub workflow annotations.
//
// The terminal summary is for a person who looks for five seconds: totals first, then where it
// hurts (worst files, biggest clusters), then what went wrong (skipped inputs, the verdict).
// Markdown says the same in tables; GitHub annotations put one note on each removed span.
#include <algorithm>
#include <map>

#include "once/report/report_writers.hpp"

namespace once::report_detail {
namespace {

// --- terminal --------------------------------------------------------------------------------

struct Style {
    bool color = false;
    std::string wrap(const char* code, const std::string& text) const {
        if (!color) return text;
        return std::string("\x1b[") + code + "m" + text + "\x1b[0m";
    }
    std::string bold(const std::string& text) const { return wrap("1", text); }
    std::string dim(const std::string& text) const { return wrap("2", text); }
    std::string red(const std::string& text) const { return wrap("1;31", text); }
    std::string green(const std::string& text) const { return wrap("1;32", text); }
    std::string kind(Kind kind, const std::string& text) const {
        switch (kind) {
            case Kind::duplicate: return wrap("31", text);
            case Kind::near_duplicate: return wrap("33", text);
            case Kind::boilerplate: return wrap("34", text);
            case Kind::marker: return wrap("35", text);
        }
        return text;
    }
};

std::string pad_left(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}
std::string pad_right(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}
std::string plural(std::uint64_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

// Keeps terminal output to one line per entry and free of what a file name could smuggle in:
// C0/C1 controls (escape sequences), bidirectional overrides, invalid UTF-8. `kept_controls`:
// ASCII controls a format escapes its own way (a line break in a GitHub command is `%0A`).
std::string printable(std::string_view text, std::string_view kept_controls = {}) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Char d = decode_utf8_lossy(text, pos);
        const char32_t cp = d.code_point;
        const bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
                             (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
        if (control && !(cp < 0x80 && kept_controls.find(static_cast<char>(cp)) != std::string_view::npos))
            out += '?';
        else
            append_utf8(out, cp);
        pos += d.length;
    }
    return out;
}

void append_verdict(std::string& out, const ReportOptions& options, const Style& style) {
    if (!options.has_verdict) return;
    out += "\n";
    if (options.passed) {
        out += style.green("PASS") + "  within the limits\n";
    } else {
        out += style.red("FAIL") + "  " + printable(options.headline) + "\n";
    }
    for (const auto& violation : options.violations) out += "  - " + printable(violation) + "\n";
}

}  // namespace

std::string render_terminal(const RunResult& result, const Summary& summary,
                            const ReportOptions& options) {
    const Style style{options.color};
    std::string out;
    out += style.bold("once") + ": " + plural(result.docs.size(), "document", "documents") + ", " +
           format_bytes(summary.total_bytes) + "; removed " + format_bytes(summary.removed_bytes) +
           " (" + format_percent(share(summary.removed_bytes, summary.total_bytes)) + ")\n";

    if (summary.spans > 0) {
        out += style.dim("  " + pad_right("kind", 16) + pad_left("spans", 7) + pad_left("bytes", 12) +
                         pad_left("share", 8) + pad_left("docs", 7)) +
               "\n";
        for (Kind kind : kAllKinds) {
            const KindTotals& totals = summary.kinds[kind_index(kind)];
            std::string line = "  " + style.kind(kind, pad_right(kind_name(kind), 16)) +
                               pad_left(std::to_string(totals.spans), 7) +
                               pad_left(format_bytes(totals.bytes), 12) +
                               pad_left(format_percent(share(totals.bytes, summary.total_bytes)), 8) +
                               pad_left(std::to_string(totals.documents), 7);
            out += (totals.spans == 0 ? style.dim(line) : line) + "\n";
        }
    } else if (!result.docs.empty()) {
        out += "  nothing to remove\n";
    }
    if (result.index.sentences > 0)
        out += style.dim("  index: " + plural(result.index.sentences, "sentence", "sentences") + ", " +
                         std::to_string(result.index.signatures) + " with a signature of their own, " +
                         format_bytes(result.index.bytes)) +
               "\n";
    if (summary.fully_removed > 0)
        out += "  " + plural(summary.fully_removed, "document", "documents") + " fully removed\n";

    if (!summary.worst_docs.empty()) {
        out += "\n" + style.bold("Worst files") + style.dim("  (removed share, removed bytes)") + "\n";
        const std::size_t count = std::min(options.top, summary.worst_docs.size());
        for (std::size_t i = 0; i < count; ++i) {
            const DocResult& doc = result.docs[summary.worst_docs[i]];
            out += "  " + pad_left(format_percent(share(doc.removed_bytes(), doc.bytes)), 6) +
                   pad_left(format_bytes(doc.removed_bytes()), 11) + "  " + printable(doc.id) + "\n";
        }
        if (summary.worst_docs.size() > count)
            out += style.dim("  … " + std::to_string(summary.worst_docs.size() - count) +
                             " more with removed text") +
                   "\n";
    }

    if (!summary.clusters.empty()) {
        out += "\n" + style.bold("Biggest clusters") + style.dim("  (copies removed, kept copy)") +
               "\n";
        const std::size_t count = std::min(options.top, summary.clusters_by_size.size());
        for (std::size_t i = 0; i < count; ++i) {
            const ClusterSummary& cluster = summary.clusters[summary.clusters_by_size[i]];
            std::string kept = "kept copy unknown";
            if (cluster.kept && cluster.kept->doc < result.docs.size())
                kept = "kept " + printable(result.docs[cluster.kept->doc].id) + ":" +
                       std::to_string(cluster.kept->start_pos.line);
            out += "  " + pad_right("#" + std::to_string(cluster.id), 7) +
                   pad_left(plural(cluster.copies.size(), "copy", "copies"), 10) + "  " +
                   style.kind(cluster.kind, pad_right(kind_name(cluster.kind), 15)) +
                   pad_left(format_bytes(cluster.bytes), 10) + "  " + kept + "\n";
        }
        if (summary.clusters.size() > count)
            out += style.dim("  … " + std::to_string(summary.clusters.size() - count) +
                             " more clusters") +
                   "\n";
    }

    if (!result.skipped.empty()) {
        out += "\n" + style.bold("Skipped " + plural(result.skipped.size(), "input", "inputs")) + "\n";
        for (const auto& skipped : result.skipped)
            out += "  " + printable(skipped.id) + ": " + printable(skipped.reason) + "\n";
    }
    append_verdict(out, options, style);
    return out;
}

// --- Markdown --------------------------------------------------------------------------------

namespace {

// Escapes text for a Markdown table cell (GitHub-flavoured): backslash-escapes the characters
// that start inline markup, turns line breaks into spaces, defuses HTML and @mentions; other
// controls (an escape sequence in a file name) show as `?`, as in the terminal report.
std::string md_escape(std::string_view raw) {
    const std::string text = printable(raw, "\r\n\t");
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~':
            case '#': case '!': case '$':
                out += '\\';
                out += c;
                break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '@': out += "@&#8203;"; break;  // a zero-width space stops the mention
            case '\r': case '\n': case '\t': out += ' '; break;
            default: out += c;
        }
    }
    return out;
}

std::string kept_cell(const RunResult& result, const ClusterSummary& cluster) {
    if (!cluster.kept || cluster.kept->doc >= result.docs.size()) return "unknown";
    return md_escape(result.docs[cluster.kept->doc].id) + " line " +
           std::to_string(cluster.kept->start_pos.line);
}

}  // namespace

std::string render_markdown(const RunResult& result, const Summary& summary,
                            const TextLoader& load_text, const ReportOptions& options) {
    std::string out = "## once report\n\n";
    if (options.has_verdict) {
        out += options.passed ? "**✅ PASS** — within the limits\n\n"
                              : "**❌ FAIL** — " + md_escape(options.headline) + "\n\n";
        for (const auto& violation : options.violations) out += "- " + md_escape(violation) + "\n";
        if (!options.violations.empty()) out += "\n";
    }

    out += "| | spans | bytes | share |\n|---|---:|---:|---:|\n";
    out += "| **" + plural(result.docs.size(), "document", "documents") + "** | | " +
           format_bytes(summary.total_bytes) + " | |\n";
    out += "| **removed** | " + std::to_string(summary.spans) + " | " +
           format_bytes(summary.removed_bytes) + " | " +
           format_percent(share(summary.removed_bytes, summary.total_bytes)) + " |\n";
    for (Kind kind : kAllKinds) {
        const KindTotals& totals = summary.kinds[kind_index(kind)];
        out += "| " + md_escape(kind_name(kind)) + " | " + std::to_string(totals.spans) + " | " +
               format_bytes(totals.bytes) + " | " +
               format_percent(share(totals.bytes, summary.total_bytes)) + " |\n";
    }
    out += "\n";
    if (result.docs.empty()) out += "No documents were read.\n\n";
    if (summary.fully_removed > 0)
        out += plural(summary.fully_removed, "document was", "documents were") +
               " removed entirely.\n\n";

    if (!summary.worst_docs.empty()) {
        out += "### Worst files\n\n| file | bytes | removed | share |\n|---|---:|---:|---:|\n";
        const std::size_t count = std::min(options.top, summary.worst_docs.size());
        for (std::size_t i = 0; i < count; ++i) {
            const DocResult& doc = result.docs[summary.worst_docs[i]];
            out += "| " + md_escape(doc.id) + " | " + format_bytes(doc.bytes) + " | " +
                   format_bytes(doc.removed_bytes()) + " | " +
                   format_percent(share(doc.removed_bytes(), doc.bytes)) + " |\n";
        }
        if (summary.worst_docs.size() > count)
            out += "\n… and " + std::to_string(summary.worst_docs.size() - count) + " more.\n";
        out += "\n";
    }

    if (!summary.clusters.empty()) {
        out += "### Biggest clusters\n\n| cluster | kind | copies | kept copy | excerpt |\n"
               "|---:|---|---:|---|---|\n";
        const std::size_t count = std::min(options.top, summary.clusters_by_size.size());
        std::map<std::size_t, std::string> texts;  // each kept document is loaded once
        for (std::size_t i = 0; i < count; ++i) {
            const ClusterSummary& cluster = summary.clusters[summary.clusters_by_size[i]];
            std::string quote;
            if (cluster.kept && cluster.kept->doc < result.docs.size() && load_text) {
                auto it = texts.find(cluster.kept->doc);
                if (it == texts.end())
                    it = texts.emplace(cluster.kept->doc, load_text(cluster.kept->doc)).first;
                quote = excerpt(slice(it->second, cluster.kept->start, cluster.kept->end), 80);
            }
            out += "| " + std::to_string(cluster.id) + " | " + md_escape(kind_name(cluster.kind)) +
                   " | " + std::to_string(cluster.copies.size()) + " | " +
                   kept_cell(result, cluster) + " | " + md_escape(quote) + " |\n";
        }
        if (summary.clusters.size() > count)
            out += "\n… and " + std::to_string(summary.clusters.size() - count) + " more.\n";
        out += "\n";
    }

    if (!result.skipped.empty()) {
        out += "### Skipped inputs\n\n| input | reason |\n|---|---|\n";
        for (const auto& skipped : result.skipped)
            out += "| " + md_escape(skipped.id) + " | " + md_escape(skipped.reason) + " |\n";
        out += "\n";
    }
    if (!options.tool_version.empty())
        out += "<sub>once " + md_escape(options.tool_version) + "</sub>\n";
    return out;
}

// --- GitHub workflow commands ------------------------------------------------------------------

namespace {

// What GitHub's log shows as given: line breaks, escaped below as commands expect; any other
// control (ESC starting a colour or cursor sequence in a file name) shows as `?`.
std::string printable_for_github(std::string_view text) { return printable(text, "\r\n"); }

// The escaping rules of @actions/core (toCommandValue / escapeData / escapeProperty).
std::string gh_escape_data(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            default: out += c;
        }
    }
    return out;
}

std::string gh_escape_property(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            case ':': out += "%3A"; break;
            case ',': out += "%2C"; break;
            default: out += c;
        }
    }
    return out;
}

// GitHub shows at most 10 warning, 10 error and 10 notice annotations per step and drops the
// rest silently (actions/toolkit docs/problem-matchers.md, "Limitations"). So the findings are
// ranked (markers, then duplicates, then near-duplicates as warnings; boilerplate as notices;
// larger first, then input order) and only what GitHub will show is annotated; one notice says
// how many more there are (the SARIF report and the terminal list carry them all).
constexpr std::size_t k_github_annotations_per_level = 10;

int github_rank(Kind kind) {
    switch (kind) {
        case Kind::marker: return 0;          // generation artefacts: never meant to be published
        case Kind::duplicate: return 1;
        case Kind::near_duplicate: return 2;
        case Kind::boilerplate: return 3;     // site chrome: expected in scraped text
    }
    return 4;
}

}  // namespace

std::string render_github(const RunResult& result, const ReportOptions& options) {
    std::string out;
    struct Finding {
        const DocResult* doc;
        const Span* span;
    };
    std::vector<Finding> findings;
    for (const DocResult& doc : result.docs)
        for (const Span& span : doc.spans) findings.push_back({&doc, &span});
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        const int rank_a = github_rank(a.span->kind), rank_b = github_rank(b.span->kind);
        if (rank_a != rank_b) return rank_a < rank_b;
        return a.span->end - a.span->start > b.span->end - b.span->start;
    });
    // Skipped inputs take warning slots first: an input that was not checked matters most.
    std::size_t warnings = std::min(result.skipped.size(), k_github_annotations_per_level);
    std::size_t notices = 0, left_out = 0;
    std::string annotations;
    for (const Finding& finding : findings) {
        const DocResult& doc = *finding.doc;
        const Span& span = *finding.span;
        const bool notice = span.kind == Kind::boilerplate;
        // One notice slot is kept for the line that counts what was left out.
        if (notice ? notices + 1 >= k_github_annotations_per_level : warnings >= k_github_annotations_per_level) {
            ++left_out;
            continue;
        }
        ++(notice ? notices : warnings);
        const std::string file = gh_escape_property(printable_for_github(doc.id));
        annotations += notice ? "::notice " : "::warning ";
        annotations += "file=" + file + ",line=" + std::to_string(span.start_pos.line) +
               ",endLine=" + std::to_string(last_line(span.start_pos, span.end_pos));
        // Columns only mean something to GitHub on a one-line annotation; a span that ends
        // with its line break is shown as whole lines.
        if (span.end_pos.line == span.start_pos.line)
            annotations += ",col=" + std::to_string(span.start_pos.column) +
                   ",endColumn=" + std::to_string(span.end_pos.column);
        annotations += ",title=" + gh_escape_property(std::string("once ") + kind_name(span.kind)) +
               "::" + gh_escape_data(printable_for_github(span_message(result, span))) + "\n";
    }
    std::size_t skipped_shown = 0;
    for (const auto& skipped : result.skipped) {
        if (skipped_shown++ == k_github_annotations_per_level) break;
        out += "::warning file=" + gh_escape_property(printable_for_github(skipped.id)) +
               ",title=once skipped input::" + gh_escape_data(printable_for_github(skipped.reason)) + "\n";
    }
    out += annotations;
    const std::size_t skipped_left_out = result.skipped.size() - std::min(result.skipped.size(), k_github_annotations_per_level);
    if (left_out + skipped_left_out > 0)
        out += "::notice title=once::" +
               gh_escape_data(std::to_string(left_out + skipped_left_out) + " more finding(s) not annotated (GitHub shows " +
                              std::to_string(k_github_annotations_per_level) +
                              " annotations per level and step); the SARIF report (--report sarif=FILE) lists them all") +
               "\n";
    if (options.has_verdict && !options.passed) {
        std::string message = "FAIL: " + options.headline;
        for (const auto& violation : options.violations) message += "\n" + violation;
        out += "::error title=once check::" + gh_escape_data(printable_for_github(message)) + "\n";
    }
    return out;
}

}  // namespace once::report_detail
