#include "once/plan/provenance.hpp"

#include <string_view>

namespace once {
namespace {

// Does a normalized line end in an ellipsis ("…", "...", "‥"), as a teaser cut short does?
bool trails_off(std::string_view line) {
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    return line.ends_with("\u2026") || line.ends_with("..");  // NFKC makes "…" "..." and "‥" ".."
}

}  // namespace

Matchable matchable_sentences(const DocAnalysis& analysis, const std::vector<LineVerdictDetail>& verdicts) {
    const auto& sentences = analysis.layout.sentences;
    const auto& lines = analysis.layout.lines;
    const auto chrome = [&](std::size_t l) { return verdicts[l].chrome(); };
    // Text lines inside chrome: the nearest non-blank line above is chrome, and the nearest below
    // is chrome too or the line trails off in an ellipsis (a teaser cut short).
    std::vector<bool> in_chrome(lines.size(), false);
    std::ptrdiff_t above = -1;  // nearest non-blank line above
    for (std::size_t l = 0; l < lines.size(); ++l) {
        if (lines[l].blank) continue;
        // The page's own title between a breadcrumb and a dateline is not a teaser: it is the
        // kept copy of its repeats further down (a restart that begins again with the headline).
        if (!chrome(l) && !verdicts[l].title && above >= 0 && chrome(static_cast<std::size_t>(above)) &&
            verdicts[l].role == LineRole::text) {
            std::size_t below = l + 1;
            while (below < lines.size() && lines[below].blank) ++below;
            in_chrome[l] = (below < lines.size() && chrome(below)) || trails_off(lines[l].normalized);
        }
        above = static_cast<std::ptrdiff_t>(l);
    }
    // A table of contents' entry is navigation: the section heading it names further down is the
    // article's, never its copy (where a heading weighs --min-length, the entry would be its
    // source). The entry itself may still be a copy of earlier text.
    const auto contents_entry = [&](std::size_t l) {
        return verdicts[l].role == LineRole::text && verdicts[l].rule == ShapeRule::contents;
    };
    Matchable out{std::vector<bool>(sentences.size(), true), std::vector<bool>(sentences.size(), true)};
    for (std::size_t i = 0; i < sentences.size(); ++i)
        for (std::uint32_t line = sentences[i].first_line; line <= sentences[i].last_line; ++line) {
            if (chrome(line)) out.match[i] = false;
            if (in_chrome[line] || contents_entry(line)) out.source[i] = false;
        }
    return out;
}

}  // namespace once
