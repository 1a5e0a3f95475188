// jsonl.hpp — JSON Lines records: find the text, id and group fields, and put cleaned text back.
//
// Why byte ranges: every field except the text must come out byte-for-byte as it came in, so
// the record keeps its raw line and the byte range of the text field's value (the JSON string
// literal, quotes included); `with_text` splices a newly escaped string into that range.
// simdjson does the parsing (only this module includes it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace once {

struct JsonlOptions {
    std::string text_field = "text";  // --text-field
    std::string id_field = "id";      // --id-field; missing -> "<file>:<line>"
    // --group-by: a field name whose string value is the group; the special value "url" (or a
    // field named "url" when group_field is "host") groups by the URL's host. Empty = the file.
    std::string group_field;
    // The user named group_field (--group-by FIELD), rather than the default "host": records
    // without it are then worth a note (a misspelt field would group every record by its file).
    bool group_field_named = false;
    // --flag-field: the key the cleaned record gets; a record that holds it already is refused,
    // since the flag would be its second copy (see parse_jsonl_record). Empty: no flag.
    std::string flag_field;
};

struct JsonlRecord {
    std::string raw;                 // the line as read, without the line terminator
    std::size_t text_begin = 0;      // byte range in `raw` of the text value literal ("...")
    std::size_t text_end = 0;
    std::string id;
    std::string group;
    bool has_group = false;          // the group field was there, with a value (else group is the file)
    std::string text;                // unescaped text field
};

// Parses one line. Throws Error(input_error) naming `file` and "line N" for malformed JSON, a
// non-object, a missing or non-string text field, or text that is not valid UTF-8.
JsonlRecord parse_jsonl_record(std::string raw, const JsonlOptions& options,
                               const std::string& file, std::uint64_t line_number);

// The raw line with the text value replaced by `text`, JSON-escaped.
std::string with_text(const JsonlRecord& record, std::string_view text);

// JSON string escaping (quotes not included) — shared with the map and report writers.
void append_json_escaped(std::string& out, std::string_view text);

// True when the path names a JSON Lines input: .jsonl / .ndjson, optionally .gz / .zst.
bool is_jsonl_path(const std::string& path);

}  // namespace once
