#include "once/core/config.hpp"

#include "once/core/error.hpp"

namespace once {

const char* kind_name(Kind kind) {
    switch (kind) {
        case Kind::duplicate: return "duplicate";
        case Kind::near_duplicate: return "near_duplicate";
        case Kind::boilerplate: return "boilerplate";
        case Kind::marker: return "marker";
    }
    return "unknown";
}

Kind parse_kind(const std::string& name) {
    if (name == "duplicate") return Kind::duplicate;
    if (name == "near_duplicate" || name == "near-duplicate") return Kind::near_duplicate;
    if (name == "boilerplate") return Kind::boilerplate;
    if (name == "marker") return Kind::marker;
    throw Error(ExitCode::usage, "unknown kind '" + name + "' (expected duplicate, near_duplicate, boilerplate, marker)");
}

void Config::validate() const {
    const auto fail = [](const std::string& message) { throw Error(ExitCode::usage, message); };
    // Ranges of fractions are written as what must hold, negated: NaN fails every comparison,
    // so `x <= 0 || x > 1` let --similarity nan through.
    if (ngram < 1 || ngram > 16) fail("--ngram must be between 1 and 16");
    if (num_perm < 1 || num_perm > 1024) fail("--num-perm must be between 1 and 1024");
    if (bands < 1 || bands > num_perm) fail("--bands must be between 1 and --num-perm");
    if (num_perm % bands != 0)
        fail("--num-perm (" + std::to_string(num_perm) + ") must be a multiple of --bands (" + std::to_string(bands) + ")");
    if (!(similarity > 0.0 && similarity <= 1.0)) fail("--similarity must be in (0, 1]");
    if (!(isolated_similarity > 0.0 && isolated_similarity <= 1.0)) fail("--isolated-similarity must be in (0, 1]");
    if (!(containment > 0.0 && containment <= 1.0)) fail("--containment must be in (0, 1]");
    if (!(run_similarity > 0.0 && run_similarity <= 1.0)) fail("--run-similarity must be in (0, 1]");
    if (!(run_containment > 0.0 && run_containment <= 1.0)) fail("--run-containment must be in (0, 1]");
    if (!(run_frame_share > 0.0)) fail("--run-frame-share must be above 0 (above 1: off)");
    if (!(restart_frame_share > 0.0)) fail("--restart-frame-share must be above 0 (above 1: off)");
    if (min_length < 0) fail("--min-length must not be negative");
    if (min_inline_length < 0) fail("--min-inline-length must not be negative");
    if (window < 1) fail("--window must be at least 1");
    if (min_line_length < 0) fail("--min-line-length must not be negative");
    if (boilerplate_min_docs < 2) fail("--boilerplate-min-docs must be at least 2");
    if (boilerplate_many_docs < 2) fail("--boilerplate-many-docs must be at least 2");
    if (!(boilerplate_min_share >= 0.0 && boilerplate_min_share <= 1.0)) fail("--boilerplate-min-share must be in [0, 1]");
    if (!(shape_threshold >= 0.0 && shape_threshold <= 1.0)) fail("--shape-threshold must be in [0, 1]");
    if (threads < 0) fail("--threads must not be negative");
}

}  // namespace once
