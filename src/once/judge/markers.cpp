#include "once/judge/markers.hpp"

#include "once/core/error.hpp"
#include "once/text/utf8.hpp"

namespace once {

const std::vector<std::string>& builtin_marker_patterns() {
    // Dashes: ASCII hyphen, en/em dash, horizontal bar, minus, box-drawing; brackets after NFKC.
    static const std::vector<std::string> patterns{
        // —END—, [END], (完), 【終】, *** the end ***, -- end of article --
        R"([-—–―−─━=~*#_\[\](){}<>【】〔〕「」『』《》〈〉・.。 ]*(end|the end|end of (article|text|story|document)|fin|完|終|终|終わり|おわり|以上|全文完|本文完)[-—–―−─━=~*#_\[\](){}<>【】〔〕「」『』《》〈〉・.。! ]*)",
        // A line made only of one separator character repeated (---, ＊＊＊, ・・・, ===, ———).
        R"(([-—–―−─━=~*#_・.•·+◆◇■□●○★☆※])\s*(\1\s*){2,})",
    };
    return patterns;
}

std::wstring to_wide(std::string_view utf8) {
    std::wstring out;
    out.reserve(utf8.size());
    std::size_t pos = 0;
    while (pos < utf8.size()) out.push_back(static_cast<wchar_t>(decode_utf8(utf8, pos)));
    return out;
}

PatternSet::PatternSet(const std::vector<std::string>& patterns) {
    for (const auto& pattern : patterns) {
        try {
            patterns_.emplace_back(to_wide(pattern), std::regex_constants::ECMAScript | std::regex_constants::optimize);
        } catch (const std::regex_error& error) {
            throw Error(ExitCode::usage, "invalid pattern '" + pattern + "': " + error.what());
        }
    }
}

bool PatternSet::matches(std::string_view normalized) const {
    if (patterns_.empty()) return false;
    const std::wstring wide = to_wide(normalized);
    for (const auto& pattern : patterns_)
        if (std::regex_match(wide, pattern)) return true;
    return false;
}

bool PatternSet::search(std::string_view normalized) const {
    if (patterns_.empty()) return false;
    const std::wstring wide = to_wide(normalized);
    for (const auto& pattern : patterns_)
        if (std::regex_search(wide, pattern)) return true;
    return false;
}

}  // namespace once
