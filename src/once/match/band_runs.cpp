// band_runs.cpp — sorted runs of band entries, their join into candidate pairs, and the pairs'
// stream by prober (band_runs.hpp says why this gives the band tables' candidates).
#include "once/match/band_runs.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "once/core/error.hpp"
#include "once/core/spill_file.hpp"
#include "once/match/band_layout.hpp"
#include "once/sign/minhash.hpp"

namespace once {
namespace {

using band_layout::k_max_chain;
using band_layout::k_min_lsh_set;

// Bytes of read buffer shared by the runs being merged: one pread per run every few hundred
// records even with hundreds of runs, and a bounded amount of memory with any number.
constexpr std::size_t k_merge_buffer_bytes = std::size_t{4} << 20;
// The fewest records a run's read buffer holds (with very many small runs, as in tests).
constexpr std::size_t k_min_merge_records = 64;

// Records of a trivially copyable T, pushed in any order and read back sorted by `Less`: in
// memory while they fit one run, else as runs sorted in memory, written to one unlinked file,
// and merged k ways. Every key is complete (no two records compare equal unless identical), so
// the order does not depend on where the runs were cut.
template <typename T, typename Less>
class RunSorter {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    RunSorter(std::string folder, std::size_t run_records)
        : folder_(std::move(folder)), run_records_(std::max<std::size_t>(run_records, 1)) {}

    void push(const T& record) {
        run_.push_back(record);
        if (run_.size() == run_records_) spill();
    }
    // Ends pushing; next() reads from the start.
    void finish() {
        if (runs_.empty()) {
            std::sort(run_.begin(), run_.end(), Less{});
            return;
        }
        if (!run_.empty()) spill();
        std::vector<T>().swap(run_);
        const std::size_t per_run = std::max(k_min_merge_records, k_merge_buffer_bytes / sizeof(T) / runs_.size());
        for (std::size_t r = 0; r < runs_.size(); ++r) {
            runs_[r].buffer_records = per_run;
            if (refill(runs_[r])) heap_.push_back(r);
        }
        std::make_heap(heap_.begin(), heap_.end(), later_first());
    }
    bool next(T& out) {
        if (runs_.empty()) {
            if (memory_at_ == run_.size()) return false;
            out = run_[memory_at_++];
            return true;
        }
        if (heap_.empty()) return false;
        std::pop_heap(heap_.begin(), heap_.end(), later_first());
        Run& run = runs_[heap_.back()];
        out = run.buffer[run.at++];
        if (run.at < run.buffer.size() || refill(run)) std::push_heap(heap_.begin(), heap_.end(), later_first());
        else heap_.pop_back();
        return true;
    }
    std::uint64_t spilled() const { return file_ ? file_->size() / sizeof(T) : 0; }
    std::size_t runs() const { return std::max<std::size_t>(runs_.size(), 1); }

private:
    struct Run {
        std::uint64_t offset = 0;  // of its next unread record in the file
        std::uint64_t left = 0;    // records not yet read into the buffer
        std::size_t buffer_records = 0;
        std::vector<T> buffer;
        std::size_t at = 0;
    };
    void spill() {
        std::sort(run_.begin(), run_.end(), Less{});
        if (!file_) file_ = std::make_unique<SpillFile>(folder_);
        Run run;
        run.offset = file_->size();
        run.left = run_.size();
        runs_.push_back(std::move(run));
        file_->append(std::string_view(reinterpret_cast<const char*>(run_.data()), run_.size() * sizeof(T)));
        run_.clear();
    }
    // Reads the run's next records; false when it has none left.
    bool refill(Run& run) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(run.left, run.buffer_records));
        run.buffer.resize(n);
        run.at = 0;
        if (n == 0) return false;
        file_->read_at(run.offset, reinterpret_cast<char*>(run.buffer.data()), n * sizeof(T));
        run.offset += n * sizeof(T);
        run.left -= n;
        return true;
    }
    // The heap's comparison: the run whose next record sorts first is on top.
    auto later_first() const {
        return [this](std::size_t a, std::size_t b) {
            return Less{}(runs_[b].buffer[runs_[b].at], runs_[a].buffer[runs_[a].at]);
        };
    }

    std::string folder_;
    std::size_t run_records_;
    std::vector<T> run_;
    std::size_t memory_at_ = 0;
    std::unique_ptr<SpillFile> file_;
    std::vector<Run> runs_;
    std::vector<std::size_t> heap_;
};

// Entry flags.
constexpr std::uint8_t k_probes = 1;
constexpr std::uint8_t k_member = 2;
constexpr std::uint8_t k_tentative = 4;

// 16 bytes: a band entry on disk is the struct's bytes (the file lives only as long as the run).
struct BandEntry {
    std::uint64_t key;
    std::uint32_t id;
    std::uint16_t band;
    std::uint8_t flags;
    std::uint8_t unused;
};
// Groups (band, key) need only be contiguous and in id order inside, not in band order: the key
// first, which nearly always decides (a key mixes in its band), then the band and the id.
struct BandOrder {
    bool operator()(const BandEntry& a, const BandEntry& b) const {
        if (a.key != b.key) return a.key < b.key;
        if (a.band != b.band) return a.band < b.band;
        return a.id < b.id;
    }
};

}  // namespace

BandRole BandRoles::next(const Sentence& sentence) {
    BandRole role;
    if (!sentence.may_match || sentence.key == 0) return role;  // not indexed (match_batch)
    const auto same = [&](std::uint32_t state) { return states_[state].key == sentence.key; };
    std::uint32_t* found = index_.find(sentence.key, same);
    KeyState* state = found != nullptr ? &states_[*found] : nullptr;
    // As verify: a list entry and a sentence that is not one are a copy only in one document.
    const bool first_accepted =
        state != nullptr && (state->first_bulleted == sentence.bulleted || state->first_doc == sentence.doc);
    const bool later_accepted =
        state != nullptr && state->has_later &&
        ((sentence.bulleted ? state->later_bulleted : state->later_plain) || state->later_doc == sentence.doc);
    role.probes = sentence.set_size >= k_min_lsh_set && !first_accepted;
    role.member = role.probes && sentence.may_source;
    role.tentative = role.member && later_accepted;
    tentative_ += role.tentative ? 1 : 0;
    if (!sentence.may_source) return role;
    if (state == nullptr) {
        index_.try_emplace(sentence.key, static_cast<std::uint32_t>(states_.size()), same);
        states_.push_back({sentence.key, sentence.doc, sentence.doc, sentence.bulleted, false, false, false});
    } else {
        state->has_later = true;
        state->later_bulleted |= sentence.bulleted;
        state->later_plain |= !sentence.bulleted;
        state->later_doc = sentence.doc;
    }
    return role;
}

std::vector<BandCandidate> resolve_tentative(const std::vector<BandPair>& detail,
                                             const std::function<bool(std::uint32_t)>& entered) {
    std::vector<BandPair> by_band = detail;
    std::sort(by_band.begin(), by_band.end(), [](const BandPair& a, const BandPair& b) {
        return a.band != b.band ? a.band < b.band : a.id > b.id;  // newest first within a band
    });
    std::vector<BandCandidate> out;
    for (std::size_t i = 0; i < by_band.size();) {
        std::size_t end = i;
        int taken = 0;
        for (; end < by_band.size() && by_band[end].band == by_band[i].band; ++end) {
            if (taken == k_max_chain || (by_band[end].tentative && !entered(by_band[end].id))) continue;
            ++taken;
            out.push_back({by_band[end].id, 1});
        }
        i = end;
    }
    std::sort(out.begin(), out.end(), [](const BandCandidate& a, const BandCandidate& b) { return a.id < b.id; });
    std::vector<BandCandidate> merged;
    for (const BandCandidate& c : out) {
        if (!merged.empty() && merged.back().id == c.id) ++merged.back().bands;
        else merged.push_back(c);
    }
    return merged;
}

namespace {
struct PairOrder {
    template <typename Pair>
    bool operator()(const Pair& a, const Pair& b) const {
        if (a.prober != b.prober) return a.prober < b.prober;
        if (a.candidate != b.candidate) return a.candidate < b.candidate;
        return a.band_flags < b.band_flags;
    }
};
}  // namespace

class CandidateStream::Source : public RunSorter<CandidateStream::Pair, PairOrder> {
public:
    using RunSorter::RunSorter;
};

class BandRuns::Entries : public RunSorter<BandEntry, BandOrder> {
public:
    using RunSorter::RunSorter;
};

CandidateStream::CandidateStream(std::unique_ptr<Source> source) : source_(std::move(source)) {}
CandidateStream::CandidateStream(CandidateStream&&) noexcept = default;
CandidateStream& CandidateStream::operator=(CandidateStream&&) noexcept = default;
CandidateStream::~CandidateStream() = default;
std::uint64_t CandidateStream::spilled_pairs() const { return source_->spilled(); }
std::size_t CandidateStream::runs() const { return source_->runs(); }

ProbeCandidates CandidateStream::take(std::uint32_t id) {
    ProbeCandidates out;
    bool tentative = false;
    for (;; have_ = false) {
        if (!have_ && !source_->next(next_)) break;
        have_ = true;
        if (next_.prober < id) continue;  // a prober the matcher did not ask for
        if (next_.prober > id) break;
        if (out.candidates.empty() || out.candidates.back().id != next_.candidate)
            out.candidates.push_back({next_.candidate, 0});
        ++out.candidates.back().bands;
        tentative |= (next_.band_flags & 1) != 0;
        out.detail.push_back({next_.candidate, next_.band_flags >> 1, (next_.band_flags & 1) != 0});
    }
    if (!tentative) out.detail.clear();
    return out;
}

BandRuns::BandRuns(const std::string& tmp_folder, std::size_t bands, int rows, std::size_t run_entries)
    : tmp_folder_(tmp_folder), bands_(bands), rows_(rows),
      run_entries_(run_entries != 0 ? run_entries : k_default_run_entries),
      low_(bands * static_cast<std::size_t>(rows)), keys_(bands) {
    entries_ = std::make_unique<Entries>(tmp_folder_, run_entries_);
}

void BandRuns::add_document(std::uint32_t doc, const DocAnalysis& analysis, const Matchable& matchable) {
    const std::size_t k = low_.size();
    for (std::size_t i = 0; i < analysis.units.size(); ++i) {
        const UnitRecord& unit = analysis.units[i];
        low_bytes(analysis.signatures.data() + i * k, static_cast<int>(k), low_.data());
        add_sentence({unit.key, unit.set_size, unit.bulleted, matchable.match[i],
                      matchable.source.empty() || matchable.source[i], doc},
                     low_.data());
    }
}

void BandRuns::add_sentence(const BandRoles::Sentence& sentence, const std::uint8_t* low) {
    if (next_id_ > band_layout::k_max_ids)  // the matcher's limit, found before anything is sorted
        throw Error(ExitCode::resource_limit, "more than 2^31 sentences in one run: split the input");
    const auto id = static_cast<std::uint32_t>(next_id_++);
    const BandRole role = roles_.next(sentence);
    if (!role.probes && !role.member) return;
    for (std::size_t b = 0; b < bands_; ++b) keys_[b] = band_key(low, static_cast<int>(b), rows_);
    add(id, role, keys_.data());
}
BandRuns::~BandRuns() = default;
std::uint64_t BandRuns::spilled_entries() const { return entries_ ? entries_->spilled() : spilled_entries_; }
std::size_t BandRuns::runs() const { return entries_ ? entries_->runs() : runs_; }

void BandRuns::add(std::uint32_t id, const BandRole& role, const std::uint64_t* keys) {
    if (!role.probes && !role.member) return;
    const auto flags = static_cast<std::uint8_t>((role.probes ? k_probes : 0) | (role.member ? k_member : 0) |
                                                 (role.tentative ? k_tentative : 0));
    for (std::size_t b = 0; b < bands_; ++b) entries_->push({keys[b], id, static_cast<std::uint16_t>(b), flags, 0});
}

CandidateStream BandRuns::candidates() && {
    entries_->finish();
    auto pairs = std::make_unique<CandidateStream::Source>(tmp_folder_, run_entries_);
    // The members of the current group before the entry at hand, oldest first: the newest
    // k_max_chain that are not tentative, and the tentative ones among or after them (each may
    // not have entered, and then one more older member is in the bucket's ring).
    struct Member {
        std::uint32_t id;
        bool tentative;
    };
    // A vector from `oldest` on, not a deque: nearly every group is one entry, and a deque's
    // clear() and first push_back freed and took a block each (the walk's main cost on ldcc).
    std::vector<Member> window;
    std::size_t oldest = 0;
    std::size_t definite = 0;
    BandEntry entry{};
    BandEntry group{};
    bool first = true;
    while (entries_->next(entry)) {
        if (first || entry.band != group.band || entry.key != group.key) {
            window.clear();
            oldest = 0;
            definite = 0;
            group = entry;
            first = false;
        }
        if (entry.flags & k_probes)
            for (std::size_t m = oldest; m < window.size(); ++m)
                pairs->push({entry.id, window[m].id,
                             static_cast<std::uint32_t>(entry.band) << 1 | (window[m].tentative ? 1u : 0u)});
        if ((entry.flags & k_member) == 0) continue;
        const bool tentative = (entry.flags & k_tentative) != 0;
        window.push_back({entry.id, tentative});
        definite += tentative ? 0 : 1;
        while (oldest < window.size()) {
            const std::size_t limit = static_cast<std::size_t>(k_max_chain);
            if (window[oldest].tentative ? definite < limit : definite <= limit) break;
            definite -= window[oldest].tentative ? 0 : 1;
            ++oldest;
        }
        // A long group (a common phrase) would grow the vector without bound: drop what is out.
        if (oldest > 4 * static_cast<std::size_t>(k_max_chain)) {
            window.erase(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(oldest));
            oldest = 0;
        }
    }
    spilled_entries_ = entries_->spilled();
    runs_ = entries_->runs();
    entries_.reset();  // its file and buffers go before the matcher starts
    pairs->finish();
    return CandidateStream(std::move(pairs));
}

}  // namespace once
