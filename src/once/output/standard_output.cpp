#include "once/output/standard_output.hpp"

#include <ostream>

#include "once/core/error.hpp"

namespace once {

void throw_if_stdout_failed(const std::ostream& out) {
    if (!out) throw Error(ExitCode::output_error, "cannot write to standard output");
}

void flush_stdout_or_throw(std::ostream& out) {
    out.flush();
    throw_if_stdout_failed(out);
}

}  // namespace once
