// shard_test.cpp — the shard files (docs/shard-format.md) through their public functions:
// profile, signature and decisions files written and read back give the same spans as a single
// run over the shards, and a corrupt, truncated or foreign file is an input error naming it.
#include "once/run/shard.hpp"

#include "sealed_file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "error_of.hpp"
#include "once/run/pipeline.hpp"
#include "temp_dir.hpp"

namespace {

using once::test::error_of;
using once::test::TempDir;

const std::string k_story =
    "The city council approved the new budget for the coming year on Monday evening. "
    "Several members asked for more money for schools and for the repair of old roads.";
const std::string k_footer = "© 2024 City News. All rights reserved.\nShare  Tweet  Print\n";

// Two shards: copies within a shard and across them, a site footer, a marker, CJK text.
void write_shards(const TempDir& dir) {
    dir.write("s1/a.txt", "Budget approved\n\n" + k_story + "\n\n" + k_footer);
    dir.write("s1/b.txt", "Schools and roads\n\nAn opening paragraph of the second story.\n\n" + k_story +
                              "\n\n" + k_footer);
    dir.write("s1/c.txt", "鉄道計画\n\n東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を開催すると発表した。\n—END—\n");
    dir.write("s2/a.txt", "Budget approved\n\n" + k_story + "\n\n" + k_footer);  // copy of s1/a.txt
    dir.write("s2/b.txt", "鉄道計画（続報）\n\n東京都は新しい鉄道路線の建設計画について、来月から各地区で住民説明会を開催すると発表した。\n");
}

// The little-endian u64 at `at`, and `bytes` with the u64 at `at` replaced by `value`.
std::uint64_t u64_at(const std::string& bytes, std::size_t at) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
    return value;
}
std::string with_u64(std::string bytes, std::size_t at, std::uint64_t value) {
    for (std::size_t i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
    return bytes;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Sharded {
    std::vector<std::string> signatures;
    std::string decisions;
};

// learn per shard, merge the profiles, sign per shard, merge the signatures.
Sharded sign_and_merge(const TempDir& dir, const once::Config& config) {
    once::Recurrence all;
    for (const std::string shard : {"s1", "s2"}) {
        once::Corpus corpus({dir.path(shard)}, {});
        const std::string profile = dir.path(shard + ".profile");
        once::count_recurrence(corpus, config).save(profile);
        all.merge(once::Recurrence::load(profile));
    }
    Sharded out;
    for (const std::string shard : {"s1", "s2"}) {
        once::Corpus corpus({dir.path(shard)}, {});
        out.signatures.push_back(dir.path(shard + ".sig"));
        CHECK(once::write_signatures(corpus, config, all, out.signatures.back()).empty());
    }
    out.decisions = dir.path("decisions.bin");
    once::merge_signatures(out.signatures, config, out.decisions);
    return out;
}

}  // namespace

TEST_CASE("shard: sign, merge and apply give the spans of a single run over the shards") {
    TempDir dir;
    write_shards(dir);
    const once::Config config;
    const Sharded sharded = sign_and_merge(dir, config);

    once::Corpus both({dir.path("s1"), dir.path("s2")}, {});
    const once::RunResult single = once::run_pipeline(both, config, nullptr, {});
    REQUIRE(single.docs.size() == 5);
    REQUIRE(single.removed_bytes() > 0);
    // merge spills the decisions beside its output while it runs; nothing of that is left.
    CHECK(dir.entries() == std::set<std::string>{"s1", "s2", "s1.profile", "s2.profile", "s1.sig", "s2.sig",
                                                 "decisions.bin"});

    const once::Decisions decisions = once::load_decisions(sharded.decisions, config);
    REQUIRE(decisions.ids.size() == single.docs.size());
    std::size_t spans_seen = 0;
    for (std::size_t d = 0; d < single.docs.size(); ++d) {
        const once::DocResult& doc = single.docs[d];
        CAPTURE(doc.id);
        CHECK(decisions.ids[d] == doc.id);
        const auto found = decisions.by_id.find(doc.id);
        REQUIRE(found != decisions.by_id.end());
        CHECK(found->second.index == d);
        // The decisions hold what merge decided; apply finishes the spans against the text.
        const std::vector<once::Span>& spans = found->second.spans;
        REQUIRE(spans.size() == doc.spans.size());
        for (std::size_t s = 0; s < spans.size(); ++s) {
            CAPTURE(s);
            CHECK(spans[s].kind == doc.spans[s].kind);
            CHECK(spans[s].cluster == doc.spans[s].cluster);
            CHECK(spans[s].similarity == doc.spans[s].similarity);
            CHECK(spans[s].match == doc.spans[s].match);
            REQUIRE(spans[s].source.has_value() == doc.spans[s].source.has_value());
            if (spans[s].source) CHECK(spans[s].source->doc == doc.spans[s].source->doc);
            ++spans_seen;
        }
    }
    CHECK(spans_seen > 0);

    // apply per shard: every document of the shard gets the single run's spans, byte for byte.
    // The result lists every document in merge order, so sources in other shards resolve.
    for (const auto& [shard, first] : std::vector<std::pair<std::string, std::size_t>>{{"s1", 0}, {"s2", 3}}) {
        const std::string& shown = shard;  // clang 14 cannot capture a binding in CAPTURE's lambda
        CAPTURE(shown);
        once::Corpus corpus({dir.path(shard)}, {});
        const once::RunResult applied = once::apply_decisions(corpus, config, decisions, nullptr);
        REQUIRE(applied.docs.size() == single.docs.size());
        const std::size_t count = shard == "s1" ? 3 : 2;
        for (std::size_t d = first; d < first + count; ++d) {
            const once::DocResult& expected = single.docs[d];
            CAPTURE(expected.id);
            CHECK(applied.docs[d].id == expected.id);
            CHECK(applied.docs[d].bytes == expected.bytes);
            REQUIRE(applied.docs[d].spans.size() == expected.spans.size());
            for (std::size_t s = 0; s < expected.spans.size(); ++s) {
                CAPTURE(s);
                CHECK(applied.docs[d].spans[s].start == expected.spans[s].start);
                CHECK(applied.docs[d].spans[s].end == expected.spans[s].end);
                CHECK(applied.docs[d].spans[s].start_pos.line == expected.spans[s].start_pos.line);
                CHECK(applied.docs[d].spans[s].last_line == expected.spans[s].last_line);
                CHECK(applied.docs[d].spans[s].content_hash == expected.spans[s].content_hash);
                if (expected.spans[s].source) {
                    REQUIRE(applied.docs[d].spans[s].source.has_value());
                    CHECK(applied.docs[d].spans[s].source->start == expected.spans[s].source->start);
                    CHECK(applied.docs[d].spans[s].source->end == expected.spans[s].source->end);
                }
            }
        }
    }
}

namespace {

std::string flipped(std::string bytes, std::size_t at) {
    bytes[at] = static_cast<char>(bytes[at] ^ 1);
    return bytes;
}

}  // namespace

TEST_CASE("shard: corrupt, truncated and foreign files are rejected naming the file") {
    TempDir dir;
    write_shards(dir);
    const once::Config config;
    const Sharded sharded = sign_and_merge(dir, config);
    const std::string signature = read_file(sharded.signatures[0]);
    const std::string decisions = read_file(sharded.decisions);
    // Cases that corrupt a record reseal the file, so that its structural checks are reached.
    const std::string signature_body = once::test::body_of(signature);
    const std::string decisions_body = once::test::body_of(decisions);
    REQUIRE(signature.rfind("once-signatures ", 0) == 0);
    REQUIRE(decisions.rfind("once-decisions ", 0) == 0);

    // Where the counts sit: after the header line and the settings string (u64 size, bytes);
    // in a signature file the first document's id string and text hash come before its line count.
    const std::size_t signature_settings = signature.find('\n') + 1;  // "once-signatures 13\n"
    const std::size_t decisions_settings = decisions.find('\n') + 1;  // "once-decisions 4\n"
    const std::size_t first_id = signature_settings + 8 + u64_at(signature, signature_settings);
    const std::size_t line_count = first_id + 8 + u64_at(signature, first_id) + 8;
    const std::size_t id_count = decisions_settings + 8 + u64_at(decisions, decisions_settings);
    REQUIRE(u64_at(decisions, id_count) == 5);  // five documents
    REQUIRE(u64_at(signature, line_count) > 0);

    struct Case {
        std::string name;
        std::string bytes;
        bool is_signature;  // else a decisions file
        once::ExitCode code;
    };
    const std::vector<Case> cases = {
        {"signatures truncated by one byte", signature.substr(0, signature.size() - 1), true, once::ExitCode::input_error},
        {"signatures cut inside the settings", signature.substr(0, 24), true, once::ExitCode::input_error},
        {"signatures: header only", "once-signatures 2\n", true, once::ExitCode::input_error},
        {"signatures: another file's header", "once-decisions 1\n" + signature.substr(signature_settings), true, once::ExitCode::input_error},
        {"signatures: empty", "", true, once::ExitCode::input_error},
        {"decisions truncated by one byte", decisions.substr(0, decisions.size() - 1), false, once::ExitCode::input_error},
        {"decisions: a signature file", signature, false, once::ExitCode::input_error},
        // A corrupt count must not make the reader allocate for it: more items than the file
        // could hold is an input error before anything is read.
        {"signatures: a line count of 2^64 - 1", once::test::sealed(with_u64(signature_body, line_count, ~std::uint64_t{0})),
         true, once::ExitCode::input_error},
        {"signatures: a line count of 2^40", once::test::sealed(with_u64(signature_body, line_count, std::uint64_t{1} << 40)),
         true, once::ExitCode::input_error},
        {"decisions: an id count of 2^64 - 1", once::test::sealed(with_u64(decisions_body, id_count, ~std::uint64_t{0})),
         false, once::ExitCode::input_error},
        // Sealed again, but with a document's last record cut away: a shard read short.
        {"decisions: the last record cut, resealed", once::test::sealed(decisions_body.substr(0, decisions_body.size() - 1)),
         false, once::ExitCode::input_error},
        {"decisions: text", "hello\n", false, once::ExitCode::input_error},
        // A byte of the settings damaged is a damaged file (exit 3), not other options (exit 2):
        // the checksum is checked before the settings are compared.
        {"signatures: a settings byte changed", flipped(signature, signature_settings + 8 + 5), true,
         once::ExitCode::input_error},
        {"decisions: a settings byte changed", flipped(decisions, decisions_settings + 8 + 5), false,
         once::ExitCode::input_error},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const std::string path = dir.write("bad.bin", c.bytes);
        const auto error = error_of([&] {
            if (c.is_signature)
                once::merge_signatures({path}, config, dir.path("out.bin"));
            else
                once::load_decisions(path, config);
        });
        REQUIRE(error);
        CHECK(error->code() == c.code);
        CHECK(error->file() == path);
    }

    // A file of the same kind from an older once names both versions (not "corrupt"): version 5
    // signature files lack the `contents` rule, so their Matchable flags may not be trusted.
    const std::string older = dir.write("older.sig", "once-signatures 5\n" + signature.substr(signature_settings));
    const auto refused = error_of([&] { once::merge_signatures({older}, config, dir.path("out.bin")); });
    REQUIRE(refused);
    CHECK(refused->code() == once::ExitCode::input_error);
    CHECK(refused->file() == older);
    CHECK(std::string(refused->what()).find("version 5, this once reads version 13") != std::string::npos);

    // Files made with other settings are a usage error: the options of sign, merge and apply differ.
    once::Config other = config;
    other.seed += 1;
    const auto merged = error_of([&] { once::merge_signatures(sharded.signatures, other, dir.path("out.bin")); });
    REQUIRE(merged);
    CHECK(merged->code() == once::ExitCode::usage);
    CHECK(merged->file() == sharded.signatures[0]);
    const auto loaded = error_of([&] { once::load_decisions(sharded.decisions, other); });
    REQUIRE(loaded);
    CHECK(loaded->code() == once::ExitCode::usage);
    CHECK(loaded->file() == sharded.decisions);
}

TEST_CASE("shard: apply refuses a shard whose text changed since sign, even when every span still fits") {
    TempDir dir;
    write_shards(dir);
    const once::Config config;
    const Sharded sharded = sign_and_merge(dir, config);
    const once::Decisions decisions = once::load_decisions(sharded.decisions, config);
    {
        once::Corpus unchanged({dir.path("s2")}, {});
        CHECK(once::apply_decisions(unchanged, config, decisions, nullptr).removed_bytes() > 0);
    }
    // One ASCII letter replaced: the length and every character boundary stay, so only a hash
    // of the text tells (signatures version 11 and decisions version 3 cut the old offsets).
    std::string edited = read_file(dir.path("s2/a.txt"));
    const std::size_t at = edited.find("council");
    REQUIRE(at != std::string::npos);
    edited[at] = 'C';
    dir.write("s2/a.txt", edited);
    once::Corpus corpus({dir.path("s2")}, {});
    const auto error = error_of([&] { once::apply_decisions(corpus, config, decisions, nullptr); });
    REQUIRE(error);
    CHECK(error->code() == once::ExitCode::input_error);
    CHECK(error->file() == sharded.decisions);
    CHECK(std::string(error->what()).find("is not the text that was signed") != std::string::npos);
}
