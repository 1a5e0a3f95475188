// map_writer.hpp — the duplication map, JSON Lines (docs/map-format.md, version 1).
//
// Why hand-written JSON: the map is written for every document of a corpus, in a fixed key
// order, with floats at fixed precision so the same input gives a byte-identical map; a few
// lines of escaping (jsonl.hpp) do that faster than building DOM objects.
#pragma once

#include <string>

#include "once/core/result.hpp"

namespace once {

// The first line of a map: format, version, tool version and the settings that change results.
std::string map_header_line(const Config& config, const std::string& tool_version);

// One document's line (with trailing '\n'). `ids` resolves SourceRef::doc to document ids.
std::string map_document_line(const DocResult& doc, const std::vector<std::string>& ids);

// Formats a similarity with three decimals ("0.875").
std::string format_similarity(double value);

}  // namespace once
