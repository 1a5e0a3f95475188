#include "once/judge/boilerplate.hpp"

#include <charconv>

#include <algorithm>
#include <sstream>

#include "once/core/error.hpp"
#include "once/input/stream_io.hpp"

namespace once {

namespace {

// Markers are tested only on lines of at most this many bytes: markers are short ("—END—",
// "*** The End ***"), and running the regexes on every paragraph would cost for nothing
// (docs/boilerplate.md, "Markers", documents the limit).
constexpr std::size_t k_max_marker_bytes = 120;
// A document with more than this share of its weight recurring elsewhere in its group is a
// repost, not a page of templates: chrome is a minority of a page. Set with ldcc's exact
// reposts (which recur whole) in mind; the margin below 1 leaves room for an edited repost.
constexpr std::uint64_t k_repost_share_num = 7, k_repost_share_den = 10;
// judge_lines loads the count slots of the line this many lines ahead. Each look-up is a miss at
// random in a table of the whole corpus's templates (Recurrence::count was 5% of `once clean`'s
// native samples on ldcc, 98% of them on the slot's load); 16 lines is more than one miss's
// latency of the loop's work, and few enough slots (at most 32) to stay in L1.
constexpr std::size_t k_count_prefetch_lines = 16;

}  // namespace

void Recurrence::add_document(const std::string& group, std::vector<std::uint64_t> templates) {
    std::sort(templates.begin(), templates.end());
    templates.erase(std::unique(templates.begin(), templates.end()), templates.end());
    Group& entry = groups_[group];
    ++entry.documents;
    // The slots of a document's lines are misses at random in the group's table: load them all
    // before the first insert so the misses overlap (a table that grows on the way only makes
    // some of these loads useless).
    for (const std::uint64_t key : templates) entry.counts.prefetch(key);
    for (const std::uint64_t key : templates)
        if (key != 0) ++entry.counts[key];
}

void Recurrence::merge(const Recurrence& other) {
    for (const auto& [name, group] : other.groups_) {
        Group& mine = groups_[name];
        mine.documents += group.documents;
        group.counts.for_each([&mine](std::uint64_t key, std::uint32_t count) { mine.counts[key] += count; });
    }
}

std::vector<std::string> Recurrence::groups() const {
    std::vector<std::string> names;
    for (const auto& entry : groups_) names.push_back(entry.first);
    return names;
}

std::size_t Recurrence::size() const {
    std::size_t total = 0;
    for (const auto& [name, group] : groups_) total += group.counts.size();
    return total;
}

std::uint32_t Recurrence::documents(const std::string& group) const {
    const auto it = groups_.find(group);
    return it == groups_.end() ? 0 : it->second.documents;
}

std::uint32_t Recurrence::count(const std::string& group, std::uint64_t key) const {
    const KeyCounts* counts = counts_of(group);
    return counts == nullptr ? 0 : counts->find(key);
}

const KeyCounts* Recurrence::counts_of(const std::string& group) const {
    const auto it = groups_.find(group);
    return it == groups_.end() ? nullptr : &it->second.counts;
}

namespace {

// Version 2 ends in `end<TAB>LINES`, the number of group and key lines before it: a profile is
// text, so a copy cut at a line's end still parsed, and its lost counts went unnoticed (session
// 26). Version 1 files, which have no end line, are still read, unchecked.
constexpr std::string_view k_profile_header = "once-profile 2";
constexpr std::string_view k_profile_header_v1 = "once-profile 1";
constexpr std::string_view k_profile_end = "end\t";

}  // namespace

void Recurrence::save(const std::string& path) const {
    std::string out = std::string(k_profile_header) + "\n";
    std::uint64_t lines = 0;
    for (const auto& [name, group] : groups_) {
        // Group names are written as-is; tabs and newlines in them would break the format.
        std::string safe = name;
        std::replace(safe.begin(), safe.end(), '\t', ' ');
        std::replace(safe.begin(), safe.end(), '\n', ' ');
        out += "group\t" + safe + "\t" + std::to_string(group.documents) + "\n";
        lines += 1 + group.counts.size();
        std::vector<std::pair<std::uint64_t, std::uint32_t>> sorted;
        sorted.reserve(group.counts.size());
        group.counts.for_each([&sorted](std::uint64_t key, std::uint32_t count) { sorted.emplace_back(key, count); });
        std::sort(sorted.begin(), sorted.end());
        // Keys seen once are stored too: merged with another shard's profile they may recur.
        for (const auto& [key, count] : sorted) out += std::to_string(key) + "\t" + std::to_string(count) + "\n";
    }
    out += std::string(k_profile_end) + std::to_string(lines) + "\n";
    AtomicWriter writer(path);
    writer.write(out);
    writer.commit();
}

namespace {

// A decimal number that fills `text` and fits T. std::stoul took "-4" (as 2^64 - 4, then cut to
// 32 bits), "12x" (as 12) and counts past 2^32 (cut): a corrupt profile loaded as other counts.
template <typename T>
T profile_number(std::string_view text) {
    T value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) throw std::invalid_argument("number");
    return value;
}

}  // namespace

Recurrence Recurrence::load(const std::string& path) {
    const std::string text = read_all(path);
    std::istringstream in(text);
    std::string line;
    const bool has_header = static_cast<bool>(std::getline(in, line));
    if (has_header && line.rfind("once-profile ", 0) == 0 && line != k_profile_header && line != k_profile_header_v1)
        throw Error(ExitCode::input_error,
                    "a once profile of another version ('" + line + "'), this once reads '" +
                        std::string(k_profile_header) + "' and '" + std::string(k_profile_header_v1) +
                        "': learn it again with this once",
                    path);
    if (!has_header || (line != k_profile_header && line != k_profile_header_v1))
        throw Error(ExitCode::input_error, "not a once profile (expected header '" + std::string(k_profile_header) + "')",
                    path);
    const bool needs_end = line == k_profile_header;
    Recurrence profile;
    Group* current = nullptr;
    std::uint64_t line_number = 1;
    std::uint64_t entries = 0;  // group and key lines
    bool ended = false;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.empty()) continue;
        try {
            if (ended) throw std::invalid_argument("after the end line");
            if (needs_end && line.rfind(k_profile_end, 0) == 0) {
                if (profile_number<std::uint64_t>(std::string_view(line).substr(k_profile_end.size())) != entries)
                    throw std::invalid_argument("end count");
                ended = true;
                continue;
            }
            ++entries;
            if (line.rfind("group\t", 0) == 0) {
                const auto tab = line.rfind('\t');
                // tab == 6: an empty group name, which save writes (issue 14: load refused it).
                if (tab < 6) throw std::invalid_argument("group line");
                current = &profile.groups_[line.substr(6, tab - 6)];
                current->documents += profile_number<std::uint32_t>(std::string_view(line).substr(tab + 1));
                continue;
            }
            const auto tab = line.find('\t');
            if (current == nullptr || tab == std::string::npos) throw std::invalid_argument("entry");
            const std::string_view entry = line;
            current->counts[profile_number<std::uint64_t>(entry.substr(0, tab))] +=
                profile_number<std::uint32_t>(entry.substr(tab + 1));
        } catch (const std::exception&) {
            throw Error(ExitCode::input_error, "malformed profile line " + std::to_string(line_number), path);
        }
    }
    if (needs_end && !ended)
        throw Error(ExitCode::input_error,
                    "profile cut short: no end line after line " + std::to_string(line_number) +
                        " (a copy cut short, or a disk that filled up)",
                    path, text.size());
    return profile;
}

JudgeContext::JudgeContext(const Config& config_in)
    : own_lexicon_(config_in.lexicon_dir.empty() ? nullptr
                                                 : std::make_shared<const Lexicon>(Lexicon::load(config_in.lexicon_dir))),
      config(config_in), lexicon(own_lexicon_ ? *own_lexicon_ : Lexicon::builtin()),
      markers(config_in.marker_patterns.empty() ? builtin_marker_patterns() : config_in.marker_patterns),
      keep(config_in.keep_patterns) {}

std::vector<LineVerdictDetail> judge_lines(const DocAnalysis& analysis, const std::string& group,
                                           const Recurrence& recurrence, const JudgeContext& context) {
    const auto& lines = analysis.layout.lines;
    std::vector<LineVerdictDetail> verdicts(lines.size());
    std::vector<LineFeatures> features(lines.size());
    const std::uint32_t group_docs = recurrence.documents(group);
    const KeyCounts* counts = recurrence.counts_of(group);
    const auto prefetch_counts = [&](std::size_t i) {
        if (counts == nullptr || i >= lines.size() || lines[i].blank) return;
        counts->prefetch(analysis.line_templates[i]);
        if (analysis.line_values[i] != analysis.line_templates[i]) counts->prefetch(analysis.line_values[i]);
    };
    const auto count_of = [counts](std::uint64_t key) -> std::uint32_t { return counts == nullptr ? 0 : counts->find(key); };
    for (std::size_t i = 0; i < k_count_prefetch_lines; ++i) prefetch_counts(i);
    // Inline ignore markers, in any comment syntax (<!-- once:ignore-start -->, # once:ignore-line):
    // the lines they cover are never removed or reported (they may still be a kept copy).
    bool in_ignored_region = false;
    bool ignore_next = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        LineFeatures& feature = features[i];
        prefetch_counts(i + k_count_prefetch_lines);
        feature.blank = line.blank;
        if (line.blank) continue;
        feature.normalized = line.normalized;
        feature.weight = static_cast<int>(analysis.line_weights[i]);
        feature.group_docs = group_docs;
        feature.recurrence_docs = count_of(analysis.line_templates[i]);
        feature.has_numbers = analysis.line_values[i] != analysis.line_templates[i];
        feature.value_docs = feature.has_numbers ? count_of(analysis.line_values[i]) : feature.recurrence_docs;
        const std::string_view text = line.normalized;
        bool ignored = in_ignored_region || ignore_next;
        ignore_next = false;
        if (text.find("once:ignore") != std::string_view::npos) {
            ignored = true;
            if (text.find("once:ignore-start") != std::string_view::npos) in_ignored_region = true;
            if (text.find("once:ignore-end") != std::string_view::npos) in_ignored_region = false;
            if (text.find("once:ignore-next-line") != std::string_view::npos) ignore_next = true;
        }
        if (ignored) {
            feature.protect = true;
            verdicts[i].role = LineRole::protect;
            continue;
        }
        if (!context.keep.empty() && context.keep.search(line.normalized)) {
            feature.protect = true;
            verdicts[i].role = LineRole::protect;
            continue;
        }
        // Markers are short; skip the regex engine for long lines.
        if (line.normalized.size() <= k_max_marker_bytes && context.markers.matches(line.normalized))
            verdicts[i].role = LineRole::marker;
    }
    // A document most of whose text recurs elsewhere in its group is a copy of another document
    // (a repost), not a page made of templates: its lines are left to the duplicate stage, which
    // keeps the first copy. Chrome is a minority of a page's text.
    std::uint64_t total_weight = 0, recurring_weight = 0;
    for (const auto& feature : features) {
        if (feature.blank) continue;
        total_weight += static_cast<std::uint64_t>(feature.weight);
        if (feature.value_docs >= 2) recurring_weight += static_cast<std::uint64_t>(feature.weight);
    }
    if (total_weight > 0 && recurring_weight * k_repost_share_den > total_weight * k_repost_share_num)
        for (auto& feature : features) feature.recurrence_docs = feature.value_docs = 0;
    const std::vector<LineVerdict> shapes = classify_lines(features, context.lexicon, context.config);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        verdicts[i].title = shapes[i].title;
        // A kept contents entry carries its rule too: it may be matched, but is no source
        // (plan/provenance.hpp); so does a kept spec-table row (plan/copy_runs.cpp) and a kept
        // row of a code listing (plan/own_text_runs.cpp).
        if (verdicts[i].role == LineRole::text &&
            (shapes[i].rule == ShapeRule::contents || shapes[i].rule == ShapeRule::spec_row ||
             shapes[i].rule == ShapeRule::listing))
            verdicts[i].rule = shapes[i].rule;
        if (verdicts[i].role != LineRole::text || !shapes[i].chrome) continue;
        verdicts[i].role = LineRole::boilerplate;
        verdicts[i].score = shapes[i].score;
        verdicts[i].by_recurrence = shapes[i].by_recurrence;
        verdicts[i].docs = features[i].value_docs;
        verdicts[i].rule = shapes[i].rule;
    }
    return verdicts;
}

}  // namespace once
