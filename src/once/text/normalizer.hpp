// normalizer.hpp — NFKC, case folding, width folding and white-space collapsing, with an
// alignment from every normalized byte back to the original byte it came from.
//
// Why: copies differ in width (ＡＩ / AI, ２０２４ / 2024, ｶﾀｶﾅ / カタカナ), case and spacing,
// and must still compare equal; reports must still point at the original bytes (the approach of
// sentencepiece's normalizer). Line breaks are kept as '\n' (CRLF and CR become '\n'; U+2028,
// U+2029, U+0085, vertical tab and form feed are white space, since lines of a file end only at
// \n and \r) so segmentation can see lines; horizontal white space collapses to one ' ' and is trimmed at line
// ends; controls, format characters (ZWSP, soft hyphen, BOM) and default-ignorables are dropped.
//
// Contract: `origin.size() == text.size() + 1`; `origin[i]` is the offset (relative to the
// normalized input's own start) of the original character that produced normalized byte i;
// `origin[text.size()]` is the input's length. `original_end(i)` gives the end of that
// character, so a normalized range [a, b) maps to [origin[a], original_end(b - 1)).
//
//   auto norm = once::normalize("Ｈｅｌｌｏ\u3000World");   // text == "hello world"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace once {

struct NormalizedText {
    std::string text;
    std::vector<std::uint32_t> origin;
    std::vector<std::uint32_t> origin_end;  // end of the original character of each byte
};

// `original` must be valid UTF-8 (the reader guarantees it).
NormalizedText normalize(std::string_view original);

// normalize(original) into `out`, reusing its arrays: for a caller that normalizes many pieces
// one after another (the segmenter, block by block), so each piece costs no allocation and no
// zeroing of arrays already sized. out.text and origin[0, text.size()] (and origin_end) are
// normalize's; origin and origin_end may be longer, their tail stale.
void normalize_into(std::string_view original, NormalizedText& out);

// normalize(original).text without the alignment: the same bytes, cheaper, for callers that
// never map back to the original (line templates of the recurrence count).
std::string normalize_text(std::string_view original);

}  // namespace once
