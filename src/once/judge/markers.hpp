// markers.hpp — lines that are generation or scraping artefacts: `—END—`, `[END]`, `(完)`,
// `おわり`, `-- end of article --`, runs of the same separator (`-----`, `＊＊＊`, `・・・`).
//
// Why patterns, not recurrence: a generated article's `—END—` appears once per restart and
// means nothing; it is noise wherever it stands, the first included. Patterns are ECMAScript
// regular expressions matched against the whole normalized line (NFKC, case-folded, white space
// collapsed) as Unicode code points, so character classes like `[—–-]` work on any script.
// The built-in list is `builtin_marker_patterns()`; `--marker PATTERN` replaces it
// (`--marker-add` extends it), see docs/boilerplate.md.
//
//   once::PatternSet markers(once::builtin_marker_patterns());
//   markers.matches("—end—");   // true
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace once {

const std::vector<std::string>& builtin_marker_patterns();

// A list of regular expressions over code points; matches when any matches the whole text.
class PatternSet {
public:
    PatternSet() = default;
    // Throws Error(usage) naming the pattern when one does not compile.
    explicit PatternSet(const std::vector<std::string>& patterns);
    bool empty() const { return patterns_.empty(); }
    bool matches(std::string_view normalized) const;          // whole text
    bool search(std::string_view normalized) const;           // anywhere in the text

private:
    std::vector<std::wregex> patterns_;
};

std::wstring to_wide(std::string_view utf8);

}  // namespace once
