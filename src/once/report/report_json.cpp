// report_json.cpp — the JSON summary ("once-report/1", documented in docs/report-formats.md).
//
// Machine-readable counterpart of the terminal summary: totals, per kind, per file, per cluster.
// Keys appear in insertion order (nlohmann::ordered_json) and every list has a total order, so
// the same run always gives the same bytes.
#include <array>

#include <nlohmann/json.hpp>

#include "once/report/report_writers.hpp"

namespace once::report_detail {
namespace {

using Json = nlohmann::ordered_json;

Json position_json(const RunResult& result, std::size_t doc, std::uint64_t start, std::uint64_t end,
                   const TextPosition& start_pos, const TextPosition& end_pos) {
    Json j;
    j["id"] = doc < result.docs.size() ? result.docs[doc].id : std::string();
    j["doc"] = doc;
    j["start"] = start;
    j["end"] = end;
    j["line"] = start_pos.line;
    j["end_line"] = last_line(start_pos, end_pos);
    return j;
}

}  // namespace

std::string render_json(const RunResult& result, const Summary& summary,
                        const ReportOptions& options) {
    Json root;
    root["version"] = "once-report/1";
    root["tool"] = {{"name", "once"}, {"version", options.tool_version}};

    root["totals"] = {
        {"documents", result.docs.size()},
        {"bytes", summary.total_bytes},
        {"removed_bytes", summary.removed_bytes},
        {"removed_ratio", round6(share(summary.removed_bytes, summary.total_bytes))},
        {"spans", summary.spans},
        {"clusters", summary.clusters.size()},
        {"fully_removed_documents", summary.fully_removed},
        {"skipped_inputs", result.skipped.size()},
    };
    root["index"] = {
        {"sentences", result.index.sentences},
        {"signatures", result.index.signatures},
        {"bytes", result.index.bytes},
    };

    Json kinds = Json::object();
    for (Kind kind : kAllKinds) {
        const KindTotals& totals = summary.kinds[kind_index(kind)];
        kinds[kind_name(kind)] = {
            {"spans", totals.spans},
            {"bytes", totals.bytes},
            {"ratio", round6(share(totals.bytes, summary.total_bytes))},
            {"documents", totals.documents},
        };
    }
    root["kinds"] = std::move(kinds);

    Json files = Json::array();
    for (const DocResult& doc : result.docs) {
        Json counts = Json::object();
        std::array<std::uint64_t, kKindCount> per_kind{};
        for (const Span& span : doc.spans) ++per_kind[kind_index(span.kind)];
        for (Kind kind : kAllKinds) counts[kind_name(kind)] = per_kind[kind_index(kind)];
        files.push_back({
            {"id", doc.id},
            {"group", doc.group},
            {"bytes", doc.bytes},
            {"removed", doc.removed_bytes()},
            {"ratio", round6(share(doc.removed_bytes(), doc.bytes))},
            {"fully_removed", doc.fully_removed},
            {"counts", std::move(counts)},
        });
    }
    root["files"] = std::move(files);

    Json clusters = Json::array();
    for (const ClusterSummary& cluster : summary.clusters) {
        Json j;
        j["id"] = cluster.id;
        j["kind"] = kind_name(cluster.kind);
        j["bytes"] = cluster.bytes;
        if (cluster.kept) {
            const SourceRef& kept = *cluster.kept;
            j["kept"] = position_json(result, kept.doc, kept.start, kept.end, kept.start_pos,
                                      kept.end_pos);
        } else {
            j["kept"] = nullptr;
        }
        Json copies = Json::array();
        for (const CopyRef& copy : cluster.copies) {
            const Span& span = result.docs[copy.doc].spans[copy.span];
            Json c = position_json(result, copy.doc, span.start, span.end, span.start_pos,
                                   span.end_pos);
            c["kind"] = kind_name(span.kind);
            c["similarity"] = round6(span.similarity);
            c["match"] = span.match;
            copies.push_back(std::move(c));
        }
        j["copies"] = std::move(copies);
        clusters.push_back(std::move(j));
    }
    root["clusters"] = std::move(clusters);

    Json skipped = Json::array();
    for (const auto& input : result.skipped)
        skipped.push_back({{"id", input.id}, {"reason", input.reason}});
    root["skipped"] = std::move(skipped);

    if (options.has_verdict)
        root["verdict"] = {{"passed", options.passed},
                           {"limits_exceeded", options.limits_exceeded},
                           {"violations", options.violations}};

    // Ids and reasons come from file names and input data: replace, never throw on, bad UTF-8.
    return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace once::report_detail
