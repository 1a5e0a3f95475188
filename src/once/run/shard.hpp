// shard.hpp — a run split in three, for corpora spread over machines:
//
//   once learn SHARD_i -o i.profile; once learn --merge *.profile -o all.profile   (recurrence)
//   once sign  SHARD_i --profile all.profile -o i.sig     per shard, in parallel anywhere
//   once merge 1.sig 2.sig ... -o decisions.bin            one sequential pass over signatures only
//   once apply SHARD_i --decisions decisions.bin -o OUT_i  per shard, in parallel anywhere
//
// Why this cut: everything that needs the text (normalizing, segmenting, judging lines,
// cutting) is per document and runs where the shard lives; the one global, ordered step —
// matching against everything earlier — needs only the signatures, a few hundred bytes per
// sentence. The result equals a single run over the shards in the order given to merge
// (tested), because each stage is the same code a single run uses. This is the seam for a
// distributed engine: sign and apply are maps, merge is a reduce. File formats:
// docs/shard-format.md.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "once/judge/boilerplate.hpp"
#include "once/core/config.hpp"
#include "once/run/pipeline.hpp"
#include "once/input/reader.hpp"
#include "once/core/result.hpp"

namespace once {

// Writes the signature file of one shard. `recurrence` must hold the counts of the whole corpus
// (a merged profile) for boilerplate to be judged as in a single run. Returns what was skipped.
std::vector<SkippedInput> write_signatures(Corpus& corpus, const Config& config, const Recurrence& recurrence,
                                           const std::string& path);

// Matches the shards' signatures in the order given and writes the decisions file. The band
// candidates are computed first, from sorted runs of `band_run_entries` records (0: the
// default; match/band_runs.hpp), so the matcher holds no band tables.
void merge_signatures(const std::vector<std::string>& signature_paths, const Config& config,
                      const std::string& decisions_path, std::size_t band_run_entries = 0);

// A decisions file, read once: the ids of every document of every shard in merge order (a map's
// sources may lie in other shards) and, by id, each document's index in that order and its spans.
// Throws Error naming the file if it is not a decisions file or was made with other settings.
// One document's decisions: its place in the merge order, the hash of the text it was signed
// with (apply refuses any other text), and its spans.
struct DecidedDocument {
    std::size_t index = 0;
    std::uint64_t text_hash = 0;
    std::vector<Span> spans;
};

struct Decisions {
    std::vector<std::string> ids;
    std::map<std::string, DecidedDocument> by_id;
    // For errors found while applying: the file, and where each document's record starts.
    std::string path;
    std::vector<std::uint64_t> record_offsets;
};
Decisions load_decisions(const std::string& decisions_path, const Config& config);

// Cleans one shard with the decisions (spans are finished against the text, as in a run).
RunResult apply_decisions(Corpus& corpus, const Config& config, Decisions decisions, DocumentSink* sink);

}  // namespace once
