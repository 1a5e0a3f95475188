// matcher_test.cpp — exact and near-duplicate matching of sentences across and within
// documents, cut-off copies, templated notices, eligibility, roots and continuity.
#include "once/match/matcher.hpp"
#include "once/match/band_layout.hpp"

#include "once/core/config.hpp"
#include "once/sign/signer.hpp"

#include <doctest/doctest.h>

#include "error_of.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

// Feeds documents to one Matcher in order, as the pipeline does.
// The thresholds and hashing parameters are pinned: the tests check the matching rules, and the
// cut-off cases near the similarity threshold depend on the seed and the banding.
once::Config matcher_config() {
    once::Config config;
    config.ngram = 3;
    config.num_perm = 64;
    config.bands = 16;
    config.seed = 1;
    config.similarity = 0.6;
    config.containment = 0.8;
    return config;
}

class MatchRun {
public:
    explicit MatchRun(const once::Config& config = matcher_config())
        : config_(config), signer_(config_), matcher_(config_) {}

    // Matches a document; every sentence eligible unless `eligible` says otherwise.
    std::vector<once::UnitMatch> add(const std::string& text, std::vector<bool> eligible = {}) {
        texts_.push_back(text);
        analyses_.push_back(signer_.analyze(texts_.back()));
        const auto& analysis = analyses_.back();
        if (eligible.empty()) eligible.assign(analysis.units.size(), true);
        REQUIRE(eligible.size() == analysis.units.size());
        bases_.push_back(matcher_.size());
        auto matches = matcher_.match_document(static_cast<std::uint32_t>(texts_.size() - 1), analysis, eligible);
        CHECK(matcher_.document_base() == bases_.back());
        CHECK(matches.size() == analysis.units.size());
        return matches;
    }
    // Global id of sentence `s` of document `d`.
    std::uint64_t id(std::size_t d, std::size_t s) const { return bases_.at(d) + s; }
    std::size_t sentences(std::size_t d) const { return analyses_.at(d).units.size(); }
    // Original text of a global sentence id.
    std::string text_of(std::uint64_t id) const {
        const auto& location = matcher_.location(id);
        return texts_.at(location.doc).substr(location.start, location.end - location.start);
    }
    once::Matcher& matcher() { return matcher_; }
    const once::DocAnalysis& analysis(std::size_t d) const { return analyses_.at(d); }

private:
    once::Config config_;
    once::Signer signer_;
    once::Matcher matcher_;
    std::vector<std::string> texts_;
    std::vector<once::DocAnalysis> analyses_;
    std::vector<std::uint64_t> bases_;
};

const std::string k_en = "The committee met on Tuesday to review the annual budget and agreed to publish the report soon.";
const std::string k_ja = "東京都は新しい鉄道路線の建設計画について住民説明会を開催すると発表した。";
const std::string k_zh = "市政府宣布将在下个月举办关于新铁路线建设计划的居民说明会。";

}  // namespace

TEST_CASE("matcher: exact repeats across documents, in every script") {
    struct Case {
        std::string name;
        std::string first;
        std::string copy;
    };
    const std::vector<Case> cases = {
        {"English", k_en, k_en},
        {"Japanese", k_ja, k_ja},
        {"Chinese", k_zh, k_zh},
        {"full-width vs half-width", "ＡＩ投資は２０２４年に拡大した。", "AI投資は2024年に拡大した。"},
        {"case and spacing", "Breaking  News  From  TOKYO.", "breaking news from tokyo."},
        {"mixed scripts", "AlibabaのAI投資は拡大した。", "Alibaba の AI 投資は、拡大した。"},
        {"short sentences match exactly too", "Thank you.", "Thank you."},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        MatchRun run;
        const auto first = run.add(c.first);
        REQUIRE(first.size() == 1);
        CHECK(first[0].type == once::MatchType::none);
        const auto copy = run.add(c.copy);
        REQUIRE(copy.size() == 1);
        CHECK(copy[0].type == once::MatchType::exact);
        CHECK(copy[0].source == run.id(0, 0));
        CHECK(copy[0].direct == run.id(0, 0));
        CHECK(copy[0].similarity == 1.0);
        CHECK(run.matcher().location(copy[0].source).doc == 0);
    }
}

TEST_CASE("matcher: exact repeat within one document") {
    MatchRun run;
    const auto matches = run.add("Intro sentence here. " + k_en + " Something else entirely. " + k_en);
    REQUIRE(matches.size() == 4);
    CHECK(matches[0].type == once::MatchType::none);
    CHECK(matches[1].type == once::MatchType::none);
    CHECK(matches[2].type == once::MatchType::none);
    CHECK(matches[3].type == once::MatchType::exact);
    CHECK(matches[3].source == run.id(0, 1));
    CHECK(run.text_of(matches[3].source) == k_en);
    const auto& location = run.matcher().location(run.id(0, 3));
    CHECK(location.doc == 0);
    CHECK(location.sentence == 3);
}

TEST_CASE("matcher: locations across documents, empty ones and 4-byte characters among them") {
    // The index keeps no document number or sentence index per sentence: both come from the
    // documents' first ids. Empty and whitespace-only documents have no sentences.
    MatchRun run;
    const std::vector<std::string> texts = {
        "First document here. " + k_en, "", "   \n\t", k_ja + "𠮷野家で昼食をとった。", "\n", k_zh + " " + k_en,
    };
    for (const std::string& text : texts) run.add(text);
    for (std::size_t d = 0; d < texts.size(); ++d) {
        CAPTURE(d);
        for (std::size_t s = 0; s < run.sentences(d); ++s) {
            CAPTURE(s);
            const once::UnitLocation location = run.matcher().location(run.id(d, s));
            CHECK(location.doc == d);
            CHECK(location.sentence == s);
            CHECK(run.matcher().opens_document(run.id(d, s)) == (s == 0));
            CHECK(location.end > location.start);
            CHECK(location.end <= texts[d].size());
        }
    }
    CHECK(run.sentences(1) == 0);
    CHECK(run.sentences(2) == 0);
    CHECK(run.text_of(run.id(3, 1)) == "𠮷野家で昼食をとった。");
    CHECK(run.text_of(run.id(5, 1)) == k_en);
}

TEST_CASE("matcher: near duplicates with one word or character changed") {
    struct Case {
        std::string name;
        std::string original;
        std::string edited;
    };
    const std::vector<Case> cases = {
        {"English word", "The committee met on Tuesday to review the annual budget and agreed to publish the final report.",
         "The committee met on Tuesday to review the annual budget and agreed to publish the complete report."},
        {"Japanese character", k_ja, "東京都は新しい鉄道路線の建設計画について住民説明会を開催すると発表しました。"},
        {"Chinese character", k_zh, "市政府宣布将在下个月举行关于新铁路线建设计划的居民说明会。"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        MatchRun run;
        run.add(c.original);
        const auto matches = run.add(c.edited);
        REQUIRE(matches.size() == 1);
        CHECK(matches[0].type == once::MatchType::jaccard);
        CHECK(matches[0].source == run.id(0, 0));
        CHECK(matches[0].similarity >= 0.6);
        CHECK(matches[0].similarity < 1.0);
    }
}

TEST_CASE("matcher: a batch's buffers, reused by the next batch, carry nothing into it") {
    // Each match_document is a batch of one, and batches share their buffers (Matcher::batch_).
    // B is a near copy of A: its batch keeps A's sentence as a verified candidate. C, unrelated,
    // comes next in the same buffers and must match nothing; A again is A's exact copy, as it is
    // when C is matched by a matcher that saw A alone.
    const std::string a = "The committee met on Tuesday to review the annual budget and agreed to publish the final report.";
    const std::string b = "The committee met on Tuesday to review the annual budget and agreed to publish the complete report.";
    const std::string c = "A different sentence about the weather in the mountains during the long winter months.";
    MatchRun run;
    run.add(a);
    const auto near = run.add(b);
    REQUIRE(near.size() == 1);
    CHECK(near[0].type == once::MatchType::jaccard);  // B's batch had a verified candidate
    const auto unrelated = run.add(c);
    REQUIRE(unrelated.size() == 1);
    CHECK(unrelated[0].type == once::MatchType::none);
    const auto again = run.add(a);
    REQUIRE(again.size() == 1);
    CHECK(again[0].type == once::MatchType::exact);
    CHECK(again[0].direct == run.id(0, 0));

    MatchRun fresh;
    fresh.add(a);
    const auto alone = fresh.add(c);
    REQUIRE(alone.size() == 1);
    CHECK(alone[0].type == unrelated[0].type);
    const auto fresh_again = fresh.add(a);
    REQUIRE(fresh_again.size() == 1);
    CHECK(fresh_again[0].type == again[0].type);
    CHECK(fresh_again[0].similarity == again[0].similarity);
}

TEST_CASE("matcher: unrelated sentences do not match") {
    MatchRun run;
    run.add(k_en + " " + k_ja);
    const auto matches = run.add(
        "A different sentence about the weather in the mountains during the long winter months. "
        "大阪の天気は明日から崩れる見込みで、週末は雨が続くでしょう。");
    REQUIRE(matches.size() == 2);
    CHECK(matches[0].type == once::MatchType::none);
    CHECK(matches[1].type == once::MatchType::none);
}

TEST_CASE("matcher: a cut-off copy is matched by containment") {
    // On its own, a cut copy is found through the LSH bands only while its resemblance to the
    // full sentence is near the similarity threshold (here about two thirds of the sentence,
    // estimated Jaccard ~0.55 < 0.6 with seed 1); its containment is ~0.9.
    const std::string full =
        "The committee met on Tuesday to review the annual budget and agreed to publish the report next week "
        "after a long debate about the cost of the new rail line through the valley.";
    const std::string cut =
        "The committee met on Tuesday to review the annual budget and agreed to publish the report next week "
        "after a long debate";
    MatchRun run;
    run.add(full);
    const auto matches = run.add(cut);
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].type == once::MatchType::containment);
    CHECK(matches[0].source == run.id(0, 0));
    CHECK(matches[0].similarity >= 0.8);

    MatchRun ja;
    ja.add("東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を順次開催すると発表した。");
    const auto ja_matches = ja.add("東京都は新しい鉄道路線の建設計画について");
    REQUIRE(ja_matches.size() == 1);
    CHECK(ja_matches[0].type == once::MatchType::containment);
    CHECK(ja_matches[0].similarity >= 0.8);
}

TEST_CASE("matcher: a short cut-off copy at the end of a copied passage is matched by containment") {
    // The restart case: a passage is copied and its last sentence breaks off early. The cut
    // sentence (a third of the original, Jaccard ~0.3) is compared with its source's neighbour.
    const std::string first = "The city council approved the new budget for the coming year on Monday evening.";
    const std::string full =
        "The committee met on Tuesday to review the annual budget and agreed to publish the report next week "
        "after a long debate about the cost of the new rail line through the valley.";
    const std::string cut = "The committee met on Tuesday to review the annual budget and";
    MatchRun run;
    run.add(first + " " + full);
    const auto matches = run.add(first + " " + cut);
    REQUIRE(matches.size() == 2);
    CHECK(matches[0].type == once::MatchType::exact);
    CHECK(matches[1].type == once::MatchType::containment);
    CHECK(matches[1].direct == run.id(0, 1));

    const std::string ja_first = "市議会は月曜日の夜、来年度の新しい予算案を承認した。";
    MatchRun ja;
    ja.add(ja_first + "東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を順次開催すると発表した。");
    const auto ja_matches = ja.add(ja_first + "東京都は新しい鉄道路線の建設");
    REQUIRE(ja_matches.size() == 2);
    CHECK(ja_matches[0].type == once::MatchType::exact);
    CHECK(ja_matches[1].type == once::MatchType::containment);
}

TEST_CASE("matcher: a later sentence that completes an earlier cut-off one is not a copy") {
    // Removing the longer one would lose the text it adds.
    const std::string cut = "The committee met on Tuesday to review the annual budget and agreed to publish the report";
    const std::string full =
        "The committee met on Tuesday to review the annual budget and agreed to publish the report next week "
        "after a long debate about the cost of the new rail line through the valley.";
    MatchRun run;
    run.add(cut);
    const auto matches = run.add(full);
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].type == once::MatchType::none);

    MatchRun ja;
    ja.add("東京都は新しい鉄道路線の建設計画について、来月から各地区で");
    const auto ja_matches =
        ja.add("東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を順次開催すると発表した。");
    REQUIRE(ja_matches.size() == 1);
    CHECK(ja_matches[0].type == once::MatchType::none);
}

TEST_CASE("matcher: templated notices that differ in their numbers are not near duplicates") {
    MatchRun run;
    run.add("The quarterly meeting of the residents association will be held on 12 March at 10 am in room 4.");
    const auto different = run.add(
        "The quarterly meeting of the residents association will be held on 19 March at 3 pm in room 7.");
    REQUIRE(different.size() == 1);
    CHECK(different[0].type == once::MatchType::none);
    // One number changed is enough.
    const auto one_number = run.add(
        "The quarterly meeting of the residents association will be held on 12 March at 10 am in room 6.");
    CHECK(one_number[0].type == once::MatchType::none);
    // The same numbers (in another width) are a copy.
    const auto same = run.add(
        "The quarterly meeting of the residents association will be held on １２ March at １０ am in room ４.");
    CHECK(same[0].type == once::MatchType::exact);
    CHECK(same[0].source == run.id(0, 0));

    MatchRun ja;
    ja.add("第3回の住民説明会は2024年5月12日午後2時から市民会館で開催します。");
    const auto ja_different = ja.add("第4回の住民説明会は2024年6月9日午後2時から市民会館で開催します。");
    CHECK(ja_different[0].type == once::MatchType::none);
}

TEST_CASE("matcher: ineligible sentences neither match nor serve as sources") {
    MatchRun run;
    run.add(k_en, {false});                // doc 0: on a boilerplate line
    const auto second = run.add(k_en);     // doc 1: nothing eligible to copy
    CHECK(second[0].type == once::MatchType::none);
    const auto third = run.add(k_en, {false});  // doc 2: ineligible itself
    CHECK(third[0].type == once::MatchType::none);
    const auto fourth = run.add(k_en);     // doc 3: doc 1 is the first eligible occurrence
    CHECK(fourth[0].type == once::MatchType::exact);
    CHECK(fourth[0].source == run.id(1, 0));

    // Near matching also skips ineligible sources.
    MatchRun near;
    near.add(k_ja, {false});
    const auto edited = near.add("東京都は新しい鉄道路線の建設計画について住民説明会を開催すると発表しました。");
    CHECK(edited[0].type == once::MatchType::none);
}

TEST_CASE("matcher: prose on a list line matches prose; a headline or a short line on one does not") {
    // A related-list entry repeats a headline: the same words in another role, never a copy of a
    // page's title or prose (nor the other way). A note under "●", an author box or a "* " item of
    // several sentences is prose: a paste from it is a copy (bench/inject_real.py: a quarter of
    // the pastes missed). Prose: a sentence ending in "。" or "." that weighs 15 words or 30 CJK
    // characters.
    struct Case {
        std::string name, first, later;
        std::size_t sentence;  // of `later`
        bool matches;
    };
    const std::vector<Case> cases = {
        {"a note under a bullet, pasted into prose",
         "●　携帯電話の状況によっては、保存されているデータが消失することがあります。必要なデータは、ソフトウェア更新前に"
         "バックアップしておくことを強くおすすめします。\n",
         "今日の話題はここから。必要なデータは、ソフトウェア更新前にバックアップしておくことを強くおすすめします。\n", 1, true},
        {"prose, later repeated on a list line",
         "今日の話題はここから。必要なデータは、ソフトウェア更新前にバックアップしておくことを強くおすすめします。\n",
         "・必要なデータは、ソフトウェア更新前にバックアップしておくことを強くおすすめします。\n", 0, true},
        {"an English list item of several sentences",
         "* Some APIs are just easy to do in JS. It takes just a single line, and even if you include the functions "
         "it calls, the total code size is quite small.\n",
         "We tried it. It takes just a single line, and even if you include the functions it calls, the total code "
         "size is quite small.\n",
         1, true},
        {"a headline in a related list",
         "関連記事\n・映画『タイタンの逆襲』の予告映像を公開、魔物たちとの壮絶なバトルは必見！\n",
         "映画『タイタンの逆襲』の予告映像を公開、魔物たちとの壮絶なバトルは必見！\n本文はここから始まる。\n", 0, false},
        {"a headline without a terminator",
         "・ソフトバンクモバイルが新しいスマートフォンの予約受付を全国の店舗で開始\n",
         "ソフトバンクモバイルが新しいスマートフォンの予約受付を全国の店舗で開始\n本文。\n", 0, false},
        {"a short sentence",
         "・詳細は公式サイトをご覧ください。\n", "詳細は公式サイトをご覧ください。\n", 0, false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        MatchRun run;
        run.add(c.first);
        const auto later = run.add(c.later);
        REQUIRE(later.size() > c.sentence);
        CHECK((later[c.sentence].type != once::MatchType::none) == c.matches);
    }
}

TEST_CASE("matcher: sentences without tokens never match") {
    MatchRun run;
    run.add("—— *** ——\n、。");
    const auto matches = run.add("—— *** ——\n、。");
    for (const auto& match : matches) CHECK(match.type == once::MatchType::none);
}

TEST_CASE("matcher: empty and whitespace-only documents") {
    MatchRun run;
    CHECK(run.add("").empty());
    CHECK(run.add(" \n\u3000\t\n").empty());
    CHECK(run.matcher().size() == 0);
    const auto matches = run.add(k_en);
    CHECK(matches[0].type == once::MatchType::none);
    CHECK(run.matcher().size() == 1);
}

TEST_CASE("matcher: the source is the earliest copy (the cluster root)") {
    const std::string original = "The committee met on Tuesday to review the annual budget and agreed to publish the final report.";
    const std::string edited = "The committee met on Tuesday to review the annual budget and agreed to publish the complete report.";
    MatchRun run;
    run.add(original);
    const auto second = run.add(edited);  // near copy of doc 0
    REQUIRE(second[0].type == once::MatchType::jaccard);
    const auto third = run.add(edited);   // exact copy of doc 1, whose root is doc 0
    CHECK(third[0].type == once::MatchType::exact);
    CHECK(third[0].direct == run.id(1, 0));
    CHECK(third[0].source == run.id(0, 0));
    const auto fourth = run.add(original);
    CHECK(fourth[0].source == run.id(0, 0));
    CHECK(fourth[0].direct == run.id(0, 0));  // the exact index names the first occurrence
}

TEST_CASE("matcher: continuity prefers the sentence after the previous sentence's source") {
    // "她说。" occurs in doc 0 on its own and in doc 1 right after a quote; doc 2 copies doc 1's
    // passage, so its "她说。" is matched with doc 1's, keeping the passage together, although
    // doc 0 holds the first occurrence.
    const std::string quote = "“我们必须在年底之前完成新铁路线的全部建设工作，不能再拖延了。”";
    MatchRun run;
    run.add("她说。");
    run.add(quote + "她说。");
    const auto matches = run.add(quote + "她说。");
    REQUIRE(matches.size() == 2);
    CHECK(matches[0].direct == run.id(1, 0));
    CHECK(matches[1].type == once::MatchType::exact);
    CHECK(matches[1].direct == run.id(1, 1));
    CHECK(matches[1].source == run.id(0, 0));  // the cluster root is still the earliest

    // Without the preceding copied sentence, the first occurrence is used.
    const auto alone = run.add("她说。");
    CHECK(alone[0].direct == run.id(0, 0));
}

TEST_CASE("matcher: continuity backwards: a passage opening with a stock sentence keeps to one source") {
    // "他表示，这只是一个开始。" first occurs in doc 0 alone; doc 1 holds it at the start of a
    // passage that doc 2 copies. Doc 2's copy of it follows the sentence after it back to doc 1.
    const std::string stock = "他表示，这只是一个开始。";
    const std::string rest = "市政府近日宣布推出新的公共交通网络规划，预计明年开始分阶段实施。";
    MatchRun run;
    run.add(stock);
    run.add("记者了解到。" + stock + rest);
    const auto matches = run.add(stock + rest);
    REQUIRE(matches.size() == 2);
    CHECK(matches[0].type == once::MatchType::exact);
    CHECK(matches[0].direct == run.id(1, 1));
    CHECK(matches[0].source == run.id(0, 0));  // the cluster root is still the earliest
    CHECK(matches[1].direct == run.id(1, 2));
    // Alone, the first occurrence is used.
    const auto alone = run.add(stock);
    CHECK(alone[0].direct == run.id(0, 0));
}

TEST_CASE("matcher: an edited sentence inside a copied passage is found through its neighbours") {
    const std::string a = "The committee met on Tuesday to review the annual budget for the coming year.";
    const std::string b = "Several members asked for more money for schools and for the repair of old roads.";
    const std::string c = "The final report will be published on the city website next month.";
    const std::string b_edited = "Several members asked for much more money for schools and the repair of the old roads.";
    // Three words edited in sixteen: below --similarity, so not a copy at the defaults (one set
    // of thresholds, issue 11 item 4); a lower --run-similarity takes it inside the passage.
    MatchRun plain;
    plain.add(a + " " + b + " " + c);
    const auto strict = plain.add(a + " " + b_edited + " " + c);
    REQUIRE(strict.size() == 3);
    CHECK(strict[1].type == once::MatchType::none);
    once::Config relaxed = matcher_config();
    relaxed.run_similarity = 0.45;
    MatchRun run(relaxed);
    run.add(a + " " + b + " " + c);
    const auto matches = run.add(a + " " + b_edited + " " + c);
    REQUIRE(matches.size() == 3);
    CHECK(matches[0].type == once::MatchType::exact);
    CHECK(matches[1].type != once::MatchType::none);
    CHECK(matches[1].direct == run.id(0, 1));
    CHECK(matches[2].type == once::MatchType::exact);
}

TEST_CASE("matcher: kept_copy follows removals") {
    MatchRun run;
    run.add(k_en);
    const auto second = run.add(k_en);
    const std::uint64_t copy = run.id(1, 0);
    CHECK(run.matcher().kept_copy(copy) == copy);  // until the planner removes it
    run.matcher().mark_removed(copy);
    CHECK(run.matcher().kept_copy(copy) == run.id(0, 0));
    // Only the document last matched: what each of its sentences matched is not kept for others.
    run.add("A third document, unrelated to the two before it.");
    const auto error = once::test::error_of([&] { run.matcher().mark_removed(copy); });
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::internal);
}

TEST_CASE("matcher: the index grows with unique sentences; an exact repeat costs only its location") {
    // Documents of 60 sentences each: all different, or the same document again and again. The
    // index's memory comes in 2 MiB blocks, so growth is compared over many documents.
    const std::vector<std::string> words{"harbour", "ferry", "council", "river", "budget", "school", "market",
                                         "bridge", "station", "garden", "museum", "library", "tower", "park",
                                         "road", "island", "festival", "engine", "winter", "village"};
    const auto document = [&](int d) {
        std::uint64_t state = 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(d + 1);
        std::string text;
        for (int s = 0; s < 60; ++s) {
            for (int w = 0; w < 10; ++w) {
                state = state * 6364136223846793005ull + 1442695040888963407ull;
                text += words[(state >> 33) % words.size()] + (w == 9 ? ". " : " ");
            }
        }
        return text;
    };
    MatchRun unique;
    MatchRun repeated;
    std::size_t unique_start = 0;
    std::size_t repeated_start = 0;
    for (int d = 0; d < 1000; ++d) {
        if (d == 100) {
            unique_start = unique.matcher().memory_bytes();
            repeated_start = repeated.matcher().memory_bytes();
        }
        unique.add(document(d));
        repeated.add(document(0));
    }
    REQUIRE(unique.matcher().size() == repeated.matcher().size());
    const std::size_t unique_growth = unique.matcher().memory_bytes() - unique_start;
    const std::size_t repeated_growth = repeated.matcher().memory_bytes() - repeated_start;
    CAPTURE(unique_growth);
    CAPTURE(repeated_growth);
    CHECK(repeated_growth * 2 < unique_growth);
    // What a repeated sentence costs: its location and match records, under 100 bytes.
    CHECK(repeated_growth < 900 * 60 * 100 + (8u << 20));
}

TEST_CASE("matcher: the index by part: entries counted, bytes summed, named when memory runs out") {
    MatchRun run;
    const std::string a = "The harbour council met on Tuesday and agreed to repair the old ferry pier soon.";
    const std::string b = "A new museum of river engines opens in the village next to the station in winter.";
    run.add(a + " " + b);
    run.add(a);  // exact repeats: a place each, no record, no band keys
    run.add(b);
    const auto parts = run.matcher().memory_parts();
    const auto part = [&](const std::string& name) {
        const auto found = std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return name == p.name; });
        REQUIRE(found != parts.end());
        return *found;
    };
    CHECK(part("places").entries == run.matcher().size());
    CHECK(part("places").entries == 4);
    CHECK(part("per-sentence links").entries == 4);
    CHECK(part("signatures").entries == run.matcher().signature_count());
    CHECK(part("verification records").entries == run.matcher().signature_count());
    CHECK(part("exact keys").entries == 2);
    CHECK(part("document starts").entries == 3);
    // Two sentences of at least 6 shingles, 16 bands each, no band key in common.
    CHECK(part("band tables").entries == 32);
    CHECK(part("band buckets").entries == 0);
    std::size_t total = 0;
    for (const auto& p : parts) total += p.bytes;
    CHECK(total == run.matcher().memory_bytes());
    const std::string said = run.matcher().describe_memory();
    CHECK(said.find("the signature index holds 4 sentences in ") == 0);
    CHECK(said.find("band tables ") != std::string::npos);
    CHECK(said.find("places ") != std::string::npos);
}

// The containment path is for cut-off copies. A notice as long as its source whose changed number
// also occurs elsewhere in the source ("room 12" vs "12 March ... room 4"), or whose number's Bloom
// bits collide with the source's ("room 85"), is the same template with other facts.
TEST_CASE("matcher: an equally long notice with a changed number is not a copy") {
    for (const std::string room : {"12", "85"}) {
        CAPTURE(room);
        MatchRun run;
        run.add("The quarterly meeting of the residents association will be held on 12 March at 10 am in room 4.");
        const auto matches = run.add(
            "The quarterly meeting of the residents association will be held on 12 March at 10 am in room " + room + ".");
        CHECK(matches[0].type == once::MatchType::none);
    }
}

namespace {

// Documents of sentences recombined from a few stock phrases, with words swapped, dropped and
// repeated: many exact repeats, many near copies, and band buckets that overflow their ring of
// k_max_chain entries within one batch — the cases where batch matching must push the oldest
// entries out exactly as matching one sentence after another does.
std::vector<std::string> stock_phrase_documents(std::size_t count, std::uint64_t seed) {
    const std::vector<std::string> words = {"council", "budget", "schools", "roads",   "members", "evening",
                                            "report",  "annual", "repair",  "funding", "city",    "vote"};
    std::uint64_t state = seed;
    const auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>(state >> 33);
    };
    std::vector<std::string> docs;
    for (std::size_t d = 0; d < count; ++d) {
        std::string text;
        const std::size_t sentences = 1 + next() % 6;
        for (std::size_t s = 0; s < sentences; ++s) {
            const std::size_t base = next() % 5;  // one of five stock sentences, slightly varied
            std::string sentence = "The";
            for (std::size_t w = 0; w < 12; ++w) {
                const std::size_t pick = (base * 3 + w) % words.size();
                sentence += " " + words[next() % 9 == 0 ? next() % words.size() : pick];
            }
            text += sentence + (next() % 4 == 0 ? ".\n" : ". ");
        }
        docs.push_back(text);
    }
    return docs;
}

}  // namespace

TEST_CASE("matcher: match_batch decides as match_document one document after another, for any batch and threads") {
    const once::Config config = matcher_config();
    const once::Signer signer(config);
    const auto texts = stock_phrase_documents(300, 7);
    std::vector<once::DocAnalysis> analyses;
    std::vector<once::Matchable> eligible;
    for (std::size_t d = 0; d < texts.size(); ++d) {
        analyses.push_back(signer.analyze(texts[d]));
        once::Matchable mask{std::vector<bool>(analyses.back().units.size(), true), {}};
        if (d % 11 == 3 && !mask.match.empty()) mask.match[0] = false;  // some sentences on boilerplate lines
        if (d % 13 == 5) {  // some inside chrome: matched, never a source
            mask.source.assign(mask.match.size(), true);
            mask.source.back() = false;
        }
        eligible.push_back(std::move(mask));
    }
    // What the planner does with a document's matches, and what it sees: it marks some sentences
    // removed, reads their sources' places, edge tokens and kept copies, and the later occurrences
    // of an exact match's source. With match_batch this runs while the batch enters the index
    // on another thread, so the test also shows that the two share nothing (ThreadSanitizer).
    struct Seen {
        std::vector<std::uint64_t> kept;
        std::vector<std::uint64_t> occurrences;
        std::vector<std::uint64_t> places;
    };
    const auto plan_like = [](once::Matcher& matcher, const std::vector<once::UnitMatch>& matches) {
        Seen seen;
        for (std::size_t i = 0; i < matches.size(); ++i) {
            if (matches[i].type == once::MatchType::none) continue;
            const once::UnitLocation where = matcher.location(matches[i].direct);
            seen.places.push_back(where.doc * 1000003ull + where.sentence * 1009ull + where.start);
            const std::optional<once::TokenEdges> edges = matcher.edges(matches[i].direct);
            // Every byte of the edge tokens, hashed: they come back whole, cached or not.
            std::uint64_t edge_hash = edges ? edges->count + (edges->head_cjk ^ edges->tail_cjk) : 99999;
            if (edges)
                for (std::size_t t = 0; t < once::TokenEdges::k_edge; ++t)
                    edge_hash = edge_hash * 31 + edges->head[t] * 7u + edges->tail[t];
            seen.places.push_back(edge_hash);
            if (matches[i].type == once::MatchType::exact)
                matcher.later_occurrences(matches[i].direct, 3, [&](std::uint64_t id) {
                    seen.occurrences.push_back(id);
                    return false;
                });
            if (i % 3 == 0) matcher.mark_removed(matcher.document_base() + i);
        }
        for (std::size_t i = 0; i < matches.size(); ++i)
            if (matches[i].type != once::MatchType::none) seen.kept.push_back(matcher.kept_copy(matches[i].direct));
        return seen;
    };
    // The reference: one document at a time.
    once::Matcher reference(config);
    std::vector<std::vector<once::UnitMatch>> expected;
    std::vector<Seen> expected_seen;
    std::vector<std::uint64_t> bases;
    for (std::size_t d = 0; d < texts.size(); ++d) {
        expected.push_back(reference.match_document(static_cast<std::uint32_t>(d), analyses[d], eligible[d]));
        bases.push_back(reference.document_base());
        expected_seen.push_back(plan_like(reference, expected.back()));
    }
    std::size_t occurrences = 0;
    for (const Seen& seen : expected_seen) occurrences += seen.occurrences.size();
    CHECK(occurrences > 20);  // later occurrences are asked and found
    std::size_t matched = 0;
    for (const auto& doc : expected)
        for (const auto& match : doc) matched += match.type != once::MatchType::none ? 1 : 0;
    CHECK(matched > 200);  // the corpus exercises matching

    // Half the items on another thread, while this one runs meanwhile() and then the other half.
    const once::Matcher::ParallelFor two_threads = [](std::size_t n, const std::function<void(std::size_t)>& fn,
                                                      const std::function<void()>& meanwhile) {
        std::thread other([&] {
            for (std::size_t i = 1; i < n; i += 2) fn(i);
        });
        if (meanwhile) meanwhile();
        for (std::size_t i = 0; i < n; i += 2) fn(i);
        other.join();
    };
    // Every item on this thread, last first, after meanwhile(): items may run in any order.
    const once::Matcher::ParallelFor backwards = [](std::size_t n, const std::function<void(std::size_t)>& fn,
                                                    const std::function<void()>& meanwhile) {
        if (meanwhile) meanwhile();
        for (std::size_t i = n; i-- > 0;) fn(i);
    };
    // With look_ahead, each batch hands the matcher the next one (match_batch's `next`), which
    // it probes while the batch is planned; the next match_batch starts from that.
    for (const bool look_ahead : {false, true})
    for (const once::Matcher::ParallelFor* parallel : {&two_threads, &backwards})
    for (const std::size_t batch_size : {std::size_t{1}, std::size_t{7}, std::size_t{64}, texts.size()}) {
        if (!look_ahead && parallel == &backwards) continue;
        CAPTURE(look_ahead);
        CAPTURE(parallel == &backwards);
        CAPTURE(batch_size);
        once::Matcher matcher(config);
        once::Matcher::Lookahead following;
        const auto batch_of = [&](std::size_t first) {
            once::Matcher::Lookahead batch;
            batch.first_doc = static_cast<std::uint32_t>(first);
            for (std::size_t d = first; d < std::min(texts.size(), first + batch_size); ++d) {
                batch.docs.push_back(&analyses[d]);
                batch.matchable.push_back(eligible[d]);
            }
            return batch;
        };
        for (std::size_t first = 0; first < texts.size(); first += batch_size) {
            const once::Matcher::Lookahead current = batch_of(first);
            const std::vector<const once::DocAnalysis*>& docs = current.docs;
            const std::vector<once::Matchable>& masks = current.matchable;
            const std::function<const once::Matcher::Lookahead*()> next = [&]() -> const once::Matcher::Lookahead* {
                if (first + batch_size >= texts.size()) return nullptr;
                following = batch_of(first + batch_size);
                return &following;
            };
            matcher.match_batch(static_cast<std::uint32_t>(first), docs, masks, *parallel,
                                [&](std::size_t d, const std::vector<once::UnitMatch>& matches) {
                const auto& want = expected[first + d];
                CHECK(matcher.document_base() == bases[first + d]);
                REQUIRE(matches.size() == want.size());
                const Seen seen = plan_like(matcher, matches);
                CHECK(seen.kept == expected_seen[first + d].kept);
                CHECK(seen.occurrences == expected_seen[first + d].occurrences);
                CHECK(seen.places == expected_seen[first + d].places);
                for (std::size_t i = 0; i < matches.size(); ++i) {
                    CAPTURE(first + d);
                    CAPTURE(i);
                    CHECK(matches[i].type == want[i].type);
                    CHECK(matches[i].source == want[i].source);
                    CHECK(matches[i].direct == want[i].direct);
                    CHECK(matches[i].similarity == want[i].similarity);
                }
            }, look_ahead ? next : std::function<const once::Matcher::Lookahead*()>());
        }
        CHECK(matcher.size() == reference.size());
        CHECK(matcher.signature_count() == reference.signature_count());
        CHECK(matcher.memory_bytes() == reference.memory_bytes());
    }
}

TEST_CASE("matcher: later occurrences of a sentence, newest first, sources only, at most the limit") {
    MatchRun run;
    const std::string common = "The project is only a beginning, the manager said.";
    run.add(common + " First page.");
    run.add("Second page. " + common);
    run.add(common + " Third page.", {false, true});  // on a chrome line: not a source
    run.add("Fourth. " + common + " 第四页。");
    std::vector<std::uint64_t> seen;
    run.matcher().later_occurrences(run.id(0, 0), 10, [&](std::uint64_t id) {
        seen.push_back(id);
        return false;
    });
    CHECK(seen == std::vector<std::uint64_t>{run.id(3, 1), run.id(1, 1)});
    for (const std::uint64_t id : seen) CHECK(run.text_of(id) == common);
    // The limit bounds the walk; fn returning true stops it.
    seen.clear();
    run.matcher().later_occurrences(run.id(0, 0), 1, [&](std::uint64_t id) {
        seen.push_back(id);
        return false;
    });
    CHECK(seen.size() == 1);
    seen.clear();
    run.matcher().later_occurrences(run.id(0, 0), 10, [&](std::uint64_t id) {
        seen.push_back(id);
        return true;
    });
    CHECK(seen.size() == 1);
    // A sentence seen once has none; neither has one that may not be a source.
    std::size_t calls = 0;
    run.matcher().later_occurrences(run.id(0, 1), 10, [&](std::uint64_t) { return ++calls, false; });
    run.matcher().later_occurrences(run.id(2, 0), 10, [&](std::uint64_t) { return ++calls, false; });
    CHECK(calls == 0);
}

TEST_CASE("matcher: the index of sentence ends finds the newest kept sentence that ends or starts alike") {
    // Paste candidates for the planner (sentence_ends.cpp): a piece of a long sentence's end or
    // start finds it by a hash of its last (first) tokens of weight 10, whatever share it is.
    const once::Config config = matcher_config();
    const once::Signer signer(config);
    MatchRun run(config);
    run.add("Old text comes first here. " + k_en + "\n");
    run.matcher().index_sentence_ends(run.analysis(0));
    const auto unit = [&](const std::string& text) { return signer.analyze(text).units.at(0); };
    const std::uint64_t source = run.id(0, 1);
    // The piece: its last five words are the sentence's (weight 10); the bands would not offer
    // a sentence three times its length.
    CHECK(run.matcher().sentence_ending(unit("and agreed to publish the report soon.")) == source);
    CHECK(run.matcher().sentence_ending(unit("They agreed to publish the report soon.")) == source);
    CHECK(run.matcher().sentence_ending(unit("the report soon.")) == std::nullopt);  // too light for a key
    CHECK(run.matcher().sentence_ending(unit("and agreed to publish the paper soon.")) == std::nullopt);
    CHECK(run.matcher().sentence_starting(unit("The committee met on Tuesday and left early.")) == source);
    CHECK(run.matcher().sentence_starting(unit("A committee met on Tuesday to review it.")) == std::nullopt);
    // A list entry is not the page's own text, nor the other way round (as in verification).
    CHECK(run.matcher().sentence_ending(unit("* and agreed to publish the report soon.")) == std::nullopt);
    CHECK(run.matcher().sentence_starting(unit("* The committee met on Tuesday and left early.")) == std::nullopt);
    // Japanese and Chinese: ten characters.
    run.add(k_ja + k_zh + "\n");
    run.matcher().index_sentence_ends(run.analysis(1));
    CHECK(run.matcher().sentence_ending(unit("住民説明会を開催すると発表した。")) == run.id(1, 0));
    CHECK(run.matcher().sentence_starting(unit("市政府宣布将在下个月举办活动。")) == run.id(1, 1));
    // A later kept sentence with the same end is the newest; a removed copy is never added.
    run.add("Another council " + k_en.substr(k_en.find("agreed")) + "\n");
    run.matcher().index_sentence_ends(run.analysis(2));
    CHECK(run.matcher().sentence_ending(unit("and agreed to publish the report soon.")) == run.id(2, 0));
    const auto repeat = run.add(k_en + "\n");
    REQUIRE(repeat.at(0).type == once::MatchType::exact);
    run.matcher().mark_removed(run.id(3, 0));
    run.matcher().index_sentence_ends(run.analysis(3));
    CHECK(run.matcher().sentence_ending(unit("and agreed to publish the report soon.")) == run.id(2, 0));
    CHECK(run.matcher().sentence_starting(unit("The committee met on Tuesday and left early.")) == source);
    // A sentence the planner found itself is recorded with its kept copy.
    run.add("Our own words. and agreed to publish the report soon.\n");
    run.matcher().mark_removed_as(run.id(4, 1), run.id(2, 0));
    CHECK(run.matcher().kept_copy(run.id(4, 1)) == run.id(2, 0));
}

TEST_CASE("matcher: a band key shared by ever more sentences keeps the newest k_max_chain, through every bucket size") {
    // Sentences with one shingle set but not exact repeats: a cycle of 8 words, repeated to
    // lengths 10, 11, ... (the set is the cycle's 8 trigrams). They are alike in every band,
    // each a near copy (estimated Jaccard 1) of all before it, and of equals the earliest
    // candidate wins: so sentence k is matched with the oldest its band buckets still hold,
    // sentence 0 while they hold all (k <= k_max_chain), then k - k_max_chain. Each bucket size
    // (a pair, up to 5, the ring of 16) and each move between them decides some k.
    MatchRun run;
    const std::vector<std::string> cycle = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};
    const int sentences = 24;
    for (int k = 0; k < sentences; ++k) {
        std::string text;
        for (int w = 0; w < 10 + k; ++w) text += (w == 0 ? "" : " ") + cycle[static_cast<std::size_t>(w) % cycle.size()];
        const auto matches = run.add(text + ".");
        REQUIRE(matches.size() == 1);
        if (k == 0) {
            CHECK(matches[0].type == once::MatchType::none);
            continue;
        }
        CHECK(matches[0].type == once::MatchType::jaccard);
        const int oldest_held = std::max(0, k - once::band_layout::k_max_chain);
        CHECK_MESSAGE(matches[0].direct == run.id(static_cast<std::size_t>(oldest_held), 0), "sentence ", k);
        CHECK(matches[0].source == run.id(0, 0));
    }
}

TEST_CASE("matcher: band keys shared across and within batches, buckets reused by other keys, in batches of any size") {
    // Two sets of sentences as in the test above (each sentence alike in every band with all
    // before it of its set), one sentence a document: set A's first four, then B's and A's in
    // turn, so that B's pairs reuse those A's growth freed. A batch's insert takes the probe's
    // answer for a key no other sentence of the batch has, and looks the key up itself for one
    // that others have: batches of 1 take the first way only, larger ones both. Sentence k of a
    // set is matched with the oldest of its set that its buckets still hold, whatever the batch.
    const once::Config config = matcher_config();
    const once::Signer signer(config);
    const std::vector<std::vector<std::string>> cycles = {
        {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"},
        {"india", "juliet", "kilo", "lima", "mike", "nectar", "oscar", "papa"}};
    const auto sentence = [&](std::size_t set, int k) {
        std::string text;
        for (int w = 0; w < 10 + k; ++w)
            text += (w == 0 ? "" : " ") + cycles[set][static_cast<std::size_t>(w) % cycles[set].size()];
        return text + ".";
    };
    std::vector<std::pair<std::size_t, int>> order;  // (set, k) of each document
    for (int k = 0; k < 4; ++k) order.emplace_back(0, k);
    for (int k = 0; k < 20; ++k) {
        order.emplace_back(1, k);
        order.emplace_back(0, k + 4);
    }
    std::vector<std::string> texts;
    std::vector<once::DocAnalysis> analyses;
    for (const auto& [set, k] : order) {
        texts.push_back(sentence(set, k));
        analyses.push_back(signer.analyze(texts.back()));
        REQUIRE(analyses.back().units.size() == 1);
    }
    const once::Matcher::ParallelFor serial = [](std::size_t n, const std::function<void(std::size_t)>& fn,
                                                 const std::function<void()>& meanwhile) {
        if (meanwhile) meanwhile();
        for (std::size_t i = 0; i < n; ++i) fn(i);
    };
    for (const std::size_t batch_size : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{5}, order.size()}) {
        CAPTURE(batch_size);
        once::Matcher matcher(config);
        std::vector<std::vector<std::uint64_t>> ids(cycles.size());  // each set's sentence ids
        for (std::size_t first = 0; first < order.size(); first += batch_size) {
            std::vector<const once::DocAnalysis*> docs;
            std::vector<once::Matchable> masks;
            for (std::size_t d = first; d < std::min(order.size(), first + batch_size); ++d) {
                docs.push_back(&analyses[d]);
                masks.push_back({std::vector<bool>(1, true), {}});
            }
            matcher.match_batch(static_cast<std::uint32_t>(first), docs, masks, serial,
                                [&](std::size_t d, const std::vector<once::UnitMatch>& matches) {
                // Not a structured binding: clang 14 (the sanitizer builds) cannot capture one
                // in CAPTURE's lambda.
                const auto set = order[first + d].first;
                const auto k = order[first + d].second;
                CAPTURE(set);
                CAPTURE(k);
                REQUIRE(matches.size() == 1);
                ids[set].push_back(matcher.document_base());
                if (k == 0) {
                    CHECK(matches[0].type == once::MatchType::none);
                    return;
                }
                CHECK(matches[0].type == once::MatchType::jaccard);
                const int oldest_held = std::max(0, k - once::band_layout::k_max_chain);
                CHECK(matches[0].direct == ids[set][static_cast<std::size_t>(oldest_held)]);
            });
        }
        CHECK(ids[0].size() == 24);
        CHECK(ids[1].size() == 20);
    }
}
