#include "once/output/baseline.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "once/core/error.hpp"
#include "once/core/hex.hpp"
#include "once/input/stream_io.hpp"

namespace once {

Baseline Baseline::from_result(const RunResult& result) {
    Baseline baseline;
    for (const auto& doc : result.docs)
        for (const auto& span : doc.spans) ++baseline.counts_[{span.content_hash, kind_name(span.kind)}];
    return baseline;
}

std::size_t Baseline::size() const {
    std::size_t total = 0;
    for (const auto& [key, count] : counts_) total += count;
    return total;
}

void Baseline::save(const std::string& path, const RunResult& result, const std::string& shown_as) const {
    // Where each finding was seen: reviewable in a pull request, and used by `split`.
    std::map<std::pair<std::uint64_t, std::string>, nlohmann::ordered_json> examples;
    for (const auto& doc : result.docs)
        for (const auto& span : doc.spans) {
            auto& list = examples[{span.content_hash, kind_name(span.kind)}];
            // Every place, not a sample: `split` needs them to tell which of equal findings is new
            // (all markers share one hash, so a sample of five placed a new [END] at an old one).
            list.push_back(nlohmann::ordered_json{{"id", doc.id}, {"lines", {span.start_pos.line, span.last_line}}});
        }
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& [key, count] : counts_) {
        findings.push_back(nlohmann::ordered_json{
            {"hash", hex64(key.first)}, {"kind", key.second}, {"count", count}, {"examples", examples[key]}});
    }
    const nlohmann::ordered_json document{{"format", "once-baseline"}, {"version", 1}, {"findings", findings}};
    AtomicWriter writer(path, {.shown_as = shown_as});
    writer.write(document.dump(1) + "\n");
    writer.commit();
}

Baseline Baseline::load(const std::string& path) {
    const std::string text = read_all(path);
    Baseline baseline;
    try {
        const auto document = nlohmann::json::parse(text);
        if (document.value("format", "") != "once-baseline" || document.value("version", 0) != 1)
            throw Error(ExitCode::input_error, "not a once baseline (format once-baseline, version 1)", path);
        for (const auto& finding : document.at("findings")) {
            const std::uint64_t hash = std::stoull(finding.at("hash").get<std::string>(), nullptr, 16);
            const Key key{hash, finding.at("kind").get<std::string>()};
            baseline.counts_[key] += finding.at("count").get<std::size_t>();
            if (finding.contains("examples"))
                for (const auto& example : finding.at("examples")) {
                    const auto& lines = example.at("lines");
                    baseline.places_[key][example.at("id").get<std::string>()].emplace_back(
                        lines.at(0).get<std::uint64_t>(), lines.at(1).get<std::uint64_t>());
                }
        }
    } catch (const Error&) {
        throw;
    } catch (const std::exception& error) {
        throw Error(ExitCode::input_error, std::string("malformed baseline: ") + error.what(), path);
    }
    return baseline;
}

Baseline::Split Baseline::split(const RunResult& result) const {
    Split split;
    split.fresh = result;
    auto remaining = counts_;
    auto places = places_;
    std::vector<std::vector<bool>> known(result.docs.size());
    for (std::size_t d = 0; d < result.docs.size(); ++d) known[d].assign(result.docs[d].spans.size(), false);
    // Three passes, most certain first: same file and lines, same file, then input order.
    for (int pass = 0; pass < 3; ++pass)
        for (std::size_t d = 0; d < result.docs.size(); ++d) {
            const DocResult& doc = result.docs[d];
            for (std::size_t s = 0; s < doc.spans.size(); ++s) {
                if (known[d][s]) continue;
                const Span& span = doc.spans[s];
                const Key key{span.content_hash, kind_name(span.kind)};
                const auto count = remaining.find(key);
                if (count == remaining.end() || count->second == 0) continue;
                if (pass < 2) {
                    const auto by_key = places.find(key);
                    if (by_key == places.end()) continue;
                    const auto in_doc = by_key->second.find(doc.id);
                    if (in_doc == by_key->second.end() || in_doc->second.empty()) continue;
                    auto& list = in_doc->second;
                    const Lines lines{span.start_pos.line, span.last_line};
                    const auto place = pass == 1 ? list.begin() : std::find(list.begin(), list.end(), lines);
                    if (place == list.end()) continue;
                    list.erase(place);
                }
                --count->second;
                known[d][s] = true;
                ++split.known;
            }
        }
    for (std::size_t d = 0; d < split.fresh.docs.size(); ++d) {
        DocResult& doc = split.fresh.docs[d];
        std::vector<Span> fresh;
        for (std::size_t s = 0; s < doc.spans.size(); ++s)
            if (!known[d][s]) fresh.push_back(std::move(doc.spans[s]));
        doc.spans = std::move(fresh);
        doc.fully_removed = doc.fully_removed && !doc.spans.empty();
    }
    return split;
}

}  // namespace once
