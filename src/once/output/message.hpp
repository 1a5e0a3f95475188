// message.hpp — one-line messages that stay one line whatever a file name holds.
//
// Why: a file name may contain a newline or an escape sequence; printed as it is, it would split
// an error message in two (a name could fake a second message) or drive the terminal. Every
// message the CLI prints goes through `one_line`.
//
// Contract: control bytes (0x00-0x1F, 0x7F) become `\n`, `\t`, `\r` or `\xNN`; bytes that are not
// valid UTF-8 become `\xNN`; a backslash stays as it is; everything else is copied.
//
//   once::one_line("a\nb.txt: invalid UTF-8")   // "a\\nb.txt: invalid UTF-8"
#pragma once

#include <string>
#include <string_view>

namespace once {

std::string one_line(std::string_view text);

}  // namespace once
