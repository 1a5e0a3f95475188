#include "once/match/align.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace once {

namespace {

// Is token i of `a`, which differs from token j of `b`, the words j and j + 1 of `b` run
// together (a line break lost, align.hpp)? All three are held words, and the k_merge_confirm
// tokens after them agree (not at a sentence's end: "... on Tuesday" for "... on Friday
// morning" is an edit).
template <typename Edge>
bool merged_words(const TokenEdges& a, std::size_t i, const TokenEdges& b, std::size_t j, Edge edge) {
    const auto word = [&](const TokenEdges& e, std::size_t t) {
        const int token = edge(e, t);
        return token >= 0 && token_edge_is_word(token);
    };
    if (j + 1 >= b.count || !word(a, i) || !word(b, j) || !word(b, j + 1)) return false;
    for (std::size_t t = 1; t <= k_merge_confirm; ++t) {
        if (i + t >= a.count || j + 1 + t >= b.count) return false;
        const int x = edge(a, i + t);
        if (x < 0 || x != edge(b, j + 1 + t)) return false;
    }
    return true;
}

// The tokens two sentences share from one end, read with `edge` (from_start or from_end): one
// loop for both ends, so the prefix and the suffix can never count differently.
// `skip`: tokens of `a` passed over first (a piece of it matched already, align.hpp).
// `b_skip`: tokens of `b` passed over first. `across`: read on across tokens a side does not
// hold (aligned_prefix_from), counting them only once a held pair after them agrees, and across
// a word of `a` that stands for two of `b`'s (merged_words).
template <typename Edge>
Shared common_run(const TokenEdges& a, std::size_t skip, const TokenEdges& b, std::size_t b_skip, Edge edge,
                  bool across = false) {
    Shared out;
    std::size_t i = skip;    // next token of a
    std::size_t j = b_skip;  // next token of b
    std::uint32_t unheld = 0;  // tokens not held since the last agreeing pair
    while (i < a.count && j < b.count) {
        const int x = edge(a, i);
        const int y = edge(b, j);
        if (x < 0 || y < 0) {
            if (!across) {
                out.unknown = true;
                break;
            }
            ++unheld;
            ++i;
            ++j;
            continue;
        }
        std::size_t b_step = 1;
        if (x != y) {
            // Not at the first tokens read: a sentence ending in one word where its source ends
            // in two ("... identity – tables" / "... identity – Religious affiliation") is an
            // edit, and a real merge lies inside a sentence, between agreeing tokens.
            if (!across || unheld > 0 || out.tokens < k_merge_confirm || !merged_words(a, i, b, j, edge)) break;
            b_step = 2;
        }
        out.tokens += unheld + 1;
        out.source_tokens += unheld + static_cast<std::uint32_t>(b_step);
        out.weight += unheld * k_unheld_token_weight + token_edge_weight(x);
        unheld = 0;
        ++i;
        j += b_step;
    }
    if (unheld > 0) out.unknown = true;
    return out;
}

// common_run without `across`, read from one end (`from_end`: the tail arrays, else the head):
// the first tokens of the two as their held arrays give them, eight at a time, then common_run on
// from where the arrays end. The same count: inside the arrays every token is held, so the loop
// stops only at a differing hash byte or CJK bit, and weighs each agreeing token 2 or 1. The
// planner asks this some 700,000 times on 25 MB (paste ends), a token at a time 12% of its work.
Shared held_run(const TokenEdges& a, std::size_t skip, const TokenEdges& b, bool from_end) {
    constexpr std::size_t k_edge = TokenEdges::k_edge;
    const std::size_t limit = skip >= k_edge ? 0
                                             : std::min({std::size_t{a.count} - std::min<std::size_t>(skip, a.count),
                                                         std::size_t{b.count}, k_edge - skip});
    const std::uint8_t* x = (from_end ? a.tail : a.head).data() + skip;
    const std::uint8_t* y = (from_end ? b.tail : b.head).data();
    std::size_t same = 0;  // agreeing hash bytes
    while (same < limit) {
        const std::size_t left = limit - same;
        if (left >= 8) {
            std::uint64_t u = 0;
            std::uint64_t v = 0;
            std::memcpy(&u, x + same, 8);
            std::memcpy(&v, y + same, 8);
            if (u != v) {
                same += static_cast<std::size_t>(std::countr_zero(u ^ v)) / 8;  // little-endian: first byte lowest
                break;
            }
            same += 8;
        } else {
            if (x[same] != y[same]) break;
            ++same;
        }
    }
    // The CJK bits: the first that differs ends the run too.
    const std::uint64_t a_cjk = skip >= k_edge ? 0 : (from_end ? a.tail_cjk : a.head_cjk) >> skip;
    const std::uint64_t b_cjk = from_end ? b.tail_cjk : b.head_cjk;
    const std::uint64_t diff = a_cjk ^ b_cjk;
    if (diff != 0) same = std::min<std::size_t>(same, static_cast<std::size_t>(std::countr_zero(diff)));
    const std::uint64_t taken = same >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << same) - 1;
    Shared out;
    out.tokens = static_cast<std::uint32_t>(same);
    out.source_tokens = out.tokens;
    out.weight = static_cast<std::uint32_t>(2 * same) - static_cast<std::uint32_t>(std::popcount(b_cjk & taken));
    if (same < limit) return out;  // a differing token inside the arrays
    // The arrays end (or a sentence does): on token by token, as common_run reads.
    const auto edge = [from_end](const TokenEdges& e, std::size_t t) { return from_end ? e.from_end(t) : e.from_start(t); };
    std::size_t i = skip + same;
    std::size_t j = same;
    while (i < a.count && j < b.count) {
        const int p = edge(a, i);
        const int q = edge(b, j);
        if (p < 0 || q < 0) {
            out.unknown = true;
            break;
        }
        if (p != q) break;
        ++out.tokens;
        ++out.source_tokens;
        out.weight += token_edge_weight(p);
        ++i;
        ++j;
    }
    return out;
}

}  // namespace

Shared common_prefix(const TokenEdges& a, const TokenEdges& b) { return common_prefix_from(a, 0, b); }

Shared common_suffix(const TokenEdges& a, const TokenEdges& b) { return common_suffix_from(a, 0, b); }

Shared common_prefix_from(const TokenEdges& copy, std::size_t skip, const TokenEdges& source) {
    return held_run(copy, skip, source, false);
}

Shared common_suffix_from(const TokenEdges& copy, std::size_t skip, const TokenEdges& source) {
    return held_run(copy, skip, source, true);
}

Shared aligned_prefix_from(const TokenEdges& copy, std::size_t skip, const TokenEdges& source,
                           std::size_t source_skip) {
    return common_run(
        copy, skip, source, source_skip, [](const TokenEdges& e, std::size_t t) { return e.from_start(t); }, true);
}

Shared aligned_suffix_from(const TokenEdges& copy, std::size_t skip, const TokenEdges& source,
                           std::size_t source_skip) {
    return common_run(
        copy, skip, source, source_skip, [](const TokenEdges& e, std::size_t t) { return e.from_end(t); }, true);
}

bool ends_with_sentence(const TokenEdges& copy, const TokenEdges& source) {
    const Shared end = aligned_suffix_from(copy, 0, source, 0);
    if (end.unknown) return false;
    if (end.source_tokens == source.count) return true;
    return end.source_tokens + 1 == source.count && word_from_end(copy, end.tokens) &&
           word_from_end(source, end.source_tokens);
}

EdgeEnds edge_ends(const TokenEdges& edges) {
    return EdgeEnds{edges.count, static_cast<std::int16_t>(edges.from_start(0)),
                    static_cast<std::int16_t>(edges.from_end(0))};
}

bool may_share_edge(const TokenEdges& copy, EdgeEnds source, int step) {
    if (source.count <= 1) return true;
    return copy.count > 0 && (step < 0 ? copy.from_end(0) == source.last : copy.from_start(0) == source.first);
}

// ends_with_sentence holds when the alignment from the end takes all of the source's tokens, or
// all but one: with two or more, it took the first pair read.
bool may_end_with(const TokenEdges& copy, EdgeEnds source) { return may_share_edge(copy, source, -1); }

bool word_from_start(const TokenEdges& edges, std::size_t t) {
    const int token = edges.from_start(t);
    return token >= 0 && token_edge_is_word(token);
}

bool word_from_end(const TokenEdges& edges, std::size_t t) {
    const int token = edges.from_end(t);
    return token >= 0 && token_edge_is_word(token);
}

bool edited_copy(const TokenEdges& copy, const TokenEdges& source, double max_share) {
    const std::size_t n = copy.count;
    const std::size_t m = source.count;
    if (n == 0 || m == 0) return false;
    if (n > 2 * TokenEdges::k_edge || m > 2 * TokenEdges::k_edge) {
        const Shared start = common_prefix(copy, source);
        const Shared end = common_suffix(copy, source);
        return start.tokens >= TokenEdges::k_edge && end.tokens >= TokenEdges::k_edge;
    }
    // The subsequence is at most the shorter one: a length that rules the pair out rules it out
    // before any token is read.
    const double shorter = static_cast<double>(std::min(n, m));
    if (static_cast<double>(n) - shorter > max_share * static_cast<double>(n) ||
        static_cast<double>(m) - shorter > max_share * static_cast<double>(m))
        return false;
    // Longest common subsequence, one row at a time: at most 128 x 128 cells (a count fits a byte).
    // The tokens both start with and both end with are in it (a common subsequence can always
    // take them), so the table covers only the tokens between; each side read once into an array.
    std::array<int, 2 * TokenEdges::k_edge> a{};
    std::array<int, 2 * TokenEdges::k_edge> b{};
    for (std::size_t i = 0; i < n; ++i) a[i] = copy.from_start(i);
    for (std::size_t j = 0; j < m; ++j) b[j] = source.from_start(j);
    std::size_t first = 0;
    while (first < n && first < m && a[first] == b[first]) ++first;
    std::size_t a_end = n;
    std::size_t b_end = m;
    while (a_end > first && b_end > first && a[a_end - 1] == b[b_end - 1]) {
        --a_end;
        --b_end;
    }
    std::array<std::uint8_t, 2 * TokenEdges::k_edge + 1> previous{};
    std::array<std::uint8_t, 2 * TokenEdges::k_edge + 1> current{};
    const std::size_t width = b_end - first;
    for (std::size_t i = first; i < a_end; ++i) {
        const int token = a[i];
        current[0] = 0;
        for (std::size_t j = 0; j < width; ++j)
            current[j + 1] = token == b[first + j] ? static_cast<std::uint8_t>(previous[j] + 1)
                                                   : std::max(previous[j + 1], current[j]);
        std::copy_n(current.begin(), width + 1, previous.begin());
    }
    const double common = static_cast<double>(first + (n - a_end) + previous[width]);
    return n - common <= max_share * static_cast<double>(n) && m - common <= max_share * static_cast<double>(m);
}

bool one_stretch_edited(const TokenEdges& copy, const TokenEdges& source, double min_share) {
    if (copy.count == 0 || source.count == 0) return false;
    if (copy.count > 2 * TokenEdges::k_edge || source.count > 2 * TokenEdges::k_edge) return false;
    const Shared start = common_prefix(copy, source);
    const Shared end = common_suffix(copy, source);
    // A token that both the start and the end count (a repeated word where the stretch is
    // empty on one side) counts once.
    const std::size_t shared =
        std::min<std::size_t>(start.tokens + end.tokens, std::min<std::size_t>(copy.count, source.count));
    return static_cast<double>(shared) >= min_share * static_cast<double>(copy.count) &&
           static_cast<double>(shared) >= min_share * static_cast<double>(source.count);
}

bool is_cut_piece(const TokenEdges& copy, const TokenEdges& source) {
    if (copy.count == 0 || copy.count > source.count) return false;
    const Shared start = common_prefix(copy, source);
    const Shared end = common_suffix(copy, source);
    // A piece longer than what is held: all of the held edge agreeing is as far as one can see.
    if (start.unknown || end.unknown) return start.tokens >= TokenEdges::k_edge || end.tokens >= TokenEdges::k_edge;
    if (start.tokens >= copy.count || end.tokens >= copy.count) return true;
    // The slack is for a word cut in half at the cut, and a cut copy is the shorter: one of as
    // many tokens as its source with one word at an edge replaced is an edit, a different fact
    // ("GET /storage/.../test HTTP/1.1" for "PUT /storage/.../test HTTP/1.1", "明日は…" for
    // "今日は…"; issue 11: facts must agree), not a cut (bench/truth_mistakes.py, "copy:
    // different text" on bench/inject_real.py's corpus, readability ietf-1).
    return copy.count < source.count && (start.tokens + 1 >= copy.count || end.tokens + 1 >= copy.count);
}

namespace {

// A hash of the tokens `edge` reads from one end (from_start or from_end), as many as reach
// k_end_key_weight.
template <typename Edge>
std::optional<std::uint64_t> edge_key(const TokenEdges& edges, Edge edge) {
    std::uint64_t h = 0x9E3779B97F4A7C15ULL;
    std::uint32_t weight = 0;
    for (std::size_t t = 0; t < edges.count && t < TokenEdges::k_edge; ++t) {
        const int token = edge(edges, t);
        // splitmix64's finalizer over the running hash and the token (its byte and CJK bit).
        h ^= static_cast<std::uint64_t>(token) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBULL;
        h ^= h >> 31;
        weight += token_edge_weight(token);
        if (weight >= k_end_key_weight) return h;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::uint64_t> end_key(const TokenEdges& edges) {
    return edge_key(edges, [](const TokenEdges& e, std::size_t t) { return e.from_end(t); });
}

std::optional<std::uint64_t> start_key(const TokenEdges& edges) {
    return edge_key(edges, [](const TokenEdges& e, std::size_t t) { return e.from_start(t); });
}

std::uint32_t held_weight_from(const TokenEdges& edges, std::size_t skip, bool from_end) {
    std::uint32_t weight = 0;
    const std::size_t held = std::min<std::size_t>(edges.count, TokenEdges::k_edge);
    for (std::size_t t = skip; t < held; ++t) {
        const int token = from_end ? edges.from_end(t) : edges.from_start(t);
        if (token >= 0) weight += token_edge_weight(token);
    }
    return weight;
}

}  // namespace once
