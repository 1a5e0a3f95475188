// Tests for output/standard_output.hpp: a stream that failed, now or only when flushed, is exit 4
// with the one message the CLI and CleanSink print for a closed or full standard output.
#include "once/output/standard_output.hpp"

#include <doctest/doctest.h>

#include <ostream>
#include <sstream>
#include <streambuf>

#include "error_of.hpp"

namespace {

// Like a pipe to `>/dev/full`: takes bytes into its buffer, and fails when asked to pass them on.
class FullDevice : public std::streambuf {
public:
    FullDevice() { setp(buffer_, buffer_ + sizeof buffer_); }

protected:
    int overflow(int) override { return traits_type::eof(); }
    int sync() override { return -1; }

private:
    char buffer_[64];
};

}  // namespace

TEST_CASE("throw_if_stdout_failed: a good stream passes, a failed one is an output error") {
    std::ostringstream good;
    good << "report\n";
    CHECK_FALSE(once::test::error_of([&] { once::throw_if_stdout_failed(good); }));
    CHECK_FALSE(once::test::error_of([&] { once::flush_stdout_or_throw(good); }));
    CHECK(good.str() == "report\n");

    std::ostringstream closed;
    closed.setstate(std::ios::badbit);  // what a write to a closed descriptor leaves
    const auto error = once::test::error_of([&] { once::throw_if_stdout_failed(closed); });
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::output_error);
    CHECK(std::string(error->what()) == "cannot write to standard output");
    CHECK(error->file().empty());
}

TEST_CASE("flush_stdout_or_throw: a failure that shows only when flushed is caught; the check alone does not flush") {
    FullDevice device;
    std::ostream out(&device);
    out << "fits in the buffer";
    // Written into the buffer: nothing has failed yet, and checking does not flush.
    CHECK_FALSE(once::test::error_of([&] { once::throw_if_stdout_failed(out); }));
    CHECK(out.good());
    const auto error = once::test::error_of([&] { once::flush_stdout_or_throw(out); });
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::output_error);
    CHECK(std::string(error->what()) == "cannot write to standard output");
}
