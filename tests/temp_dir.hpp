// temp_dir.hpp — a fresh, empty folder for one test, removed with everything in it when the test
// ends (also when a CHECK fails or an exception leaves the test).
//
// Why one helper: the tests of the reader, the pipeline, the CLI, stream I/O and the lexicon all
// need files on disk; one definition keeps their folders unique (process id and a counter, so
// parallel test runs and repeated test cases never share one) and their cleanup the same.
//
//   once::test::TempDir dir;
//   const std::string path = dir.write("sub/a.txt", "bytes");   // creates sub/ as needed
//   once::Corpus corpus({dir.path()}, {});
//   CHECK(dir.entries() == std::set<std::string>{"sub"});
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

#include <unistd.h>

namespace once::test {

class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("once-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);  // left over by a crashed run with the same process id
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // The folder itself, or `relative` inside it (which need not exist).
    std::string path(const std::string& relative = {}) const {
        return relative.empty() ? path_.string() : (path_ / relative).string();
    }
    // Writes `bytes` to `relative` (creating the folders on the way) and returns its path.
    std::string write(const std::string& relative, std::string_view bytes) const {
        const std::filesystem::path file = path_ / relative;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return file.string();
    }
    // The names directly in the folder (to check that nothing stray was left behind).
    std::set<std::string> entries() const {
        std::set<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(path_))
            names.insert(entry.path().filename().string());
        return names;
    }

private:
    std::filesystem::path path_;
};

}  // namespace once::test
