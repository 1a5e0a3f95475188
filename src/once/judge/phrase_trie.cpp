#include "once/judge/phrase_trie.hpp"

#include <map>

namespace once {

PhraseTrie::PhraseTrie() : PhraseTrie(std::vector<std::pair<std::string, std::uint8_t>>{}) {}

PhraseTrie::PhraseTrie(const std::vector<std::pair<std::string, std::uint8_t>>& phrases) {
    // Built as a node-per-map trie first (a few thousand nodes, once per lexicon), then laid out
    // as flat sorted edge lists for the lookups.
    std::vector<std::map<unsigned char, Node>> children(1);
    std::vector<std::uint8_t> kinds(1, 0);
    for (const auto& [phrase, bits] : phrases) {
        Node node = root();
        for (const char c : phrase) {
            const auto byte = static_cast<unsigned char>(c);
            const auto found = children[node].find(byte);
            if (found != children[node].end()) {
                node = found->second;
                continue;
            }
            const auto child = static_cast<Node>(children.size());
            children[node].emplace(byte, child);
            children.emplace_back();
            kinds.push_back(0);
            node = child;
        }
        kinds[node] |= bits;
    }
    root_children_.fill(k_none);
    for (const auto& [byte, child] : children[root()]) root_children_[byte] = child;
    edge_begin_.reserve(children.size() + 1);
    for (const auto& edges : children) {
        edge_begin_.push_back(static_cast<std::uint32_t>(labels_.size()));
        for (const auto& [byte, child] : edges) {  // std::map: in byte order
            labels_.push_back(byte);
            targets_.push_back(child);
        }
    }
    edge_begin_.push_back(static_cast<std::uint32_t>(labels_.size()));
    kinds_ = std::move(kinds);
}

}  // namespace once
