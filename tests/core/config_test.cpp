// config_test.cpp — Config::validate: the defaults pass; each bound accepts its edge and rejects
// one step past it, as a usage error naming the option; kinds parse by name.
#include "once/core/config.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "error_of.hpp"

TEST_CASE("Config::validate: the defaults are valid") {
    CHECK_NOTHROW(once::Config{}.validate());
}

TEST_CASE("Config::validate: edges pass, one step past fails naming the option") {
    struct Case {
        std::string name;
        std::function<void(once::Config&)> edit;
        std::string option;  // empty: valid
    };
    const std::vector<Case> cases = {
        {"ngram 1", [](once::Config& c) { c.ngram = 1; }, ""},
        {"ngram 16", [](once::Config& c) { c.ngram = 16; }, ""},
        {"ngram 0", [](once::Config& c) { c.ngram = 0; }, "--ngram"},
        {"ngram 17", [](once::Config& c) { c.ngram = 17; }, "--ngram"},
        {"num_perm 1024, bands 16", [](once::Config& c) { c.num_perm = 1024; }, ""},
        {"num_perm 1025", [](once::Config& c) { c.num_perm = 1025; }, "--num-perm"},
        {"num_perm 0", [](once::Config& c) { c.num_perm = 0; }, "--num-perm"},
        {"bands = num_perm", [](once::Config& c) { c.bands = c.num_perm; }, ""},
        {"bands 0", [](once::Config& c) { c.bands = 0; }, "--bands"},
        {"bands > num_perm", [](once::Config& c) { c.bands = c.num_perm + 1; }, "--bands"},
        {"num_perm not a multiple of bands", [](once::Config& c) { c.bands = 12; }, "must be a multiple of --bands (12)"},
        {"similarity 1", [](once::Config& c) { c.similarity = 1.0; }, ""},
        {"similarity 0", [](once::Config& c) { c.similarity = 0.0; }, "--similarity"},
        {"similarity 1.01", [](once::Config& c) { c.similarity = 1.01; }, "--similarity"},
        {"isolated_similarity 0", [](once::Config& c) { c.isolated_similarity = 0.0; }, "--isolated-similarity"},
        {"containment 1.5", [](once::Config& c) { c.containment = 1.5; }, "--containment"},
        {"min_length 0", [](once::Config& c) { c.min_length = 0; }, ""},
        {"min_length -1", [](once::Config& c) { c.min_length = -1; }, "--min-length"},
        {"min_inline_length -1", [](once::Config& c) { c.min_inline_length = -1; }, "--min-inline-length"},
        {"window 1", [](once::Config& c) { c.window = 1; }, ""},
        {"window 0", [](once::Config& c) { c.window = 0; }, "--window"},
        {"min_line_length -1", [](once::Config& c) { c.min_line_length = -1; }, "--min-line-length"},
        {"boilerplate_min_docs 1", [](once::Config& c) { c.boilerplate_min_docs = 1; }, "--boilerplate-min-docs"},
        {"boilerplate_many_docs 1", [](once::Config& c) { c.boilerplate_many_docs = 1; }, "--boilerplate-many-docs"},
        {"boilerplate_min_share 0", [](once::Config& c) { c.boilerplate_min_share = 0.0; }, ""},
        {"boilerplate_min_share 1", [](once::Config& c) { c.boilerplate_min_share = 1.0; }, ""},
        {"boilerplate_min_share -0.1", [](once::Config& c) { c.boilerplate_min_share = -0.1; }, "--boilerplate-min-share"},
        {"shape_threshold 1.1", [](once::Config& c) { c.shape_threshold = 1.1; }, "--shape-threshold"},
        {"threads 0 (all cores)", [](once::Config& c) { c.threads = 0; }, ""},
        {"threads -1", [](once::Config& c) { c.threads = -1; }, "--threads"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        once::Config config;
        c.edit(config);
        const auto error = once::test::error_of([&] { config.validate(); });
        if (c.option.empty()) {
            CHECK_FALSE(error.has_value());
            continue;
        }
        REQUIRE(error.has_value());
        CHECK(error->code() == once::ExitCode::usage);
        CHECK(error->message().find(c.option) != std::string::npos);
    }
}

TEST_CASE("kinds: parse_kind and kind_name are inverse; unknown names are usage errors") {
    for (const once::Kind kind : {once::Kind::duplicate, once::Kind::near_duplicate, once::Kind::boilerplate,
                                  once::Kind::marker})
        CHECK(once::parse_kind(once::kind_name(kind)) == kind);
    CHECK(once::parse_kind("near-duplicate") == once::Kind::near_duplicate);
    CHECK(std::string(once::kind_name(once::Kind::near_duplicate)) == "near_duplicate");
    const auto error = once::test::error_of([] { once::parse_kind("dup"); });
    REQUIRE(error.has_value());
    CHECK(error->code() == once::ExitCode::usage);
    CHECK(error->message().find("'dup'") != std::string::npos);
}
