// shape_scores.hpp — every number the shape classifier decides with, in one place.
//
// Why one place: a bare 0.85 or 120 in a condition is a question nobody can answer later. Each
// constant says what it means and where its value comes from. Two kinds of source recur:
//   - "ldcc": set on the livedoor news corpus (shared/corpora/ldcc.jsonl.gz, 7,367 Japanese
//     articles) and the samples' line oracles (tests/expect), the corpora the rules were written
//     against: the value is the round figure at which the named failure stopped;
//   - "order": a score whose value only matters relative to the others and to the documented
//     thresholds — the default --shape-threshold 0.6 (above: chrome) and 0.85 (docs/
//     boilerplate.md: at 0.85 only lexicon hits and recurrence remain).
// Lengths are weight units (config.hpp): 1 per CJK character, 2 per word.
//
// Contract: internal to src/once/judge (line_shape.cpp, shape.cpp, title_slot.cpp,
// context_passes.cpp); docs/boilerplate.md documents the same values.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace once::shape_scores {

// --- lengths (weight units) -----------------------------------------------------------------
// A line this heavy with sentence punctuation is prose ("good"): ~40 kanji or ~20 words
// (jusText's length_high is 200 characters, ~35 English words; ldcc paragraphs are shorter).
constexpr int k_good_weight = 40;
// A good line at least this heavy scores lower still (twice the good weight).
constexpr int k_good_long_weight = 2 * k_good_weight;
// Recurring prose at least this heavy is a syndicated paragraph, left to the duplicate stage (ldcc).
constexpr int k_long_prose_weight = 60;
// A line at most this heavy may be a button, heading or link row (lexicon checks stop here):
// the longest ldcc button rows ("この記事をはてなブックマークに追加" + share words) stay under it.
constexpr int k_max_cue_weight = 40;
// A short line with terminal punctuation at least this heavy is "near-good" (half a paragraph).
constexpr int k_near_good_weight = 20;
// Menu items above the title are at most this heavy (a 4-word or 10-kanji line; ldcc).
constexpr int k_menu_item_weight = 10;
// A dateline or byline is at most this heavy (a date with a time, "2012年9月12日 11時30分"; ldcc).
constexpr int k_dateline_weight = 16;
// A headline shares words with the article: at least this share of its words (Latin words of
// >= 4 letters, CJK character pairs) occur in the first k_title_body_lines paragraphs. Half: a
// headline paraphrases ("admits" / "admitted"), a related-story title shares a name at most.
constexpr int k_title_body_num = 1, k_title_body_den = 2;
constexpr int k_title_body_lines = 3;
// ... a third when a byline or dateline signs it right below (find_headlines): the head of an
// article, whose headline may pose what its first paragraphs do not yet answer.
constexpr int k_signed_title_body_num = 1, k_signed_title_body_den = 3;
// A byline with the author's title and outlet ("by daniel kahn gillmor, senior staff
// technologist, aclu speech, privacy, and technology project": 26 units) is at most this heavy.
constexpr int k_byline_max_weight = 40;
// ... and it is looked for among this many lines above the title slot or first paragraph,
// chrome lines (menus, share rows) not counted.
constexpr int k_title_search_lines = 8;
// Without a title slot, a headline is at least this heavy (a menu item is a word or two), and
// this heavy when it has digits (a short line with digits is a dateline).
constexpr int k_min_headline_weight = 8;
// A headline whose words come back in the story (find_headline) may be shorter: three words
// (a book chapter's "Monitoring Distributed Systems" on a readability page) or six CJK characters.
constexpr int k_min_matched_headline_weight = 6;
constexpr int k_min_headline_weight_digits = 12;
// A line the page's first line (the window title, "Headline | Site") holds is the headline when it
// is at least this share of that line: the site's name may be as long as a short headline.
constexpr std::size_t k_window_title_num = 2, k_window_title_den = 5;

// --- counts ---------------------------------------------------------------------------------
// A link list after a heading word needs at least this many title-like lines (one fewer when
// bulleted); longer runs than k_link_list_scan lines are not followed (ldcc's related lists
// hold 3-10 links).
constexpr int k_link_list_lines = 3;
constexpr std::size_t k_link_list_scan = 30;
// A button cue printed this many times on one page is a repeated widget (rescue_soft_cues).
constexpr int k_widget_repeats = 3;
// The title slot: at most this many lead paragraphs between it and the first good paragraph,
// at most this many lines (title, byline, dateline), and without a slot the headline is looked
// for among this many non-blank lines above the first paragraph (ldcc; samples).
constexpr int k_title_max_leads = 2;
constexpr std::size_t k_title_slot_lines = 3;
constexpr int k_headline_search_lines = 6;
// ... where menu-sized lines are passed over for free, but not past this many non-blank lines: a
// menu of 8 items between the headline and its dateline (generated pages) is passed, a site's
// whole navigation with a newsletter box above it (a trafilatura page: 48 lines) is not.
constexpr int k_headline_reach_lines = 2 * k_title_search_lines;
// Two runs of paragraphs parted by at most this many non-blank lines are one story (an in-article
// share row of two buttons and a pull quote with its lead-in: 4 on a readability news page); a
// headline, byline, dateline and share row over a story are more.
constexpr int k_story_gap_lines = 4;
// A menu row "a | b | c": at least this many cells, each at most this many words or CJK
// characters, fewer than half of them with numbers (a table keeps numbers).
constexpr int k_nav_row_cells = 3;
constexpr int k_nav_cell_words = 4;
constexpr int k_nav_cell_cjk = 12;
// The arrows between a breadcrumb's crumbs (not " / ": spec lists use it).
constexpr std::array<std::string_view, 3> k_breadcrumb_arrow_marks = {" > ", " \u203a ", " \u00bb "};
// A breadcrumb has at least this many arrows ("a > b > c").
constexpr int k_breadcrumb_arrows = 2;
// A link head ("previous:", "上一篇:") is looked for among the first this many word breaks, a
// link suffix ("…はこちら") in the last this many code points.
constexpr int k_link_head_breaks = 4;
constexpr int k_link_suffix_chars = 10;
// A run of at least this many ASCII bytes without a space is no text in any language: a query
// string, an encoded ad frame, a tracking URL (the longest English words are ~30 letters; a
// readability page's ad frames print 1,000-byte runs of %XX).
constexpr std::size_t k_junk_run_bytes = 100;
// ... and such runs make up at least 3/4 of the line (a caption quoting an HTML link with a
// 150-byte URL, on a readability page, is two thirds URL and still a caption).
constexpr std::size_t k_junk_share_num = 3, k_junk_share_den = 4;
// A page with no paragraph but at least this many lines of at least this weight (no cue, no
// bullet) is written in unpunctuated lines: those lines are its text (a Chinese blog on the
// readability set; three quarters of a good paragraph's weight).
constexpr int k_unpunctuated_lines = 5;
constexpr int k_unpunctuated_weight = 30;
// A footnote or annotation in square brackets at the end of a line ("^[2]", "[citation needed]",
// "[mp3 sp]" on a readability wiki page) is at most this many bytes, brackets included; a longer
// bracketed tail is text of its own.
constexpr std::size_t k_annotation_bytes = 24;
// A block wrapped at a width (lines ending inside sentences) is a paragraph with at least this
// many lines and sentence ends, its last line ending one (readability's RFC page: the legal
// notice and the introduction under its table of contents went as chrome).
constexpr int k_wrapped_lines = 3;
constexpr int k_wrapped_sentences = 2;
// A page is double-spaced (a blank line after every line, so blank lines part no paragraphs)
// with at least this many blocks, 9 in 10 of them one line long: every en and zh document
// bench/inject_real.py builds from the devsets' gold texts is (0.9 to 1.0 of its blocks), no
// ldcc article is (0.0). Some lynx pages are too (a trafilatura page of headings and teasers):
// the page alone is no evidence, the lines must read as wrapped (one_width).
constexpr int k_double_spaced_blocks = 10;
constexpr int k_double_spaced_num = 9, k_double_spaced_den = 10;
// ... where a paragraph wrapped at a width has its lines that go on at least half the width
// (an RFC line before a long URL: "provisions relating to ietf documents", 37 of 72 bytes), and
// its last line at most this many bytes past it (a word of the next line, kept when collapsing
// white space may shorten the others).
constexpr std::size_t k_wrap_fill_den = 2;
constexpr std::size_t k_wrap_overshoot_bytes = 8;
// A "key: value" row has its colon (or a "【key】value" row its closing bracket) within this many
// bytes of the start.
constexpr std::size_t k_field_key_bytes = 40;
// Levels of a section number that make a line a document's heading, not a lexicon row ("7.3."
// of a manual's "7.3. ログイン"; "1." alone also numbers menus and link lists).
constexpr int k_section_number_levels = 2;
// What opens a comment line in a listed script or program (shell, Python, C, C++, Java, Go, JS):
// a rights line that opens so is the listing's licence header, not a footer.
constexpr std::array<std::string_view, 3> k_code_comment_marks = {"# ", "// ", "/* "};
constexpr std::string_view k_key_open = "\u3010";   // 【
constexpr std::string_view k_key_close = "\u3011";  // 】
// A spec box: at least this many key:value rows, and at least half of the block.
constexpr int k_data_block_rows = 3;
// A spec table of "label value" rows: at least this many rows (half of the block or more, half
// of them with a measurement or a mark), this many with a number of this page alone, each row at
// most this many bytes (normalized: 20 or so CJK characters, a label and a value).
constexpr int k_spec_table_rows = 6;
constexpr int k_spec_table_own_rows = 2;
constexpr std::size_t k_spec_row_bytes = 64;
constexpr std::size_t k_spec_row_parts = 4;
// A table of contents: a block of at least this many entries whose titles come back, in order,
// as the page's own headings further down (a wiki's "contents", an RFC's dot-leader list, a blog's
// 目次), and they make at least half of the block's lines. Three: two matches in order happen by
// chance between a menu and a page's sections ("news", "sport"); a contents list has its sections.
constexpr int k_contents_entries = 3;
// A heading stands over its section: a paragraph among the next this many non-blank lines (a
// hatnote, "main article: …", or a subheading may come between).
constexpr int k_contents_heading_reach = 3;
// The strip of a heading's edit link ("[edit]", "[bearbeiten]", "[編集]") or a section mark: a
// bracket of at most this many bytes at the line's end.
constexpr std::size_t k_contents_mark_bytes = 24;
// The sections a contents list names hold at least this share of the page's paragraph weight:
// they are the article (a wiki page, an RFC: nearly all of it), not teasers under it.
constexpr long k_contents_article_num = 1, k_contents_article_den = 2;
// A section's title stands at most this many times as a line of its own: its contents entry and
// its heading, each twice when the page is printed again (a restart, inject_real's seed 1); a
// running header or footer comes back on every printed page (an RFC's 22).
constexpr std::size_t k_contents_title_repeats = 4;
// Lexicon entries longer than this (bytes) are never matched inside a line.
constexpr std::size_t k_max_entry_bytes = 96;
// Stop-word density is measured on the first this many code points of a line.
constexpr std::size_t k_stop_scan = 400;

// --- shares (numerator / denominator, integer arithmetic) -----------------------------------
// The word lists cover a page's language when at least 1/10 of its Latin words are stop words
// (English prose runs at ~40%, a Russian page at ~0%).
constexpr int k_covered_stop_num = 1, k_covered_stop_den = 10;
// Counted on the page's lines with sentence punctuation (when it has any; a list of names longer
// than the article must not hide its language), the bar is the prose bar k_prose_stop: a
// language that shares a few short words with ours (Papiamento's "a", "e" on a trafilatura page)
// reaches a tenth, not a fifth.
constexpr int k_covered_prose_num = 1, k_covered_prose_den = 5;
// A line of at least this many Latin words, made mostly of them (4 * words >= weight), is prose
// only with at least 1/5 function words (jusText's stopwords_low is 0.30 on its own, longer
// lists; ours are shorter, so the bar is lower).
constexpr int k_stop_test_words = 8;
constexpr int k_prose_stop_num = 1, k_prose_stop_den = 5;
// A block of short lines above the first paragraph is a menu when at least 2/5 of it is chrome
// (one photo credit among three lines does not make a menu).
constexpr int k_menu_chrome_num = 2, k_menu_chrome_den = 5;
// ... of at least this many short lines, at least this many of them chrome already.
constexpr std::size_t k_menu_block_lines = 3;
constexpr std::size_t k_menu_block_chrome = 2;
// The page's tail starts at a heading after which at most 1/5 of the paragraph weight remains.
constexpr int k_tail_share_den = 5;
// The article ends at the first chrome line after its main run of paragraphs when at most 1/5 of
// the page's paragraph weight comes after that line (trafilatura devset: simulated on half A, 3
// pages lost a must-stay snippet at 1/5, 7 at 1/3, 11 at 1/1 — tables, spec boxes and the rest of
// an article after a mid-article caption or button; built, the rule at 1/5 keeps every must-stay
// snippet of both halves and removes 0.05 / 0.04 more of the must-go ones).
constexpr int k_article_end_share_den = 5;
// ... or when the prose after that line comes in pieces that each weigh at most that 1/5 (a
// comment thread, teaser cards: pieces cut off from each other by chrome of form or place), and
// the main run holds at least 1/3 of the page's paragraph weight (a page of many stories, one
// heaviest by a little, has no known article end; without this a baking page whose main run was
// a tenth of its prose lost a must-stay step of its recipe). Tuned on the devsets' half A: readability F1
// 0.8077 -> 0.8190, must-go 756 -> 759, must-stay and content loss unchanged; with pieces cut by
// any chrome, a how-to's last steps went (between photo credits, `© Hoklartherm`), with bulleted
// lines left out a recipe's method and nutrition line did (a must-stay snippet). Checked on half
// B: F1 0.7608 -> 0.7762, must-go 684 -> 690, the rest unchanged; ldcc and the generator's truth
// maps byte-identical.
constexpr int k_foot_main_share_den = 3;
// Cards (card_list.cpp): a teaser list or a comment thread under the article is at least 3
// blocks of one form (the stamps' k_stamp_repeats: two are a pair, not a list), each of at most 6
// non-blank lines (an image's alt text, a section name, a title, a teaser, a byline, a date), its
// text at most 80 weight units (40 words: a teaser or a short comment; an article's section is
// heavier), and the article above the cards at least twice as heavy as all their text (a
// listicle's items, a how-to's steps under their photos are the article itself).
constexpr int k_card_repeats = 3;
constexpr std::size_t k_card_max_lines = 6;
constexpr long k_card_max_weight = 80;
constexpr long k_card_article_ratio = 2;
// A card without a date, a teaser cut off or a chrome line is at least 3 short lines besides its
// text, 2 of them without a number (`von micol passariello` / `travel` / the title; `title` /
// `domácí` / `před 42 minutami`): a step's number and its photo caption (`step 8` / `… (lucy
// akins)`, ehow on readability) or a ranking's rows (`1位 クロワッサン`, ldcc) are the article's.
constexpr long k_card_title_lines = 3;
// Boxes of other stories' titles under the article (title_box.cpp; docs/boilerplate.md, step 3,
// "Other stories' titles"). Measured first on main's maps with bench/box_bound.py, then built and
// checked on the trafilatura devset's halves, readability, the manuals (bench/docsite.py), ldcc and
// r1 (docs/results-log.md, session 32). The article's last long line weighs at least 40 units
// (20 words: Finnish and German say 200 characters in fewer words than English; 40 CJK
// characters); a title weighs 6 to 40 units (3 to 20 words: `Link zum Artikel` is one, a
// teaser's two sentences are not); a box is at least 3 titles in a row (two are a pair: previous
// / next; at 2 a Chinese manual lost a list's lines); the lines under the article's end hold at
// most 3/10 of the page's kept weight; at most 1/4 of the titles' words stand in the article
// above (at 1/5, before the other guards, 6 fewer must-go snippets went);
// rows with figures in half of them or more are a table (ldcc: a phone's specs, a poll's votes,
// concert dates went without this).
constexpr int k_box_min_prose = 40;
constexpr int k_box_min_title = 6;
constexpr int k_box_max_title = 40;
constexpr std::size_t k_box_min_titles = 3;
constexpr long k_box_tail_share_num = 3, k_box_tail_share_den = 10;
constexpr std::size_t k_box_shared_den = 4;
constexpr std::size_t k_box_digit_rows_den = 2;
// Calls to the reader under the article (reader_appeal.cpp; docs/boilerplate.md, step 3, "Calls to
// the reader"). A newsletter, donation or follow plea is one or two sentences: at most 80 weight
// units (40 words: WordPress's "Enter your email below to receive future announcements direct to
// your inbox. An email confirmation will be sent …" is 38) and 3 sentence ends, in a block of at
// most 3 non-blank lines (a comment, a list item or a thread is part of something else).
constexpr int k_appeal_max_weight = 80;
constexpr int k_appeal_max_sentences = 3;
constexpr std::size_t k_appeal_block_lines = 3;
// The calls to act, normalized (lower case, NFKC: "！" is "!"): subscribe, sign up, follow, donate,
// support, in the devsets' languages (English, German, Spanish, French, Polish). Read from half
// A's kept must-go snippets under the article (bench/mustgo_classes.py); each is weak evidence
// alone (issue 11, item 2) and counts only addressed to the reader, short, and below the article's
// end. Japanese and Chinese: only forms that are a call under an article — a mail magazine or a
// newsletter, subscribing, a polite request to follow ("フォローしてください"; "フォロー" alone is
// also "backing someone up"), adding a LINE friend, downloading the app, "follow us", "scan the
// code to follow", "download the client". Not 登録 alone ("registered in the phone book"), not
// 寄付 (a report of a donation), not 下载 alone. CJK text has no spaces, so these are found as
// substrings (reader_appeal.cpp, find_word).
constexpr std::array<std::string_view, 123> k_appeal_words = {
    "subscribe", "subscribe now", "subscribing", "sign up", "sign me up", "signing up", "newsletter",
    "newsletters", "follow us", "follow me", "donate", "donation", "support us", "support our",
    "register", "your inbox", "enter your email", "get the app", "download the app", "never miss",
    "don't miss", "stay up to date", "get the latest",
    "abonnieren", "abonniere", "abonnement", "abo", "anmelden", "melde dich", "melden sie sich",
    "registrieren", "registriere dich", "folge uns", "folgt uns", "folgen sie uns", "folge mir",
    "folgt mir", "unterstütze uns", "unterstützen sie uns", "unterstützen sie", "unterstütze",
    "spende", "spenden", "postfach", "posteingang", "verpassen", "newsletter-anmeldung",
    "suscríbete", "suscribete", "suscríbase", "suscribase", "suscribite", "síguenos", "siguenos",
    "donar", "dona", "regístrate", "registrate", "boletín",
    "abonnez-vous", "inscrivez-vous", "suivez-nous", "faites un don", "je fais un don", "soutenez",
    "lettre d'information", "infolettre", "abonnez",
    "zapisz się", "subskrybuj", "obserwuj nas", "wesprzyj", "prenumeruj", "zaprenumeruj",
    "wspieraj", "dołącz", "zarejestruj się",
    "メルマガ", "メールマガジン", "ニュースレター", "購読", "フォローしてください", "フォローしてね",
    "フォローお願い", "フォローをお願い", "フォローする", "友だち追加", "友達追加", "アプリをダウンロード",
    "アプリのダウンロード", "無料ダウンロード", "会員登録", "無料登録", "チャンネル登録", "ご支援",
    "订阅", "訂閱", "关注我们", "關注我們", "追踪我们", "追蹤我們", "扫码关注", "掃碼關注", "点击关注",
    "點擊關注", "欢迎关注", "歡迎關注", "长按识别", "長按識別", "扫描二维码", "掃描二維碼", "下载客户端",
    "下載客戶端", "下载app", "下載app", "微信公众号", "微信公眾號", "打赏", "打賞", "赞赏", "讚賞",
    "支持我们", "支持我們",
};
// Words that address the reader, or speak for the site to them ("your inbox", "dein Postfach",
// "unser Newsletter", "vous", "síguenos en …"): a call to act with one of them is a plea, not a
// report of someone else's call.
// No "du": French "of the" as often as German "you" (German pleas name "dich", "dein" too).
// Japanese "you" and "everyone" as a site says it to its readers (あなた, 皆さま); not 読者 (it
// is inside 購読者, "subscribers", a report's word); Chinese 您, 你 (substrings, as for the calls).
constexpr std::array<std::string_view, 42> k_appeal_you = {
    "you", "your", "our", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "euch",
    "ihnen", "unser", "unsere", "unseren", "unserem", "unserer", "vous", "votre", "vos", "notre", "nos",
    "tu", "te", "tus", "usted", "nuestro", "nuestra", "nuestros", "nuestras", "twój", "nasz", "naszego",
    "あなた", "皆さま", "皆様", "皆さん", "みなさま", "みなさん", "您", "你", "妳",
};
// Quotation marks: a call inside a quote is somebody's words, the article's ("„Spenden Sie“, sagte
// sie.", "「ご登録ください」と述べた"); guillemets count in pairs (reader_appeal.cpp, quoted).
constexpr std::array<std::string_view, 8> k_appeal_quotes = {"\"", "“", "”", "„", "「", "」", "『", "』"};
// ... or at a column after that run: at least 4 lines down to the next longer or factual line,
// each a chrome line or short and title-like with a letter and no digit or key:value (an amount,
// a date, a spec row is a fact of the article: ingredients, nutrition facts, a car's spec table),
// holding at least 1 chrome line of form or place (not a template, not a copyright mark, as for
// the pair), and starting a block or right after chrome. A teaser list or a comment section
// seldom has two chrome lines in a row, but it is a column of short lines. Tuned on the devsets'
// half A: trafilatura must-go 691 -> 704 of 1,277 snippets (3 lines: the same; 6: fewer); without
// the chrome line readability lost a Japanese site's story index its gold keeps, with digits
// allowed must-stay lost ingredients, nutrition facts and a spec table, with a drawn rule counted
// as a title the foot took a 1,000-byte rule the gold counts as content, and a column starting
// inside a list took a wiki's external links. Checked on half B: must-go 655 -> 666 of 1,284,
// must-stay and content loss unchanged on both halves (docs/boilerplate.md).
constexpr std::size_t k_foot_run_lines = 4;
constexpr std::size_t k_foot_run_chrome = 1;
// ... or at the first stamp after that run: a line with a date or a time (a year or "18:42"), no
// sentence, no key:value, at most a byline's weight, whose form — each run of digits and each word
// read as one mark, punctuation and spaces kept ("sarah - march 10, 2017 at 2:56 am", "bettina
// kugler19.10.2019, 05:00 uhr") — at least 3 distinct lines of the page print, each followed by
// something else than the same form, with mostly lines without figures between them: the stamp
// of each comment of a thread or each card of a teaser list. Stamps cut the prose below the foot's
// opening line into pieces as chrome does, and the same weight tests apply. Tuned on the devsets'
// half A: must-go 784 -> 793, must-stay 1401 unchanged; checked on half B: 718 -> 724, must-stay
// 1460 -> 1459 (a reader's comment the gold keeps); readability content lost unchanged
// (docs/boilerplate.md, step 3.8, "Stamps").
constexpr int k_stamp_repeats = 3;
// A line where '{', '}', ';', '=', '(' and ')' make at least 1/10 of the bytes that are not
// spaces is script source, not prose, whatever its full stops ("e.exports=r},function(e,t,n){"):
// lynx prints inline scripts of some pages as text. Of the devsets' lines of >= 100 bytes with
// sentence punctuation, 126 of 19,000 reach 1/10 (131 on one page of script), German, English
// and Chinese prose stays under 1/13; a code sample in an article is rarely a whole paragraph.
// Forms printed as text (form_block.cpp, rule form-block): lynx prints a text field as a run of
// underscores, a check box as "[ ]" / "[x]", a radio button as "( )" / "(*)" and a button as
// "(button) label" (the text is normalized: case-folded). A form is at least 2 controls, each
// within 3 non-blank lines of the next (a label, a "required fields" note between them), one of
// them a field, check box or radio button (two buttons around a photo's caption are a pop-up); its
// heading is the topmost lexicon phrase among the 3 lines above its first control, its buttons
// the at most 2 lines under its last one (values from the devsets' half A, see docs/boilerplate.md).
constexpr std::string_view k_form_field_mark = "_____";
constexpr std::string_view k_form_button_mark = "(button)";
constexpr std::string_view k_form_control_marks[] = {"[ ]", "[x]", "( )", "(*)", k_form_button_mark};
constexpr int k_form_controls = 2;
constexpr int k_form_gap_lines = 3;
constexpr int k_form_lead_lines = 3;
constexpr int k_form_tail_lines = 2;
constexpr std::string_view k_script_marks = "{};=()";
constexpr int k_script_share_den = 10;

// --- scores (0 = surely article, 1 = surely chrome; "order", see above) ---------------------
constexpr double k_score_copyright = 1.0;       // a copyright footer: never article
constexpr double k_score_cue_row = 0.95;        // >= 2 lexicon phrases, or a menu row "a | b | c"
constexpr double k_score_junk = 0.95;           // a query string or encoded ad frame
constexpr double k_score_button = 0.9;          // one button phrase: chrome even at threshold 0.85
constexpr double k_score_soft_cue = 0.85;       // one heading phrase, a breadcrumb, a link line
constexpr double k_score_recurrence = 0.9;      // a site template (at least this)
constexpr double k_score_context_bad = 0.8;     // a short line between chrome on both sides
constexpr double k_score_link_list = 0.75;      // a title in a list of links under a heading
constexpr double k_score_context_bad_prose = 0.7;  // a prose line between chrome
constexpr double k_score_menu = 0.7;            // a menu item above the title
constexpr double k_score_article_end = 0.7;     // a line after the article's end (below chrome)
constexpr double k_score_form_block = 0.8;     // a line of a form printed as text (controls around it)
constexpr double k_score_article_start = 0.7;   // a line above the article's head (above chrome)
constexpr double k_score_short_mixed = 0.45;    // a short line with mixed neighbours: kept
constexpr double k_score_rescued = 0.4;         // a lone cue between paragraphs: kept
constexpr double k_score_near_good = 0.3;
constexpr double k_score_title = 0.2;
constexpr double k_score_short_good = 0.15;     // a short line between paragraphs
constexpr double k_score_good = 0.1;
constexpr double k_score_good_long = 0.05;

// Copyright and legal footers, matched as substrings of short lines. Language-neutral enough to
// live here rather than in the word lists (they are not buttons or headings).
// "(c)" counts only before a year: "(c) 2011", "(c)2011".
constexpr std::array<std::string_view, 9> k_copyright_marks = {
    "\u00a9", "all rights reserved", "powered by wordpress", "版权所有", "版權所有",
    "禁止转载", "alle rechte vorbehalten", "tous droits réservés", "todos los derechos reservados",
};
// Marks that name the act, not the right: "unauthorized reprinting" is a footer only with its
// prohibition ("記事の無断転載を禁じます", "無断転載はご遠慮ください", "未经授权，不得转载"). Without it
// the line is about the act: an ldcc headline, "ネット上の無断転載を巡る議論　無断転載はされて当然
// という意見にTwitterが騒然", and a quoted title in the story went as footers (of the 7 ldcc lines
// holding one, none is a footer; every footer of the devsets that holds one has its prohibition).
constexpr std::array<std::string_view, 3> k_copyright_act_marks = {"無断転載", "無断複製", "未经授权"};
constexpr std::array<std::string_view, 5> k_copyright_prohibitions = {"禁", "不得", "遠慮", "お断り", "不可"};
// The label a site prints over an advertisement inside its articles, after punctuation and
// spaces at both ends are trimmed ("- advertisement -"); button words of the lexicon, the only
// lines mark_ad_slots looks at. Between two paragraphs such a label is an ad slot
// (context_passes.cpp): readability's lazy-image-2 page prints 24 between its paragraphs, and the
// captions and headings between two of them went as chrome. Not "advertising", the trade: a
// photographer's profile on ldcc heads its list of clients with it. The German, Polish, Spanish,
// French and Chinese labels were added in the twenty-first session: 148 such lines in
// readability's gold, all chrome, and 18 must-go snippets of trafilatura's, none must-stay. Not
// "werbung": a production company's portfolio heads its commercials with it.
constexpr std::array<std::string_view, 8> k_ad_labels = {"advertisement", "広告",      "anzeige", "reklama",
                                                         "publicidad",    "publicité", "广告",    "廣告"};
// What lynx -dump prints for markup without text (normalized: lower case), the converter of the
// devsets and of the held-out lynx dumps: an embedded frame ("iframe: <url>"; in readability's
// gold 92% of such lines are chrome, 23,955 of 26,087 bytes, the rest an article's own video or
// code sample, which stands between paragraphs) and an empty <ins> (an ad slot).
constexpr std::string_view k_lynx_iframe = "iframe:";
constexpr std::string_view k_lynx_ins = "[ins: :ins]";
// ... and an advertisement's text, which an ad network wraps word by word in <ins>: lynx prints
// "[ins: say :ins] [ins: goodbye :ins] [ins: to :ins] [ins: snoring, :ins] …" (readability's msn
// page: 33 such lines, its "more for you" ads). At least this many marked words make the line junk
// when the marks cover k_junk_share of it; one marked word is an editor's insertion.
// lynx prints the links of a page's <head> (<link rel=…>: its feeds, alternate languages and
// editions, publisher, previous and next page) as the dump's first line, "#" glued to the first
// link's title: "#alternate alternate wikipedia (en)", "#firefox nightly news » feed firefox nightly
// news » comments feed", "#prev next pixnet oembed profile …". Only lynx's own lines may stand
// above it (a refresh line, a frame). In the devsets 734 of the 1,077 pages start so; in
// readability's gold all 30 such lines are chrome (29 boiler, 1 dontcare: 4,650 non-white boiler
// bytes, of which 3,926 stayed before). A Markdown heading has a space or a second "#" after its
// first "#", and is not taken.
constexpr char k_lynx_head_links = '#';
constexpr std::string_view k_lynx_refresh = "refresh(";
constexpr double k_score_head_links = 0.95;   // lynx's line of <head> links: no text of the page
// lynx prints a formula's MathML source between "[MATH:" and ":MATH]", on one line or a few. A
// wiki page (MediaWiki's math) puts the formula's TeX in an annotation inside it and prints the
// TeX again as the text after it (its image's alt text): the source is then a second copy of the
// formula in markup no reader reads. Only then is it chrome: a MathJax page's MathML carries no
// annotation, and there the source is the formula's only copy (readability's mathjax page, content
// for its gold). In readability's wikipedia-3 page the 66 annotated blocks are 31,341 non-white
// bytes, all boiler for the gold, and 30% of half A's kept boiler bytes; trafilatura's t-SNE page
// prints 34 such blocks. A block spans at most k_math_block_lines lines with no blank line.
constexpr std::string_view k_lynx_math_open = "[math:", k_lynx_math_close = ":math]";
constexpr std::string_view k_math_tex_annotation = "application/x-tex";
constexpr std::size_t k_math_block_lines = 40;
constexpr double k_score_math_source = 0.95;  // a formula's markup, its TeX printed beside it
constexpr std::string_view k_lynx_ins_open = "[ins: ", k_lynx_ins_close = " :ins]";
constexpr int k_lynx_ins_words = 3;

// The bare word is weak evidence: a headline ("Honda wins China copyright ruling") or a lead
// sentence may use it. It marks a footer only at the start of the line ("Copyright Foo Inc.")
// or before a year or a sign ("... copyright 2011", "copyright (c) foo").
constexpr std::string_view k_copyright_word = "copyright";

}  // namespace once::shape_scores
