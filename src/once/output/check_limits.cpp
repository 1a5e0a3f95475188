#include "once/output/check_limits.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <utility>

#include "once/output/map_writer.hpp"

namespace once {

namespace {

// A limit as the user wrote it, near enough: the shortest form of up to 6 significant digits
// (0.05, 0.0025, 1e-05), never rounded to the 3 decimals that made 0.0001 read "0.000".
std::string format_limit(double limit) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", limit);
    return buffer;
}

// "R > --max-ratio L", with R given 3 decimals or as many as L has, and more while the printed R
// does not exceed the printed L (up to 9): "0.003 > --max-ratio 0.003" contradicted itself.
std::string ratio_over(double ratio, double limit) {
    const std::string shown_limit = format_limit(limit);
    const double printed_limit = std::strtod(shown_limit.c_str(), nullptr);
    const std::size_t point = shown_limit.find('.');
    int decimals = 3;
    if (shown_limit.find('e') != std::string::npos) decimals = 9;
    else if (point != std::string::npos) decimals = std::max(decimals, static_cast<int>(shown_limit.size() - point - 1));
    char buffer[32];
    for (;; ++decimals) {
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, ratio);
        if (decimals == 9 || std::strtod(buffer, nullptr) > printed_limit) break;
    }
    return std::string(buffer) + " > --max-ratio " + shown_limit;
}

}  // namespace

CheckVerdict check_limits(const CheckLimits& limits, const RunResult& result) {
    CheckVerdict verdict;
    std::vector<std::string>& violations = verdict.violations;
    const auto exceeded = [&verdict](std::string limit) { verdict.limits_exceeded.push_back(std::move(limit)); };
    const bool empty = result.docs.empty() && !limits.allow_empty;
    if (empty)
        violations.push_back("no documents were read, so nothing was checked (--allow-empty passes an empty input)");
    const std::uint64_t total = result.total_bytes();
    const std::uint64_t removed = result.removed_bytes();
    std::size_t findings = 0;
    std::map<std::string, std::size_t> by_kind;
    for (const auto& doc : result.docs)
        for (const auto& span : doc.spans) ++findings, ++by_kind[kind_name(span.kind)];
    if (!limits.any() && findings > 0) {
        violations.push_back(std::to_string(findings) + " finding(s) (" + std::to_string(removed) +
                             " bytes); no limit set, so any finding fails");
        exceeded("no finding allowed (no limit set)");
    }
    for (const Kind kind : limits.fail_on) {
        const auto it = by_kind.find(kind_name(kind));
        if (it != by_kind.end() && it->second > 0) {
            violations.push_back(std::to_string(it->second) + " " + kind_name(kind) + " finding(s); --fail-on " + kind_name(kind));
            exceeded(std::string("--fail-on ") + kind_name(kind));
        }
    }
    if (limits.max_bytes && removed > *limits.max_bytes) {
        violations.push_back(std::to_string(removed) + " removable bytes > --max-bytes " + std::to_string(*limits.max_bytes));
        exceeded("--max-bytes " + std::to_string(*limits.max_bytes));
    }
    if (limits.max_ratio) {
        const std::size_t lines_before = violations.size();
        const double limit = *limits.max_ratio;
        const double ratio = total ? static_cast<double>(removed) / static_cast<double>(total) : 0.0;
        if (ratio > limit) violations.push_back("overall ratio " + ratio_over(ratio, limit));
        // Every file over the limit is a violation, but a CI log, a pull-request comment (GitHub
        // takes 65,536 characters) or an ::error line with thousands of them is one nobody reads:
        // the worst k_files_over_ratio_listed are named, the rest counted (every file's ratio is
        // in the JSON report's files[]).
        std::vector<std::pair<double, std::size_t>> over;  // (ratio, document), worst first
        for (std::size_t i = 0; i < result.docs.size(); ++i) {
            const auto& doc = result.docs[i];
            const double file_ratio = doc.bytes ? static_cast<double>(doc.removed_bytes()) / static_cast<double>(doc.bytes) : 0.0;
            if (file_ratio > limit) over.emplace_back(file_ratio, i);
        }
        std::stable_sort(over.begin(), over.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        const std::size_t listed = std::min(over.size(), k_files_over_ratio_listed);
        for (std::size_t k = 0; k < listed; ++k)
            violations.push_back(result.docs[over[k].second].id + ": ratio " + ratio_over(over[k].first, limit));
        if (over.size() > listed)
            violations.push_back("... and " + std::to_string(over.size() - listed) + " more file(s) over --max-ratio " +
                                 format_limit(limit) + " (" + std::to_string(over.size()) +
                                 " in all; the JSON report lists every file's ratio)");
        if (violations.size() > lines_before) exceeded("--max-ratio " + format_limit(limit));
    }
    const std::size_t n = verdict.limits_exceeded.size();
    if (n > 0) {
        verdict.headline = std::to_string(n) + (n == 1 ? " limit exceeded: " : " limits exceeded: ");
        for (std::size_t k = 0; k < n; ++k) verdict.headline += (k ? ", " : "") + verdict.limits_exceeded[k];
    } else if (empty) {
        verdict.headline = "nothing was checked";
    }
    return verdict;
}

std::string findings_list(const RunResult& result, std::size_t max_listed) {
    std::string out;
    std::size_t shown = 0, total = 0;
    for (const auto& doc : result.docs)
        for (const auto& span : doc.spans) {
            ++total;
            if (shown >= max_listed) continue;
            ++shown;
            out += doc.id + ":" + std::to_string(span.start_pos.line) + ": " + kind_name(span.kind);
            if (span.last_line != span.start_pos.line)
                out += " (lines " + std::to_string(span.start_pos.line) + "-" + std::to_string(span.last_line) + ")";
            out += ", " + std::to_string(span.end - span.start) + " bytes";
            if (span.source)
                out += ", copy of " + result.docs[span.source->doc].id + ":" + std::to_string(span.source->start_pos.line);
            if (span.kind == Kind::boilerplate && span.docs) out += ", in " + std::to_string(span.docs) + " documents";
            out += "\n";
        }
    if (total > shown) out += "... and " + std::to_string(total - shown) + " more\n";
    return out;
}

}  // namespace once
