// patterns_fuzz.cpp — user patterns (--keep, --marker) and --ignore globs from arbitrary bytes.
// Input: PATTERN \0 TEXT. Contract (text/pattern.hpp): a pattern either compiles or is a usage
// error naming it; a whole-text match is also a search hit; matching never crashes and runs in
// time linear in the text (libFuzzer's -timeout catches a blow-up); a glob means exactly what
// fnmatch(3) without flags means (checked against glibc in the C locale), or is a usage error
// naming it.
#include "fuzz_support.hpp"

#include <fnmatch.h>

#include "once/core/error.hpp"
#include "once/text/pattern.hpp"

using namespace once;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    const std::string_view input = fuzz::bytes(data, size);
    const std::size_t split = input.find('\0');
    if (split == std::string_view::npos || split > 256) return -1;  // patterns are short
    const std::string pattern(input.substr(0, split));
    const std::string text(input.substr(split + 1));
    try {
        const PatternSet set({pattern});
        const bool whole = set.matches(text);
        const bool anywhere = set.search(text);
        FUZZ_CHECK(!whole || anywhere, "a whole match is found by search");
    } catch (const Error& error) {
        FUZZ_CHECK(error.code() == ExitCode::usage, "a bad pattern is a usage error");
        FUZZ_CHECK(std::string_view(error.what()).find(pattern) != std::string_view::npos, "the error names the pattern");
    }
    // A glob that compiles means exactly what fnmatch means; one that does not is a usage error
    // (malformed `[:`, `[=`, `[.` inside brackets, reversed ranges: text/pattern.hpp).
    if (text.find('\0') == std::string::npos) {
        try {
            const GlobSet glob({pattern});
            FUZZ_CHECK(glob.matches(text) == (::fnmatch(pattern.c_str(), text.c_str(), 0) == 0), "glob means what fnmatch means");
        } catch (const Error& error) {
            FUZZ_CHECK(error.code() == ExitCode::usage, "a bad glob is a usage error");
            FUZZ_CHECK(std::string_view(error.what()).find(pattern) != std::string_view::npos, "the error names the glob");
        }
    }
    return 0;
}
