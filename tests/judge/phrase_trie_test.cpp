// phrase_trie_test.cpp — the trie answers exactly what a set of the phrases would, and a walk
// ends as soon as no phrase continues.
#include "once/judge/phrase_trie.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

namespace {

std::uint8_t kinds_of(const once::PhraseTrie& trie, std::string_view piece) {
    return trie.kinds(trie.walk(once::PhraseTrie::root(), piece));
}

}  // namespace

TEST_CASE("phrase trie: an empty trie finds nothing") {
    const once::PhraseTrie trie;
    CHECK(kinds_of(trie, "") == 0);
    CHECK(kinds_of(trie, "share") == 0);
    CHECK(trie.step(once::PhraseTrie::root(), 's') == once::PhraseTrie::k_none);
}

TEST_CASE("phrase trie: whole phrases only, with their kinds") {
    const once::PhraseTrie trie({{"share", 1}, {"shared", 2}, {"related articles", 2}, {"関連記事", 2},
                                 {"分享", 1}, {"previous *", 1}, {"* はこちら", 1}, {"the", 4}, {"share", 4}});
    CHECK(kinds_of(trie, "share") == (1 | 4));  // given twice: the union
    CHECK(kinds_of(trie, "shared") == 2);
    CHECK(kinds_of(trie, "shar") == 0);          // a prefix is no phrase
    CHECK(kinds_of(trie, "shares") == 0);
    CHECK(kinds_of(trie, "Share") == 0);         // bytes, not case-folded
    CHECK(kinds_of(trie, "related articles") == 2);
    CHECK(kinds_of(trie, "関連記事") == 2);
    CHECK(kinds_of(trie, "関連") == 0);
    CHECK(kinds_of(trie, "分享") == 1);
    CHECK(kinds_of(trie, "the") == 4);
    CHECK(kinds_of(trie, "") == 0);
    // Wildcard entries continue from a walked head: "previous" + " *", "* " + "はこちら".
    const auto head = trie.walk(once::PhraseTrie::root(), "previous");
    CHECK(trie.kinds(trie.walk(head, " *")) == 1);
    const auto star = trie.walk(once::PhraseTrie::root(), "* ");
    CHECK(trie.kinds(trie.walk(star, "はこちら")) == 1);
}

TEST_CASE("phrase trie: a walk stops at the first byte no phrase continues with") {
    const once::PhraseTrie trie({{"next", 1}, {"news", 2}});
    const auto root = once::PhraseTrie::root();
    CHECK(trie.walk(root, "ne") != once::PhraseTrie::k_none);
    CHECK(trie.walk(root, "nx") == once::PhraseTrie::k_none);
    CHECK(trie.walk(root, "nextx") == once::PhraseTrie::k_none);
    CHECK(trie.walk(once::PhraseTrie::k_none, "") == once::PhraseTrie::k_none);
    CHECK(trie.kinds(once::PhraseTrie::k_none) == 0);
}

// The answers of a std::map over random phrases of a small alphabet (many shared prefixes, all
// 256 byte values at the root).
TEST_CASE("phrase trie: agrees with a map on random phrases and pieces") {
    std::uint64_t state = 99;
    const auto next_random = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<unsigned>(state >> 33);
    };
    const auto random_piece = [&] {
        std::string piece;
        const unsigned length = next_random() % 6;
        for (unsigned i = 0; i < length; ++i)
            piece += static_cast<char>(next_random() % 3 == 0 ? next_random() % 256 : 'a' + next_random() % 3);
        return piece;
    };
    std::vector<std::pair<std::string, std::uint8_t>> phrases;
    std::map<std::string, std::uint8_t> expected;
    for (int i = 0; i < 500; ++i) {
        const std::string phrase = random_piece();
        const auto bits = static_cast<std::uint8_t>(1u << (next_random() % 3));
        phrases.emplace_back(phrase, bits);
        expected[phrase] |= bits;
    }
    const once::PhraseTrie trie(phrases);
    for (int i = 0; i < 20000; ++i) {
        const std::string piece = random_piece();
        CAPTURE(piece);
        const auto found = expected.find(piece);
        CHECK(kinds_of(trie, piece) == (found == expected.end() ? 0 : found->second));
    }
    for (const auto& [phrase, bits] : expected) CHECK(kinds_of(trie, phrase) == bits);
}
