// code_listing.hpp — which lines of a page are rows of a code listing or a structured example:
// program text, a query, an HTTP exchange's header rows, a shell session with its output.
//
// Why: a tutorial builds its code step by step, and each new listing repeats lines of the one
// before ("FROM\nseries", "WITH series AS (\nSELECT *"; an RFC's requests and responses repeat
// "Host: ...", "HTTP/1.1 200 OK"). Read as copies, those lines went and left broken SQL and HTTP
// examples (readability's toc-missing and ietf-1: issue 11, 52% of the content lost to every
// kind). The planner keeps a same-page copy that covers only part of a listing
// (plan/own_text_runs.cpp, part_of_a_listing); this module says where listings are, from the
// form of their lines alone (no word lists: code of any language, in lynx text without
// indentation, without blank lines around it).
//
// Contract: read_code_row looks at one normalized line (NFKC, case-folded, white space
// collapsed) and its measured shape; mark_listings (shape_passes.hpp) reads every line's row and
// sets JudgedLine::listing. Neither changes any chrome judgement. Deterministic, linear.
//
//   once::CodeRow row = once::read_code_row("from unnest(array[2, 3]) as n;", shape);  // code
#pragma once

#include <cstdint>
#include <string_view>

#include "once/judge/line_shape.hpp"

namespace once {

enum class CodeRow : std::uint8_t {
    blank,
    prose,   // a sentence or a long line of words: ends a listing
    plain,   // a short line without code marks ("from", "series", "order by period desc"):
             // a row of a listing when it stands among code rows, nothing by itself
    header,  // "name: value" with a one-word key ("host: 3pp.io:4439", "etag: \"1382\""): a
             // protocol header row, but also a spec row, so it does not make a listing alone
    code,    // code marks: brackets after a name, braces, "=", a ";" or an opener at the end,
             // "http/1.1", a closing bracket alone, a box-drawn table of output
    command, // a command after a shell or database prompt ("$ hg push", "db=# select"): code, and
             // enough for a listing with the output under it
};

CodeRow read_code_row(std::string_view normalized, const LineShape& shape);

}  // namespace once
