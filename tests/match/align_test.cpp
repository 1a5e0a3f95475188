// align_test.cpp — copies compared with their sources token by token (align.hpp): shared
// prefixes and suffixes in English, Japanese and Chinese, full-width and half-width forms,
// long sentences whose middle is not held, and the edited-copy and cut-piece rules.
#include "once/match/align.hpp"

#include "once/sign/shingler.hpp"
#include "once/text/normalizer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "random_text.hpp"

namespace {

once::TokenEdges edges_of(const std::string& text) { return once::shingle(once::normalize(text).text, 3).edges; }

}  // namespace

TEST_CASE("align: shared prefix and suffix count tokens and their weight") {
    struct Case {
        const char* name;
        std::string a, b;
        std::uint32_t prefix_tokens, prefix_weight, suffix_tokens, suffix_weight;
    };
    const Case cases[] = {
        {"English", "She learned that the new budget was approved.", "The council said the new budget was approved.", 0,
         0, 5, 10},
        {"Japanese", "知事は来月から説明会を開く。", "市長は来月から説明会を開く。", 0, 0, 11, 11},
        {"Chinese", "完成后通勤时间将大幅缩短。", "完成后通勤时间将明显改善。", 8, 8, 0, 0},
        {"full-width and half-width are one token", "ＡＩ投資が拡大した", "AI投資が拡大した", 8, 9, 8, 9},
        {"identical", "Same words here.", "same WORDS here", 3, 6, 3, 6},
        {"empty", "", "Some text.", 0, 0, 0, 0},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const once::Shared start = once::common_prefix(edges_of(c.a), edges_of(c.b));
        const once::Shared end = once::common_suffix(edges_of(c.a), edges_of(c.b));
        CHECK(start.tokens == c.prefix_tokens);
        CHECK(start.weight == c.prefix_weight);
        CHECK(end.tokens == c.suffix_tokens);
        CHECK(end.weight == c.suffix_weight);
        CHECK_FALSE(start.unknown);
        CHECK_FALSE(end.unknown);
    }
}

TEST_CASE("align: the middle of a long sentence is not held") {
    // 150 tokens: the first and last 64 are held, tokens 64 to 85 are not.
    std::string long_a, long_b;
    for (int i = 0; i < 150; ++i) {
        long_a += "w" + std::to_string(i) + " ";
        long_b += "w" + std::to_string(i) + " ";
    }
    const once::TokenEdges a = edges_of(long_a), b = edges_of(long_b);
    CHECK(a.count == 150);
    CHECK(a.from_start(10) >= 0);
    CHECK(a.from_start(70) == -1);  // neither the first nor the last 64 tokens
    CHECK(a.from_end(140) >= 0);    // token 9 from the start
    const once::Shared start = once::common_prefix(a, b);
    CHECK(start.tokens == once::TokenEdges::k_edge);
    CHECK(start.unknown);
    CHECK(once::edited_copy(a, b, 1.0 / 3.0));
}

TEST_CASE("align: an edited copy keeps its source's words in order; a rewrite does not") {
    const once::TokenEdges source = edges_of("The city council approved the new budget for the coming year on Monday.");
    CHECK(once::edited_copy(edges_of("The city council rejected the new budget for the coming year on Monday."),
                                     source, 1.0 / 3.0));
    CHECK(once::edited_copy(edges_of("The city council approved the new budget for next year on Monday."),
                                     source, 1.0 / 3.0));
    // Several small edits are still an edited copy ...
    CHECK(once::edited_copy(edges_of("The city council quickly approved a new budget for the coming year on Monday."),
                            source, 1.0 / 3.0));
    // ... a sentence rewritten around shared words is not.
    CHECK_FALSE(once::edited_copy(edges_of("On Monday the new budget for the city was approved by the council."), source,
                                  1.0 / 3.0));
    // Japanese: one word changed in the middle.
    CHECK(once::edited_copy(edges_of("東京都は新しい鉄道路線の建設計画について説明会を開く。"),
                                     edges_of("東京都は新しい地下鉄路線の建設計画について説明会を開く。"), 1.0 / 3.0));
}

TEST_CASE("align: a cut piece lies at the start or at the end of its source") {
    const once::TokenEdges source = edges_of("東京都は新しい鉄道路線の建設計画について説明会を開く。");
    CHECK(once::is_cut_piece(edges_of("東京都は新しい鉄道路線の"), source));
    CHECK(once::is_cut_piece(edges_of("建設計画について説明会を開く。"), source));
    CHECK_FALSE(once::is_cut_piece(edges_of("新しい鉄道路線の建設計画"), source));
    const once::TokenEdges en = edges_of("Residents will be able to comment online until the end of March.");
    CHECK(once::is_cut_piece(edges_of("Residents will be able to comm"), en));  // a word cut in half
    CHECK_FALSE(once::is_cut_piece(edges_of("Residents will not be able to comment online"), en));
    // A word replaced at an edge, as many tokens as the source: another fact, not a cut
    // (readability ietf-1: the GET and DELETE request lines went as near copies of the PUT one).
    CHECK_FALSE(once::is_cut_piece(edges_of("GET /storage/michiel/myfavoritedrinks/test HTTP/1.1"),
                                   edges_of("PUT /storage/michiel/myfavoritedrinks/test HTTP/1.1")));
    CHECK_FALSE(once::is_cut_piece(edges_of("明日は新しい鉄道路線の建設計画について説明会を開く。"), source));
    CHECK_FALSE(once::is_cut_piece(edges_of("Residents will be able to comment online until the end of April."), en));
    // Still a cut: shorter than its source, its last word cut in half or whole.
    CHECK(once::is_cut_piece(edges_of("Residents will be able to comment online until the e"), en));
    CHECK(once::is_cut_piece(edges_of("日は新しい鉄道路線の建設計画について説明会を開く。"), edges_of("今日は新しい鉄道路線の建設計画について説明会を開く。")));
}

TEST_CASE("align: a piece of a long Chinese sentence is held to its start") {
    // A paste that begins 34 characters into a 70-character sentence: the whole piece is shared
    // from the end (24 tokens a side held only its last 24 characters).
    const std::string piece = "为了进一步改善市民出行条件并缓解早晚高峰时段主要干道的交通拥堵状况，将在未来三年内投入大量资金推出新的"
                              "公共交通网络规划。";
    const once::TokenEdges copy = edges_of("记者昨天在街头采访了几位市民，他们普遍认为，" + piece);
    const once::TokenEdges source = edges_of("市政府近日宣布，" + piece);
    const once::TokenEdges alone = edges_of(piece);
    const once::Shared end = once::common_suffix(copy, source);
    CHECK(end.tokens == alone.count);
    CHECK_FALSE(end.unknown);
}

TEST_CASE("align: a piece goes on from a token of the copy into the next source sentence") {
    // A glued line: the copy's sentence is the headline then the first sentence of its source.
    const once::TokenEdges copy = edges_of("市バス路線の再編案まとまる市交通局は十日、路線再編案を発表した。");
    const once::TokenEdges headline = edges_of("市バス路線の再編案まとまる");
    const once::TokenEdges first = edges_of("市交通局は十日、路線再編案を発表した。");
    const once::Shared head = once::common_prefix(copy, headline);
    CHECK(head.tokens == headline.count);
    const once::Shared rest = once::common_prefix_from(copy, head.tokens, first);
    CHECK(rest.tokens == first.count);
    CHECK(head.tokens + rest.tokens == copy.count);
    // From the end: the first sentence, then the headline before it.
    const once::Shared tail = once::common_suffix(copy, first);
    CHECK(tail.tokens == first.count);
    CHECK(once::common_suffix_from(copy, tail.tokens, headline).tokens == headline.count);
    // Skipping past the copy's end shares nothing; 0 is the plain prefix.
    CHECK(once::common_prefix_from(copy, copy.count, first).tokens == 0);
    CHECK(once::common_prefix_from(copy, 0, headline).tokens == head.tokens);
    const once::TokenEdges en = edges_of("Council backs new bus routes The city council approved a plan.");
    const once::Shared words = once::common_prefix(en, edges_of("Council backs new bus routes"));
    CHECK(words.tokens == 5);
    CHECK(words.weight == 10);
    CHECK(once::common_prefix_from(en, words.tokens, edges_of("The city council approved a plan.")).tokens == 6);
}

TEST_CASE("align: an aligned run reads on across the tokens a side does not hold") {
    // A glued restart's first sentence: a headline, then a lead of 130 characters, one sentence of
    // 143 tokens whose middle (tokens 64 to 78) is not held, though the lead is held nearly whole.
    const std::string headline = "市営バスの新しい路線案まとまる";
    const std::string lead =
        "市交通局は十日、利用者の少ない三つの路線を来年の春までに廃止し、新たに駅と市民病院と大学を結ぶ循環線を設ける"
        "路線再編案を発表し、今月中に各地区で住民説明会を開いたうえで、市議会の承認を得て来年四月から段階的に実施する"
        "予定だと明らかにしたが、住民からは戸惑いの声も上がっている。";
    const once::TokenEdges copy = edges_of(headline + lead);
    const once::TokenEdges source = edges_of(lead);
    REQUIRE(copy.count > 2 * once::TokenEdges::k_edge);
    // The plain suffix stops where the copy's held tokens end.
    const once::Shared plain = once::common_suffix(copy, source);
    CHECK(plain.tokens == once::TokenEdges::k_edge);
    CHECK(plain.unknown);
    // Read across: the held tokens after the gap agree, so all of the lead is shared; the tokens
    // not held weigh k_unheld_token_weight each (here CJK characters: the same weight).
    const once::Shared across = once::aligned_suffix_from(copy, 0, source, 0);
    CHECK(across.tokens == source.count);
    CHECK_FALSE(across.unknown);
    CHECK(across.weight == source.count);
    // Then the headline, held at the copy's start.
    CHECK(once::aligned_suffix_from(copy, across.tokens, edges_of(headline), 0).tokens == edges_of(headline).count);
    // A lead that differs from its start reads on across the gap to the first difference.
    std::string reworded_text = "県の担当者によれば";  // for the lead's first 9 characters
    reworded_text.append(lead, 27);
    const once::TokenEdges reworded = edges_of(reworded_text);
    const once::Shared stopped = once::aligned_suffix_from(copy, 0, reworded, 0);
    CHECK(stopped.tokens > once::TokenEdges::k_edge);
    CHECK(stopped.tokens < reworded.count);
    CHECK_FALSE(stopped.unknown);
    // Another sentence that shares only the last 70 characters differs right after the gap: the
    // run stops before the gap, and says it could not see where the two part.
    std::string other_text = "隣の県では先月から同じような議論が続いており、専門家の間でも意見が分かれていると地元の新聞は伝えていた";
    other_text.append(lead, lead.size() - 70 * 3);
    const once::TokenEdges other = edges_of(other_text);
    const once::Shared before_gap = once::aligned_suffix_from(copy, 0, other, 0);
    CHECK(before_gap.tokens == once::TokenEdges::k_edge);
    CHECK(before_gap.unknown);
    // Short sentences, all held: the same counts as common_prefix / common_suffix.
    const once::TokenEdges a = edges_of("The city council approved a plan on Monday.");
    const once::TokenEdges b = edges_of("The city council approved a budget on Monday.");
    CHECK(once::aligned_prefix_from(a, 0, b, 0).tokens == once::common_prefix(a, b).tokens);
    CHECK(once::aligned_suffix_from(a, 0, b, 0).tokens == once::common_suffix(a, b).tokens);
}

TEST_CASE("align: a source's tokens may be skipped too, where Latin words of two lines ran together") {
    // "■Xperia acro HD IS12S" then "Xperia acro HD IS12Sは..." glued: "IS12SXperia" is one token.
    const once::TokenEdges copy = edges_of("Xperia acro HD IS12SXperia acro HD IS12Sは防水に対応した機種です。");
    const once::TokenEdges heading = edges_of("Xperia acro HD IS12S");
    const once::TokenEdges body = edges_of("Xperia acro HD IS12Sは防水に対応した機種です。");
    const once::Shared start = once::common_prefix(copy, heading);
    CHECK(start.tokens + 1 == heading.count);  // all but the glued last word
    CHECK(once::word_from_start(copy, start.tokens));
    CHECK(once::word_from_start(heading, start.tokens));
    CHECK(once::word_from_start(body, 0));
    // The copy's next token stands for the heading's last word and the body's first.
    const once::Shared rest = once::aligned_prefix_from(copy, start.tokens + 1, body, 1);
    CHECK(start.tokens + 1 + rest.tokens == copy.count);
    // From the end: the body but its first word, then the heading from its second-to-last word.
    const once::Shared end = once::common_suffix(copy, body);
    CHECK(end.tokens + 1 == body.count);
    CHECK(once::aligned_suffix_from(copy, end.tokens + 1, heading, 1).tokens + 1 == heading.count);
    // A CJK character is not a word; past the end nothing is.
    CHECK_FALSE(once::word_from_start(body, 4));
    CHECK_FALSE(once::word_from_end(body, body.count));
}

TEST_CASE("align: inside a source sentence, one word of the copy may stand for two, not at its ends") {
    // "約115g" and "3G連続..." are two lines of one source sentence (the second starts with a digit:
    // a soft wrap); glued, "115g3G" is one token of the copy. Likewise a list of URLs, each line
    // starting with "https". Both are found from the start and from the end.
    struct Case {
        const char* name;
        std::string copy, source;
    };
    const Case cases[] = {
        {"Japanese spec rows", "質量 約115g3G連続待受時間 約440時間", "質量 約115g\n3G連続待受時間 約440時間"},
        {"a list of URLs", "https://twitter.com/jks/status/126089605https://twitter.com/jks/status/126926405",
         "https://twitter.com/jks/status/126089605\nhttps://twitter.com/jks/status/126926405"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const once::TokenEdges copy = edges_of(c.copy);
        const once::TokenEdges source = edges_of(c.source);
        REQUIRE(copy.count + 1 == source.count);
        for (const once::Shared& shared :
             {once::aligned_prefix_from(copy, 0, source, 0), once::aligned_suffix_from(copy, 0, source, 0)}) {
            CHECK(shared.tokens == copy.count);
            CHECK(shared.source_tokens == source.count);
        }
        CHECK(once::ends_with_sentence(copy, source));
        // The plain prefix does not: it is the exact count the edit rules read.
        CHECK(once::common_prefix(copy, source).tokens < copy.count);
    }
    // A sentence that ends in one word where its source ends in two is an edit ("tables" for
    // "Religious affiliation", a reference list on readability's wikipedia-2), not a merge.
    const once::TokenEdges edited = edges_of("2013 Census QuickStats about culture and identity – tables");
    const once::TokenEdges original = edges_of("2013 Census QuickStats about culture and identity – Religious affiliation");
    CHECK(once::aligned_suffix_from(edited, 0, original, 0).tokens == 0);
    CHECK_FALSE(once::ends_with_sentence(edited, original));
}

TEST_CASE("align: edge keys hash the last (first) tokens of weight 10, in every script") {
    // end_key: five words or ten CJK characters from the end, whatever comes before them.
    CHECK(once::end_key(edges_of("the council agreed to publish the report soon.")) ==
          once::end_key(edges_of("They agreed to publish the report soon")));
    CHECK(once::end_key(edges_of("agreed to publish the report soon.")) !=
          once::end_key(edges_of("agreed to publish the paper soon.")));
    CHECK(once::end_key(edges_of("the report soon.")) == std::nullopt);  // weight 6
    CHECK(once::end_key(edges_of("")) == std::nullopt);
    CHECK(once::end_key(edges_of("東京都は住民説明会を開催すると発表した。")) ==
          once::end_key(edges_of("区は住民説明会を開催すると発表した")));
    CHECK(once::end_key(edges_of("ＡＩ投資の拡大を発表した。")) == once::end_key(edges_of("AI投資の拡大を発表した。")));
    // start_key: the same from the start; it differs from the end key of the same tokens.
    CHECK(once::start_key(edges_of("市政府宣布将在下个月举办说明会。")) == once::start_key(edges_of("市政府宣布将在下个月举办活动。")));
    CHECK(once::start_key(edges_of("市政府宣布将在下个月")) != once::end_key(edges_of("市政府宣布将在下个月")));
}

TEST_CASE("align: one stretch edited — a common start and end hold a share of each sentence") {
    struct Case {
        const char* name;
        std::string copy, source;
        double share;
        bool edited;
    };
    const Case cases[] = {
        // The object swapped at the end: 4 of 9 (copy) and 4 of 10 (source) tokens shared
        // ("city's" and "single-use" are two tokens each).
        {"English object at the end", "The football club launched the city's climate plan.",
         "The football club launched a ban on single-use plastics.", 0.4, true},
        {"English object at the end, share asked too high", "The football club launched the city's climate plan.",
         "The football club launched a ban on single-use plastics.", 0.45, false},
        {"Japanese object inside", "具体的には、航空会社は今秋、新型車の投入を提案した。",
         "具体的には、航空会社は今秋、人手不足への対策を提案した。", 0.5, true},
        {"Chinese object at the end", "监管部门此前重点支持共享单车管理办法。", "监管部门此前重点支持公共图书馆建设。", 0.5,
         true},
        // Two stretches: the start and the end both changed, the middle shared.
        {"two places rewritten", "Glenn Hoddle has been unveiled as the new manager at Molineux.",
         "Glenn Hoddle will be unveiled as the new manager on Tuesday.", 0.5, false},
        {"identical", "Same words here.", "same WORDS here", 1.0, true},
        {"empty", "", "Some text.", 0.1, false},
        {"share above 1 never holds", "Same words here.", "same WORDS here", 1.5, false},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK(once::one_stretch_edited(edges_of(c.copy), edges_of(c.source), c.share) == c.edited);
    }
}

// The tests the planner makes from memory before it reads a source's edge tokens from disk
// (edge_store.hpp): where they say no, the alignment they stand for says no too. Random pairs of
// sentences over a few words and CJK characters, so that first and last tokens often agree, of 0
// to 160 tokens (past the k_edge held at each end), one-word sources among them (a glued
// restart's line: ends_with_sentence takes a source whose one word differs).
TEST_CASE("align: the tests from a source's ends never refuse what the alignment would take") {
    once::test::RandomPieces random({"ab ", "cd ", "ef ", "東", "京", "、", "abcd ", "cd. "}, 20261204);
    std::size_t refused_end = 0, ends_found = 0, refused_edge = 0, shared_found = 0;
    for (int round = 0; round < 4000; ++round) {
        const std::string copy_text = random.text(round % 5 == 0 ? 160 : 12);
        const std::string source_text = random.text(round % 7 == 0 ? 160 : 8);
        const once::TokenEdges copy = edges_of(copy_text);
        const once::TokenEdges source = edges_of(source_text);
        const once::EdgeEnds ends = once::edge_ends(source);
        CAPTURE(copy_text);
        CAPTURE(source_text);
        const bool ends_whole = once::ends_with_sentence(copy, source);
        ends_found += ends_whole ? 1 : 0;
        if (!once::may_end_with(copy, ends)) {
            ++refused_end;
            CHECK_FALSE(ends_whole);
        }
        for (const int step : {-1, 1}) {
            const once::Shared shared = step < 0 ? once::aligned_suffix_from(copy, 0, source, 0)
                                                 : once::aligned_prefix_from(copy, 0, source, 0);
            shared_found += shared.tokens > 0 ? 1 : 0;
            if (!once::may_share_edge(copy, ends, step)) {
                ++refused_edge;
                // Nothing shared and nothing unread: the walk beyond it (paste_ends.cpp) does
                // not start, since the source has two tokens or more.
                CHECK(shared.tokens == 0);
                CHECK(shared.source_tokens == 0);
                CHECK(shared.weight == 0);
                CHECK_FALSE(shared.unknown);
                CHECK(source.count >= 2);
            }
        }
    }
    // Both answers occur often, or the test would prove nothing.
    CHECK(refused_end > 500);
    CHECK(ends_found > 50);
    CHECK(refused_edge > 1000);
    CHECK(shared_found > 1000);
}


namespace {

// The references the fast paths stand for (align.cpp): a token at a time through from_start /
// from_end, and the longest common subsequence over the whole table.
once::Shared reference_run(const once::TokenEdges& a, std::size_t skip, const once::TokenEdges& b, bool from_end) {
    once::Shared out;
    for (std::size_t i = skip, j = 0; i < a.count && j < b.count; ++i, ++j) {
        const int x = from_end ? a.from_end(i) : a.from_start(i);
        const int y = from_end ? b.from_end(j) : b.from_start(j);
        if (x < 0 || y < 0) {
            out.unknown = true;
            break;
        }
        if (x != y) break;
        ++out.tokens;
        ++out.source_tokens;
        out.weight += once::token_edge_weight(x);
    }
    return out;
}

bool reference_edited(const once::TokenEdges& copy, const once::TokenEdges& source, double max_share) {
    const std::size_t n = copy.count;
    const std::size_t m = source.count;
    if (n == 0 || m == 0 || n > 128 || m > 128) return false;
    std::vector<std::vector<int>> table(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j)
            table[i + 1][j + 1] = copy.from_start(i) == source.from_start(j) ? table[i][j] + 1
                                                                              : std::max(table[i][j + 1], table[i + 1][j]);
    const double common = table[n][m];
    return n - common <= max_share * static_cast<double>(n) && m - common <= max_share * static_cast<double>(m);
}

}  // namespace

// A sentence of the given tokens (hash byte, plus 256 for CJK), held as the shingler holds one.
once::TokenEdges edges_of_tokens(const std::vector<int>& tokens) {
    once::TokenEdges edges;
    edges.count = static_cast<std::uint16_t>(tokens.size());
    for (std::size_t t = 0; t < tokens.size() && t < once::TokenEdges::k_edge; ++t) {
        const int head = tokens[t];
        const int tail = tokens[tokens.size() - 1 - t];
        edges.head[t] = static_cast<std::uint8_t>(head & 0xff);
        edges.tail[t] = static_cast<std::uint8_t>(tail & 0xff);
        edges.head_cjk |= static_cast<std::uint64_t>(head >> 8) << t;
        edges.tail_cjk |= static_cast<std::uint64_t>(tail >> 8) << t;
    }
    return edges;
}

TEST_CASE("align: the shared start and end, and the edited-copy test, count as a token at a time would") {
    // Tokens from a tiny alphabet, so that long shared runs (past the 64 held tokens of each end)
    // occur, and tokens that differ in their CJK bit alone (the same hash byte of a word and of a
    // character), which the fast path must stop at too.
    std::uint64_t state = 20261204;
    const auto next = [&state](std::uint64_t below) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % below);
    };
    const auto tokens = [&next](int length) {
        std::vector<int> out;
        for (int t = 0; t < length; ++t) out.push_back(next(3) | (next(8) == 0 ? 0x100 : 0));
        return out;
    };
    std::size_t long_runs = 0, cjk_stops = 0, edited = 0, not_edited = 0;
    for (int round = 0; round < 3000; ++round) {
        const std::vector<int> stem = tokens(next(round % 3 == 0 ? 150 : 40));
        std::vector<int> a = tokens(next(4));
        std::vector<int> b = tokens(next(4));
        a.insert(a.end(), stem.begin(), stem.end());
        b.insert(b.end(), stem.begin(), stem.end());
        const std::vector<int> a_end = tokens(next(4));
        const std::vector<int> b_end = tokens(next(4));
        a.insert(a.end(), a_end.begin(), a_end.end());
        b.insert(b.end(), b_end.begin(), b_end.end());
        const once::TokenEdges copy = edges_of_tokens(a);
        const once::TokenEdges source = edges_of_tokens(b);
        CAPTURE(round);
        for (const std::size_t skip : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{63}, std::size_t{70}}) {
            CAPTURE(skip);
            for (const bool from_end : {false, true}) {
                const once::Shared fast = from_end ? once::common_suffix_from(copy, skip, source)
                                                   : once::common_prefix_from(copy, skip, source);
                const once::Shared slow = reference_run(copy, skip, source, from_end);
                CHECK(fast.tokens == slow.tokens);
                CHECK(fast.source_tokens == slow.source_tokens);
                CHECK(fast.weight == slow.weight);
                CHECK(fast.unknown == slow.unknown);
                long_runs += fast.tokens >= 64 ? 1 : 0;
                const std::size_t t = slow.tokens;
                const int x = from_end ? copy.from_end(skip + t) : copy.from_start(skip + t);
                const int y = from_end ? source.from_end(t) : source.from_start(t);
                cjk_stops += x >= 0 && y >= 0 && x != y && (x & 0xff) == (y & 0xff) ? 1 : 0;
            }
        }
        if (copy.count <= 128 && source.count <= 128) {
            for (const double share : {0.1, 1.0 / 3.0}) {
                const bool fast = once::edited_copy(copy, source, share);
                CHECK(fast == reference_edited(copy, source, share));
                (fast ? edited : not_edited) += 1;
            }
        }
    }
    // Each case occurs often, or the test would prove nothing.
    CHECK(long_runs > 100);
    CHECK(cjk_stops > 100);
    CHECK(edited > 300);
    CHECK(not_edited > 300);
}
