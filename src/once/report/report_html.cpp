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
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "once/report/report_writers.hpp"

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
               (options.passed ? "within the limits"
                               : std::to_string(options.violations.size()) +
                                     (options.violations.size() == 1 ? " limit exceeded"
                                                                     : " limits exceeded"));
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

constexpr const char* kStyle = R"CSS(
:root {
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0;
  --accent: #0969da;
  --dup: #cf222e; --dup-bg: #ffebe9;
  --near: #bc4c00; --near-bg: #fff1e5;
  --boiler: #0550ae; --boiler-bg: #ddf4ff;
  --marker: #8250df; --marker-bg: #fbefff;
  --kept: #1a7f37; --kept-bg: #dafbe1;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK JP",
          "Hiragino Sans", "Yu Gothic UI", "Microsoft YaHei", sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg); font: 15px/1.55 var(--font); }
main { max-width: 1120px; margin: 0 auto; padding: 24px 24px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
h3 { font-size: 15px; margin: 20px 0 8px; }
a { color: var(--accent); }
.muted, .caption, .subtitle { color: var(--muted); }
.subtitle { margin: 0 0 16px; }
.caption { font-size: 13px; margin: 4px 0 0; }
.empty { color: var(--muted); font-style: italic; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 10px 16px; min-width: 130px; }
.card .value { font-size: 22px; font-weight: 600; }
.card .label { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 8px; vertical-align: -1px; }
.swatch.kind-duplicate { background: var(--dup); }
.swatch.kind-near_duplicate { background: var(--near); }
.swatch.kind-boilerplate { background: var(--boiler); }
.swatch.kind-marker { background: var(--marker); }
.swatch.kept { background: var(--kept); }
.verdict { border-radius: 8px; padding: 10px 16px; margin: 12px 0; border: 1px solid; }
.verdict.pass { background: var(--kept-bg); border-color: var(--kept); }
.verdict.fail { background: var(--dup-bg); border-color: var(--dup); }
.verdict ul { margin: 6px 0 0; }
svg.chart { width: 100%; height: auto; display: block; background: var(--panel); border-radius: 8px; }
svg.chart .grid { stroke: var(--border); stroke-width: 1; }
svg.chart .axis, svg.chart .count { fill: var(--muted); font: 12px var(--font); }
svg.chart .hit { fill: transparent; }
svg.chart .bar:hover .hit { fill: rgba(9, 105, 218, 0.08); }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 8px 0; }
.controls input[type=search] { font: inherit; padding: 4px 8px; border: 1px solid var(--border); border-radius: 6px; min-width: 240px; }
.controls select, button { font: inherit; padding: 3px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--panel); color: var(--fg); cursor: pointer; }
button:disabled { opacity: 0.45; cursor: default; }
.pager { display: flex; gap: 10px; align-items: center; margin: 8px 0; }
details.doc { border: 1px solid var(--border); border-radius: 8px; margin: 8px 0; background: var(--bg); }
details.doc > summary { cursor: pointer; padding: 8px 12px; display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
details.doc[open] > summary { border-bottom: 1px solid var(--border); background: var(--panel); border-radius: 8px 8px 0 0; }
.doc-id { font-family: var(--mono); font-size: 13px; font-weight: 600; word-break: break-all; }
.doc-meta { color: var(--muted); font-size: 13px; }
.badge { white-space: nowrap; font-size: 12px; border-radius: 10px; padding: 0 8px; border: 1px solid; }
.badge.kind-duplicate { color: var(--dup); background: var(--dup-bg); }
.badge.kind-near_duplicate { color: var(--near); background: var(--near-bg); }
.badge.kind-boilerplate { color: var(--boiler); background: var(--boiler-bg); }
.badge.kind-marker { color: var(--marker); background: var(--marker-bg); }
.badge.kept { color: var(--kept); background: var(--kept-bg); }
.doc-body { padding: 12px 16px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.75; }
.span { color: inherit; text-decoration: none; border-radius: 2px; }
a.span { cursor: pointer; }
.span.kind-duplicate { background: var(--dup-bg); box-shadow: inset 0 -2px var(--dup); }
.span.kind-near_duplicate { background: var(--near-bg); box-shadow: inset 0 -2px var(--near); }
.span.kind-boilerplate { background: var(--boiler-bg); box-shadow: inset 0 -2px var(--boiler); }
.span.kind-marker { background: var(--marker-bg); box-shadow: inset 0 -2px var(--marker); }
mark.kept { color: inherit; background: var(--kept-bg); box-shadow: inset 0 -2px var(--kept); cursor: pointer; }
.flash { animation: flash 1.6s ease-out; }
@keyframes flash { 0%, 40% { outline: 3px solid var(--accent); } 100% { outline: 3px solid transparent; } }
.legend { display: flex; flex-wrap: wrap; gap: 16px; font-size: 13px; color: var(--muted); margin: 8px 0; }
table.clusters td.excerpt { color: var(--muted); font-size: 13px; }
table.clusters td.copies a { margin-right: 6px; white-space: nowrap; }
aside#copies { position: fixed; right: 16px; bottom: 16px; width: min(420px, calc(100vw - 32px)); max-height: 60vh; overflow: auto;
  background: var(--bg); border: 1px solid var(--border); border-radius: 8px; box-shadow: 0 8px 24px rgba(31, 35, 40, 0.2); padding: 8px 16px 12px; }
aside#copies h3 { margin-top: 6px; }
aside#copies .close { float: right; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
noscript p { background: var(--near-bg); border: 1px solid var(--near); border-radius: 8px; padding: 8px 12px; }
)CSS";

constexpr const char* kScript = R"JS(
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("once-data").textContent);
  var kinds = data.kinds, docs = data.docs, clusters = data.clusters;
  var PAGE = 50, EAGER_CHARS = 200000, MAX_COPIES = 200;
  var clusterById = {};
  clusters.forEach(function (c) { clusterById[c.id] = c; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function link(href, text, cls) {
    var a = el("a", cls, text);
    a.setAttribute("href", href);
    return a;
  }
  function fmtBytes(n) {
    if (n < 1024) return n + " B";
    var units = ["KiB", "MiB", "GiB", "TiB"], v = n / 1024, u = 0;
    while (v >= 1024 && u + 1 < units.length) { v /= 1024; u++; }
    return v.toFixed(1) + " " + units[u];
  }
  function pct(part, whole) { return (whole ? (100 * part / whole) : 0).toFixed(1) + "%"; }
  function word(k) { return kinds[k].replace("_", "-"); }
  function highlighted(d) { return d.spans.length > 0 || d.kept.length > 0; }

  function renderPager(box, page, pages, total, noun, go) {
    box.textContent = "";
    var prev = el("button", null, "\u2039 Previous");
    prev.disabled = page <= 0;
    prev.addEventListener("click", function () { go(page - 1); });
    var next = el("button", null, "Next \u203a");
    next.disabled = page >= pages - 1;
    next.addEventListener("click", function () { go(page + 1); });
    box.appendChild(prev);
    box.appendChild(el("span", "muted", "Page " + (page + 1) + " of " + pages + " \u00b7 " + total + " " + noun[total === 1 ? 0 : 1]));
    box.appendChild(next);
  }

  // ---- clusters ---------------------------------------------------------------------------
  var clusterBody = document.getElementById("cluster-rows");
  var clusterPager = document.getElementById("cluster-pager");
  function renderClusters(page) {
    var pages = Math.max(1, Math.ceil(clusters.length / PAGE));
    page = Math.min(Math.max(0, page), pages - 1);
    clusterBody.textContent = "";
    for (var n = page * PAGE; n < Math.min(clusters.length, (page + 1) * PAGE); n++) {
      var c = clusters[n], tr = el("tr");
      tr.appendChild(el("td", "num", "#" + c.id));
      var kindCell = el("td");
      kindCell.appendChild(el("span", "badge kind-" + kinds[c.kind], word(c.kind)));
      tr.appendChild(kindCell);
      tr.appendChild(el("td", "num", String(c.copies.length)));
      tr.appendChild(el("td", "num", fmtBytes(c.bytes)));
      var keptCell = el("td");
      if (c.kept) keptCell.appendChild(link("#d" + c.kept[0] + "-k" + c.kept[1], docs[c.kept[0]].id + ":" + c.kept[2]));
      else keptCell.textContent = "unknown";
      tr.appendChild(keptCell);
      var copyCell = el("td", "copies");
      c.copies.slice(0, 5).forEach(function (cp) {
        copyCell.appendChild(link("#d" + cp[0] + "-s" + cp[1], docs[cp[0]].id + ":" + cp[2]));
        copyCell.appendChild(document.createTextNode(" "));
      });
      if (c.copies.length > 5) copyCell.appendChild(el("span", "muted", "+" + (c.copies.length - 5) + " more"));
      tr.appendChild(copyCell);
      tr.appendChild(el("td", "excerpt", c.excerpt));
      clusterBody.appendChild(tr);
    }
    if (!clusters.length) {
      var empty = el("tr"), td = el("td", "empty", "No clusters: nothing was copied.");
      td.colSpan = 7; empty.appendChild(td); clusterBody.appendChild(empty);
    }
    renderPager(clusterPager, page, pages, clusters.length, ["cluster", "clusters"], renderClusters);
  }

  // ---- documents --------------------------------------------------------------------------
  var list = document.getElementById("doc-list");
  var docPager = document.getElementById("doc-pager");
  var filter = document.getElementById("doc-filter");
  var onlyHighlighted = document.getElementById("doc-only");
  var sortBy = document.getElementById("doc-sort");
  var state = { page: 0, order: [] };

  function ratio(i) { return docs[i].bytes ? docs[i].removed / docs[i].bytes : 0; }
  function computeOrder() {
    var q = filter.value.toLowerCase(), only = onlyHighlighted.checked, order = [];
    for (var i = 0; i < docs.length; i++) {
      if (only && !highlighted(docs[i])) continue;
      if (q && docs[i].id.toLowerCase().indexOf(q) < 0) continue;
      order.push(i);
    }
    if (sortBy.value === "share")
      order.sort(function (a, b) { return ratio(b) - ratio(a) || docs[b].removed - docs[a].removed || a - b; });
    else if (sortBy.value === "bytes")
      order.sort(function (a, b) { return docs[b].removed - docs[a].removed || a - b; });
    state.order = order;
  }
  function renderPage(page) {
    var pages = Math.max(1, Math.ceil(state.order.length / PAGE));
    state.page = Math.min(Math.max(0, page), pages - 1);
    list.textContent = "";
    var end = Math.min(state.order.length, (state.page + 1) * PAGE);
    for (var n = state.page * PAGE; n < end; n++) list.appendChild(docEntry(state.order[n]));
    if (!state.order.length) list.appendChild(el("p", "empty", docs.length ? "No document matches." : "No documents."));
    renderPager(docPager, state.page, pages, state.order.length, ["document", "documents"], renderPage);
  }
  function docEntry(i) {
    var d = docs[i], det = el("details", "doc"), sum = el("summary");
    det.id = "d" + i;
    det.setAttribute("data-doc", i);
    sum.appendChild(el("span", "doc-id", d.id));
    sum.appendChild(el("span", "doc-meta", fmtBytes(d.bytes) + " \u00b7 " + pct(d.removed, d.bytes) + " removed"));
    d.counts.forEach(function (n, k) {
      if (n) sum.appendChild(el("span", "badge kind-" + kinds[k], n + " " + word(k)));
    });
    if (d.kept.length) sum.appendChild(el("span", "badge kept", d.kept.length + " kept"));
    det.appendChild(sum);
    det.addEventListener("toggle", function () { if (det.open) renderDoc(det); });
    return det;
  }
  function spanTitle(s) {
    var t = word(s[2]);
    if (s[3]) t += " \u00b7 cluster " + s[3];
    if (s[2] === 1 || s[9] === "shape") t += " \u00b7 similarity " + s[4].toFixed(2);
    if (s[10]) t += " \u00b7 in " + s[10] + " documents";
    if (s[6] >= 0) t += " \u00b7 kept copy: " + docs[s[6]].id + " line " + s[8] + " (click to go there)";
    return t;
  }
  function keptTitle(r) {
    return "kept copy (cluster " + r[3].join(", ") + ") \u00b7 click to list the removed copies";
  }
  function anchor(id) { var a = el("span", "kept-anchor"); a.id = id; return a; }
  function buildText(i, d) {
    var t = d.text, spans = d.spans, kept = d.kept, cuts = [0, t.length];
    spans.forEach(function (s) { cuts.push(s[0], s[1]); });
    kept.forEach(function (r) { cuts.push(r[0], r[1]); });
    cuts.sort(function (a, b) { return a - b; });
    var out = el("div", "text"), si = 0, spanEl = null, spanAt = -1, placed = {};
    for (var c = 0; c + 1 < cuts.length; c++) {
      var a = cuts[c], b = cuts[c + 1];
      if (a === b) continue;
      while (si < spans.length && spans[si][1] <= a) si++;
      var inSpan = si < spans.length && spans[si][0] <= a;
      var active = [], ids = [];
      kept.forEach(function (r) {
        var id = "d" + i + "-k" + r[2];
        if (r[0] <= a && !placed[id]) { placed[id] = true; ids.push(id); }
        if (r[0] <= a && a < r[1]) active.push(r);
      });
      var piece = document.createTextNode(t.slice(a, b));
      if (inSpan) {
        if (spanAt !== si) {
          var s = spans[si], kind = kinds[s[2]];
          spanEl = el(s[6] >= 0 ? "a" : "span", "span kind-" + kind);
          spanEl.id = "d" + i + "-s" + si;
          spanEl.setAttribute("data-kind", kind);
          if (s[6] >= 0) spanEl.setAttribute("href", "#d" + s[6] + "-k" + s[7]);
          spanEl.title = spanTitle(s);
          out.appendChild(spanEl);
          spanAt = si;
        }
        ids.forEach(function (id) { spanEl.appendChild(anchor(id)); });
        spanEl.appendChild(piece);
      } else if (active.length) {
        var mark = el("mark", "kept"), seen = {}, cl = [];
        active.forEach(function (r) { r[3].forEach(function (x) { if (!seen[x]) { seen[x] = 1; cl.push(x); } }); });
        if (ids.length) mark.id = ids.shift();
        ids.forEach(function (id) { out.appendChild(anchor(id)); });
        mark.setAttribute("data-clusters", cl.join(" "));
        mark.title = keptTitle([0, 0, 0, cl]);
        mark.tabIndex = 0;
        mark.appendChild(piece);
        out.appendChild(mark);
      } else {
        ids.forEach(function (id) { out.appendChild(anchor(id)); });
        out.appendChild(piece);
      }
    }
    kept.forEach(function (r) {
      var id = "d" + i + "-k" + r[2];
      if (!placed[id]) out.appendChild(anchor(id));
    });
    return out;
  }
  function renderDoc(det) {
    if (det.getAttribute("data-rendered")) return;
    det.setAttribute("data-rendered", "1");
    var i = +det.getAttribute("data-doc"), d = docs[i], body = el("div", "doc-body");
    if (typeof d.text !== "string")
      body.appendChild(el("p", "empty", "Nothing was removed from this document and it holds no kept copy, so its text is not embedded."));
    else if (!d.text.length)
      body.appendChild(el("p", "empty", "This document is empty."));
    else
      body.appendChild(buildText(i, d));
    det.appendChild(body);
  }
  function showDoc(i) {
    var pos = state.order.indexOf(i);
    if (pos < 0) {
      filter.value = ""; onlyHighlighted.checked = false; computeOrder();
      pos = state.order.indexOf(i);
    }
    var page = Math.floor(pos / PAGE);
    if (page !== state.page || !document.getElementById("d" + i)) renderPage(page);
    var det = document.getElementById("d" + i);
    det.open = true;
    renderDoc(det);
    return det;
  }
  function flash(node) {
    node.classList.remove("flash");
    void node.offsetWidth;
    node.classList.add("flash");
  }
  function route() {
    var h = location.hash.slice(1), m = /^d(\d+)(?:-[sk]\d+)?$/.exec(h);
    if (!m || +m[1] >= docs.length) return;
    var det = showDoc(+m[1]), target = document.getElementById(h) || det;
    target.scrollIntoView({ block: "center" });
    flash(target.classList.contains("kept-anchor") && target.nextSibling && target.nextSibling.nodeType === 1 ? target.nextSibling : target);
  }

  // ---- copies panel (from a kept copy back to the removed copies) ---------------------------
  var panel = document.getElementById("copies");
  function showCopies(ids) {
    panel.textContent = "";
    var close = el("button", "close", "\u00d7");
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { panel.hidden = true; });
    panel.appendChild(close);
    panel.appendChild(el("h3", null, "Removed copies of this passage"));
    ids.forEach(function (id) {
      var c = clusterById[id];
      if (!c) return;
      panel.appendChild(el("p", "muted", "Cluster #" + id + " \u00b7 " + word(c.kind) + " \u00b7 " + c.copies.length + " copies"));
      var ul = el("ul");
      c.copies.slice(0, MAX_COPIES).forEach(function (cp) {
        var li = el("li");
        li.appendChild(link("#d" + cp[0] + "-s" + cp[1], docs[cp[0]].id + " line " + cp[2]));
        ul.appendChild(li);
      });
      if (c.copies.length > MAX_COPIES) ul.appendChild(el("li", "muted", (c.copies.length - MAX_COPIES) + " more"));
      panel.appendChild(ul);
    });
    panel.hidden = false;
  }
  document.addEventListener("click", function (ev) {
    var node = ev.target;
    while (node && node.nodeType === 1 && !(node.tagName === "A" || node.tagName === "MARK")) node = node.parentNode;
    if (!node || node.nodeType !== 1) return;
    if (node.tagName === "MARK" && node.classList.contains("kept")) {
      showCopies(node.getAttribute("data-clusters").split(" ").filter(Boolean).map(Number));
      return;
    }
    var href = node.getAttribute("href");
    // Clicking the link to the place already in the address bar fires no hashchange.
    if (href && href.charAt(0) === "#" && href === location.hash) { ev.preventDefault(); route(); }
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if ((ev.key === "Enter" || ev.key === " ") && t.tagName === "MARK" && t.classList.contains("kept")) {
      ev.preventDefault();
      t.click();
    }
    if (ev.key === "Escape") panel.hidden = true;
  });
  window.addEventListener("hashchange", route);
  [filter, onlyHighlighted, sortBy].forEach(function (input) {
    input.addEventListener(input === filter ? "input" : "change", function () { computeOrder(); renderPage(0); });
  });

  // ---- start ---------------------------------------------------------------------------------
  document.getElementById("viewer").hidden = false;
  computeOrder();
  renderPage(0);
  renderClusters(0);
  if (location.hash.length > 1) {
    route();
  } else {
    // Open the first page's highlighted documents up to a text budget (always the first one
    // with removed spans) so the report shows something at once.
    var budget = EAGER_CHARS, first = true;
    Array.prototype.forEach.call(list.querySelectorAll("details.doc"), function (det) {
      var d = docs[+det.getAttribute("data-doc")];
      if (typeof d.text !== "string" || !highlighted(d)) return;
      if (first && d.spans.length) first = false;
      else if (d.text.length > budget) return;
      budget -= d.text.length;
      det.open = true;
      renderDoc(det);
    });
  }
})();
)JS";

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
           " removed</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
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
    out += std::string("<script>") + kScript + "</script>\n</body>\n</html>\n";
    return out;
}

}  // namespace once::report_detail
