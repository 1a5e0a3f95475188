// line_shape.hpp — what one line looks like, read from its normalized text alone: weight,
// sentence punctuation, bullets, separators, and the chrome cue it carries (a row of button
// words, a list heading, a copyright footer, a menu row, a breadcrumb, a link line).
//
// Why apart from the passes: the classifier (shape.hpp) first measures every line, then judges
// lines by their neighbours; measuring is the only part that reads characters and the lexicon.
//
// Contract: measure_line never looks at other lines; deterministic; any byte string is safe.
//
//   once::LexiconLookup lookup(once::Lexicon::builtin());
//   once::LineShape shape = once::measure_line("share | tweet", 4, lookup);  // cue == button
#pragma once

#include <cstdint>
#include <string_view>

#include "once/judge/lexicon.hpp"

namespace once {

enum class Cue : std::uint8_t {
    none,
    button,        // button/link phrases only: "share", "次へ", "share | tweet", "分享到:微信 微博"
    heading,       // heading phrases only: "related articles", "関連記事", "latest posts 新着記事"
    copyright,     // "© 2024 ...", "all rights reserved", "版权所有"
    junk,          // a run of >= 100 ASCII bytes without a space (an ad's query string, a tracking
                   // URL), or lynx's empty ad slot "[ins: :ins]"
    nav_row,       // "a | b | c" with short cells, no numbers (a menu, not a table)
    breadcrumb,    // "首页 > 新闻 > 本地"
    link,          // "previous: ...", "上一篇:...", "...はこちら"
};

struct LineShape {
    int weight = 0;
    bool terminal = false;      // ends in sentence punctuation (closing quotes skipped)
    int sentence_ends = 0;      // sentence punctuation anywhere in the line
    int full_stops = 0;         // ... of which Latin full stops ("." after a letter; a Japanese title
                                // may hold a "。": "コンビニでも！ ...開始。 AKBの...")
    bool bullet = false;
    bool prose = false;         // terminal or at least two sentence ends
    bool title_like = false;    // short, no sentence punctuation: a title, menu item or link
    bool comma_end = false;     // ends in a comma: a line of a hard-wrapped paragraph
    bool ellipsis = false;      // ends in "..." / "…": a teaser cut off, or prose trailing off
    bool period_end = false;    // ends in a full stop ("。", ".", "।": line_chars::is_full_stop; closing
                                // quotes skipped): a sentence, not a link
    bool colon_end = false;     // ends in ":" ("Tags:", "Lesen Sie dazu auch:"): a label over what follows
    bool url = false;           // the whole line is one URL
    bool field = false;         // "key:value", a row of a spec or info box
    bool digits = false;        // has a digit: a date, a byline's time, a table row
    int bars = 0;               // '|' separators
    Cue cue = Cue::none;
    int phrases = 0;            // lexicon phrases the line is made of (button / heading)
    bool spaced_link = false;   // "previous foo": a link head without ':' (needs a pair)
    bool embed = false;         // lynx's "IFRAME: <url>": judged by its neighbours, no evidence for them
    int latin_words = 0, latin_stop = 0;  // words of space-separated scripts, and how many are stop words
    int cjk = 0;                // CJK characters among the code points scanned for words (k_stop_scan)
};

// `normalized` is NFKC + case-folded with white space collapsed; `weight` in weight units.
LineShape measure_line(std::string_view normalized, int weight, const LexiconLookup& lookup);

}  // namespace once
