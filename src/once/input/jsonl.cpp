// jsonl.cpp — one JSON Lines record: validate it, pull out text/id/group, splice text back.
//
// simdjson's DOM parser validates the whole line (structure, escapes, UTF-8) and unescapes the
// values we need. It does not report where a value sits in the input, so once the line is known
// to be valid a small scanner walks the top-level object and records the byte range of each
// member's value; member i of the scan is member i of simdjson's object (both keep input order,
// duplicates included).
#include "once/input/jsonl.hpp"

#include "once/core/error.hpp"
#include "once/text/utf8.hpp"

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace once {
namespace {

struct Range {
    std::size_t begin;
    std::size_t end;
};

// A parser keeps its buffers between lines (one per thread: records are parsed in parallel).
// They take about 14 bytes per byte of the longest line parsed (the tape 8, structural indexes
// 4, strings 1-2), so after a line over 1 MiB they are dropped: at 32 MiB one 6 MB record
// pinned 80 MB of parser for the rest of the run, beside its own analysis. A record that long
// costs far more to analyze than to allocate its parser again.
constexpr std::size_t k_keep_parser_capacity = std::size_t{1} << 20;

[[noreturn]] void fail(const std::string& file, std::uint64_t line_number, const std::string& message) {
    throw Error(ExitCode::input_error, "line " + std::to_string(line_number) + ": " + message, file);
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_space(std::string_view s, std::size_t pos) {
    while (pos < s.size() && is_json_space(s[pos])) ++pos;
    return pos;
}

// `pos` is at an opening quote; returns the index just past the closing quote, or npos.
std::size_t string_end(std::string_view s, std::size_t pos) {
    std::size_t from = pos + 1;
    for (;;) {
        const void* hit = from < s.size() ? std::memchr(s.data() + from, '"', s.size() - from) : nullptr;
        if (hit == nullptr) return std::string_view::npos;
        const auto quote = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
        std::size_t backslashes = 0;
        while (quote - backslashes > pos + 1 && s[quote - backslashes - 1] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return quote + 1;
        from = quote + 1;
    }
}

// End of the (valid) value starting at `pos`.
std::size_t value_end(std::string_view s, std::size_t pos) {
    const char c = s[pos];
    if (c == '"') return string_end(s, pos);
    if (c == '{' || c == '[') {
        std::size_t depth = 0;
        for (std::size_t i = pos; i < s.size();) {
            const char d = s[i];
            if (d == '"') {
                i = string_end(s, i);
                if (i == std::string_view::npos) break;
                continue;
            }
            if (d == '{' || d == '[') ++depth;
            if ((d == '}' || d == ']') && --depth == 0) return i + 1;
            ++i;
        }
        return std::string_view::npos;
    }
    std::size_t i = pos;
    while (i < s.size() && !is_json_space(s[i]) && s[i] != ',' && s[i] != '}' && s[i] != ']') ++i;
    return i;
}

// Value ranges of the members of the top-level object, in input order. Only called on lines
// simdjson accepted, so a surprise here is a bug, not bad input.
std::vector<Range> member_ranges(std::string_view s, std::size_t start, const std::string& file) {
    const auto bug = [&] {
        throw Error(ExitCode::internal, "JSON member scan disagrees with the parser", file);
    };
    std::vector<Range> ranges;
    std::size_t pos = skip_space(s, start);
    if (pos >= s.size() || s[pos] != '{') bug();
    pos = skip_space(s, pos + 1);
    if (pos < s.size() && s[pos] == '}') return ranges;
    for (;;) {
        if (pos >= s.size() || s[pos] != '"') bug();
        pos = string_end(s, pos);
        if (pos == std::string_view::npos) bug();
        pos = skip_space(s, pos);
        if (pos >= s.size() || s[pos] != ':') bug();
        pos = skip_space(s, pos + 1);
        if (pos >= s.size()) bug();
        const std::size_t end = value_end(s, pos);
        if (end == std::string_view::npos) bug();
        ranges.push_back({pos, end});
        pos = skip_space(s, end);
        if (pos < s.size() && s[pos] == ',') {
            pos = skip_space(s, pos + 1);
            continue;
        }
        if (pos < s.size() && s[pos] == '}') return ranges;
        bug();
    }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view n) {
    std::size_t i = 0;
    if (i < n.size() && n[i] == '-') ++i;
    if (i >= n.size() || !is_digit(n[i])) return false;
    if (n[i] == '0') {
        ++i;
    } else {
        while (i < n.size() && is_digit(n[i])) ++i;
    }
    if (i < n.size() && n[i] == '.') {
        ++i;
        if (i >= n.size() || !is_digit(n[i])) return false;
        while (i < n.size() && is_digit(n[i])) ++i;
    }
    if (i < n.size() && (n[i] == 'e' || n[i] == 'E')) {
        ++i;
        if (i < n.size() && (n[i] == '+' || n[i] == '-')) ++i;
        if (i >= n.size() || !is_digit(n[i])) return false;
        while (i < n.size() && is_digit(n[i])) ++i;
    }
    return i == n.size();
}

// simdjson's DOM rejects valid numbers it cannot represent (integers beyond 64 bits, 1e999: NUMBER_ERROR).
// Such records are still valid JSON and their other fields must pass through, so: check each
// number's grammar ourselves and overwrite it with "0" padded by spaces. The copy keeps every
// offset, and simdjson still validates everything else. nullopt: a number is malformed.
std::optional<std::string> neutralize_numbers(const std::string& raw, std::size_t start) {
    std::string copy = raw;
    for (std::size_t i = start; i < copy.size();) {
        const char c = copy[i];
        if (c == '"') {
            i = string_end(copy, i);
            if (i == std::string::npos) return std::nullopt;
            continue;
        }
        if (c == '-' || is_digit(c)) {
            std::size_t j = i;
            while (j < copy.size() && (is_digit(copy[j]) || std::strchr("+-.eE", copy[j]) != nullptr)) ++j;
            if (!is_json_number(std::string_view(copy).substr(i, j - i))) return std::nullopt;
            copy[i] = '0';
            std::fill(copy.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                      copy.begin() + static_cast<std::ptrdiff_t>(j), ' ');
            i = j;
            continue;
        }
        ++i;
    }
    return copy;
}

const char* type_name(simdjson::dom::element_type type) {
    using T = simdjson::dom::element_type;
    switch (type) {
        case T::ARRAY: return "an array";
        case T::OBJECT: return "an object";
        case T::STRING: return "a string";
        case T::INT64:
        case T::UINT64:
        case T::DOUBLE: return "a number";
        case T::BOOL: return "a boolean";
        case T::NULL_VALUE: return "null";
    }
    return "something else";
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && lower_ascii(s.substr(s.size() - suffix.size())) == suffix;
}

// Host of an absolute ("https://user@Example.com:8080/x") or scheme-relative URL, lower-cased;
// a bare "example.com/path" is taken as a host too. Empty when there is none.
std::string url_host(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme != std::string_view::npos && url.find_first_of("/?#") == scheme + 1) {
        url.remove_prefix(scheme + 3);
    } else if (url.substr(0, 2) == "//") {
        url.remove_prefix(2);
    }
    std::string_view authority = url.substr(0, url.find_first_of("/?#"));
    const auto at = authority.rfind('@');
    if (at != std::string_view::npos) authority.remove_prefix(at + 1);
    std::string_view host;
    if (!authority.empty() && authority.front() == '[') {  // IPv6 literal: the port follows ']'
        host = authority.substr(0, authority.find(']') + 1);
    } else {
        host = authority.substr(0, authority.find(':'));
    }
    while (!host.empty() && host.back() == '.') host.remove_suffix(1);
    return lower_ascii(host);
}

// Does any of the 8 bytes of `word` need a look: a control byte (< 0x20), '"', '\\' or 0xE2 (the
// lead byte of U+2028 / U+2029)? Exact (the usual "has a zero byte" tests); what written text
// is mostly made of leaves 8 bytes at a time instead of one.
bool word_needs_look(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    const std::uint64_t below_space = (word - ones * 0x20) & ~word & highs;
    return (below_space | has_zero(word ^ (ones * '"')) | has_zero(word ^ (ones * '\\')) |
            has_zero(word ^ (ones * 0xE2))) != 0;
}

// Appends text that is known to be valid UTF-8.
void append_escaped_valid(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        // Runs of bytes that are copied as they are: the output of `once clean` is mostly text.
#if defined(__SSE2__)
        // Sixteen bytes a step; a block with a byte to look at goes to the words below, which
        // find it. The words alone took about 30 instructions per eight bytes (1.3% of `once
        // clean` on ldcc).
        while (i + 16 <= s.size()) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
            const __m128i below_space = _mm_set1_epi8(0x1F);
            const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(bytes, below_space), below_space);  // byte <= 0x1F
            const __m128i marks = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                               _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')));
            const __m128i lead = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(static_cast<char>(0xE2)));
            if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(low, marks), lead)) != 0) break;
            i += 16;
        }
#endif
        while (i + 8 <= s.size()) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if (word_needs_look(word)) break;
            i += 8;
        }
        if (i >= s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0xE2) continue;
        if (c == 0xE2) {
            // U+2028 / U+2029 are valid in JSON but end a line in JavaScript source.
            if (i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8) {
                out.append(s.data() + run, i - run);
                out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
                run = i + 1;
            }
            continue;
        }
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xF];
        }
    }
    out.append(s.data() + run, s.size() - run);
}

}  // namespace

JsonlRecord parse_jsonl_record(std::string raw, const JsonlOptions& options,
                               const std::string& file, std::uint64_t line_number) {
    thread_local simdjson::dom::parser parser;
    struct ShrinkAfterGiantLine {
        ~ShrinkAfterGiantLine() {
            if (parser.capacity() > k_keep_parser_capacity) parser = simdjson::dom::parser{};
        }
    } shrink;

    // A byte order mark may open the file; it is kept in `raw` (pass-through) but not parsed.
    const std::size_t start = (line_number == 1 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) ? 3 : 0;
    // simdjson reads a little past the end; reserving the padding avoids a copy of the line.
    raw.reserve(raw.size() + simdjson::SIMDJSON_PADDING);

    simdjson::dom::element root;
    auto err = parser.parse(raw.data() + start, raw.size() - start, false).get(root);
    std::string neutral;
    if (err == simdjson::NUMBER_ERROR) {
        if (auto copy = neutralize_numbers(raw, start)) {
            neutral = std::move(*copy);
            neutral.reserve(neutral.size() + simdjson::SIMDJSON_PADDING);
            err = parser.parse(neutral.data() + start, neutral.size() - start, false).get(root);
        }
    }
    // A file in UTF-16 (Windows tools save JSON so): said as such, not as the invalid UTF-8 or
    // malformed JSON it reads as. Looked for only once the line failed: valid lines pay nothing.
    if (err && line_number == 1 && (raw.starts_with("\xFF\xFE") || raw.starts_with("\xFE\xFF")))
        fail(file, line_number, "UTF-16 or UTF-32 byte order mark (JSON Lines must be UTF-8; convert the file with iconv)");
    if (err) {
        if (const auto nul = raw.find('\0'); nul != std::string::npos)
            fail(file, line_number, "NUL byte at byte " + std::to_string(nul) +
                                        " of the line (UTF-16 without a byte order mark, or binary data? JSON Lines must be UTF-8)");
    }
    if (err == simdjson::UTF8_ERROR) {
        const auto offset = find_invalid_utf8(raw);
        fail(file, line_number,
             "invalid UTF-8" + (offset ? " at byte " + std::to_string(*offset) + " of the line" : ""));
    }
    if (err == simdjson::EMPTY) fail(file, line_number, "empty line, expected a JSON object");
    if (err) {
        std::string message = std::string("malformed JSON: ") + simdjson::error_message(err);
        if (err == simdjson::STRING_ERROR) message += " (bad escape or unpaired \\u surrogate)";
        fail(file, line_number, message);
    }
    simdjson::dom::object object;
    if (root.get_object().get(object))
        fail(file, line_number, std::string("expected a JSON object, found ") + type_name(root.type()));

    const std::vector<Range> ranges = member_ranges(raw, start, file);
    const auto scan_mismatch = [&] {
        throw Error(ExitCode::internal, "JSON member scan disagrees with the parser", file);
    };

    const bool group_by_host = options.group_field == "url" || options.group_field == "host";
    const std::string_view group_key = group_by_host ? std::string_view("url") : options.group_field;
    // Non-string ids and groups (42, true, {...}) are taken as their JSON text.
    const auto raw_text = [&](Range r) { return raw.substr(r.begin, r.end - r.begin); };

    // A field once reads, given twice, is an error: JSON readers differ on which one counts
    // (once took the first; Python's json and jq take the last), so the
    // cleaned text would be the one a later reader ignores, and the other copy would pass through
    // uncleaned — silent data loss, or a record named or grouped differently by the next tool.
    const auto once_only = [&](bool seen, std::string_view key) {
        if (seen)
            fail(file, line_number, "field \"" + std::string(key) + "\" occurs twice (JSON readers differ on which "
                                    "one counts; keep one)");
    };
    JsonlRecord record;
    bool have_text = false, have_id = false, have_group = false;
    std::size_t index = 0;
    for (const auto member : object) {
        if (index >= ranges.size()) scan_mismatch();
        const Range range = ranges[index++];
        if (member.key == options.text_field) {
            once_only(have_text, member.key);
            have_text = true;
            std::string_view text;
            if (member.value.get_string().get(text))
                fail(file, line_number, "field \"" + options.text_field + "\" is " +
                                            type_name(member.value.type()) + ", expected a string");
            record.text = text;
            record.text_begin = range.begin;
            record.text_end = range.end;
        }
        if (member.key == options.id_field) {
            once_only(have_id, member.key);
            have_id = true;
            std::string_view id;
            if (!member.value.get_string().get(id)) {
                record.id = id;
            } else if (!member.value.is_null()) {
                record.id = raw_text(range);
            }
        }
        // The flag is appended to the record's object: a key the record holds already would be
        // there twice, and a reader taking the last (Python's json, jq) would see the flag, not
        // the record's own value (with --flag-field text: `false` for the text).
        if (!options.flag_field.empty() && member.key == options.flag_field)
            fail(file, line_number, "already has a field \"" + options.flag_field +
                                        "\", which --flag-field would add a second time (name another field)");
        if (!group_key.empty() && member.key == group_key) {
            once_only(have_group, member.key);
            have_group = true;
            std::string_view value;
            if (!member.value.get_string().get(value)) {
                record.group = group_by_host ? url_host(value) : std::string(value);
            } else if (!group_by_host && !member.value.is_null()) {
                record.group = raw_text(range);
            }
        }
    }
    if (index != ranges.size()) scan_mismatch();
    if (!have_text) fail(file, line_number, "no \"" + options.text_field + "\" field");
    // Missing, null or empty: fall back so every record stays addressable in reports.
    if (record.id.empty()) record.id = file + ":" + std::to_string(line_number);
    record.has_group = !record.group.empty();
    if (record.group.empty()) record.group = file;
    record.raw = std::move(raw);
    return record;
}

std::string with_text(const JsonlRecord& record, std::string_view text) {
    if (record.text_end > record.raw.size() || record.text_end < record.text_begin + 2)
        throw Error(ExitCode::internal, "with_text: record has no text range");
    std::string out;
    out.reserve(record.raw.size() - (record.text_end - record.text_begin) + text.size() + text.size() / 8 + 2);
    out.append(record.raw, 0, record.text_begin);
    out += '"';
    append_json_escaped(out, text);
    out += '"';
    out.append(record.raw, record.text_end);
    return out;
}

void append_json_escaped(std::string& out, std::string_view text) {
    // Callers pass validated UTF-8; should a bug hand us anything else, each bad byte becomes
    // U+FFFD so the output is still valid JSON. simdjson's validator (SIMD) answers for valid
    // text at a fraction of the cost of find_invalid_utf8, which then only finds where.
    if (simdjson::validate_utf8(text.data(), text.size())) {
        append_escaped_valid(out, text);
        return;
    }
    while (!text.empty()) {
        const auto bad = find_invalid_utf8(text);
        if (!bad) {
            append_escaped_valid(out, text);
            return;
        }
        append_escaped_valid(out, text.substr(0, *bad));
        out += "\xEF\xBF\xBD";
        text.remove_prefix(*bad + 1);
    }
}

bool is_jsonl_path(const std::string& path) {
    std::string_view p = path;
    if (ends_with_ci(p, ".gz")) {
        p.remove_suffix(3);
    } else if (ends_with_ci(p, ".zst")) {
        p.remove_suffix(4);
    }
    return ends_with_ci(p, ".jsonl") || ends_with_ci(p, ".ndjson");
}

}  // namespace once
