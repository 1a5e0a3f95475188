// block_checksums_test.cpp — the integrity trailer of signature and decisions files: any changed
// byte of the body is found before it is used, naming its block; a file cut anywhere, or a
// trailer that belongs to another body, is refused; pieces of any size sum alike.
#include "once/run/block_checksums.hpp"

#include "once/core/error.hpp"
#include "error_of.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

std::string body_of_size(std::size_t size) {
    std::string body(size, '\0');
    for (std::size_t i = 0; i < size; ++i) body[i] = static_cast<char>((i * 131 + i / 7) & 0xFF);
    return body;
}

std::string sealed(const std::string& body, std::size_t piece) {
    once::BlockChecksums sums;
    for (std::size_t at = 0; at < body.size(); at += piece) sums.add(std::string_view(body).substr(at, piece));
    return body + sums.trailer();
}

}  // namespace

TEST_CASE("block checksums: pieces of any size give one trailer, which checks the whole body") {
    const std::size_t block = once::k_checksum_block_bytes;
    for (const std::size_t size : {std::size_t{0}, std::size_t{1}, block - 1, block, block + 1, 3 * block + 17}) {
        CAPTURE(size);
        const std::string body = body_of_size(size);
        const std::string file = sealed(body, body.size() + 1);
        for (const std::size_t piece : {std::size_t{1}, std::size_t{1000}, block, block + 3})
            if (size < 200000 || piece >= 1000) CHECK(sealed(body, piece) == file);
        once::VerifiedBlocks blocks(file, "f");
        CHECK(blocks.body() == body);
        CHECK_NOTHROW(blocks.check_through(body.size()));
    }
}

TEST_CASE("block checksums: a flipped byte is found in its block, before any byte of it is used") {
    const std::size_t block = once::k_checksum_block_bytes;
    const std::string body = body_of_size(3 * block + 17);
    const std::string file = sealed(body, block);
    for (const std::size_t at : {std::size_t{0}, block - 1, block, 2 * block + 5, 3 * block + 16}) {
        CAPTURE(at);
        std::string flipped = file;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x10);
        once::VerifiedBlocks blocks(flipped, "f.sig");
        const std::size_t block_start = at / block * block;
        CHECK_NOTHROW(blocks.check_through(block_start));  // the blocks before it are intact
        const auto error = once::test::error_of([&] { blocks.check_through(block_start + 1); });
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::input_error);
        CHECK(error->file() == "f.sig");
        CHECK(error->offset() == block_start);
    }
}

TEST_CASE("block checksums: a file cut short, a damaged trailer or another body's trailer is refused") {
    const std::size_t block = once::k_checksum_block_bytes;
    const std::string body = body_of_size(2 * block + 100);
    const std::string file = sealed(body, block);
    const std::string other = sealed(body_of_size(block + 5), block);
    const std::size_t trailer = file.size() - body.size();
    for (const std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{15}, body.size(), body.size() + 8,
                                  file.size() - 1}) {
        CAPTURE(cut);
        const auto error = once::test::error_of([&] { once::VerifiedBlocks(file.substr(0, cut), "f"); });
        REQUIRE(error);
        CHECK(error->code() == once::ExitCode::input_error);
        CHECK(error->offset() == cut);
    }
    for (std::size_t at = file.size() - trailer; at < file.size(); at += 5) {
        CAPTURE(at);
        std::string damaged = file;
        damaged[at] = static_cast<char>(damaged[at] ^ 1);
        CHECK(once::test::error_of([&] { once::VerifiedBlocks(damaged, "f"); }));
    }
    // A whole trailer, valid in itself, after a body of another length.
    const std::string spliced = body + other.substr(block + 5);
    CHECK(once::test::error_of([&] { once::VerifiedBlocks(spliced, "f"); }));
}
