// jsonl_test.cpp — JSON Lines records: field lookup, pass-through, escaping, errors.
#include "once/input/jsonl.hpp"

#include "once/core/error.hpp"
#include "error_of.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

const std::string k_file = "data.jsonl";

once::JsonlRecord parse(const std::string& line, const once::JsonlOptions& options = {},
                        std::uint64_t line_number = 12) {
    return once::parse_jsonl_record(line, options, k_file, line_number);
}

using once::test::error_of;

std::string escaped(std::string_view text) {
    std::string out;
    once::append_json_escaped(out, text);
    return out;
}

std::string literal_of(const once::JsonlRecord& record) {
    return record.raw.substr(record.text_begin, record.text_end - record.text_begin);
}

}  // namespace

TEST_CASE("the text field is found wherever it is, and only at the top level") {
    struct Case {
        std::string line;
        std::string text;
        std::string literal;  // the raw bytes of the value, quotes included
    };
    const std::vector<Case> cases = {
        {R"({"text":"hello"})", "hello", R"("hello")"},
        {R"({"id":"a","text":"hello","meta":{"x":1}})", "hello", R"("hello")"},
        {R"({"meta":{"text":"nested"},"list":[{"text":"deep"}],"text":"top"})", "top", R"("top")"},
        {R"({"note":"\"text\":\"fake\"","text":"real"})", "real", R"("real")"},
        {R"(  { "text" :  "spaced"  , "n" : 1 }  )", "spaced", R"("spaced")"},
        {R"({"a":"}","b":"{[","c":[[],{}],"text":"after brackets in strings"})", "after brackets in strings",
         R"("after brackets in strings")"},
        {R"({"te\u0078t":"escaped key"})", "escaped key", R"("escaped key")"},
        {R"({"text":""})", "", R"("")"},
        {"{\"text\":\"crlf\"}\r", "crlf", R"("crlf")"},
        {R"({"big":123456789012345678901234567890,"huge":1e999,"text":"big numbers elsewhere"})",
         "big numbers elsewhere", R"("big numbers elsewhere")"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.line);
        const auto record = parse(c.line);
        CHECK(record.text == c.text);
        CHECK(literal_of(record) == c.literal);
        CHECK(record.raw == c.line);
    }
}

TEST_CASE("escapes in the text are decoded") {
    struct Case {
        std::string literal;
        std::string text;
    };
    const std::vector<Case> cases = {
        {R"("say \"hi\"")", "say \"hi\""},
        {R"("back\\slash \/ slash")", "back\\slash / slash"},
        {R"("a\nb\r\tc\b\f")", "a\nb\r\tc\b\f"},
        {R"("caf\u00e9 caf\u00E9")", "café café"},
        {R"("\u65e5\u672c")", "日本"},
        {R"("\ud83d\ude00 emoji")", "😀 emoji"},
        {R"("raw 日本語 and 😀")", "raw 日本語 and 😀"},
        {R"("\u0000nul")", std::string("\0nul", 4)},
        {R"("ends with backslash \\")", "ends with backslash \\"},
    };
    for (const auto& c : cases) {
        const std::string line = R"({"id":1,"text":)" + c.literal + R"(,"z":"\\"})";
        CAPTURE(line);
        const auto record = parse(line);
        CHECK(record.text == c.text);
        CHECK(literal_of(record) == c.literal);
    }
}

TEST_CASE("with_text changes the text literal and nothing else") {
    const std::string prefix = "\xEF\xBB\xBF" R"({"meta":{"text":"nested","a":[1,{"b":"}"}]},  "text" : )";
    const std::string suffix = R"( ,"z":1e999,"u":"\u00e9","t":[true,false,null],"n":-0.5E+3})" "\r";
    const std::string line = prefix + R"("old \"text\"\n")" + suffix;
    const auto record = parse(line, {}, 1);  // a byte order mark is allowed on line 1
    CHECK(record.text == "old \"text\"\n");

    struct Case {
        std::string text;
        std::string literal;
    };
    const std::vector<Case> cases = {
        {"new", R"("new")"},
        {"", R"("")"},
        {"two\nlines \"quoted\"", R"("two\nlines \"quoted\"")"},
        {"日本語", R"("日本語")"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(once::with_text(record, c.text) == prefix + c.literal + suffix);
    }

    // A literal written the way we escape comes back unchanged.
    const std::string plain = R"({"id":"x","text":"unchanged \"q\" \\ tab\t","nested":{"k":[1,2,{"m":null}]}})";
    const auto plain_record = parse(plain);
    CHECK(once::with_text(plain_record, plain_record.text) == plain);
}

TEST_CASE("with_text output parses back to the same text") {
    std::string all_controls;
    for (int c = 0; c < 0x20; ++c) all_controls += static_cast<char>(c);
    const std::vector<std::string> texts = {
        "", " ", "plain", all_controls, "\"\\/", "line\u2028sep\u2029para", "日本語 한국어 ไทย", "😀\x7f",
        "ｆｕｌｌ－ｗｉｄｔｈ ﾊﾝｶｸ",
    };
    const auto record = parse(R"({"text":"x","id":"r"})");
    for (const auto& text : texts) {
        CAPTURE(text);
        const auto reparsed = parse(once::with_text(record, text));
        CHECK(reparsed.text == text);
        CHECK(reparsed.id == "r");
    }
}

TEST_CASE("append_json_escaped") {
    struct Case {
        std::string text;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"", ""},
        {"plain", "plain"},
        {"\"", R"(\")"},
        {"\\", R"(\\)"},
        {"/", "/"},
        {"\n\r\t\b\f", R"(\n\r\t\b\f)"},
        {std::string("\0", 1), R"(\u0000)"},
        {"\x01\x1f", R"(\u0001\u001f)"},
        {"\x7f", "\x7f"},
        {"café 日本 😀", "café 日本 😀"},
        {"a\u2028b\u2029c", R"(a\u2028b\u2029c)"},
        {"\xE2\x80\xA7\xE2\x80\xAA", "\xE2\x80\xA7\xE2\x80\xAA"},  // neighbours of U+2028/9 stay
        {"bad \xff byte", "bad \xEF\xBF\xBD byte"},
        {"cut \xE6\x97", "cut \xEF\xBF\xBD\xEF\xBF\xBD"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(escaped(c.text) == c.expected);
    }
    std::string out = "prefix:";
    once::append_json_escaped(out, "\"x\"");
    CHECK(out == R"(prefix:\"x\")");
}

TEST_CASE("append_json_escaped: every byte that needs a look is found at any place in a long text") {
    // The escaper skips 16 bytes at a time (SSE2), then 8, where none needs a look; each special
    // character at each place of two 16-byte blocks and of an 8-byte word (and the bytes next to
    // the special ones) must still be seen.
    const auto reference = [](std::string_view text) {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xA8) {
                out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
            } else if (c == '"') {
                out += "\\\"";
            } else if (c == '\\') {
                out += "\\\\";
            } else if (c < 0x20) {
                static constexpr std::string_view named[] = {"b", "t", "n", "", "f", "r"};
                const std::string_view name = c >= 8 && c <= 13 ? named[c - 8] : "";
                if (!name.empty()) {
                    out += '\\';
                    out += name;
                } else {
                    static constexpr char hex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 0xF];
                }
            } else {
                out += static_cast<char>(c);
            }
        }
        return out;
    };
    std::vector<std::string> specials = {"\"", "\\", "\u2028", "\u2029", "…", "\x7f", " ", "!", "#", "[", "]", "\xDF\xBF"};
    for (int c = 0; c < 0x20; ++c) specials.emplace_back(1, static_cast<char>(c));
    // ASCII where a special goes (40 bytes: two 16-byte blocks and a word), then other text.
    const std::string plain = "abcdefghij 1234567890, abcdefghij 12345678, 日本語のtext … ok";
    for (const std::string& special : specials) {
        for (std::size_t at = 0; at < 40; ++at) {
            std::string text = plain;
            text.insert(at, special);
            CAPTURE(at);
            CHECK(escaped(text) == reference(text));
        }
    }
}

TEST_CASE("malformed records are input errors naming the file and line") {
    struct Case {
        std::string line;
        std::string message;  // expected part of the message
    };
    const std::vector<Case> cases = {
        {"", "line 12: empty line"},
        {"   ", "line 12: empty line"},
        {"[1,2]", "line 12: expected a JSON object, found an array"},
        {R"("text")", "line 12: expected a JSON object, found a string"},
        {"42", "line 12: expected a JSON object, found a number"},
        {R"({"id":"x"})", R"(line 12: no "text" field)"},
        {R"({"meta":{"text":"only nested"}})", R"(line 12: no "text" field)"},
        {R"({"text":42})", R"(line 12: field "text" is a number, expected a string)"},
        {R"({"text":null})", R"(line 12: field "text" is null, expected a string)"},
        {R"({"text":["a"]})", R"(line 12: field "text" is an array, expected a string)"},
        {R"({"text":"a",})", "line 12: malformed JSON"},
        {R"({"text":"a"} {"text":"b"})", "line 12: malformed JSON"},
        {R"({"text":"a")", "line 12: malformed JSON"},
        {R"({"text":"unterminated})", "line 12: malformed JSON"},
        {R"({text:"a"})", "line 12: malformed JSON"},
        {R"({"text":'a'})", "line 12: malformed JSON"},
        {R"({"text":"a","n":01})", "line 12: malformed JSON"},
        {R"({"text":"a","n":1.})", "line 12: malformed JSON"},
        {R"({"text":"a","n":tru})", "line 12: malformed JSON"},
        {R"({"text":"bad \x escape"})", "line 12: malformed JSON"},
        {R"({"text":"lone \ud800 high"})", "unpaired"},
        {R"({"text":"lone \udc00 low"})", "unpaired"},
        {"{\"text\":\"raw\ttab\"}", "line 12: malformed JSON"},
        {"{\"text\":\"raw\nnewline\"}", "line 12: malformed JSON"},
        {"\xEF\xBB\xBF{\"text\":\"BOM not on line 1\"}", "line 12: malformed JSON"},
        {"{\"text\":\"abc\xff\"}", "line 12: invalid UTF-8 at byte 12 of the line"},
        {"{\"text\":\"ok\",\"other\":\"\xC0\xAF\"}", "line 12: invalid UTF-8 at byte 22 of the line"},
        {"{\"text\":\"\xED\xA0\x80 surrogate\"}", "line 12: invalid UTF-8 at byte 9 of the line"},
        {"{\"text\":\"cut \xE6\x97\"}", "line 12: invalid UTF-8 at byte 13 of the line"},
        // A field once reads, given twice: once cleaned the first, Python's json reads the last
        // (the first was taken silently before; the second passed through uncleaned).
        {R"({"text":"first","text":"second"})", R"(line 12: field "text" occurs twice)"},
        {R"({"text":"first","te\u0078t":"escaped key"})", R"(line 12: field "text" occurs twice)"},
        {R"({"id":"a","text":"t","id":"b"})", R"(line 12: field "id" occurs twice)"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.line);
        const auto error = error_of([&] { (void)parse(c.line); });
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::input_error);
        CHECK(error->file() == k_file);
        const std::string what = error->what();
        CAPTURE(what);
        CHECK(what.rfind(k_file + ": line 12: ", 0) == 0);
        CHECK(what.find(c.message) != std::string::npos);
    }
}

TEST_CASE("--flag-field: a record that holds the flag's key already is refused, naming the line") {
    // The flag is appended to the object: the key would be there twice, and Python's json (the
    // last wins) would read the flag instead of the record's own value.
    once::JsonlOptions options;
    options.flag_field = "dup";
    CHECK(parse(R"({"id":"a","text":"t"})", options).text == "t");
    for (const std::string line : {R"({"id":"a","text":"t","dup":false})", R"({"dup":1,"text":"t"})",
                                   R"({"text":"t","d\u0075p":null})"}) {
        CAPTURE(line);
        const auto error = error_of([&] { (void)parse(line, options); });
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::input_error);
        CHECK(std::string(error->what()).find(R"(line 12: already has a field "dup", which --flag-field would add a second time)") !=
              std::string::npos);
    }
    // Nested, it is data of another object: the flag goes on the top level.
    CHECK(parse(R"({"meta":{"dup":true},"text":"t"})", options).text == "t");
}

TEST_CASE("id: the id field, its JSON text when not a string, else file:line") {
    struct Case {
        std::string line;
        std::string id;
    };
    const std::vector<Case> cases = {
        {R"({"id":"doc-7","text":"t"})", "doc-7"},
        {R"({"text":"t","id":"after"})", "after"},
        {R"({"id":42,"text":"t"})", "42"},
        {R"({"id":123456789012345678901234567890,"text":"t"})", "123456789012345678901234567890"},
        {R"({"id":{"shard":1, "n":2},"text":"t"})", R"({"shard":1, "n":2})"},
        {R"({"id":"caf\u00e9","text":"t"})", "café"},
        {R"({"text":"t"})", "data.jsonl:12"},
        {R"({"id":null,"text":"t"})", "data.jsonl:12"},
        {R"({"id":"","text":"t"})", "data.jsonl:12"},
        {R"({"meta":{"id":"nested"},"text":"t"})", "data.jsonl:12"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.line);
        CHECK(parse(c.line).id == c.id);
    }
    once::JsonlOptions options;
    options.id_field = "uuid";
    options.text_field = "content";
    const auto record = parse(R"({"id":"ignored","uuid":"u-1","content":"body","text":"not this"})", options);
    CHECK(record.id == "u-1");
    CHECK(record.text == "body");
}

TEST_CASE("group: a field's value, the host of the url, or the file") {
    struct Case {
        std::string group_field;
        std::string line;
        std::string group;
    };
    const std::vector<Case> cases = {
        {"", R"({"text":"t","site":"a"})", "data.jsonl"},
        {"site", R"({"text":"t","site":"example.org"})", "example.org"},
        {"site", R"({"text":"t"})", "data.jsonl"},
        {"site", R"({"text":"t","site":null})", "data.jsonl"},
        {"site", R"({"text":"t","site":""})", "data.jsonl"},
        {"site", R"({"text":"t","site":7})", "7"},
        {"url", R"({"text":"t","url":"https://Example.COM:8080/a/b?q=1#f"})", "example.com"},
        {"host", R"({"text":"t","url":"https://Example.COM:8080/a/b?q=1#f"})", "example.com"},
        {"host", R"({"text":"t","url":"http://user:pw@news.example.co.uk./x"})", "news.example.co.uk"},
        {"host", R"({"text":"t","url":"//cdn.example.net/lib.js"})", "cdn.example.net"},
        {"host", R"({"text":"t","url":"example.com/go?to=http://other.org/"})", "example.com"},
        {"host", R"({"text":"t","url":"http://[::1]:8080/"})", "[::1]"},
        {"host", R"({"text":"t","url":"https://日本.jp/ページ"})", "日本.jp"},
        {"host", R"({"text":"t","url":"https://a.b?x"})", "a.b"},
        {"host", R"({"text":"t"})", "data.jsonl"},
        {"host", R"({"text":"t","url":""})", "data.jsonl"},
        {"host", R"({"text":"t","url":"https:///path-only"})", "data.jsonl"},
        {"host", R"({"text":"t","url":42})", "data.jsonl"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.group_field);
        CAPTURE(c.line);
        once::JsonlOptions options;
        options.group_field = c.group_field;
        CHECK(parse(c.line, options).group == c.group);
    }
}

TEST_CASE("a giant record parses, and the next small one still works") {
    std::string text(40u << 20, 'w');
    for (std::size_t i = 0; i < text.size(); i += 101) text[i] = ' ';
    const auto big = parse(R"({"id":"big","text":")" + text + R"("})");
    CHECK(big.text == text);
    CHECK(big.text_end - big.text_begin == text.size() + 2);
    const auto small = parse(R"({"id":"small","text":"s"})");
    CHECK(small.text == "s");
}

TEST_CASE("is_jsonl_path") {
    struct Case {
        std::string path;
        bool expected;
    };
    const std::vector<Case> cases = {
        {"a.jsonl", true},        {"a.ndjson", true},      {"dir/a.jsonl.gz", true},
        {"a.jsonl.zst", true},    {"A.JSONL", true},       {"a.ndjson.zst", true},
        {"a.json", false},        {"a.txt", false},        {"a.txt.gz", false},
        {"a.jsonl.bz2", false},   {"jsonl", false},        {"a.jsonl/b.txt", false},
        {"-", false},             {"", false},             {"a.gz.jsonl", true},
    };
    for (const auto& c : cases) {
        CAPTURE(c.path);
        CHECK(once::is_jsonl_path(c.path) == c.expected);
    }
}
