// units.hpp — sizes for people: "512 B", "1.5 KiB", "12.0 MiB" (binary units, one decimal above
// bytes). One spelling for the reports and for error messages (memory budget, index size).
#pragma once

#include <cstdint>
#include <cstdio>
#include <iterator>
#include <string>

namespace once {

inline std::string format_bytes(std::uint64_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " B";
    static const char* const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = static_cast<double>(bytes) / 1024.0;
    std::size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < std::size(units)) {
        value /= 1024.0;
        ++unit;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f %s", value, units[unit]);
    return buffer;
}

}  // namespace once
