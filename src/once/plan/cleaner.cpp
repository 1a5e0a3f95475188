#include "once/plan/cleaner.hpp"

#include "once/sign/hashing.hpp"
#include "once/sign/signer.hpp"

namespace once {

std::string cut_spans(std::string_view text, const std::vector<Span>& spans) {
    std::string out;
    std::uint64_t removed = 0;
    for (const auto& span : spans) removed += span.end - span.start;
    out.reserve(text.size() - std::min<std::uint64_t>(removed, text.size()));
    std::uint64_t cursor = 0;
    for (const auto& span : spans) {
        out.append(text.substr(cursor, span.start - cursor));
        cursor = span.end;
    }
    out.append(text.substr(std::min<std::uint64_t>(cursor, text.size())));
    return out;
}

void set_positions(std::string_view text, const Layout& layout, std::vector<Span>& spans) {
    std::vector<std::uint64_t> starts, ends, lasts;
    starts.reserve(spans.size());
    ends.reserve(spans.size());
    lasts.reserve(spans.size());
    for (const auto& span : spans) {
        starts.push_back(span.start);
        ends.push_back(span.end);
        lasts.push_back(span.end > span.start ? span.end - 1 : span.start);
    }
    const auto start_positions = positions_of(text, layout, starts);
    const auto end_positions = positions_of(text, layout, ends);
    const auto last_positions = positions_of(text, layout, lasts);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        spans[i].start_pos = start_positions[i];
        spans[i].end_pos = end_positions[i];
        spans[i].last_line = last_positions[i].line;
        // A span that ends with the document's final line break ends at column 1 of the line
        // after it, as one that ends with any other line break does (SARIF's exclusive end,
        // docs/sarif.md); positions_of has no line there and would give the last line's length
        // plus two.
        const bool ends_with_break = spans[i].end > spans[i].start && spans[i].end == text.size() &&
                                     (text.back() == '\n' || text.back() == '\r');
        if (ends_with_break) spans[i].end_pos = {spans[i].last_line + 1, 1};
    }
}

void set_positions_and_hashes(std::string_view text, const Layout& layout, std::vector<Span>& spans) {
    set_positions(text, layout, spans);
    for (Span& span : spans)
        span.content_hash = hash_combine(content_key(text.substr(span.start, span.end - span.start)),
                                         static_cast<std::uint64_t>(span.kind));
}

}  // namespace once
