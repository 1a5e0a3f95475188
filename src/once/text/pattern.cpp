#include "once/text/pattern.hpp"

#include <re2/re2.h>

#include "once/core/error.hpp"

namespace once {
namespace {

// RE2's default program budget (8 MiB) also bounds what one pattern may compile to; a pattern
// over it (`a{1000}{1000}`) is rejected as "pattern too large", which we report as usage.
std::shared_ptr<const re2::RE2> compile(const std::string& pattern, const RE2::Options& options,
                                        const char* what) {
    auto compiled = std::make_shared<const re2::RE2>(pattern, options);
    if (!compiled->ok())
        throw Error(ExitCode::usage, std::string("invalid ") + what + " '" + pattern + "': " + compiled->error());
    return compiled;
}

RE2::Options pattern_options() {
    RE2::Options options;           // UTF-8, case-sensitive, `.` stops at a newline
    options.set_log_errors(false);  // the error is ours to report, once
    return options;
}

RE2::Options glob_options() {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingLatin1);  // byte by byte, like fnmatch in the C locale
    options.set_dot_nl(true);                            // `*` and `?` match any byte, a newline too
    options.set_log_errors(false);
    return options;
}

void append_literal(std::string& out, unsigned char c) {
    static constexpr char hex[] = "0123456789abcdef";
    const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (plain) {
        out.push_back(static_cast<char>(c));
    } else {
        out.append("\\x{").push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
        out.push_back('}');
    }
}

[[noreturn]] void bad_glob(std::string_view glob, const std::string& why) {
    throw Error(ExitCode::usage, "invalid --ignore glob '" + std::string(glob) + "': " + why);
}

// The twelve POSIX classes of the C locale; RE2 spells them the same way.
constexpr std::string_view k_posix_classes[] = {"alnum", "alpha", "blank", "cntrl", "digit", "graph",
                                                "lower", "print", "punct", "space", "upper", "xdigit"};

// Inside brackets, `[` followed by `:`, `=` or `.` may only open `[:name:]` with one of the twelve
// names. glibc's fnmatch reads the other forms in ways that depend on where the match stands
// (`[a[:foo:]]` matches "a" but never "b"; `[[:foo` matches nothing; `[[=ab=]]` matches "a]"),
// so rather than copy that we refuse them: a usage error naming the glob (issue 14, found by
// tests/fuzz/patterns_fuzz). `[=c=]` and `[.c.]` (the byte c in the C locale) are refused too;
// write c. A literal `[` in a set is fine where no `:`, `=` or `.` follows it (`[[]`, `[:[]`).
// Returns the index after the class.
std::size_t append_posix_class(std::string& out, std::string_view glob, std::size_t i) {
    if (glob[i + 1] != ':')
        bad_glob(glob, "'[" + std::string(1, glob[i + 1]) +
                    "' inside brackets (equivalence classes and collating symbols are not supported; write the character)");
    const std::size_t close = glob.find(":]", i + 2);
    if (close == std::string_view::npos) bad_glob(glob, "'[:' inside brackets without ':]' (write '\\[' for a '[')");
    const std::string_view name = glob.substr(i + 2, close - i - 2);
    bool known = false;
    for (const auto known_name : k_posix_classes) known = known || name == known_name;
    if (!known) bad_glob(glob, "unknown character class '[:" + std::string(name) + ":]'");
    out.append(glob.substr(i, close + 2 - i));  // [:alpha:] is RE2 syntax too
    return close + 2;
}

bool opens_class(std::string_view glob, std::size_t i) {
    return glob[i] == '[' && i + 1 < glob.size() && (glob[i + 1] == ':' || glob[i + 1] == '=' || glob[i + 1] == '.');
}

// A bracket expression starting at glob[open] == '['; returns the index after its ']', or
// `open` when it is not closed (then fnmatch takes the '[' literally).
std::size_t append_bracket(std::string& out, std::string_view glob, std::size_t open) {
    std::size_t i = open + 1;
    std::string body;
    if (i < glob.size() && (glob[i] == '!' || glob[i] == '^')) {
        body.push_back('^');
        ++i;
    }
    bool first = true;
    while (i < glob.size() && (glob[i] != ']' || first)) {
        first = false;
        if (opens_class(glob, i)) {
            i = append_posix_class(body, glob, i);
            continue;
        }
        const bool escaped = glob[i] == '\\' && i + 1 < glob.size();
        if (escaped) ++i;
        const auto low = static_cast<unsigned char>(glob[i]);
        ++i;
        append_literal(body, low);
        // `[a-` or `[a-\` at the end of the glob: fnmatch reads a range whose end is missing and
        // then matches nothing at all, where an unclosed `[` is otherwise a literal. Refused, as
        // that is never what was meant (found by tests/fuzz/patterns_fuzz). glibc does not do
        // this after an unescaped `[` (`[x[-` stays literal), so neither do we.
        if (!(low == '[' && !escaped) && i < glob.size() && glob[i] == '-' &&
            (i + 1 == glob.size() || (glob[i + 1] == '\\' && i + 2 == glob.size())))
            bad_glob(glob, "a range without its end after an unclosed '[' (close it with ']' or write '\\-')");
        if (i + 1 < glob.size() && glob[i] == '-' && glob[i + 1] != ']') {
            std::size_t high = i + 1;
            if (opens_class(glob, high))  // `[a-[:alpha:]]`: fnmatch's reading is no range either
                bad_glob(glob, "a range ending in '" + std::string(glob.substr(high, 2)) + "'");
            if (glob[high] == '\\' && high + 1 < glob.size()) ++high;
            body.push_back('-');
            append_literal(body, static_cast<unsigned char>(glob[high]));
            i = high + 1;
        }
    }
    if (i >= glob.size()) return open;
    out.append("[").append(body).append("]");
    return i + 1;
}

}  // namespace

PatternSet::PatternSet(const std::vector<std::string>& patterns) {
    const RE2::Options options = pattern_options();
    for (const auto& pattern : patterns) patterns_.push_back(compile(pattern, options, "pattern"));
}

bool PatternSet::matches(std::string_view text) const {
    for (const auto& pattern : patterns_)
        if (RE2::FullMatch(text, *pattern)) return true;
    return false;
}

bool PatternSet::search(std::string_view text) const {
    for (const auto& pattern : patterns_)
        if (RE2::PartialMatch(text, *pattern)) return true;
    return false;
}

std::string glob_to_regex(std::string_view glob) {
    std::string out;
    for (std::size_t i = 0; i < glob.size();) {
        const char c = glob[i];
        if (c == '*') {
            while (i < glob.size() && glob[i] == '*') ++i;  // `**` is `*`
            out.append(".*");
        } else if (c == '?') {
            out.push_back('.');
            ++i;
        } else if (c == '[') {
            const std::size_t next = append_bracket(out, glob, i);
            if (next == i) {
                append_literal(out, '[');
                ++i;
            } else {
                i = next;
            }
        } else if (c == '\\' && i + 1 == glob.size()) {
            return "\\b\\B";  // a lone final backslash: fnmatch matches nothing, nor do we
        } else {
            if (c == '\\') ++i;
            append_literal(out, static_cast<unsigned char>(glob[i]));
            ++i;
        }
    }
    return out;
}

GlobSet::GlobSet(const std::vector<std::string>& globs) {
    const RE2::Options options = glob_options();
    for (const auto& glob : globs) {
        auto compiled = std::make_shared<const re2::RE2>(glob_to_regex(glob), options);
        if (!compiled->ok())
            throw Error(ExitCode::usage, "invalid --ignore glob '" + glob + "': " + compiled->error());
        globs_.push_back(std::move(compiled));
    }
}

bool GlobSet::matches(std::string_view path) const {
    for (const auto& glob : globs_)
        if (RE2::FullMatch(path, *glob)) return true;
    return false;
}

}  // namespace once
