// error_of.hpp — runs an action and returns the once::Error it throws, or nothing, so a test can
// check the exit code, the file and the offset of an error as plain values.
//
//   const auto error = once::test::error_of([&] { once::read_all(path); });
//   REQUIRE(error);
//   CHECK(error->code() == once::ExitCode::input_error);
#pragma once

#include <functional>
#include <optional>

#include "once/core/error.hpp"

namespace once::test {

inline std::optional<once::Error> error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const once::Error& e) {
        return e;
    }
    return std::nullopt;
}

}  // namespace once::test
