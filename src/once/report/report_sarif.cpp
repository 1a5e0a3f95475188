// report_sarif.cpp — SARIF 2.1.0 (docs/sarif.md): one run, one result per removed span.
//
// Why SARIF: code-scanning front ends (GitHub code scanning, VS Code's SARIF viewer, Azure
// DevOps) show its results inline on the files, so a corpus kept in a repository gets duplicate
// and boilerplate passages marked where they are. Regions carry line/column (columns count code
// points: `columnKind: unicodeCodePoints`) and the exact byte range; the kept copy of a
// duplicate is the result's related location. Fingerprints hash the span's kind and text (FNV-1a
// 64, not std::hash) so a passage keeps its identity across runs and machines.
#include <cctype>

#include <nlohmann/json.hpp>

#include "once/report/report_writers.hpp"

namespace once::report_detail {
namespace {

using Json = nlohmann::ordered_json;

// Home page and rule documentation named in the SARIF driver. Placeholder until the project has
// a public home; docs/sarif.md carries the anchors the help links point at.
constexpr const char* kInformationUri = "https://github.com/once-dedup/once";
constexpr const char* kHelpBase = "https://github.com/once-dedup/once/blob/main/docs/sarif.md";

struct RuleText {
    const char* name;
    const char* short_description;
    const char* full_description;
    const char* anchor;
};

RuleText rule_text(Kind kind) {
    switch (kind) {
        case Kind::duplicate:
            return {"DuplicatePassage", "Passage repeated from elsewhere in the corpus",
                    "This passage is an exact copy (after Unicode and width normalization) of a "
                    "passage kept earlier in the corpus. `once clean` removes this copy and keeps "
                    "the first one, shown as the related location.",
                    "#once-duplicate"};
        case Kind::near_duplicate:
            return {"NearDuplicatePassage", "Passage nearly identical to one elsewhere in the corpus",
                    "This passage matches a passage kept earlier in the corpus with small edits "
                    "(verified Jaccard similarity or containment above the configured threshold). "
                    "`once clean` removes it; the kept copy is the related location.",
                    "#once-near-duplicate"};
        case Kind::boilerplate:
            return {"Boilerplate", "Site template or page chrome",
                    "This passage is site boilerplate: it recurs across many documents of the "
                    "same site, or its shape (link lists, menus, share buttons) marks it as page "
                    "chrome. `once clean` removes it.",
                    "#once-boilerplate"};
        case Kind::marker:
            return {"GenerationMarker", "Generation or scraping artefact",
                    "This line is an artefact of text generation or scraping (for example an "
                    "end-of-text marker) matched by a marker pattern. `once clean` removes it.",
                    "#once-marker"};
    }
    return {"", "", "", ""};
}

const char* level_of(Kind kind) { return kind == Kind::boilerplate ? "note" : "warning"; }

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

bool is_alpha(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// "scheme://" at the start (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )).
bool has_scheme(std::string_view id) {
    const std::size_t colon = id.find("://");
    if (colon == std::string_view::npos || colon == 0) return false;
    if (!is_alpha(static_cast<unsigned char>(id[0]))) return false;
    for (std::size_t i = 1; i < colon; ++i) {
        const auto c = static_cast<unsigned char>(id[i]);
        if (!(is_alpha(c) || std::isdigit(c) || c == '+' || c == '-' || c == '.')) return false;
    }
    return true;
}

}  // namespace

// A document id as a URI reference: a relative path stays relative (percent-encoding spaces,
// non-ASCII bytes and anything else outside RFC 3986 path characters), an absolute path becomes
// a file:// URI, and an id that already is a URI keeps its delimiters.
std::string artifact_uri(std::string_view id) {
    static const char* const hex = "0123456789ABCDEF";
    const bool uri = has_scheme(id);
    std::string out;
    if (!uri && !id.empty() && id.front() == '/') out = "file://";
    for (std::size_t i = 0; i < id.size(); ++i) {
        const auto c = static_cast<unsigned char>(id[i]);
        bool keep = is_unreserved(c) || c == '/';
        if (!keep) keep = std::string_view("!$&'()*+,;=@").find(static_cast<char>(c)) !=
                          std::string_view::npos;
        if (!keep && uri) {
            keep = std::string_view(":?#[]").find(static_cast<char>(c)) != std::string_view::npos;
            // Keep an existing escape, encode a stray '%'.
            if (c == '%' && i + 2 < id.size() &&
                std::isxdigit(static_cast<unsigned char>(id[i + 1])) &&
                std::isxdigit(static_cast<unsigned char>(id[i + 2])))
                keep = true;
        }
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

namespace {

Json region_json(std::uint64_t start, std::uint64_t end, const TextPosition& start_pos,
                 const TextPosition& end_pos) {
    return {
        {"startLine", start_pos.line},
        {"startColumn", start_pos.column},
        {"endLine", end_pos.line},
        {"endColumn", end_pos.column},
        {"byteOffset", start},
        {"byteLength", end > start ? end - start : 0},
    };
}

Json location_json(const RunResult& result, std::size_t doc, Json region) {
    Json artifact;
    artifact["uri"] = artifact_uri(result.docs[doc].id);
    artifact["index"] = doc;
    return {{"physicalLocation", {{"artifactLocation", std::move(artifact)},
                                  {"region", std::move(region)}}}};
}

}  // namespace

std::string render_sarif(const RunResult& result, const TextLoader& load_text,
                         const ReportOptions& options) {
    Json rules = Json::array();
    for (Kind kind : kAllKinds) {
        const RuleText text = rule_text(kind);
        rules.push_back({
            {"id", "once/" + kind_word(kind)},
            {"name", text.name},
            {"shortDescription", {{"text", text.short_description}}},
            {"fullDescription", {{"text", text.full_description}}},
            {"helpUri", std::string(kHelpBase) + text.anchor},
            {"defaultConfiguration", {{"level", level_of(kind)}}},
            {"properties", {{"tags", {"text-quality", kind_name(kind)}}}},
        });
    }

    Json driver;
    driver["name"] = "once";
    if (!options.tool_version.empty()) driver["version"] = options.tool_version;
    driver["informationUri"] = kInformationUri;
    driver["rules"] = std::move(rules);

    Json artifacts = Json::array();
    for (const DocResult& doc : result.docs)
        artifacts.push_back({{"location", {{"uri", artifact_uri(doc.id)}}},
                             {"length", doc.bytes},
                             {"mimeType", "text/plain"},
                             {"encoding", "utf-8"}});

    Json results = Json::array();
    for (std::size_t d = 0; d < result.docs.size(); ++d) {
        const DocResult& doc = result.docs[d];
        if (doc.spans.empty()) continue;
        const std::string text = load_text ? load_text(d) : std::string();
        for (const Span& span : doc.spans) {
            Json r;
            r["ruleId"] = "once/" + kind_word(span.kind);
            r["ruleIndex"] = kind_index(span.kind);
            r["level"] = level_of(span.kind);
            r["message"] = {{"text", span_message(result, span)}};
            Json locations = Json::array();
            locations.push_back(location_json(
                result, d, region_json(span.start, span.end, span.start_pos, span.end_pos)));
            r["locations"] = std::move(locations);
            if (span.source && span.source->doc < result.docs.size()) {
                const SourceRef& kept = *span.source;
                Json related = location_json(
                    result, kept.doc, region_json(kept.start, kept.end, kept.start_pos, kept.end_pos));
                Json entry;
                entry["id"] = 1;
                entry["physicalLocation"] = std::move(related["physicalLocation"]);
                entry["message"] = {{"text", "kept copy"}};
                r["relatedLocations"] = Json::array({std::move(entry)});
            }
            if (load_text) {
                // Kind and text, not the cluster number: clusters are renumbered whenever a
                // document is added before the kept copy, which would make every alert "new".
                std::uint64_t hash = fnv1a64(kind_name(span.kind));
                hash = fnv1a64(std::string_view("\0", 1), hash);
                hash = fnv1a64(slice(text, span.start, span.end), hash);
                r["partialFingerprints"] = {{"onceSpanHash/v1", hex64(hash)}};
            }
            Json properties;
            if (span.cluster != 0) properties["cluster"] = span.cluster;
            properties["similarity"] = round6(span.similarity);
            if (!span.match.empty()) properties["match"] = span.match;
            if (span.docs != 0) properties["documents"] = span.docs;
            r["properties"] = std::move(properties);
            results.push_back(std::move(r));
        }
    }

    Json invocation;
    invocation["executionSuccessful"] = true;
    if (!result.skipped.empty()) {
        Json notes = Json::array();
        for (const auto& skipped : result.skipped) {
            Json artifact;
            artifact["uri"] = artifact_uri(skipped.id);
            Json location;
            location["physicalLocation"]["artifactLocation"] = std::move(artifact);
            Json note;
            note["level"] = "error";
            note["message"]["text"] = "skipped input: " + skipped.reason;
            note["locations"] = Json::array({std::move(location)});
            note["descriptor"]["id"] = "once/skipped-input";
            notes.push_back(std::move(note));
        }
        invocation["toolExecutionNotifications"] = std::move(notes);
    }

    Json run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["invocations"] = Json::array({std::move(invocation)});
    run["artifacts"] = std::move(artifacts);
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = std::move(results);

    Json root;
    root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    root["version"] = "2.1.0";
    root["runs"] = Json::array({std::move(run)});
    return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace once::report_detail
