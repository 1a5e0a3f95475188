// shape_rows.hpp — pages as tables of rows for the shape classifier's tests (shape_test.cpp,
// shape_blocks_test.cpp): each row an expectation and a normalized line.
//
// 'r' the line must be removed as chrome, 'k' it must be kept, '.' either (or blank). Lines are
// written already normalized (lower case, half-width ASCII), the way the normalizer hands them over.
#pragma once

#include "once/judge/shape.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace once::test {

struct Row {
    char expect;             // 'r' remove, 'k' keep, '.' either
    std::string_view text;
    std::uint32_t recurrence = 0;  // documents of the group containing the line (0 = unknown)
    bool protect = false;
    // A line with numbers: documents containing it with these very numbers; -1 = no numbers.
    int value = -1;
};

// Weight units (config.hpp): 1 per CJK character, 2 per word of a space-separated script.
inline int weight_of(std::string_view s) {
    int weight = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        char32_t c = b;
        std::size_t len = 1;
        if (b >= 0xF0) { len = 4; c = b & 0x07; }
        else if (b >= 0xE0) { len = 3; c = b & 0x0F; }
        else if (b >= 0xC0) { len = 2; c = b & 0x1F; }
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += len;
        const bool cjk = (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) || (c >= 0x4E00 && c <= 0x9FFF);
        const bool word = !cjk && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0xC0) &&
                          c != 0x30FB && !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFF00 && c <= 0xFFEF) &&
                          !(c >= 0x2000 && c <= 0x2BFF);
        if (cjk) ++weight;
        if (word && !in_word) weight += 2;
        in_word = word;
    }
    return weight;
}

inline std::vector<once::LineFeatures> features_of(const std::vector<Row>& rows, std::uint32_t group_docs) {
    std::vector<once::LineFeatures> lines;
    for (const Row& row : rows) {
        once::LineFeatures f;
        f.normalized = row.text;
        f.blank = row.text.empty();
        f.weight = weight_of(row.text);
        f.recurrence_docs = row.recurrence;
        f.group_docs = row.recurrence > 0 ? group_docs : 0;
        f.protect = row.protect;
        f.has_numbers = row.value >= 0;
        f.value_docs = row.value >= 0 ? static_cast<std::uint32_t>(row.value) : row.recurrence;
        lines.push_back(f);
    }
    return lines;
}

inline std::vector<once::LineVerdict> classify(const std::vector<Row>& rows, const once::Config& config = {},
                                        std::uint32_t group_docs = 0) {
    return once::classify_lines(features_of(rows, group_docs), once::Lexicon::builtin(), config);
}

// Checks every row's expectation and the contract that holds for every line.
inline void check_page(const std::vector<Row>& rows, const once::Config& config = {}, std::uint32_t group_docs = 0) {
    const auto verdicts = classify(rows, config, group_docs);
    REQUIRE(verdicts.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        CAPTURE(rows[i].text);
        CAPTURE(verdicts[i].score);
        CHECK(verdicts[i].score >= 0.0);
        CHECK(verdicts[i].score <= 1.0);
        if (rows[i].text.empty()) {
            CHECK_FALSE(verdicts[i].chrome);
            CHECK(verdicts[i].score == 0.0);
        }
        if (rows[i].protect) CHECK_FALSE(verdicts[i].chrome);
        if (rows[i].expect == 'r') CHECK(verdicts[i].chrome);
        if (rows[i].expect == 'k') CHECK_FALSE(verdicts[i].chrome);
    }
}

// An English story of four paragraphs of about 30 words (weight ~60 each): a page's main run
// (shape_foot_test.cpp, shape_form_test.cpp, shape_widget_test.cpp).
inline const std::vector<std::string> k_story = {
    "the keeper had not expected visitors in the middle of the storm, and he said so twice before he let "
    "them in. the lamp was turning above them all the while.",
    "inside, the stairs wound up the tower in a tight spiral, and every landing had a small window that "
    "looked out over the grey water and the rocks below.",
    "he had kept the light for thirty years, he told them, and in all that time the sea had never once been "
    "as loud as it was on that night in march.",
    "when the rain stopped they climbed to the lamp room, where the great lens turned slowly and threw its "
    "beam far out across the bay to the ships.",
};

// The paragraphs as rows that must stay, each followed by a blank line.
inline std::vector<Row> story_rows(const std::vector<std::string>& story) {
    std::vector<Row> rows;
    for (const std::string& p : story) {
        rows.push_back({'k', p});
        rows.push_back({'.', ""});
    }
    return rows;
}

// Pages written as pieces: story_rows(k_story) + std::vector<Row>{...}.
inline std::vector<Row> operator+(std::vector<Row> a, const std::vector<Row>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace once::test
