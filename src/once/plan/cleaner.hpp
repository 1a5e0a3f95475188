// cleaner.hpp — the cleaned text: the original bytes with the removed spans cut out.
//
// Why a subsequence: nothing is rewritten, normalized or reflowed, so whatever survives is
// byte-for-byte what the author wrote, and the map alone reproduces the cleaned text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "once/core/result.hpp"
#include "once/text/segmenter.hpp"

namespace once {

// `spans` sorted and non-overlapping (planner.hpp guarantees it).
std::string cut_spans(std::string_view text, const std::vector<Span>& spans);

// Fills start_pos / end_pos of every span from the document's text and layout.
void set_positions(std::string_view text, const Layout& layout, std::vector<Span>& spans);

// Fills what reports and baselines read of every span once its bytes are final: the positions
// (set_positions) and content_hash (the span's normalized text, with its kind). A single run and
// a sharded `apply` both call this, so their maps are the same byte for byte.
void set_positions_and_hashes(std::string_view text, const Layout& layout, std::vector<Span>& spans);

}  // namespace once
