// line_key_spill.hpp — pass 1's line keys of every document (Signer::line_keys), kept on disk
// until pass 2 analyzes the same documents in the same order and takes them back.
//
// Why: both passes tokenize and hash every non-blank line for its template key (pass 1 to count
// templates, pass 2 to look the counts up); that was a tenth of the instructions of `once
// clean`. Keeping the keys costs 20 bytes per non-blank line — on disk (an unlinked spill file,
// core/spill_file.hpp), since a corpus of gigabytes has millions of lines and memory holds the
// signature index — plus 12 bytes per document in memory.
//
// Contract: record() each document of pass 1 in input order; then take() the documents of pass
// 2 in the same order, a batch at a time. A document whose text size differs from the one
// recorded at its place gets no keys, nor does any after it (pass 2 then computes them: the
// same values, only slower), so a corpus that reads differently the second time cannot get
// another document's keys.
//
//   once::LineKeySpill spill;
//   spill.record(text.size(), signer.line_keys(text));             // pass 1, input order
//   auto keys = spill.take(sizes_of_batch);                         // pass 2, same order
//   signer.analyze(text, keys[i]);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "once/core/spill_file.hpp"
#include "once/sign/signer.hpp"

namespace once {

class LineKeySpill {
public:
    // The file goes to `folder`: the run's temporary folder (--tmp-dir, core/temp_dir.hpp).
    explicit LineKeySpill(const std::string& folder);

    // Pass 1, in input order: a document of `text_bytes` and its keys. Buffered; written a
    // batch's worth at a time.
    void record(std::uint64_t text_bytes, std::span<const LineKeys> keys);
    // Pass 2, in the same order: the keys of the next documents, whose text sizes are given;
    // an empty list for a document whose size does not match (and every one after it).
    std::vector<std::vector<LineKeys>> take(std::span<const std::uint64_t> text_bytes);

    static constexpr std::size_t k_record_bytes = 20;  // two 64-bit keys and a 32-bit weight

private:
    void flush();

    struct Document {
        std::uint64_t text_bytes = 0;
        std::uint32_t lines = 0;
    };
    SpillFile file_;
    std::string pending_;               // records not yet written
    std::vector<Document> documents_;   // every document recorded, in order
    std::size_t next_document_ = 0;     // the next one take() hands out
    std::uint64_t read_offset_ = 0;     // where its keys start in the file
    bool in_step_ = true;               // false once a size did not match
};

}  // namespace once
