#include "once/text/normalizer.hpp"

#include <algorithm>
#include <cstring>

#include "once/text/unicode.hpp"
#include "once/text/utf8.hpp"

namespace once {
namespace {

// Most characters the builders write are one folded character of 1 to 4 bytes, copied without
// a loop: a loop's compare and branch per byte cost more than the copy. Two overlapping 2-byte
// copies cover 2 to 4 bytes and read nothing past `from + n`.
constexpr std::size_t k_short_character = 4;
inline void copy_short(char* to, const char* from, std::size_t n) {
    if (n == 1) {
        *to = *from;
        return;
    }
    char head[2];
    char tail[2];
    std::memcpy(head, from, 2);
    std::memcpy(tail, from + n - 2, 2);
    std::memcpy(to, head, 2);
    std::memcpy(to + n - 2, tail, 2);
}

// The output side of the normalizer: white-space collapsing and line ends, and where the bytes
// go. Two of them: with the alignment to the original (normalize) and without (normalize_text).
//
// This one writes normalized bytes and their origins into arrays sized ahead of the writes, so
// the per-byte work is three stores rather than three appends that each check capacity. It
// writes into the caller's NormalizedText, whose arrays may already be sized by an earlier call
// (normalize_into): their stale contents are overwritten, not zeroed again.
class AlignedBuilder {
public:
    AlignedBuilder(NormalizedText& out, std::size_t original_size) : out_(out), expected_(original_size + 16) {
        // What an earlier call left sized: the origins are one longer than the text they align.
        size_ = std::min(out_.origin.size(), out_.origin_end.size());
        size_ = size_ > 0 ? size_ - 1 : 0;
        out_.text.resize(size_);
        out_.text.reserve(expected_);
        out_.origin.reserve(expected_ + 1);
        out_.origin_end.reserve(expected_ + 1);
    }

    // Room for `n` more bytes and a pending space. The arrays grow a slice at a time, so the
    // zeroing that resize does is still in cache when the bytes are written, and a big document
    // does not zero memory it never uses. Normalized text is rarely longer than the original;
    // when it is (ligatures, ㍻), the arrays simply grow further.
    void make_room(std::size_t n) {
        if (length_ + n + 1 > size_) grow(n);
    }
    // Start of a visible character: the collapsed white space before it, unless at a line start.
    // The caller has made room.
    void before_visible() {
        if (pending_space_ && !at_line_start_) put(' ', space_start_, space_end_);
        pending_space_ = false;
        at_line_start_ = false;
    }
    void visible(std::string_view bytes, std::uint32_t start, std::uint32_t end) {
        if (bytes.empty()) return;
        const std::size_t n = bytes.size();
        make_room(std::max(n, k_short_character));
        before_visible();
        // Locals, not members: a char store may alias anything, and would make the compiler
        // reload the members after every byte.
        char* text = out_.text.data() + length_;
        std::uint32_t* origin = out_.origin.data() + length_;
        std::uint32_t* origin_end = out_.origin_end.data() + length_;
        if (n <= k_short_character) {
            copy_short(text, bytes.data(), n);
            // All four origins, in two vector stores: those past the character's bytes are
            // written again by the next one, or lie past the end (finish).
            for (std::size_t i = 0; i < k_short_character; ++i) {
                origin[i] = start;
                origin_end[i] = end;
            }
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                text[i] = bytes[i];
                origin[i] = start;
                origin_end[i] = end;
            }
        }
        length_ += n;
    }
    // Printable ASCII original[start, end) (no spaces), lower-cased; each byte is its own
    // character. The caller has made room and called before_visible.
    void ascii_run(const char* original, std::uint32_t start, std::uint32_t end) {
        char* text = out_.text.data() + length_;
        std::uint32_t* origin = out_.origin.data() + length_;
        std::uint32_t* origin_end = out_.origin_end.data() + length_;
        for (std::uint32_t at = start; at < end; ++at) {
            const auto byte = static_cast<unsigned char>(original[at]);
            *text++ = static_cast<char>(static_cast<unsigned>(byte - 'A') < 26u ? byte + 32 : byte);
            *origin++ = at;
            *origin_end++ = at + 1;
        }
        length_ += end - start;
    }
    // Three-byte characters original[start, end) copied as they are (BmpTables::copied_as_is);
    // each byte's origin is its character's. The caller has made room and called before_visible.
    void three_byte_run(const char* original, std::uint32_t start, std::uint32_t end) {
        char* text = out_.text.data() + length_;
        std::uint32_t* origin = out_.origin.data() + length_;
        std::uint32_t* origin_end = out_.origin_end.data() + length_;
        std::memcpy(text, original + start, end - start);
        for (std::uint32_t at = start; at < end; at += 3) {
            origin[0] = origin[1] = origin[2] = at;
            origin_end[0] = origin_end[1] = origin_end[2] = at + 3;
            origin += 3;
            origin_end += 3;
        }
        length_ += end - start;
    }
    void space(std::uint32_t start, std::uint32_t end) {
        if (!pending_space_) space_start_ = start;
        space_end_ = end;
        pending_space_ = true;
    }
    void newline(std::uint32_t start, std::uint32_t end) {
        pending_space_ = false;  // trailing white space is trimmed
        at_line_start_ = true;
        make_room(1);
        put('\n', start, end);
    }
    // `exact`: the origins end at text.size() + 1 (normalize's contract); otherwise they keep
    // the length they were sized to, for the next normalize_into.
    void finish(std::uint32_t size, bool exact) {
        out_.text.resize(length_);
        if (exact) {
            out_.origin.resize(length_ + 1);
            out_.origin_end.resize(length_ + 1);
        }
        out_.origin[length_] = size;
        out_.origin_end[length_] = size;
    }

private:
    static constexpr std::size_t k_slice = 16384;

    void grow(std::size_t n) { resize(std::max(length_ + n + 1, std::min(size_ + k_slice, expected_))); }
    void resize(std::size_t size) {
        size_ = size;
        out_.text.resize(size);
        out_.origin.resize(size + 1);
        out_.origin_end.resize(size + 1);
    }
    void put(char c, std::uint32_t start, std::uint32_t end) {
        out_.text[length_] = c;
        out_.origin[length_] = start;
        out_.origin_end[length_] = end;
        ++length_;
    }

    NormalizedText& out_;
    std::size_t length_ = 0;    // bytes written
    std::size_t size_ = 0;      // size of the arrays (written or zeroed so far)
    std::size_t expected_;      // their reserved size
    bool pending_space_ = false;
    bool at_line_start_ = true;
    std::uint32_t space_start_ = 0;
    std::uint32_t space_end_ = 0;
};

// The normalized bytes alone, for callers that need no alignment (line templates: pass 1 reads
// every document for this). Like AlignedBuilder it writes into a buffer sized ahead of the
// writes: appending a character at a time to a std::string is a call and a capacity check per
// character, most of this builder's cost on Japanese text.
class TextBuilder {
public:
    explicit TextBuilder(std::size_t original_size) : text_(original_size + 16, '\0') {}

    // Room for `n` more bytes and a pending space; normalized text longer than the original
    // (ligatures, ㍻) doubles the buffer.
    void make_room(std::size_t n) {
        if (length_ + n + 1 > text_.size()) text_.resize(std::max(text_.size() * 2, length_ + n + 1));
    }
    void before_visible() {
        if (pending_space_ && !at_line_start_) text_[length_++] = ' ';
        pending_space_ = false;
        at_line_start_ = false;
    }
    void visible(std::string_view bytes, std::uint32_t, std::uint32_t) {
        if (bytes.empty()) return;
        const std::size_t n = bytes.size();
        make_room(n);
        before_visible();
        char* text = text_.data() + length_;  // a local: see AlignedBuilder::visible
        if (n <= k_short_character) {
            copy_short(text, bytes.data(), n);
        } else {
            for (std::size_t i = 0; i < n; ++i) text[i] = bytes[i];
        }
        length_ += n;
    }
    // The caller has made room and called before_visible.
    void ascii_run(const char* original, std::uint32_t start, std::uint32_t end) {
        char* text = text_.data() + length_;
        for (std::uint32_t at = start; at < end; ++at) {
            const auto byte = static_cast<unsigned char>(original[at]);
            *text++ = static_cast<char>(static_cast<unsigned>(byte - 'A') < 26u ? byte + 32 : byte);
        }
        length_ += end - start;
    }
    void three_byte_run(const char* original, std::uint32_t start, std::uint32_t end) {
        std::memcpy(text_.data() + length_, original + start, end - start);
        length_ += end - start;
    }
    void space(std::uint32_t, std::uint32_t) { pending_space_ = true; }
    void newline(std::uint32_t, std::uint32_t) {
        pending_space_ = false;  // trailing white space is trimmed
        at_line_start_ = true;
        make_room(1);
        text_[length_++] = '\n';
    }
    std::string finish() {
        text_.resize(length_);
        return std::move(text_);
    }

private:
    std::string text_;
    std::size_t length_ = 0;  // bytes written
    bool pending_space_ = false;
    bool at_line_start_ = true;
};

// Does a character that must be folded together with the one before follow? Combining marks
// (non-zero combining class), and the half-width voicing marks ﾞ ﾟ (class 0, but NFKC turns
// them into combining marks: ｶﾞ -> ガ). Every character with a non-zero combining class has
// CharClass::mark (unicode_test.cpp checks all of Unicode), so the class table answers for
// nearly all text before utf8proc is asked.
bool is_combining_follower(char32_t cp, CharClass cls) {
    if (cp == 0xFF9E || cp == 0xFF9F) return true;
    return cls == CharClass::mark && combining_class(cp) != 0;
}

bool starts_combining(std::string_view text, std::size_t pos) {
    const char32_t cp = decode_utf8(text, pos);
    return cp >= 0x300 && is_combining_follower(cp, char_class(cp));
}

bool is_printable_ascii(unsigned char byte) { return byte > ' ' && byte < 0x7F; }

// The normalizer itself, for either builder; the caller finishes the builder.
template <class Builder>
void fold(std::string_view original, Builder& builder) {
    const std::size_t size = original.size();
    const char* data = original.data();
    // Where the last combining look-ahead stopped, and the class of the character it found
    // there: CJK text then asks the class table once per character, not twice.
    std::size_t looked_at = size;
    CharClass looked_class = CharClass::symbol;
    const BmpTables& tables = bmp_tables();  // once, not per character (unicode.hpp)
    std::size_t pos = 0;
    while (pos < size) {
        const auto start = static_cast<std::uint32_t>(pos);
        const auto byte = static_cast<unsigned char>(data[pos]);
        if (is_printable_ascii(byte)) {
            // A run of printable ASCII: markup, numbers and Latin words in every script's text.
            std::size_t end = pos + 1;
            while (end < size && is_printable_ascii(static_cast<unsigned char>(data[end]))) ++end;
            // Its last character folds together with combining marks after it ("e" + U+0301 is
            // é), so it goes the general way below.
            if (end < size && static_cast<unsigned char>(data[end]) >= 0x80 && starts_combining(original, end))
                --end;
            if (end > pos) {
                builder.make_room(end - pos);
                builder.before_visible();
                builder.ascii_run(data, start, static_cast<std::uint32_t>(end));
                pos = end;
                continue;
            }
        } else if ((byte & 0xF0) == 0xE0) {
            // A run of three-byte characters that fold to themselves (kana, kanji, CJK
            // punctuation): copied whole, where the way below decodes, classifies, looks ahead
            // for marks and folds each one (about 130 instructions a character on ldcc).
            // copied_as_is read without assembling the code point: its top ten bits (the lead
            // byte's low four, the second byte's six) pick the word, the third byte's six the
            // bit (24 instructions a character were 18; callgrind).
            const auto* const bytes = reinterpret_cast<const unsigned char*>(data);
            const std::uint64_t* const copied = tables.copied_as_is.words.data();
            std::size_t end = pos;
            while (end + 3 <= size) {
                const unsigned lead = bytes[end];
                if ((lead & 0xF0) != 0xE0) break;
                const std::uint64_t word = copied[((lead & 0x0F) << 6) | (bytes[end + 1] & 0x3F)];
                if (((word >> (bytes[end + 2] & 0x3F)) & 1) == 0) break;
                end += 3;
            }
            // As for ASCII: the last character folds together with combining marks after it.
            if (end > pos && end < size && static_cast<unsigned char>(data[end]) >= 0x80 &&
                starts_combining(original, end))
                end -= 3;
            if (end > pos) {
                builder.make_room(end - pos);
                builder.before_visible();
                builder.three_byte_run(data, start, static_cast<std::uint32_t>(end));
                pos = end;
                continue;
            }
        } else if (byte < 0x80) {  // white space and controls
            ++pos;
            if (byte == '\r') {
                if (pos < size && data[pos] == '\n') ++pos;  // CRLF is one line break
                builder.newline(start, static_cast<std::uint32_t>(pos));
            } else if (byte == '\n') {
                builder.newline(start, static_cast<std::uint32_t>(pos));
            } else if (byte == ' ' || byte == '\t' || byte == 0x0B || byte == 0x0C) {
                // Only \n and \r end lines (the segmenter splits lines on them); vertical tab and
                // form feed are white space inside a line.
                builder.space(start, static_cast<std::uint32_t>(pos));
            }  // other controls and DEL are dropped
            continue;
        }
        const char32_t cp = decode_utf8(original, pos);
        const CharClass cls = start == looked_at ? looked_class : char_class(tables, cp);
        switch (cls) {
            case CharClass::newline:
                // U+2028, U+2029, U+0085 separate text but do not end a line of the file.
                builder.space(start, static_cast<std::uint32_t>(pos));
                continue;
            case CharClass::space:
                builder.space(start, static_cast<std::uint32_t>(pos));
                continue;
            case CharClass::ignorable:
                continue;
            default:
                break;
        }
        // A character followed by combining marks is folded as one sequence so it can compose
        // (か + U+3099 -> が, e + U+0301 -> é).
        std::size_t sequence_end = pos;
        while (sequence_end < size) {
            std::size_t next = sequence_end;
            const char32_t following = decode_utf8(original, next);
            if (following < 0x300) break;  // ASCII and Latin-1: never combining, seen again soon
            const CharClass following_class = char_class(tables, following);
            if (!is_combining_follower(following, following_class)) {
                looked_at = sequence_end;
                looked_class = following_class;
                break;
            }
            sequence_end = next;
        }
        if (sequence_end == pos) {
            builder.visible(nfkc_casefold(tables, cp), start, static_cast<std::uint32_t>(pos));
        } else {
            const std::string folded = nfkc_casefold_sequence(original.substr(start, sequence_end - start));
            pos = sequence_end;
            builder.visible(folded, start, static_cast<std::uint32_t>(pos));
        }
    }
}

}  // namespace

NormalizedText normalize(std::string_view original) {
    NormalizedText out;
    AlignedBuilder builder(out, original.size());
    fold(original, builder);
    builder.finish(static_cast<std::uint32_t>(original.size()), true);
    return out;
}

void normalize_into(std::string_view original, NormalizedText& out) {
    AlignedBuilder builder(out, original.size());
    fold(original, builder);
    builder.finish(static_cast<std::uint32_t>(original.size()), false);
}

std::string normalize_text(std::string_view original) {
    TextBuilder builder(original.size());
    fold(original, builder);
    return builder.finish();
}

}  // namespace once
