// error.hpp — the one exception type of the once library and the documented exit codes.
//
// Why: every failure a user can cause (a bad file, a bad option, an unwritable output) must end
// in one clear line naming the file and, where it helps, the byte offset, and in an exit code
// that scripts can rely on. The library throws `once::Error` where the failure is found; the CLI
// catches it once and maps `code()` to the process exit status. The library never prints or exits.
//
//   throw once::Error(once::ExitCode::input_error, "invalid UTF-8", path, offset);
//   // what(): "notes/a.txt: invalid UTF-8 at byte 85"
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace once {

// Exit codes are a contract (listed in `once --help` and README). Never renumber.
enum class ExitCode : int {
    ok = 0,              // success; for `check`: findings within limits
    findings = 1,        // `check`: findings exceed the limits
    usage = 2,           // bad command line or config file
    input_error = 3,     // an input could not be read or is not valid text (run stopped)
    output_error = 4,    // an output could not be written (or would overwrite an input)
    partial = 5,         // --on-error=skip: finished, but some inputs were skipped
    resource_limit = 6,  // --max-memory (or the machine) would be exceeded
    internal = 7,        // a bug: please report
};

// What each code means, in order: `once --help`, the man page and README print this table, so
// the meaning is written once, here beside the enum.
struct ExitCodeMeaning {
    ExitCode code;
    const char* meaning;
};
inline constexpr ExitCodeMeaning k_exit_code_meanings[] = {
    {ExitCode::ok, "success (check: findings within the limits)"},
    {ExitCode::findings, "check: findings exceed the limits"},
    {ExitCode::usage, "usage error: bad option, value or config file"},
    {ExitCode::input_error, "input error: unreadable path, invalid UTF-8, binary file, bad JSON Lines or shard/baseline file"},
    {ExitCode::output_error, "output error: cannot write an output or a temporary file (--tmp-dir), or an output would overwrite an input or another output"},
    {ExitCode::partial, "finished, but some inputs were skipped (--on-error skip); they are listed on stderr"},
    {ExitCode::resource_limit, "resource limit: the memory budget (--max-memory) would be exceeded, or a thread cannot start"},
    {ExitCode::internal, "internal error (a bug; please report it)"},
};
static_assert(static_cast<int>(k_exit_code_meanings[7].code) == 7, "one meaning per exit code, in order");

class Error : public std::runtime_error {
public:
    Error(ExitCode code, std::string message, std::string file = {},
          std::optional<std::uint64_t> offset = std::nullopt)
        : std::runtime_error(format(message, file, offset)),
          code_(code), message_(std::move(message)), file_(std::move(file)), offset_(offset) {}

    ExitCode code() const noexcept { return code_; }
    const std::string& file() const noexcept { return file_; }
    std::optional<std::uint64_t> offset() const noexcept { return offset_; }
    const std::string& message() const noexcept { return message_; }

private:
    static std::string format(const std::string& message, const std::string& file,
                              std::optional<std::uint64_t> offset) {
        // Built with append() only: GCC 12 warns falsely (-Wrestrict) on operator+ chains here.
        std::string out;
        if (!file.empty()) out.append(file).append(": ");
        out.append(message);
        if (offset) out.append(" at byte ").append(std::to_string(*offset));
        return out;
    }

    ExitCode code_;
    std::string message_;
    std::string file_;
    std::optional<std::uint64_t> offset_;
};

}  // namespace once
