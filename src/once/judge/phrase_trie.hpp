// phrase_trie.hpp — a set of short phrases as a byte trie, so that a line can be searched for
// every phrase starting at one position in a single walk, which stops at the first byte that no
// phrase continues with.
//
// Why: the shape classifier asks, for every start position of a short line, whether longer and
// longer pieces of it are lexicon phrases (shape.cpp, compose), and whether each word is a stop
// word. With hash sets each question hashes (and copies) the whole piece, and nearly every piece
// is asked about though almost none is a phrase. A walk costs one step per byte, and usually
// ends after the first byte or two. Answers are exactly those of the sets: a piece is found if
// and only if it is one of the phrases, byte for byte.
//
// Contract: each phrase carries kind bits (the caller's sets: button, heading, stop ...); a
// phrase given twice gets the union of its bits. `step` and `walk` return `k_none` once no phrase
// starts with the bytes walked so far; `kinds(node)` is 0 when no phrase ends exactly there.
//
//   once::PhraseTrie trie({{"share", 1}, {"related articles", 2}});
//   auto node = trie.walk(trie.root(), "share");
//   bool share_is_button = node != once::PhraseTrie::k_none && (trie.kinds(node) & 1);
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace once {

class PhraseTrie {
public:
    using Node = std::uint32_t;
    static constexpr Node k_none = std::numeric_limits<Node>::max();

    PhraseTrie();  // no phrases
    explicit PhraseTrie(const std::vector<std::pair<std::string, std::uint8_t>>& phrases);

    static constexpr Node root() { return 0; }

    // The node after `byte`, or k_none when no phrase continues with it.
    Node step(Node node, unsigned char byte) const {
        if (node == root()) return root_children_[byte];
        for (std::uint32_t edge = edge_begin_[node], end = edge_begin_[node + 1]; edge < end; ++edge) {
            if (labels_[edge] == byte) return targets_[edge];
            if (labels_[edge] > byte) break;  // labels are sorted
        }
        return k_none;
    }
    // The node after all of `bytes` (k_none as soon as no phrase continues).
    Node walk(Node node, std::string_view bytes) const {
        for (const char c : bytes) {
            if (node == k_none) break;
            node = step(node, static_cast<unsigned char>(c));
        }
        return node;
    }
    // Kind bits of the phrase that ends at `node` (0: none, or `node` is k_none).
    std::uint8_t kinds(Node node) const { return node == k_none ? 0 : kinds_[node]; }

private:
    std::array<Node, 256> root_children_{};  // the root's children, by byte (most lookups start here)
    std::vector<std::uint32_t> edge_begin_;  // node -> its edges [edge_begin_[node], edge_begin_[node + 1])
    std::vector<unsigned char> labels_;      // per edge: its byte, sorted within a node
    std::vector<Node> targets_;              // per edge: the child
    std::vector<std::uint8_t> kinds_;        // per node
};

}  // namespace once
