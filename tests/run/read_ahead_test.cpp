// read_ahead_test.cpp — ReadAhead: the batches of Corpus::scan as a Batcher makes them, for any
// thread count; a read error comes with the batch it is in, after the batches before it; and the
// next batch is read on a worker while the caller does something else.
#include "once/run/read_ahead.hpp"

#include "once/core/error.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace {

using once::test::TempDir;

// Each batch as "index:id:text" strings, so that order, numbering and content are all compared.
using Batches = std::vector<std::vector<std::string>>;

std::string describe(const once::SourceDocument& document) {
    return std::to_string(document.index) + ":" + document.doc.id + ":" + document.doc.text;
}

Batches batcher_batches(const std::vector<std::string>& paths, const once::InputOptions& input,
                        const once::BatchLimits& limits) {
    once::Corpus corpus(paths, input);
    Batches batches;
    once::Batcher batcher(limits, [&](std::vector<once::SourceDocument>& batch) {
        batches.emplace_back();
        for (const auto& document : batch) batches.back().push_back(describe(document));
    });
    corpus.scan([&](once::SourceDocument&& document) { batcher.add(std::move(document)); });
    batcher.flush();
    return batches;
}

Batches read_ahead_batches(once::Corpus& corpus, const once::BatchLimits& limits, std::size_t threads) {
    once::WorkPool pool(threads);
    once::ReadAhead ahead(corpus, limits, pool);
    Batches batches;
    ahead.start();
    while (true) {
        std::vector<once::SourceDocument> batch = ahead.take();
        if (batch.empty()) break;
        ahead.start();
        batches.emplace_back();
        for (const auto& document : batch) batches.back().push_back(describe(document));
    }
    CHECK(ahead.take().empty());  // the end stays the end
    return batches;
}

// A folder of plain files and a JSON Lines file with a bad file and a bad record among them.
std::vector<std::string> mixed_inputs(const TempDir& dir) {
    for (int i = 0; i < 9; ++i) dir.write("files/f" + std::to_string(i) + ".txt", std::string(i * 7 + 1, 'a' + i));
    dir.write("files/f4b.txt", "bad \xff byte");
    std::string lines;
    for (int i = 0; i < 12; ++i) {
        if (i == 5) lines += "{\"id\": \"r5\", \"text\": \n";  // malformed
        lines += "{\"id\": \"r" + std::to_string(i) + "\", \"text\": \"record " + std::to_string(i) + "\"}\n";
    }
    dir.write("records.jsonl", lines);
    return {dir.path("files"), dir.path("records.jsonl")};
}

}  // namespace

TEST_CASE("read_ahead: the batches of a Batcher over Corpus::scan, for 1, 2 and 4 threads") {
    TempDir dir;
    const std::vector<std::string> paths = mixed_inputs(dir);
    once::InputOptions input;
    input.on_error = once::OnError::skip;
    for (const once::BatchLimits limits : {once::BatchLimits{1, 1 << 20}, once::BatchLimits{3, 1 << 20},
                                           once::BatchLimits{128, 1 << 20}, once::BatchLimits{128, 20}}) {
        const Batches expected = batcher_batches(paths, input, limits);
        REQUIRE(expected.size() >= 1);
        for (const std::size_t threads : {1, 2, 4}) {
            CAPTURE(limits.documents);
            CAPTURE(limits.bytes);
            CAPTURE(threads);
            once::Corpus corpus(paths, input);
            CHECK(read_ahead_batches(corpus, limits, threads) == expected);
            // The bad file and the bad record are skipped as the scan skips them.
            REQUIRE(corpus.skipped().size() == 2);
            CHECK(corpus.skipped()[0].id.find("f4b.txt") != std::string::npos);
            CHECK(corpus.skipped()[1].id.find("records.jsonl:6") != std::string::npos);
        }
    }
}

TEST_CASE("read_ahead: a read error comes with its batch, after every batch before it") {
    TempDir dir;
    const std::vector<std::string> paths = mixed_inputs(dir);
    for (const std::size_t threads : {1, 2, 4}) {
        CAPTURE(threads);
        // Files f0..f4 come before f4b.txt (byte order): with batches of 2, two full batches,
        // then the batch that holds f4 and the bad file fails.
        once::Corpus corpus(paths, {});
        once::WorkPool pool(threads);
        once::ReadAhead ahead(corpus, once::BatchLimits{2, 1 << 20}, pool);
        CHECK(ahead.take().size() == 2);
        ahead.start();
        CHECK(ahead.take().size() == 2);
        ahead.start();
        std::string message;
        try {
            ahead.take();
        } catch (const once::Error& error) {
            CHECK(error.code() == once::ExitCode::input_error);
            message = error.what();
        }
        CHECK(message.find("f4b.txt") != std::string::npos);
        CHECK(message.find("invalid UTF-8 at byte 4") != std::string::npos);
        CHECK(ahead.take().empty());  // the scan is over
    }
}

TEST_CASE("read_ahead: the next batch is read on a worker while the caller goes on") {
    // The second input is a FIFO: its reader blocks until someone writes. The test opens it for
    // writing without blocking, which succeeds only once the read-ahead has opened it for
    // reading — on a worker, before the caller asks for that batch.
    TempDir dir;
    const std::string first = dir.write("a.txt", "first document");
    const std::string fifo = dir.path("pipe");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    once::InputOptions input;
    input.temp_folder = dir.path();
    once::Corpus corpus({first, fifo}, input);
    once::WorkPool pool(2);
    once::ReadAhead ahead(corpus, once::BatchLimits{1, 1 << 20}, pool);
    const std::vector<once::SourceDocument> batch = ahead.take();
    REQUIRE(batch.size() == 1);
    CHECK(batch[0].doc.text == "first document");
    ahead.start();
    int fd = -1;
    for (int tries = 0; tries < 500 && fd < 0; ++tries) {
        fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // Without a reader the open fails (ENXIO) for 5 s; unblock a sequential read anyway, so that
    // the test fails rather than hangs.
    const bool read_ahead = fd >= 0;
    CHECK(read_ahead);
    if (fd < 0) fd = ::open(fifo.c_str(), O_RDWR);
    REQUIRE(fd >= 0);
    const std::string text = "second document";
    REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    ::close(fd);
    if (read_ahead) {
        const std::vector<once::SourceDocument> second = ahead.take();
        REQUIRE(second.size() == 1);
        CHECK(second[0].doc.text == text);
        CHECK(ahead.take().empty());
    }
}
