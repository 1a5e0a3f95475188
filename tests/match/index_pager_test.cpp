// index_pager_test.cpp — the index paged to a file (match/index_pager.hpp) holds the same bytes
// at the same addresses as the anonymous index: blocks taken before the pager starts are copied,
// blocks taken after come from the file, dropping the pages loses nothing, and a whole run gives
// the same output and map with its index in the file and its pages dropped every few
// milliseconds. The file has no name: the folder stays empty.
#include "once/match/index_pager.hpp"

#include "cli/cli.hpp"
#include "once/match/flat_hash.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

using once::test::TempDir;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool folder_empty(const std::string& path) {
    return std::filesystem::directory_iterator(path) == std::filesystem::directory_iterator();
}

}  // namespace

TEST_CASE("IndexPager: blocks before and after start keep their bytes through drops") {
    TempDir folder;
    std::mt19937_64 random(11);
    std::vector<std::uint64_t> keys;
    std::unordered_map<std::uint64_t, std::uint32_t> reference;
    once::FlatHashIndex index;
    once::ChunkedArray<std::uint64_t> values;
    const auto same_as = [&](std::uint64_t key) { return [&keys, key](std::uint32_t v) { return keys[v] == key; }; };
    const auto add = [&](int n) {
        for (int i = 0; i < n; ++i) {
            const std::uint64_t key = random();
            const auto value = static_cast<std::uint32_t>(keys.size());
            keys.push_back(key);
            values.push_back(key ^ 0x5555);
            index.try_emplace(key, value, same_as(key));
            reference.emplace(key, value);
        }
    };
    const auto all_there = [&] {
        for (std::size_t v = 0; v < keys.size(); ++v)
            if (values[v] != (keys[v] ^ 0x5555)) return false;
        for (const auto& [key, value] : reference) {
            const std::uint32_t* found = index.find(key, same_as(key));
            if (found == nullptr || *found != value) return false;
        }
        return true;
    };
    add(400000);  // several 2 MiB blocks of values, and of table pages
    const std::size_t before = once::index_blocks::count();
    CHECK(once::index_blocks::count_in_file() == 0);
    {
        once::IndexPager pager(folder.path(), 1);  // a ceiling of 1 byte: the watchdog drops at every tick
        REQUIRE(pager.start());
        CHECK(once::index_blocks::count_in_file() == before);  // every block moved
        once::IndexPager second(folder.path(), 1);
        CHECK_FALSE(second.start());  // one pager at a time
        CHECK(all_there());
        add(400000);  // blocks taken from the file, while the watchdog drops pages
        CHECK(once::index_blocks::count_in_file() == once::index_blocks::count());
        pager.drop_pages();
        CHECK(all_there());
        for (int i = 0; i < 100 && pager.drops() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        CHECK(pager.drops() > 0);
        CHECK(folder_empty(folder.path()));  // the file has no name
    }
    // The pager gone, its blocks stay valid (a mapping keeps the file) and new ones are anonymous.
    const std::size_t in_file = once::index_blocks::count_in_file();
    add(200000);
    CHECK(once::index_blocks::count_in_file() == in_file);
    CHECK(all_there());
    CHECK(folder_empty(folder.path()));
}

TEST_CASE("IndexPager: a run with its index in a file, pages dropped all along, gives the same bytes") {
    TempDir work;
    // The samples twice, so that the second copy is found as copies of the first.
    std::filesystem::create_directories(work.path() + "/in");
    for (const char* copy : {"a", "b"})
        std::filesystem::copy(ONCE_SOURCE_ROOT "/samples", work.path() + "/in/" + copy,
                              std::filesystem::copy_options::recursive);
    const auto clean = [&](const std::string& name) {
        std::ostringstream out, err;
        std::filesystem::create_directories(work.path() + "/" + name);
        const int code = once::cli::run({"once", "clean", work.path() + "/in", "-o", work.path() + "/" + name + "/out",
                                         "--map", work.path() + "/" + name + "/map", "-q", "--threads", "2"},
                                        out, err);
        INFO(err.str());
        REQUIRE(code == 0);
    };
    clean("anonymous");
    TempDir paged_folder;
    {
        once::IndexPager pager(paged_folder.path(), 1);
        REQUIRE(pager.start());
        clean("paged");
        CHECK(folder_empty(paged_folder.path()));
    }
    std::size_t files = 0;  // the map and every cleaned file
    for (const auto& entry : std::filesystem::recursive_directory_iterator(work.path() + "/anonymous")) {
        if (!entry.is_regular_file()) continue;
        const std::string relative = std::filesystem::relative(entry.path(), work.path() + "/anonymous").string();
        INFO(relative);
        CHECK(read_file(entry.path().string()) == read_file(work.path() + "/paged/" + relative));
        ++files;
    }
    CHECK(files > 0);
}
