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

#include <unistd.h>

#include <algorithm>
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

// The process's resident set in bytes (/proc/self/statm's second field, in pages).
std::uint64_t resident() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size = 0, pages = 0;
    statm >> size >> pages;
    return pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

// Entries (8 bytes each) of a test index at least as large as the rest of the test process, and
// 64 MiB at least, so that what a pager drops is a part of it whatever the tests before left
// allocated; a whole number of 4 KiB pages (512 entries).
std::uint64_t index_entries() { return std::max<std::uint64_t>(8u << 20, resident() / 8 / 512 * 512 + 512); }

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

TEST_CASE("DropPolicy: drops a little under its trigger, and a late tick's margin decays") {
    constexpr std::uint64_t MiB = 1 << 20;
    const std::uint64_t ceiling = 256 * MiB;
    once::DropPolicy policy(ceiling);
    const std::uint64_t rest = 64 * MiB;  // the anonymous part
    CHECK(policy.tick(200 * MiB, rest) == 0);  // under the ceiling less the first margin
    const std::uint64_t first_margin = policy.margin();
    CHECK(first_margin > 0);
    // Just over the trigger: drop to a little under it (a few MiB, not the whole index).
    const std::uint64_t trigger = ceiling - first_margin;
    const std::uint64_t target = policy.tick(trigger + MiB, rest);
    CHECK(target > 0);
    CHECK(target < trigger);
    CHECK(target > trigger - 16 * MiB);
    // A late tick finds the resident set far over: the margin grows, so the next drops go earlier...
    CHECK(policy.tick(ceiling + 200 * MiB, rest) > 0);
    const std::uint64_t late_margin = policy.margin();
    CHECK(late_margin >= ceiling / 2);
    // ...and decays once the ticks come in time again (it stayed at half the ceiling before).
    for (int i = 0; i < 2000; ++i) CHECK(policy.tick(rest, rest) == 0);
    CHECK(policy.margin() < first_margin);
    CHECK(policy.margin() > 0);
}

TEST_CASE("DropPolicy: a rest near the ceiling leaves the index a share, so a drop is not due at every tick") {
    constexpr std::uint64_t MiB = 1 << 20;
    const std::uint64_t ceiling = 100 * MiB;
    once::DropPolicy policy(ceiling);
    const std::uint64_t rest = 95 * MiB;
    const std::uint64_t target = policy.tick(rest + 20 * MiB, rest);
    REQUIRE(target > 0);
    CHECK(target > rest);  // the index keeps some pages
    CHECK(policy.tick(target, rest) == 0);  // dropped down to the target: nothing more at the next tick
    CHECK(policy.tick(target + MiB, rest) == 0);
}

TEST_CASE("DropPolicy: between ticks a thread of the index drops only past the ceiling, and leaves the index a share") {
    constexpr std::uint64_t MiB = 1 << 20;
    const std::uint64_t ceiling = 256 * MiB;
    once::DropPolicy policy(ceiling);
    const std::uint64_t rest = 64 * MiB;
    CHECK(policy.over_ceiling(ceiling, rest) == 0);  // at the ceiling: the watchdog's to handle
    const std::uint64_t target = policy.over_ceiling(ceiling + MiB, rest);
    CHECK(target > 0);
    CHECK(target < ceiling);
    CHECK(target > ceiling - 16 * MiB);  // a few MiB under it: every page dropped is a fault later
    const std::uint64_t margin = policy.margin();
    policy.over_ceiling(ceiling + 200 * MiB, rest);
    CHECK(policy.margin() == margin);  // only the watchdog's own lateness moves the margin
    // A rest near the ceiling: the index keeps an eighth of the ceiling above it, less a drop's step.
    const std::uint64_t high_rest = 250 * MiB;
    const std::uint64_t kept = policy.over_ceiling(ceiling + 20 * MiB, high_rest);
    CHECK(kept > high_rest);
    CHECK(kept >= high_rest + ceiling / 8 - ceiling / 32);
    CHECK(policy.over_ceiling(kept, high_rest) == 0);
}

TEST_CASE("IndexPager: a thread that maps the index again keeps the resident set under the ceiling itself") {
    TempDir folder;
    const std::uint64_t count = index_entries();
    once::ChunkedArray<std::uint64_t> values;
    for (std::uint64_t i = 0; i < count; ++i) values.push_back(i * 3);
    const std::uint64_t with_index = resident();
    const std::uint64_t ceiling = with_index - (16u << 20);
    once::IndexPager pager(folder.path(), ceiling);
    REQUIRE(pager.start());
    std::uint64_t sum = 0;
    std::uint64_t most = 0;
    for (int pass = 0; pass < 2; ++pass)
        for (std::uint64_t i = 0; i < count; i += 512) {
            sum += values[i];
            if (i % (64 * 512) == 0) {  // every 64 pages (at most 4 MiB mapped with the kernel's fault-around)
                once::index_blocks::keep_under_ceiling();
                most = std::max(most, resident());
            }
        }
    CHECK(most <= ceiling);  // after every check, whatever the watchdog's ticks did meanwhile
    CHECK(pager.drops() > 0);
    CHECK(sum == 2 * 3 * (count / 512) * (count - 512) / 2);
    once::index_blocks::keep_under_ceiling();  // (this pager's; nothing once it is gone)
    CHECK(folder_empty(folder.path()));
}

TEST_CASE("IndexPager: a resident set a little over the ceiling drops some of the index, not all of it") {
    TempDir folder;
    const std::uint64_t count = index_entries();  // the drop below, about a tenth of the ceiling, is a part of it
    once::ChunkedArray<std::uint64_t> values;
    for (std::uint64_t i = 0; i < count; ++i) values.push_back(i * 7);
    const std::uint64_t with_index = resident();
    REQUIRE(with_index > count * 8);
    // A ceiling 8 MiB under what the process holds with its index: a drop of some 16 MiB is enough.
    once::IndexPager pager(folder.path(), with_index - (8u << 20));
    REQUIRE(pager.start());  // the blocks' pages are now in the file, none mapped yet
    const std::size_t blocks = once::index_blocks::count_in_file();
    REQUIRE(blocks >= count * 8 / (2u << 20));
    std::uint64_t sum = 0;
    for (int pass = 0; pass < 3; ++pass)  // map every page again, more than once
        for (std::uint64_t i = 0; i < count; i += 512) sum += values[i];
    for (int i = 0; i < 100 && pager.drops() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(pager.drops() > 0);
    // Dropping the whole index at every drop (as before) drops every block each time.
    CHECK(pager.blocks_dropped() < pager.drops() * blocks);
    CHECK(sum == 3 * 7 * (count / 512) * (count - 512) / 2);
    for (std::uint64_t i = 0; i < count; i += 4099) CHECK(values[i] == i * 7);
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
