// place_table.hpp — where each sentence of the corpus is (its byte range and the line and column
// of both ends), 12 bytes a sentence instead of 28.
//
// Why: the matcher keeps a place for every sentence it has seen, to tell the planner and the map
// where a source is (Matcher::location). Stored whole (a 64-bit start, a 32-bit length, two
// 32-bit line/column pairs) that was 28 bytes, the third largest part of the index. The values
// are small: a start inside a document, a sentence's length, a line and column inside a document,
// an end on the same line or a few lines on, whose column is then at most the sentence's length in
// code points. So most places fit 96 bits packed (the widths below); a place that does not fit
// (a document past 256 MiB, a sentence past 32 KiB, a line past 131,071 code points, ...) is kept
// whole in a sparse side table, which its packed entry points to. Every place reads back exactly
// as it was given: packing is a storage choice, never a rounding.
//
//   PlaceTable places;
//   places.push_back({start, end, start_pos, end_pos});
//   const SentencePlace place = places[id];
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "once/core/result.hpp"
#include "once/match/flat_hash.hpp"

namespace once {

// A sentence's byte range [start, end) in its document's text, and the line and column of both.
struct SentencePlace {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    TextPosition start_pos;
    TextPosition end_pos;
};

class PlaceTable {
public:
    // Field widths of a packed place (95 bits and the flag that says it is kept whole). Chosen
    // from what documents are: a start within 256 MiB, a sentence under 32 KiB, a line number
    // under 2^17, a column under 2^17 (a JSON Lines text without newlines is one long line), an end
    // at most 7 lines after the start.
    static constexpr unsigned k_start_bits = 28;
    static constexpr unsigned k_length_bits = 15;
    static constexpr unsigned k_end_column_bits = 15;
    static constexpr unsigned k_line_bits = 17;
    static constexpr unsigned k_column_bits = 17;
    static constexpr unsigned k_line_step_bits = 3;

    void push_back(const SentencePlace& place) {
        Packed packed{};
        if (!pack(place, packed)) {
            packed = Packed{static_cast<std::uint32_t>(whole_.size()),
                            static_cast<std::uint32_t>(whole_.size() >> 32), k_whole_flag};
            whole_.push_back(place);
        }
        packed_.push_back(packed);
    }
    SentencePlace operator[](std::size_t i) const {
        const Packed& packed = packed_[i];
        if ((packed.c & k_whole_flag) != 0) return whole_[std::uint64_t{packed.b} << 32 | packed.a];
        return unpack(packed);
    }
    std::size_t size() const { return packed_.size(); }
    // Places kept whole (did not fit the packed widths).
    std::size_t whole_count() const { return whole_.size(); }
    // Bytes in use: 12 a place, 32 more for one kept whole.
    std::size_t used_bytes() const { return packed_.used_bytes() + whole_.size() * sizeof(SentencePlace); }

private:
    // 96 bits in three words: the fields from bit 0 in the order pack() puts them, bit 95 the
    // flag of a place kept whole (then the low 64 bits are its index in whole_).
    struct Packed {
        std::uint32_t a;
        std::uint32_t b;
        std::uint32_t c;
    };
    static constexpr std::uint32_t k_whole_flag = 0x80000000u;
    // Bits 0-60 hold the first four fields, the window from bit 61 the start's line and column.
    static constexpr unsigned k_low_fields = k_start_bits + k_length_bits + k_end_column_bits + k_line_step_bits;
    static_assert(k_low_fields <= 64 && k_low_fields > 32, "the two windows");

    static constexpr bool fits(std::uint64_t value, unsigned bits) { return value < (std::uint64_t{1} << bits); }

    // The end's column is stored as its distance from the start's column when both are on one
    // line (then at most the sentence's code points), else as is (at most the code points since
    // its line began, inside the sentence): either way about the sentence's length.
    static bool pack(const SentencePlace& place, Packed& out) {
        if (place.end < place.start || place.end_pos.line < place.start_pos.line) return false;
        const std::uint64_t length = place.end - place.start;
        const std::uint64_t line_step = place.end_pos.line - place.start_pos.line;
        const bool same_line = line_step == 0;
        if (same_line && place.end_pos.column < place.start_pos.column) return false;
        const std::uint64_t end_column =
            same_line ? place.end_pos.column - place.start_pos.column : place.end_pos.column;
        if (!fits(place.start, k_start_bits) || !fits(length, k_length_bits) ||
            !fits(end_column, k_end_column_bits) || !fits(place.start_pos.line, k_line_bits) ||
            !fits(place.start_pos.column, k_column_bits) || !fits(line_step, k_line_step_bits))
            return false;
        static_assert(k_start_bits + k_length_bits + k_end_column_bits + k_line_step_bits + k_line_bits +
                          k_column_bits == 95,
                      "the flag takes bit 95");
        // Built in the two windows that unpack() reads.
        const std::uint64_t low = place.start | length << k_start_bits |
                                  end_column << (k_start_bits + k_length_bits) |
                                  line_step << (k_start_bits + k_length_bits + k_end_column_bits);
        const std::uint64_t high = place.start_pos.line | std::uint64_t{place.start_pos.column} << k_line_bits;
        out = Packed{static_cast<std::uint32_t>(low),
                     static_cast<std::uint32_t>(low >> 32 | high << (k_low_fields - 32)),
                     static_cast<std::uint32_t>(high >> (64 - k_low_fields))};
        return true;
    }
    // Two 64-bit windows, not one 128-bit value (fewer instructions in the planner's many
    // location() calls): bits 0-63, and bits 32-95 shifted down to the line's first bit.
    static SentencePlace unpack(const Packed& packed) {
        const std::uint64_t low = std::uint64_t{packed.b} << 32 | packed.a;
        const std::uint64_t high = (std::uint64_t{packed.c} << 32 | packed.b) >> (k_low_fields - 32);
        const auto field = [](std::uint64_t window, unsigned at, unsigned width) {
            return (window >> at) & ((std::uint64_t{1} << width) - 1);
        };
        SentencePlace place;
        place.start = field(low, 0, k_start_bits);
        place.end = place.start + field(low, k_start_bits, k_length_bits);
        const std::uint64_t end_column = field(low, k_start_bits + k_length_bits, k_end_column_bits);
        const std::uint64_t line_step = field(low, k_start_bits + k_length_bits + k_end_column_bits, k_line_step_bits);
        place.start_pos.line = static_cast<std::uint32_t>(field(high, 0, k_line_bits));
        place.start_pos.column = static_cast<std::uint32_t>(field(high, k_line_bits, k_column_bits));
        place.end_pos.line = place.start_pos.line + static_cast<std::uint32_t>(line_step);
        place.end_pos.column = static_cast<std::uint32_t>(line_step == 0 ? place.start_pos.column + end_column : end_column);
        return place;
    }

    ChunkedArray<Packed> packed_;
    std::vector<SentencePlace> whole_;  // in sentence order; few
};

}  // namespace once
