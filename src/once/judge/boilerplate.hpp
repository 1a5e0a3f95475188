// boilerplate.hpp — what recurs per site, and the per-line verdicts of a document:
// marker, boilerplate (by recurrence or by shape), protected, or article text.
//
// Why recurrence per group: menus, footers and promotions are the lines a site prints on many
// pages; counted per group (site) on normalized lines with numbers masked, `© 2024 Foo` and
// `© 2025 Foo` are one template. Counting is pass 1 of a run (or comes from a learned profile,
// so a single new article from a known site is judged like a whole crawl). The verdicts combine
// those counts with the page's own shape (shape.hpp) and the marker patterns (markers.hpp).
//
// Profile file (docs/profile-format.md): a text header line `once-profile 2` then one line per
// group: `group<TAB>documents` followed by `key<TAB>count` lines, groups sorted by name, keys
// sorted — hashes, not text — and `end<TAB>N`, the number of lines between (a profile cut short
// is refused). Version 1 (no end line) is still read. Profiles merge by adding counts.
//
//   once::Recurrence counts;
//   counts.add_document("site-a", signer.line_templates(text));
//   auto verdicts = once::judge_lines(analysis, "site-a", counts, context);
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "once/core/config.hpp"
#include "once/judge/key_counts.hpp"
#include "once/judge/markers.hpp"
#include "once/judge/shape.hpp"
#include "once/sign/doc_analysis.hpp"

namespace once {

class Recurrence {
public:
    // Counts each distinct template of the document once.
    void add_document(const std::string& group, std::vector<std::uint64_t> templates);
    void merge(const Recurrence& other);

    std::uint32_t documents(const std::string& group) const;
    std::uint32_t count(const std::string& group, std::uint64_t key) const;
    // The counts of `group` (nullptr when it has none), for a caller that asks many keys of one
    // group: one look-up of the name, and the keys' slots can be prefetched (judge_lines).
    const KeyCounts* counts_of(const std::string& group) const;
    bool empty() const { return groups_.empty(); }
    std::size_t size() const;  // distinct (group, template) pairs counted
    std::vector<std::string> groups() const;

    void save(const std::string& path) const;  // atomic (stream_io)
    static Recurrence load(const std::string& path);  // throws Error(input_error) naming the file

private:
    struct Group {
        std::uint32_t documents = 0;
        KeyCounts counts;  // per line template (key_counts.hpp)
    };
    std::map<std::string, Group> groups_;
};

enum class LineRole : std::uint8_t { text, boilerplate, marker, protect };

struct LineVerdictDetail {
    LineRole role = LineRole::text;
    std::uint32_t docs = 0;   // boilerplate by recurrence: documents of the group with this line
    double score = 0.0;       // boilerplate: the shape score
    bool by_recurrence = false;
    // The page's own title: another page carrying the same title does not make it a copy.
    bool title = false;
    // Boilerplate: the rule that decided (shape.hpp). Text: `contents` on an entry of the page's
    // table of contents (navigation: no source, plan/provenance.hpp), else none.
    ShapeRule rule = ShapeRule::none;

    // Removed by the judge as chrome: boilerplate or a marker.
    bool chrome() const { return role == LineRole::boilerplate || role == LineRole::marker; }
};

// Everything judge_lines needs besides the document, built once per run.
struct JudgeContext {
private:
    std::shared_ptr<const Lexicon> own_lexicon_;  // config.lexicon_dir's lists, when given

public:
    const Config& config;
    const Lexicon& lexicon;
    PatternSet markers;
    PatternSet keep;
    // With config.lexicon_dir's word lists (loaded here), else the built-in ones.
    explicit JudgeContext(const Config& config_in);
};

std::vector<LineVerdictDetail> judge_lines(const DocAnalysis& analysis, const std::string& group,
                                           const Recurrence& recurrence, const JudgeContext& context);

}  // namespace once
