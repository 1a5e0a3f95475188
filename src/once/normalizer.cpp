#include "once/normalizer.hpp"

#include "once/unicode.hpp"
#include "once/utf8.hpp"

namespace once {
namespace {

class Builder {
public:
    explicit Builder(std::size_t capacity) {
        out_.text.reserve(capacity);
        out_.origin.reserve(capacity + 1);
        out_.origin_end.reserve(capacity + 1);
    }

    void visible(std::string_view bytes, std::uint32_t start, std::uint32_t end) {
        if (bytes.empty()) return;
        if (pending_space_ && !at_line_start_) append(" ", space_start_, space_end_);
        pending_space_ = false;
        at_line_start_ = false;
        append(bytes, start, end);
    }
    void space(std::uint32_t start, std::uint32_t end) {
        if (!pending_space_) space_start_ = start;
        space_end_ = end;
        pending_space_ = true;
    }
    void newline(std::uint32_t start, std::uint32_t end) {
        pending_space_ = false;  // trailing white space is trimmed
        at_line_start_ = true;
        append("\n", start, end);
    }
    NormalizedText finish(std::uint32_t size) {
        out_.origin.push_back(size);
        out_.origin_end.push_back(size);
        return std::move(out_);
    }

private:
    void append(std::string_view bytes, std::uint32_t start, std::uint32_t end) {
        out_.text.append(bytes);
        out_.origin.insert(out_.origin.end(), bytes.size(), start);
        out_.origin_end.insert(out_.origin_end.end(), bytes.size(), end);
    }

    NormalizedText out_;
    bool pending_space_ = false;
    bool at_line_start_ = true;
    std::uint32_t space_start_ = 0;
    std::uint32_t space_end_ = 0;
};

// Does a character that must be folded together with the one before follow? Combining marks
// (non-zero combining class), and the half-width voicing marks ﾞ ﾟ (class 0, but NFKC turns
// them into combining marks: ｶﾞ -> ガ).
bool is_combining_follower(char32_t cp) {
    if (cp == 0xFF9E || cp == 0xFF9F) return true;
    return cp >= 0x300 && combining_class(cp) != 0;
}

bool starts_combining(std::string_view text, std::size_t pos) {
    return is_combining_follower(decode_utf8(text, pos));
}

}  // namespace

NormalizedText normalize(std::string_view original) {
    Builder builder(original.size());
    const std::size_t size = original.size();
    std::size_t pos = 0;
    while (pos < size) {
        const auto start = static_cast<std::uint32_t>(pos);
        const auto byte = static_cast<unsigned char>(original[pos]);
        // ASCII fast path, unless combining marks follow ("e" + U+0301 folds as one: é).
        const bool marks_follow = byte > 0x20 && byte < 0x7F && pos + 1 < size &&
                                  static_cast<unsigned char>(original[pos + 1]) >= 0x80 &&
                                  starts_combining(original, pos + 1);
        if (byte < 0x80 && !marks_follow) {
            ++pos;
            if (byte == '\r') {
                if (pos < size && original[pos] == '\n') ++pos;  // CRLF is one line break
                builder.newline(start, static_cast<std::uint32_t>(pos));
            } else if (byte == '\n') {
                builder.newline(start, static_cast<std::uint32_t>(pos));
            } else if (byte == ' ' || byte == '\t' || byte == 0x0B || byte == 0x0C) {
                // Only \n and \r end lines (the segmenter splits lines on them); vertical tab and
                // form feed are white space inside a line.
                builder.space(start, static_cast<std::uint32_t>(pos));
            } else if (byte >= 0x20 && byte != 0x7F) {
                const char folded = (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte + 32)
                                                                  : static_cast<char>(byte);
                builder.visible(std::string_view(&folded, 1), start, static_cast<std::uint32_t>(pos));
            }
            continue;
        }
        const char32_t cp = decode_utf8(original, pos);
        switch (char_class(cp)) {
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
            if (!is_combining_follower(following)) break;
            sequence_end = next;
        }
        if (sequence_end == pos) {
            builder.visible(nfkc_casefold(cp), start, static_cast<std::uint32_t>(pos));
        } else {
            const std::string folded = nfkc_casefold_sequence(original.substr(start, sequence_end - start));
            pos = sequence_end;
            builder.visible(folded, start, static_cast<std::uint32_t>(pos));
        }
    }
    return builder.finish(static_cast<std::uint32_t>(size));
}

}  // namespace once
