#include "once/sign/line_key_spill.hpp"

#include <cstring>

namespace once {
namespace {

// What one write() carries at most: a batch of pass 1 is up to 64 MiB of text, whose keys are
// a few MiB; smaller writes would be a system call per document.
constexpr std::size_t k_flush_bytes = std::size_t{1} << 20;

}  // namespace

LineKeySpill::LineKeySpill(const std::string& folder) : file_(folder) {}

void LineKeySpill::record(std::uint64_t text_bytes, std::span<const LineKeys> keys) {
    documents_.push_back({text_bytes, static_cast<std::uint32_t>(keys.size())});
    const std::size_t at = pending_.size();
    pending_.resize(at + keys.size() * k_record_bytes);
    char* out = pending_.data() + at;
    for (const LineKeys& line : keys) {
        std::memcpy(out, &line.template_key, 8);
        std::memcpy(out + 8, &line.value_key, 8);
        std::memcpy(out + 16, &line.weight, 4);
        out += k_record_bytes;
    }
    if (pending_.size() >= k_flush_bytes) flush();
}

void LineKeySpill::flush() {
    file_.append(pending_);
    pending_.clear();
}

std::vector<std::vector<LineKeys>> LineKeySpill::take(std::span<const std::uint64_t> text_bytes) {
    if (!pending_.empty()) flush();
    std::vector<std::vector<LineKeys>> out(text_bytes.size());
    // The documents still in step, and their keys in one read.
    std::size_t matched = 0;
    std::uint64_t records = 0;
    while (in_step_ && matched < text_bytes.size()) {
        const std::size_t at = next_document_ + matched;
        if (at >= documents_.size() || documents_[at].text_bytes != text_bytes[matched]) {
            in_step_ = false;
            break;
        }
        records += documents_[at].lines;
        ++matched;
    }
    std::string bytes(records * k_record_bytes, '\0');
    file_.read_at(read_offset_, bytes.data(), bytes.size());
    read_offset_ += bytes.size();
    const char* in = bytes.data();
    for (std::size_t d = 0; d < matched; ++d) {
        std::vector<LineKeys>& keys = out[d];
        keys.resize(documents_[next_document_++].lines);
        for (LineKeys& line : keys) {
            std::memcpy(&line.template_key, in, 8);
            std::memcpy(&line.value_key, in + 8, 8);
            std::memcpy(&line.weight, in + 16, 4);
            in += k_record_bytes;
        }
    }
    return out;
}

}  // namespace once
