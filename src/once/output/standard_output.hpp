// standard_output.hpp — the one check that what went to standard output got there.
//
// Why: standard output is buffered, so a closed or full stdout (`>&-`, `>/dev/full`) shows only
// as the stream's failed state, after a write or a flush. A run must then end with exit 4 and
// `cannot write to standard output`, not exit 0 with the report or the cleaned text lost; and a
// clean to `-o -` must find out before its map is renamed into place. The CLI (reports, help,
// the version) and CleanSink (cleaned text to `-o -`) both check it, with the same words.
//
//   write_report(out);
//   once::flush_stdout_or_throw(out);   // throws Error(output_error, ...) when out has failed
#pragma once

#include <iosfwd>

namespace once {

// Throws Error(ExitCode::output_error, "cannot write to standard output") when `out` has failed
// (its badbit or failbit is set); otherwise does nothing. Does not flush.
void throw_if_stdout_failed(const std::ostream& out);

// Flushes `out`, then throw_if_stdout_failed.
void flush_stdout_or_throw(std::ostream& out);

}  // namespace once
