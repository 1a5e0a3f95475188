#include "once/judge/markers.hpp"

namespace once {
namespace {

// A line made only of one separator character repeated at least three times (---, ＊＊＊, ・・・,
// ===, ———), spaces allowed between. Written as one alternative per character because RE2 has no
// backreference (the std::regex version was `([...])\s*(\1\s*){2,}`).
std::string separator_run_pattern() {
    static const std::vector<std::string> separators{
        "-", "—", "–", "―", "−", "─", "━", "=", "~", "*", "#", "_", "・", ".", "•", "·", "+",
        "◆", "◇", "■", "□", "●", "○", "★", "☆", "※"};
    std::string pattern;
    for (const auto& separator : separators) {
        if (!pattern.empty()) pattern += '|';
        const bool ascii_punct = separator.size() == 1;
        pattern += "(?:" + (ascii_punct ? "\\" + separator : separator) + "\\s*){3,}";
    }
    return pattern;
}

}  // namespace

const std::vector<std::string>& builtin_marker_patterns() {
    // Dashes: ASCII hyphen, en/em dash, horizontal bar, minus, box-drawing; brackets after NFKC.
    static const std::vector<std::string> patterns{
        // —END—, [END], (完), 【終】, *** the end ***, -- end of article --
        R"([-—–―−─━=~*#_\[\](){}<>【】〔〕「」『』《》〈〉・.。 ]*(end|the end|end of (article|text|story|document)|fin|完|終|终|終わり|おわり|以上|全文完|本文完)[-—–―−─━=~*#_\[\](){}<>【】〔〕「」『』《》〈〉・.。! ]*)",
        separator_run_pattern(),
    };
    return patterns;
}

}  // namespace once
