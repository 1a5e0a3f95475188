// sealed_file.hpp — for tests that corrupt a signature or decisions file on purpose: the body of
// a file (without its checksum trailer) and a body sealed with a valid trailer, so that a test
// of the records' structural checks reaches them instead of stopping at the checksum.
#pragma once

#include <cstdint>
#include <string>

#include "once/run/block_checksums.hpp"

namespace once::test {

inline std::string body_of(const std::string& file) {
    std::uint64_t blocks = 0;
    for (int i = 7; i >= 0; --i)
        blocks = (blocks << 8) | static_cast<unsigned char>(file[file.size() - 16 + static_cast<std::size_t>(i)]);
    return file.substr(0, file.size() - 16 - static_cast<std::size_t>(blocks) * 8);
}

inline std::string sealed(const std::string& body) {
    BlockChecksums sums;
    sums.add(body);
    return body + sums.trailer();
}

}  // namespace once::test
