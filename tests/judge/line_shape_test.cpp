// line_shape_test.cpp — measure_line's character walk against line_chars' own functions.
//
// measure_line reads each character once, with an ASCII path and one class lookup for the rest,
// and passes non-ASCII text eight bytes at a time when it looks for junk runs. The reference
// below is the plain walk it replaced: next_cp per character and the line_chars questions asked
// one by one. The counts must agree on every input, malformed ones included.
#include "once/judge/line_shape.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "once/judge/lexicon.hpp"
#include "once/judge/line_chars.hpp"
#include "once/judge/shape_scores.hpp"

namespace {

using namespace once::line_chars;

struct Counts {
    int latin_words = 0, latin_stop = 0, cjk = 0, sentence_ends = 0, full_stops = 0, bars = 0;
    bool digits = false;
    bool junk = false;
};

Counts reference_counts(std::string_view s, const once::LexiconLookup& lookup) {
    using once::shape_scores::k_stop_scan;
    Counts out;
    bool in_word = false;
    std::size_t word_start = 0;
    std::size_t scanned = 0;
    char32_t prev = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = next_cp(s, i);
        const bool w = is_word_char(c);
        if (w && !in_word) word_start = at;
        if (!w && in_word && scanned < k_stop_scan) {
            ++out.latin_words;
            if (lookup.stop(s.substr(word_start, at - word_start))) ++out.latin_stop;
        }
        in_word = w;
        if (scanned < k_stop_scan && is_cjk(c)) ++out.cjk;
        if (is_sentence_end(c)) {
            if (c != '.') {
                ++out.sentence_ends;
            } else if ((i >= s.size() || s[i] == ' ' || s[i] == '"' || s[i] == '^' || s[i] == '[') &&
                       (is_word_char(prev) || is_cjk(prev)) && !is_digit(prev)) {
                ++out.sentence_ends;
                ++out.full_stops;
            }
        }
        out.digits = out.digits || is_digit(c);
        out.bars += c == '|';
        prev = c;
        ++scanned;
    }
    if (in_word && scanned <= k_stop_scan) {
        ++out.latin_words;
        if (lookup.stop(s.substr(word_start))) ++out.latin_stop;
    }
    // Junk runs, byte by byte.
    using once::shape_scores::k_junk_run_bytes;
    std::size_t junk = 0, run_start = 0, run = 0;
    const auto close_run = [&] {
        const std::string_view piece = s.substr(run_start, run);
        if (run >= k_junk_run_bytes && piece.find_first_not_of(piece[0]) != std::string_view::npos) junk += run;
        run = 0;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b == ' ' || b >= 0x80) {
            close_run();
            continue;
        }
        if (run == 0) run_start = i;
        ++run;
    }
    close_run();
    out.junk = (s.size() >= k_junk_run_bytes &&
                once::shape_scores::k_junk_share_den * junk >= once::shape_scores::k_junk_share_num * s.size()) ||
               s == once::shape_scores::k_lynx_ins;
    return out;
}

void check_same(std::string_view line, const once::LexiconLookup& lookup) {
    CAPTURE(std::string(line));
    // A weight above every cue's limit: only the walk and the junk test run.
    const once::LineShape shape = once::measure_line(line, 1000, lookup);
    const Counts want = reference_counts(line, lookup);
    CHECK(shape.latin_words == want.latin_words);
    CHECK(shape.latin_stop == want.latin_stop);
    CHECK(shape.cjk == want.cjk);
    CHECK(shape.sentence_ends == want.sentence_ends);
    CHECK(shape.full_stops == want.full_stops);
    CHECK(shape.bars == want.bars);
    CHECK(shape.digits == want.digits);
    CHECK((shape.cue == once::Cue::junk) == want.junk);
}

}  // namespace

TEST_CASE("measure_line: the one-pass walk counts what line_chars' functions count") {
    const once::LexiconLookup lookup(once::Lexicon::builtin());
    const std::vector<std::string> lines = {
        "",
        " ",
        "the cat sat on the mat. it was not a dog.",
        "e.g. 3.5 and u.s. policy.^[2] the next",
        "don't stop | share | tweet",
        "café au lait, crème brûlée. façade!",           // Latin-1 letters, two-byte UTF-8
        "e\u0301te\u0301 naïve",                          // combining marks inside words
        "友人代表のスピーチ、独女はどうこなしている？",
        "もうすぐジューン・ブライドと呼ばれる6月。独女の中には「お祝い貧乏」。",
        "全角．句点！疑問？ 。",
        "mixed 日本語 text and 한국어 words. 中文。",
        "\u0e01\u0e32\u0e23 thai \u1780 khmer \u1000 myanmar",
        "emoji \U0001F600 and ext-b \U00020B9F.",
        "\xff\xfe broken \xe3\x81 truncated \xc0\xaf overlong \xed\xa0\x80 surrogate.",
        "ends with a lead byte \xe3",
        "\x80\x80\x80\x80\x80\x80\x80\x80\x80 continuation only",
        std::string(120, 'a'),
        std::string(60, 'x') + std::string(60, 'y'),
        "https://example.com/" + std::string(110, 'q') + "?a=1&b=2",
        std::string(30, ' ') + std::string(150, 'z') + "1",
        "[ins: :ins]",
        std::string(200, '\xe3'),
    };
    for (const std::string& line : lines) check_same(line, lookup);

    // Runs of CJK characters and punctuation, which measure_line's walk passes in an inner loop:
    // across k_stop_scan (400 code points) at several offsets, broken by every kind of character
    // (kana voicing marks, digits and enclosing marks of three bytes among them), malformed
    // sequences and leads E0 (Thai) and ED (surrogate forms), and cut short at the line's end.
    std::string run;
    for (int k = 0; k < 450; ++k) run += k % 5 == 0 ? "「日本語」の文章。" : "日本語の文章、";
    for (const std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{1190},
                                  std::size_t{1197}, std::size_t{1200}, std::size_t{1203}}) {
        check_same(run.substr(0, cut), lookup);
        check_same("word " + run.substr(0, cut) + " word.", lookup);
        check_same(run.substr(0, cut) + "。" + run.substr(0, 30) + "\xe6\x97", lookup);
        check_same(std::string(cut % 7, 'a') + run.substr(0, cut) + "\u0e01\u0e32日本\xed\xa0\x80本.", lookup);
        check_same(run.substr(0, cut) + "か\u3099き\u1041く\u20ddけ、. こ. ", lookup);
    }

    // Random lines from pieces of every kind, long enough to cross k_stop_scan and the junk
    // test's eight-byte steps at every alignment.
    const std::vector<std::string_view> pieces = {
        "日本語の文章です", "カタカナ", "中文汉字", "\u0e01\u0e32\u0e23", "」。「", "…", "※",  // CJK runs
        "\u3099", "\u1041", "\u20dd", "\u2160",  // a kana mark, a Myanmar digit, an enclosing mark, a Roman numeral
        "the", "of", "and", "word", "x", "12", "3.5", ".", "!", "?", ",", "'", "|", " ", "  ", "-", "^[2]", "\"",
        "é", "ß", "ñ", "\u0301", "日", "本", "の", "。", "、", "．", "！", "？", "ー", "・", "「", "」",
        "한", "\U0001F600", "\xff", "\xe3\x81", "\xc0", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80",
        "abcdefghijklmnopqrstuvwxyz0123456789/?=&", "ＡＢＣ", "\t",
    };
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    const auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int n = 0; n < 3000; ++n) {
        std::string line;
        const std::size_t count = next() % 160;
        for (std::size_t k = 0; k < count; ++k) line += pieces[next() % pieces.size()];
        check_same(line, lookup);
    }
}

// A key in lenticular brackets at the line's start, with a value after it, is a key:value row
// (a review's summary, a spec box); a bracketed tag alone or after a bullet is not.
TEST_CASE("measure_line: 【key】value is a key:value row") {
    const once::LexiconLookup lookup(once::Lexicon::builtin());
    auto field = [&](std::string_view s) { return once::measure_line(s, 10, lookup).field; };
    CHECK(field("【見どころ】人物の感情表現"));
    CHECK(field("【おすすめ度】★★★★"));
    CHECK(field("【主演】 张三"));
    CHECK(field("価格:無料"));
    CHECK(field("weight: 2 kg"));
    CHECK_FALSE(field("【お客様サービスセンター】"));
    CHECK_FALSE(field("【】空のかっこ"));
    CHECK_FALSE(field("・【話題】ドコモでトラブル発生"));
    CHECK_FALSE(field("灯台【話題】"));
    CHECK_FALSE(field("【とても長いカテゴリー名がここに入っている場合】本文"));
    CHECK_FALSE(field("[key] value"));
    // A colon between two digits is a time, a duration or a score: no key ends there.
    CHECK_FALSE(field("14:35 storm closes the coast road"));
    CHECK_FALSE(field("2012年9月12日 11:30 発売"));
    CHECK_FALSE(field("bayern 2:1 dortmund"));
    CHECK(field("opening hours: 10:00 to 17:00"));
    CHECK(field("14:35 update: the road is open"));
}

// The ninth session's word-list entries (data/lexicon/de.txt, en.txt): list headings and buttons
// that trafilatura's pages print after the article, in German and in English.
TEST_CASE("measure_line: the ninth session's list headings and buttons") {
    const once::LexiconLookup lookup(once::Lexicon::builtin());
    auto cue = [&](std::string_view s) { return once::measure_line(s, 6, lookup).cue; };
    CHECK(cue("weitere themen") == once::Cue::heading);
    CHECK(cue("themen in diesem artikel") == once::Cue::heading);
    CHECK(cue("topics in this article") == once::Cue::heading);
    CHECK(cue("zurück zur startseite") == once::Cue::button);
    CHECK(cue("back to home") == once::Cue::button);
    CHECK(cue("weitere themen der woche sind teuer") == once::Cue::none);
}

// The eleventh session's word-list entries (data/lexicon/de.txt, en.txt, fr.txt, es.txt, pl.txt): share,
// print and comment buttons, tag labels and list headings that trafilatura's pages print around
// the article, in German, English, French, Spanish and Polish; a sentence that holds the word stays prose.
TEST_CASE("measure_line: the eleventh session's buttons and list headings") {
    const once::LexiconLookup lookup(once::Lexicon::builtin());
    auto cue = [&](std::string_view s) { return once::measure_line(s, 6, lookup).cue; };
    CHECK(cue("seite drucken") == once::Cue::button);
    CHECK(cue("diese seite teilen") == once::Cue::button);
    CHECK(cue("jetzt teilen!") == once::Cue::button);
    CHECK(cue("teilen mit:") == once::Cue::button);
    CHECK(cue("hinterlasse eine antwort") == once::Cue::button);
    CHECK(cue("folge uns überall!") == once::Cue::button);
    CHECK(cue("markiert mit") == once::Cue::button);
    CHECK(cue("weiterführende links") == once::Cue::heading);
    CHECK(cue("lesen sie auch die folgenden beiträge:") == once::Cue::heading);
    CHECK(cue("tagged:") == once::Cue::button);
    CHECK(cue("flattr this:") == once::Cue::button);
    CHECK(cue("pdf version") == once::Cue::button);
    CHECK(cue("view the discussion thread.") == once::Cue::button);
    CHECK(cue("permalien") == once::Cue::button);
    CHECK(cue("le puede interesar: la ficha del candidato en el tribunal") == once::Cue::link);
    CHECK(cue("the birds were tagged by researchers in may.") == once::Cue::none);
    // Polish (data/lexicon/pl.txt, new): list headings over related links and the author's other articles.
    CHECK(cue("zobacz także") == once::Cue::heading);
    CHECK(cue("najnowsze") == once::Cue::heading);
    CHECK(cue("inne artykuły autora") == once::Cue::heading);
    CHECK(cue("czytaj też: rząd przyjął projekt ustawy") == once::Cue::link);
    CHECK(cue("die seite drucken lassen wir morgen") == once::Cue::none);
}

// Shell pipes and bars inside quotes or parentheses are code, not a menu's separators
// (bench/docsite.py: Debian's manuals lost their commands as `menu-row`; issue 11).
TEST_CASE("measure_line: a command's pipes are no menu row; a menu's bars still are") {
    const once::LexiconLookup lookup(once::Lexicon::builtin());
    auto cue = [&](std::string_view s) { return once::measure_line(s, 6, lookup).cue; };
    CHECK(cue("# sort ls1.txt | uniq | less") != once::Cue::nav_row);
    CHECK(cue("$ lsof |grep bar|grep less") != once::Cue::nav_row);
    CHECK(cue("check status of \"$unit|$pid|device\" \"systemctl status $unit|$pid|$device\"") != once::Cue::nav_row);
    CHECK(cue("extend-diff-ignore = \"(^|/)(config\\.sub|config\\.guess|makefile)$\"") != once::Cue::nav_row);
    CHECK(cue("ruby gems | python eggs | rust crates") == once::Cue::nav_row);
    CHECK(cue("ruby gems|python eggs|rust crates") == once::Cue::nav_row);
    CHECK(cue("トップ | ニュース | スポーツ | 天気") == once::Cue::nav_row);
    CHECK(cue("\"ruby gems\" | \"python eggs\" | \"rust crates\"") == once::Cue::nav_row);
    CHECK(cue("| ruby gems | python eggs | rust crates |") == once::Cue::nav_row);
}

// A document's section number of two levels or more makes the line a heading, whatever word
// follows: the installation guide's "7.3. ログイン" (Logging In) went as a login button and the
// page lost its headline (bench/docsite.py, install-ja/ch07s03.html; issue 11 item 2). One level
// ("1. login"), a date's numbers and a release's are left to the word lists.
TEST_CASE("measure_line: a heading numbered as a manual's section is no button") {
    const once::LexiconLookup lookup(once::Lexicon::builtin());
    auto cue = [&](std::string_view s) { return once::measure_line(s, 6, lookup).cue; };
    CHECK(cue("7.3. ログイン") == once::Cue::none);
    CHECK(cue("7.3. 登录") == once::Cue::none);
    CHECK(cue("7.3. log in") == once::Cue::none);
    CHECK(cue("5.2. accessibility") == once::Cue::none);
    CHECK(cue("12.1.3 log in") == once::Cue::none);
    CHECK(cue("a.2. log in") == once::Cue::none);
    // The words alone, one level, a date, a number run into the word: the word lists decide.
    CHECK(cue("ログイン") == once::Cue::button);
    CHECK(cue("登录") == once::Cue::button);
    CHECK(cue("log in") == once::Cue::button);
    CHECK(cue("1. log in") == once::Cue::button);
    CHECK(cue("24.12.2024 log in") == once::Cue::button);
    CHECK(cue("7.3.log in") == once::Cue::button);
    CHECK(cue("123.4 log in") == once::Cue::button);
    // A date and a release are no section numbers (trafilatura's meininger.de, github.com).
    CHECK_FALSE(once::measure_line("28.01.22 / 0 kommentare", 6, lookup).cue == once::Cue::none);
    CHECK(cue("0.9.1 latest") == once::Cue::heading);
    CHECK(cue("1.05 log in") == once::Cue::button);
}

// A rights line that opens as a comment of code is a listed script's licence header, not the
// page's footer (bench/docsite.py: Debian Reference's chapter 12 lost its script's header and the
// three sentences introducing the script as chrome, in English, Chinese and Japanese).
TEST_CASE("measure_line: a licence header in a listing is no rights line; a footer still is") {
    const once::LexiconLookup lookup(once::Lexicon::builtin());
    auto cue = [&](std::string_view s) { return once::measure_line(s, 6, lookup).cue; };
    CHECK(cue("# copyright (c) 2021 osamu aoki <osamu@debian.org>, public domain") != once::Cue::copyright);
    CHECK(cue("# (c) 2011 foo bar, gpl2+") != once::Cue::copyright);
    CHECK(cue("// copyright 2009 the go authors. all rights reserved.") != once::Cue::copyright);
    CHECK(cue("/* copyright (c) 2020 example corp */") != once::Cue::copyright);
    CHECK(cue("  # copyright (c) 2021 osamu aoki") != once::Cue::copyright);
    CHECK(cue("copyright (c) 2021 osamu aoki") == once::Cue::copyright);
    CHECK(cue("© 2024 riverside gazette. all rights reserved.") == once::Cue::copyright);
    CHECK(cue("* © 2024 riverside gazette") == once::Cue::copyright);
    CHECK(cue("版权所有 © 2024 滨江日报") == once::Cue::copyright);
    CHECK(cue("#copyright 2024 riverside gazette") == once::Cue::copyright);
}
