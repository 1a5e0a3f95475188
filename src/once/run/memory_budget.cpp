#include "once/run/memory_budget.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>

#include "once/core/error.hpp"
#include "once/core/units.hpp"

namespace once {

std::uint64_t parse_memory_size(const std::string& text, const std::string& option) {
    const auto fail = [&] {
        return Error(ExitCode::usage, option + " must be a size like 4G, 512M or 1500000000 (bytes), got '" + text + "'");
    };
    // The number is decimal digits with at most one point: std::stod alone also took leading
    // spaces (" 64M", while "64M " was refused), a sign, an exponent ("1e9") and hexadecimal
    // ("0x100" was 256 bytes, "0x1G" one GiB).
    const std::size_t used = std::min(text.find_first_not_of("0123456789."), text.size());
    const std::string number = text.substr(0, used);
    if (number.find_first_of("0123456789") == std::string::npos || std::count(number.begin(), number.end(), '.') > 1)
        throw fail();
    double value = 0;
    try {
        value = std::stod(number);
    } catch (...) {
        throw fail();
    }
    if (!(value > 0) || !std::isfinite(value)) throw fail();
    std::string unit = text.substr(used);
    for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    double scale = 1;
    if (!unit.empty()) {
        const char prefix = unit[0];
        const std::string rest = unit.substr(1);
        if (prefix == 'B' && rest.empty()) scale = 1;
        else if (rest != "" && rest != "B" && rest != "IB") throw fail();
        else if (prefix == 'K') scale = 1024.0;
        else if (prefix == 'M') scale = 1024.0 * 1024;
        else if (prefix == 'G') scale = 1024.0 * 1024 * 1024;
        else if (prefix == 'T') scale = 1024.0 * 1024 * 1024 * 1024;
        else throw fail();
    }
    const double bytes = value * scale;
    if (bytes < 1 || bytes > 1e19) throw fail();
    return static_cast<std::uint64_t>(bytes);
}

std::uint64_t resident_bytes() {
    // Anonymous memory (heap, index blocks), not file pages: a mapped signature file is served
    // from the page cache, which the kernel can drop, so it does not bring the OOM killer.
    std::ifstream status("/proc/self/status");
    std::string key;
    std::uint64_t kib = 0;
    std::uint64_t total = 0;
    bool found = false;
    while (status >> key) {
        if (key == "RssAnon:" || key == "RssShmem:") {
            if (status >> kib) total += kib * 1024, found = true;
        }
        status.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    }
    if (found) return total;
    std::ifstream statm("/proc/self/statm");  // older kernels: all resident pages
    std::uint64_t size = 0;
    std::uint64_t resident = 0;
    if (!(statm >> size >> resident)) return 0;
    return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::uint64_t machine_memory() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page = sysconf(_SC_PAGESIZE);
    std::uint64_t memory = pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page) : 0;
    // cgroup v2, then v1: "max" (or a huge v1 number) means no limit of its own.
    for (const char* path : {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
        std::ifstream in(path);
        std::uint64_t limit = 0;
        if (in >> limit && limit > 0 && (memory == 0 || limit < memory)) memory = limit;
    }
    return memory;
}

MemoryBudget::MemoryBudget(std::uint64_t limit)
    : limit_(limit != 0 ? limit : machine_memory() / 10 * 9), explicit_(limit != 0) {}

MemoryBudget::MemoryBudget(std::uint64_t limit, const std::string& index_folder) : MemoryBudget(limit) {
    if (limit_ != 0) pager_ = std::make_unique<IndexPager>(index_folder, limit_);
}

void MemoryBudget::check(std::uint64_t extra, const std::string& what, const std::string& held) const {
    if (limit_ == 0) return;  // the platform tells nothing: no budget to keep
    std::uint64_t resident = resident_bytes();
    if (resident + extra <= limit_) return;
    // The index's blocks become pages of a file, which the watchdog keeps out of the resident
    // set; resident_bytes() counts anonymous memory, so it now measures the rest of the process.
    if (pager_ && !pager_->started() && pager_->start()) {
        resident = resident_bytes();
        if (resident + extra <= limit_) return;
    }
    std::string message = "memory limit of " + format_bytes(limit_) +
                          (explicit_ ? " (--max-memory)" : " (90% of this machine's memory; see --max-memory)") +
                          " would be exceeded " + what + ": " + format_bytes(resident) + " in use";
    if (extra > 0) message += ", about " + format_bytes(extra) + " more needed";
    if (!held.empty()) message += "; " + held;
    if (paging()) message += " (paged to a file: not counted in use)";
    throw Error(ExitCode::resource_limit, message);
}

}  // namespace once
