#include "once/sign/shingler.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "once/sign/hashing.hpp"
#include "once/text/normalizer.hpp"
#include "once/text/unicode.hpp"
#include "once/text/utf8.hpp"

namespace once {
namespace {

constexpr std::uint64_t k_sequence_seed = 0x6f6e63655f6b6579ULL;  // "once_key"
constexpr std::uint64_t k_number_placeholder = 0x4e554d4245525f5fULL;
// Tokens whose per-thread buffers outlive a call (a few MiB); bigger ones are freed after it.
constexpr std::size_t k_kept_tokens = std::size_t{1} << 18;

// The code point of the three-byte UTF-8 character at data[at] (its lead byte E0–EF).
[[gnu::always_inline]] inline char32_t three_byte_at(const char* data, std::size_t at) {
    return (char32_t(static_cast<unsigned char>(data[at]) & 0x0F) << 12) |
           (char32_t(static_cast<unsigned char>(data[at + 1]) & 0x3F) << 6) |
           char32_t(static_cast<unsigned char>(data[at + 2]) & 0x3F);
}

[[gnu::always_inline]] inline bool three_byte_lead(const char* data, std::size_t at) {
    return (static_cast<unsigned char>(data[at]) & 0xF0) == 0xE0;
}

// The tokens of normalized text, one at a time: a word (a run of letters and digits, with the
// marks inside it) or one CJK character with the marks after it. A pull tokenizer, so that the
// visitor of for_each_token is called from one place and inlines there: called from two (a
// word's end and a CJK character) it stayed out of line, and its calls — prologue, epilogue and
// spilled registers, once per token — were a sixth of the tokenizer's instructions.
class Tokenizer {
public:
    struct Token {
        std::string_view bytes;
        bool is_cjk = false;
        bool is_number = false;  // a word of digits only
        bool has_digit = false;
        // The code point when the token is one three-byte character (most CJK tokens), else 0:
        // its hash is then a table lookup (three_byte_hashes).
        char32_t three_byte_char = 0;
    };

    explicit Tokenizer(std::string_view text) : text_(text) {}

    // Inlined into each for_each_token: out of line, its call per token cost what it saved.
    [[gnu::always_inline]] bool next(Token& token) {
        std::size_t word_start = std::string_view::npos;
        bool word_all_digits = true;
        bool word_has_digit = false;
        const auto word = [&](std::size_t end) {
            token = {std::string_view(text_.data() + word_start, end - word_start), false, word_all_digits,
                     word_has_digit, 0};
            return true;
        };
        while (pos_ < text_.size()) {
            const std::size_t here = pos_;
            const unsigned char byte = static_cast<unsigned char>(text_[pos_]);
            CharClass cls;
            char32_t cp = byte;
            if (byte < 0x80) {
                ++pos_;
                const bool letter = static_cast<unsigned char>((byte | 0x20) - 'a') < 26;
                if (letter || static_cast<unsigned char>(byte - '0') < 10) {
                    // A run of ASCII letters and digits (most of every Latin word) in a loop of
                    // its own: the class switch per byte is what the loop leaves out.
                    if (word_start == std::string_view::npos) word_start = here;
                    word_all_digits = word_all_digits && !letter;
                    word_has_digit = word_has_digit || !letter;
                    const char* const data = text_.data();
                    const std::size_t size = text_.size();
                    std::size_t at = pos_;
                    for (; at < size; ++at) {
                        const auto next = static_cast<unsigned char>(data[at]);
                        if (static_cast<unsigned char>((next | 0x20) - 'a') < 26) {
                            word_all_digits = false;
                        } else if (static_cast<unsigned char>(next - '0') < 10) {
                            word_has_digit = true;
                        } else {
                            break;
                        }
                    }
                    pos_ = at;
                    continue;
                }
                cls = CharClass::punctuation;
            } else if (here == ahead_at_) {
                pos_ = ahead_end_;
                cls = ahead_class_;
                cp = ahead_char_;
            } else {
                cp = decode_utf8(text_, pos_);
                cls = char_class(tables_, cp);
            }
            switch (cls) {
                case CharClass::letter:
                    if (word_start == std::string_view::npos) word_start = here;
                    word_all_digits = false;
                    break;
                case CharClass::digit:
                    if (word_start == std::string_view::npos) word_start = here;
                    word_has_digit = true;
                    break;
                case CharClass::mark:
                    break;  // stays with the token before it
                case CharClass::cjk: {
                    if (word_start != std::string_view::npos) {
                        // The word before ends here; the CJK character is the next call's (its
                        // class is asked again, with the same answer).
                        pos_ = here;
                        return word(here);
                    }
                    // Include following combining marks (Thai vowels) in the character token.
                    std::size_t end = pos_;
                    while (end < text_.size() && static_cast<unsigned char>(text_[end]) >= 0x80) {
                        std::size_t next = end;
                        const char32_t following_char = decode_utf8(text_, next);
                        const CharClass following = char_class(tables_, following_char);
                        if (following != CharClass::mark) {
                            // The character at `ahead_at_`, its class and its end, so CJK text
                            // decodes and asks once per character, not twice.
                            ahead_at_ = end;
                            ahead_end_ = next;
                            ahead_class_ = following;
                            ahead_char_ = following_char;
                            break;
                        }
                        end = next;
                    }
                    const bool one_three_byte_char = end - here == 3 && end == pos_;
                    token = {std::string_view(text_.data() + here, end - here), true, false, false,
                             one_three_byte_char ? cp : 0};
                    pos_ = end;
                    return true;
                }
                default:
                    if (word_start != std::string_view::npos) return word(here);
            }
        }
        if (word_start != std::string_view::npos) return word(text_.size());
        return false;
    }

    // Whether a run of cjk_run's tokens begins here: a three-byte CJK character. Inlined, so that
    // a word's end in Latin text (which asks too) costs a few instructions, not cjk_run's call.
    [[gnu::always_inline]] bool at_cjk_run() const {
        const char* const data = text_.data();
        return pos_ + 3 <= text_.size() && three_byte_lead(data, pos_) &&
               tables_.classes[three_byte_at(data, pos_)] == CharClass::cjk;
    }

    // The run of tokens from here on that are each one three-byte CJK character with no mark
    // after it — nearly every token of Japanese and Chinese text — each folded into the key
    // chain `key` (hash_combine with the character's hash_bytes value, as next()'s token gives
    // it) and, when `want_shingles`, written to values[] and weights[] (weight 1); returns their
    // number. Stops where any other token begins, for next(). Called where at_cjk_run() holds,
    // between tokens only (no word open).
    // Out of line and with the key, the count and the tables in locals: inlined into
    // shingle_into, whose other paths hold many values, the loop reloaded the tables' and the
    // buffers' addresses from the stack for every character and kept `want_shingles` as a
    // branch (62 instructions a character, callgrind on ldcc; about 45 here). The call is once
    // per run of CJK characters, not per character.
    template <bool want_shingles>
    [[gnu::noinline]] std::size_t cjk_run(std::uint64_t& key_io, const std::uint64_t* three_byte, std::uint64_t* values,
                                          std::uint8_t* weights) {
        const char* const data = text_.data();
        const std::size_t size = text_.size();
        const CharClass* const classes = tables_.classes.data();
        std::uint64_t key = key_io;
        std::size_t made = 0;
        std::size_t pos = pos_;
        char32_t cp = three_byte_at(data, pos);
        const auto take = [&](char32_t character) {
            const std::uint64_t value = three_byte[character];
            key = hash_combine(key, value);
            if constexpr (want_shingles) {
                values[made] = value;
                weights[made] = 1;
            }
            ++made;
        };
        for (;;) {
            const std::size_t next = pos + 3;
            if (next + 4 > size) {
                // The text's last bytes: the character is the run's last, unless a character
                // follows, which next() then takes with it (a mark joins its token).
                if (next < size && static_cast<unsigned char>(data[next]) >= 0x80) break;
                take(cp);
                pos = next;
                break;
            }
            // The next character's bytes in one load: its lead byte says ASCII (the run ends
            // after this character) or a three-byte character, decoded from the same word.
            const std::uint32_t word = load_le32(data + next);
            if ((word & 0x80) == 0) {
                take(cp);
                pos = next;
                break;
            }
            // A mark after the character joins its token, and a two- or four-byte character
            // is rare: both go the general way.
            if ((word & 0xF0) != 0xE0) break;
            const char32_t next_cp = three_byte_code_point(word);
            const CharClass next_cls = classes[next_cp];
            if (next_cls == CharClass::mark) break;
            take(cp);
            pos = next;
            if (next_cls != CharClass::cjk) break;
            cp = next_cp;
        }
        pos_ = pos;
        key_io = key;
        return made;
    }

private:
    std::string_view text_;
    const BmpTables& tables_ = bmp_tables();  // once per text, not per character (unicode.hpp)
    std::size_t pos_ = 0;
    std::size_t ahead_at_ = std::string_view::npos;
    std::size_t ahead_end_ = 0;
    CharClass ahead_class_ = CharClass::symbol;
    char32_t ahead_char_ = 0;
};

// Calls visit(token) with each Tokenizer::Token of normalized text.
template <typename Visit>
void for_each_token(std::string_view text, Visit&& visit) {
    Tokenizer tokenizer(text);
    Tokenizer::Token token;
    while (tokenizer.next(token)) visit(token);
}

// Sorts hashes, which are uniform: a counting pass on the top bits puts every value near its
// place, and an insertion sort undoes the few inversions left inside each bucket. Linear, where
// std::sort on random keys mispredicts every other comparison. Small and huge sets go to
// std::sort.
void sort_hashes(std::vector<std::uint64_t>& values) {
    const std::size_t n = values.size();
    if (n < 32 || n > (std::size_t{1} << 20)) {
        std::sort(values.begin(), values.end());
        return;
    }
    unsigned bits = 5;
    while ((std::size_t{1} << bits) < n && bits < 16) ++bits;
    thread_local std::vector<std::uint32_t> starts;
    thread_local std::vector<std::uint64_t> placed;
    starts.assign((std::size_t{1} << bits) + 1, 0);
    for (const std::uint64_t v : values) ++starts[(v >> (64 - bits)) + 1];
    for (std::size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
    placed.resize(n);
    for (const std::uint64_t v : values) placed[starts[v >> (64 - bits)]++] = v;
    for (std::size_t i = 1; i < n; ++i) {
        const std::uint64_t v = placed[i];
        std::size_t j = i;
        for (; j > 0 && placed[j - 1] > v; --j) placed[j] = placed[j - 1];
        placed[j] = v;
    }
    std::copy(placed.begin(), placed.end(), values.begin());
    if (placed.capacity() > k_kept_tokens) std::vector<std::uint64_t>().swap(placed);
}

// The largest shingle list keep_distinct takes; longer ones (a sentence of over 4,096 tokens, a
// file that is one line) are sorted, so the per-thread table stays under 100 KiB.
constexpr std::size_t k_max_hashed_distinct = 4096;

// Moves the distinct values of values[0, n) to its front, in the order they first occur, and
// returns their number. An open-addressing table per thread, its slots marked used by the call's
// stamp so that no call clears them (a slot of an earlier call's stamp is empty). About a dozen
// instructions a value, where sort_hashes and std::unique took about 45 (callgrind on ldcc).
std::size_t keep_distinct(std::uint64_t* values, std::size_t n) {
    struct Table {
        std::vector<std::uint64_t> keys;
        std::vector<std::uint32_t> stamps;
        std::uint32_t stamp = 0;
    };
    thread_local Table table;
    if (table.keys.size() < 2 * n) {  // at least half the slots free: short probes
        const std::size_t size = std::bit_ceil(std::max<std::size_t>(2 * n, 64));
        table.keys.resize(size);
        table.stamps.assign(size, 0);
        table.stamp = 0;
    }
    if (++table.stamp == 0) {  // 2^32 calls: the stamps start again
        std::fill(table.stamps.begin(), table.stamps.end(), 0);
        table.stamp = 1;
    }
    std::uint64_t* const keys = table.keys.data();
    std::uint32_t* const stamps = table.stamps.data();
    const std::uint32_t stamp = table.stamp;
    const std::size_t mask = table.keys.size() - 1;
    const int shift = 64 - std::countr_zero(table.keys.size());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t value = values[i];
        // The top bits of a multiply: shingles are hash_combine's outputs, uniform already; one
        // multiply keeps the probes short even for values that are not.
        std::size_t slot = static_cast<std::size_t>((value * 0x9E3779B97F4A7C15ULL) >> shift);
        for (;; slot = (slot + 1) & mask) {
            if (stamps[slot] != stamp) {
                stamps[slot] = stamp;
                keys[slot] = value;
                values[kept++] = value;
                break;
            }
            if (keys[slot] == value) break;
        }
    }
    return kept;
}

// hash_bytes of every three-byte UTF-8 character, indexed by its code point: a CJK token is
// nearly always one such character, and a lookup replaces an XXH3 call per token (about 50
// instructions with its call, twice per token: pass 1's line keys and pass 2's sentences). The
// values are hash_bytes', so keys and shingles do not change; 512 KiB, filled on first use.
const std::uint64_t* three_byte_hashes() {
    static const std::vector<std::uint64_t> table = [] {
        std::vector<std::uint64_t> hashes(0x10000);
        for (std::uint32_t cp = 0x800; cp < 0x10000; ++cp) {
            const char bytes[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                                   static_cast<char>(0x80 | (cp & 0x3F))};
            hashes[cp] = hash_bytes(std::string_view(bytes, 3));
        }
        return hashes;
    }();
    return table.data();
}


// The date words' hashes, and a filter in front of them: bit b of the 1,024 is set when a date
// word's hash has b as its top 10 bits, so all but ~7% of other words leave on one bit test
// instead of a binary search of ~7 mispredicted steps (every word token asks).
struct DateWords {
    std::vector<std::uint64_t> hashes;  // sorted
    std::uint64_t top_bits[16] = {};
};

// Words that name a day or a month are facts like numbers: "unveiled on Tuesday" and "unveiled
// on Friday" are different news. English, German, French and Spanish, normalized (case-folded);
// left out are words with another common meaning ("may", "mars").
bool is_date_word(std::uint64_t token_hash) {
    static const DateWords words = [] {
        static constexpr std::string_view k_words[] = {
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "january", "february", "march", "april", "june", "july", "august", "september", "october",
            "november", "december",
            "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
            "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
            "janvier", "février", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
            "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
            "noviembre", "diciembre",
        };
        DateWords out;
        for (const std::string_view word : k_words) {
            const std::uint64_t hash = hash_bytes(word);
            out.hashes.push_back(hash);
            out.top_bits[hash >> 60] |= std::uint64_t{1} << ((hash >> 54) & 63);
        }
        std::sort(out.hashes.begin(), out.hashes.end());
        return out;
    }();
    if (!((words.top_bits[token_hash >> 60] >> ((token_hash >> 54) & 63)) & 1)) return false;
    return std::binary_search(words.hashes.begin(), words.hashes.end(), token_hash);
}

// Bit k of the result is the low bit of byte k of `bytes` (k = 0 the least significant byte):
// the masked bits sit at 8k, and the multiplier's byte 7 - k moves bit 8k to 56 + k, with no
// carries between the eight products that land in the top byte.
constexpr std::uint64_t low_bits_of_bytes(std::uint64_t bytes) {
    return ((bytes & 0x0101010101010101ULL) * 0x0102040810204080ULL) >> 56;
}
static_assert(low_bits_of_bytes(0x0201020101020201ULL) == 0b01011001);

constexpr std::uint64_t byteswap64(std::uint64_t x) { return __builtin_bswap64(x); }

// A shingle is the shortest run of tokens whose weight reaches `need`, one per first token while
// the rest of the text reaches it; written to `shingles`, their number returned.
std::size_t shingles_of_any_weight(const std::uint64_t* values, const std::uint8_t* weights, std::size_t count,
                                   std::uint32_t need, std::uint64_t* shingles);

}  // namespace

ShingleSet shingle(std::string_view normalized, int ngram, bool mask_numbers, bool want_shingles) {
    ShingleSet out;
    shingle_into(out, normalized, ngram, mask_numbers, want_shingles);
    return out;
}

void shingle_into(ShingleSet& out, std::string_view normalized, int ngram, bool mask_numbers, bool want_shingles,
                  ShingleOrder order) {
    std::vector<std::uint64_t> kept = std::move(out.shingles);
    std::vector<std::uint64_t> kept_facts = std::move(out.facts);
    kept.clear();
    kept_facts.clear();
    out = ShingleSet{};
    out.shingles = std::move(kept);
    out.facts = std::move(kept_facts);
    std::vector<std::uint64_t>& facts = out.facts;
    // Token values and weights of the current text, for its shingles: per thread and reused,
    // since this runs once per sentence and line. Sized up front (a text has at most one token
    // per byte) and written through a pointer: a push_back per token loaded and stored the
    // thread-local vector's end pointer again for every token.
    thread_local std::vector<std::uint64_t> token_values;
    thread_local std::vector<std::uint8_t> token_weights;
    std::size_t count = 0;
    // The per-token facts fold into locals, not into `out`, whose fields the compiler stored
    // back after every token (a store through the buffers might have changed them).
    std::uint64_t key = k_sequence_seed;
    std::uint64_t number_mask = 0;
    std::uint64_t number_hash = 0;
    std::uint32_t total_weight = 0;
    if (want_shingles && token_values.size() < normalized.size()) {  // tokens <= bytes
        token_values.resize(std::max(normalized.size(), 2 * token_values.size()));
        token_weights.resize(token_values.size());
    }
    std::uint64_t* const values = token_values.data();
    std::uint8_t* const weights = token_weights.data();
    const std::uint64_t* const three_byte = three_byte_hashes();
    const auto visit = [&](const Tokenizer::Token& token) {
        const bool is_cjk = token.is_cjk;
        const bool is_number = token.is_number;
        const bool has_digit = token.has_digit;
        const std::uint64_t token_hash =
            token.three_byte_char != 0 ? three_byte[token.three_byte_char] : hash_bytes(token.bytes);
        if (has_digit || (!is_cjk && is_date_word(token_hash))) {
            number_mask |= (std::uint64_t{1} << (token_hash & 63)) | (std::uint64_t{1} << ((token_hash >> 6) & 63));
            number_hash += mix64(token_hash);  // a sum: the same multiset in any order
            if (want_shingles) facts.push_back(token_hash);
        }
        const std::uint64_t value = (is_number && mask_numbers) ? k_number_placeholder : token_hash;
        key = hash_combine(key, value);
        total_weight += is_cjk ? 1 : 2;
        if (want_shingles) {
            values[count] = value;
            weights[count] = is_cjk ? 1 : 2;
        }
        ++count;
    };
    Tokenizer tokenizer(normalized);
    Tokenizer::Token token;
    for (;;) {
        if (tokenizer.at_cjk_run()) {
            // Tokens that are one three-byte CJK character: no digit, no date word, weight 1.
            const std::size_t run = want_shingles
                                        ? tokenizer.cjk_run<true>(key, three_byte, values + count, weights + count)
                                        : tokenizer.cjk_run<false>(key, three_byte, nullptr, nullptr);
            count += run;
            total_weight += static_cast<std::uint32_t>(run);
        }
        if (!tokenizer.next(token)) break;
        visit(token);
    }
    out.tokens = static_cast<std::uint32_t>(count);
    out.weight = total_weight;
    out.number_mask = number_mask;
    out.number_hash = number_hash;
    out.key = count == 0 ? 0 : key;
    if (want_shingles) {
        out.edges.count = static_cast<std::uint16_t>(std::min<std::size_t>(count, 0xFFFF));
        // Through the local pointers and into local masks: a byte store may alias anything, so
        // the compiler read the vectors' data pointers and the masks again after each one.
        const std::size_t held = std::min(count, TokenEdges::k_edge);
        for (std::size_t t = 0; t < held; ++t) out.edges.head[t] = static_cast<std::uint8_t>(values[t] >> 56);
        for (std::size_t t = 0; t < held; ++t)
            out.edges.tail[t] = static_cast<std::uint8_t>(values[count - 1 - t] >> 56);
        // A weight is 1 (CJK) or 2 (a word): its low bit is the CJK bit. Eight weights a step,
        // their low bits gathered by one multiply (a bit-and-shift per token was a quarter of
        // this loop's instructions).
        std::uint64_t head_cjk = 0;
        std::uint64_t tail_cjk = 0;
        std::size_t t = 0;
        if constexpr (std::endian::native == std::endian::little) {
            for (; t + 8 <= held; t += 8) {
                std::uint64_t eight;
                std::memcpy(&eight, weights + t, 8);
                head_cjk |= low_bits_of_bytes(eight) << t;
                std::memcpy(&eight, weights + count - t - 8, 8);  // tokens count-1-t down to count-8-t
                tail_cjk |= low_bits_of_bytes(byteswap64(eight)) << t;
            }
        }
        for (; t < held; ++t) {
            head_cjk |= std::uint64_t{weights[t] == 1} << t;
            tail_cjk |= std::uint64_t{weights[count - 1 - t] == 1} << t;
        }
        out.edges.head_cjk = head_cjk;
        out.edges.tail_cjk = tail_cjk;
    }
    // A huge text (a file that is one line) must not keep its buffers for the rest of the run.
    const auto release_if_huge = [] {
        if (token_values.capacity() > k_kept_tokens) {
            std::vector<std::uint64_t>().swap(token_values);
            std::vector<std::uint8_t>().swap(token_weights);
        }
    };
    if (!want_shingles || count == 0) {
        release_if_huge();
        return;
    }

    // A shingle is the shortest run of tokens whose weight reaches `ngram`: with the default 3
    // that is three CJK characters or two words (mixed runs in between).
    const auto need = static_cast<std::uint32_t>(std::max(1, ngram));
    if (out.weight < need) {
        out.shingles.push_back(key);  // too short for one shingle: the whole sequence is the shingle
        release_if_huge();
        return;
    }
    // At most one shingle per token, written through a pointer (a push_back stored the vector's
    // end and read the token buffers' data pointers again for every shingle).
    out.shingles.resize(count);
    std::uint64_t* const shingles = out.shingles.data();
    std::size_t made = 0;
    if (need == 3) {
        // The default n-gram (config.hpp), without the inner loop's per-token compares and
        // branches: a token weighs 1 or 2, so every shingle takes the next token, and a third
        // when both are CJK characters. The same combinations in the same order as below.
        for (std::size_t i = 0; i + 1 < count; ++i) {
            std::uint64_t h = hash_combine(values[i], values[i + 1]);
            if (weights[i] + weights[i + 1] < need) {
                if (i + 2 >= count) break;  // the tail is inside the previous shingles already
                h = hash_combine(h, values[i + 2]);
            }
            shingles[made++] = h;
        }
    } else {
        made = shingles_of_any_weight(values, weights, count, need, shingles);
    }
    if (order == ShingleOrder::any && made <= k_max_hashed_distinct) {
        out.shingles.resize(keep_distinct(shingles, made));
        release_if_huge();
        return;
    }
    out.shingles.resize(made);
    release_if_huge();
    sort_hashes(out.shingles);
    out.shingles.erase(std::unique(out.shingles.begin(), out.shingles.end()), out.shingles.end());
}

namespace {

std::size_t shingles_of_any_weight(const std::uint64_t* values, const std::uint8_t* weights, std::size_t count,
                                   std::uint32_t need, std::uint64_t* shingles) {
    std::size_t made = 0;
    for (std::size_t i = 0; i < count; ++i) {
        std::uint64_t h = values[i];
        std::uint32_t weight = weights[i];
        std::size_t j = i + 1;
        for (; weight < need && j < count; ++j) {
            h = hash_combine(h, values[j]);
            weight += weights[j];
        }
        if (weight < need) break;  // the tail is inside the previous shingles already
        shingles[made++] = h;
    }
    return made;
}

}  // namespace

std::vector<TokenRange> token_ranges(std::string_view original) {
    const NormalizedText norm = normalize(original);
    const std::string_view text = norm.text;
    std::vector<TokenRange> out;
    for_each_token(text, [&](const Tokenizer::Token& token) {
        const auto begin = static_cast<std::size_t>(token.bytes.data() - text.data());
        const std::size_t last = begin + token.bytes.size() - 1;
        out.push_back({norm.origin[begin], norm.origin_end[last]});
    });
    return out;
}

std::uint32_t text_weight(std::string_view normalized) {
    std::uint32_t weight = 0;
    for_each_token(normalized, [&](const Tokenizer::Token& token) { weight += token.is_cjk ? 1 : 2; });
    return weight;
}

}  // namespace once
