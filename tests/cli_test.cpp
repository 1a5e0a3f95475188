// cli_test.cpp — the command line in-process (once::cli::run with string streams): help, usage
// errors, input errors with offsets, skipping, output safety, the cleaned files and the map, and
// a 100 MB single-line input.
#include "cli/cli.hpp"

#include "once/plan/cleaner.hpp"
#include "once/core/error.hpp"
#include "once/core/result.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
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
        {"no kind", {"scan", in, "--kinds", ""}, "--kinds names no kind"},
        // Parsed into an unsigned, "-5" was 2^64 - 5: a limit no run reaches, and check passed.
        {"negative --max-bytes", {"check", in, "--max-bytes", "-5"}, "--max-bytes must be a whole number"},
        {"--max-bytes with an unknown unit", {"check", in, "--max-bytes=10x"}, "--max-bytes must be a size like 4G"},
        {"only commas as kinds", {"clean", in, "-o", dir.path("x"), "--kinds", ",,"}, "--kinds names no kind"},
        {"bad marker pattern", {"scan", in, "--marker", "(unclosed"}, "(unclosed"},
        {"no input path", {"scan"}, "PATH"},
        {"clean without -o", {"clean", in}, "-o"},
        {"option of another command", {"scan", in, "-o", dir.path("x")}, "does not take -o"},
        {"check's option on clean", {"clean", in, "-o", dir.path("x"), "--baseline", "missing.json"}, "--baseline"},
        {"map on check", {"check", in, "--map", dir.path("m")}, "--map"},
        {"mistyped option", {"scan", in, "--simlarity", "0.5"}, "did you mean --similarity?"},
        {"mistyped command", {"clen", in}, "did you mean 'clean'?"},
        {"threads unbounded", {"scan", in, "--threads", "100000"}, "--threads"},
        {"bad --color", {"scan", in, "--color", "sometimes"}, "--color"},
        {"bad --input-format", {"scan", in, "--input-format", "xml"}, "--input-format"},
        {"bad report format", {"scan", in, "--report", "pdf=" + dir.path("r.pdf")}, "pdf"},
        // An empty value meant the option's absence without a word (no map, no profile, the default group).
        {"empty --group-by", {"scan", in, "--group-by", ""}, "--group-by is empty"},
        {"empty --map", {"clean", in, "-o", dir.path("x"), "--map", ""}, "--map is empty"},
        {"empty --profile", {"scan", in, "--profile", ""}, "--profile is empty"},
        {"empty --tmp-dir", {"scan", in, "--tmp-dir", ""}, "--tmp-dir is empty"},
        {"empty --ignore item", {"scan", in, "--ignore", "*.md", "--ignore", ""}, "--ignore is empty"},
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

TEST_CASE("cli: a bad value from a config file names the file; a bad one from the command line does not") {
    TempDir dir;
    write_good_corpus(dir);
    const std::string in = dir.path("in");
    const std::string config = dir.path("once.cfg");
    dir.write("once.cfg", "bands = 5\nthreads = 1\n");
    // The value that breaks the rule comes from the file: named, with the option.
    const auto from_file = run_cli({"scan", in, "--config", config, "--num-perm", "64"});
    CHECK(from_file.code == 2);
    CHECK(from_file.err == "once: " + config + ": --num-perm (64) must be a multiple of --bands (5) (set in this config file)\n");
    // The command line wins over the file, and its own bad value is not blamed on the file.
    const auto from_line = run_cli({"scan", in, "--config", config, "--bands", "16", "--similarity", "2"});
    CHECK(from_line.code == 2);
    CHECK(from_line.err == "once: --similarity must be in (0, 1]\n");
    // A value the file gives but the command line overrides is not blamed either.
    dir.write("once.cfg", "similarity = 7\n");
    CHECK(run_cli({"scan", in, "--config", config, "--similarity", "0.5", "--bands", "5"}).err ==
          "once: --num-perm (64) must be a multiple of --bands (5)\n");
    // An empty value in the file (checked by the option itself, not by the Config) names it too.
    dir.write("once.cfg", "group-by =\n");
    CHECK(run_cli({"scan", in, "--config", config}).err ==
          "once: " + config + ": --group-by is empty; give a value, or leave the option out (set in this config file)\n");
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
    CHECK_FALSE(contains(result.err, empty));  // an empty file is a valid empty document
    CHECK(contains(result.err, "1 input(s) skipped"));
    const auto out = snapshot(dir.path("out"));
    CHECK(out.count("a.txt") == 1);
    CHECK(out.count("b.txt") == 1);
    CHECK(out.count("ja/c.txt") == 1);
    CHECK(out.count("ja/d.txt") == 1);
    CHECK(out.count("bad.txt") == 0);
    CHECK(out.count("empty.txt") == 1);
    CHECK(out.at("empty.txt").empty());
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
    // Speed is the benchmark's business (bench/run.sh), not a timed test: under ASan this run
    // takes minutes on a loaded machine, and a time limit here failed for that reason alone.
    const auto result = run_cli({"clean", dir.path("in"), "-o", dir.path("out"), "--map", dir.path("map.jsonl"), "-q"});
    CHECK(result.code == 0);
    CHECK(result.err.empty());

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

TEST_CASE("cli: each command's --help lists its own options, with defaults, and not the others'") {
    struct Case {
        std::string command;
        std::vector<std::string> has, lacks;
    };
    const std::vector<Case> cases = {
        {"clean", {"--output OUT", "--map FILE", "--similarity X", "(default: 0.6)", "--threads N", "--color WHEN", "--input-format"},
         {"--max-ratio", "--baseline", "--decisions", "--merge "}},
        {"scan", {"--map FILE", "--format FORMAT", "--kinds"}, {"--output", "--max-ratio", "--drop-duplicate-docs"}},
        {"check", {"--max-ratio R", "--baseline FILE", "--fail-on"}, {"--output", "--map", "--decisions"}},
        {"baseline", {"--output OUT", "--similarity"}, {"--format", "--max-ratio", "--map"}},
        {"learn", {"--output OUT", "--merge PROFILE"}, {"--similarity", "--map", "--format"}},
        {"sign", {"--output OUT", "--profile FILE"}, {"--map", "--format"}},
        {"merge", {"--output OUT", "--similarity"}, {"--text-field", "--map", "--format"}},
        {"apply", {"--decisions FILE", "--map FILE"}, {"--format", "--max-ratio"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.command);
        const auto help = run_cli({c.command, "--help"});
        CHECK(help.code == 0);
        CHECK(contains(help.out, "Usage: once " + c.command));
        for (const auto& part : c.has) CHECK_MESSAGE(contains(help.out, part), part);
        for (const auto& part : c.lacks) CHECK_MESSAGE(!contains(help.out, part), part);
        // The exit codes come from the enum's table (a long meaning is wrapped: compared with the
        // help's runs of spaces and line breaks taken as one space).
        std::string flat;
        for (const char ch : help.out)
            if (!(std::isspace(static_cast<unsigned char>(ch)) && !flat.empty() && flat.back() == ' '))
                flat += std::isspace(static_cast<unsigned char>(ch)) ? ' ' : ch;
        for (const auto& entry : once::k_exit_code_meanings) CHECK_MESSAGE(contains(flat, entry.meaning), entry.meaning);
    }
    CHECK(run_cli({"help", "check"}).out == run_cli({"check", "--help"}).out);
    const auto version = run_cli({"-V"});
    CHECK(version.code == 0);
    CHECK(contains(version.out, "once "));
}

TEST_CASE("cli: -o - writes cleaned text or pure JSON Lines to stdout, the summary to stderr") {
    TempDir dir;
    write_good_corpus(dir);
    const auto plain = run_cli({"clean", dir.path("in/a.txt"), dir.path("in/b.txt"), "-o", "-"});
    CHECK(plain.code == 0);
    CHECK(contains(plain.out, "Budget approved"));
    CHECK(contains(plain.out, "A new opening paragraph"));
    CHECK_FALSE(contains(plain.out, "once:"));
    CHECK(contains(plain.err, "once: 2 documents"));

    const std::string jsonl = dir.write("c.jsonl", "{\"id\":\"a\",\"text\":\"" + k_para_a + "\"}\n{\"id\":\"b\",\"text\":\"" + k_para_a +
                                                       "\"}\n{\"id\":\"c\",\"text\":\"\"}\n");
    const auto records = run_cli({"clean", jsonl, "-o", "-", "--flag-field", "dup"});
    CHECK(records.code == 0);
    std::istringstream lines(records.out);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
        CAPTURE(line);
        const auto record = nlohmann::json::parse(line);  // every line of stdout is JSON
        CHECK(record.contains("dup"));
        ++count;
    }
    CHECK(count == 3);
    CHECK(contains(records.err, "once: 3 documents"));
    // A report on stdout would mix with the data.
    CHECK(run_cli({"clean", jsonl, "-o", "-", "--format", "json"}).code == 2);
}

TEST_CASE("cli: an empty file is a valid empty document; check passes on it") {
    TempDir dir;
    const std::string empty = dir.write("empty.txt", "");
    const auto check = run_cli({"check", empty});
    CHECK(check.code == 0);
    CHECK(contains(check.out, "once: 1 document, 0 B"));
    const auto clean = run_cli({"clean", empty, "-o", dir.path("out"), "-q"});
    CHECK(clean.code == 0);
    // One text file is cleaned into the file -o names (cleans_to_one_file): an empty one.
    CHECK(fs::is_regular_file(dir.path("out")));
    CHECK(fs::file_size(dir.path("out")) == 0);
}

TEST_CASE("cli: colliding outputs are refused before any work, and nothing is written") {
    TempDir dir;
    write_good_corpus(dir);
    const std::string jsonl = dir.write("c.jsonl", "{\"id\":\"a\",\"text\":\"" + k_para_a + "\"}\n");
    dir.write("other/a.txt", "Another file with the same name as in/a.txt.\n");
    const auto before = snapshot(dir.path());
    struct Case {
        std::string name;
        std::vector<std::string> args;
    };
    const std::vector<Case> cases = {
        {"--map equal to -o", {"clean", jsonl, "-o", dir.path("same.jsonl"), "--map", dir.path("same.jsonl")}},
        {"--map equal to a report", {"scan", dir.path("in"), "--map", dir.path("r.json"), "--report", "json=" + dir.path("r.json")}},
        {"two reports on one file", {"scan", dir.path("in"), "--report", "json=" + dir.path("r"), "--report", "sarif=" + dir.path("r")}},
        {"two inputs, one output name", {"clean", dir.path("in/a.txt"), dir.path("other/a.txt"), "-o", dir.path("out")}},
        {"map onto a cleaned file", {"clean", dir.path("in"), "-o", dir.path("out"), "--map", dir.path("out/a.txt")}},
        // The -o of learn, sign and merge is one file: a folder of its name failed the rename
        // only after the whole run. The inputs here are missing, so a late check would give 3.
        {"learn onto a folder", {"learn", dir.path("missing"), "-o", dir.path("other")}},
        {"sign onto a folder", {"sign", dir.path("missing"), "-o", dir.path("other")}},
        {"merge onto a folder", {"merge", dir.path("missing.sig"), "-o", dir.path("other")}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto result = run_cli(c.args);
        CHECK(result.code == 4);
        CHECK(snapshot(dir.path()) == before);
    }
}

// Regression (issue 14.6): report files were renamed after the cleaned files and the map, so a
// report that could not be put in place (here its name is a folder) left the cleaned folder and
// the map under their final names beside a missing report. Now every output is staged and
// renamed together: nothing of this run appears, and an output set of an earlier run is kept.
TEST_CASE("cli: a failure while putting outputs in place leaves none of them, and earlier files intact") {
    TempDir dir;
    write_good_corpus(dir);
    fs::create_directories(dir.path("report.json/taken"));  // a folder where the report should go
    dir.write("out/a.txt", "an earlier run's cleaned file\n");
    dir.write("map.jsonl", "an earlier run's map\n");
    const auto before = snapshot(dir.path());
    const auto result = run_cli({"clean", dir.path("in"), "-o", dir.path("out"), "--map", dir.path("map.jsonl"), "--report",
                                 "sarif=" + dir.path("r.sarif"), "--report", "json=" + dir.path("report.json"), "-q"});
    CHECK(result.code == 4);
    CHECK(contains(result.err, "report.json"));
    CHECK(snapshot(dir.path()) == before);  // no new file, none replaced, no staging folder left
    CHECK(std::distance(fs::directory_iterator(dir.path("out")), fs::directory_iterator()) == 1);  // nor out/ja/

    // The same run with a free report name puts all of them in place, replacing the earlier files.
    const auto fixed = run_cli({"clean", dir.path("in"), "-o", dir.path("out"), "--map", dir.path("map.jsonl"), "--report",
                                "sarif=" + dir.path("r.sarif"), "--report", "json=" + dir.path("r.json"), "-q"});
    CHECK(fixed.code == 0);
    CHECK(fs::exists(dir.path("out/ja/d.txt")));
    CHECK(fs::exists(dir.path("r.sarif")));
    CHECK(fs::exists(dir.path("r.json")));
    CHECK(read_file(dir.path("map.jsonl")).rfind("{\"format\":\"once-map\"", 0) == 0);
    CHECK(read_file(dir.path("out/a.txt")) != "an earlier run's cleaned file\n");
}

// Regression (issue 14): kill -9 leaves `.once-staging-<pid>` (complete staged files) in the
// output folder and beside the map; nothing removed them. The next run removes the folders of
// processes that no longer exist and says so; a live process's folder is left alone.
TEST_CASE("cli: staging folders of killed runs are removed by the next run, live ones kept") {
    TempDir dir;
    write_good_corpus(dir);
    // A process id that is surely not running: above the kernel's pid_max (at most 2^22).
    const std::string dead = ".once-staging-99999999";
    dir.write("out/" + dead + "/a.txt", "staged by a killed run\n");
    dir.write(dead + "/map.jsonl", "staged by a killed run\n");
    dir.write("out/" + dead + "-replaced/0", "replaced by a killed run\n");
    const std::string live = ".once-staging-1";  // init: always running
    dir.write("out/" + live + "/a.txt", "another run's\n");
    const auto result = run_cli({"clean", dir.path("in"), "-o", dir.path("out"), "--map", dir.path("map.jsonl"), "-q"});
    CHECK(result.code == 0);
    CHECK_FALSE(fs::exists(dir.path("out/" + dead)));
    CHECK_FALSE(fs::exists(dir.path("out/" + dead + "-replaced")));
    CHECK_FALSE(fs::exists(dir.path(dead)));
    CHECK(fs::exists(dir.path("out/" + live + "/a.txt")));
    CHECK(contains(result.err, "removed "));
    CHECK(contains(result.err, dead + ", left by an interrupted run"));
}

TEST_CASE("cli: messages escape control characters and invalid UTF-8 in file names") {
    TempDir dir;
    const std::string odd = dir.write("a\nonce: fake message\xff.txt", "caf\xE9");
    const auto result = run_cli({"scan", odd});
    CHECK(result.code == 3);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
    CHECK(contains(result.err, "a\\nonce: fake message\\xff.txt"));
}

TEST_CASE("cli: the map keeps the exact bytes of a name that is not UTF-8 (id_hex)") {
    TempDir dir;
    dir.write("in/note\xe9.txt", k_para_a + "\n");
    const auto result = run_cli({"scan", dir.path("in"), "--map", dir.path("map.jsonl"), "-q"});
    CHECK(result.code == 0);
    std::istringstream lines(read_file(dir.path("map.jsonl")));
    std::string header, line;
    std::getline(lines, header);
    std::getline(lines, line);
    const auto record = nlohmann::json::parse(line);
    const std::string expected_name = dir.path("in/note\xe9.txt");
    std::string hex;
    for (const unsigned char c : expected_name) {
        static const char* digits = "0123456789abcdef";
        hex += digits[c >> 4];
        hex += digits[c & 15];
    }
    CHECK(record.at("id_hex").get<std::string>() == hex);
}

TEST_CASE("cli: an input under a folder it may not enter is named with the reason, not as missing") {
    TempDir dir;
    const std::string file = dir.write("locked/a.txt", "A line of text.\n");
    fs::permissions(dir.path("locked"), fs::perms::owner_all, fs::perm_options::replace);  // 0700
    // Root passes every permission check, so as root the run happens as nobody, in a child.
    const bool as_root = ::geteuid() == 0;
    const pid_t child = as_root ? ::fork() : 0;
    REQUIRE(child >= 0);
    if (child == 0) {
        if (as_root && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(100);
        std::ostringstream out, err;
        const int code = once::cli::run({"once", "scan", file, "-q"}, out, err);
        const std::string expected = "once: " + file + ": cannot open: Permission denied\n";
        if (!as_root) {
            CHECK(code == 3);
            CHECK(err.str() == expected);
            return;
        }
        ::_exit(code == 3 && err.str() == expected ? 0 : 101);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("cli: a thread that cannot start is an error (exit 6), not a hang or a crash") {
    if (::geteuid() != 0) {
        MESSAGE("skipped: needs root to become a user with a small process limit");
        return;
    }
    // `nobody` reads its own copy of the samples: the source tree may sit under root's home (mode
    // 0700, as on a fresh Debian where README's commands run in /root), where it could not read it
    // and the run would fail for that reason instead of the one under test.
    TempDir dir;
    const fs::path samples = fs::path(dir.path()) / "samples";
    fs::copy(ONCE_SOURCE_ROOT "/samples", samples, fs::copy_options::recursive);
    for (const fs::path& path : {fs::path(dir.path()), samples}) REQUIRE(::chown(path.c_str(), 65534, 65534) == 0);
    for (const auto& entry : fs::recursive_directory_iterator(samples))
        REQUIRE(::chown(entry.path().c_str(), 65534, 65534) == 0);
    const std::string samples_arg = samples.string();
    const std::string tmp_arg = dir.path();
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::alarm(120);  // a hang ends the child with SIGALRM, which the parent reports
        // RLIMIT_NPROC does not bind root: become nobody, with room for a few threads only.
        const rlimit limit{8, 8};
        if (::setrlimit(RLIMIT_NPROC, &limit) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(100);
        std::ostringstream out, err;
        const int code = once::cli::run(
            {"once", "scan", samples_arg, "--tmp-dir", tmp_arg, "--threads", "64", "-q"}, out, err);
        const bool named = err.str().find("cannot start worker thread") != std::string::npos;
        ::_exit(code == 6 && named ? 0 : 101);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));  // not SIGALRM (a hang) nor SIGABRT (std::terminate)
    CHECK(WEXITSTATUS(status) == 0);
}
