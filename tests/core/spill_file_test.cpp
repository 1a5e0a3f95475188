// spill_file_test.cpp — a SpillFile gives back exactly what was appended, in order and in
// pieces, and never has a name in its folder (nothing to leave behind however a run ends).
#include "once/core/spill_file.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "temp_dir.hpp"

namespace {

using once::test::error_of;
using once::test::TempDir;

std::string read_back(once::SpillFile& spill, std::size_t* pieces = nullptr) {
    std::string out;
    std::size_t count = 0;
    spill.read_all_into([&](std::string_view piece) {
        CHECK(!piece.empty());
        out.append(piece);
        ++count;
    });
    if (pieces) *pieces = count;
    return out;
}

}  // namespace

TEST_CASE("spill file: appended bytes come back in order, the folder shows no file") {
    TempDir dir;
    struct Row {
        const char* name;
        std::vector<std::string> appends;
    };
    const std::string big(3 * (std::size_t{1} << 20) + 17, 'x');  // more than one read piece
    const std::vector<Row> rows = {
        {"nothing", {}},
        {"one empty append", {""}},
        {"ascii", {"abc", "", "def"}},
        {"CJK and 4-byte characters", {"東京都は", "𠮷野家\n"}},
        {"binary with NUL and invalid UTF-8", {std::string("\0\xff\xfe", 3), std::string(1, '\0')}},
        {"several MiB", {big, "tail"}},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        once::SpillFile spill(dir.path());
        std::string expected;
        for (const std::string& bytes : row.appends) {
            spill.append(bytes);
            expected += bytes;
        }
        CHECK(spill.size() == expected.size());
        CHECK(dir.entries().empty());
        std::size_t pieces = 0;
        CHECK(read_back(spill, &pieces) == expected);
        CHECK(pieces == (expected.size() + (std::size_t{1} << 20) - 1) / (std::size_t{1} << 20));
        CHECK(read_back(spill) == expected);  // reading does not consume
    }
    CHECK(dir.entries().empty());
}

TEST_CASE("spill file: a folder that cannot hold it is an output error naming the folder") {
    TempDir dir;
    const auto error = error_of([&] { once::SpillFile spill(dir.path("missing")); });
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::output_error);
    CHECK(std::string(error->what()).find("missing") != std::string::npos);
}

TEST_CASE("spill file: folder_of an output path") {
    CHECK(once::folder_of("decisions.bin") == ".");
    CHECK(once::folder_of("-") == ".");
    CHECK(once::folder_of("out/decisions.bin") == "out");
    CHECK(once::folder_of("/tmp/x/決定.bin") == "/tmp/x");
}
