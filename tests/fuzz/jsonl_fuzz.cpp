// jsonl_fuzz.cpp — one JSON Lines record from arbitrary bytes.
// Contract (jsonl.hpp): a record either parses or throws once::Error(input_error); a parsed
// record's text is valid UTF-8, its text range in the raw line is a JSON string literal, and
// writing any text back (with_text) gives a line that parses to that text with the same id and
// group, every other byte unchanged.
#include "fuzz_support.hpp"

#include "once/core/error.hpp"
#include "once/input/jsonl.hpp"

using namespace once;

namespace {

bool parses(const std::string& raw, const JsonlOptions& options, JsonlRecord& out) {
    try {
        out = parse_jsonl_record(raw, options, "fuzz.jsonl", 1);
        return true;
    } catch (const Error& error) {
        FUZZ_CHECK(error.code() == ExitCode::input_error, "a bad record is an input error");
        return false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    if (size == 0) return -1;
    JsonlOptions options;
    const unsigned choice = data[0] % 3;  // the grouping rule: file, url host, a field
    options.group_field = choice == 0 ? "" : choice == 1 ? "host" : "site";
    const std::string raw(fuzz::bytes(data + 1, size - 1));
    JsonlRecord record;
    if (!parses(raw, options, record)) return 0;
    FUZZ_CHECK(fuzz::valid_utf8(record.text), "text is valid UTF-8");
    FUZZ_CHECK(record.raw == raw, "the raw line is kept");
    FUZZ_CHECK(record.text_begin < record.text_end && record.text_end <= raw.size(), "text range inside the line");
    FUZZ_CHECK(raw[record.text_begin] == '"' && raw[record.text_end - 1] == '"', "text range is a string literal");
    for (const std::string replacement : {record.text, std::string(), std::string("a \"quoted\"\n\\ line\t\x01 \xe6\x96\x87")}) {
        const std::string line = with_text(record, replacement);
        FUZZ_CHECK(line.compare(0, record.text_begin, raw, 0, record.text_begin) == 0, "bytes before the text unchanged");
        FUZZ_CHECK(line.size() >= raw.size() - record.text_end &&
                       line.compare(line.size() - (raw.size() - record.text_end), std::string::npos, raw, record.text_end) == 0,
                   "bytes after the text unchanged");
        JsonlRecord again;
        FUZZ_CHECK(parses(line, options, again), "a written record parses");
        FUZZ_CHECK(again.text == replacement, "the written text reads back");
        FUZZ_CHECK(again.id == record.id && again.group == record.group, "id and group unchanged");
    }
    return 0;
}
