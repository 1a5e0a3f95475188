#include "once/output/map_writer.hpp"

#include <cstdio>

#include "once/input/jsonl.hpp"
#include "once/text/unicode.hpp"
#include "once/text/utf8.hpp"
#include "once/core/hex.hpp"

namespace once {
namespace {

void append_string(std::string& out, std::string_view text) {
    out.push_back('"');
    append_json_escaped(out, text);
    out.push_back('"');
}

void append_field(std::string& out, const char* name, std::uint64_t value) {
    out += '"';
    out += name;
    out += "\":";
    out += std::to_string(value);
}

}  // namespace

std::string format_similarity(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    return buffer;
}

std::string map_header_line(const Config& config, const std::string& tool_version) {
    std::string out = "{\"format\":\"once-map\",\"version\":1,\"tool\":";
    append_string(out, "once " + tool_version);
    out += ",\"unicode\":";
    append_string(out, unicode_version());
    out += ",\"config\":{";
    append_field(out, "seed", config.seed);
    out += ",\"ngram\":" + std::to_string(config.ngram);
    out += ",\"num_perm\":" + std::to_string(config.num_perm);
    out += ",\"bands\":" + std::to_string(config.bands);
    out += ",\"similarity\":" + format_similarity(config.similarity);
    out += ",\"isolated_similarity\":" + format_similarity(config.isolated_similarity);
    out += ",\"containment\":" + format_similarity(config.containment);
    out += ",\"run_similarity\":" + format_similarity(config.run_similarity);
    out += ",\"run_containment\":" + format_similarity(config.run_containment);
    out += ",\"min_length\":" + std::to_string(config.min_length);
    out += ",\"min_inline_length\":" + std::to_string(config.min_inline_length);
    out += ",\"window\":" + std::to_string(config.window);
    out += ",\"min_line_length\":" + std::to_string(config.min_line_length);
    out += ",\"boilerplate_min_docs\":" + std::to_string(config.boilerplate_min_docs);
    out += ",\"boilerplate_min_share\":" + format_similarity(config.boilerplate_min_share);
    out += ",\"boilerplate_many_docs\":" + std::to_string(config.boilerplate_many_docs);
    out += ",\"kinds\":[";
    bool first = true;
    for (const Kind kind : config.kinds) {
        if (!first) out += ',';
        first = false;
        append_string(out, kind_name(kind));
    }
    out += "]}}\n";
    return out;
}

std::string map_document_line(const DocResult& doc, const std::vector<std::string>& ids) {
    std::string out = "{\"id\":";
    append_string(out, doc.id);
    out += ',';
    // JSON holds only Unicode: a file name that is not valid UTF-8 is written in `id` with U+FFFD
    // for each bad byte, and exactly, byte for byte, in `id_hex` (docs/map-format.md).
    if (find_invalid_utf8(doc.id)) out += "\"id_hex\":\"" + hex_bytes(doc.id) + "\",";
    append_field(out, "bytes", doc.bytes);
    out += ",\"removed\":" + std::to_string(doc.removed_bytes());
    if (doc.fully_removed) out += ",\"fully_removed\":true";
    out += ",\"spans\":[";
    for (std::size_t i = 0; i < doc.spans.size(); ++i) {
        const Span& span = doc.spans[i];
        if (i) out += ',';
        out += '{';
        append_field(out, "start", span.start);
        out += ',';
        append_field(out, "end", span.end);
        out += ",\"lines\":[" + std::to_string(span.start_pos.line) + "," + std::to_string(span.last_line) + "]";
        out += ",\"kind\":";
        append_string(out, kind_name(span.kind));
        out += ",\"cluster\":" + std::to_string(span.cluster);
        out += ",\"similarity\":" + format_similarity(span.similarity);
        out += ",\"match\":";
        append_string(out, span.match);
        if (span.kind == Kind::boilerplate && span.docs > 0) out += ",\"docs\":" + std::to_string(span.docs);
        if (!span.rule.empty()) {
            out += ",\"rule\":";
            append_string(out, span.rule);
        }
        if (span.source) {
            out += ",\"source\":{\"id\":";
            append_string(out, ids.at(span.source->doc));
            out += ',';
            append_field(out, "start", span.source->start);
            out += ',';
            append_field(out, "end", span.source->end);
            out += ",\"lines\":[" + std::to_string(span.source->start_pos.line) + "," +
                   std::to_string(span.source->end_pos.line) + "]}";
        }
        out += '}';
    }
    out += "]}\n";
    return out;
}

}  // namespace once
