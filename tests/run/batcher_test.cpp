// Batcher: batches close at BatchLimits::documents documents or BatchLimits::bytes bytes of text, whichever
// comes first, keep input order, and flush hands on only what is left.
#include "once/run/batcher.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

once::SourceDocument document_of(std::size_t index, std::string text) {
    once::SourceDocument document;
    document.index = index;
    document.doc.text = std::move(text);
    return document;
}

// The input indices of each batch handed on, for texts of the given sizes.
std::vector<std::vector<std::size_t>> batches_for(const std::vector<std::size_t>& sizes, std::size_t max_documents,
                                                  std::uint64_t max_bytes) {
    const once::BatchLimits limits{max_documents, max_bytes};
    std::vector<std::vector<std::size_t>> batches;
    once::Batcher batcher(limits, [&](std::vector<once::SourceDocument>& batch) {
        std::vector<std::size_t> indices;
        for (const auto& document : batch) indices.push_back(document.index);
        batches.push_back(indices);
    });
    for (std::size_t i = 0; i < sizes.size(); ++i) batcher.add(document_of(i, std::string(sizes[i], 'x')));
    batcher.flush();
    batcher.flush();  // nothing left: no empty batch
    return batches;
}

}  // namespace

TEST_CASE("batcher: batches close by count or by bytes, in input order") {
    using Batches = std::vector<std::vector<std::size_t>>;
    CHECK(batches_for({}, 2, 100).empty());
    CHECK(batches_for({1, 1, 1, 1, 1}, 2, 100) == Batches{{0, 1}, {2, 3}, {4}});
    CHECK(batches_for({1, 1, 1, 1}, 2, 100) == Batches{{0, 1}, {2, 3}});
    // 60 + 50 bytes reach 100: the batch closes with the document that crossed the limit.
    CHECK(batches_for({60, 50, 10, 10}, 10, 100) == Batches{{0, 1}, {2, 3}});
    // A document larger than the limit closes the batch it joins.
    CHECK(batches_for({10, 500, 10}, 10, 100) == Batches{{0, 1}, {2}});
    CHECK(batches_for({500, 10}, 10, 100) == Batches{{0}, {1}});
}
