// check_limits_test.cpp — the verdict of `once check`: a ratio and its limit are printed so that
// the line never reads as if the limit held, and files over --max-ratio are named worst first,
// at most k_files_over_ratio_listed of them, the rest counted in one line.
#include "once/output/check_limits.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

// Documents of `bytes` bytes each with `removed[i]` bytes removed (one boilerplate span).
once::RunResult run_of(const std::vector<std::uint64_t>& removed, std::uint64_t bytes) {
    once::RunResult result;
    for (std::size_t d = 0; d < removed.size(); ++d) {
        once::DocResult doc;
        doc.id = "doc" + std::to_string(d) + ".txt";
        doc.bytes = bytes;
        if (removed[d] > 0) {
            once::Span span;
            span.start = 0;
            span.end = removed[d];
            span.kind = once::Kind::boilerplate;
            doc.spans.push_back(span);
        }
        result.docs.push_back(doc);
    }
    return result;
}

}  // namespace

TEST_CASE("check_limits: a ratio just over its limit is printed with the digits that show it") {
    once::CheckLimits limits;
    limits.max_ratio = 0.0025;
    // 29 of 10,000 bytes: 0.0029, which three decimals round to the limit's own 0.003.
    const auto violations = once::check_limits(limits, run_of({29}, 10000)).violations;
    REQUIRE(violations.size() == 2);
    CHECK(violations[0] == "overall ratio 0.0029 > --max-ratio 0.0025");
    CHECK(violations[1] == "doc0.txt: ratio 0.0029 > --max-ratio 0.0025");
}

TEST_CASE("check_limits: a small limit is not rounded to 0.000") {
    once::CheckLimits limits;
    limits.max_ratio = 0.0001;
    const auto violations = once::check_limits(limits, run_of({5}, 10000)).violations;
    REQUIRE(violations.size() == 2);
    CHECK(violations[0] == "overall ratio 0.0005 > --max-ratio 0.0001");
    limits.max_ratio = 0.2;
    const auto plain = once::check_limits(limits, run_of({406}, 1000)).violations;
    REQUIRE(plain.size() == 2);
    CHECK(plain[0] == "overall ratio 0.406 > --max-ratio 0.2");
}

TEST_CASE("check_limits: files over --max-ratio are named worst first, ten at most, the rest counted") {
    once::CheckLimits limits;
    limits.max_ratio = 0.1;
    // 25 documents: document i has i * 3 % 25 + 1 % removed (1..25%, each once, in a scrambled
    // order), so 15 are over 10%.
    std::vector<std::uint64_t> removed;
    for (std::uint64_t i = 0; i < 25; ++i) removed.push_back(i * 3 % 25 + 1);
    const auto violations = once::check_limits(limits, run_of(removed, 100)).violations;
    // overall, ten files, one line for the rest
    REQUIRE(violations.size() == 12);
    CHECK(violations[0].rfind("overall ratio ", 0) == 0);
    CHECK(violations[1] == "doc8.txt: ratio 0.250 > --max-ratio 0.1");   // 8 * 3 % 25 + 1 = 25
    CHECK(violations[2] == "doc16.txt: ratio 0.240 > --max-ratio 0.1");  // 16 * 3 % 25 + 1 = 24
    CHECK(violations[10] == "doc5.txt: ratio 0.160 > --max-ratio 0.1");  // 5 * 3 % 25 + 1 = 16
    CHECK(violations[11] == "... and 5 more file(s) over --max-ratio 0.1 (15 in all; the JSON report lists every file's ratio)");
}

TEST_CASE("check_limits: ten files over the limit are all named, with no count line") {
    once::CheckLimits limits;
    limits.max_ratio = 0.5;
    const auto violations = once::check_limits(limits, run_of(std::vector<std::uint64_t>(10, 60), 100)).violations;
    REQUIRE(violations.size() == 11);
    CHECK(violations[1] == "doc0.txt: ratio 0.600 > --max-ratio 0.5");  // ties keep input order
    CHECK(violations[10] == "doc9.txt: ratio 0.600 > --max-ratio 0.5");
}

TEST_CASE("check_limits: no document at all fails the gate unless --allow-empty") {
    once::CheckLimits limits;
    limits.max_ratio = 0.5;
    const auto violations = once::check_limits(limits, run_of({}, 0)).violations;
    REQUIRE(violations.size() == 1);
    CHECK(violations[0] == "no documents were read, so nothing was checked (--allow-empty passes an empty input)");
    CHECK(once::check_limits(limits, run_of({}, 0)).headline == "nothing was checked");  // no limit exceeded
    CHECK(once::check_limits(limits, run_of({}, 0)).limits_exceeded.empty());
    CHECK(once::check_limits(once::CheckLimits{}, run_of({}, 0)).violations.size() == 1);  // no limit set either
    limits.allow_empty = true;
    CHECK(once::check_limits(limits, run_of({}, 0)).violations.empty());
    // An empty file is a document: it was read, and passes.
    limits.allow_empty = false;
    const auto passed = once::check_limits(limits, run_of({0}, 0));
    CHECK(passed.violations.empty());
    CHECK(passed.headline.empty());
}

TEST_CASE("check_limits: the headline counts the limits exceeded, not the lines that show them") {
    // Probe finding (session 32): `--fail-on marker --max-ratio 0.2` on one file said "FAIL  3
    // limits exceeded" (the --fail-on line, the overall ratio, the file's ratio), and --max-ratio
    // over 20 files "12 limits exceeded".
    std::vector<std::uint64_t> removed;
    for (std::uint64_t i = 0; i < 25; ++i) removed.push_back(i * 3 % 25 + 1);  // 15 files over 10%
    once::CheckLimits limits;
    limits.max_ratio = 0.1;
    const auto ratio_only = once::check_limits(limits, run_of(removed, 100));
    CHECK(ratio_only.violations.size() == 12);
    CHECK(ratio_only.limits_exceeded == std::vector<std::string>{"--max-ratio 0.1"});
    CHECK(ratio_only.headline == "1 limit exceeded: --max-ratio 0.1");

    limits.fail_on = {once::Kind::boilerplate, once::Kind::marker};  // run_of's spans are boilerplate
    limits.max_bytes = 100;
    const auto three = once::check_limits(limits, run_of(removed, 100));
    CHECK(three.violations.size() == 14);
    CHECK(three.limits_exceeded == std::vector<std::string>{"--fail-on boilerplate", "--max-bytes 100", "--max-ratio 0.1"});
    CHECK(three.headline == "3 limits exceeded: --fail-on boilerplate, --max-bytes 100, --max-ratio 0.1");

    // A limit not exceeded is not counted: only one file (the overall ratio is 0.04) is over.
    once::CheckLimits loose;
    loose.max_ratio = 0.3;
    const auto one_file = once::check_limits(loose, run_of({50, 10, 10, 10, 10, 10, 10, 10, 10, 10}, 100));
    CHECK(one_file.violations == std::vector<std::string>{"doc0.txt: ratio 0.500 > --max-ratio 0.3"});
    CHECK(one_file.headline == "1 limit exceeded: --max-ratio 0.3");

    const auto no_limit = once::check_limits(once::CheckLimits{}, run_of({5}, 100));
    CHECK(no_limit.headline == "1 limit exceeded: no finding allowed (no limit set)");
}
