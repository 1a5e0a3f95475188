// decoders_fuzz.cpp — the files once reads back: signature files (sign → merge), decisions
// files (merge → apply), learned profiles and baselines. Input: one selector byte, then the
// file's bytes; for the two binary formats the harness writes the valid header (magic and this
// run's settings, taken from files once itself wrote) first, so the fuzzer works on the body,
// and, unless the selector's top bit is set, seals the file with a valid checksum trailer
// (run/block_checksums.hpp) so that the records' own checks are reached; with the bit set the
// fuzzer's bytes end the file as they are, and the trailer's parsing is what it works on.
// Contract: a file either loads or is refused with once::Error naming it — no crash, no other
// exception, no allocation the file's size does not justify (libFuzzer's -rss_limit_mb and
// -malloc_limit_mb catch a length field trusted blindly); loaded decisions hold spans that are
// non-empty, sorted and non-overlapping, of a known kind, with sources among the file's
// documents; a signature file that merges has passed the same checks (shard.cpp decode_document)
// before the stages index with its values (UBSan and ASan watch that).
#include "fuzz_support.hpp"

#include <fstream>
#include <iterator>

#include "once/core/config.hpp"
#include "once/core/error.hpp"
#include "once/judge/boilerplate.hpp"
#include "once/output/baseline.hpp"
#include "once/input/reader.hpp"
#include "once/run/block_checksums.hpp"
#include "once/run/shard.hpp"

using namespace once;

namespace {

// The header (magic line and settings string) of a real file written by once itself, so the
// harness follows format version bumps: the magic ends at the first '\n', then a u64 length
// and that many bytes of settings.
std::string header_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t magic = bytes.find('\n') + 1;
    std::uint64_t length = 0;
    for (int i = 7; i >= 0; --i) length = (length << 8) | static_cast<unsigned char>(bytes[magic + static_cast<std::size_t>(i)]);
    return bytes.substr(0, magic + 8 + length);
}

// The file once would write for `bytes`: them and their checksum trailer.
std::string sealed(std::string bytes) {
    BlockChecksums sums;
    sums.add(bytes);
    return bytes + sums.trailer();
}

struct Headers {
    std::string signatures;
    std::string decisions;
};

const Headers& headers(const Config& config) {
    static const Headers made = [&] {
        Headers h;
        const std::string doc = fuzz::write_scratch("seed/a.txt", "One sentence of text. Another sentence here.\n");
        Corpus corpus({doc}, {});
        const std::string sig = (fuzz::scratch() / "seed.sig").string();
        write_signatures(corpus, config, Recurrence{}, sig);
        const std::string decisions = (fuzz::scratch() / "seed.decisions").string();
        merge_signatures({sig}, config, decisions);
        h.signatures = header_of(sig);
        h.decisions = header_of(decisions);
        return h;
    }();
    return made;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    if (size == 0) return -1;
    static const Config config = [] {
        Config c;
        c.threads = 1;
        return c;
    }();
    const std::string_view body = fuzz::bytes(data + 1, size - 1);
    const unsigned kind = data[0] % 4;
    const auto file_of = [&](const std::string& header) {
        return (data[0] & 0x80) != 0 ? header + std::string(body) : sealed(header + std::string(body));
    };
    try {
        if (kind == 0) {
            const std::string path = fuzz::write_scratch("in.sig", file_of(headers(config).signatures));
            merge_signatures({path}, config, (fuzz::scratch() / "out.decisions").string());
        } else if (kind == 1) {
            const std::string path = fuzz::write_scratch("in.decisions", file_of(headers(config).decisions));
            const Decisions decisions = load_decisions(path, config);
            for (const auto& [id, entry] : decisions.by_id) {
                FUZZ_CHECK(entry.index < decisions.ids.size(), "document index in range");
                std::uint64_t previous_end = 0;
                for (const Span& span : entry.spans) {
                    FUZZ_CHECK(span.start < span.end, "spans non-empty");
                    FUZZ_CHECK(span.start >= previous_end, "spans sorted and non-overlapping");
                    FUZZ_CHECK(span.kind <= Kind::marker, "span kind is a Kind");
                    FUZZ_CHECK(!span.source || span.source->doc < decisions.ids.size(), "source document in range");
                    previous_end = span.end;
                }
            }
        } else if (kind == 2) {
            Recurrence::load(fuzz::write_scratch("in.profile", body));
        } else {
            Baseline::load(fuzz::write_scratch("in.baseline.json", body));
        }
    } catch (const Error& error) {
        if (std::getenv("ONCE_FUZZ_VERBOSE") != nullptr) std::fprintf(stderr, "refused: %s\n", error.what());
        FUZZ_CHECK(!error.file().empty(), "the error names the file");
    }
    return 0;
}
