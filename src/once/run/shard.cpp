#include "once/run/shard.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

#include "once/core/error.hpp"
#include "once/input/stream_io.hpp"
#include "once/match/band_runs.hpp"
#include "once/run/block_checksums.hpp"
#include "once/output/map_writer.hpp"
#include "once/run/batcher.hpp"
#include "once/run/memory_budget.hpp"
#include "once/core/spill_file.hpp"
#include "once/run/stages.hpp"
#include "once/run/work_pool.hpp"
#include "once/sign/hashing.hpp"
#include "once/sign/minhash.hpp"

namespace once {
namespace {

// Version 2: signatures hold the low byte of each MinHash value (what the matcher keeps).
// Version 3: each sentence also carries its edge tokens (TokenEdges), decisions the token
// counts of copies that begin or end mid-sentence (Span::head_tokens, tail_tokens).
// Version 5: each sentence carries whether it may be matched and be a source (Matchable), decided
// with the text at sign: merge, without the text, could not tell a teaser by its ellipsis.
// Version 6: each sentence carries whether a terminator ends it (Sentence::terminated): the
// planner reads it (a headline has none), and merge took every sentence for unterminated;
// and a contents-list entry's line carries the rule `contents`, its sentences no source
// (plan/provenance.cpp), which a version 5 file from an older binary cannot say.
// Signatures version 7, decisions version 3: the files end in a trailer of block checksums
// (block_checksums.hpp); a byte changed in the middle changed results silently before.
// Signatures version 8: a spec-table row's line carries the rule `spec-row` (a few rows two
// products' tables share are no copy, plan/copy_runs.cpp), which a version 7 file cannot say.
// Signatures version 9: a form's line carries the rule `form-block`, a byte a version 8 reader
// would take for corruption; refused by the version instead, with a message that says so.
// Signatures version 10: each sentence carries its page's facts numbered (UnitRecord::page_facts),
// which the planner compares within one page; a version 9 file would be read misaligned.
// Signatures version 11: a sentence's flags say whether it holds a clause mark
// (UnitRecord::clause_inside, bit 5), and text lines may carry the rules `head-links` and
// `math-source`: bytes a version 10 reader would take for corruption.
// Signatures version 12, decisions version 4: each document carries a hash of its text (XXH3-64),
// which apply compares with the text it reads. A shard edited after `sign` whose spans still fell
// on character boundaries (an ASCII byte changed) was cut at the old offsets with exit 0.
// Signatures version 13: text lines may carry the rule `listing` (a row of a code listing, which
// the planner reads), a byte a version 12 reader would take for corruption.
constexpr std::string_view k_signature_magic = "once-signatures 13\n";
constexpr std::string_view k_decisions_magic = "once-decisions 4\n";

// Little-endian fixed-width encoding; the formats are the same on every machine.
class Encoder {
public:
    void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
    void u32(std::uint32_t v) { little_endian<4>(v); }
    void u64(std::uint64_t v) { little_endian<8>(v); }
    // n bytes as they are (a signature's low bytes, edge tokens): one append, not n push_backs
    // (encoding byte by byte was 16% of `once sign`'s instructions on ldcc, callgrind).
    void byte_run(const std::uint8_t* bytes, std::size_t n) { out_.append(reinterpret_cast<const char*>(bytes), n); }
    void reserve(std::size_t more) { out_.reserve(out_.size() + more); }
    void f64(double v) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        u64(bits);
    }
    void str(std::string_view v) {
        u64(v.size());
        out_.append(v);
    }
    void pos(const TextPosition& p) {
        u32(p.line);
        u32(p.column);
    }
    std::string& bytes() { return out_; }

private:
    template <std::size_t Size>
    void little_endian(std::uint64_t v) {
        char b[Size];
        for (std::size_t i = 0; i < Size; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
        out_.append(b, Size);
    }
    std::string out_;
};

// Reads a file's body after expect() has checked its magic and its checksum trailer; each block
// is checked before a byte of it is decoded (VerifiedBlocks), so the values below are never
// those of a damaged file.
class Decoder {
public:
    Decoder(std::string_view data, std::string file) : data_(data), file_(std::move(file)) {}
    bool done() const { return at_ >= data_.size(); }
    std::size_t offset() const { return at_; }
    std::uint8_t u8() { return static_cast<std::uint8_t>(take(1)[0]); }
    std::uint32_t u32() {
        const auto b = take(4);
        std::uint32_t v = 0;
        for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[static_cast<std::size_t>(i)]);
        return v;
    }
    std::uint64_t u64() {
        const auto b = take(8);
        std::uint64_t v = 0;
        for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[static_cast<std::size_t>(i)]);
        return v;
    }
    std::string str() {
        const std::uint64_t size = u64();
        return std::string(take(size));
    }
    // A count of items that take at least `item_bytes` bytes each: one the rest of the file
    // cannot hold is corruption, reported before anything is allocated for it.
    std::uint64_t count(std::uint64_t item_bytes) {
        const std::size_t at = at_;
        const std::uint64_t n = u64();
        if (n > (data_.size() - at_) / item_bytes)
            throw Error(ExitCode::input_error, "truncated or corrupt file (a count of " + std::to_string(n) + ")", file_, at);
        return n;
    }
    // The next n bytes, which the file must hold (else: truncated).
    std::string_view bytes(std::uint64_t n) { return take(n); }
    // The same as n calls of u8(): a truncation is reported at the first missing byte.
    std::string_view byte_run(std::uint64_t n) {
        if (n > data_.size() - at_) {
            at_ = data_.size();
            take(1);
        }
        return take(n);
    }
    std::size_t remaining() const { return data_.size() - at_; }
    std::string_view data() const { return data_; }
    // A value no writer produces: the file is corrupt, and `at` says where.
    [[noreturn]] void corrupt(const std::string& what, std::size_t at) const {
        throw Error(ExitCode::input_error, "corrupt file: " + what, file_, at);
    }
    void expect(std::string_view magic) {
        if (data_.substr(0, magic.size()) != magic) {
            // The same kind of file in another version (the header up to its version number):
            // say which, so the user re-runs the step that wrote it instead of suspecting corruption.
            const std::string_view kind = magic.substr(0, magic.rfind(' ') + 1);
            const std::size_t line_end = data_.find('\n');
            if (data_.substr(0, kind.size()) == kind && line_end != std::string_view::npos && line_end < 32) {
                // Built with append(): GCC 12 warns falsely (-Wrestrict) on operator+ chains.
                std::string message = "a once file of version ";
                message.append(data_.substr(kind.size(), line_end - kind.size()));
                message.append(", this once reads version ");
                message.append(magic.substr(kind.size(), magic.size() - kind.size() - 1));
                message.append(": re-run the step that wrote it with this once");
                throw Error(ExitCode::input_error, message, file_);
            }
            throw Error(ExitCode::input_error, "not a once file of the expected kind (header '" +
                                                   std::string(magic.substr(0, magic.size() - 1)) + "')", file_);
        }
        blocks_.emplace(data_, file_);
        data_ = blocks_->body();
        at_ = magic.size();
    }

private:
    std::string_view take(std::uint64_t n) {
        if (n > data_.size() - at_) throw Error(ExitCode::input_error, "truncated or corrupt file", file_, at_);
        if (blocks_) blocks_->check_through(at_ + static_cast<std::size_t>(n));
        const std::string_view out = data_.substr(at_, n);
        at_ += n;
        return out;
    }
    std::string_view data_;
    std::string file_;
    std::size_t at_ = 0;
    std::optional<VerifiedBlocks> blocks_;
};

// An AtomicWriter that sums what it writes and ends the file with the checksum trailer.
class ChecksummedWriter {
public:
    explicit ChecksummedWriter(const std::string& path) : writer_(path) {}
    void write(std::string_view bytes) {
        sums_.add(bytes);
        writer_.write(bytes);
    }
    void commit() {
        writer_.write(sums_.trailer());
        writer_.commit();
    }

private:
    AtomicWriter writer_;
    BlockChecksums sums_;
};

// Reads one fixed-size record that the file is known to hold in full, field by field like
// Decoder but without a bounds check per field: decoding signature files field by field was
// 37% of merge's instructions (callgrind, generated 10 MB corpus, 4 shards). The record
// decoders are templates over both, so a truncated record still takes Decoder's path and fails
// where it did, with the same message.
class RecordCursor {
public:
    // The `record_bytes` at the decoder's position; Decoder::bytes moves it past them.
    RecordCursor(Decoder& in, std::size_t record_bytes)
        : in_(in), at_(in.offset()), bytes_(in.bytes(record_bytes).data()) {}
    std::size_t offset() const { return at_ + read_; }
    std::uint8_t u8() { return static_cast<std::uint8_t>(bytes_[read_++]); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(little_endian<4>()); }
    std::uint64_t u64() { return little_endian<8>(); }
    std::string_view byte_run(std::size_t n) {
        const std::string_view out(bytes_ + read_, n);
        read_ += n;
        return out;
    }
    [[noreturn]] void corrupt(const std::string& what, std::size_t at) const { in_.corrupt(what, at); }

private:
    // The compiler makes this one load on a little-endian machine (the same loop as Decoder's).
    template <std::size_t Size>
    std::uint64_t little_endian() {
        std::uint64_t v = 0;
        for (std::size_t i = Size; i-- > 0;) v = (v << 8) | static_cast<unsigned char>(bytes_[read_ + i]);
        read_ += Size;
        return v;
    }
    const Decoder& in_;
    std::size_t at_;
    const char* bytes_;
    std::size_t read_ = 0;
};

// The settings that must agree between sign, merge and apply: the map header's config object.
std::string settings_of(const Config& config) { return map_header_line(config, ""); }

void check_settings(const std::string& stored, const Config& config, const std::string& file) {
    if (stored != settings_of(config))
        throw Error(ExitCode::usage, "made with other settings than this run's (use the same options for sign, merge "
                                     "and apply)", file);
}

// The fewest bytes an encoded item takes (encode_document, encode_span): a count that the rest
// of a file cannot hold is rejected before it is allocated.
constexpr std::uint64_t k_encoded_string_bytes = 8;                         // size, no bytes
constexpr std::uint64_t k_encoded_line_bytes = 3 * 8 + 1 + 2 * 4 + 1 + 4 + 8 + 1;  // 47
// A sentence's fields before its exact key (start, end, lines, positions), and its facts (mask,
// hash, page facts): add_band_inputs steps over both by these, so a field added to either moves
// its reads too.
constexpr std::uint64_t k_encoded_place_bytes = 2 * 8 + 2 * 4 + 2 * 8;
constexpr std::uint64_t k_encoded_facts_bytes = 3 * 8;
constexpr std::uint64_t k_encoded_sentence_bytes =
    k_encoded_place_bytes + 8 + 2 * 4 + k_encoded_facts_bytes + 1;  // + num_perm
// A sentence's whole record: the fields above, its signature and its edge tokens.
constexpr std::uint64_t k_encoded_edges_bytes = 4 + 2 * TokenEdges::k_edge + 2 * 8;
constexpr std::size_t sentence_record_bytes(int num_perm) {
    return static_cast<std::size_t>(k_encoded_sentence_bytes + static_cast<std::uint64_t>(num_perm) + k_encoded_edges_bytes);
}
constexpr std::uint64_t k_encoded_span_bytes = 2 * 8 + 1 + 4 + 8 + k_encoded_string_bytes + 4 + 1;  // no source

// What ties a document's decisions to its text: XXH3-64 of the document's bytes, as read.
std::uint64_t text_hash_of(std::string_view text) { return hash_bytes(text); }

struct SignedDocument {
    std::string id;
    std::uint64_t text_hash = 0;  // of the text signed: apply refuses another text
    AnalyzedDocument analyzed;  // layout without text, units, signatures; line verdicts
};

void encode_document(Encoder& out, const std::string& id, std::uint64_t text_hash, const AnalyzedDocument& analyzed,
                     int num_perm) {
    const DocAnalysis& analysis = analyzed.analysis;
    const std::vector<LineVerdictDetail>& verdicts = analyzed.verdicts;
    const auto& lines = analysis.layout.lines;
    out.reserve(k_encoded_string_bytes + id.size() + 3 * 8 + lines.size() * k_encoded_line_bytes +
                analysis.units.size() * sentence_record_bytes(num_perm));
    out.str(id);
    out.u64(text_hash);
    out.u64(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        out.u64(line.start);
        out.u64(line.end);
        out.u64(line.next);
        out.u8(line.blank ? 1 : 0);
        out.u32(line.first_sentence);
        out.u32(line.last_sentence);
        out.u8(static_cast<std::uint8_t>(verdicts[i].role));
        out.u32(verdicts[i].docs);
        out.f64(verdicts[i].score);
        // flags: bit 0 by recurrence, bit 1 title, bits 2-7 the rule (shape.hpp ShapeRule)
        out.u8(static_cast<std::uint8_t>((verdicts[i].by_recurrence ? 1 : 0) | (verdicts[i].title ? 2 : 0) |
                                         (static_cast<unsigned>(verdicts[i].rule) << 2)));
    }
    const auto& sentences = analysis.layout.sentences;
    out.u64(sentences.size());
    std::vector<std::uint8_t> low;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        const Sentence& s = sentences[i];
        out.u64(s.start);
        out.u64(s.end);
        out.u32(s.first_line);
        out.u32(s.last_line);
        out.pos(s.start_pos);
        out.pos(s.end_pos);
        const UnitRecord& u = analysis.units[i];
        out.u64(u.key);
        out.u32(u.weight);
        out.u32(u.set_size);
        out.u64(u.number_mask);
        out.u64(u.number_hash);
        out.u64(u.page_facts);
        // flags: bit 0 bulleted, bit 1 data-like, bit 2 may be matched, bit 3 may be a source,
        // bit 4 terminated, bit 5 a clause mark inside
        out.u8(static_cast<std::uint8_t>((u.bulleted ? 1 : 0) | (u.data_like ? 2 : 0) |
                                         (analyzed.matchable.match[i] ? 4 : 0) |
                                         (analyzed.matchable.source[i] ? 8 : 0) | (s.terminated ? 16 : 0) |
                                         (u.clause_inside ? 32 : 0)));
        low.resize(static_cast<std::size_t>(num_perm));
        low_bytes(analysis.signatures.data() + i * static_cast<std::size_t>(num_perm), num_perm, low.data());
        out.byte_run(low.data(), low.size());
        out.u32(u.edges.count);
        out.byte_run(u.edges.head.data(), u.edges.head.size());
        out.byte_run(u.edges.tail.data(), u.edges.tail.size());
        out.u64(u.edges.head_cjk);
        out.u64(u.edges.tail_cjk);
    }
}

// The largest values of the enums stored as bytes: a byte above them is corruption.
constexpr auto k_last_role = static_cast<std::uint8_t>(LineRole::protect);
constexpr auto k_last_rule = static_cast<std::uint8_t>(k_last_shape_rule);
constexpr auto k_last_kind = static_cast<std::uint8_t>(Kind::marker);

// What the line records say about the whole document, gathered as they are decoded.
struct LineWalk {
    std::uint64_t text_end = 0;
    std::uint32_t most_sentences = 0;  // the largest last_sentence of a line, and where it was read
    std::size_t most_sentences_at = 0;
};

// Fields built from the integers, for either reader (`In`: Decoder or RecordCursor).
template <typename In>
double read_f64(In& in) {
    const std::uint64_t bits = in.u64();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}
template <typename In>
TextPosition read_position(In& in) {
    TextPosition p;
    p.line = in.u32();
    p.column = in.u32();
    return p;
}

// Line `i`'s record. `In`: Decoder, or RecordCursor when the file holds the whole record.
template <typename In>
void decode_line(In& in, std::size_t i, Line& line, LineVerdictDetail& verdict, LineWalk& walk) {
    const std::size_t at = in.offset();
    line.start = in.u64();
    line.end = in.u64();
    line.next = in.u64();
    if (line.start != walk.text_end || line.end < line.start || line.next < line.end)
        in.corrupt("line " + std::to_string(i + 1) + " does not follow the line before it", at);
    walk.text_end = line.next;
    line.blank = in.u8() != 0;
    line.first_sentence = in.u32();
    line.last_sentence = in.u32();
    if (line.first_sentence > line.last_sentence) in.corrupt("line " + std::to_string(i + 1) + "'s sentences", at);
    if (line.last_sentence > walk.most_sentences) {
        walk.most_sentences = line.last_sentence;
        walk.most_sentences_at = at;
    }
    const std::uint8_t role = in.u8();
    if (role > k_last_role) in.corrupt("line role " + std::to_string(role), in.offset() - 1);
    verdict.role = static_cast<LineRole>(role);
    verdict.docs = in.u32();
    verdict.score = read_f64(in);
    const std::uint8_t flags = in.u8();
    if ((flags >> 2) > k_last_rule) in.corrupt("line rule " + std::to_string(flags >> 2), in.offset() - 1);
    verdict.by_recurrence = (flags & 1) != 0;
    verdict.title = (flags & 2) != 0;
    verdict.rule = static_cast<ShapeRule>(flags >> 2);
}

// Sentence `i`'s record, into `doc` (sized for every sentence). `previous_end`: where the
// sentence before it ended.
template <typename In>
void decode_sentence(In& in, std::size_t i, std::uint64_t text_end, std::uint64_t& previous_end, int num_perm,
                     AnalyzedDocument& doc) {
    const std::size_t at = in.offset();
    const std::size_t line_count = doc.analysis.layout.lines.size();
    Sentence& s = doc.analysis.layout.sentences[i];
    s.start = in.u64();
    s.end = in.u64();
    s.first_line = in.u32();
    s.last_line = in.u32();
    if (s.start < previous_end || s.end < s.start || s.end > text_end)
        in.corrupt("sentence " + std::to_string(i + 1) + " out of order or outside the document", at);
    if (s.first_line > s.last_line || s.last_line >= line_count)
        in.corrupt("sentence " + std::to_string(i + 1) + "'s lines", at);
    previous_end = s.end;
    s.start_pos = read_position(in);
    s.end_pos = read_position(in);
    UnitRecord& u = doc.analysis.units[i];
    u.key = in.u64();
    u.weight = in.u32();
    u.set_size = in.u32();
    u.number_mask = in.u64();
    u.number_hash = in.u64();
    u.page_facts = in.u64();
    const std::uint8_t flags = in.u8();
    if ((flags >> 6) != 0) in.corrupt("sentence flags " + std::to_string(flags), in.offset() - 1);
    u.bulleted = (flags & 1) != 0;
    u.data_like = (flags & 2) != 0;
    doc.matchable.match[i] = (flags & 4) != 0;
    doc.matchable.source[i] = (flags & 8) != 0;
    s.terminated = (flags & 16) != 0;
    u.clause_inside = (flags & 32) != 0;
    const std::string_view low = in.byte_run(static_cast<std::size_t>(num_perm));
    std::uint32_t* signature = doc.analysis.signatures.data() + i * static_cast<std::size_t>(num_perm);
    for (std::size_t k = 0; k < low.size(); ++k) signature[k] = static_cast<unsigned char>(low[k]);
    u.edges.count = static_cast<std::uint16_t>(in.u32());
    std::memcpy(u.edges.head.data(), in.byte_run(u.edges.head.size()).data(), u.edges.head.size());
    std::memcpy(u.edges.tail.data(), in.byte_run(u.edges.tail.size()).data(), u.edges.tail.size());
    u.edges.head_cjk = in.u64();
    u.edges.tail_cjk = in.u64();
}

// Everything the stages after decoding index with is checked here, against what the segmenter
// guarantees (segmenter.hpp): lines tile the text in order, each line's sentences [first, last)
// and each sentence's lines lie inside the document, sentences are ordered and do not overlap,
// enum bytes name a value. Anything else is a corrupt file, named with the byte offset of the
// record, never an index out of bounds later (issue 14).
SignedDocument decode_document(Decoder& in, int num_perm) {
    SignedDocument signed_doc;
    signed_doc.id = in.str();
    signed_doc.text_hash = in.u64();
    AnalyzedDocument& doc = signed_doc.analyzed;
    const std::uint64_t line_count = in.count(k_encoded_line_bytes);
    doc.analysis.layout.lines.resize(line_count);
    doc.verdicts.resize(line_count);
    LineWalk walk;
    for (std::size_t i = 0; i < line_count; ++i) {
        if (in.remaining() >= k_encoded_line_bytes) {
            RecordCursor record(in, k_encoded_line_bytes);
            decode_line(record, i, doc.analysis.layout.lines[i], doc.verdicts[i], walk);
        } else {
            decode_line(in, i, doc.analysis.layout.lines[i], doc.verdicts[i], walk);
        }
    }
    const std::uint64_t sentence_count = in.count(k_encoded_sentence_bytes + static_cast<std::uint64_t>(num_perm));
    if (walk.most_sentences > sentence_count)
        in.corrupt("a line names sentence " + std::to_string(walk.most_sentences) + " of " +
                       std::to_string(sentence_count),
                   walk.most_sentences_at);
    doc.analysis.layout.sentences.resize(sentence_count);
    doc.analysis.units.resize(sentence_count);
    doc.analysis.signatures.resize(sentence_count * static_cast<std::size_t>(num_perm));
    doc.matchable = Matchable{std::vector<bool>(sentence_count), std::vector<bool>(sentence_count)};
    const std::size_t record_bytes = sentence_record_bytes(num_perm);
    std::uint64_t previous_end = 0;
    for (std::size_t i = 0; i < sentence_count; ++i) {
        if (in.remaining() >= record_bytes) {
            RecordCursor record(in, record_bytes);
            decode_sentence(record, i, walk.text_end, previous_end, num_perm, doc);
        } else {
            decode_sentence(in, i, walk.text_end, previous_end, num_perm, doc);
        }
    }
    return signed_doc;
}

void encode_span(Encoder& out, const Span& span) {
    out.u64(span.start);
    out.u64(span.end);
    out.u8(static_cast<std::uint8_t>(span.kind));
    out.u32(span.cluster);
    out.f64(span.similarity);
    out.str(span.match);
    out.u32(span.docs);
    out.u32(span.head_sentence);
    out.u32(span.head_tokens);
    out.u32(span.tail_sentence);
    out.u32(span.tail_tokens);
    out.str(span.rule);
    out.u8(span.source ? 1 : 0);
    if (span.source) {
        out.u64(span.source->doc);
        out.u64(span.source->start);
        out.u64(span.source->end);
        out.pos(span.source->start_pos);
        out.pos(span.source->end_pos);
    }
}

// A span as merge wrote it: a known kind, non-empty, starting at or after the span before it
// (`previous_start`), its kept copy in one of the file's `documents`. Else a corrupt file, at the
// span's offset. Spans may overlap: decide_spans gives a copied passage and a copy inside it as
// two (seen on ldcc), and finish_spans merges them when the text is cut, as in a single run.
Span decode_span(Decoder& in, std::uint64_t previous_start, std::size_t documents) {
    const std::size_t at = in.offset();
    Span span;
    span.start = in.u64();
    span.end = in.u64();
    if (span.start >= span.end || span.start < previous_start) in.corrupt("span out of order or empty", at);
    const std::uint8_t kind = in.u8();
    if (kind > k_last_kind) in.corrupt("span kind " + std::to_string(kind), in.offset() - 1);
    span.kind = static_cast<Kind>(kind);
    span.cluster = in.u32();
    span.similarity = read_f64(in);
    span.match = in.str();
    span.docs = in.u32();
    span.head_sentence = in.u32();
    span.head_tokens = in.u32();
    span.tail_sentence = in.u32();
    span.tail_tokens = in.u32();
    span.rule = in.str();
    if (in.u8() != 0) {
        SourceRef source;
        source.doc = in.u64();
        source.start = in.u64();
        source.end = in.u64();
        source.start_pos = read_position(in);
        source.end_pos = read_position(in);
        if (source.doc >= documents || source.end < source.start)
            in.corrupt("a span's source (document " + std::to_string(source.doc) + " of " + std::to_string(documents) + ")", at);
        span.source = source;
    }
    return span;
}

}  // namespace

std::vector<SkippedInput> write_signatures(Corpus& corpus, const Config& config, const Recurrence& recurrence,
                                           const std::string& path) {
    ChecksummedWriter writer(path);
    Encoder header;
    header.bytes().append(k_signature_magic);
    header.str(settings_of(config));
    writer.write(header.bytes());

    const DocumentAnalyzer analyzer(config, recurrence);
    const MemoryBudget budget(config.max_memory);
    Batcher batcher(batch_limits_within(budget.limit()), [&](std::vector<SourceDocument>& batch) {
        check_analysis_memory(budget, batch);
        std::vector<std::string> encoded(batch.size());
        parallel_for(batch.size(), config.threads, [&](std::size_t i) {
            const AnalyzedDocument analyzed = analyzer.analyze(batch[i].doc.text, batch[i].doc.group);
            Encoder out;
            encode_document(out, batch[i].doc.id, text_hash_of(batch[i].doc.text), analyzed, config.num_perm);
            encoded[i] = std::move(out.bytes());
        });
        for (const auto& record : encoded) writer.write(record);
    });
    corpus.scan([&](SourceDocument&& document) { batcher.add(std::move(document)); });
    batcher.flush();
    writer.commit();
    return corpus.skipped();
}

namespace {

// Opens the signature files in order, checks each one's header against `config`, and calls
// record(path, in, data) until the file is read: it decodes one document each time.
template <typename Fn>
void read_signature_files(const std::vector<std::string>& signature_paths, const Config& config, Fn&& record) {
    for (const auto& path : signature_paths) {
        FileBytes data(path);
        Decoder in(data.view(), path);
        in.expect(k_signature_magic);
        check_settings(in.str(), config, path);
        while (!in.done()) record(path, in, data);
    }
}

// A document's band inputs, the first pass's whole reading of it (band_candidates): per
// sentence its exact key, shingle count, flags and signature, fields at fixed places in its
// record; the id, the lines, the offsets and the edge tokens are stepped over, nothing is
// allocated. The full decoding was half of merge's decoding, which was 37% of its instructions.
// Only what this pass reads is checked (that the records lie in the file): decode_document
// checks the rest in the second pass.
std::string_view add_band_inputs(Decoder& in, std::uint32_t doc, int num_perm, BandRuns& runs) {
    const std::string_view id = in.bytes(in.u64());
    in.u64();                                                     // the text's hash
    in.bytes(in.count(k_encoded_line_bytes) * k_encoded_line_bytes);  // the lines
    const std::uint64_t sentence_count = in.count(k_encoded_sentence_bytes + static_cast<std::uint64_t>(num_perm));
    const std::size_t record_bytes = sentence_record_bytes(num_perm);
    for (std::uint64_t i = 0; i < sentence_count; ++i) {
        RecordCursor record(in, record_bytes);
        record.byte_run(k_encoded_place_bytes);
        BandRoles::Sentence sentence{};
        sentence.key = record.u64();
        record.u32();  // weight
        sentence.set_size = record.u32();
        record.byte_run(k_encoded_facts_bytes);
        const std::uint8_t flags = record.u8();
        sentence.bulleted = (flags & 1) != 0;
        sentence.may_match = (flags & 4) != 0;
        sentence.may_source = (flags & 8) != 0;
        sentence.doc = doc;
        runs.add_sentence(sentence, reinterpret_cast<const std::uint8_t*>(record.byte_run(static_cast<std::size_t>(num_perm)).data()));
    }
    return id;
}

// A document's id, its record stepped over (the check of repeated ids below reads nothing else).
std::string_view skip_document(Decoder& in, int num_perm) {
    const std::string_view id = in.bytes(in.u64());
    in.u64();                                                         // the text's hash
    in.bytes(in.count(k_encoded_line_bytes) * k_encoded_line_bytes);  // the lines
    const std::uint64_t sentences = in.count(k_encoded_sentence_bytes + static_cast<std::uint64_t>(num_perm));
    in.byte_run(sentences * sentence_record_bytes(num_perm));
    return id;
}

// Refuses signature files that hold one document id twice: apply looks documents up by id and
// refused such decisions, but only after the whole merge (a shard merged twice under two names,
// shards that overlap, JSON Lines shards whose records are numbered 1, 2, ... in each). The first
// pass hashes every id (16 bytes a document, freed before matching); ids whose hashes meet are
// read again and compared, so a hash collision never refuses distinct ids.
class RepeatedIds {
public:
    void add(std::string_view id, std::uint32_t doc) { hashes_.emplace_back(hash_bytes(id), doc); }
    void check(const std::vector<std::string>& signature_paths, const Config& config) {
        std::sort(hashes_.begin(), hashes_.end());
        std::map<std::uint32_t, std::uint32_t> later_to_first;  // documents whose id hash an earlier one has
        for (std::size_t first = 0, i = 1; i < hashes_.size(); ++i) {
            if (hashes_[i].first != hashes_[first].first) first = i;
            else later_to_first.emplace(hashes_[i].second, hashes_[first].second);  // sorted: first is the earliest
        }
        hashes_ = {};
        if (later_to_first.empty()) return;
        // Documents in order: the first of each pair is always read before its later one.
        std::map<std::uint32_t, std::pair<std::string, std::string>> firsts;  // doc -> (id, file)
        for (const auto& [later, first] : later_to_first) firsts.emplace(first, std::pair<std::string, std::string>{});
        std::uint32_t doc = 0;
        read_signature_files(signature_paths, config, [&](const std::string& path, Decoder& in, FileBytes&) {
            const std::size_t record_start = in.offset();
            const std::string_view id = skip_document(in, config.num_perm);
            const std::uint32_t this_doc = doc++;
            if (const auto f = firsts.find(this_doc); f != firsts.end()) f->second = {std::string(id), path};
            const auto l = later_to_first.find(this_doc);
            if (l == later_to_first.end()) return;
            const auto& [first_id, first_path] = firsts.at(l->second);
            if (first_id == id)
                throw Error(ExitCode::input_error,
                            "document id '" + first_id + "' is also in " + first_path +
                                "; ids must be unique across the shards (a shard merged twice, shards that overlap, or "
                                "JSON Lines shards numbering their records alike: give each record an id of its own "
                                "with --id-field)",
                            path, record_start);
        });
    }

private:
    std::vector<std::pair<std::uint64_t, std::uint32_t>> hashes_;  // (hash of the id, document)
};

// The first pass of merge: every sentence's band entries, from the signature files in order,
// sorted and joined into each sentence's band candidates (match/band_runs.hpp).
CandidateStream band_candidates(const std::vector<std::string>& signature_paths, const Config& config,
                                const std::string& tmp_folder, std::size_t band_run_entries) {
    BandRuns runs(tmp_folder, static_cast<std::size_t>(config.bands), config.rows_per_band(), band_run_entries);
    std::uint32_t doc = 0;
    RepeatedIds ids;
    // The records are read in place: their pages go every k_release_bytes (a madvise per document
    // was a third of this pass's system time on ldcc, strace).
    constexpr std::size_t k_release_bytes = std::size_t{8} << 20;
    std::size_t released = 0;
    try {
        read_signature_files(signature_paths, config, [&](const std::string&, Decoder& in, FileBytes& data) {
            ids.add(add_band_inputs(in, doc, config.num_perm, runs), doc);
            ++doc;
            if (in.offset() < released) released = 0;  // the next file
            if (in.offset() - released >= k_release_bytes) {
                data.release_before(in.offset());
                released = in.offset();
            }
        });
    } catch (const Error& error) {
        // A file this pass cannot read is corrupt; the full decoding, from the first file on,
        // names the first record it refuses, as merge always has (a corrupt line before it
        // would otherwise go unnamed).
        if (error.code() != ExitCode::input_error) throw;
        read_signature_files(signature_paths, config,
                             [&](const std::string&, Decoder& in, FileBytes&) { decode_document(in, config.num_perm); });
        throw;
    }
    ids.check(signature_paths, config);
    return std::move(runs).candidates();
}

}  // namespace

// The band records a run holds in memory before it is spilled, under --max-memory: at most an
// eighth of the budget (a record is a 16-byte band entry, then a 12-byte candidate pair). The
// default run of 1 Mi records held 28 MiB whatever the budget, so `merge --max-memory 30M` on
// ldcc stopped with exit 6 before its index held a sentence. Decisions never depend on the run
// size (tests/e2e/cases/shards_spilled_runs.case). `asked`: --band-run-entries, 0 = by default.
static std::size_t band_run_entries_within(std::uint64_t max_memory, std::size_t asked) {
    constexpr std::uint64_t k_record_bytes = 16 + 12;
    constexpr std::uint64_t k_fewest = 4096;  // fewer would only multiply the runs
    if (asked != 0 || max_memory == 0) return asked;
    const std::uint64_t most = max_memory / 8 / k_record_bytes;
    return most < BandRuns::k_default_run_entries ? static_cast<std::size_t>(std::max(most, k_fewest)) : 0;
}

void merge_signatures(const std::vector<std::string>& signature_paths, const Config& config,
                      const std::string& decisions_path, std::size_t band_run_entries) {
    const std::string tmp_folder = config.tmp_dir.empty() ? folder_of(decisions_path) : config.tmp_dir;
    CandidateStream candidates = band_candidates(signature_paths, config, tmp_folder,
                                                 band_run_entries_within(config.max_memory, band_run_entries));
    DecideStage decide(config, &candidates);
    // Pages the index to tmp_folder rather than stop when it would pass the budget.
    const MemoryBudget budget(config.max_memory, tmp_folder);
    std::vector<std::string> ids;
    // The decisions go to disk as they are made: the header lists every document first, so the
    // body waits in an unlinked file in --tmp-dir (by default beside the output) rather than in
    // memory (it grows with the corpus: 30 MB for a 100 MB one).
    SpillFile spilled_body(tmp_folder);
    Encoder body;
    // Documents are decided in batches, as in a single run, so that matching uses the threads
    // where it can (Matcher::match_batch); the decisions do not depend on the batch size.
    const std::size_t batch_documents = BatchLimits{}.documents;
    std::vector<SignedDocument> batch;
    const auto decide_batch = [&] {
        std::vector<const AnalyzedDocument*> analyzed(batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) analyzed[i] = &batch[i].analyzed;
        // The items and meanwhile() share nothing: one after the other is a correct schedule.
        const auto spans = decide.decide_batch(analyzed, [&](std::size_t n, const std::function<void(std::size_t)>& fn,
                                                             const std::function<void()>& meanwhile) {
            if (meanwhile) meanwhile();
            parallel_for(n, config.threads, fn);
        });
        for (std::size_t i = 0; i < batch.size(); ++i) {
            body.str(batch[i].id);
            body.u64(batch[i].text_hash);
            body.u64(spans[i].size());
            for (const Span& span : spans[i]) encode_span(body, span);
            ids.push_back(std::move(batch[i].id));
        }
        spilled_body.append(body.bytes());
        body.bytes().clear();
        batch.clear();
    };
    read_signature_files(signature_paths, config, [&](const std::string& path, Decoder& in, FileBytes& data) {
        if ((decide.documents() + batch.size()) % 1024 == 0) {
            decide_batch();  // what is decoded goes first, so the check sees the index as it is
            budget.check(0, "merging " + path, decide.matcher().describe_memory());
        }
        batch.push_back(decode_document(in, config.num_perm));
        if (batch.size() == batch_documents) {
            decide_batch();
            data.release_before(in.offset());  // decoded records are copies
        }
    });
    decide_batch();
    Encoder out;
    out.bytes().append(k_decisions_magic);
    out.str(settings_of(config));
    out.u64(ids.size());
    for (const auto& id : ids) out.str(id);
    ChecksummedWriter writer(decisions_path);
    writer.write(out.bytes());
    spilled_body.read_all_into([&](std::string_view piece) { writer.write(piece); });
    writer.commit();
}

Decisions load_decisions(const std::string& decisions_path, const Config& config) {
    const FileBytes data(decisions_path);
    Decoder in(data.view(), decisions_path);
    in.expect(k_decisions_magic);
    check_settings(in.str(), config, decisions_path);
    Decisions decisions;
    decisions.ids.resize(in.count(k_encoded_string_bytes));
    for (auto& id : decisions.ids) id = in.str();
    decisions.record_offsets.resize(decisions.ids.size());
    for (std::size_t index = 0; index < decisions.ids.size(); ++index) {
        decisions.record_offsets[index] = in.offset();
        std::string id = in.str();
        const std::uint64_t text_hash = in.u64();
        std::vector<Span> spans(in.count(k_encoded_span_bytes));
        std::uint64_t previous_start = 0;
        for (auto& span : spans) {
            span = decode_span(in, previous_start, decisions.ids.size());
            previous_start = span.start;
        }
        // A second record of one id would silently replace the first: the same shard merged
        // twice makes every document a copy of itself, and apply would cut whole documents.
        const auto [it, inserted] =
            decisions.by_id.try_emplace(std::move(id), DecidedDocument{index, text_hash, std::move(spans)});
        if (!inserted)
            throw Error(ExitCode::input_error,
                        "document id '" + it->first + "' is in the decisions twice; ids must be unique across the "
                        "shards (a shard merged twice, or two records with one id)",
                        decisions_path, decisions.record_offsets[index]);
    }
    if (!in.done()) in.corrupt("bytes after the last document", in.offset());
    decisions.path = decisions_path;
    return decisions;
}

RunResult apply_decisions(Corpus& corpus, const Config& config, Decisions decisions, DocumentSink* sink) {
    const std::vector<std::string>& ids = decisions.ids;
    RunResult result;
    result.config = config;
    // The result lists every document of the corpus so that sources in other shards resolve;
    // those not in this shard keep no spans and zero bytes.
    result.docs.resize(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) result.docs[i].id = ids[i];
    // Per batch: look the documents up (sequential), cut them (parallel), hand them to the sink
    // in input order (sequential).
    Batcher batcher(BatchLimits{}, [&](std::vector<SourceDocument>& batch) {
        std::vector<DocResult*> docs(batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto it = decisions.by_id.find(batch[i].doc.id);
            if (it == decisions.by_id.end())
                throw Error(ExitCode::input_error, "not in the decisions file (was it signed and merged?)",
                            batch[i].doc.id);
            DecidedDocument& decided = it->second;
            // The spans are byte offsets into the text that was signed; cut into any other text
            // they would remove the wrong bytes (or split a character) and say nothing.
            const std::string& text = batch[i].doc.text;
            if (text_hash_of(text) != decided.text_hash)
                throw Error(ExitCode::input_error,
                            "'" + batch[i].doc.id +
                                "' is not the text that was signed (changed since `once sign`? sign, merge and apply "
                                "again): its hash differs from the one in its record",
                            decisions.path, decisions.record_offsets[decided.index]);
            docs[i] = &result.docs[decided.index];
            docs[i]->spans = std::move(decided.spans);
            // Every span must end inside this text (they may overlap: the last need not end last).
            // With the hash equal only a damaged file that kept its checksums could fail this.
            std::uint64_t spans_end = 0;
            for (const Span& span : docs[i]->spans) spans_end = std::max(spans_end, span.end);
            if (spans_end > text.size())
                throw Error(ExitCode::input_error,
                            "corrupt file: a span ends at byte " + std::to_string(spans_end) + " of '" +
                                batch[i].doc.id + "', which has " + std::to_string(text.size()),
                            decisions.path, decisions.record_offsets[decided.index]);
        }
        std::vector<std::string> cleaned(batch.size());
        parallel_for(batch.size(), config.threads, [&](std::size_t i) {
            const std::string& text = batch[i].doc.text;
            DocResult& doc = *docs[i];
            doc.group = batch[i].doc.group;
            doc.bytes = text.size();
            CutDocument cut = cut_document(text, segment(text), doc.spans, sink != nullptr);
            doc.fully_removed = cut.fully_removed;
            cleaned[i] = std::move(cut.cleaned);
        });
        if (sink)
            for (std::size_t i = 0; i < batch.size(); ++i) sink->document(batch[i], *docs[i], cleaned[i]);
    });
    corpus.scan([&](SourceDocument&& document) { batcher.add(std::move(document)); });
    batcher.flush();
    result.skipped = corpus.skipped();
    return result;
}

}  // namespace once
