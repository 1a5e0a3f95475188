// markers.hpp — lines that are generation or scraping artefacts: `—END—`, `[END]`, `(完)`,
// `おわり`, `-- end of article --`, runs of the same separator (`-----`, `＊＊＊`, `・・・`).
//
// Why patterns, not recurrence: a generated article's `—END—` appears once per restart and
// means nothing; it is noise wherever it stands, the first included. Patterns are RE2 regular
// expressions (text/pattern.hpp: no backreferences or lookaround, linear time) matched against
// the whole normalized line (NFKC, case-folded, white space collapsed) as Unicode code points, so
// character classes like `[—–-]` work on any script.
// The built-in list is `builtin_marker_patterns()`; `--marker PATTERN` adds to it and
// `--no-builtin-markers` drops it, see docs/boilerplate.md.
//
//   once::PatternSet markers(once::builtin_marker_patterns());
//   markers.matches("—end—");   // true
#pragma once

#include <string>
#include <vector>

#include "once/text/pattern.hpp"

namespace once {

const std::vector<std::string>& builtin_marker_patterns();

}  // namespace once
