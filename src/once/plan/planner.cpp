#include "once/plan/planner.hpp"

#include <algorithm>

#include "once/text/utf8.hpp"

namespace once {
namespace {

bool is_blank_byte_at(std::string_view text, std::uint64_t pos, std::uint64_t& length) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c == ' ' || c == '\t') return length = 1, true;
    // U+3000 IDEOGRAPHIC SPACE (E3 80 80) and U+00A0 NO-BREAK SPACE (C2 A0): common in CJK pages.
    if (c == 0xE3 && pos + 2 < text.size() && static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
        static_cast<unsigned char>(text[pos + 2]) == 0x80)
        return length = 3, true;
    if (c == 0xC2 && pos + 1 < text.size() && static_cast<unsigned char>(text[pos + 1]) == 0xA0)
        return length = 2, true;
    return false;
}

// Is text[from, to) only horizontal white space?
bool only_blanks(std::string_view text, std::uint64_t from, std::uint64_t to) {
    std::uint64_t length = 0;
    while (from < to) {
        if (!is_blank_byte_at(text, from, length)) return false;
        from += length;
    }
    return true;
}

Kind kind_of(MatchType type) { return type == MatchType::exact ? Kind::duplicate : Kind::near_duplicate; }

const char* match_name(MatchType type) {
    switch (type) {
        case MatchType::exact: return "exact";
        case MatchType::jaccard: return "jaccard";
        case MatchType::containment: return "containment";
        default: return "none";
    }
}

}  // namespace

std::vector<bool> matchable_sentences(const DocAnalysis& analysis, const std::vector<LineVerdictDetail>& verdicts) {
    const auto& sentences = analysis.layout.sentences;
    std::vector<bool> out(sentences.size(), true);
    for (std::size_t i = 0; i < sentences.size(); ++i)
        for (std::uint32_t line = sentences[i].first_line; line <= sentences[i].last_line; ++line)
            if (verdicts[line].role == LineRole::boilerplate || verdicts[line].role == LineRole::marker) out[i] = false;
    return out;
}

PlanResult decide_spans(const DocAnalysis& analysis, const std::vector<UnitMatch>& matches,
                        const std::vector<LineVerdictDetail>& verdicts, std::uint32_t doc, const Matcher& matcher,
                        const ClusterNumbering& clusters, const Config& config) {
    const auto& lines = analysis.layout.lines;
    const auto& sentences = analysis.layout.sentences;
    const auto enabled = [&](Kind kind) { return config.kinds.count(kind) != 0; };
    const auto protected_sentence = [&](std::size_t i) {
        for (std::uint32_t line = sentences[i].first_line; line <= sentences[i].last_line; ++line)
            if (verdicts[line].role == LineRole::protect) return true;
        return false;
    };

    std::vector<Span> spans;
    std::vector<std::size_t> removed_sentences;
    std::vector<std::uint64_t> new_clusters;
    // The removals decided so far in this document, as the matcher will record them: a removed
    // sentence's kept copy is its match's kept copy (Matcher::mark_removed).
    const std::uint64_t base = matcher.document_base();
    std::vector<std::uint64_t> kept_here(sentences.size());
    for (std::size_t k = 0; k < kept_here.size(); ++k) kept_here[k] = base + k;
    const auto kept_copy = [&](std::uint64_t id) { return id >= base ? kept_here[id - base] : matcher.kept_copy(id); };
    const auto cluster_id = [&](std::uint64_t root) {
        if (const std::uint32_t known = clusters.find(root)) return known;
        const auto at = static_cast<std::size_t>(std::find(new_clusters.begin(), new_clusters.end(), root) -
                                                 new_clusters.begin());
        if (at == new_clusters.size()) new_clusters.push_back(root);
        return static_cast<std::uint32_t>(clusters.size() + at + 1);
    };

    // 1. Runs of copied sentences.
    std::size_t i = 0;
    while (i < sentences.size()) {
        if (matches[i].type == MatchType::none || protected_sentence(i)) {
            ++i;
            continue;
        }
        std::size_t end = i;
        std::uint32_t weight = 0;
        bool exact_in_document = true;
        bool data_like = false;
        // A run is one copied passage: each sentence's kept copy follows the previous one's in
        // the same document (a few sentences may be skipped: an edit can drop one). Sentences
        // that each match somewhere else — spec lines like "RAM: 1GB" found in different
        // earlier pages — are separate runs, each judged on its own weight.
        const auto continues_run = [&](std::size_t k) {
            if (k == i) return true;
            const UnitLocation& previous = matcher.location(matches[k - 1].direct);
            const UnitLocation& current = matcher.location(matches[k].direct);
            return previous.doc == current.doc && current.sentence > previous.sentence &&
                   current.sentence <= previous.sentence + 3;
        };
        while (end < sentences.size() && matches[end].type != MatchType::none && !protected_sentence(end) &&
               continues_run(end)) {
            weight += analysis.units[end].weight;
            exact_in_document = exact_in_document && matches[end].type == MatchType::exact &&
                                matcher.location(matches[end].direct).doc == doc;
            data_like = data_like || analysis.units[end].data_like;
            ++end;
        }
        // Whole lines: the run starts at the first sentence of its first line and ends with the
        // last sentence of its last line.
        const bool whole_lines = lines[sentences[i].first_line].first_sentence == i &&
                                 lines[sentences[end - 1].last_line].last_sentence <= end;
        // An edited copy standing alone (no exact sentence in the run) must be closer.
        bool any_exact = false;
        double lowest = 1.0;
        for (std::size_t k = i; k < end; ++k) {
            any_exact = any_exact || matches[k].type == MatchType::exact;
            if (matches[k].type == MatchType::jaccard) lowest = std::min(lowest, matches[k].similarity);
        }
        const double isolated_needed = config.isolated_similarity + (weight < 30 ? 0.1 : 0.0);
        if (!any_exact && lowest < isolated_needed) {
            i = end;
            continue;
        }
        const std::size_t count = end - i;
        const bool substantial =
            (count >= static_cast<std::size_t>(config.window) &&
             weight >= static_cast<std::uint32_t>(config.min_line_length)) ||
            weight >= static_cast<std::uint32_t>(whole_lines ? config.min_length : config.min_inline_length) ||
            // A line repeated in its own document (a title shown twice); data rows ("Price: ¥99"
            // for two apps) need the full length: they repeat because the facts coincide.
            (exact_in_document && whole_lines &&
             weight >= static_cast<std::uint32_t>(data_like ? config.min_length : config.min_line_length));
        if (substantial) {
            std::uint64_t previous_source = UINT64_MAX;  // kept copy of the previous sentence of the run
            for (std::size_t k = i; k < end; ++k) {
                const Kind kind = kind_of(matches[k].type);
                if (!enabled(kind)) continue;
                // Point at the nearest copy that is kept: the sentence this one was matched with,
                // or, if that was removed too (earlier in this very run), its own kept copy.
                const std::uint64_t kept = kept_copy(matches[k].direct);
                const UnitLocation& source = matcher.location(kept);
                kept_here[k] = kept;
                removed_sentences.push_back(k);
                // Extend the previous span when this sentence continues the same copied passage
                // (same kind, same source document, source further on) or repeats the same kept
                // sentence again (a sentence copied many times in a row), with nothing but space
                // between.
                if (!spans.empty() && previous_source != UINT64_MAX && spans.back().kind == kind &&
                    spans.back().source && matcher.location(previous_source).doc == source.doc &&
                    (spans.back().source->end <= source.start || kept == previous_source) &&
                    spans.back().end <= sentences[k].start) {
                    Span& previous = spans.back();
                    previous.end = sentences[k].end;
                    previous.similarity = std::min(previous.similarity, matches[k].similarity);
                    if (kept != previous_source) {
                        previous.source->end = source.end;
                        previous.source->end_pos = source.end_pos;
                    }
                    if (previous.match != match_name(matches[k].type)) previous.match = "mixed";
                    previous_source = kept;
                    continue;
                }
                previous_source = kept;
                Span span;
                span.start = sentences[k].start;
                span.end = sentences[k].end;
                span.kind = kind;
                span.cluster = cluster_id(matches[k].source);
                span.similarity = matches[k].similarity;
                span.match = match_name(matches[k].type);
                span.source = SourceRef{source.doc, source.start, source.end, source.start_pos, source.end_pos};
                spans.push_back(std::move(span));
            }
        }
        i = end;
    }

    // 2. Whole lines judged boilerplate or marker.
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const LineVerdictDetail& verdict = verdicts[l];
        Kind kind;
        if (verdict.role == LineRole::boilerplate) kind = Kind::boilerplate;
        else if (verdict.role == LineRole::marker) kind = Kind::marker;
        else continue;
        if (!enabled(kind)) continue;
        Span span;
        span.start = lines[l].start;
        span.end = lines[l].end;
        span.kind = kind;
        span.match = kind == Kind::marker ? "pattern" : (verdict.by_recurrence ? "recurrence" : "shape");
        span.similarity = kind == Kind::boilerplate && !verdict.by_recurrence ? verdict.score : 1.0;
        span.docs = verdict.by_recurrence ? verdict.docs : 0;
        spans.push_back(std::move(span));
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });

    PlanResult result;
    result.spans = std::move(spans);
    result.removed_sentences = std::move(removed_sentences);
    result.new_clusters = std::move(new_clusters);
    return result;
}

bool finish_spans(std::string_view text, const Layout& layout, std::vector<Span>& spans) {
    const auto& lines = layout.lines;
    // 3. Widen to whole lines where a line's visible content is entirely removed; elsewhere
    //    swallow one side's white space so "A B C" minus "B" reads "A C".
    std::vector<bool> line_removed(lines.size(), false);
    std::size_t cursor = 0;  // first span that may touch the current line
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const Line& line = lines[l];
        if (line.blank) continue;
        while (cursor < spans.size() && spans[cursor].end <= line.start && spans[cursor].end < line.end) ++cursor;
        std::uint64_t covered = line.start;
        std::size_t first = spans.size(), last = spans.size();
        for (std::size_t s = cursor; s < spans.size() && spans[s].start < line.end; ++s) {
            if (spans[s].end <= line.start) continue;
            if (first == spans.size()) first = s;
            last = s;
            if (spans[s].start > covered && !only_blanks(text, covered, spans[s].start)) covered = UINT64_MAX;
            if (covered != UINT64_MAX) covered = std::max(covered, spans[s].end);
        }
        if (first == spans.size()) continue;
        const bool whole = covered != UINT64_MAX && (covered >= line.end || only_blanks(text, covered, line.end));
        if (whole) {
            line_removed[l] = true;
            spans[first].start = std::min(spans[first].start, line.start);
            for (std::size_t s = first; s < last; ++s) spans[s].end = spans[s + 1].start;  // absorb gaps
            spans[last].end = std::max(spans[last].end, line.next);
        } else {
            for (std::size_t s = first; s <= last; ++s) {
                Span& span = spans[s];
                const std::uint64_t limit = (s + 1 < spans.size()) ? std::min(spans[s + 1].start, line.end) : line.end;
                std::uint64_t length = 0;
                std::uint64_t after = span.end;
                while (after < limit && is_blank_byte_at(text, after, length)) after += length;
                if (after > span.end) {
                    span.end = after;
                    continue;
                }
                // No space after: take the space before, if any (and not already another span's).
                const std::uint64_t floor = s > 0 ? std::max(spans[s - 1].end, line.start) : line.start;
                std::uint64_t before = span.start;
                while (before > floor) {
                    const std::uint64_t back = before - decode_utf8_lossy_before(text, before).length;
                    if (back < floor || !is_blank_byte_at(text, back, length) || back + length != before) break;
                    before = back;
                }
                span.start = before;
            }
        }
    }

    // 4. Blank lines a removal leaves behind: between two removed lines they go; after a removed
    //    run that had blank lines (or the document start) before it, the blank lines after it go;
    //    a removed run at the very end takes the blank lines before it.
    const auto previous_nonblank = [&](std::size_t l) -> std::ptrdiff_t {
        for (std::ptrdiff_t k = static_cast<std::ptrdiff_t>(l) - 1; k >= 0; --k)
            if (!lines[static_cast<std::size_t>(k)].blank) return k;
        return -1;
    };
    std::vector<bool> blank_cut(lines.size(), false);
    for (std::size_t l = 0; l < lines.size(); ++l) {
        if (!lines[l].blank) continue;
        const std::ptrdiff_t above = previous_nonblank(l);
        std::size_t below = l + 1;
        while (below < lines.size() && lines[below].blank) ++below;
        const bool above_removed = above < 0 || line_removed[static_cast<std::size_t>(above)];
        const bool below_removed = below >= lines.size() || line_removed[below];
        if (above < 0 && below >= lines.size()) continue;  // a document of blank lines: leave it
        if (above >= 0 && line_removed[static_cast<std::size_t>(above)] && below_removed) {
            blank_cut[l] = true;  // between removed lines, or after a removed tail
            continue;
        }
        if (above_removed && below < lines.size() && !line_removed[below]) {
            // After a removed run: cut if the run itself was preceded by blank lines (or the start).
            std::ptrdiff_t run_start = above;
            while (run_start >= 0) {
                const std::ptrdiff_t prior = previous_nonblank(static_cast<std::size_t>(run_start));
                if (prior < 0 || !line_removed[static_cast<std::size_t>(prior)]) break;
                run_start = prior;
            }
            const bool run_at_start = above < 0 || previous_nonblank(static_cast<std::size_t>(run_start)) < 0;
            const bool blank_before_run =
                run_at_start || (run_start > 0 && lines[static_cast<std::size_t>(run_start) - 1].blank);
            if (blank_before_run) blank_cut[l] = true;
        }
        if (!above_removed && below >= lines.size()) continue;  // trailing blanks after kept text stay
        if (!above_removed && below < lines.size() && line_removed[below]) {
            // Before a removed run that reaches the end of the document.
            std::size_t k = below;
            bool to_end = true;
            for (; k < lines.size(); ++k)
                if (!lines[k].blank && !line_removed[k]) to_end = false;
            if (to_end) blank_cut[l] = true;
        }
    }
    // Attach each cut blank line to the span that ends where it starts (forward, so runs of
    // blank lines chain), else to the span that starts where it ends (backward, likewise).
    std::vector<bool> attached(lines.size(), false);
    for (std::size_t l = 0; l < lines.size(); ++l) {
        if (!blank_cut[l]) continue;
        auto it = std::lower_bound(spans.begin(), spans.end(), lines[l].start,
                                   [](const Span& span, std::uint64_t pos) { return span.end < pos; });
        if (it != spans.end() && it->end == lines[l].start) {
            it->end = lines[l].next;
            attached[l] = true;
        }
    }
    for (std::size_t l = lines.size(); l-- > 0;) {
        if (!blank_cut[l] || attached[l]) continue;
        auto it = std::lower_bound(spans.begin(), spans.end(), lines[l].next,
                                   [](const Span& span, std::uint64_t pos) { return span.start < pos; });
        if (it != spans.end() && it->start == lines[l].next) it->start = lines[l].start;
    }

    bool any_text = false, all_removed = true;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        if (lines[l].blank) continue;
        any_text = true;
        all_removed = all_removed && line_removed[l];
    }
    return any_text && all_removed;
}

}  // namespace once
