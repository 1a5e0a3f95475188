// band_runs_test.cpp — band candidates from sorted runs equal those of the band buckets' rings
// (the newest k_max_chain members of each (band, key), read before the sentence enters), in one
// run in memory and in many runs spilled to disk, with tentative members that did or did not
// enter; and the pre-pass's roles follow the matcher's exact-match rules.
#include "once/match/band_runs.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <functional>
#include <string>
#include <map>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "once/core/config.hpp"
#include "once/match/band_layout.hpp"
#include "once/match/matcher.hpp"
#include "once/sign/signer.hpp"
#include "temp_dir.hpp"

namespace {

struct Sentence {
    once::BandRole role;
    bool entered;  // a tentative member: what matching decided (the others: member)
    std::vector<std::uint64_t> keys;
};

// Random sentences over few keys per band, so that groups are long (rings overflow) and short.
std::vector<Sentence> random_sentences(std::size_t n, std::size_t bands, bool tentatives, std::uint32_t seed) {
    std::mt19937 random(seed);
    std::vector<Sentence> out(n);
    for (Sentence& s : out) {
        const unsigned kind = random() % 10;
        s.role.probes = kind != 0;                    // 1 in 10 takes no part
        s.role.member = s.role.probes && kind != 1;  // 1 in 10 probes only (text inside chrome)
        s.role.tentative = tentatives && s.role.member && random() % 4 == 0;
        s.entered = s.role.member && (!s.role.tentative || random() % 2 == 0);
        // Key spaces of 3, 30 and 300 in turn: groups of hundreds, tens, and a few.
        for (std::size_t b = 0; b < bands; ++b) s.keys.push_back(random() % (3 * (b % 3 == 0 ? 1 : b % 3 == 1 ? 10 : 100)));
    }
    return out;
}

// What the band tables give: per (band, key) a ring of the newest k_max_chain members that entered.
std::vector<std::vector<once::BandCandidate>> ring_candidates(const std::vector<Sentence>& sentences, std::size_t bands) {
    std::map<std::pair<std::size_t, std::uint64_t>, std::deque<std::uint32_t>> rings;
    std::vector<std::vector<once::BandCandidate>> out(sentences.size());
    for (std::uint32_t id = 0; id < sentences.size(); ++id) {
        const Sentence& s = sentences[id];
        if (s.role.probes) {
            std::map<std::uint32_t, std::uint32_t> bands_of;
            for (std::size_t b = 0; b < bands; ++b)
                for (const std::uint32_t other : rings[{b, s.keys[b]}]) ++bands_of[other];
            for (const auto& [other, count] : bands_of) out[id].push_back({other, count});
        }
        if (!s.entered) continue;
        for (std::size_t b = 0; b < bands; ++b) {
            auto& ring = rings[{b, s.keys[b]}];
            ring.push_back(id);
            if (ring.size() > static_cast<std::size_t>(once::band_layout::k_max_chain)) ring.pop_front();
        }
    }
    return out;
}

bool same(const std::vector<once::BandCandidate>& a, const std::vector<once::BandCandidate>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id || a[i].bands != b[i].bands) return false;
    return true;
}

}  // namespace

TEST_CASE("band runs: candidates equal the rings', in one run and in many spilled runs") {
    const std::size_t bands = 4;
    for (const bool tentatives : {false, true}) {
        for (const std::size_t run_entries : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{1000}}) {
            CAPTURE(tentatives);
            CAPTURE(run_entries);
            once::test::TempDir dir;
            const auto sentences = random_sentences(3000, bands, tentatives, 17 + static_cast<std::uint32_t>(run_entries));
            const auto expected = ring_candidates(sentences, bands);
            once::BandRuns runs(dir.path(), bands, 1, run_entries);
            for (std::uint32_t id = 0; id < sentences.size(); ++id)
                runs.add(id, sentences[id].role, sentences[id].keys.data());
            once::CandidateStream stream = std::move(runs).candidates();
            if (run_entries == 0) {  // the default: everything in one run in memory
                CHECK(runs.runs() == 1);
                CHECK(runs.spilled_entries() == 0);
                CHECK(stream.runs() == 1);
            } else {  // many runs, all on disk
                CHECK(runs.runs() > 1);
                CHECK(runs.spilled_entries() > 0);
                CHECK(stream.runs() > 1);
                CHECK(stream.spilled_pairs() > 0);
            }
            std::size_t mismatches = 0;
            std::size_t with_detail = 0;
            std::size_t overflowing = 0;  // lists where a ring had pushed members out
            for (std::uint32_t id = 0; id < sentences.size(); ++id) {
                if (!sentences[id].role.probes) {
                    CHECK(stream.take(id).candidates.empty());
                    continue;
                }
                once::ProbeCandidates listed = stream.take(id);
                std::vector<once::BandCandidate> got = listed.candidates;
                if (!listed.detail.empty()) {
                    ++with_detail;
                    got = once::resolve_tentative(listed.detail, [&](std::uint32_t other) { return sentences[other].entered; });
                }
                overflowing += expected[id].size() >= static_cast<std::size_t>(once::band_layout::k_max_chain) ? 1 : 0;
                mismatches += same(got, expected[id]) ? 0 : 1;
            }
            CHECK(mismatches == 0);
            CHECK(overflowing > 0);
            CHECK((with_detail > 0) == tentatives);
            CHECK(dir.entries().empty());  // runs live in unlinked files
        }
    }
}

TEST_CASE("band roles: who probes and enters the bands follows the exact-key rules of matching") {
    once::BandRoles roles;
    using S = once::BandRoles::Sentence;
    const auto role = [&](std::uint64_t key, std::uint32_t set_size, bool bulleted, bool may_match, bool may_source,
                          std::uint32_t doc) {
        const once::BandRole r = roles.next(S{key, set_size, bulleted, may_match, may_source, doc});
        return std::string(r.probes ? "p" : "-") + (r.member ? "m" : "-") + (r.tentative ? "t" : "-");
    };
    CHECK(role(1, 8, false, false, true, 0) == "---");  // may not be matched: not indexed
    CHECK(role(0, 8, false, true, true, 0) == "---");   // no key (no tokens)
    CHECK(role(1, 8, false, true, false, 0) == "p--");  // inside chrome: probes, never a source
    CHECK(role(1, 8, false, true, true, 1) == "pm-");   // the first source with key 1
    CHECK(role(1, 8, false, true, true, 2) == "---");   // an exact copy of it
    CHECK(role(1, 8, true, true, true, 3) == "pm-");    // a list entry elsewhere is not its copy
    CHECK(role(1, 8, true, true, true, 4) == "pmt");    // the first refuses it, the list entry may not
    CHECK(role(4, 8, false, true, true, 5) == "pm-");
    CHECK(role(4, 8, true, true, true, 5) == "---");    // a list entry in the same document is a copy
    CHECK(role(2, 5, false, true, true, 6) == "---");   // too short for the bands
    CHECK(role(2, 5, true, true, true, 7) == "---");
    CHECK(role(3, 6, true, true, true, 7) == "pm-");
    CHECK(role(3, 6, false, true, true, 8) == "pm-");
    CHECK(role(3, 6, false, true, false, 8) == "p--");  // may be exact (the source of doc 8), but no member
    CHECK(roles.tentative_count() == 1);
}

namespace {

// Documents of stock sentences with words swapped (buckets overflow), a third of them on list
// lines ("* ", no final period: list entries), so that the same text is first a list entry and
// later prose on other pages: tentative members, which enter the bands or not as matching finds.
std::vector<std::string> listed_stock_documents(std::size_t n) {
    static const char* const words[] = {"council", "budget",  "schools", "roads",   "members", "evening",
                                        "report",  "annual",  "repair",  "funding", "city",    "vote",
                                        "harbour", "library", "museum",  "station"};
    std::uint64_t state = 2024;
    const auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    std::vector<std::string> out;
    for (std::size_t d = 0; d < n; ++d) {
        std::string text;
        for (std::uint64_t s = 0, count = 2 + next() % 5; s < count; ++s) {
            const std::uint64_t base = next() % 6;
            std::string sentence = "The";
            for (std::uint64_t k = 0; k < 11; ++k)
                sentence += std::string(" ") + words[next() % 9 == 0 ? next() % 16 : (base * 3 + k) % 16];
            text += next() % 3 == 0 ? "* " + sentence + "\n" : sentence + ".\n";
        }
        out.push_back(text);
    }
    return out;
}

}  // namespace

TEST_CASE("matcher: candidates from band runs decide as the band tables, tentative members and spilled runs too") {
    once::Config config;
    config.seed = 1;
    const once::Signer signer(config);
    const auto texts = listed_stock_documents(600);
    std::vector<once::DocAnalysis> analyses;
    std::vector<once::Matchable> masks;
    for (std::size_t d = 0; d < texts.size(); ++d) {
        analyses.push_back(signer.analyze(texts[d]));
        once::Matchable mask{std::vector<bool>(analyses.back().units.size(), true), {}};
        if (d % 13 == 5) {  // some inside chrome: matched, never a source
            mask.source.assign(mask.match.size(), true);
            mask.source.back() = false;
        }
        masks.push_back(std::move(mask));
    }
    once::Matcher reference(config);
    std::vector<std::vector<once::UnitMatch>> expected;
    std::size_t exact = 0;
    std::size_t near = 0;
    for (std::size_t d = 0; d < texts.size(); ++d) {
        expected.push_back(reference.match_document(static_cast<std::uint32_t>(d), analyses[d], masks[d]));
        for (const once::UnitMatch& m : expected.back()) {
            exact += m.type == once::MatchType::exact ? 1 : 0;
            near += m.type == once::MatchType::jaccard || m.type == once::MatchType::containment ? 1 : 0;
        }
    }
    CHECK(exact > 100);
    CHECK(near > 100);
    const once::Matcher::ParallelFor one_thread = [](std::size_t n, const std::function<void(std::size_t)>& fn,
                                                     const std::function<void()>& meanwhile) {
        if (meanwhile) meanwhile();
        for (std::size_t i = 0; i < n; ++i) fn(i);
    };
    for (const std::size_t run_entries : {std::size_t{0}, std::size_t{5}}) {
        for (const std::size_t batch_size : {std::size_t{1}, std::size_t{64}}) {
            CAPTURE(run_entries);
            CAPTURE(batch_size);
            once::test::TempDir dir;
            once::BandRuns runs(dir.path(), static_cast<std::size_t>(config.bands), config.rows_per_band(), run_entries);
            for (std::size_t d = 0; d < texts.size(); ++d) runs.add_document(static_cast<std::uint32_t>(d), analyses[d], masks[d]);
            CHECK(runs.tentative_count() > 50);
            once::CandidateStream stream = std::move(runs).candidates();
            CHECK((stream.runs() > 1) == (run_entries != 0));
            once::Matcher matcher(config, &stream);
            std::size_t differences = 0;
            for (std::size_t first = 0; first < texts.size(); first += batch_size) {
                const std::size_t end = std::min(texts.size(), first + batch_size);
                std::vector<const once::DocAnalysis*> docs;
                std::vector<once::Matchable> batch_masks;
                for (std::size_t d = first; d < end; ++d) {
                    docs.push_back(&analyses[d]);
                    batch_masks.push_back(masks[d]);
                }
                matcher.match_batch(static_cast<std::uint32_t>(first), docs, batch_masks, one_thread,
                                    [&](std::size_t d, const std::vector<once::UnitMatch>& matches) {
                    const auto& want = expected[first + d];
                    REQUIRE(matches.size() == want.size());
                    for (std::size_t i = 0; i < matches.size(); ++i)
                        differences += matches[i].type != want[i].type || matches[i].direct != want[i].direct ||
                                       matches[i].source != want[i].source ||
                                       matches[i].similarity != want[i].similarity;
                });
            }
            CHECK(differences == 0);
            CHECK(matcher.signature_count() == reference.signature_count());
            CHECK(matcher.memory_bytes() < reference.memory_bytes());  // no band tables
            CHECK(dir.entries().empty());
        }
    }
}

TEST_CASE("matcher: band tables whose pages split (keys read back from signatures) decide as band runs") {
    // Thousands of distinct sentences, so that each band table's pages fill and split (a page
    // holds 3,072 entries; band_index.hpp), and copies of earlier ones with a word changed or
    // cut, so that the tables give near candidates after every split. The band runs compute the
    // same candidates without any table: their decisions are the reference.
    once::Config config;
    config.seed = 3;
    const once::Signer signer(config);
    std::mt19937 random(5);
    const auto word = [&] {  // letters only: numbers are facts, which a near copy must share
        std::string w;
        for (unsigned n = random() % 2000 + 26; n > 0; n /= 26) w += static_cast<char>('a' + n % 26);
        return w;
    };
    std::vector<std::string> sentences;
    std::vector<std::string> texts;
    for (std::size_t d = 0; d < 2600; ++d) {
        std::string text;
        for (int s = 0; s < 4; ++s) {
            std::string sentence;
            if (!sentences.empty() && random() % 4 == 0) {  // a copy, with its third word changed
                std::string copy = sentences[random() % sentences.size()];
                const std::size_t third = copy.find(' ', copy.find(' ') + 1) + 1;
                sentence = copy.substr(0, third) + word() + copy.substr(copy.find(' ', third));
            } else {
                for (int k = 0; k < 12; ++k) sentence += (k ? " " : "") + word();
            }
            sentences.push_back(sentence);
            text += sentence + ".\n";
        }
        texts.push_back(text);
    }
    std::vector<once::DocAnalysis> analyses;
    std::vector<once::Matchable> masks;
    for (const std::string& text : texts) {
        analyses.push_back(signer.analyze(text));
        masks.push_back(once::Matchable{std::vector<bool>(analyses.back().units.size(), true), {}});
    }
    once::test::TempDir dir;
    once::BandRuns runs(dir.path(), static_cast<std::size_t>(config.bands), config.rows_per_band(), 0);
    for (std::size_t d = 0; d < texts.size(); ++d) runs.add_document(static_cast<std::uint32_t>(d), analyses[d], masks[d]);
    once::CandidateStream stream = std::move(runs).candidates();
    once::Matcher from_runs(config, &stream);
    once::Matcher from_tables(config);
    std::size_t near = 0;
    std::size_t differences = 0;
    for (std::size_t d = 0; d < texts.size(); ++d) {
        const auto want = from_runs.match_document(static_cast<std::uint32_t>(d), analyses[d], masks[d]);
        const auto got = from_tables.match_document(static_cast<std::uint32_t>(d), analyses[d], masks[d]);
        REQUIRE(got.size() == want.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            near += got[i].type == once::MatchType::jaccard || got[i].type == once::MatchType::containment;
            differences += got[i].type != want[i].type || got[i].direct != want[i].direct || got[i].source != want[i].source;
        }
    }
    CHECK(differences == 0);
    CHECK(near > 500);
    std::uint64_t band_entries = 0;
    for (const auto& part : from_tables.memory_parts())
        if (std::string(part.name) == "band tables") band_entries = part.entries;
    CHECK(band_entries > std::uint64_t{16} * 3 * 3072);  // every band's table split at least twice
}
