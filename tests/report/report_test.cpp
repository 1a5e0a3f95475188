// report_test.cpp — every report format over a small hand-built RunResult: an English, a
// Japanese and a Chinese document with spans of each kind and one cluster with two copies.
// Checks the properties that consumers rely on (JSON parses, SARIF regions and URIs, GitHub
// escaping, HTML self-containment and escaping) rather than whole outputs: golden files of the
// full outputs are made by scripts/update-golden.sh.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "once/core/error.hpp"
#include "once/report/report.hpp"
#include "once/report/report_writers.hpp"

namespace {

using Json = nlohmann::json;
using once::Kind;
using once::ReportFormat;
using once::TextPosition;

// Line and code-point column of a byte offset, computed independently of the library.
TextPosition position_of(const std::string& text, std::size_t offset) {
    TextPosition pos;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++pos.column;
        }
    }
    return pos;
}

struct Corpus {
    std::vector<std::string> texts;
    once::RunResult result;

    once::TextLoader loader() const {
        return [this](std::size_t index) { return texts.at(index); };
    }

    once::Span span(std::size_t doc, const std::string& needle, Kind kind) const {
        const std::string& text = texts.at(doc);
        const std::size_t at = text.find(needle);
        REQUIRE(at != std::string::npos);
        once::Span s;
        s.start = at;
        s.end = at + needle.size();
        s.kind = kind;
        s.start_pos = position_of(text, s.start);
        s.end_pos = position_of(text, s.end);
        return s;
    }

    once::SourceRef source(std::size_t doc, const std::string& needle) const {
        const once::Span s = span(doc, needle, Kind::duplicate);
        return {doc, s.start, s.end, s.start_pos, s.end_pos};
    }
};

const std::string kShared = "The river rose three metres overnight | and the bridge closed.";

// doc 0 (EN) holds the kept copy; doc 1 (JA) has an exact copy after four kanji on line 2 and
// an end marker; doc 2 (ZH, a space, a comma and a colon in its id) has an exact and a near
// copy, boilerplate, and text that tries to close the script element.
Corpus make_corpus() {
    Corpus c;
    c.texts = {
        "Flood update\n" + kShared + "\nMenu | Home | About\n",
        "日本語の記事です。\n前置き。" + kShared + "\n—END—\n",
        "新闻：" + kShared + "\n相关阅读 </script><script>alert(1)</script>\n"
        "The river rose three meters overnight and the bridge closed!\n分享到微信 😀\n",
        "",
    };
    c.result.docs.resize(4);
    const char* ids[] = {"en/a.txt", "ja/b c.txt", "zh/c,d:e%.txt", "empty.txt"};
    for (std::size_t d = 0; d < 4; ++d) {
        c.result.docs[d].id = ids[d];
        c.result.docs[d].group = d == 0 ? "en" : "cjk";
        c.result.docs[d].bytes = c.texts[d].size();
    }
    const once::SourceRef kept = c.source(0, kShared);

    once::Span boiler = c.span(0, "Menu | Home | About\n", Kind::boilerplate);
    boiler.match = "recurrence";
    boiler.docs = 5;
    c.result.docs[0].spans = {boiler};

    once::Span dup_ja = c.span(1, kShared, Kind::duplicate);
    dup_ja.cluster = 1;
    dup_ja.match = "exact";
    dup_ja.source = kept;
    once::Span marker = c.span(1, "—END—\n", Kind::marker);
    marker.match = "pattern";
    c.result.docs[1].spans = {dup_ja, marker};

    once::Span dup_zh = c.span(2, kShared + "\n", Kind::duplicate);
    dup_zh.cluster = 1;
    dup_zh.match = "exact";
    dup_zh.source = kept;
    once::Span near = c.span(2, "The river rose three meters overnight and the bridge closed!\n",
                             Kind::near_duplicate);
    near.cluster = 1;
    near.similarity = 0.91;
    near.match = "jaccard";
    near.source = kept;
    once::Span chrome = c.span(2, "分享到微信 😀\n", Kind::boilerplate);
    chrome.match = "shape";
    chrome.similarity = 0.75;
    c.result.docs[2].spans = {dup_zh, near, chrome};

    c.result.skipped = {{"broken.txt", "invalid UTF-8\nat byte 12"}};
    return c;
}

once::ReportOptions default_options() {
    once::ReportOptions options;
    options.tool_version = "0.1.0";
    return options;
}

std::string render(ReportFormat format, const Corpus& corpus,
                   const once::ReportOptions& options = default_options()) {
    return once::render_report(format, corpus.result, corpus.loader(), options);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size()))
        ++count;
    return count;
}

// The JSON data block of an HTML report, unescaped by the JSON parser.
Json html_data(const std::string& html) {
    const std::string open = "<script type=\"application/json\" id=\"once-data\">";
    const std::size_t start = html.find(open);
    REQUIRE(start != std::string::npos);
    const std::size_t end = html.find("</script>", start);
    REQUIRE(end != std::string::npos);
    return Json::parse(html.substr(start + open.size(), end - start - open.size()));
}

const ReportFormat kAllFormats[] = {ReportFormat::terminal, ReportFormat::json,
                                    ReportFormat::markdown, ReportFormat::sarif,
                                    ReportFormat::github,   ReportFormat::html};

}  // namespace

TEST_CASE("parse_report_format accepts the six names and rejects others") {
    const std::pair<const char*, ReportFormat> table[] = {
        {"terminal", ReportFormat::terminal}, {"json", ReportFormat::json},
        {"markdown", ReportFormat::markdown}, {"sarif", ReportFormat::sarif},
        {"github", ReportFormat::github},     {"html", ReportFormat::html},
    };
    for (const auto& [name, format] : table) CHECK(once::parse_report_format(name) == format);
    for (const char* bad : {"", "Terminal", "xml", "md"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(once::parse_report_format(bad), once::Error);
    }
    try {
        once::parse_report_format("xml");
    } catch (const once::Error& error) {
        CHECK(error.code() == once::ExitCode::usage);
    }
}

TEST_CASE("helpers: FNV-1a 64 test vectors, excerpts, URIs, line ranges") {
    using namespace once::report_detail;
    using once::format_bytes;
    using once::hex64;
    // Published FNV-1a 64-bit test vectors.
    CHECK(hex64(fnv1a64("")) == "cbf29ce484222325");
    CHECK(hex64(fnv1a64("a")) == "af63dc4c8601ec8c");
    CHECK(hex64(fnv1a64("foobar")) == "85944171f73967e8");

    const std::pair<std::string, std::string> excerpts[] = {
        {"", ""},
        {"   \n\t  ", ""},
        {"  a \n\n b  ", "a b"},
        {"全角　スペース", "全角 スペース"},
        {std::string(100, 'x'), std::string(79, 'x') + "\u2026"},
    };
    for (const auto& [in, out] : excerpts) {
        const std::string& shown = in;  // clang 14 cannot capture a binding in CAPTURE's lambda
        CAPTURE(shown);
        CHECK(excerpt(in, 80) == out);
    }
    std::string long_ja;
    for (int i = 0; i < 50; ++i) long_ja += "日本語";
    const std::string cut = excerpt(long_ja, 80);
    CHECK(cut.size() == 79 * 3 + 3);  // 79 kanji and "…", never half a character
    CHECK(cut.substr(cut.size() - 3) == "\u2026");
    CHECK(excerpt("ab\xff" "cd", 80) == "ab\uFFFDcd");

    const std::pair<std::string, std::string> uris[] = {
        {"en/a.txt", "en/a.txt"},
        {"ja/b c.txt", "ja/b%20c.txt"},
        {"日本.txt", "%E6%97%A5%E6%9C%AC.txt"},
        {"100%.txt", "100%25.txt"},
        {"a:b#c?.txt", "a%3Ab%23c%3F.txt"},
        {"/srv/corpus/x.txt", "file:///srv/corpus/x.txt"},
        {"https://example.com/a b?q=1#x", "https://example.com/a%20b?q=1#x"},
        {"https://example.com/%E6%97%A5", "https://example.com/%E6%97%A5"},
    };
    for (const auto& [id, uri] : uris) {
        const std::string& shown = id;  // clang 14 cannot capture a binding in CAPTURE's lambda
        CAPTURE(shown);
        CHECK(artifact_uri(id) == uri);
    }

    CHECK(line_range({3, 1}, {3, 9}) == "line 3");
    CHECK(line_range({3, 1}, {4, 1}) == "line 3");  // ends with its line break
    CHECK(line_range({3, 5}, {5, 2}) == "lines 3-5");
    CHECK(format_bytes(0) == "0 B");
    CHECK(format_bytes(1536) == "1.5 KiB");
    CHECK(format_bytes(3ull << 30) == "3.0 GiB");
    CHECK(format_percent(0.1234) == "12.3%");
}

TEST_CASE("every format renders an empty run, a run without spans, and is deterministic") {
    Corpus empty;
    Corpus quiet;
    quiet.texts = {"Nothing to see here.\n", "何もない。\n"};
    quiet.result.docs.resize(2);
    for (std::size_t d = 0; d < 2; ++d) {
        quiet.result.docs[d].id = "q" + std::to_string(d) + ".txt";
        quiet.result.docs[d].bytes = quiet.texts[d].size();
    }
    const Corpus full = make_corpus();
    for (const Corpus* corpus : {&std::as_const(empty), &std::as_const(quiet), &full}) {
        for (ReportFormat format : kAllFormats) {
            CAPTURE(static_cast<int>(format));
            const std::string first = render(format, *corpus);
            CHECK(first == render(format, *corpus));
            if (format != ReportFormat::github) CHECK(!first.empty());
        }
    }
    // Without a text loader nothing is quoted, but every format still renders.
    for (ReportFormat format : kAllFormats) {
        CAPTURE(static_cast<int>(format));
        CHECK_NOTHROW(once::render_report(format, full.result, once::TextLoader{}, default_options()));
    }
    const Json no_text = Json::parse(
        once::render_report(ReportFormat::sarif, full.result, once::TextLoader{}, default_options()));
    CHECK(!no_text["runs"][0]["results"][0].contains("partialFingerprints"));
    CHECK(render(ReportFormat::terminal, empty).find("0 documents") != std::string::npos);
    CHECK(render(ReportFormat::markdown, empty).find("No documents were read.") != std::string::npos);
    CHECK(render(ReportFormat::html, empty).find("No documents.") != std::string::npos);
    CHECK(render(ReportFormat::github, quiet).empty());
    CHECK(render(ReportFormat::terminal, quiet).find("nothing to remove") != std::string::npos);
    const Json sarif = Json::parse(render(ReportFormat::sarif, empty));
    CHECK(sarif["runs"][0]["results"].empty());
}

TEST_CASE("terminal: totals, kinds, worst files, clusters, skipped, verdict, colour") {
    const Corpus corpus = make_corpus();
    once::ReportOptions options = default_options();
    const std::string plain = render(ReportFormat::terminal, corpus, options);
    CHECK(plain.find("4 documents") != std::string::npos);
    for (const char* kind : {"duplicate", "near_duplicate", "boilerplate", "marker"})
        CHECK(plain.find(kind) != std::string::npos);
    CHECK(plain.find("Worst files") != std::string::npos);
    CHECK(plain.find("zh/c,d:e%.txt") != std::string::npos);
    CHECK(plain.find("#1") != std::string::npos);
    CHECK(plain.find("2 copies") == std::string::npos);
    CHECK(plain.find("3 copies") != std::string::npos);
    CHECK(plain.find("kept en/a.txt:2") != std::string::npos);
    CHECK(plain.find("Skipped 1 input") != std::string::npos);
    CHECK(plain.find("invalid UTF-8?at byte 12") != std::string::npos);  // one line per input
    CHECK(plain.find("PASS") == std::string::npos);
    CHECK(plain.find('\x1b') == std::string::npos);

    options.has_verdict = true;
    options.passed = false;
    options.violations = {"removed share 40.0% exceeds --max-removed 10%"};
    options.headline = "1 limit exceeded: --max-removed 10%";
    options.color = true;
    const std::string coloured = render(ReportFormat::terminal, corpus, options);
    CHECK(coloured.find("\x1b[1;31mFAIL\x1b[0m") != std::string::npos);
    CHECK(coloured.find("exceeds --max-removed 10%") != std::string::npos);
    CHECK(coloured.find("FAIL\x1b[0m  1 limit exceeded: --max-removed 10%\n") != std::string::npos);

    once::RunResult hostile = corpus.result;
    hostile.docs[0].id = "evil\x1b[31m\xc2\x9b\xe2\x80\xaetxt.exe\xff";
    const std::string safe = once::render_report(ReportFormat::terminal, hostile, corpus.loader(),
                                                 default_options());
    CHECK(safe.find("evil?[31m??txt.exe\uFFFD") != std::string::npos);

    options.top = 1;
    const std::string top1 = render(ReportFormat::terminal, corpus, options);
    CHECK(top1.find("more with removed text") != std::string::npos);
}

TEST_CASE("json: schema once-report/1 with totals, kinds, files, clusters, verdict") {
    const Corpus corpus = make_corpus();
    once::ReportOptions options = default_options();
    Json j = Json::parse(render(ReportFormat::json, corpus, options));
    CHECK(j["version"] == "once-report/1");
    CHECK(j["totals"]["documents"] == 4);
    CHECK(j["totals"]["bytes"] == corpus.result.total_bytes());
    CHECK(j["totals"]["removed_bytes"] == corpus.result.removed_bytes());
    CHECK(j["totals"]["skipped_inputs"] == 1);
    CHECK(j["kinds"]["duplicate"]["spans"] == 2);
    CHECK(j["kinds"]["near_duplicate"]["spans"] == 1);
    CHECK(j["kinds"]["boilerplate"]["documents"] == 2);
    CHECK(j["kinds"]["marker"]["bytes"] == std::string("—END—\n").size());
    REQUIRE(j["files"].size() == 4);
    CHECK(j["files"][1]["id"] == "ja/b c.txt");
    CHECK(j["files"][1]["counts"]["marker"] == 1);
    CHECK(j["files"][3]["ratio"] == 0.0);
    REQUIRE(j["clusters"].size() == 1);
    const Json& cluster = j["clusters"][0];
    CHECK(cluster["kind"] == "near_duplicate");  // one copy is near, so the cluster is
    CHECK(cluster["kept"]["id"] == "en/a.txt");
    CHECK(cluster["kept"]["line"] == 2);
    REQUIRE(cluster["copies"].size() == 3);
    CHECK(cluster["copies"][0]["id"] == "ja/b c.txt");
    CHECK(cluster["copies"][2]["similarity"] == 0.91);
    CHECK(j["skipped"][0]["id"] == "broken.txt");
    CHECK(!j.contains("verdict"));

    options.has_verdict = true;
    options.passed = true;
    j = Json::parse(render(ReportFormat::json, corpus, options));
    CHECK(j["verdict"]["passed"] == true);
    CHECK(j["verdict"]["violations"].empty());
    CHECK(j["verdict"]["limits_exceeded"].empty());
    options.passed = false;
    options.limits_exceeded = {"--max-ratio 0.2"};
    options.violations = {"overall ratio 0.406 > --max-ratio 0.2", "a.txt: ratio 0.406 > --max-ratio 0.2"};
    j = Json::parse(render(ReportFormat::json, corpus, options));
    CHECK(j["verdict"]["limits_exceeded"] == Json::array({"--max-ratio 0.2"}));
    CHECK(j["verdict"]["violations"].size() == 2);
}

TEST_CASE("markdown: heading, totals, verdict, worst files, escaped excerpts") {
    const Corpus corpus = make_corpus();
    once::ReportOptions options = default_options();
    options.has_verdict = true;
    options.passed = false;
    options.violations = {"near_duplicate share 12% > 5%"};
    const std::string md = render(ReportFormat::markdown, corpus, options);
    CHECK(md.rfind("## once report\n", 0) == 0);
    CHECK(md.find("**❌ FAIL**") != std::string::npos);
    CHECK(md.find("- near\\_duplicate share 12% > 5%") == std::string::npos);  // '>' is escaped
    CHECK(md.find("- near\\_duplicate share 12% &gt; 5%") != std::string::npos);
    CHECK(md.find("### Worst files") != std::string::npos);
    CHECK(md.find("### Biggest clusters") != std::string::npos);
    // The excerpt's '|' must not split the table cell.
    CHECK(md.find("three metres overnight \\| and the bridge closed.") != std::string::npos);
    CHECK(md.find("### Skipped inputs") != std::string::npos);
    // Every table row has the same number of unescaped cell separators as its header.
    for (const std::string& line : lines_of(md)) {
        if (line.empty() || line[0] != '|') continue;
        std::size_t pipes = 0;
        for (std::size_t i = 0; i < line.size(); ++i)
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
        CHECK(pipes >= 3);
        CHECK(line.back() == '|');
    }
}

TEST_CASE("sarif: 2.1.0 run with rules, CJK regions, related kept copy, fingerprints") {
    const Corpus corpus = make_corpus();
    const Json sarif = Json::parse(render(ReportFormat::sarif, corpus));
    CHECK(sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
    CHECK(sarif["version"] == "2.1.0");
    REQUIRE(sarif["runs"].size() == 1);
    const Json& run = sarif["runs"][0];
    CHECK(run["columnKind"] == "unicodeCodePoints");
    const Json& driver = run["tool"]["driver"];
    CHECK(driver["name"] == "once");
    CHECK(driver["version"] == "0.1.0");
    REQUIRE(driver["rules"].size() == 4);
    const char* rule_ids[] = {"once/duplicate", "once/near-duplicate", "once/boilerplate",
                              "once/marker"};
    for (std::size_t r = 0; r < 4; ++r) {
        CHECK(driver["rules"][r]["id"] == rule_ids[r]);
        CHECK(driver["rules"][r].contains("shortDescription"));
        CHECK(driver["rules"][r].contains("fullDescription"));
        CHECK(driver["rules"][r].contains("helpUri"));
    }
    CHECK(driver["rules"][2]["defaultConfiguration"]["level"] == "note");
    REQUIRE(run["artifacts"].size() == 4);
    CHECK(run["artifacts"][1]["location"]["uri"] == "ja/b%20c.txt");
    CHECK(run["artifacts"][1]["length"] == corpus.texts[1].size());

    const Json& results = run["results"];
    REQUIRE(results.size() == 6);
    // The Japanese copy: line 2, after "前置き。" (four code points, twelve bytes).
    const Json& ja = results[1];
    CHECK(ja["ruleId"] == "once/duplicate");
    CHECK(ja["level"] == "warning");
    CHECK(ja["message"]["text"] == "Duplicate of line 2 of en/a.txt (cluster 1)");
    const Json& location = ja["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uri"] == "ja/b%20c.txt");
    const Json& region = location["region"];
    CHECK(region["startLine"] == 2);
    CHECK(region["startColumn"] == 5);
    CHECK(region["endLine"] == 2);
    CHECK(region["endColumn"] == 5 + static_cast<int>(kShared.size()));
    CHECK(region["byteOffset"] == std::string("日本語の記事です。\n前置き。").size());
    CHECK(region["byteLength"] == kShared.size());
    const Json& related = ja["relatedLocations"][0];
    CHECK(related["message"]["text"] == "kept copy");
    CHECK(related["physicalLocation"]["artifactLocation"]["uri"] == "en/a.txt");
    CHECK(related["physicalLocation"]["region"]["startLine"] == 2);

    CHECK(results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "zh/c,d%3Ae%25.txt");  // "," may stay in a path, ":" may not
    const Json& near = results[4];
    CHECK(near["ruleId"] == "once/near-duplicate");
    CHECK(near["message"]["text"] ==
          "Near-duplicate of line 2 of en/a.txt (cluster 1, similarity 0.91)");
    CHECK(results[5]["level"] == "note");
    CHECK(results[5]["message"]["text"] ==
          "Boilerplate: looks like page chrome (shape score 0.75)");
    CHECK(results[0]["message"]["text"] == "Boilerplate: recurs in 5 documents");
    CHECK(results[2]["message"]["text"] == "Generation or scraping marker");

    // Fingerprints: same kind and text, same hash, wherever and whichever cluster.
    const auto fingerprint = [&](std::size_t r) {
        return results[r]["partialFingerprints"]["onceSpanHash/v1"].get<std::string>();
    };
    CHECK(fingerprint(1).size() == 16);
    CHECK(fingerprint(1) != fingerprint(3));  // the ZH copy includes its line break
    CHECK(fingerprint(3) != fingerprint(4));
    CHECK(fingerprint(0) != fingerprint(5));

    const Json& notes = run["invocations"][0]["toolExecutionNotifications"];
    REQUIRE(notes.size() == 1);
    CHECK(notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.txt");
}

TEST_CASE("sarif: identical passages share a fingerprint, an emoji counts as one column") {
    Corpus c;
    c.texts = {"x😀 same words\n", "same words\n"};
    c.result.docs.resize(2);
    for (std::size_t d = 0; d < 2; ++d) {
        c.result.docs[d].id = "d" + std::to_string(d);
        c.result.docs[d].bytes = c.texts[d].size();
    }
    c.result.docs[0].spans = {c.span(0, "same words", Kind::duplicate)};
    c.result.docs[1].spans = {c.span(1, "same words", Kind::duplicate)};
    const Json run = Json::parse(render(ReportFormat::sarif, c))["runs"][0];
    CHECK(run["results"][0]["partialFingerprints"] == run["results"][1]["partialFingerprints"]);
    CHECK(run["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 4);
    CHECK(!run["results"][0].contains("relatedLocations"));
}

TEST_CASE("github: one command per span, most important first, escaped per the workflow-command rules") {
    const Corpus corpus = make_corpus();
    once::ReportOptions options = default_options();
    options.has_verdict = true;
    options.passed = false;
    options.violations = {"duplicate share 30% > 10%", "near_duplicate: 5, limit 2"};
    options.headline = "2 limits exceeded: --a, --b";
    const std::vector<std::string> lines = lines_of(render(ReportFormat::github, corpus, options));
    REQUIRE(lines.size() == 1 + 6 + 1);
    // Skipped inputs first, then markers, duplicates (larger first), near-duplicates, boilerplate.
    CHECK(lines[0] == "::warning file=broken.txt,title=once skipped input::invalid UTF-8%0Aat byte 12");
    CHECK(lines[1].rfind("::warning file=ja/b c.txt,line=3,endLine=3,title=once marker::", 0) == 0);
    const std::string ja_duplicate = "::warning file=ja/b c.txt,line=2,endLine=2,col=5,endColumn=" +
                                     std::to_string(5 + kShared.size()) +
                                     ",title=once duplicate::Duplicate of line 2 of en/a.txt (cluster 1)";
    CHECK((lines[2] == ja_duplicate || lines[3] == ja_duplicate));
    // ',' ':' '%' in a property are escaped; the message keeps ':' and ','.
    const std::string zh_prefix = "::warning file=zh/c%2Cd%3Ae%25.txt,line=1,endLine=1,";
    CHECK((lines[2].rfind(zh_prefix, 0) == 0 || lines[3].rfind(zh_prefix, 0) == 0));
    CHECK(lines[4].find("::Near-duplicate of line 2 of en/a.txt (cluster 1, similarity 0.91)") != std::string::npos);
    const std::string en_notice = "::notice file=en/a.txt,line=3,endLine=3,title=once boilerplate::Boilerplate: recurs in 5 documents";
    CHECK((lines[5] == en_notice || lines[6] == en_notice));
    const std::string zh_notice = "::notice file=zh/c%2Cd%3Ae%25.txt,line=4,endLine=4,";
    CHECK((lines[5].rfind(zh_notice, 0) == 0 || lines[6].rfind(zh_notice, 0) == 0));
    CHECK(lines[7] ==
          "::error title=once check::FAIL: 2 limits exceeded: --a, --b%0Aduplicate share 30%25 > 10%25%0Anear_duplicate: 5, "
          "limit 2");
}

TEST_CASE("github: at most 10 warnings and 10 notices (GitHub's display limit), one notice counts the rest") {
    Corpus c;
    c.texts = {std::string(400, 'x')};
    c.result.docs.resize(1);
    c.result.docs[0].id = "a.txt";
    c.result.docs[0].bytes = c.texts[0].size();
    for (std::size_t i = 0; i < 15; ++i) {
        once::Span span;
        span.kind = i < 3 ? Kind::marker : Kind::duplicate;
        span.start = i * 10;
        span.end = i * 10 + 1 + i;  // later spans are larger
        span.start_pos.line = span.last_line = i + 1;
        span.end_pos.line = i + 2;
        c.result.docs[0].spans.push_back(span);
    }
    for (std::size_t i = 0; i < 25; ++i) {
        once::Span span;
        span.kind = Kind::boilerplate;
        span.start = 200 + i * 5;
        span.end = span.start + 3;
        span.start_pos.line = span.last_line = 20 + i;
        span.end_pos.line = 21 + i;
        c.result.docs[0].spans.push_back(span);
    }
    const std::vector<std::string> lines = lines_of(render(ReportFormat::github, c, default_options()));
    std::size_t warnings = 0, notices = 0;
    for (const auto& line : lines) {
        warnings += line.rfind("::warning", 0) == 0;
        notices += line.rfind("::notice", 0) == 0;
    }
    CHECK(warnings == 10);
    CHECK(notices == 10);
    // The three markers come first, then the largest duplicates.
    for (std::size_t i = 0; i < 3; ++i) CHECK(lines[i].find("title=once marker") != std::string::npos);
    CHECK(lines[3].find("line=15,") != std::string::npos);
    CHECK(lines.back() ==
          "::notice title=once::21 more finding(s) not annotated (GitHub shows 10 annotations per level and step); "
          "the SARIF report (--report sarif=FILE) lists them all");
}

namespace {

// A corpus of one clean two-byte document named `id`, and one skipped input.
Corpus one_document_and_skipped(const std::string& id, once::SkippedInput skipped) {
    Corpus c;
    c.texts = {"a\n"};
    c.result.docs.resize(1);
    c.result.docs[0].id = id;
    c.result.docs[0].bytes = 2;
    c.result.skipped = {std::move(skipped)};
    return c;
}

}  // namespace

TEST_CASE("github: data escaping covers %, CR and LF") {
    const Corpus c = one_document_and_skipped("50%\r\n.txt", {"x", "100% broken\r\nreally"});
    const std::string out = render(ReportFormat::github, c);
    CHECK(out == "::warning file=x,title=once skipped input::100%25 broken%0D%0Areally\n");
}

TEST_CASE("github and markdown: an escape sequence in a file name shows as ?, as in the terminal") {
    const Corpus c = one_document_and_skipped("a.txt", {"evil\x1b[2J\x07\xc2\x9b.txt", "broken\x1b]0;title\x07"});
    const std::string github = render(ReportFormat::github, c);
    CHECK(github == "::warning file=evil?[2J??.txt,title=once skipped input::broken?]0;title?\n");
    const std::string markdown = render(ReportFormat::markdown, c);
    CHECK(markdown.find('\x1b') == std::string::npos);
    CHECK(markdown.find('\x07') == std::string::npos);
    CHECK(markdown.find("evil?\\[2J??.txt") != std::string::npos);  // `[` escaped as markup
}

TEST_CASE("html: self-contained, data block escaped, UTF-16 offsets, anchors") {
    const Corpus corpus = make_corpus();
    const std::string html = render(ReportFormat::html, corpus);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    // Nothing is loaded from anywhere: no URLs, no src= or <link>, no CSS imports.
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find(" src=") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(html.find("<noscript>") != std::string::npos);
    CHECK(html.find("<svg class=\"chart\"") != std::string::npos);
    // The document text holds "</script><script>alert(1)</script>": only our own two script
    // elements may close.
    CHECK(count_of(html, "</script>") == 2);
    CHECK(count_of(html, "<script") == 2);
    CHECK(html.find("alert(1)") != std::string::npos);  // quoted inside the data, escaped

    const Json data = html_data(html);
    CHECK(data["version"] == "once-report/1");
    REQUIRE(data["docs"].size() == 4);
    CHECK(data["docs"][2]["text"] == corpus.texts[2]);  // round-trips after unescaping
    CHECK(!data["docs"][3].contains("text"));          // nothing to highlight: not embedded
    // UTF-16 offsets: "日本語の記事です。\n前置き。" is 14 code units.
    const Json& span = data["docs"][1]["spans"][0];
    CHECK(span[0] == 14);
    CHECK(span[1] == 14 + kShared.size());
    CHECK(span[2] == 0);  // duplicate
    CHECK(span[6] == 0);  // kept copy in doc 0 ...
    CHECK(span[7] == corpus.result.docs[1].spans[0].source->start);  // ... at this byte
    // The emoji is two UTF-16 code units: the chrome span ends one unit later than its
    // code-point count.
    const Json& chrome = data["docs"][2]["spans"][2];
    const std::u16string chrome16 = u"分享到微信 😀\n";
    CHECK(chrome[1].get<std::size_t>() - chrome[0].get<std::size_t>() == chrome16.size());
    // The kept copy is a highlighted range of doc 0 listing its cluster.
    const Json& kept = data["docs"][0]["kept"];
    REQUIRE(kept.size() == 1);
    CHECK(kept[0][2] == corpus.result.docs[1].spans[0].source->start);
    CHECK(kept[0][3] == Json::array({1}));
    REQUIRE(data["clusters"].size() == 1);
    CHECK(data["clusters"][0]["excerpt"] ==
          "The river rose three metres overnight | and the bridge closed.");
    CHECK(data["clusters"][0]["copies"].size() == 3);
}

TEST_CASE("html: large corpora get a histogram instead of one bar per document") {
    Corpus c;
    for (int d = 0; d < 250; ++d) {
        c.texts.push_back("line one\nline two\n");
        once::DocResult doc;
        doc.id = "doc" + std::to_string(d) + ".txt";
        doc.bytes = c.texts.back().size();
        c.result.docs.push_back(doc);
        if (d % 3 == 0) {
            c.result.docs.back().spans = {c.span(static_cast<std::size_t>(d), "line two\n",
                                                 Kind::boilerplate)};
        }
    }
    const std::string html = render(ReportFormat::html, c);
    CHECK(html.find("Documents per 5% band of removed share") != std::string::npos);
    CHECK(html.find("166 of 250 documents had nothing removed") != std::string::npos);
    CHECK(count_of(html, "<a href=\"#d") == 0);  // no per-document bars
    const Json data = html_data(html);
    CHECK(data["docs"].size() == 250);
    CHECK(data["docs"][0].contains("text"));
    CHECK(!data["docs"][1].contains("text"));
}
