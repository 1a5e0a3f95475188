// sentence_ends.cpp — the matcher's index of sentence ends (matcher.hpp: sentence_ending,
// index_sentence_ends): where a paste that begins inside a sentence finds that sentence.
//
// Why beside the bands: a paste's first piece is its source sentence's end. When the piece is a
// large share of the sentence, containment over MinHash finds the sentence; when it is a small
// share (a quarter: Jaccard ~0.25), the bands offer it one time in eight or so, and on real text
// (bench/inject_real.py) most pastes spanning one sentence boundary stayed for that reason. The
// piece and its source share their last tokens exactly, so a key per sentence, a hash of its
// last tokens (end_key, align.hpp), finds it; and one of its first tokens (start_key) finds the
// sentence a paste ends in, for a paste whose first piece is too light to have a key. Only the newest kept sentence per key is held: an
// ending shared by many sentences ("...することが明らかになった。") names the newest, and the
// planner's token check then finds the piece is not all of its end.
//
// Order: documents are added once planned (stages.cpp), on the sequential thread, so the answers
// are those of planning one document after another, for any thread count and batch size.
#include "once/core/error.hpp"
#include "once/match/align.hpp"
#include "once/match/matcher.hpp"

namespace once {

namespace {

void put_newest(FlatHashIndex& index, std::optional<std::uint64_t> key, std::uint32_t id) {
    if (!key) return;
    const auto [slot, inserted] = index.try_emplace(*key, id, [](std::uint32_t) { return true; });
    if (!inserted) *slot = id;  // one sentence per key: the newest
}

}  // namespace

std::optional<std::uint64_t> Matcher::newest_in(const FlatHashIndex& table, std::optional<std::uint64_t> key,
                                                bool bulleted_text) const {
    if (!key) return std::nullopt;
    const std::uint32_t* found = table.find(*key, [](std::uint32_t) { return true; });
    if (found == nullptr) return std::nullopt;
    // A list entry and a page's own text are the same words in different roles (as in verify).
    if (bulleted(*found) != bulleted_text) return std::nullopt;
    return std::uint64_t{*found};
}

std::optional<std::uint64_t> Matcher::sentence_ending(const UnitRecord& piece) const {
    return newest_in(sentence_ends_, end_key(piece.edges), piece.bulleted);
}

std::optional<std::uint64_t> Matcher::sentence_starting(const UnitRecord& text) const {
    return newest_in(sentence_starts_, start_key(text.edges), text.bulleted);
}

bool Matcher::may_hold(std::uint64_t id, const UnitRecord& piece) const {
    // Checked before the planner reads the candidate's edge tokens from disk: a stock ending
    // ("..., as the council said.") names an earlier sentence for nearly every sentence that
    // ends so, and reading each one's record was most of the edge store's reads in such runs.
    if (!may_source(id, piece.bulleted)) return false;
    const Record& theirs = record(id);
    return (piece.number_mask & ~theirs.number_mask) == 0 && piece.set_size <= theirs.set_size;
}

bool Matcher::may_source(std::uint64_t id, bool bulleted_piece) const {
    return id < record_of_.size() && is_source(id) && bulleted(id) == bulleted_piece;
}

bool Matcher::same_facts(std::uint64_t id, const UnitRecord& unit) const {
    return may_source(id, unit.bulleted) && record(id).number_hash == unit.number_hash;
}

void Matcher::index_sentence_ends(const DocAnalysis& analysis) {
    for (std::size_t k = 0; k < analysis.units.size(); ++k) {
        const std::uint64_t id = document_base_ + k;
        if (!indexed_source(id) || kept_[id] != id) continue;
        const TokenEdges& edges = analysis.units[k].edges;
        put_newest(sentence_ends_, end_key(edges), static_cast<std::uint32_t>(id));
        put_newest(sentence_starts_, start_key(edges), static_cast<std::uint32_t>(id));
    }
}

void Matcher::mark_removed_as(std::uint64_t id, std::uint64_t kept) {
    if (id < document_base_ || id - document_base_ >= document_direct_.size() || kept >= id)
        throw Error(ExitCode::internal, "mark_removed_as: sentence " + std::to_string(id) + " is not of the last document");
    kept_.set(id, kept_[kept]);
}

}  // namespace once
