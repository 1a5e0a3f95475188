// utf8_reader_fuzz.cpp — UTF-8 validation and the reader on arbitrary bytes.
// Contract: find_invalid_utf8 agrees with an independent RFC 3629 validator and names the first
// bad byte; valid text decodes code point by code point to the end and re-encodes to itself; a
// file the reader accepts comes out as exactly its bytes, valid UTF-8; one it refuses is a
// recorded skip (never a crash, never another exception).
#include "fuzz_support.hpp"

#include "once/core/error.hpp"
#include "once/input/reader.hpp"
#include "once/text/utf8.hpp"

using namespace once;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    const std::string_view text = fuzz::bytes(data, size);
    const auto bad = find_invalid_utf8(text);
    FUZZ_CHECK(bad.has_value() == !fuzz::valid_utf8(text), "validator agrees with RFC 3629");
    if (bad) {
        FUZZ_CHECK(*bad < text.size(), "bad offset in range");
        FUZZ_CHECK(fuzz::valid_utf8(text.substr(0, *bad)), "everything before the bad byte is valid");
    } else {
        std::string again;
        std::size_t pos = 0, count = 0;
        while (pos < text.size()) {
            const std::size_t before = pos;
            const char32_t cp = decode_utf8(text, pos);
            FUZZ_CHECK(pos > before && pos <= text.size(), "decode advances inside the text");
            FUZZ_CHECK(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF), "a scalar value");
            FUZZ_CHECK(utf8_sequence_length(static_cast<unsigned char>(text[before])) == pos - before, "length by lead byte");
            append_utf8(again, cp);
            ++count;
        }
        FUZZ_CHECK(again == text, "re-encoding gives the same bytes");
        FUZZ_CHECK(count_code_points(text) == count, "code point count");
    }

    // The reader, on a file of these bytes (skip mode: a refusal is recorded, not thrown).
    const std::string path = fuzz::write_scratch("input.txt", text);
    InputOptions options;
    options.on_error = OnError::skip;
    Corpus corpus({path}, options);
    std::size_t documents = 0;
    corpus.scan([&](SourceDocument&& source) {
        ++documents;
        FUZZ_CHECK(source.doc.text == text, "an accepted file is read as its exact bytes");
        FUZZ_CHECK(fuzz::valid_utf8(source.doc.text), "accepted text is valid UTF-8");
    });
    FUZZ_CHECK(documents + corpus.skipped().size() == 1, "the file is either a document or a skip");
    // Control bytes are C0 (below 0x20) and DEL (0x7F), as the reader counts them (reader.cpp
    // is_stray_control); the oracle once took DEL for text (regressions/utf8_reader/dels).
    bool plain = !bad && !text.empty();
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        plain = plain && ((byte >= 0x20 && byte != 0x7F) || c == '\n' || c == '\t' || c == '\r');
    }
    if (plain) FUZZ_CHECK(documents == 1, "valid text without control bytes is accepted");
    return 0;
}
