// pattern_test.cpp — the RE2 wrapper: whole-line and search matching on code points, patterns
// RE2 refuses are usage errors naming them, no crash or slowdown on long text (the std::regex
// defects of issue 14), and shell globs with fnmatch's meaning.
#include "once/text/pattern.hpp"

#include "once/core/error.hpp"

#include <doctest/doctest.h>

#include <fnmatch.h>

#include <string>
#include <vector>

namespace {

void check_usage_error_naming(const std::vector<std::string>& patterns, const std::string& name) {
    try {
        once::PatternSet set(patterns);
        FAIL("no error for " << name);
    } catch (const once::Error& error) {
        CHECK(error.code() == once::ExitCode::usage);
        CHECK(std::string(error.what()).find(name) != std::string::npos);
    }
}

}  // namespace

TEST_CASE("pattern: `.` is one code point, matches is anchored, search is not") {
    const once::PatternSet single({"完."});
    CHECK(single.matches("完了"));
    CHECK_FALSE(single.matches("完"));
    CHECK_FALSE(single.matches("完了了"));
    CHECK(single.search("了完了了"));
    const once::PatternSet dashes({"[—–-]{3}"});
    CHECK(dashes.matches("—–-"));
    CHECK_FALSE(once::PatternSet().matches(""));
    CHECK_FALSE(once::PatternSet().search("x"));
}

TEST_CASE("pattern: backreferences and lookaround are usage errors naming the pattern") {
    for (const std::string pattern : {"(a)\\1", "x(?=y)", "(?!)", "(?<=a)b", "(unclosed", "a{2,1}", "*x"}) {
        CAPTURE(pattern);
        check_usage_error_naming({"fine", pattern}, pattern);
    }
}

TEST_CASE("pattern: a pattern too large to compile is a usage error, not memory exhaustion") {
    check_usage_error_naming({"(((a{100}){100}){100})"}, "(((a{100}){100}){100})");
}

// Regression (issue 14): std::regex recursed once per character and crashed with SIGSEGV on a
// 70 KB line for `.*Copyright.*`; here 1 MB lines are searched.
TEST_CASE("pattern: a greedy pattern on a 1 MB line neither crashes nor backtracks") {
    std::string line(1 << 20, 'a');
    line.replace(line.size() / 2, 9, "copyright");
    const once::PatternSet keep({".*copyright.*"});
    CHECK(keep.search(line));
    CHECK(keep.matches(line));
    CHECK_FALSE(once::PatternSet({".*Copyright.*"}).search(line));
}

// Regression (issue 14): `(.|\n)*` took 1.8 s on one 18 KB document with std::regex; RE2 is
// linear, so 1.8 MB (100 times the text) is matched at once. No timed assertion (they flake on
// a loaded machine and under sanitizers): a backtracking engine would run into the test
// runner's timeout here, and fuzz_patterns' -timeout watches the same for any pattern.
TEST_CASE("pattern: (.|\\n)* on a long multi-line text is linear") {
    std::string text;
    while (text.size() < 1'800'000) text += "A line of ordinary text, with words.\n";
    const once::PatternSet any({"(.|\\n)*"});
    CHECK(any.matches(text));
}

namespace {

// Each glob is refused as a usage error whose message names it.
void check_refused(const std::vector<std::string>& globs) {
    for (const auto& glob : globs) {
        CAPTURE(glob);
        try {
            once::GlobSet set({glob});
            FAIL("no error for " << glob);
        } catch (const once::Error& error) {
            CHECK(error.code() == once::ExitCode::usage);
            CHECK(std::string(error.what()).find(glob) != std::string::npos);
        }
    }
}

// Each glob compiles and answers every path as glibc's fnmatch(3) without flags does.
void check_like_fnmatch(const std::vector<std::string>& globs, const std::vector<std::string>& paths) {
    for (const auto& glob : globs) {
        const once::GlobSet set({glob});
        for (const auto& path : paths) {
            CAPTURE(glob);
            CAPTURE(path);
            CAPTURE(once::glob_to_regex(glob));
            CHECK(set.matches(path) == (fnmatch(glob.c_str(), path.c_str(), 0) == 0));
        }
    }
}

}  // namespace

TEST_CASE("glob: the same answers as fnmatch(3) without flags") {
    const std::vector<std::string> globs = {
        "*.log", "drafts/*", "*", "?", "a?c", "[abc]*", "[!abc]*", "[^abc]*", "[a-c]x", "[]]",
        "[!]]", "x[", "a\\*b", "*/*.txt", "[[:digit:]]*", "**", "a[-]b", "a[b-]", "é*", "[.]txt", "\\",
    };
    const std::vector<std::string> paths = {
        "", "a", "b", "ab", "abc", "a.log", "x/a.log", "drafts/a.txt", "drafts/sub/b.txt", "bx",
        "dx", "]", "x[", "a*b", "axb", "1abc", "a-b", "ab-", "é", "étude", ".txt", "x.txt",
        "a/b/c.txt", "\\", "a\nb",
    };
    check_like_fnmatch(globs, paths);
    CHECK_FALSE(once::GlobSet().matches("a"));
}

// Regression (issue 14, tests/fuzz/regressions/patterns/glob-malformed-posix-class): inside
// brackets glibc's fnmatch reads a malformed `[:`, `[=` or `[.` by where the match stands
// (`[a[:foo:]]` matches "a" but not "b"), and the translation read `*[[![[[[:-\:]` differently
// again. Such globs are now usage errors naming the glob; well-formed classes keep fnmatch's
// meaning, a class at any place in the set, inverted, unterminated outer brackets included.
TEST_CASE("glob: a malformed [: [= [. inside brackets is a usage error naming the glob") {
    check_refused({"*[[![[[[:-\\:]", "[[:foo:]]", "[[:foo", "[a[:foo:]]", "[[:alpha]]", "[[:]",
                                   "[[=a=]]", "[[.a.]]", "[[.a.]-c]", "[a-[:alpha:]]", "x[![:ALPHA:]]"});
    const std::vector<std::string> fine = {"[[:alpha:]]", "[![:alpha:]]", "[a[:digit:]]", "[[:alpha:]-z]", "[[:alpha:]",
                                           "[[:alpha:]x]", "[[]", "[:[]", "[\\[:alpha:]]", "[[:upper:][:digit:]]", "[:]"};
    const std::vector<std::string> paths = {"a", "b", "Z", "1", "[", ":", "]", "-", "z", "[a", "a]", "\\", "."};
    check_like_fnmatch(fine, paths);
}

// Regression (issue 14, tests/fuzz/regressions/patterns/glob-unclosed-range): an unclosed `[`
// is a literal for fnmatch, unless its set ends in a range without its end (`[a-`, `[a-\`): then
// fnmatch matches nothing at all, while the translation took the whole glob literally. Such globs
// are usage errors naming the glob; the unclosed forms around them keep fnmatch's meaning.
TEST_CASE("glob: an unclosed [ ending in a range without its end is a usage error naming the glob") {
    check_refused({"[a-", "x[ab-", "[a-\\", "[\\a-", "[--", "*[a]b[c-",
                                   "[;\xff" "a[\xff\xe8-"});
    const std::vector<std::string> fine = {"[a", "[a-b", "[-", "[a\\-", "[a[-", "[[:alpha:]-", "[a-]", "[ab"};
    const std::vector<std::string> paths = {"[a", "[a-b", "[-", "[a-", "[a\\-", "a", "-", "[a[-", "[b", "[ab", "[]"};
    check_like_fnmatch(fine, paths);
}

// 31 stars on 4,000 bytes: exponential for a naive backtracking glob matcher, linear in RE2.
TEST_CASE("glob: many stars on a long path stay fast") {
    std::string glob;
    for (int i = 0; i < 30; ++i) glob += "*a";
    glob += "*b";
    const once::GlobSet set({glob});
    CHECK_FALSE(set.matches(std::string(4000, 'a')));
}
