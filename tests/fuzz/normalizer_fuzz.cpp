// normalizer_fuzz.cpp — normalization and its alignment on arbitrary valid UTF-8.
// Contract (normalizer.hpp): origin has one entry per normalized byte plus one, equal to the
// input's length at the end; every normalized byte maps to a whole original character inside the
// input ([origin, origin_end) non-empty, on character boundaries); the mapping is monotonic; the
// output is valid UTF-8; normalize_text gives the same bytes without the alignment.
#include "fuzz_support.hpp"

#include "once/text/normalizer.hpp"

using namespace once;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    const std::string_view original = fuzz::bytes(data, size);
    if (!fuzz::valid_utf8(original)) return -1;  // the reader guarantees valid UTF-8
    const NormalizedText norm = normalize(original);
    const std::size_t n = norm.text.size();
    FUZZ_CHECK(norm.origin.size() == n + 1, "one origin per byte, plus the end");
    FUZZ_CHECK(norm.origin_end.size() >= n, "one origin_end per byte");
    FUZZ_CHECK(norm.origin[n] == original.size(), "the end maps to the input's end");
    FUZZ_CHECK(fuzz::valid_utf8(norm.text), "normalized text is valid UTF-8");
    for (std::size_t i = 0; i < n; ++i) {
        FUZZ_CHECK(norm.origin[i] < original.size(), "origin inside the input");
        FUZZ_CHECK(norm.origin[i] < norm.origin_end[i] && norm.origin_end[i] <= original.size(),
                   "a non-empty original range inside the input");
        FUZZ_CHECK(fuzz::on_boundary(original, norm.origin[i]) && fuzz::on_boundary(original, norm.origin_end[i]),
                   "original ranges on character boundaries");
        FUZZ_CHECK(norm.origin[i] <= norm.origin[i + 1], "origin monotonic");
        if (i > 0) FUZZ_CHECK(norm.origin_end[i - 1] <= norm.origin_end[i], "origin_end monotonic");
    }
    FUZZ_CHECK(normalize_text(original) == norm.text, "normalize_text == normalize().text");
    return 0;
}
