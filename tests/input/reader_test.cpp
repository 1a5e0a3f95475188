// reader_test.cpp — the corpus over files and folders: order, hidden files, validation errors
// with byte offsets, skipping bad inputs, and check_text.
#include "once/input/reader.hpp"

#include "once/core/error.hpp"
#include "error_of.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include "once/text/utf8.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using once::test::TempDir;

struct Visited {
    std::size_t index;
    std::string id;
    std::string group;
    std::string relative_path;
    std::string text;
};

std::vector<Visited> scan_all(once::Corpus& corpus) {
    std::vector<Visited> out;
    corpus.scan([&](once::SourceDocument&& source) {
        out.push_back({source.index, source.doc.id, source.doc.group, source.relative_path, source.doc.text});
    });
    return out;
}

// The error a scan of a single bad file throws.
once::Error scan_error(const std::string& path) {
    once::Corpus corpus({path}, {});
    try {
        scan_all(corpus);
    } catch (const once::Error& error) {
        return error;
    }
    FAIL("no error for " << path);
    return once::Error(once::ExitCode::ok, "unreachable");
}

}  // namespace

TEST_CASE("check_text: valid text and every kind of problem") {
    struct Case {
        std::string name;
        std::string text;
        bool valid;
        std::string message_part;
        std::optional<std::uint64_t> offset;
    };
    const std::vector<Case> cases = {
        {"ascii", "hello\n", true, "", std::nullopt},
        {"whitespace only is text", " \n\t\u3000", true, "", std::nullopt},
        {"Japanese", "日本語の文章。", true, "", std::nullopt},
        {"Chinese", "中文句子。", true, "", std::nullopt},
        {"full-width and half-width", "ＡＢＣｶﾀｶﾅ", true, "", std::nullopt},
        {"mixed with emoji", "AI投資\U0001F600", true, "", std::nullopt},
        {"BOM and CRLF", "\uFEFFa\r\nb", true, "", std::nullopt},
        {"empty is a valid empty document", "", true, "", std::nullopt},
        {"NUL at start", std::string("\0abc", 4), false, "binary", 0},
        {"NUL after CJK", std::string("日本\0", 7), false, "binary", 6},
        {"NUL before invalid UTF-8 is reported first", std::string("a\0\xFF", 3), false, "binary", 1},
        {"invalid byte", "abc\xFF", false, "invalid UTF-8", 3},
        {"truncated CJK at end", "日本語\xE6\x97", false, "invalid UTF-8", 9},
        {"overlong", "x\xC0\xAF", false, "invalid UTF-8", 1},
        {"surrogate", "ok \xED\xA0\x80", false, "invalid UTF-8", 3},
        {"Latin-1 text", "caf\xE9", false, "invalid UTF-8", 3},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto problem = once::check_text(c.text);
        CHECK(problem.has_value() == !c.valid);
        // check_binary finds the binary problems alone, the same ones, and nothing else.
        const auto binary = once::check_binary(c.text);
        const bool is_binary = problem && problem->message.rfind("binary", 0) == 0;
        CHECK(binary.has_value() == is_binary);
        if (binary && problem) CHECK(binary->offset == problem->offset);
        if (!problem) continue;
        CHECK(problem->message.find(c.message_part) != std::string::npos);
        CHECK(problem->offset == c.offset);
    }
}

// check_text asks simdjson's validator first and find_invalid_utf8 only for text it rejects:
// on every input the answer must be find_invalid_utf8's own. Random strings from pieces of every
// kind (ASCII runs longer than a SIMD block, two-, three- and four-byte characters, overlongs,
// surrogates, code points above U+10FFFF, stray continuation and cut sequences) at every length.
TEST_CASE("check_text: the validator's answer is find_invalid_utf8's on every kind of input") {
    const std::vector<std::string> pieces = {
        "a", "plain ascii text of some length, longer than sixteen bytes", "\n", "\t", "é", "日", "語", "。",
        "\U0001F600", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF",
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\x80", "\xBF", "\xE6\x97", "\xF0\x9F\x98", "\xC2", "\xFF", "\xFE",
    };
    std::uint64_t state = 0x2545F4914F6CDD1DULL;
    const auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    int invalid = 0;
    for (int n = 0; n < 4000; ++n) {
        std::string text;
        const std::size_t count = next() % 40;
        // Mostly valid pieces, so that a bad one lands anywhere, also after long valid stretches.
        for (std::size_t k = 0; k < count; ++k) text += pieces[next() % (next() % 4 == 0 ? pieces.size() : 9)];
        CAPTURE(text);
        const auto problem = once::check_text(text);
        const auto bad = once::find_invalid_utf8(text);
        CHECK(problem.has_value() == bad.has_value());
        if (problem && bad) CHECK(problem->offset == std::optional<std::uint64_t>(*bad));
        invalid += bad.has_value();
    }
    CHECK(invalid > 500);  // both kinds were tried
}

TEST_CASE("Corpus: a folder is read recursively in byte order, hidden files skipped") {
    TempDir dir;
    dir.write("b.txt", "bee");
    dir.write("a.txt", "ay");
    dir.write("Z.txt", "zed");                 // upper case sorts before lower case
    dir.write("sub/c.txt", "sea");
    dir.write("sub-x.txt", "dash");            // '-' (0x2D) sorts before '/' (0x2F)
    dir.write("日本.txt", "日本語");              // non-ASCII names sort after ASCII
    dir.write(".hidden.txt", "hidden");
    dir.write("sub/.swap", "swap");
    dir.write("sub/deeper/d.md", "dee");

    once::Corpus corpus({dir.path()}, {});
    const auto docs = scan_all(corpus);
    std::vector<std::string> relative;
    for (const auto& doc : docs) relative.push_back(doc.relative_path);
    CHECK(relative == std::vector<std::string>{"Z.txt", "a.txt", "b.txt", "sub-x.txt", "sub/c.txt",
                                               "sub/deeper/d.md", "日本.txt"});
    REQUIRE(docs.size() == 7);
    for (std::size_t i = 0; i < docs.size(); ++i) CHECK(docs[i].index == i);
    CHECK(docs[1].text == "ay");
    CHECK(docs[1].id == (fs::path(dir.path()) / "a.txt").string());
    CHECK(docs[6].text == "日本語");
    // Groups are folders.
    CHECK(docs[0].group == fs::path(dir.path()).generic_string());
    CHECK(docs[4].group == (fs::path(dir.path()) / "sub").generic_string());
    CHECK(docs[4].group != docs[5].group);
    CHECK(corpus.files().size() == 7);
    CHECK(corpus.skipped().empty());
    CHECK_FALSE(corpus.has_jsonl());
}

TEST_CASE("Corpus: files given one by one keep command-line order; file_grouping none") {
    TempDir dir;
    const std::string b = dir.write("b.txt", "second");
    const std::string a = dir.write("x/a.txt", "first");
    once::InputOptions options;
    options.file_grouping = "none";
    once::Corpus corpus({b, a}, options);
    const auto docs = scan_all(corpus);
    REQUIRE(docs.size() == 2);
    CHECK(docs[0].id == b);
    CHECK(docs[1].id == a);
    CHECK(docs[1].relative_path == "a.txt");
    CHECK(docs[0].group == docs[1].group);
}

TEST_CASE("Corpus: text is kept byte for byte") {
    TempDir dir;
    const std::string text = "\uFEFFＴｉｔｌｅ\r\n\r\n本文。\u3000ｶﾀｶﾅ\tend";
    const std::string path = dir.write("doc.txt", text);
    once::Corpus corpus({path}, {});
    const auto docs = scan_all(corpus);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].text == text);
}

TEST_CASE("Corpus: a corpus can be scanned twice with the same result") {
    TempDir dir;
    dir.write("a.txt", "one");
    dir.write("b.txt", "two");
    once::Corpus corpus({dir.path()}, {});
    const auto first = scan_all(corpus);
    const auto second = scan_all(corpus);
    REQUIRE(first.size() == second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(first[i].index == second[i].index);
        CHECK(first[i].text == second[i].text);
    }
}

TEST_CASE("Corpus: bad files stop the scan with input_error, the path and the byte offset") {
    struct Case {
        std::string name;
        std::string bytes;
        std::string message_part;
        std::optional<std::uint64_t> offset;
    };
    const std::vector<Case> cases = {
        {"binary file", std::string("PK\x03\x04\0\0", 6), "binary", 4},
        {"invalid UTF-8 after Japanese", "日本語のテキスト\xFF", "invalid UTF-8", 24},
        {"Shift_JIS bytes", "\x93\xfa\x96\x7b", "invalid UTF-8", 0},
        {"truncated 4-byte sequence at the end", "emoji \xF0\x9F\x98", "invalid UTF-8", 6},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        TempDir dir;
        const std::string path = dir.write("bad.txt", c.bytes);
        const once::Error error = scan_error(path);
        CHECK(error.code() == once::ExitCode::input_error);
        CHECK(error.file() == path);
        CHECK(error.offset() == c.offset);
        CHECK(error.message().find(c.message_part) != std::string::npos);
        // The one-line message names the file and, where there is one, the offset.
        const std::string what = error.what();
        CHECK(what.find(path) != std::string::npos);
        CHECK(what.find(c.message_part) != std::string::npos);
        if (c.offset) CHECK(what.find(std::to_string(*c.offset)) != std::string::npos);
    }
}

TEST_CASE("Corpus: the error is thrown when the bad file is reached, after the good ones") {
    TempDir dir;
    dir.write("a.txt", "good");
    dir.write("b.txt", "bad \xFF");
    dir.write("c.txt", "never reached");
    once::Corpus corpus({dir.path()}, {});
    std::vector<std::string> seen;
    CHECK_THROWS_AS(corpus.scan([&](once::SourceDocument&& d) { seen.push_back(d.doc.text); }), once::Error);
    CHECK(seen == std::vector<std::string>{"good"});
}

TEST_CASE("Corpus: OnError::skip records bad inputs once and goes on") {
    TempDir dir;
    dir.write("a.txt", "first good");
    const std::string bad_utf8 = dir.write("b.txt", "bad \xC3(");
    dir.write("c.txt", "");  // an empty file is a valid empty document, not skipped
    const std::string binary = dir.write("d.bin", std::string("\0\1\2", 3));
    dir.write("e.txt", "second good");
    once::InputOptions options;
    options.on_error = once::OnError::skip;
    once::Corpus corpus({dir.path()}, options);
    const auto docs = scan_all(corpus);
    REQUIRE(docs.size() == 3);
    CHECK(docs[0].text == "first good");
    CHECK(docs[1].text.empty());
    CHECK(docs[2].text == "second good");
    CHECK(docs[2].index == 2);  // skipped inputs take no index

    // Each reason is the one-line message the failing scan would have thrown.
    const auto reason = [](const std::string& path, std::string_view bytes) {
        const auto problem = once::check_text(bytes);
        REQUIRE(problem.has_value());
        return std::string(once::Error(once::ExitCode::input_error, problem->message, path, problem->offset).what());
    };
    REQUIRE(corpus.skipped().size() == 2);
    CHECK(corpus.skipped()[0].id == bad_utf8);
    CHECK(corpus.skipped()[0].reason == reason(bad_utf8, "bad \xC3("));
    CHECK(corpus.skipped()[0].reason.find("invalid UTF-8") != std::string::npos);
    CHECK(corpus.skipped()[1].id == binary);
    CHECK(corpus.skipped()[1].reason == reason(binary, std::string("\0\1\2", 3)));
    CHECK(corpus.skipped()[1].reason.find("binary") != std::string::npos);

    // A second scan skips the same inputs without recording them again.
    const auto again = scan_all(corpus);
    CHECK(again.size() == 3);
    CHECK(corpus.skipped().size() == 2);
}

TEST_CASE("Corpus: a path that does not exist is an input error naming it") {
    TempDir dir;
    const std::string missing = dir.path() + "/no-such-file.txt";
    for (const auto on_error : {once::OnError::fail, once::OnError::skip}) {
        once::InputOptions options;
        options.on_error = on_error;  // the user named it: not skippable
        try {
            once::Corpus corpus({missing}, options);
            FAIL("no error for a missing path");
        } catch (const once::Error& error) {
            CHECK(error.code() == once::ExitCode::input_error);
            CHECK(std::string(error.what()).find(missing) != std::string::npos);
        }
    }
}

TEST_CASE("Corpus: an empty folder has no documents") {
    TempDir dir;
    once::Corpus corpus({dir.path()}, {});
    CHECK(corpus.files().empty());
    CHECK(scan_all(corpus).empty());
    CHECK_FALSE(corpus.all_jsonl());
}

// Hidden folders (.git/, .svn/, .cache/) are skipped like hidden files: running on a checkout
// must not read .git/objects as documents.
TEST_CASE("Corpus: a subfolder that cannot be listed is named (fail) or skipped (skip), never lost in silence") {
    // The folder iterator turns into its end on such a folder, which used to end the walk with
    // whatever it had found so far: files listed after it were dropped with exit 0.
    TempDir dir;
    for (const char* name : {"in/a.txt", "in/m/b.txt", "in/z.txt", "in/locked/c.txt"}) dir.write(name, "Some text.\n");
    fs::permissions(dir.path(), fs::perms::all, fs::perm_options::replace);  // 0777: nobody may enter
    for (const char* folder : {"in", "in/m"}) fs::permissions(dir.path(folder), fs::perms::all, fs::perm_options::replace);
    for (const char* file : {"in/a.txt", "in/m/b.txt", "in/z.txt"})
        fs::permissions(dir.path(file), fs::perms::all, fs::perm_options::replace);
    fs::permissions(dir.path("in/locked"), fs::perms::owner_all, fs::perm_options::replace);  // 0700
    const std::string locked = dir.path("in/locked");
    const auto outcome = [&](once::OnError on_error) {
        once::InputOptions options;
        options.on_error = on_error;
        try {
            once::Corpus corpus({dir.path("in")}, options);
            std::string found = std::to_string(scan_all(corpus).size()) + " documents";
            for (const auto& skipped : corpus.skipped()) found += "; skipped " + skipped.reason;
            return found;
        } catch (const once::Error& error) {
            return std::string("error ") + error.what();
        }
    };
    const std::string expected_fail = "error " + locked + ": cannot list folder: Permission denied";
    const std::string expected_skip = "3 documents; skipped " + locked + ": cannot list folder: Permission denied";
    // Root passes every permission check, so as root the walk happens as nobody, in a child.
    if (::geteuid() != 0) {
        CHECK(outcome(once::OnError::fail) == expected_fail);
        CHECK(outcome(once::OnError::skip) == expected_skip);
        return;
    }
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(100);
        const bool fail_ok = outcome(once::OnError::fail) == expected_fail;
        const bool skip_ok = outcome(once::OnError::skip) == expected_skip;
        ::_exit(fail_ok && skip_ok ? 0 : fail_ok ? 102 : 101);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);  // 101: the fail case, 102: the skip case differed
}

TEST_CASE("Corpus: files inside hidden folders are skipped like hidden files") {
    TempDir dir;
    dir.write("a.txt", "visible");
    dir.write(".git/HEAD", "ref: refs/heads/main\n");
    dir.write(".cache/notes.txt", "cached");
    once::Corpus corpus({dir.path()}, {});
    const auto docs = scan_all(corpus);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].relative_path == "a.txt");
}

namespace {

// stray_controls as a plain byte loop: what the word-at-a-time scan must give.
once::StrayControls stray_controls_by_byte(std::string_view text) {
    once::StrayControls found;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const bool stray = (byte < 0x20 && byte != '\t' && byte != '\n' && byte != 0x0B && byte != 0x0C && byte != '\r') ||
                           byte == 0x7F;
        if (stray && found.count++ == 0) found.first = i;
    }
    return found;
}

}  // namespace

TEST_CASE("stray_controls: every byte value at every place of a word, and random text, as a byte loop counts") {
    // Each byte value at each of 40 places (two sixteen-byte blocks, the eight-byte word after
    // them and their seams), among neighbours that push the per-byte arithmetic hardest: 0x00,
    // 0x7F, 0x80, 0xFF and the white space around.
    for (const char filler : {'a', '\0', '\x7f', '\x80', '\xff', '\n', '\x1f', ' '}) {
        for (int value = 0; value < 256; ++value) {
            for (std::size_t place = 0; place < 40; ++place) {
                std::string text(43, filler);
                text[place] = static_cast<char>(value);
                const once::StrayControls want = stray_controls_by_byte(text);
                const once::StrayControls got = once::stray_controls(text);
                const bool same = got.count == want.count && (want.count == 0 || got.first == want.first);
                if (!same) FAIL_CHECK("value " << value << " at " << place << " in filler " << int(filler));
            }
        }
    }
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    for (int round = 0; round < 2000; ++round) {
        std::string text(static_cast<std::size_t>(round % 70), ' ');
        for (char& c : text) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            const auto r = static_cast<unsigned>(state >> 56);
            c = static_cast<char>(r < 200 ? 'a' + r % 26 : r);  // mostly letters, some of every byte
        }
        const once::StrayControls want = stray_controls_by_byte(text);
        const once::StrayControls got = once::stray_controls(text);
        CHECK(got.count == want.count);
        if (want.count > 0) CHECK(got.first == want.first);
    }
}

// The walk takes a file's relative path from its names below the folder, without resolving
// paths (session 17); a symbolic link keeps the resolved answer (where it points), and is marked,
// so that output checks resolve it and nothing else.
TEST_CASE("reader: a walked file's relative path however the folder is spelled; a link's is its own name") {
    TempDir dir;
    dir.write("in/a.txt", "alpha");
    dir.write("in/sub/b.txt", "beta");
    fs::create_symlink(dir.path("in/a.txt"), dir.path("in/sub/alias.txt"));
    for (const std::string& spelled : {dir.path("in"), dir.path("in") + "/", dir.path("in") + "//",
                                       dir.path("in") + "/.", dir.path("in/sub") + "/..", dir.path("in") + "/./"}) {
        CAPTURE(spelled);
        once::Corpus corpus({spelled}, {});
        std::vector<std::string> relative;
        std::vector<bool> link;
        for (const auto& file : corpus.files()) {
            relative.push_back(file.relative_path);
            link.push_back(file.link);
        }
        // alias.txt is cleaned under its own name, as `cp -rL` copies it: where it points (a.txt)
        // collided with a.txt, and a link out of the folder was mirrored above the -o folder.
        REQUIRE(relative.size() == 3);
        CHECK(relative[0] == "a.txt");
        CHECK(relative[1] == "sub/alias.txt");
        CHECK(relative[2] == "sub/b.txt");
        CHECK(link == std::vector<bool>{false, true, false});
    }
}

// One file reached from two PATHs was two documents, the second removed whole as a copy of the
// first (`check a.txt ./a.txt` failed on a.txt's own text). Links met within one folder walk are
// documents of their own, as before.
TEST_CASE("Corpus: one file named by two PATHs is a usage error naming both; links within one walk are read") {
    TempDir dir;
    dir.write("in/a.txt", "alpha");
    dir.write("in/sub/b.txt", "beta");
    fs::create_symlink(dir.path("in/a.txt"), dir.path("in/sub/alias.txt"));
    fs::create_hard_link(dir.path("in/sub/b.txt"), dir.path("hard.txt"));
    const std::string a = dir.path("in/a.txt");
    const struct {
        std::vector<std::string> paths;
        std::string file, message;
    } named_twice[] = {
        {{a, a}, a, "named twice (by PATH " + a + " and PATH " + a + ")"},
        {{a, dir.path("in") + "/./a.txt"}, dir.path("in") + "/./a.txt", "the same file as " + a},
        {{dir.path("in"), a}, a, "named twice (by PATH " + dir.path("in") + " and PATH " + a + ")"},
        {{a, dir.path("in")}, a, "the same file as " + a},
        {{dir.path("in/sub/alias.txt"), a}, a, "the same file as " + dir.path("in/sub/alias.txt")},
        {{dir.path("hard.txt"), dir.path("in/sub")}, dir.path("in/sub/b.txt"), "the same file as " + dir.path("hard.txt")},
    };
    for (const auto& twice : named_twice) {  // no structured binding: clang 14's lambdas cannot capture one
        CAPTURE(twice.paths[0]);
        CAPTURE(twice.paths[1]);
        const auto error = once::test::error_of([&] { once::Corpus corpus(twice.paths, {}); });
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::usage);
        CHECK(error->file() == twice.file);
        CHECK(error->message().find(twice.message) != std::string::npos);
    }
    // One walk: a.txt and the link to it are two documents; two PATHs naming two files are fine.
    once::Corpus walk({dir.path("in")}, {});
    CHECK(scan_all(walk).size() == 3);
    once::Corpus two({a, dir.path("in/sub/b.txt")}, {});
    CHECK(scan_all(two).size() == 2);
}
