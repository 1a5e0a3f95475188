#include "once/sign/signer.hpp"

#include <algorithm>

#include "once/text/normalizer.hpp"
#include "once/sign/hashing.hpp"
#include "once/sign/shingler.hpp"

namespace once {

namespace {

bool starts_with_bullet(std::string_view line) {
    // Every bullet below begins with one of these bytes; most lines begin with another, and
    // leave without 21 comparisons (memcmp calls: 0.7% of `once scan` on 1,000 files).
    if (line.empty()) return false;
    switch (static_cast<unsigned char>(line[0])) {
        case 0xC2: case 0xE2: case 0xE3: case '-': case '*': case '+': case '>':
            break;
        default:
            return false;
    }
    static constexpr std::string_view k_bullets[] = {"・", "•", "·", "-", "*", "■", "□", "▼", "▽", "▶", "►", "→",
                                                      "◆", "◇", "●", "○", "※", "+", ">", "〉", "»"};
    // Byte by byte, leaving at the first that differs: every kana begins with E3, so nearly every
    // Japanese sentence came this far, and the comparison was a memcmp call per bullet (ten a
    // sentence on ldcc: 0.5% of `once clean`'s instructions with the calls around them).
    const auto starts_with = [line](std::string_view bullet) {
        if (line.size() < bullet.size()) return false;
        for (std::size_t i = 0; i < bullet.size(); ++i)
            if (line[i] != bullet[i]) return false;
        return true;
    };
    return std::any_of(std::begin(k_bullets), std::end(k_bullets), starts_with);
}

// lynx, the usual way to turn a page into text, marks the items of a nested list with a lowercase
// "o " ("* Sections", "o Publishing and non-publishing repositories"). Read from the original
// bytes: the normalized line is case-folded, and "O Brother, Where Art Thou?" is a title.
bool lynx_nested_bullet(std::string_view original, const Line& line) {
    std::size_t i = line.start;
    while (i < line.end && (original[i] == ' ' || original[i] == '\t')) ++i;
    return i + 1 < line.end && original[i] == 'o' && original[i + 1] == ' ';
}

// Does a sentence hold a clause mark between two of its words (UnitRecord::clause_inside): ','
// or ';' (full-width forms fold to these) or '、', not first, with a word after it, and a ','
// not between two digits ("1,000 riders", a number, not a clause).
bool holds_clause_mark(std::string_view text) {
    static constexpr std::string_view k_ideographic_comma = "、";
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        const char c = text[i];
        std::size_t width = 1;
        if (c == k_ideographic_comma[0] && text.substr(i).starts_with(k_ideographic_comma))
            width = k_ideographic_comma.size();
        else if (c != ',' && c != ';')
            continue;
        if (c == ',' && is_digit(text[i - 1]) && is_digit(text[i + 1])) continue;
        if (text.find_first_not_of(' ', i + width) != std::string_view::npos) return true;
    }
    return false;
}

// A sentence on a list line weighs as prose from here (15 words, 30 CJK characters) ...
constexpr std::uint32_t k_min_listed_prose_weight = 30;

// ... and ends as prose does, in "。" or "." (closing quotes and brackets after it): a headline,
// which a related list repeats, ends in "！", "？" or nothing. Prose on a list line (a note under
// "●", an author box, a "* " item of several sentences) is prose: the matcher's list-entry rule
// (Matcher::verify) does not keep it from matching the page's text. On bench/inject_real.py the
// pastes from such lines were a quarter of those missed; weight alone let related-list entries
// and headlines match ("・...は必見！" on ldcc, a kaden-channel headline).
bool listed_prose(std::uint32_t weight, const Sentence& sentence) {
    if (weight < k_min_listed_prose_weight || !sentence.terminated) return false;
    std::string_view text = sentence.normalized;
    static constexpr std::string_view k_closing[] = {"\"", "'", ")", "]", "」", "』", "）", "】", "”", "’"};
    for (bool stripped = true; stripped && !text.empty();) {
        stripped = false;
        for (const std::string_view closing : k_closing)
            if (text.ends_with(closing)) {
                text.remove_suffix(closing.size());
                stripped = true;
            }
    }
    return text.ends_with("。") || text.ends_with(".");
}

}  // namespace

Signer::Signer(const Config& config) : config_(config), hasher_(config.num_perm, config.seed) {}

std::uint64_t content_key(std::string_view original) {
    return shingle(normalize_text(original), 1, false, false).key;
}

std::uint64_t line_template_key(std::string_view normalized_line) {
    return shingle(normalized_line, 1, /*mask_numbers=*/true, /*want_shingles=*/false).key;
}

std::uint64_t line_value_key(std::uint64_t template_key, std::uint64_t number_hash) {
    // The constant keeps a value key from ever equalling a template key of another line.
    return number_hash == 0 ? template_key : hash_combine(template_key ^ 0x76616c7565ULL, number_hash);
}

DocAnalysis Signer::analyze(std::string_view text, std::span<const LineKeys> known) const {
    DocAnalysis analysis;
    analysis.layout = segment(text);
    const auto& sentences = analysis.layout.sentences;
    const std::size_t k = static_cast<std::size_t>(hasher_.num_perm());
    // Reserved and each record built in place, whole: resize() would zero every record (about
    // 200 bytes a sentence) before the loop writes it again.
    analysis.units.reserve(sentences.size());
    analysis.signatures.resize(sentences.size() * k);  // not zeroed: sign() writes every value
    ShingleSet set;  // one buffer for every sentence of the document
    // The page's distinct facts in text order, numbered for UnitRecord::page_facts; a page has
    // few, so a scan beats a hash table.
    std::vector<std::uint64_t> page_facts;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        shingle_into(set, sentences[i].normalized, config_.ngram, false, true, ShingleOrder::any);
        const Line& line = analysis.layout.lines[sentences[i].first_line];
        // Every sentence of a bulleted line: a related-list entry of several sentences
        // ("Freeze! Battery dead! Complaints pile up [Topic]") must not match the page title
        // it names past its first sentence either.
        const bool bulleted = (starts_with_bullet(line.normalized) || lynx_nested_bullet(text, line)) &&
                              !listed_prose(set.weight, sentences[i]);
        const std::size_t colon = sentences[i].normalized.find(':');
        const bool data_like = colon != std::string::npos && colon > 0 && colon <= 24;
        std::uint64_t facts = 0;
        for (const std::uint64_t fact : set.facts) {
            const auto at = static_cast<std::size_t>(std::find(page_facts.begin(), page_facts.end(), fact) - page_facts.begin());
            if (at == page_facts.size() && page_facts.size() < k_numbered_page_facts) page_facts.push_back(fact);
            facts |= std::uint64_t{1} << std::min(at, k_numbered_page_facts);
        }
        analysis.units.push_back(UnitRecord{.key = set.key,
                                            .weight = set.weight,
                                            .set_size = static_cast<std::uint32_t>(set.shingles.size()),
                                            .number_mask = set.number_mask,
                                            .number_hash = set.number_hash,
                                            .page_facts = facts,
                                            .bulleted = bulleted,
                                            .data_like = data_like,
                                            .clause_inside = !sentences[i].terminated && holds_clause_mark(sentences[i].normalized),
                                            .edges = set.edges});
        hasher_.sign(set.shingles, analysis.signatures.data() + i * k);
    }
    const auto& lines = analysis.layout.lines;
    analysis.line_templates.reserve(lines.size());
    analysis.line_values.reserve(lines.size());
    analysis.line_weights.reserve(lines.size());
    const auto non_blank = static_cast<std::size_t>(
        std::count_if(lines.begin(), lines.end(), [](const Line& line) { return !line.blank; }));
    const bool reuse = known.size() == non_blank;
    std::size_t next_known = 0;
    for (const auto& line : lines) {
        if (line.blank) {
            analysis.line_templates.push_back(0);
            analysis.line_values.push_back(0);
            analysis.line_weights.push_back(0);
            continue;
        }
        if (reuse) {
            const LineKeys& keys = known[next_known++];
            analysis.line_templates.push_back(keys.template_key);
            analysis.line_values.push_back(keys.value_key);
            analysis.line_weights.push_back(keys.weight);
            continue;
        }
        shingle_into(set, line.normalized, 1, true, false);
        analysis.line_templates.push_back(set.key);
        analysis.line_values.push_back(line_value_key(set.key, set.number_hash));
        analysis.line_weights.push_back(set.weight);
    }
    return analysis;
}

std::vector<LineKeys> Signer::line_keys(std::string_view text) const {
    // The same lines' normalized text as segment() gives analyze(), without sentences or the
    // alignment, which line keys do not need.
    const NormalizedLines lines = normalized_lines(text);
    std::vector<LineKeys> keys(lines.non_blank.size());
    ShingleSet set;
    for (std::size_t i = 0; i < lines.non_blank.size(); ++i) {
        shingle_into(set, lines.line(i), 1, /*mask_numbers=*/true, /*want_shingles=*/false);
        keys[i] = {set.key, line_value_key(set.key, set.number_hash), set.weight};
    }
    return keys;
}

std::vector<std::uint64_t> Signer::templates_of(std::span<const LineKeys> keys) {
    std::vector<std::uint64_t> out;
    out.reserve(keys.size());
    for (const LineKeys& line : keys) {
        out.push_back(line.template_key);
        if (line.value_key != line.template_key) out.push_back(line.value_key);
    }
    return out;
}

}  // namespace once
