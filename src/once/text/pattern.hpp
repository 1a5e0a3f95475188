// pattern.hpp — the one regular-expression engine of once: RE2, behind PatternSet (marker,
// --keep and --marker patterns over normalized lines) and GlobSet (--ignore shell globs).
//
// Why RE2 and not std::regex: std::regex backtracks recursively, so `--keep '.*Copyright.*'` on a
// 70 KB line overflowed the stack (SIGSEGV) and `(.|\n)*` took 1.8 s on an 18 KB document. RE2
// runs in time linear in the text, with bounded memory and no recursion on the text, whatever the
// pattern. The price: no backreferences (`\1`) and no lookaround (`(?=`, `(?!`, `(?<=`); such a
// pattern is a usage error naming it, like any pattern RE2 does not accept.
//
// Contract: patterns are UTF-8 and matched on code points of UTF-8 text (`.` is one character,
// `[—–-]` a set of characters); `\d`, `\w`, `\s`, `\b` are ASCII, as they were with std::regex in
// the C locale. `matches` is anchored at both ends, `search` finds the pattern anywhere. Globs are
// fnmatch(3) without flags (`*` and `?` also cross `/`, `[...]`/`[!...]` classes, `\` escapes),
// matched byte by byte like fnmatch in the C locale. Inside brackets a `[` followed by `:`, `=` or
// `.` must open one of the twelve POSIX classes (`[[:digit:]x]`); any other such glob
// (`[[:foo:]]`, `[[:x`, `[[=a=]]`, `[[.a.]]`) is a usage error naming it, where fnmatch's answer
// would depend on the text; so is an unclosed `[` whose set ends in a range without its end
// (`[a-`), which fnmatch lets match nothing. Both are safe to call from many threads.
//
//   once::PatternSet keep({"copyright \\d{4}"});
//   keep.search("see copyright 2024 foo");     // true
//   once::GlobSet ignore({"*.log", "drafts/*"});
//   ignore.matches("drafts/a.txt");            // true
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 { class RE2; }

namespace once {

// A list of regular expressions; matches when any of them does.
class PatternSet {
public:
    PatternSet() = default;
    // Throws Error(usage) naming the pattern when RE2 does not accept one.
    explicit PatternSet(const std::vector<std::string>& patterns);
    bool empty() const { return patterns_.empty(); }
    bool matches(std::string_view text) const;  // the whole text
    bool search(std::string_view text) const;   // anywhere in the text

private:
    std::vector<std::shared_ptr<const re2::RE2>> patterns_;
};

// A list of shell globs; matches when any of them matches the whole path.
class GlobSet {
public:
    GlobSet() = default;
    // Throws Error(usage) naming the glob when it cannot be compiled (a malformed class in
    // brackets, a reversed range, far too long).
    explicit GlobSet(const std::vector<std::string>& globs);
    bool empty() const { return globs_.empty(); }
    bool matches(std::string_view path) const;

private:
    std::vector<std::shared_ptr<const re2::RE2>> globs_;
};

// The RE2 pattern (Latin-1, so byte for byte) equivalent to a fnmatch(3) glob without flags;
// throws Error(usage) naming the glob for a malformed class in brackets.
std::string glob_to_regex(std::string_view glob);

}  // namespace once
