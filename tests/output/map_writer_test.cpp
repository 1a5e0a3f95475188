// map_writer_test.cpp — the map's lines (docs/map-format.md): fixed key order, three decimals,
// optional fields only when they apply, ids escaped as JSON; each line parses back to what was
// written.
#include "once/output/map_writer.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

once::Span span_of(std::uint64_t start, std::uint64_t end, once::Kind kind, const std::string& match) {
    once::Span span;
    span.start = start;
    span.end = end;
    span.kind = kind;
    span.match = match;
    span.start_pos.line = 2;
    span.last_line = 3;
    return span;
}

}  // namespace

TEST_CASE("map_header_line: format, version, tool, unicode and every setting, in order") {
    once::Config config;
    config.seed = 42;
    config.similarity = 0.6;
    config.kinds = {once::Kind::duplicate, once::Kind::marker};
    const std::string line = once::map_header_line(config, "9.9.9");
    REQUIRE(line.back() == '\n');
    CHECK(line.rfind("{\"format\":\"once-map\",\"version\":1,\"tool\":\"once 9.9.9\",\"unicode\":\"", 0) == 0);
    CHECK(line.find("\"config\":{\"seed\":42,\"ngram\":3,\"num_perm\":64,\"bands\":16,\"similarity\":0.600,") !=
          std::string::npos);
    CHECK(line.find("\"kinds\":[\"duplicate\",\"marker\"]}}\n") != std::string::npos);
    const auto json = nlohmann::json::parse(line);
    CHECK(json.at("config").at("seed") == 42);
    CHECK(json.at("config").at("boilerplate_min_share") == 0.3);
}

TEST_CASE("map_document_line: spans with and without source, docs and fully_removed") {
    once::DocResult doc;
    doc.id = "dir/a \"quoted\"\tfile.txt";
    doc.bytes = 500;
    once::Span copy = span_of(10, 40, once::Kind::duplicate, "exact");
    copy.cluster = 3;
    copy.source = once::SourceRef{1, 100, 130, {7, 1}, {8, 1}};
    once::Span near = span_of(50, 90, once::Kind::near_duplicate, "jaccard");
    near.similarity = 0.8756;
    near.cluster = 4;
    near.source = once::SourceRef{0, 0, 5, {1, 1}, {1, 6}};
    once::Span chrome = span_of(100, 120, once::Kind::boilerplate, "recurrence");
    chrome.docs = 12;
    once::Span shape = span_of(130, 140, once::Kind::boilerplate, "shape");  // docs 0: no "docs" field
    shape.similarity = 0.5;
    doc.spans = {copy, near, chrome, shape};
    const std::vector<std::string> ids = {"first.txt", "second.txt"};

    const std::string line = once::map_document_line(doc, ids);
    CHECK(line ==
          "{\"id\":\"dir/a \\\"quoted\\\"\\tfile.txt\",\"bytes\":500,\"removed\":100,\"spans\":["
          "{\"start\":10,\"end\":40,\"lines\":[2,3],\"kind\":\"duplicate\",\"cluster\":3,\"similarity\":1.000,"
          "\"match\":\"exact\",\"source\":{\"id\":\"second.txt\",\"start\":100,\"end\":130,\"lines\":[7,8]}},"
          "{\"start\":50,\"end\":90,\"lines\":[2,3],\"kind\":\"near_duplicate\",\"cluster\":4,\"similarity\":0.876,"
          "\"match\":\"jaccard\",\"source\":{\"id\":\"first.txt\",\"start\":0,\"end\":5,\"lines\":[1,1]}},"
          "{\"start\":100,\"end\":120,\"lines\":[2,3],\"kind\":\"boilerplate\",\"cluster\":0,\"similarity\":1.000,"
          "\"match\":\"recurrence\",\"docs\":12},"
          "{\"start\":130,\"end\":140,\"lines\":[2,3],\"kind\":\"boilerplate\",\"cluster\":0,\"similarity\":0.500,"
          "\"match\":\"shape\"}]}\n");
    const auto json = nlohmann::json::parse(line);
    CHECK(json.at("id") == doc.id);
    CHECK(json.at("spans").size() == 4);
    CHECK_FALSE(json.contains("fully_removed"));
}

TEST_CASE("map_document_line: no spans, fully removed, released spans, non-ASCII ids") {
    struct Case {
        std::string name;
        once::DocResult doc;
        std::string line;
    };
    once::DocResult empty;
    empty.id = "empty.txt";
    once::DocResult gone;
    gone.id = "日本語.txt";
    gone.bytes = 9;
    gone.fully_removed = true;
    gone.spans = {span_of(0, 9, once::Kind::marker, "pattern")};
    once::DocResult released;  // spans let go after writing: only the removed count stays
    released.id = "big.txt";
    released.bytes = 1000;
    released.released_bytes = 700;
    const std::vector<Case> cases = {
        {"no spans", empty, "{\"id\":\"empty.txt\",\"bytes\":0,\"removed\":0,\"spans\":[]}\n"},
        {"fully removed, UTF-8 id kept as is", gone,
         "{\"id\":\"日本語.txt\",\"bytes\":9,\"removed\":9,\"fully_removed\":true,\"spans\":[{\"start\":0,\"end\":9,"
         "\"lines\":[2,3],\"kind\":\"marker\",\"cluster\":0,\"similarity\":1.000,\"match\":\"pattern\"}]}\n"},
        {"released spans count as removed", released, "{\"id\":\"big.txt\",\"bytes\":1000,\"removed\":700,\"spans\":[]}\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK(once::map_document_line(c.doc, {}) == c.line);
    }
}

TEST_CASE("format_similarity: three decimals, rounded") {
    CHECK(once::format_similarity(1.0) == "1.000");
    CHECK(once::format_similarity(0.0) == "0.000");
    CHECK(once::format_similarity(0.8756) == "0.876");
    CHECK(once::format_similarity(0.6) == "0.600");
}
