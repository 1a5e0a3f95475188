// align.hpp — a copy and its source compared token by token, from their held edge tokens
// (TokenEdges, shingler.hpp): how many tokens they share at the start and at the end.
//
// Why: MinHash says how much two sentences share, not where. Token alignment says where a
// passage pasted mid-sentence begins and ends (so the removed bytes start and end where the
// copy does, in any script: a token is a word, or one CJK character), and whether a near copy
// differs from its source by a few edits or a cut, or all over (a rewritten sentence that shares
// words, which is not a copy).
//
// Contract: counts stop at the first differing token or at the first token a side does not
// hold (the middle of a sentence longer than 2 * TokenEdges::k_edge tokens), which `unknown`
// says. Tokens are held as 8-bit hashes: a count runs one token too far with probability 1/256
// per differing token.
//
//   const once::Shared start = once::common_prefix(copy.edges, source.edges);
//   if (start.weight >= 6) ...   // 6: three words, or six CJK characters
#pragma once

#include <cstdint>
#include <optional>

#include "once/sign/shingler.hpp"

namespace once {

struct Shared {
    std::uint32_t tokens = 0;         // of the first sentence (the copy)
    std::uint32_t source_tokens = 0;  // of the second: more than `tokens` where words ran together
    std::uint32_t weight = 0;  // weight units of the shared tokens (1 per CJK token, 2 per word)
    bool unknown = false;      // stopped at a token one side does not hold
};

Shared common_prefix(const TokenEdges& a, const TokenEdges& b);
Shared common_suffix(const TokenEdges& a, const TokenEdges& b);
// The same from `copy`'s token `skip` on (counted from its start, or from its end): where a
// piece that is all of one source sentence goes on into the source's next (previous) one, as
// in a restart glued into one line, whose sentences run on across the source's line breaks.
Shared common_prefix_from(const TokenEdges& copy, std::size_t skip, const TokenEdges& source);
Shared common_suffix_from(const TokenEdges& copy, std::size_t skip, const TokenEdges& source);
// The same, reading on across the tokens one side does not hold (the middle of a sentence over
// 2 * TokenEdges::k_edge tokens) while the held tokens after them agree: a glued restart's
// first sentence (URL, date, headline and a long lead on one line) is longer than what is held,
// though its source's lead is held whole. A token not held counts k_unheld_token_weight; a run
// that stops inside or right after such tokens says `unknown`. `source_skip`: tokens of
// `source` passed over first — a word of it glued to the copy's token before ("IS12SXperia"
// where the source has "IS12S" at one line's end and "Xperia" at the next one's start).
// Inside the source's sentence too, one word of the copy may stand for two of the source's, the
// source's sentence running on across a line break that the copy lost ("約115g3G連続" for
// "約115g" and "3G連続" on two lines, one sentence: a line that starts with a digit or a
// lower-case letter continues the one before, segmenter.hpp; "...448https://..." in a list of
// URLs): taken when the k_merge_confirm tokens before and after the two agree.
Shared aligned_prefix_from(const TokenEdges& copy, std::size_t skip, const TokenEdges& source,
                           std::size_t source_skip);
Shared aligned_suffix_from(const TokenEdges& copy, std::size_t skip, const TokenEdges& source,
                           std::size_t source_skip);
// Does `copy` end with all of `source`'s tokens (aligned_suffix_from: read across what is not
// held)? Or with all but its first word, which the copy holds glued to the last word of the line
// before, as a glued restart does ("■Xperia acro HD IS12SXperia acro HD IS12Sは...機種です。"
// for the lines "■Xperia acro HD IS12S" and "Xperia acro HD IS12Sは...機種です。").
bool ends_with_sentence(const TokenEdges& copy, const TokenEdges& source);
// What the alignments need to know of a source before its edge tokens are read: its token count
// and its first and last tokens (from_start(0), from_end(0); -1 for none). The matcher keeps
// them for every record in memory (6 bytes), so a search over many candidate sources reads from
// disk only the few that may pass (edge_store.hpp).
struct EdgeEnds {
    std::uint16_t count = 0;
    std::int16_t first = -1;
    std::int16_t last = -1;
};
EdgeEnds edge_ends(const TokenEdges& edges);
// Can the copy's first token read from its end (`step` < 0) or start (`step` > 0) be the
// source's, or is the source one token or none? False means aligned_suffix_from (prefix) of the
// two shares no token and reads no further: common_run takes no merged word before
// k_merge_confirm tokens agree, so an alignment whose first tokens differ stops there.
bool may_share_edge(const TokenEdges& copy, EdgeEnds source, int step);
// Is ends_with_sentence(copy, source) possibly true, knowing of the source only its EdgeEnds? A
// necessary condition, never a sufficient one: false only where ends_with_sentence is false.
bool may_end_with(const TokenEdges& copy, EdgeEnds source);
// Held tokens that must agree before and after a word of the copy taken for two of the source's:
// with 8-bit token hashes, two agreeing tokens after two differing words is 1 in 65,536 by chance.
constexpr std::size_t k_merge_confirm = 2;
// A token not held weighs as a CJK character, the lighter kind: its kind is not known.
constexpr std::uint32_t k_unheld_token_weight = 1;
// Is token t of `edges` (from its start, or from its end) a held word, not a CJK character: the
// only tokens that run together where two lines are glued without a space between them.
bool word_from_start(const TokenEdges& edges, std::size_t t);
bool word_from_end(const TokenEdges& edges, std::size_t t);

// Is `copy` an edited copy of `source`: the tokens of each that are not in their longest
// common subsequence at most `max_share` of it (a few words changed, added or dropped), not a
// sentence rewritten around shared words? Sentences longer than what is held pass when both
// held edges agree entirely (the edits lie in the unseen middle).
bool edited_copy(const TokenEdges& copy, const TokenEdges& source, double max_share);

// Do `copy` and `source` differ in one stretch of tokens only: a common start and a common end
// (not overlapping) that together hold at least `min_share` of each one's tokens, the tokens
// between them replaced, added or dropped ("The football club launched [the city's climate
// plan]." for "... [a ban on single-use plastics]."; "具体的には、航空会社は今秋、[新型車の投入]を
// 提案した。" for "...[人手不足への対策]を..."), not words changed here and there? Only sentences
// held whole (2 * TokenEdges::k_edge tokens at most): the stretch must be seen to be one.
// `min_share` above 1 never holds.
bool one_stretch_edited(const TokenEdges& copy, const TokenEdges& source, double min_share);

// The weight of `edges`' held tokens from token `skip` on, counted from its end (`from_end`) or
// its start: how far a sentence goes on beyond the part it shares with another (the tokens
// past the held edge are not counted).
std::uint32_t held_weight_from(const TokenEdges& edges, std::size_t skip, bool from_end);

// Is `copy` a cut-off piece of `source`: its tokens all at `source`'s start, or all at its end
// (one token of slack at the cut, a word cut in half, when `copy` has fewer tokens: with as many
// as `source`, a word replaced at an edge is an edit)?
bool is_cut_piece(const TokenEdges& copy, const TokenEdges& source);

// A hash of a sentence's last tokens, as many as reach k_end_key_weight: the key under which the
// matcher finds an earlier sentence that ends the same way (Matcher::sentence_ending). A paste
// that begins inside a sentence has as its first piece that sentence's end; when the piece is a
// small share of the sentence, MinHash bands rarely offer the sentence as a candidate (a quarter
// of its length: Jaccard ~0.25), but the two share their last tokens exactly. nullopt for a
// sentence lighter than that.
std::optional<std::uint64_t> end_key(const TokenEdges& edges);
// The same of its first tokens: a paste ending inside a sentence has that sentence's start as its
// last piece, followed by the page's own words.
std::optional<std::uint64_t> start_key(const TokenEdges& edges);
// Ten weight units: five words or ten CJK characters, the run rules' k_min_core_weight (plan/run_rules.hpp):
// a piece lighter than that never anchors a paste's next piece, so it needs no key.
constexpr std::uint32_t k_end_key_weight = 10;

}  // namespace once
