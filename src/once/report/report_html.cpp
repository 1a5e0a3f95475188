// report_html.cpp — one self-contained HTML file (docs/html-report.md): totals, a chart of the
// removed share per document, the clusters by size and a document viewer with every removed
// span highlighted by kind and linked to its kept copy.
//
// Why it is built this way:
// - Self-contained: no network, no external scripts, fonts or style sheets, so the file can be
//   mailed, archived as a CI artefact, or opened offline, and shows the same thing forever.
// - Static where it is cheap (totals, chart) so most of the report reads without JavaScript;
//   the data for the rest is one JSON block (`<script type="application/json" id="once-data">`)
//   that a small vanilla script pages (50 documents or clusters per page) and renders lazily (a
//   document's text is built only when it is opened), which keeps 10,000 documents usable.
// - Offsets: the map's offsets are UTF-8 byte offsets; JavaScript strings index UTF-16 code
//   units. The conversion is done here, in one walk over each text, and only UTF-16 offsets are
//   embedded, so the script never converts.
// - Only documents that have removed spans or hold a kept copy carry their text: the others have
//   nothing to highlight, and leaving them out keeps the file near the size of what matters.
// - The style and the script are files of their own (assets/report.css, assets/report.js), so
//   linters and browser devtools work on them; scripts/embed.py compiles them in at build time.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "once/report/report_writers.hpp"
#include "report_css.hpp"  // k_report_css: assets/report.css, embedded by scripts/embed.py
#include "report_js.hpp"   // k_report_js: assets/report.js

namespace once::report_detail {
namespace {

using Json = nlohmann::ordered_json;

std::string html_escape(std::string_view raw) {
    const std::string text = sanitize_utf8(raw);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

// The text as valid UTF-8 (invalid bytes become U+FFFD) and the UTF-16 offset of each byte
// offset in `offsets` (sorted, unique). An offset inside a sequence maps to the next boundary.
struct Utf16Text {
    std::string text;
    std::vector<std::uint32_t> offsets;
};

Utf16Text to_utf16_offsets(std::string_view text, const std::vector<std::uint64_t>& offsets) {
    Utf16Text out;
    out.text.reserve(text.size());
    out.offsets.reserve(offsets.size());
    std::size_t next = 0;
    std::uint32_t units = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        while (next < offsets.size() && offsets[next] <= pos) {
            out.offsets.push_back(units);
            ++next;
        }
        const Utf8Char d = decode_utf8_lossy(text, pos);
        if (d.valid)
            out.text.append(text.substr(pos, d.length));
        else
            append_utf8(out.text, 0xFFFD);
        units += d.code_point >= 0x10000 ? 2 : 1;
        pos += d.length;
    }
    while (next++ < offsets.size()) out.offsets.push_back(units);
    return out;
}

const char* kind_colour_var(Kind kind) {
    switch (kind) {
        case Kind::duplicate: return "var(--dup)";
        case Kind::near_duplicate: return "var(--near)";
        case Kind::boilerplate: return "var(--boiler)";
        case Kind::marker: return "var(--marker)";
    }
    return "var(--muted)";
}

std::string fixed(double value, int decimals) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// --- the chart ---------------------------------------------------------------------------------

constexpr double kChartWidth = 1000, kChartHeight = 220;
constexpr double kPlotLeft = 44, kPlotRight = 990, kPlotTop = 12, kPlotBottom = 190;
constexpr std::size_t kMaxBars = 200;

std::string chart_axes(const std::string& y_top_label, const std::string& y_middle_label) {
    std::string svg;
    for (int step = 0; step <= 2; ++step) {
        const double y = kPlotBottom - (kPlotBottom - kPlotTop) * step / 2.0;
        svg += "<line class=\"grid\" x1=\"" + fixed(kPlotLeft, 1) + "\" x2=\"" +
               fixed(kPlotRight, 1) + "\" y1=\"" + fixed(y, 1) + "\" y2=\"" + fixed(y, 1) + "\"/>";
        const std::string label = step == 0 ? "0" : step == 1 ? y_middle_label : y_top_label;
        if (!label.empty())
            svg += "<text class=\"axis\" x=\"" + fixed(kPlotLeft - 6, 1) + "\" y=\"" +
                   fixed(y + 4, 1) + "\" text-anchor=\"end\">" + html_escape(label) + "</text>";
    }
    return svg;
}

// One stacked bar per document (by removed share, largest first), coloured by kind.
std::string bar_chart(const RunResult& result) {
    std::vector<std::size_t> order(result.docs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double sa = share(result.docs[a].removed_bytes(), result.docs[a].bytes);
        const double sb = share(result.docs[b].removed_bytes(), result.docs[b].bytes);
        if (sa != sb) return sa > sb;
        return a < b;
    });
    // At most 60 units per slot, so a handful of documents doesn't draw slabs.
    const double slot = std::min(60.0, (kPlotRight - kPlotLeft) / static_cast<double>(order.size()));
    const double gap = slot > 6 ? slot * 0.15 : 0.0;
    const double height = kPlotBottom - kPlotTop;
    std::string svg = chart_axes("100%", "50%");
    for (std::size_t k = 0; k < order.size(); ++k) {
        const DocResult& doc = result.docs[order[k]];
        const double x = kPlotLeft + slot * static_cast<double>(k) + gap / 2;
        const double w = std::max(slot - gap, 0.5);
        svg += "<a href=\"#d" + std::to_string(order[k]) + "\"><g class=\"bar\"><title>" +
               html_escape(doc.id) + ": " + format_percent(share(doc.removed_bytes(), doc.bytes)) +
               " removed (" + format_bytes(doc.removed_bytes()) + " of " +
               format_bytes(doc.bytes) + ")</title>";
        svg += "<rect class=\"hit\" x=\"" + fixed(x, 2) + "\" y=\"" + fixed(kPlotTop, 1) +
               "\" width=\"" + fixed(w, 2) + "\" height=\"" + fixed(height, 1) + "\"/>";
        std::array<std::uint64_t, kKindCount> per_kind{};
        for (const Span& span : doc.spans) per_kind[kind_index(span.kind)] += span.end - span.start;
        double y = kPlotBottom;
        for (Kind kind : kAllKinds) {
            const double h = height * share(per_kind[kind_index(kind)], doc.bytes);
            if (h <= 0) continue;
            y -= h;
            svg += "<rect x=\"" + fixed(x, 2) + "\" y=\"" + fixed(y, 2) + "\" width=\"" +
                   fixed(w, 2) + "\" height=\"" + fixed(h, 2) + "\" fill=\"" +
                   kind_colour_var(kind) + "\"/>";
        }
        svg += "</g></a>";
    }
    return svg;
}

// For large corpora: how many documents fall in each 5% band of removed share (documents with
// nothing removed are counted in the caption, not drawn, so they don't flatten the bars).
std::string histogram(const RunResult& result, std::size_t& untouched) {
    constexpr std::size_t bins = 20;
    std::array<std::size_t, bins> counts{};
    untouched = 0;
    for (const DocResult& doc : result.docs) {
        const double ratio = share(doc.removed_bytes(), doc.bytes);
        if (doc.removed_bytes() == 0) {
            ++untouched;
            continue;
        }
        // (0, 5%] -> bin 0, ..., (95%, 100%] -> bin 19.
        auto bin = static_cast<std::size_t>(std::ceil(ratio * bins)) ;
        bin = std::clamp<std::size_t>(bin, 1, bins) - 1;
        ++counts[bin];
    }
    const std::size_t peak = std::max<std::size_t>(1, *std::max_element(counts.begin(), counts.end()));
    const double slot = (kPlotRight - kPlotLeft) / bins;
    const double height = kPlotBottom - kPlotTop;
    std::string svg = chart_axes(std::to_string(peak), "");
    for (std::size_t b = 0; b < bins; ++b) {
        const double x = kPlotLeft + slot * static_cast<double>(b) + slot * 0.1;
        const double h = height * static_cast<double>(counts[b]) / static_cast<double>(peak);
        const std::string band = std::to_string(b * 5) + "–" + std::to_string(b * 5 + 5) + "%";
        svg += "<g class=\"bar\"><title>" + std::to_string(counts[b]) +
               " documents with " + band + " removed</title>";
        svg += "<rect class=\"hit\" x=\"" + fixed(x, 2) + "\" y=\"" + fixed(kPlotTop, 1) +
               "\" width=\"" + fixed(slot * 0.8, 2) + "\" height=\"" + fixed(height, 1) + "\"/>";
        svg += "<rect x=\"" + fixed(x, 2) + "\" y=\"" + fixed(kPlotBottom - h, 2) + "\" width=\"" +
               fixed(slot * 0.8, 2) + "\" height=\"" + fixed(h, 2) + "\" fill=\"var(--accent)\"/>";
        if (counts[b] > 0)
            svg += "<text class=\"count\" x=\"" + fixed(x + slot * 0.4, 2) + "\" y=\"" +
                   fixed(kPlotBottom - h - 3, 2) + "\" text-anchor=\"middle\">" +
                   std::to_string(counts[b]) + "</text>";
        svg += "</g>";
        if (b % 2 == 1)
            svg += "<text class=\"axis\" x=\"" + fixed(kPlotLeft + slot * static_cast<double>(b + 1), 2) +
                   "\" y=\"" + fixed(kPlotBottom + 16, 1) + "\" text-anchor=\"middle\">" +
                   std::to_string(b * 5 + 5) + "%</text>";
    }
    return svg;
}

std::string chart_section(const RunResult& result) {
    std::string out = "<section id=\"chart\"><h2>Removed share per document</h2>\n";
    if (result.docs.empty()) return out + "<p class=\"empty\">No documents.</p></section>\n";
    std::string svg;
    std::string caption;
    if (result.docs.size() <= kMaxBars) {
        svg = bar_chart(result);
        caption = "One bar per document, largest share first, coloured by kind. Click a bar to "
                  "open the document.";
    } else {
        std::size_t untouched = 0;
        svg = histogram(result, untouched);
        caption = "Documents per 5% band of removed share. " + std::to_string(untouched) + " of " +
                  std::to_string(result.docs.size()) +
                  " documents had nothing removed and are not drawn.";
    }
    out += "<svg class=\"chart\" viewBox=\"0 0 " + fixed(kChartWidth, 0) + " " +
           fixed(kChartHeight, 0) + "\" role=\"img\" aria-label=\"" + html_escape(caption) +
           "\">" + svg + "</svg>\n<p class=\"caption\">" + html_escape(caption) + "</p></section>\n";
    return out;
}

// --- static summary --------------------------------------------------------------------------

std::string summary_section(const RunResult& result, const Summary& summary,
                            const ReportOptions& options) {
    std::string out = "<section id=\"totals\">\n";
    if (options.has_verdict) {
        out += std::string("<div class=\"verdict ") + (options.passed ? "pass" : "fail") +
               "\"><strong>" + (options.passed ? "PASS" : "FAIL") + "</strong> " +
               (options.passed ? "within the limits" : html_escape(options.headline));
        if (!options.violations.empty()) {
            out += "<ul>";
            for (const auto& v : options.violations) out += "<li>" + html_escape(v) + "</li>";
            out += "</ul>";
        }
        out += "</div>\n";
    }
    const auto card = [](const std::string& value, const std::string& label) {
        return "<div class=\"card\"><div class=\"value\">" + html_escape(value) +
               "</div><div class=\"label\">" + html_escape(label) + "</div></div>";
    };
    out += "<div class=\"cards\">";
    out += card(std::to_string(result.docs.size()), "documents");
    out += card(format_bytes(summary.total_bytes), "text read");
    out += card(format_bytes(summary.removed_bytes), "removed");
    out += card(format_percent(share(summary.removed_bytes, summary.total_bytes)), "removed share");
    out += card(std::to_string(summary.clusters.size()), "clusters");
    out += card(std::to_string(summary.fully_removed), "fully removed");
    if (!result.skipped.empty()) out += card(std::to_string(result.skipped.size()), "skipped inputs");
    out += "</div>\n";

    out += "<table class=\"kinds\"><thead><tr><th>kind</th><th class=\"num\">spans</th>"
           "<th class=\"num\">bytes</th><th class=\"num\">share</th><th class=\"num\">documents"
           "</th></tr></thead><tbody>";
    for (Kind kind : kAllKinds) {
        const KindTotals& totals = summary.kinds[kind_index(kind)];
        const std::string name = kind_name(kind);
        out += "<tr><td><span class=\"swatch kind-" + name + "\"></span>" + name + "</td><td class=\"num\">" +
               std::to_string(totals.spans) + "</td><td class=\"num\">" + format_bytes(totals.bytes) +
               "</td><td class=\"num\">" + format_percent(share(totals.bytes, summary.total_bytes)) +
               "</td><td class=\"num\">" + std::to_string(totals.documents) + "</td></tr>";
    }
    out += "<tr class=\"kept-row\"><td><span class=\"swatch kept\"></span>kept copy</td>"
           "<td colspan=\"4\" class=\"muted\">the copy of a cluster that stays (highlighted in the "
           "viewer; click it to list its copies)</td></tr>";
    out += "</tbody></table>\n";

    if (!result.skipped.empty()) {
        out += "<h3>Skipped inputs</h3><table class=\"skipped\"><thead><tr><th>input</th>"
               "<th>reason</th></tr></thead><tbody>";
        for (const auto& s : result.skipped)
            out += "<tr><td>" + html_escape(s.id) + "</td><td>" + html_escape(s.reason) + "</td></tr>";
        out += "</tbody></table>\n";
    }
    return out + "</section>\n";
}

// --- embedded data -------------------------------------------------------------------------------

struct KeptRange {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::set<std::uint32_t> clusters;
};

std::string data_json(const RunResult& result, const Summary& summary,
                      const TextLoader& load_text) {
    // Kept ranges per document, keyed by byte range.
    std::vector<std::map<std::pair<std::uint64_t, std::uint64_t>, KeptRange>> kept(result.docs.size());
    for (const DocResult& doc : result.docs)
        for (const Span& span : doc.spans)
            if (span.source && span.source->doc < result.docs.size()) {
                KeptRange& range = kept[span.source->doc][{span.source->start, span.source->end}];
                range.start = span.source->start;
                range.end = span.source->end;
                if (span.cluster != 0) range.clusters.insert(span.cluster);
            }
    // Which clusters quote their excerpt from which document.
    std::map<std::size_t, std::vector<std::size_t>> excerpts_from;
    for (std::size_t c = 0; c < summary.clusters.size(); ++c)
        if (summary.clusters[c].kept && summary.clusters[c].kept->doc < result.docs.size())
            excerpts_from[summary.clusters[c].kept->doc].push_back(c);
    std::vector<std::string> excerpts(summary.clusters.size());

    Json docs = Json::array();
    for (std::size_t d = 0; d < result.docs.size(); ++d) {
        const DocResult& doc = result.docs[d];
        Json j;
        j["id"] = doc.id;
        j["bytes"] = doc.bytes;
        j["removed"] = doc.removed_bytes();
        std::array<std::uint64_t, kKindCount> counts{};
        for (const Span& span : doc.spans) ++counts[kind_index(span.kind)];
        j["counts"] = counts;

        const bool has_text = load_text && (!doc.spans.empty() || !kept[d].empty());
        std::string raw = has_text ? load_text(d) : std::string();
        std::vector<std::uint64_t> cuts;
        for (const Span& span : doc.spans) cuts.insert(cuts.end(), {span.start, span.end});
        for (const auto& entry : kept[d]) cuts.insert(cuts.end(), {entry.second.start, entry.second.end});
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        const Utf16Text text = to_utf16_offsets(raw, cuts);
        const auto u16 = [&](std::uint64_t byte) -> std::uint32_t {
            const auto it = std::lower_bound(cuts.begin(), cuts.end(), byte);
            return text.offsets[static_cast<std::size_t>(it - cuts.begin())];
        };

        // [start16, end16, kind, cluster, similarity, line, kept doc (-1: none), kept start byte,
        //  kept line, match, documents]
        Json spans = Json::array();
        for (const Span& span : doc.spans) {
            const bool linked = span.source && span.source->doc < result.docs.size();
            spans.push_back(Json::array({u16(span.start), u16(span.end), kind_index(span.kind),
                                         span.cluster, round6(span.similarity), span.start_pos.line,
                                         linked ? static_cast<long long>(span.source->doc) : -1LL,
                                         linked ? span.source->start : 0,
                                         linked ? span.source->start_pos.line : 0, span.match,
                                         span.docs}));
        }
        j["spans"] = std::move(spans);
        // [start16, end16, start byte, [clusters]]
        Json kept_json = Json::array();
        for (const auto& entry : kept[d])
            kept_json.push_back(Json::array({u16(entry.second.start), u16(entry.second.end),
                                             entry.second.start, entry.second.clusters}));
        j["kept"] = std::move(kept_json);
        if (has_text) j["text"] = text.text;
        docs.push_back(std::move(j));

        if (const auto it = excerpts_from.find(d); it != excerpts_from.end() && has_text)
            for (std::size_t c : it->second)
                excerpts[c] = excerpt(slice(raw, summary.clusters[c].kept->start,
                                            summary.clusters[c].kept->end),
                                      80);
    }

    Json clusters = Json::array();
    for (std::size_t c : summary.clusters_by_size) {
        const ClusterSummary& cluster = summary.clusters[c];
        Json j;
        j["id"] = cluster.id;
        j["kind"] = kind_index(cluster.kind);
        j["bytes"] = cluster.bytes;
        if (cluster.kept && cluster.kept->doc < result.docs.size())
            j["kept"] = Json::array({cluster.kept->doc, cluster.kept->start, cluster.kept->start_pos.line});
        else
            j["kept"] = nullptr;
        Json copies = Json::array();
        for (const CopyRef& copy : cluster.copies)
            copies.push_back(Json::array(
                {copy.doc, copy.span, result.docs[copy.doc].spans[copy.span].start_pos.line}));
        j["copies"] = std::move(copies);
        j["excerpt"] = excerpts[c];
        clusters.push_back(std::move(j));
    }

    Json kinds = Json::array();
    for (Kind kind : kAllKinds) kinds.push_back(kind_name(kind));
    Json root;
    root["version"] = "once-report/1";
    root["kinds"] = std::move(kinds);
    root["docs"] = std::move(docs);
    root["clusters"] = std::move(clusters);
    std::string dumped = root.dump(-1, ' ', false, Json::error_handler_t::replace);
    // Inside <script> the HTML parser only looks for "</script" and "<!--"; JSON allows "\u003c"
    // for every "<", which rules out both whatever the texts hold.
    std::string out;
    out.reserve(dumped.size() + dumped.size() / 64);
    for (char c : dumped) {
        if (c == '<')
            out += "\\u003c";
        else
            out += c;
    }
    return out;
}

}  // namespace

std::string render_html(const RunResult& result, const Summary& summary,
                        const TextLoader& load_text, const ReportOptions& options) {
    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"once";
    if (!options.tool_version.empty()) out += " " + html_escape(options.tool_version);
    out += "\">\n<title>once report: " + std::to_string(result.docs.size()) + " documents, " +
           format_percent(share(summary.removed_bytes, summary.total_bytes)) +
           " removed</title>\n<style>\n" + std::string(k_report_css) + "</style>\n</head>\n<body>\n<main>\n";
    out += "<header><h1>once report</h1><p class=\"subtitle\">" +
           std::to_string(result.docs.size()) + (result.docs.size() == 1 ? " document, " : " documents, ") +
           format_bytes(summary.total_bytes) + " of text; " + format_bytes(summary.removed_bytes) +
           " removed (" + format_percent(share(summary.removed_bytes, summary.total_bytes)) +
           ") in " + std::to_string(summary.spans) + (summary.spans == 1 ? " span" : " spans") +
           ".</p></header>\n";
    out += summary_section(result, summary, options);
    out += chart_section(result);

    out += "<noscript><p>The cluster list and the document viewer below need JavaScript. The "
           "totals and the chart above are complete without it, and all data is in the "
           "<code>once-data</code> JSON block of this file.</p></noscript>\n";
    out += "<div id=\"viewer\" hidden>\n";
    out += "<section id=\"clusters\"><h2>Clusters by size</h2>\n"
           "<p class=\"caption\">Each cluster is one passage and its removed copies. The kept "
           "copy stays in the output.</p>\n"
           "<div class=\"pager\" id=\"cluster-pager\"></div>\n"
           "<table class=\"clusters\"><thead><tr><th class=\"num\">cluster</th><th>kind</th>"
           "<th class=\"num\">copies</th><th class=\"num\">removed</th><th>kept copy</th>"
           "<th>removed copies</th><th>excerpt</th></tr></thead><tbody id=\"cluster-rows\">"
           "</tbody></table>\n</section>\n";
    out += "<section id=\"documents\"><h2>Documents</h2>\n<div class=\"legend\">";
    for (Kind kind : kAllKinds)
        out += std::string("<span><span class=\"swatch kind-") + kind_name(kind) + "\"></span>" +
               kind_word(kind) + " (removed)</span>";
    out += "<span><span class=\"swatch kept\"></span>kept copy</span></div>\n"
           "<div class=\"controls\"><input type=\"search\" id=\"doc-filter\" "
           "placeholder=\"Filter by document id\" aria-label=\"Filter by document id\">"
           "<label><input type=\"checkbox\" id=\"doc-only\"> only documents with highlights"
           "</label><label>Sort <select id=\"doc-sort\"><option value=\"input\">input order"
           "</option><option value=\"share\">removed share</option><option value=\"bytes\">"
           "removed bytes</option></select></label></div>\n"
           "<div class=\"pager\" id=\"doc-pager\"></div>\n<div id=\"doc-list\"></div>\n"
           "</section>\n</div>\n<aside id=\"copies\" hidden></aside>\n";
    out += "<footer>Generated by once";
    if (!options.tool_version.empty()) out += " " + html_escape(options.tool_version);
    out += ". This file is self-contained: it loads nothing from the network.</footer>\n</main>\n";
    out += "<script type=\"application/json\" id=\"once-data\">" +
           data_json(result, summary, load_text) + "</script>\n";
    out += "<script>\n" + std::string(k_report_js) + "</script>\n</body>\n</html>\n";
    return out;
}

}  // namespace once::report_detail
