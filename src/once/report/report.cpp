// report.cpp — format dispatch, the shared summary and the small text helpers of the writers.
//
// The writers themselves live in report_text.cpp (terminal, Markdown, GitHub annotations),
// report_json.cpp (JSON summary), report_sarif.cpp (SARIF 2.1.0) and report_html.cpp (HTML).
#include "once/report/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "once/core/error.hpp"
#include "once/report/report_writers.hpp"
#include "once/text/utf8.hpp"

namespace once {

ReportFormat parse_report_format(const std::string& name) {
    if (name == "terminal") return ReportFormat::terminal;
    if (name == "json") return ReportFormat::json;
    if (name == "markdown") return ReportFormat::markdown;
    if (name == "sarif") return ReportFormat::sarif;
    if (name == "github") return ReportFormat::github;
    if (name == "html") return ReportFormat::html;
    throw Error(ExitCode::usage, "unknown report format '" + name +
                                     "' (expected terminal, json, markdown, sarif, github or html)");
}

std::string render_report(ReportFormat format, const RunResult& result, const TextLoader& load_text,
                          const ReportOptions& options) {
    using namespace report_detail;
    switch (format) {
        case ReportFormat::terminal: return render_terminal(result, summarize(result), options);
        case ReportFormat::json: return render_json(result, summarize(result), options);
        case ReportFormat::markdown:
            return render_markdown(result, summarize(result), load_text, options);
        case ReportFormat::sarif: return render_sarif(result, load_text, options);
        case ReportFormat::github: return render_github(result, options);
        case ReportFormat::html: return render_html(result, summarize(result), load_text, options);
    }
    throw Error(ExitCode::internal, "unhandled report format");
}

namespace report_detail {

Summary summarize(const RunResult& result) {
    Summary summary;
    std::map<std::uint32_t, ClusterSummary> clusters;
    for (std::size_t d = 0; d < result.docs.size(); ++d) {
        const DocResult& doc = result.docs[d];
        summary.total_bytes += doc.bytes;
        if (doc.fully_removed) ++summary.fully_removed;
        std::array<bool, kKindCount> seen{};
        for (std::size_t s = 0; s < doc.spans.size(); ++s) {
            const Span& span = doc.spans[s];
            const std::uint64_t length = span.end > span.start ? span.end - span.start : 0;
            KindTotals& totals = summary.kinds[kind_index(span.kind)];
            ++totals.spans;
            totals.bytes += length;
            seen[kind_index(span.kind)] = true;
            summary.removed_bytes += length;
            ++summary.spans;
            if (span.cluster == 0) continue;
            ClusterSummary& cluster = clusters[span.cluster];
            if (cluster.copies.empty()) cluster.id = span.cluster;
            if (span.kind == Kind::near_duplicate) cluster.kind = Kind::near_duplicate;
            if (!cluster.kept && span.source) cluster.kept = span.source;
            cluster.copies.push_back({d, s});
            cluster.bytes += length;
        }
        for (std::size_t k = 0; k < kKindCount; ++k)
            if (seen[k]) ++summary.kinds[k].documents;
    }

    for (std::size_t d = 0; d < result.docs.size(); ++d)
        if (result.docs[d].removed_bytes() > 0) summary.worst_docs.push_back(d);
    std::stable_sort(summary.worst_docs.begin(), summary.worst_docs.end(),
                     [&](std::size_t a, std::size_t b) {
                         const DocResult& x = result.docs[a];
                         const DocResult& y = result.docs[b];
                         const double sx = share(x.removed_bytes(), x.bytes);
                         const double sy = share(y.removed_bytes(), y.bytes);
                         if (sx != sy) return sx > sy;
                         if (x.removed_bytes() != y.removed_bytes())
                             return x.removed_bytes() > y.removed_bytes();
                         return a < b;
                     });

    for (auto& entry : clusters) summary.clusters.push_back(std::move(entry.second));
    for (std::size_t c = 0; c < summary.clusters.size(); ++c) summary.clusters_by_size.push_back(c);
    std::stable_sort(summary.clusters_by_size.begin(), summary.clusters_by_size.end(),
                     [&](std::size_t a, std::size_t b) {
                         const ClusterSummary& x = summary.clusters[a];
                         const ClusterSummary& y = summary.clusters[b];
                         if (x.copies.size() != y.copies.size())
                             return x.copies.size() > y.copies.size();
                         if (x.bytes != y.bytes) return x.bytes > y.bytes;
                         return x.id < y.id;
                     });
    return summary;
}

double share(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::string format_percent(double ratio) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", ratio * 100.0);
    return buffer;
}

std::string format_similarity(double similarity) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", similarity);
    return buffer;
}

double round6(double value) { return std::round(value * 1e6) / 1e6; }

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash) {
    for (unsigned char byte : bytes) {
        hash ^= byte;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::string_view slice(std::string_view text, std::uint64_t start, std::uint64_t end) {
    const std::uint64_t size = text.size();
    start = std::min(start, size);
    end = std::clamp(end, start, size);
    return text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
}

namespace {
bool is_space(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0x3000 /* ideographic space */ || cp == 0xA0 || cp == 0x2028 || cp == 0x2029;
}
}  // namespace

std::string excerpt(std::string_view text, std::size_t max_code_points) {
    std::vector<char32_t> points;
    bool pending_space = false;
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Char d = decode_utf8_lossy(text, pos);
        pos += d.length;
        if (is_space(d.code_point)) {
            pending_space = !points.empty();
            continue;
        }
        if (pending_space) points.push_back(' ');
        pending_space = false;
        points.push_back(d.code_point);
        if (points.size() > max_code_points) break;  // enough to know it must be cut
    }
    std::string out;
    if (points.size() > max_code_points) {
        points.resize(max_code_points > 0 ? max_code_points - 1 : 0);
        while (!points.empty() && points.back() == ' ') points.pop_back();
        for (char32_t cp : points) append_utf8(out, cp);
        if (max_code_points > 0) out += "\u2026";
        return out;
    }
    for (char32_t cp : points) append_utf8(out, cp);
    return out;
}

std::uint32_t last_line(const TextPosition& start, const TextPosition& end) {
    if (end.line > start.line && end.column == 1) return end.line - 1;
    return std::max(end.line, start.line);
}

std::string line_range(const TextPosition& start, const TextPosition& end) {
    const std::uint32_t last = last_line(start, end);
    if (last == start.line) return "line " + std::to_string(start.line);
    return "lines " + std::to_string(start.line) + "-" + std::to_string(last);
}

std::string kind_word(Kind kind) {
    std::string word = kind_name(kind);
    std::replace(word.begin(), word.end(), '_', '-');
    return word;
}

std::string span_message(const RunResult& result, const Span& span) {
    std::string message;
    switch (span.kind) {
        case Kind::duplicate:
        case Kind::near_duplicate: {
            message = span.kind == Kind::duplicate ? "Duplicate" : "Near-duplicate";
            if (span.source && span.source->doc < result.docs.size()) {
                message += " of " + line_range(span.source->start_pos, span.source->end_pos) +
                           " of " + result.docs[span.source->doc].id;
            } else {
                message += " of a passage kept elsewhere";
            }
            std::string detail;
            if (span.cluster != 0) detail = "cluster " + std::to_string(span.cluster);
            if (span.kind == Kind::near_duplicate) {
                if (!detail.empty()) detail += ", ";
                detail += "similarity " + format_similarity(span.similarity);
            }
            if (!detail.empty()) message += " (" + detail + ")";
            break;
        }
        case Kind::boilerplate:
            if (span.docs > 0) {
                message = "Boilerplate: recurs in " + std::to_string(span.docs) + " documents";
            } else if (span.match == "shape") {
                message = "Boilerplate: looks like page chrome (shape score " +
                          format_similarity(span.similarity) + ")";
            } else {
                message = "Boilerplate";
            }
            break;
        case Kind::marker: message = "Generation or scraping marker"; break;
    }
    return message;
}

}  // namespace report_detail
}  // namespace once
