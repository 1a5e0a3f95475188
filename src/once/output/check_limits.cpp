#include "once/output/check_limits.hpp"

#include <map>

#include "once/output/map_writer.hpp"

namespace once {

std::vector<std::string> check_limits(const CheckLimits& limits, const RunResult& result) {
    std::vector<std::string> violations;
    const std::uint64_t total = result.total_bytes();
    const std::uint64_t removed = result.removed_bytes();
    std::size_t findings = 0;
    std::map<std::string, std::size_t> by_kind;
    for (const auto& doc : result.docs)
        for (const auto& span : doc.spans) ++findings, ++by_kind[kind_name(span.kind)];
    if (!limits.any() && findings > 0)
        violations.push_back(std::to_string(findings) + " finding(s) (" + std::to_string(removed) +
                             " bytes); no limit set, so any finding fails");
    for (const Kind kind : limits.fail_on) {
        const auto it = by_kind.find(kind_name(kind));
        if (it != by_kind.end() && it->second > 0)
            violations.push_back(std::to_string(it->second) + " " + kind_name(kind) + " finding(s); --fail-on " + kind_name(kind));
    }
    if (limits.max_bytes && removed > *limits.max_bytes)
        violations.push_back(std::to_string(removed) + " removable bytes > --max-bytes " + std::to_string(*limits.max_bytes));
    if (limits.max_ratio) {
        const double ratio = total ? static_cast<double>(removed) / static_cast<double>(total) : 0.0;
        if (ratio > *limits.max_ratio)
            violations.push_back("overall ratio " + format_similarity(ratio) + " > --max-ratio " + format_similarity(*limits.max_ratio));
        for (const auto& doc : result.docs) {
            const double file_ratio = doc.bytes ? static_cast<double>(doc.removed_bytes()) / static_cast<double>(doc.bytes) : 0.0;
            if (file_ratio > *limits.max_ratio)
                violations.push_back(doc.id + ": ratio " + format_similarity(file_ratio) + " > --max-ratio " +
                                     format_similarity(*limits.max_ratio));
        }
    }
    return violations;
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
