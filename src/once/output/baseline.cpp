#include "once/output/baseline.hpp"

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

void Baseline::save(const std::string& path, const RunResult& result) const {
    // Examples (where each finding was seen) make the file reviewable in a pull request.
    std::map<std::pair<std::uint64_t, std::string>, nlohmann::ordered_json> examples;
    for (const auto& doc : result.docs)
        for (const auto& span : doc.spans) {
            auto& list = examples[{span.content_hash, kind_name(span.kind)}];
            if (list.size() < 5)
                list.push_back(nlohmann::ordered_json{{"id", doc.id}, {"lines", {span.start_pos.line, span.last_line}}});
        }
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& [key, count] : counts_) {
        findings.push_back(nlohmann::ordered_json{
            {"hash", hex64(key.first)}, {"kind", key.second}, {"count", count}, {"examples", examples[key]}});
    }
    const nlohmann::ordered_json document{{"format", "once-baseline"}, {"version", 1}, {"findings", findings}};
    AtomicWriter writer(path);
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
            baseline.counts_[{hash, finding.at("kind").get<std::string>()}] += finding.at("count").get<std::size_t>();
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
    for (auto& doc : split.fresh.docs) {
        std::vector<Span> fresh;
        for (auto& span : doc.spans) {
            auto it = remaining.find({span.content_hash, kind_name(span.kind)});
            if (it != remaining.end() && it->second > 0) {
                --it->second;
                ++split.known;
            } else {
                fresh.push_back(std::move(span));
            }
        }
        doc.spans = std::move(fresh);
        doc.fully_removed = doc.fully_removed && !doc.spans.empty();
    }
    return split;
}

}  // namespace once
