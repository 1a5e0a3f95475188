// inside_paste_test.cpp — a passage pasted inside sentences of the page (issue 11, item 6):
// the page's own words run into its first piece and on after its last, and neither piece is a
// whole sentence (plan/inside_paste.cpp, step 0 of planning). The harness is plan_run.hpp.
#include "once/plan/planner.hpp"

#include "plan/plan_run.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using plan_test::check_copies;
using plan_test::PlanRun;

}  // namespace

TEST_CASE("planner: a paste put inside a sentence of the page is removed, the page's words around it stay") {
    // Held-out pastes start and end mid-sentence inside a longer paragraph: the page's own words
    // run into the first piece (the end of a source sentence) and on after the last (the start of
    // the next one), so neither piece is all of a sentence of the page. Found by both pieces'
    // keys (Matcher::sentence_ending, sentence_starting), or from the bands' near match of one
    // piece's sentence; each piece weighs config.min_length (bench/inject_real.py --pasted-mid:
    // pastes spanning one sentence boundary, 7 of 162 found before, seed 1).
    check_copies({
        {"English, by both keys",
         "When the regional council finally met on a cold Tuesday evening in the old town hall, after months of "
         "letters, petitions, public meetings and angry phone calls from residents of every district, it agreed to "
         "discuss the new water treatment plant planned near the river bank. Residents have complained for many "
         "years about the smell and the noise from the old facility on the hill above the school, and a decision "
         "is expected in the spring.\n",
         "Our own story begins here, far from that town. We asked people in the market what they thought and they "
         "said we should discuss the new water treatment plant planned near the river bank. Residents have "
         "complained for many years about the smell and the noise but the mayor did not want to comment on it.\n",
         "Our own story begins here, far from that town. We asked people in the market what they thought and they "
         "said we should but the mayor did not want to comment on it.\n"},
        {"Japanese, by both keys",
         "東京都の担当者は、新しい鉄道路線の建設計画について地元の理解を得るため、来月から各地区で住民説明会を順次開催すると"
         "発表した。計画では都心と臨海部を結ぶ約六キロの区間に五つの駅を新設し、二〇三〇年代半ばの開業を目指すという。\n",
         "今日は別の話題から始めたい。商店街の人たちに話を聞くと、各地区で住民説明会を順次開催すると発表した。計画では都心"
         "と臨海部を結ぶ約六キロの区間に五つの駅を新設し、店主の多くは期待していると話した。\n",
         "今日は別の話題から始めたい。商店街の人たちに話を聞くと、店主の多くは期待していると話した。\n"},
        {"English, the second piece matched by the bands",
         "The games tell us much about this hostile universe, but there are a lot of unresolved story points. In "
         "response to these mysteries, the article will provide a healthy amount of speculation. You can consider "
         "the piece to be either a makeshift timeline illustrated with fan artwork, or simply an enthusiastic "
         "attempt to reconcile the series continuity into a cohesive whole.\n",
         "But in fairness, there is no real definition. Instead, doctors often use phrases response to these "
         "mysteries, the article will provide a healthy amount of speculation. You can consider the piece to be "
         "either a makeshift timeline illustrated with fan artwork, or simply an enthusiastic attempt to reconcile "
         "the series continuity into a cohesive like multidrug-resistant bacteria.\n",
         "But in fairness, there is no real definition. Instead, doctors often use phrases like multidrug-resistant "
         "bacteria.\n"},
    });
}

TEST_CASE("planner: two pieces inside the page's sentences are not a paste when one is light or a template's") {
    check_copies({
        // A stock ending and the next sentence's stock quote (5 + 15 words) followed each other
        // in an earlier page too (the generator's corpus): each piece must weigh config.min_length.
        {"a light first piece",
         "However, hospital staff called for the crypto exchange's license with support from both parties. \"There "
         "is still a lot of work ahead,\" a union representative said, referring to the new visitor center.\n",
         "The coaching staff suspended the CEO's pay package with support from both parties. \"There is still a lot "
         "of work ahead,\" a union representative said, referring to the sports center upgrade.\n",
         "The coaching staff suspended the CEO's pay package with support from both parties. \"There is still a lot "
         "of work ahead,\" a union representative said, referring to the sports center upgrade.\n"},
        // Both ends of the first sentence shared, another app's name between: a template's
        // sentence with other facts, not the page's words around a paste (ldcc, smax).
        {"a template with another fact inside",
         "暇潰しも全力でできるという斬新なゲームアプリだ。Google Play Storeで「全力」「全力キャッチボール」などと入力して検索するれば"
         "該当するアプリがHITする。インストール後のアプリサイズ(容量)は約1.4MB。\n",
         "忍耐力が試される画期的なゲームアプリだ。Google Play Storeで「ねこふぃっしんぐ」などと入力して検索するれば該当するアプリが"
         "HITする。インストール後のアプリサイズ(容量)は約900KB。\n",
         "忍耐力が試される画期的なゲームアプリだ。Google Play Storeで「ねこふぃっしんぐ」などと入力して検索するれば該当するアプリが"
         "HITする。インストール後のアプリサイズ(容量)は約900KB。\n"},
    });
}

TEST_CASE("planner: a passage pasted inside sentences of two pages is found in the second too") {
    // The first page's paste is removed, but its sentence that goes on after the last piece stays
    // (the page's own words follow the piece) and is the newest under the key of its start: the
    // second page's keys then name the source's sentence by the end and that sentence by the
    // start, whose predecessor's kept copy is the source's (inject_real --pasted-mid: the same
    // passage pasted twice, 2 of seed 1's misses).
    const std::string source =
        "東京都の担当者は、新しい鉄道路線の建設計画について地元の理解を得るため、来月から各地区で住民説明会を順次開催すると"
        "発表した。計画では都心と臨海部を結ぶ約六キロの区間に五つの駅を新設し、二〇三〇年代半ばの開業を目指すという。\n";
    const std::string first =
        "今日は別の話題から始めたい。商店街の人たちに話を聞くと、各地区で住民説明会を順次開催すると発表した。計画では都心"
        "と臨海部を結ぶ約六キロの区間に五つの駅を新設し、店主の多くは期待していると話した。\n";
    const std::string second =
        "週末の天気は晴れの予報だ。駅前で配られたチラシには、各地区で住民説明会を順次開催すると発表した。計画では都心"
        "と臨海部を結ぶ約六キロの区間に五つの駅を新設し、と大きな字で書かれていた。\n";
    PlanRun run;
    run.add(source);
    CHECK(run.add(first).cleaned == "今日は別の話題から始めたい。商店街の人たちに話を聞くと、店主の多くは期待していると話した。\n");
    CHECK(run.add(second).cleaned == "週末の天気は晴れの予報だ。駅前で配られたチラシには、と大きな字で書かれていた。\n");
}

TEST_CASE("planner: a light piece inside the page's sentence goes with a heavy piece it continues in the source") {
    // One piece lighter than config.min_length beside one of config.min_inline_length, token by
    // token across the source's sentence boundary (two_pieces): of the pastes inside a sentence
    // left by the rule for two pieces of config.min_length each, 46 of 59 were that shape
    // (bench/inject_real.py --pasted-mid, seed 1). The source is named by the heavy piece's key:
    // the start of the sentence after the first piece, or the end of the one before the last.
    check_copies({
        {"Japanese, a light first piece (by the start's key)",
         "市の教育委員会は、来年度から市内すべての小学校で英語の授業時間を週二時間に増やす方針を固めた。新しい授業では外国人講師と"
         "担任が協力し、会話や歌を中心にした内容で、子どもたちが英語を楽しく学べるよう工夫するという。\n",
         "商店街の夏祭りは今年も大勢の人でにぎわい、通りには屋台がずらりと並んでを固めた。新しい授業では外国人講師と担任が協力し、"
         "会話や歌を中心にした内容で、子どもたちが英語を楽しく学べ、夜遅くまで笑い声が響いていた。\n",
         "商店街の夏祭りは今年も大勢の人でにぎわい、通りには屋台がずらりと並んで、夜遅くまで笑い声が響いていた。\n"},
        {"English, a light first piece (by the start's key)",
         "The regional transport authority said on Monday that it would spend the money on new trains. The first of "
         "the twenty new carriages ordered from the factory in the north will enter service on the coastal line next "
         "spring, and the rest will follow by the end of the following year.\n",
         "My grandmother still remembers the day the old station opened with new trains. The first of the twenty new "
         "carriages ordered from the factory in the north will enter service on the coastal line next spring, when "
         "the whole village came out to watch.\n",
         "My grandmother still remembers the day the old station opened with, when the whole village came out to "
         "watch.\n"},
        {"Japanese, a light last piece (by the end's key)",
         "県警によると、男は先月から市内の住宅街を中心に、留守の家を狙った空き巣を繰り返していたとみられ、これまでに少なくとも十二件"
         "の被害が確認されている。調べに対し、容疑を認めているという。\n",
         "今年の花火大会は雨のため延期となったが、会場近くでは留守の家を狙った空き巣を繰り返していたとみられ、これまでに少なくとも"
         "十二件の被害が確認されている。調べに対し、多くの見物客が次の開催日を待ちわびている。\n",
         "今年の花火大会は雨のため延期となったが、会場近くでは、多くの見物客が次の開催日を待ちわびている。\n"},
        {"English, a light last piece (by the end's key)",
         "Officials at the port confirmed that the container ship had been held for three days while inspectors "
         "checked its cargo of electronics, furniture and frozen food for signs of damage. No one was hurt in the "
         "incident.\n",
         "The festival organisers were relieved when the container ship had been held for three days while "
         "inspectors checked its cargo of electronics, furniture and frozen food for signs of damage. No one was left "
         "without a ticket in the end.\n",
         "The festival organisers were relieved when left without a ticket in the end.\n"},
    });
}

TEST_CASE("planner: a run that ends inside its last sentence takes a light piece at its head") {
    // The run's last sentence, a near copy, is cut back to the part it shares with its source:
    // the paste ends inside it, the page's words after. Like a piece reaching into the sentence
    // after, that is the mark of a paste, and the piece before the run needs only
    // k_min_second_piece_weight (bench/inject_real.py --pasted-mid, seed 2: "[いけません。]もちろん、...").
    check_copies({
        {"Japanese",
         "夏を前に日焼けが気になる季節になってきましたね。天気が曇っているからといって油断してはいけません。もちろん、外から肌を守る"
         "ことは必要ですが、カラダの中からも肌を守ることができれば最強ですよね。イギリスの大学の研究チームが、六週間にわたって多くの果物"
         "と野菜を食べた人たちの肌の色が変化したと発表。\n",
         "東芝のLEDが来月からフランスの美術館のライトアッいけません。もちろん、外から肌を守ることは必要ですが、カラダの中からも肌を守る"
         "ことができれば最強ですよね。イギリスの大学の研究チームが、六週間にわたって多くの果物と野菜を食べた人たちの肌の色プに使用される予定。\n",
         "東芝のLEDが来月からフランスの美術館のライトアップに使用される予定。\n"},
        {"English",
         "The company said the new phones would go on sale in March. Customers who order early will receive a free "
         "case and a voucher for the online store worth twenty dollars. The offer is only valid in the United States, "
         "Canada, Mexico and Brazil for customers who register online before the first of April, or until the end of "
         "the month while stocks last in the shops and on the website.\n",
         "Our reporter visited the market where vendors were selling in March. Customers who order early will receive "
         "a free case and a voucher for the online store worth twenty dollars. The offer is only valid in the United "
         "States, Canada, Mexico and Brazil for customers who register online before the first of April, vendors "
         "said.\n",
         "Our reporter visited the market where vendors were selling , vendors said.\n"},
    });
}

TEST_CASE("planner: a word or two of the page's own before a paste's first piece stay, though an edit is as short") {
    // The run's first sentence, a near copy inside a paragraph, holds a word or two of the page's
    // before the part it shares with its source, whose sentence goes on before that part for three
    // words or six characters: a paste's first piece, not a word edited on both sides, so only the
    // shared part goes (bench/inject_real.py --pasted-mid: over 2% of the copy removed outside it,
    // "[新井は「何]ト掲示板では..."). A line of its own is not cut so (a URL with another app's name).
    check_copies({
        {"Japanese",
         "昨日の夕方、市議会の委員会は長い議論の末に、市内の二酸化炭素の排出量を今後十年で半分に減らす計画にようやく合意した。計画は"
         "来週、市長に提出される予定だ。\n",
         "私たちは早めに会場を出た。ついに長い議論の末に、市内の二酸化炭素の排出量を今後十年で半分に減らす計画にようやく合意した。"
         "計画は来週、市長に提出される予定だ。\n",
         "私たちは早めに会場を出た。ついに\n"},
        {"English",
         "Late on Thursday evening, after a long debate the members of the committee finally agreed to a plan that "
         "would cut the city's carbon emissions by half before the end of the decade. The plan will be presented to "
         "the mayor next week.\n",
         "We left the hall early. It was after a long debate the members of the committee finally agreed to a plan "
         "that would cut the city's carbon emissions by half before the end of the decade. The plan will be presented "
         "to the mayor next week.\n",
         "We left the hall early. It was\n"},
    });
}
