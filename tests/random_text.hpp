// random_text.hpp — deterministic random strings made of chosen pieces, for the property tests
// that compare a fast path with a simple reference (normalizer, segmenter).
//
// Why pieces and not random bytes: the cases worth trying are the boundaries where shortcuts go
// wrong (an ASCII run ending before a combining mark, CRLF, half-width voicing marks), and random
// bytes almost never build them. A fixed seed keeps every run the same, so a failure reproduces.
//
//   once::test::RandomPieces random({"a", "\u0301", "\r\n"}, 12345);
//   const std::string text = random.text(24);  // 0 to 23 pieces
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace once::test {

class RandomPieces {
public:
    RandomPieces(std::vector<std::string> pieces, std::uint64_t seed) : pieces_(std::move(pieces)), state_(seed) {}
    // Fewer than `max_pieces` pieces, each chosen at random.
    std::string text(std::size_t max_pieces) {
        std::string out;
        const std::size_t length = next() % max_pieces;
        for (std::size_t i = 0; i < length; ++i) out += pieces_[next() % pieces_.size()];
        return out;
    }

private:
    std::size_t next() {  // a linear congruential step (Knuth's MMIX constants), high bits
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>(state_ >> 33);
    }

    std::vector<std::string> pieces_;
    std::uint64_t state_;
};

}  // namespace once::test
