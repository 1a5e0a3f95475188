// Tests for output/staging.hpp: outputs go into place together, and a run that fails leaves its
// output folders as it found them.
#include "once/output/staging.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.hpp"

namespace fs = std::filesystem;
using once::test::TempDir;

namespace {
void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }
}  // namespace

TEST_CASE("StagedOutputs: without commit, the output folders it made are removed again") {
    TempDir dir;
    {
        once::StagedOutputs outputs;
        write_file(outputs.stage(dir.path("new/deeper/map.jsonl")), "{}\n");
        outputs.make_folder(dir.path("cleaned/out"));
        CHECK(fs::is_directory(dir.path("cleaned/out")));
        // No commit: the run failed.
    }
    CHECK(dir.entries().empty());
}

TEST_CASE("StagedOutputs: a folder that existed, or that is no longer empty, stays") {
    TempDir dir;
    dir.write("existing/keep.txt", "mine\n");
    {
        once::StagedOutputs outputs;
        write_file(outputs.stage(dir.path("existing/map.jsonl")), "{}\n");
        write_file(outputs.stage(dir.path("made/map.jsonl")), "{}\n");
        dir.write("made/other.txt", "written by someone else meanwhile\n");
    }
    CHECK(dir.entries() == std::set<std::string>{"existing", "made"});
    CHECK(fs::exists(dir.path("existing/keep.txt")));
    CHECK_FALSE(fs::exists(dir.path("existing/map.jsonl")));
    CHECK(fs::exists(dir.path("made/other.txt")));
    CHECK_FALSE(fs::exists(dir.path("made/map.jsonl")));
}

TEST_CASE("StagedOutputs: after commit, made folders hold the outputs") {
    TempDir dir;
    {
        once::StagedOutputs outputs;
        write_file(outputs.stage(dir.path("new/map.jsonl")), "{}\n");
        outputs.make_folder(dir.path("empty-out"));
        outputs.commit();
    }
    CHECK(fs::exists(dir.path("new/map.jsonl")));
    CHECK(fs::is_directory(dir.path("empty-out")));  // a run over no documents still makes -o
    CHECK(fs::is_empty(dir.path("empty-out")));      // and leaves no staging folder in it
}
