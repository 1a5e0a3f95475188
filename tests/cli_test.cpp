// cli_test.cpp — the command line in-process (once::cli::run with string streams): help, usage
// errors, input errors with offsets, skipping, output safety, the cleaned files and the map, and
// a 100 MB single-line input.
#include "cli/cli.hpp"

#include "once/plan/cleaner.hpp"
#include "once/core/result.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using once::test::TempDir;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every regular file under `root` (relative path -> bytes).
std::map<std::string, std::string> snapshot(const std::string& root) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file()) files[fs::relative(entry.path(), root).generic_string()] = read_file(entry.path().string());
    return files;
}

struct CliResult {
    int code;
    std::string out;
    std::string err;
};

CliResult run_cli(std::vector<std::string> args) {
    args.insert(args.begin(), "once");
    std::ostringstream out, err;
    const int code = once::cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

const std::string k_para_a = "The city council approved the new budget for the coming year on Monday evening.";
const std::string k_para_b = "Several members asked for more money for schools and for the repair of old roads.";
const std::string k_ja = "東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を開催すると発表した。";

void write_good_corpus(const TempDir& dir) {
    dir.write("in/a.txt", "Budget approved\n\n" + k_para_a + " " + k_para_b + "\n");
    dir.write("in/b.txt", "A new opening paragraph for the second story.\n\n" + k_para_a + " " + k_para_b + "\n");
    dir.write("in/ja/c.txt", "鉄道計画\r\n\r\n" + k_ja + "\r\n—END—\r\n");
    dir.write("in/ja/d.txt", "鉄道計画（続報）\n\n" + k_ja + "\n\n新しい段落がここに続く。\n");
}

}  // namespace

TEST_CASE("cli: --help lists every exit code, the commands and the flags") {
    const auto help = run_cli({"--help"});
    CHECK(help.code == 0);
    CHECK(help.err.empty());
    for (int code = 0; code <= 7; ++code) {
        CAPTURE(code);
        CHECK(contains(help.out, "\n  " + std::to_string(code) + "  "));
    }
    for (const std::string command : {"clean", "scan", "learn", "check", "baseline"}) CHECK(contains(help.out, command));

    const auto command_help = run_cli({"clean", "--help"});
    CHECK(command_help.code == 0);
    for (const std::string flag :
         {"--output", "--map", "--on-error", "--threads", "--similarity", "--containment", "--min-length",
          "--min-inline-length", "--window", "--min-line-length", "--ngram", "--num-perm", "--bands", "--seed",
          "--kinds", "--marker", "--no-builtin-markers", "--keep", "--keep-file", "--group-by", "--profile",
          "--no-shape", "--format", "--report", "--text-field", "--id-field", "--quiet"}) {
        CAPTURE(flag);
        CHECK(contains(command_help.out, flag));
    }
    for (int code = 0; code <= 7; ++code) CHECK(contains(command_help.out, "\n  " + std::to_string(code) + "  "));

    CHECK(run_cli({"-h"}).code == 0);
    const auto version = run_cli({"--version"});
    CHECK(version.code == 0);
    CHECK(contains(version.out, "once "));
}

TEST_CASE("cli: usage errors exit 2 with a message on stderr") {
    TempDir dir;
    write_good_corpus(dir);
    const std::string in = dir.path("in");
    struct Case {
        std::string name;
        std::vector<std::string> args;
        std::string err_part;
    };
    const std::vector<Case> cases = {
        {"unknown command", {"frobnicate", in}, "frobnicate"},
        {"similarity above 1", {"scan", in, "--similarity", "2"}, "similarity"},
        {"similarity zero", {"scan", in, "--similarity=0"}, "similarity"},
        {"similarity not a number", {"scan", in, "--similarity", "high"}, "similarity"},
        {"unknown flag", {"scan", in, "--no-such-flag"}, "no-such-flag"},
        {"bad --on-error", {"scan", in, "--on-error=maybe"}, "on-error"},
        {"bands do not divide num-perm", {"scan", in, "--num-perm", "64", "--bands", "5"}, "bands"},
        {"unknown kind", {"scan", in, "--kinds", "duplicate,typo"}, "typo"},
        {"bad marker pattern", {"scan", in, "--marker", "(unclosed"}, "(unclosed"},
        {"no input path", {"scan"}, "PATH"},
        {"clean without -o", {"clean", in}, "-o"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto result = run_cli(c.args);
        CHECK(result.code == 2);
        CHECK_FALSE(result.err.empty());
        CHECK(contains(result.err, c.err_part));
    }
    // No output was written by any of them.
    CHECK(snapshot(dir.path()).size() == 4);
    // Without any arguments: the usage text, and exit 2.
    const auto bare = run_cli({});
    CHECK(bare.code == 2);
    CHECK(contains(bare.out + bare.err, "Usage:"));
}

TEST_CASE("cli: input errors exit 3 naming the file (and the byte offset)") {
    TempDir dir;
    struct Case {
        std::string name;
        std::string bytes;
        std::string err_part;
        std::string offset;  // empty: no offset
    };
    const std::vector<Case> cases = {
        {"invalid UTF-8", "日本語のテキスト\xFF", "invalid UTF-8", "24"},
        {"Latin-1 file", "caf\xE9 au lait", "invalid UTF-8", "3"},
        {"empty file", "", "empty", ""},
        {"binary file", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "binary", "8"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const std::string path = dir.write(c.name + ".txt", c.bytes);
        for (const std::string command : {"scan", "clean"}) {
            CAPTURE(command);
            std::vector<std::string> args = {command, path};
            if (command == "clean") args.insert(args.end(), {"-o", dir.path("out-" + c.name)});
            const auto result = run_cli(args);
            CHECK(result.code == 3);
            CHECK(contains(result.err, path));
            CHECK(contains(result.err, c.err_part));
            if (!c.offset.empty()) CHECK(contains(result.err, c.offset));
        }
    }
    const std::string missing = dir.path("does-not-exist.txt");
    const auto result = run_cli({"scan", missing});
    CHECK(result.code == 3);
    CHECK(contains(result.err, missing));
}

TEST_CASE("cli: --on-error=skip finishes with exit 5, lists the skipped file and cleans the others") {
    TempDir dir;
    write_good_corpus(dir);
    const std::string bad = dir.write("in/bad.txt", "broken \xC3( text");
    const std::string empty = dir.write("in/empty.txt", "");
    const auto result = run_cli({"clean", dir.path("in"), "-o", dir.path("out"), "--on-error=skip", "-q"});
    CHECK(result.code == 5);
    CHECK(contains(result.err, bad));
    CHECK(contains(result.err, empty));
    CHECK(contains(result.err, "2 input(s) skipped"));
    const auto out = snapshot(dir.path("out"));
    CHECK(out.count("a.txt") == 1);
    CHECK(out.count("b.txt") == 1);
    CHECK(out.count("ja/c.txt") == 1);
    CHECK(out.count("ja/d.txt") == 1);
    CHECK(out.count("bad.txt") == 0);
    CHECK(out.count("empty.txt") == 0);
    // Without skip, the same corpus stops with exit 3.
    CHECK(run_cli({"scan", dir.path("in"), "-q"}).code == 3);
}

TEST_CASE("cli: an output folder that is (or lies inside) the input exits 4 and touches nothing") {
    TempDir dir;
    write_good_corpus(dir);
    const std::string in = dir.path("in");
    const auto before = snapshot(in);
    const auto everything_before = snapshot(dir.path());
    for (const std::string& output : {in, in + "/", in + "/cleaned", in + "/ja"}) {
        CAPTURE(output);
        const auto result = run_cli({"clean", in, "-o", output, "--map", dir.path("map.jsonl"), "-q"});
        CHECK(result.code == 4);
        CHECK(contains(result.err, in));
        CHECK(snapshot(in) == before);
        CHECK_FALSE(fs::exists(dir.path("map.jsonl")));
        CHECK(snapshot(dir.path()) == everything_before);  // no stray temporary files either
    }
}

TEST_CASE("cli: clean writes mirrored files and a map whose every line parses") {
    TempDir dir;
    write_good_corpus(dir);
    const std::string in = dir.path("in");
    const std::string out = dir.path("out");
    const std::string map_path = dir.path("map.jsonl");
    const auto inputs = snapshot(in);
    const auto result = run_cli({"clean", in, "-o", out, "--map", map_path, "--seed", "7", "--threads", "2"});
    CHECK(result.code == 0);
    CHECK(result.err.empty());
    CHECK_FALSE(result.out.empty());  // the summary

    // Mirrored tree: the same relative paths.
    const auto outputs = snapshot(out);
    std::vector<std::string> in_names, out_names;
    for (const auto& [name, bytes] : inputs) in_names.push_back(name);
    for (const auto& [name, bytes] : outputs) out_names.push_back(name);
    CHECK(in_names == out_names);

    // The map: a header, then one line per document in input order.
    std::istringstream map(read_file(map_path));
    std::string line;
    std::vector<nlohmann::json> lines;
    while (std::getline(map, line)) {
        CAPTURE(line);
        REQUIRE_NOTHROW(lines.push_back(nlohmann::json::parse(line)));
    }
    REQUIRE(lines.size() == 1 + inputs.size());
    const auto& header = lines[0];
    CHECK(header.at("format") == "once-map");
    CHECK(header.at("version") == 1);
    CHECK(header.at("config").at("seed") == 7);
    CHECK(header.at("config").at("num_perm") == 64);

    std::vector<std::string> ids;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto& doc = lines[i];
        REQUIRE(doc.contains("id"));
        REQUIRE(doc.contains("spans"));
        const std::string id = doc.at("id");
        ids.push_back(id);
        const std::string relative = fs::relative(id, in).generic_string();
        REQUIRE(inputs.count(relative) == 1);
        const std::string& original = inputs.at(relative);
        CHECK(doc.at("bytes") == original.size());
        // The map alone reproduces the cleaned file.
        std::vector<once::Span> spans;
        for (const auto& s : doc.at("spans")) {
            once::Span span;
            span.start = s.at("start");
            span.end = s.at("end");
            CHECK(span.start < span.end);
            CHECK(span.end <= original.size());
            if (!spans.empty()) CHECK(spans.back().end <= span.start);
            const std::string kind = s.at("kind");
            CHECK((kind == "duplicate" || kind == "near_duplicate" || kind == "boilerplate" || kind == "marker"));
            if (s.contains("source")) {
                const std::string source_id = s.at("source").at("id");
                CHECK(std::find(ids.begin(), ids.end(), source_id) != ids.end());  // an earlier document
            }
            spans.push_back(span);
        }
        CHECK(outputs.at(relative) == once::cut_spans(original, spans));
    }
    // Input order is sorted by path.
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    // What was copied is gone from the later file and kept in the first.
    CHECK(contains(outputs.at("a.txt"), k_para_a));
    CHECK_FALSE(contains(outputs.at("b.txt"), k_para_a));
    CHECK(contains(outputs.at("b.txt"), "A new opening paragraph for the second story."));
    CHECK(contains(outputs.at("ja/c.txt"), k_ja));
    CHECK_FALSE(contains(outputs.at("ja/c.txt"), "—END—"));
    CHECK_FALSE(contains(outputs.at("ja/d.txt"), k_ja));
    // The inputs are untouched.
    CHECK(snapshot(in) == inputs);
}

TEST_CASE("cli: scan writes nothing but the report") {
    TempDir dir;
    write_good_corpus(dir);
    const auto before = snapshot(dir.path());
    const auto quiet = run_cli({"scan", dir.path("in"), "-q"});
    CHECK(quiet.code == 0);
    CHECK(quiet.out.empty());
    const auto json = run_cli({"scan", dir.path("in"), "--format", "json"});
    CHECK(json.code == 0);
    CHECK(nlohmann::json::accept(json.out));
    CHECK(snapshot(dir.path()) == before);
}

TEST_CASE("cli: a 100 MB single-line file and its copy are processed") {
    // One English sentence repeated without any line break, 100 MB, plus an identical copy.
    TempDir dir;
    const std::string sentence =
        "The committee met on Tuesday to review the annual budget and agreed to publish the report next week. ";
    constexpr std::size_t k_size = 100u << 20;
    {
        std::string text;
        text.reserve(k_size + sentence.size());
        while (text.size() < k_size) text += sentence;
        text.resize(k_size);
        dir.write("in/big.txt", text);
        dir.write("in/big_copy.txt", text);
    }
    const auto start = std::chrono::steady_clock::now();
    const auto result = run_cli({"clean", dir.path("in"), "-o", dir.path("out"), "--map", dir.path("map.jsonl"), "-q"});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("100 MB single-line clean took " << seconds << " s");
    CHECK(result.code == 0);
    CHECK(result.err.empty());
    CHECK(seconds < 60.0);

    // The first occurrence of the sentence is kept; every repeat and the whole copy go.
    const std::string big = read_file(dir.path("out/big.txt"));
    CHECK(big.rfind(sentence.substr(0, sentence.size() - 1), 0) == 0);
    CHECK(big.size() < 1000);
    CHECK(read_file(dir.path("out/big_copy.txt")).empty());
    std::istringstream map(read_file(dir.path("map.jsonl")));
    std::string line;
    int lines = 0;
    while (std::getline(map, line)) {
        CHECK(nlohmann::json::accept(line));
        ++lines;
    }
    CHECK(lines == 3);
}
