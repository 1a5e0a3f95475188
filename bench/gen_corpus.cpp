// gen_corpus — writes a synthetic, deterministic corpus of scraped-looking articles
// (Japanese, English, Chinese) for benchmarking and evaluating `once`.
//
// Why synthetic: real corpora (ldcc) are small and fixed; a benchmark needs any size on
// demand, the same bytes for the same seed, and known ground truth about what was injected.
//
// What it models, per site (default 50 documents a site, one language a site):
//   - prose built from embedded phrase lists, sentences ending in 。！？ (ja/zh) or . ? ! (en),
//     paragraphs of 2–6 sentences, one paragraph per line, a blank line between blocks;
//   - site boilerplate: head menu lines, a share row, a related-articles list naming other
//     documents of the same site, a promo/recruiting block, a copyright line whose year varies;
//   - injected problems at fixed rates (k_rate_* below): exact copy of an earlier paragraph,
//     copy with one word changed, copy cut off mid-sentence, several paragraphs glued into one
//     line, a paragraph copied from an earlier document, a `—END—` marker followed by a
//     restart of the article, a full-width (ＡＩ, ２０２４) copy of a paragraph, a passage pasted
//     into another paragraph that begins and ends mid-sentence (from an earlier document);
//   - the harder cases of real pages: related lists whose entries carry a teaser (the cut
//     opening of that other page's article, which may come later in the corpus), data lines
//     whose numbers differ from page to page, and titles in chrome-like positions (above the
//     menu, or after a breadcrumb line that repeats them).
//
// Usage:
//   gen_corpus --size-mb N --out PATH [--format jsonl|files] [--seed S] [--langs ja,en,zh]
//              [--docs-per-site N] [--truth PATH]
// `--out -` writes JSONL to stdout, so `gen_corpus --out - | zstd -o corpus.jsonl.zst` works.
// `--truth PATH` writes one JSON object per labelled span (boilerplate and injections) with
// byte offsets into the document text, so detectors can be scored, not only timed.
//
// Standard library only, on purpose: the benchmark must build wherever the compiler does.

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

// ---------------------------------------------------------------------------------------------
// Random numbers. splitmix64 is tiny, fast, and has no platform-dependent behaviour, unlike
// std::uniform_int_distribution whose output differs between standard libraries.

constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        state_ += 0x9e3779b97f4a7c15ULL;
        return mix64(state_);
    }
    // Uniform in [0, n); n < 2^32. Multiply-shift avoids the division of `%`.
    std::uint32_t below(std::uint32_t n) {
        return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
    }
    std::uint32_t between(std::uint32_t lo, std::uint32_t hi) { return lo + below(hi - lo + 1); }
    bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
    template <class T> const T& pick(std::span<const T> items) {
        return items[below(static_cast<std::uint32_t>(items.size()))];
    }

private:
    std::uint64_t state_;
};

// Independent streams for the same seed: documents, sites and titles each get their own, so a
// related-articles list can compute another document's title without generating that document.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t tag, std::uint64_t index) {
    return mix64(seed ^ mix64(tag * 0x9e3779b97f4a7c15ULL + index));
}

// ---------------------------------------------------------------------------------------------
// Injection rates: the probability that one document gets one instance of the problem. Chosen
// to be common enough that a 50 MB corpus holds thousands of each, rare enough that most
// documents stay clean, as in scraped data.
constexpr double k_rate_exact_copy = 0.10;
constexpr double k_rate_word_changed = 0.06;
constexpr double k_rate_truncated = 0.06;
constexpr double k_rate_glued = 0.04;
constexpr double k_rate_cross_doc = 0.08;
constexpr double k_rate_end_restart = 0.03;
constexpr double k_rate_fullwidth = 0.04;
constexpr double k_rate_promo = 0.8;  // not every page of a site shows the promo block
constexpr double k_rate_pasted = 0.08;
// Site properties: the share of sites whose related lists carry teasers, that print a block of
// data lines on every page, that put the title above the menu, that open with a breadcrumb.
constexpr double k_share_teaser_sites = 0.3;
constexpr double k_share_data_sites = 0.25;
constexpr double k_share_title_on_top = 0.2;
constexpr double k_share_breadcrumb = 0.25;

// Body length in bytes before boilerplate; with boilerplate a document lands at ~2–6 KB.
constexpr std::uint32_t k_body_min = 1500;
constexpr std::uint32_t k_body_max = 5200;

// How many recent paragraphs per language stay available for cross-document copies.
constexpr std::size_t k_pool_size = 1024;

// ---------------------------------------------------------------------------------------------
// Phrase lists. Placeholders expanded at generation time: '#' → 1–99, '^' → 100–999,
// '$' → 2–9, '@' → a year 2015–2025, '~' → a month 1–12, '`' → a day 1–28. They make numbers vary (and give full-width conversion something to
// convert) without growing the lists.

using Words = std::span<const std::string_view>;

namespace ja {
constexpr std::string_view subjects[] = {
    "政府", "同社", "研究チーム", "市の担当者", "県の教育委員会", "専門家", "地元の住民",
    "経済産業省", "大手メーカー各社", "運営会社", "国土交通省", "厚生労働省", "日本銀行",
    "同大学の研究グループ", "自治体", "業界団体", "開発元", "主催者", "販売店", "利用者",
    "労働組合", "消費者団体", "有識者会議", "スタートアップ企業", "鉄道各社", "航空会社",
    "大手銀行", "通信各社", "商店街の組合", "病院側", "学校側", "警察", "気象庁", "観光協会",
    "農協", "同チーム", "監督", "編集部", "調査会社", "市民団体", "小売大手", "IT企業各社",
    "新興企業", "出版社", "開発チーム", "地方銀行", "電力会社", "保険会社", "物流各社",
    "町内会", "実行委員会", "弁護団", "球団", "携帯電話大手", "外資系企業", "県警", "区役所",
};
constexpr std::string_view times[] = {
    "今月", "先月", "先週", "今年~月", "@年度", "昨年", "来年春", "今秋", "年内", "`日",
    "同日", "今後", "来月以降", "今年度中", "昨年末", "年明け", "夏以降", "近く", "この数年",
    "今週", "@年~月", "週明け", "来年度から", "当面", "今回",
};
constexpr std::string_view openers[] = {
    "また、", "一方、", "さらに、", "これに対し、", "関係者によると、", "同社によると、",
    "発表によると、", "その結果、", "なお、", "ただし、", "実際、", "今回、", "加えて、",
    "このため、", "調査によると、", "報道によると、", "市によると、", "一部では、",
    "具体的には、", "それでも、", "とはいえ、", "そこで、", "現在、", "当初、",
};
constexpr std::string_view objects[] = {
    "新しい料金体系", "AIを活用した翻訳サービス", "地域交通の再編計画", "賃上げの方針",
    "子育て支援の拡充", "再生可能エネルギーの導入", "駅前再開発の計画", "オンライン診療の仕組み",
    "新型スマートフォン", "電気自動車の充電網", "観光客向けの案内アプリ", "学校給食の無償化",
    "物流拠点の新設", "人手不足への対策", "防災訓練の実施", "個人情報の管理体制",
    "高齢者向けの見守りサービス", "商品の値上げ", "営業時間の短縮", "新卒採用の拡大",
    "在宅勤務の制度", "生成AIの利用ルール", "半導体工場の建設", "水道料金の改定",
    "図書館の開館時間", "自動運転バスの実証実験", "地元食材を使った新メニュー", "株主への還元策",
    "5Gの基地局整備", "空き家の活用策", "港湾施設の改修", "医療費の負担軽減", "育休の取得促進",
    "キャッシュレス決済の導入", "海外向けの販売網", "新しい研究拠点", "住民向けの説明会",
    "大型連休の臨時便", "節電への協力要請", "入場料の引き上げ", "中古車の買い取り",
    "約#億円の追加投資", "#店舗の閉鎖", "従業員^人の削減", "第#期の中期経営計画",
    "@年大会の開催", "DX推進の基本方針", "IT人材の育成", "SNSでの情報発信", "ICカードの利用拡大",
    "新作ゲームの発売", "夜間救急の体制", "商店街のにぎわい", "ふるさと納税の返礼品",
    "災害時の避難計画", "外国人労働者の受け入れ", "待機児童の解消", "バス路線の廃止",
    "ドローンによる配送", "プログラミング教育", "データセンターの増設", "ポイント還元の上限",
    "国際線の増便", "紙の保険証の廃止", "新駅の設置", "フードロスの削減", "サイバー攻撃への備え",
    "eスポーツの大会", "地方移住の支援策", "公共施設の統廃合", "ETCの割引制度", "新型車の投入",
    "サブスク型の料金プラン", "本社機能の移転", "テレビCMの放映", "契約社員の正社員化",
    "通学路の安全対策", "パートの時給", "農産物の輸出", "住宅ローンの金利", "店舗の無人化",
    "PCの買い替え需要", "クラウドへの移行", "有料会員の特典", "新しい研修制度",
};
constexpr std::string_view verbs[] = {
    "を発表した", "を明らかにした", "の導入を決めた", "を検討している", "を正式に決定した",
    "を進める方針だ", "の見直しを始めた", "について説明した", "を延期すると発表した",
    "を開始した", "に踏み切った", "の中止を決めた", "を打ち出した", "に乗り出した",
    "の拡大を目指す", "を急いでいる", "に向けた準備を進めている", "を発表する見通しだ",
    "の効果を検証している", "を公表した", "を年内に実施する予定だ", "に反対する声明を出した",
    "を支持する考えを示した", "の詳細を詰めている", "を取りやめた", "の実現に意欲を見せた",
    "の是非を議論した", "を承認した", "を前倒しする", "を強化する", "に合意した",
    "の撤回を求めた", "について謝罪した", "に力を入れている", "を段階的に進める",
    "の継続を決めた", "を見送った", "を加速させる", "を提案した", "を来月から始める",
    "の規模を$割縮小した", "に約#億円を投じる", "を全国に広げる", "の対象を拡大した",
};
constexpr std::string_view reasons[] = {
    "円安", "物価高", "人手不足", "少子高齢化", "記録的な猛暑", "原材料費の高騰", "感染症の流行",
    "金利の上昇", "大雪", "需要の回復", "インバウンドの増加", "燃料価格の上昇", "相次ぐ値上げ",
    "規制の強化", "為替の変動", "台風#号", "景気の減速", "法改正", "半導体不足",
};
constexpr std::string_view reason_links[] = {
    "の影響で、", "を受けて、", "を背景に、", "に伴い、", "をきっかけに、",
};
constexpr std::string_view intrans[] = {
    "が上昇している", "が大きく落ち込んだ", "が遅れている", "に注目が集まっている",
    "が広がっている", "が相次いでいる", "が課題となっている", "が急務となっている",
    "が見直されている", "が進んでいる", "が伸び悩んでいる", "が過去最高を更新した",
    "が前年比#%増えた", "が$割減少した", "への関心が高まっている", "が不透明になっている",
    "が本格化している", "が難しくなっている",
};
constexpr std::string_view quotes[] = {
    "今後も地域に寄り添った取り組みを続けたい", "利用者の声を丁寧に聞いていきたい",
    "まだ課題は多いが一歩ずつ進めたい", "想像以上の反響に驚いている",
    "安全を最優先に考えて判断した", "現場の負担を減らすことが大切だ", "次の世代につなげていきたい",
    "結果には満足しているが改善の余地はある", "正直なところ戸惑いもある",
    "多くの方に気軽に利用してもらいたい", "数字以上に手応えを感じている",
    "ここからが本当のスタートだ", "地道な努力が実を結んだ", "同じ失敗は二度と繰り返さない",
    "丁寧に説明を尽くしたい", "お客様の期待に応えられるよう努力する",
};
constexpr std::string_view persons[] = {
    "担当者", "同社の広報担当者", "市長", "研究チームの代表", "店主", "開発責任者", "監督",
    "実行委員長", "地元の男性（#）", "参加した女性", "専門家の一人", "社長", "教授", "現場の職員",
};
constexpr std::string_view quote_ends[] = {"は話す", "は語った", "は強調した", "は振り返る", "は述べた"};
// Question and exclamation prefixes pair with the suffix of the same index.
constexpr std::string_view question_pre[] = {"", "果たして", "なぜ今", "", "", ""};
constexpr std::string_view question_suf[] = {
    "は今後どう変わるのだろうか？", "は定着するのか？", "が求められているのか？",
    "の狙いはどこにあるのか？", "に課題はないのだろうか？", "は本当に必要なのか？",
};
constexpr std::string_view exclaim_pre[] = {"", "ぜひ", "", ""};
constexpr std::string_view exclaim_suf[] = {
    "に注目が集まりそうだ！", "を体験してみてほしい！", "の今後に期待したい！", "はまさに画期的だ！",
};
constexpr std::string_view title_verbs[] = {
    "を発表", "を検討", "を開始", "の見直しへ", "を延期", "を正式決定", "に着手", "を公表",
    "の拡大へ", "を承認", "を中止", "で合意", "に本腰", "を強化", "へ",
};
constexpr std::string_view title_tails[] = {"の波紋", "の狙い", "の舞台裏", "、その真意とは", "の現場を歩く"};
constexpr std::string_view menu[] = {
    "ホーム", "ニュース", "経済", "政治", "国際", "テクノロジー", "スポーツ", "エンタメ", "ライフ",
    "地域", "特集", "ランキング", "動画", "写真", "コラム", "天気", "ログイン", "会員登録",
    "お問い合わせ", "サイトマップ", "MENU", "検索", "採用担当の方はこちら", "メルマガ登録",
    "プレスリリース", "イベント情報", "広告掲載について", "運営会社", "よくある質問", "新着記事",
    "メインコンテンツへスキップ", "業務委託案件をお探しの方はこちら",
};
constexpr std::string_view share[] = {
    "シェア", "ツイート", "はてブ", "LINE", "Facebook", "ポスト", "コピー", "メール", "送る", "Pocket",
};
constexpr std::string_view related_heads[] = {
    "関連記事", "あわせて読みたい", "おすすめ記事", "この記事を読んだ人におすすめ", "人気記事ランキング",
    "新着記事",
};
// Boilerplate templates: '*' site name, '&' site id, '<' first year, '>' document year.
constexpr std::string_view promos[] = {
    "【採用情報】*では記者・編集者を募集しています。未経験の方も歓迎します。詳しくは採用ページをご覧ください。",
    "*の公式LINEを友だち追加すると、毎朝最新のニュースをお届けします。今すぐ登録しよう！",
    "【PR】*プレミアム会員なら全記事が読み放題。初月無料キャンペーン実施中。",
    "*ではプレスリリースの掲載を受け付けています。お問い合わせはメールフォームから。",
    "メルマガ登録で*の人気記事を毎週お届け。登録は無料です。",
    "*編集部では情報提供をお待ちしています。ご意見・ご感想はお問い合わせフォームまで。",
    "【>年度採用】*を運営する&メディアでは、Webエンジニアを募集中です。",
};
constexpr std::string_view copyrights[] = {
    "Copyright © <-> * All Rights Reserved.", "© > *", "Copyright (C) > * All rights reserved.",
    "掲載記事の無断転載を禁じます。© <-> *",
};
constexpr std::string_view name_pre[] = {
    "テック", "ビジネス", "暮らし", "地域", "スポーツ", "エンタメ", "経済", "サイエンス", "旅行",
    "グルメ", "マネー", "キャリア", "ITライフ", "家電", "モバイル", "シネマ",
};
constexpr std::string_view name_suf[] = {
    "ウォッチ", "ニュース", "タイムズ", "ジャーナル", "プレス", "ラボ", "通信", "新聞", "ナビ",
    "マガジン", "オンライン", "ポスト",
};
}  // namespace ja

namespace en {
// Singular and plural subjects are kept apart: titles use a present-tense verb that must agree
// ("Council approves"), and a one-word change swaps within the same list.
constexpr std::string_view subjects[] = {
    "the city council", "a spokesperson for the ministry", "the planning committee",
    "the central bank", "the startup", "the regional government", "the transport authority",
    "the school board", "the national weather service", "the labor union", "the football club",
    "the museum", "the airline", "the retailer", "the mayor", "the health department",
    "the research team", "the tech giant", "the manufacturer", "the court", "the police department",
    "the state utility", "the publisher", "the tourism board", "the railway operator",
    "the coaching staff", "the board of directors", "the housing agency", "the EU commission",
    "NASA", "the IT department", "the company", "the hospital", "the governor", "the university",
};
constexpr std::string_view subjects_plural[] = {
    "local officials", "researchers at the university", "small business owners", "investors",
    "residents", "engineers at the firm", "analysts", "teachers", "farmers in the region",
    "hospital staff", "volunteers", "software developers", "consumer groups", "lawmakers",
    "a group of students", "the organizers", "environmental groups", "several banks",
    "shop owners", "parents", "city planners", "economists", "nurses", "local businesses",
};
constexpr std::string_view openers[] = {
    "However, ", "On Monday, ", "Last year, ", "In a statement, ", "Meanwhile, ",
    "According to the report, ", "Earlier this month, ", "In @, ", "For now, ", "As a result, ",
    "At the same time, ", "In contrast, ", "Still, ", "Separately, ", "By the end of the year, ",
    "Under the new plan, ", "In recent years, ", "Later that day, ", "Despite the setback, ",
    "On Friday, ", "Since @, ", "Once again, ", "In the meantime, ",
};
constexpr std::string_view verbs[] = {
    "announced", "approved", "rejected", "proposed", "delayed", "introduced", "launched",
    "expanded", "reviewed", "criticized", "defended", "tested", "unveiled", "postponed", "funded",
    "suspended", "welcomed", "questioned", "examined", "completed", "cancelled", "confirmed",
    "adopted", "revised", "supported", "opposed", "abandoned", "finalized", "outlined", "extended",
    "signed off on", "pushed back against", "quietly dropped", "began work on", "called for",
    "raised concerns about", "spent months weighing", "made plans to expand", "agreed to",
    "voted against", "pledged to support", "published details of", "quietly considered",
    "started work on", "refused to comment on",
};
constexpr std::string_view objects[] = {
    "a new policy on housing", "the budget for next year", "plans for a second terminal",
    "an AI-based translation tool", "a pilot program for electric buses", "the proposed tax increase",
    "a revised school schedule", "the merger with a rival firm", "a network of charging stations",
    "a ban on single-use plastics", "the new visitor center", "a cheaper subscription plan",
    "the redevelopment of the harbor", "a study on sleep and memory", "an updated privacy policy",
    "a four-day work week trial", "the plan to close # branches", "a ^ million dollar investment",
    "the @ festival", "new safety rules for drones", "a smartphone app for tourists",
    "higher parking fees", "a free lunch program", "the water rate increase",
    "a data center near the river", "the proposed bike lanes", "flood defenses along the coast",
    "a training program for nurses", "the contract with the union", "a recall of # thousand vehicles",
    "the expansion of the airport", "a new vaccine trial", "stricter rules on short-term rentals",
    "a hiring freeze", "the city's climate plan", "the annual report", "a partnership with local schools",
    "a pay raise for teachers", "the new stadium", "its quarterly forecast", "the price cuts",
    "the research findings", "a rescue package for farmers", "a GPS tracking system",
    "an EU trade agreement", "the CEO's pay package", "a cybersecurity review", "the library renovation",
    "the night bus service", "a 5G rollout in rural areas", "the sale of its TV unit",
    "a ^-page report on air quality", "a plan to plant # thousand trees", "the new speed limits",
    "a tax break for first-time buyers", "the ferry timetable", "a loyalty program for shoppers",
    "the hospital's new wing", "a program to retrain coal workers", "the @ election results",
    "a cap on rent increases", "the crypto exchange's license", "a pilot for drone deliveries",
    "its remote work policy", "the sports center upgrade", "a public Wi-Fi network",
    "the proposal to merge two districts", "the summer reading challenge", "an online voting system",
    "a plan to cut emissions by # percent", "the night market", "new bus routes to the suburbs",
    "a citywide recycling scheme", "its plans for a USB-C charger", "the ticket price increase",
};
constexpr std::string_view tails[] = {
    " after months of debate", " despite strong opposition", " earlier this week",
    " in a statement on its website", " ahead of the election", " by # percent",
    " for the first time since @", " at a cost of ^ million dollars", " in response to rising costs",
    " to the surprise of many observers", " following a series of complaints", " without giving a reason",
    " as demand continued to grow", " in a narrow vote", " under pressure from investors",
    " after a review of safety data", " within # days", " amid concerns about costs",
    " starting in @", " with support from both parties", " according to people familiar with the matter",
    " at a press conference", " in a move that surprised analysts", " on Thursday evening",
    " for the rest of the year", " before the holiday season",
};
constexpr std::string_view intrans[] = {
    " has drawn criticism from residents", " is expected to take effect next month",
    " remains uncertain", " was delayed again", " could cost more than expected",
    " has been popular with younger users", " will be reviewed in @", " faces a legal challenge",
    " has already been approved", " is likely to change", " received # thousand applications",
    " rose by # percent", " fell sharply", " has split opinion among experts",
    " drew a large crowd", " is running behind schedule",
};
constexpr std::string_view quotes[] = {
    "We expect demand to keep growing", "This is a big step for the community",
    "We are listening to every concern", "Nobody expected the response to be this strong",
    "Safety has to come first", "It will take time to see the results",
    "We simply could not wait any longer", "The numbers speak for themselves",
    "I think people are tired of waiting", "We made mistakes and we will fix them",
    "It is too early to say", "Our customers asked for this", "This changes nothing for now",
    "We are proud of what the team has done", "There is still a lot of work ahead",
};
constexpr std::string_view persons[] = {
    "said a spokesperson for the company", "said the mayor", "one resident told reporters",
    "said an analyst at a local bank", "the coach said", "said a senior official",
    "wrote the authors of the study", "said the project manager", "one teacher said",
    "said the company's CEO", "a union representative said",
};
constexpr std::string_view people[] = {
    "ordinary families", "small businesses", "commuters", "students", "older residents",
    "local farmers", "investors", "fans", "patients", "drivers", "renters", "tourists",
};
constexpr std::string_view question_pre[] = {
    "What does ", "Is ", "Who will pay for ", "Will ", "Why did it take so long to agree on ",
};
constexpr std::string_view question_suf[] = {
    " mean for *?", " worth the cost?", "?", " survive the next budget?", "?",
};
constexpr std::string_view exclaims[] = {
    "Tickets sold out in # minutes!", "What a comeback!", "The response has been overwhelming!",
    "And it worked!", "The line stretched around the block!",
};
constexpr std::string_view exclaim_suf[] = {
    " is finally here!", " drew a record crowd!", " won by # votes!", " is back!",
};
constexpr std::string_view title_verbs[] = {
    " approves ", " rejects ", " unveils ", " delays ", " launches ", " backs ", " scraps ",
    " expands ", " weighs ", " plans ", " pauses ", " defends ", " announces ", " tests ", " cuts ",
};
constexpr std::string_view menu[] = {
    "Home", "News", "World", "Business", "Tech", "Science", "Sports", "Culture", "Opinion", "Video",
    "Podcasts", "Newsletters", "Subscribe", "Sign in", "Log out", "Search", "Menu", "About us",
    "Contact", "Advertise", "Careers", "Privacy policy", "Terms of use", "Local", "Weather",
    "Events", "Latest", "Most read", "Jobs", "Help", "Skip to main content",
};
constexpr std::string_view share[] = {
    "Share", "Tweet", "Email", "Print", "Facebook", "LinkedIn", "Reddit", "Copy link", "WhatsApp", "Save",
};
constexpr std::string_view related_heads[] = {
    "Related articles", "Read more", "You may also like", "More from *", "Recommended", "Most popular",
};
constexpr std::string_view promos[] = {
    "We're hiring! * is looking for reporters and editors. See our careers page for open positions.",
    "Subscribe to the * newsletter and get the day's top stories in your inbox every morning.",
    "Support independent journalism: become a * member today for just $5 a month.",
    "Have a news tip? Contact the * newsroom at tips@&.example and we will get back to you.",
    "Download the * app for breaking news alerts. Available for iOS and Android.",
    "Join the * > summer internship program. Applications close on May 31.",
};
constexpr std::string_view copyrights[] = {
    "© <-> *. All rights reserved.", "Copyright © > * All rights reserved.",
    "All content © > *, unless otherwise noted.", "(c) > * | Privacy | Terms",
};
constexpr std::string_view name_pre[] = {
    "The Daily", "Metro", "Pacific", "Northern", "Capital", "Harbor", "Valley", "Midland",
    "Evening", "Coastal", "Lakeside", "Union", "Summit", "Riverside",
};
constexpr std::string_view name_suf[] = {
    "Ledger", "Wire", "Review", "Times", "Gazette", "Post", "Herald", "Tribune", "Dispatch",
    "Observer", "Chronicle", "Journal", "Record",
};
}  // namespace en

namespace zh {
constexpr std::string_view subjects[] = {
    "政府", "该公司", "研究团队", "市民", "专家", "监管部门", "多家企业", "当地居民", "教育部门",
    "交通运输部", "市政府", "央行", "业内人士", "该平台", "研究人员", "消费者", "开发商", "主办方",
    "医院方面", "学校方面", "警方", "气象部门", "旅游局", "行业协会", "科技公司", "多家银行",
    "航空公司", "电商平台", "汽车厂商", "外卖平台", "物流企业", "网友", "投资者", "基金公司",
    "地方政府", "相关负责人", "创业公司", "运营商", "出版社", "足球俱乐部", "IT企业", "社区工作人员",
    "环保组织", "高校", "保险公司",
};
constexpr std::string_view times[] = {
    "近日", "今年", "上个月", "本周", "@年", "去年", "今年上半年", "第三季度", "~月`日", "明年起",
    "年内", "此前", "目前", "日前", "今年以来", "未来三年", "@年底", "下周", "春节前",
};
constexpr std::string_view openers[] = {
    "此外，", "与此同时，", "据报道，", "业内人士认为，", "值得注意的是，", "另一方面，", "据了解，",
    "数据显示，", "对此，", "事实上，", "总体来看，", "不过，", "同时，", "因此，", "据悉，",
    "记者了解到，", "截至目前，", "尽管如此，", "从长远来看，", "一方面，",
};
constexpr std::string_view verbs[] = {
    "宣布推出", "正式发布", "计划扩大", "开始试点", "决定暂停", "加快推进", "提出了", "公布了",
    "启动了", "完成了", "否认了", "批准了", "推迟了", "取消了", "全面升级", "积极探索", "重点支持",
    "正在研究", "进一步完善", "持续加大", "首次公开", "大力推广", "调整了", "回应了", "上线了",
    "签署了", "密切关注", "表示将继续推进", "明确反对", "投入#亿元用于", "重新评估",
};
constexpr std::string_view objects[] = {
    "新一代人工智能平台", "城市公共交通网络", "新能源汽车补贴政策", "老旧小区改造计划", "垃圾分类制度",
    "数字人民币试点", "5G网络建设", "芯片研发项目", "乡村振兴战略", "医疗保险改革方案", "在线教育服务",
    "跨境电商业务", "共享单车管理办法", "房地产调控政策", "养老服务体系", "数据安全法规", "春节促销活动",
    "高铁新线路", "无人驾驶测试", "智能家居产品", "直播带货模式", "绿色金融产品", "外卖骑手保障措施",
    "新版个人所得税", "约#亿元的投资计划", "#家门店的关闭计划", "@年发展规划", "AI大模型",
    "云计算服务", "光伏发电项目", "碳排放交易市场", "短视频平台监管", "青少年防沉迷系统",
    "社区团购业务", "文旅消费券", "夜间经济", "公租房申请流程", "电动车充电桩", "地铁延长线",
    "校园食品安全", "新款智能手机", "跨省异地就医结算", "中小企业贷款", "冬奥会场馆", "城市绿道",
    "公共图书馆", "移动支付", "网约车新规", "旧城改造", "农村电商", "海外市场", "机器人产业",
    "健康码系统", "人才引进政策", "博物馆夜场", "APP个人信息保护", "新能源电池回收", "智慧医疗",
    "景区门票价格", "汽车以旧换新", "快递包装回收", "GDP增长目标", "水费阶梯价格", "职业技能培训",
    "社区养老食堂", "电子社保卡", "早高峰限行措施", "低空经济", "开源软件生态", "跨境支付",
};
constexpr std::string_view reasons[] = {
    "原材料价格上涨", "疫情", "人口老龄化", "极端天气", "市场需求回暖", "汇率波动", "政策调整",
    "供应链紧张", "春节假期", "油价上涨", "监管趋严", "消费升级", "技术进步",
};
constexpr std::string_view reason_pre[] = {"受", "随着", "由于", "在"};
constexpr std::string_view reason_suf[] = {"影响，", "，", "，", "的背景下，"};
constexpr std::string_view intrans[] = {
    "出现明显下降", "持续增长", "引发广泛关注", "面临较大压力", "同比增长#%", "创下历史新高",
    "逐步恢复", "受到质疑", "进展缓慢", "备受期待", "迎来新的机遇", "成为热门话题",
};
constexpr std::string_view quotes[] = {
    "我们会继续倾听用户的声音", "这只是一个开始", "安全始终是第一位的", "市场的反应超出了预期",
    "我们还有很多工作要做", "这对行业来说是一个重要信号", "相关工作正在有序推进",
    "希望更多市民能够从中受益", "目前还难以判断长期影响", "我们对未来充满信心",
    "具体细节仍在讨论之中", "问题的关键在于落实",
};
constexpr std::string_view persons[] = {
    "该公司相关负责人表示，", "一位业内人士称，", "市民王先生说，", "专家指出，", "该项目负责人介绍，",
    "一名参与者告诉记者，", "有分析人士认为，",
};
constexpr std::string_view question_pre[] = {"", "", "为什么", "", ""};
constexpr std::string_view question_suf[] = {
    "的前景如何？", "能否持续？", "如此重要？", "到底带来了哪些变化？", "是否真的有必要？",
};
constexpr std::string_view exclaim_pre[] = {"", "快来体验", ""};
constexpr std::string_view exclaim_suf[] = {"值得期待！", "吧！", "终于来了！"};
constexpr std::string_view menu[] = {
    "首页", "新闻", "财经", "科技", "体育", "娱乐", "汽车", "房产", "教育", "健康", "旅游", "视频",
    "图片", "评论", "专题", "登录", "注册", "搜索", "关于我们", "联系我们", "广告服务", "网站地图",
    "客户端下载", "热点", "排行榜", "国际", "国内", "社会", "军事", "时尚",
};
constexpr std::string_view share[] = {
    "分享到", "微信", "微博", "QQ空间", "复制链接", "朋友圈", "收藏", "打印", "举报", "点赞",
};
constexpr std::string_view related_heads[] = {
    "相关文章", "推荐阅读", "热门文章", "猜你喜欢", "相关新闻", "延伸阅读",
};
constexpr std::string_view promos[] = {
    "【招聘】*正在招聘记者和编辑，欢迎有志于新闻事业的你加入我们。详情请访问招聘页面。",
    "关注*官方微信公众号，每天为你推送最新资讯。",
    "下载*客户端，随时随地获取热点新闻！",
    "*欢迎广大读者提供新闻线索，一经采用将给予奖励。",
    "【广告】*会员限时优惠，>年全年仅需99元。",
};
constexpr std::string_view copyrights[] = {
    "版权所有 © <-> * 保留所有权利", "Copyright © <-> * All Rights Reserved.",
    "本网站所有内容版权归*所有，未经授权不得转载。© >", "© > * 版权所有",
};
constexpr std::string_view name_pre[] = {
    "科技", "财经", "城市", "健康", "体育", "文化", "汽车", "数码", "生活", "教育", "旅游", "美食",
};
constexpr std::string_view name_suf[] = {
    "日报", "观察", "在线", "周刊", "资讯网", "新闻网", "快报", "时报", "头条", "前沿",
};
}  // namespace zh

// Data lines ("label: value"): a site prints the same labels on every page, the values differ.
namespace data {
constexpr std::string_view ja[] = {
    "入場者数：#,^人", "最終スコア：$-$", "気温：#度", "チケット価格：#,^円", "人口：^万人", "予算：^億円",
    "観客動員：^万人", "走行距離：#,^km",
};
constexpr std::string_view en[] = {
    "Attendance: #,^", "Final score: $-$", "Temperature: # C", "Ticket price: $#", "Population: ^,^",
    "Budget: $^ million", "Distance: ^ km", "Turnout: #.$ percent",
};
constexpr std::string_view zh[] = {
    "观众人数：#^人", "比分：$比$", "气温：#度", "票价：^元", "人口：^万", "预算：^亿元", "票房：^万元",
    "里程：#^公里",
};
}  // namespace data

// Paired lists must stay the same length.
static_assert(std::size(ja::question_pre) == std::size(ja::question_suf));
static_assert(std::size(ja::exclaim_pre) == std::size(ja::exclaim_suf));
static_assert(std::size(en::question_pre) == std::size(en::question_suf));
static_assert(std::size(zh::question_pre) == std::size(zh::question_suf));
static_assert(std::size(zh::exclaim_pre) == std::size(zh::exclaim_suf));
static_assert(std::size(zh::reason_pre) == std::size(zh::reason_suf));

enum class Lang : std::uint8_t { ja, en, zh };

// What each block of a document is; named in the --truth output.
enum class Kind : std::uint8_t {
    body, menu, title, date, share, related, promo, copyright,
    exact_copy, word_changed, truncated_copy, glued, cross_doc, end_marker, end_restart, fullwidth_copy,
    pasted, teaser, opening, data, breadcrumb,
};

constexpr std::string_view kind_name(Kind k) {
    constexpr std::array<std::string_view, 21> names = {
        "body", "menu", "title", "date", "share", "related", "promo", "copyright",
        "exact_copy", "word_changed", "truncated_copy", "glued", "cross_doc", "end_marker",
        "end_restart", "fullwidth_copy", "pasted", "teaser", "opening", "data", "breadcrumb",
    };
    return names[static_cast<std::size_t>(k)];
}

// ---------------------------------------------------------------------------------------------
// Text building.

void append_uint(std::string& out, std::uint32_t v) {
    char buf[16];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// Appends a phrase, expanding the numeric placeholders described above the phrase lists.
void put(std::string& out, std::string_view piece, Rng& rng) {
    for (;;) {
        std::size_t p = piece.find_first_of("#^$@~`");
        if (p == std::string_view::npos) {
            out.append(piece);
            return;
        }
        out.append(piece.substr(0, p));
        switch (piece[p]) {
            case '#': append_uint(out, rng.between(1, 99)); break;
            case '^': append_uint(out, rng.between(100, 999)); break;
            case '$': append_uint(out, rng.between(2, 9)); break;
            case '~': append_uint(out, rng.between(1, 12)); break;
            case '`': append_uint(out, rng.between(1, 28)); break;
            default: append_uint(out, rng.between(2015, 2025)); break;
        }
        piece.remove_prefix(p + 1);
    }
}

// Where a replaceable word sits in a paragraph, so that "copy with one word changed" can swap
// it for another word of the same list without re-parsing the text.
struct WordSpan {
    std::uint32_t off = 0;
    std::uint32_t len = 0;
    Words list;
};

struct Paragraph {
    std::string text;
    std::array<WordSpan, 8> spans{};
    std::uint8_t n_spans = 0;
    std::array<std::uint32_t, 8> sentences{};  // where each sentence starts (paragraph() only)
    std::uint8_t n_sentences = 0;

    void put_word(Words list, Rng& rng) {
        auto start = static_cast<std::uint32_t>(text.size());
        put(text, rng.pick(list), rng);
        if (n_spans < spans.size())
            spans[n_spans++] = {start, static_cast<std::uint32_t>(text.size()) - start, list};
    }
};

void capitalize_at(std::string& s, std::size_t pos) {
    if (pos < s.size() && s[pos] >= 'a' && s[pos] <= 'z') s[pos] = static_cast<char>(s[pos] - 'a' + 'A');
}

void sentence_ja(Paragraph& p, Rng& rng) {
    auto& t = p.text;
    std::uint32_t kind = rng.below(100);
    if (kind < 70) {
        if (rng.chance(0.4)) put(t, rng.pick(Words(ja::openers)), rng);
        p.put_word(ja::subjects, rng);
        t += "は";
        if (rng.chance(0.5)) {
            put(t, rng.pick(Words(ja::times)), rng);
            t += "、";
        }
        p.put_word(ja::objects, rng);
        put(t, rng.pick(Words(ja::verbs)), rng);
        t += rng.chance(0.15) ? "という。" : "。";
    } else if (kind < 82) {
        put(t, rng.pick(Words(ja::reasons)), rng);
        t += rng.pick(Words(ja::reason_links));
        p.put_word(ja::objects, rng);
        put(t, rng.pick(Words(ja::intrans)), rng);
        t += "。";
    } else if (kind < 92) {
        t += "「";
        if (rng.chance(0.5)) {
            p.put_word(ja::objects, rng);
            t += "については、";
        }
        t += rng.pick(Words(ja::quotes));
        t += "」と";
        put(t, rng.pick(Words(ja::persons)), rng);
        t += rng.pick(Words(ja::quote_ends));
        t += "。";
    } else if (kind < 97) {
        std::uint32_t q = rng.below(static_cast<std::uint32_t>(std::size(ja::question_pre)));
        t += ja::question_pre[q];
        p.put_word(ja::objects, rng);
        t += ja::question_suf[q];
    } else {
        std::uint32_t e = rng.below(static_cast<std::uint32_t>(std::size(ja::exclaim_pre)));
        t += ja::exclaim_pre[e];
        p.put_word(ja::objects, rng);
        t += ja::exclaim_suf[e];
    }
}

void sentence_en(Paragraph& p, Rng& rng) {
    auto& t = p.text;
    if (!t.empty()) t += ' ';
    std::size_t start = t.size();
    std::uint32_t kind = rng.below(100);
    if (kind < 68) {
        if (rng.chance(0.35)) put(t, rng.pick(Words(en::openers)), rng);
        p.put_word(rng.chance(0.6) ? Words(en::subjects) : Words(en::subjects_plural), rng);
        t += ' ';
        put(t, rng.pick(Words(en::verbs)), rng);
        t += ' ';
        p.put_word(en::objects, rng);
        if (rng.chance(0.6)) put(t, rng.pick(Words(en::tails)), rng);
        t += '.';
    } else if (kind < 82) {
        p.put_word(en::objects, rng);
        put(t, rng.pick(Words(en::intrans)), rng);
        if (rng.chance(0.4)) put(t, rng.pick(Words(en::tails)), rng);
        t += '.';
    } else if (kind < 92) {
        t += '"';
        t += rng.pick(Words(en::quotes));
        t += ",\" ";
        t += rng.pick(Words(en::persons));
        if (rng.chance(0.5)) {
            t += ", referring to ";
            p.put_word(en::objects, rng);
        }
        t += '.';
    } else if (kind < 97) {
        std::uint32_t q = rng.below(static_cast<std::uint32_t>(std::size(en::question_pre)));
        t += en::question_pre[q];
        p.put_word(en::objects, rng);
        std::string_view suf = en::question_suf[q];
        if (std::size_t star = suf.find('*'); star != std::string_view::npos) {
            t.append(suf.substr(0, star));
            t += rng.pick(Words(en::people));
            t.append(suf.substr(star + 1));
        } else {
            t += suf;
        }
    } else if (rng.chance(0.5)) {
        put(t, rng.pick(Words(en::exclaims)), rng);
    } else {
        p.put_word(en::objects, rng);
        t += rng.pick(Words(en::exclaim_suf));
    }
    capitalize_at(t, start);
}

void sentence_zh(Paragraph& p, Rng& rng) {
    auto& t = p.text;
    std::uint32_t kind = rng.below(100);
    if (kind < 70) {
        if (rng.chance(0.4)) put(t, rng.pick(Words(zh::openers)), rng);
        p.put_word(zh::subjects, rng);
        if (rng.chance(0.5)) put(t, rng.pick(Words(zh::times)), rng);
        put(t, rng.pick(Words(zh::verbs)), rng);
        p.put_word(zh::objects, rng);
        t += "。";
    } else if (kind < 82) {
        std::uint32_t r = rng.below(static_cast<std::uint32_t>(std::size(zh::reason_pre)));
        t += zh::reason_pre[r];
        t += rng.pick(Words(zh::reasons));
        t += zh::reason_suf[r];
        p.put_word(zh::objects, rng);
        put(t, rng.pick(Words(zh::intrans)), rng);
        t += "。";
    } else if (kind < 92) {
        t += rng.pick(Words(zh::persons));
        if (rng.chance(0.5)) {
            t += "对于";
            p.put_word(zh::objects, rng);
            t += "，";
        }
        t += rng.pick(Words(zh::quotes));
        t += "。";
    } else if (kind < 97) {
        std::uint32_t q = rng.below(static_cast<std::uint32_t>(std::size(zh::question_pre)));
        t += zh::question_pre[q];
        p.put_word(zh::objects, rng);
        t += zh::question_suf[q];
    } else {
        std::uint32_t e = rng.below(static_cast<std::uint32_t>(std::size(zh::exclaim_pre)));
        t += zh::exclaim_pre[e];
        p.put_word(zh::objects, rng);
        t += zh::exclaim_suf[e];
    }
}

void paragraph(Lang lang, Paragraph& p, Rng& rng) {
    p.text.clear();
    p.n_spans = 0;
    p.n_sentences = 0;
    std::uint32_t n = rng.between(2, 6);
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::size_t before = p.text.size();
        p.sentences[p.n_sentences++] = static_cast<std::uint32_t>(before + (lang == Lang::en && before > 0 ? 1 : 0));
        switch (lang) {
            case Lang::ja: sentence_ja(p, rng); break;
            case Lang::en: sentence_en(p, rng); break;
            case Lang::zh: sentence_zh(p, rng); break;
        }
    }
}

void title(Lang lang, Rng& rng, std::string& out) {
    out.clear();
    switch (lang) {
        case Lang::ja:
            if (rng.chance(0.1)) put(out, "【@年最新】", rng);
            if (rng.chance(0.6)) {
                put(out, rng.pick(Words(ja::subjects)), rng);
                out += "、";
                put(out, rng.pick(Words(ja::objects)), rng);
                out += rng.pick(Words(ja::title_verbs));
            } else {
                put(out, rng.pick(Words(ja::objects)), rng);
                out += rng.pick(Words(ja::title_tails));
                out += "　";
                put(out, rng.pick(Words(ja::subjects)), rng);
                out += "の動き";
            }
            break;
        case Lang::en:
            if (rng.chance(0.7)) {
                put(out, rng.pick(Words(en::subjects)), rng);
                out += rng.pick(Words(en::title_verbs));
                put(out, rng.pick(Words(en::objects)), rng);
            } else {
                put(out, rng.pick(Words(en::objects)), rng);
                out += ": what we know so far";
            }
            capitalize_at(out, 0);
            break;
        case Lang::zh:
            if (rng.chance(0.6)) {
                put(out, rng.pick(Words(zh::subjects)), rng);
                put(out, rng.pick(Words(zh::verbs)), rng);
                put(out, rng.pick(Words(zh::objects)), rng);
            } else {
                put(out, rng.pick(Words(zh::objects)), rng);
                put(out, rng.pick(Words(zh::intrans)), rng);
            }
            break;
    }
}

// Full-width forms, as produced by Japanese and Chinese input methods and some CMSs. ja/zh:
// every ASCII letter, digit and '%'; en: digits and all-caps words only, since a fully
// full-width English paragraph does not occur in practice.
void to_fullwidth(Lang lang, std::string_view in, std::string& out) {
    out.clear();
    out.reserve(in.size() * 2);
    auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    auto is_alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        bool convert = false;
        if (lang != Lang::en) {
            convert = is_alpha(c) || is_digit(c) || c == '%';
        } else if (is_digit(c)) {
            convert = true;
        } else if (is_upper(c)) {
            // Is this letter inside an all-caps word of at least two letters?
            std::size_t b = i, e = i;
            while (b > 0 && is_alpha(in[b - 1])) --b;
            while (e < in.size() && is_alpha(in[e])) ++e;
            convert = e - b >= 2;
            for (std::size_t k = b; convert && k < e; ++k) convert = is_upper(in[k]);
        }
        if (!convert) {
            out += c;
            continue;
        }
        // U+FF01..U+FF5E mirror ASCII 0x21..0x7E; all encode as EF BC xx / EF BD xx.
        unsigned cp = 0xFF00u + (static_cast<unsigned char>(c) - 0x20u);
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Cut a paragraph inside a sentence, as a page that stops loading mid-text does. Returns the
// cut length: on a UTF-8 character boundary, on a word boundary for English, never right
// after a sentence terminator (that would be a clean cut, not a mid-sentence one).
std::size_t cut_point(Lang lang, std::string_view s, Rng& rng) {
    std::size_t lo = s.size() * 3 / 10, hi = s.size() * 85 / 100;
    std::size_t cut = lo + rng.below(static_cast<std::uint32_t>(hi - lo + 1));
    auto ends_sentence = [&](std::size_t pos) {
        std::string_view head = s.substr(0, pos);
        for (std::string_view term : {"。", "！", "？", ".", "!", "?", ". ", "! ", "? "})
            if (head.ends_with(term)) return true;
        return false;
    };
    for (;;) {
        while (cut > 1 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        if (lang == Lang::en)
            while (cut > 1 && s[cut] != ' ') --cut;
        if (cut <= 1 || !ends_sentence(cut)) break;
        --cut;
    }
    return cut;
}

// ---------------------------------------------------------------------------------------------
// Sites and documents.

struct Site {
    std::uint64_t index = 0;
    Lang lang = Lang::ja;
    std::string id;          // "site-003"
    std::string name;        // display name used in boilerplate
    std::string menu;        // head menu, one item a line
    std::string share;       // share row
    std::string related_head;
    std::string_view bullet;
    std::array<std::string_view, 2> promos{};
    std::string_view copyright;
    std::uint32_t first_year = 2010;
    std::uint32_t start_day = 0;  // first publication day, days after first_year-01-01
    bool share_on_top = false;
    bool teasers = false;        // related entries carry the opening of their article
    bool teaser_blocks = false;  // ... as paragraphs of their own under an unbulleted title
    bool title_on_top = false;   // the title is the first line, above the menu
    bool breadcrumb = false;     // "Home > News > <title>" before the title
    std::array<std::string_view, 3> data_labels{};  // empty: no data lines
};

// Expands '*' site name, '&' site id, '<' first year, '>' document year.
void expand_boilerplate(std::string_view tmpl, const Site& s, std::uint32_t year, std::string& out) {
    for (char c : tmpl) {
        switch (c) {
            case '*': out += s.name; break;
            case '&': out += s.id; break;
            case '<': append_uint(out, s.first_year); break;
            case '>': append_uint(out, year); break;
            default: out += c;
        }
    }
}

struct LangLists {
    Words menu, share, related_heads, promos, copyrights, name_pre, name_suf;
    std::string_view name_sep;
};

LangLists lists_for(Lang lang) {
    switch (lang) {
        case Lang::ja: return {ja::menu, ja::share, ja::related_heads, ja::promos, ja::copyrights, ja::name_pre, ja::name_suf, ""};
        case Lang::en: return {en::menu, en::share, en::related_heads, en::promos, en::copyrights, en::name_pre, en::name_suf, " "};
        case Lang::zh: return {zh::menu, zh::share, zh::related_heads, zh::promos, zh::copyrights, zh::name_pre, zh::name_suf, ""};
    }
    return {};
}

std::string padded(std::string_view prefix, std::uint64_t v, int width) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*s%0*llu", static_cast<int>(prefix.size()), prefix.data(), width,
                  static_cast<unsigned long long>(v));
    return buf;
}

struct Config {
    double size_mb = 0;
    std::string out;
    bool files = false;
    std::uint64_t seed = 1;
    std::vector<Lang> langs{Lang::ja, Lang::en, Lang::zh};
    std::uint32_t docs_per_site = 50;
    std::string truth;
};

Site make_site(const Config& cfg, std::uint64_t index) {
    Rng rng(stream_seed(cfg.seed, 1, index));
    Site s;
    s.index = index;
    s.lang = cfg.langs[index % cfg.langs.size()];
    s.id = padded("site-", index, 3);
    LangLists l = lists_for(s.lang);
    s.name = std::string(rng.pick(l.name_pre)) + std::string(l.name_sep) + std::string(rng.pick(l.name_suf));

    // Menu: 3–8 distinct items in a site-specific order.
    std::uint32_t n_menu = rng.between(3, 8);
    std::vector<std::string_view> items(l.menu.begin(), l.menu.end());
    for (std::uint32_t i = 0; i < n_menu; ++i) {
        std::uint32_t j = i + rng.below(static_cast<std::uint32_t>(items.size()) - i);
        std::swap(items[i], items[j]);
        if (i) s.menu += '\n';
        s.menu += items[i];
    }

    // Share row: 3–6 items; the separator varies by site, and a tab (from scraped table cells)
    // keeps JSON control-character escaping exercised.
    constexpr std::string_view seps[] = {" ", " | ", "\t", "・", "  "};
    std::string_view sep = seps[rng.below(std::size(seps))];
    std::uint32_t n_share = rng.between(3, 6);
    std::vector<std::string_view> sh(l.share.begin(), l.share.end());
    for (std::uint32_t i = 0; i < n_share; ++i) {
        std::uint32_t j = i + rng.below(static_cast<std::uint32_t>(sh.size()) - i);
        std::swap(sh[i], sh[j]);
        if (i) s.share += sep;
        s.share += sh[i];
    }

    expand_boilerplate(rng.pick(l.related_heads), s, 0, s.related_head);
    constexpr std::string_view bullets[] = {"・", "- ", "■", "", "> ", "● "};
    s.bullet = bullets[rng.below(std::size(bullets))];
    s.promos[0] = rng.pick(l.promos);
    s.promos[1] = rng.pick(l.promos);
    s.copyright = rng.pick(l.copyrights);
    s.first_year = rng.between(2005, 2016);
    s.start_day = rng.below(365 * 3);
    s.share_on_top = rng.chance(0.3);
    // The properties added later draw from a stream of their own, so the sites' other choices
    // (and the documents of sites without them) stay what they were.
    Rng more(stream_seed(cfg.seed, 4, index));
    s.teasers = more.chance(k_share_teaser_sites);
    s.teaser_blocks = s.teasers && more.chance(0.5);
    s.title_on_top = more.chance(k_share_title_on_top);
    s.breadcrumb = !s.title_on_top && more.chance(k_share_breadcrumb);
    if (more.chance(k_share_data_sites)) {
        Words labels = s.lang == Lang::ja ? Words(data::ja) : s.lang == Lang::en ? Words(data::en) : Words(data::zh);
        std::vector<std::string_view> pool(labels.begin(), labels.end());
        for (std::size_t i = 0; i < s.data_labels.size(); ++i) {
            std::size_t j = i + more.below(static_cast<std::uint32_t>(pool.size() - i));
            std::swap(pool[i], pool[j]);
            s.data_labels[i] = pool[i];
        }
    }
    return s;
}

// One block of a document: a paragraph or a boilerplate block. `uid` survives insertions, so
// copies can name their source after the block list has been reshuffled.
struct Block {
    Kind kind = Kind::body;
    std::uint32_t uid = 0;
    Paragraph para;
    std::int64_t src_first = -1;  // uid of the source block (same document)
    std::int64_t src_last = -1;   // glued: uid of the last source block
    std::int64_t src_doc = -1;    // cross_doc: index of the source document
    std::uint32_t src_start = 0, src_end = 0;
};

struct PoolEntry {
    std::string text;
    std::uint64_t doc = 0;
    std::uint32_t start = 0, end = 0;
    std::array<std::uint32_t, 8> sentences{};
    std::uint8_t n_sentences = 0;
};

// A labelled span inside a block (a passage pasted into a paragraph, a teaser line inside the
// related list): its block, and where in the block's text.
struct InnerTruth {
    Kind kind;
    std::uint32_t uid, off, len;
    std::int64_t src_doc;  // -1: none
    std::uint32_t src_start, src_end;
};

struct TruthRecord {
    Kind kind;
    std::uint32_t start, end;
    std::int64_t src_doc;  // -1: none
    std::uint32_t src_start, src_end;
};

class Generator {
public:
    explicit Generator(const Config& cfg) : cfg_(cfg) {}

    std::uint64_t site_of(std::uint64_t doc) const { return doc / cfg_.docs_per_site; }

    // Builds document `doc` into text_ and truth_. Documents must be generated in order: the
    // cross-document pool holds paragraphs of earlier ones.
    void build(std::uint64_t doc);

    const Site& site() const { return site_; }
    const std::string& text() const { return text_; }
    const std::vector<TruthRecord>& truth() const { return truth_; }
    std::uint32_t year() const { return year_; }

private:
    Block& add(Kind kind) {
        blocks_.emplace_back();
        blocks_.back().kind = kind;
        blocks_.back().uid = next_uid_++;
        return blocks_.back();
    }
    std::size_t find_uid(std::uint32_t uid) const {
        for (std::size_t i = 0; i < body_.size(); ++i)
            if (body_[i].uid == uid) return i;
        return body_.size();
    }
    // Picks an original body paragraph; returns its index in body_, or body_.size() if none.
    std::size_t pick_original(Rng& rng, std::size_t limit) const {
        std::size_t n = std::min(limit, body_.size());
        for (int tries = 0; tries < 8 && n; ++tries) {
            std::size_t i = rng.below(static_cast<std::uint32_t>(n));
            if (body_[i].kind == Kind::body) return i;
        }
        return body_.size();
    }
    void insert_after(std::size_t src, Block&& b, Rng& rng) {
        std::size_t lo = src + 1, hi = body_.size();
        std::size_t at = lo + rng.below(static_cast<std::uint32_t>(hi - lo + 1));
        body_.insert(body_.begin() + static_cast<std::ptrdiff_t>(at), std::move(b));
    }
    Block make_block(Kind kind) {
        Block b;
        b.kind = kind;
        b.uid = next_uid_++;
        return b;
    }
    void inject(Rng& rng);
    void paste(Rng& rng, std::uint32_t opening_uid);

    const Config& cfg_;
    Site site_;
    bool have_site_ = false;
    std::vector<Block> blocks_;  // the whole document, in order
    std::vector<Block> body_;    // body paragraphs while injecting
    std::uint32_t next_uid_ = 0;
    std::string text_;
    std::vector<TruthRecord> truth_;
    std::vector<InnerTruth> inner_;
    std::vector<std::uint32_t> start_by_uid_, end_by_uid_;
    std::array<std::vector<PoolEntry>, 3> pool_;
    std::array<std::size_t, 3> pool_next_{};
    std::uint32_t year_ = 0;
    std::string scratch_;
    std::uint64_t doc_ = 0;
};

void Generator::inject(Rng& rng) {
    const Lang lang = site_.lang;
    const std::size_t n_orig = body_.size();
    if (n_orig >= 2 && rng.chance(k_rate_exact_copy)) {
        std::size_t s = pick_original(rng, n_orig);
        if (s < body_.size()) {
            Block b = make_block(Kind::exact_copy);
            b.para.text = body_[s].para.text;
            b.src_first = body_[s].uid;
            insert_after(s, std::move(b), rng);
        }
    }
    if (n_orig >= 2 && rng.chance(k_rate_word_changed)) {
        std::size_t s = pick_original(rng, n_orig);
        if (s < body_.size() && body_[s].para.n_spans) {
            const Paragraph& src = body_[s].para;
            const WordSpan& w = src.spans[rng.below(src.n_spans)];
            std::string_view old_word(src.text.data() + w.off, w.len);
            Block b = make_block(Kind::word_changed);
            std::string& t = b.para.text;
            t.assign(src.text, 0, w.off);
            std::size_t word_at = t.size();
            const bool capital = lang == Lang::en && src.text[w.off] >= 'A' && src.text[w.off] <= 'Z';
            for (int tries = 0; tries < 8; ++tries) {
                t.resize(word_at);
                put(t, rng.pick(w.list), rng);
                if (capital) capitalize_at(t, word_at);  // before comparing: "The X" vs "the X"
                if (std::string_view(t).substr(word_at) != old_word) break;
            }
            t.append(src.text, w.off + w.len);
            b.src_first = body_[s].uid;
            insert_after(s, std::move(b), rng);
        }
    }
    if (n_orig >= 2 && rng.chance(k_rate_truncated)) {
        std::size_t s = pick_original(rng, n_orig);
        if (s < body_.size()) {
            Block b = make_block(Kind::truncated_copy);
            b.para.text.assign(body_[s].para.text, 0, cut_point(lang, body_[s].para.text, rng));
            b.src_first = body_[s].uid;
            insert_after(s, std::move(b), rng);
        }
    }
    if (n_orig >= 3 && rng.chance(k_rate_fullwidth)) {
        // Only a paragraph that has something to convert; otherwise this is an exact copy.
        Block b = make_block(Kind::fullwidth_copy);
        for (int tries = 0; tries < 6; ++tries) {
            std::size_t s = pick_original(rng, n_orig);
            if (s >= body_.size()) continue;
            to_fullwidth(lang, body_[s].para.text, b.para.text);
            if (b.para.text != body_[s].para.text) {
                b.src_first = body_[s].uid;
                insert_after(s, std::move(b), rng);
                break;
            }
        }
    }
    auto& pool = pool_[static_cast<std::size_t>(lang)];
    if (!pool.empty() && rng.chance(k_rate_cross_doc)) {
        const PoolEntry& e = pool[rng.below(static_cast<std::uint32_t>(pool.size()))];
        Block b = make_block(Kind::cross_doc);
        b.para.text = e.text;
        b.src_doc = static_cast<std::int64_t>(e.doc);
        b.src_start = e.start;
        b.src_end = e.end;
        std::size_t at = rng.below(static_cast<std::uint32_t>(body_.size() + 1));
        body_.insert(body_.begin() + static_cast<std::ptrdiff_t>(at), std::move(b));
    }
    // Glued: a run of 2–4 consecutive original paragraphs re-emitted as one line at the end,
    // as when a page renders the article a second time without its line breaks.
    if (n_orig >= 4 && rng.chance(k_rate_glued)) {
        std::uint32_t count = rng.between(2, 4);
        std::size_t first = rng.below(static_cast<std::uint32_t>(body_.size() - count + 1));
        bool ok = true;
        for (std::size_t i = first; i < first + count; ++i) ok = ok && body_[i].kind == Kind::body;
        if (ok) {
            Block b = make_block(Kind::glued);
            for (std::size_t i = first; i < first + count; ++i) {
                if (i != first && lang == Lang::en) b.para.text += ' ';
                b.para.text += body_[i].para.text;
            }
            b.src_first = body_[first].uid;
            b.src_last = body_[first + count - 1].uid;
            body_.push_back(std::move(b));
        }
    }
}

// A passage pasted into a paragraph: from an earlier document's paragraph of three sentences
// or more, from inside one sentence to inside another at least two further on (so a whole
// sentence or more lies between), put at a sentence boundary inside one of this document's
// paragraphs (not its opening), whose next sentence then runs on from the paste's cut end, as
// after a careless copy and paste.
void Generator::paste(Rng& rng, std::uint32_t opening_uid) {
    const Lang lang = site_.lang;
    auto& pool = pool_[static_cast<std::size_t>(lang)];
    if (pool.empty() || !rng.chance(k_rate_pasted)) return;
    const PoolEntry& e = pool[rng.below(static_cast<std::uint32_t>(pool.size()))];
    if (e.n_sentences < 3) return;
    const std::uint32_t a = rng.below(e.n_sentences - 2u);
    const std::uint32_t b = a + 2 + rng.below(e.n_sentences - a - 2u);
    const auto sentence_end = [&](std::uint32_t k) {
        return k + 1u < e.n_sentences ? e.sentences[k + 1] - (lang == Lang::en ? 1u : 0u)
                                      : static_cast<std::uint32_t>(e.text.size());
    };
    // A point a quarter to three quarters into sentence k: the start of a word (English) or a
    // character boundary; `end`: the end of the word before that point.
    const auto inside = [&](std::uint32_t k, bool end) {
        const std::uint32_t from = e.sentences[k], to = sentence_end(k);
        std::uint32_t pos = from + (to - from) / 4 + rng.below((to - from) / 2 + 1);
        if (lang == Lang::en) {
            while (pos > from && e.text[pos - 1] != ' ') --pos;
            if (end && pos > from) --pos;  // before the space
        } else {
            while (pos > from && (static_cast<unsigned char>(e.text[pos]) & 0xC0) == 0x80) --pos;
        }
        return pos;
    };
    const std::uint32_t start = inside(a, false), end = inside(b, true);
    if (end <= start) return;
    std::vector<std::size_t> hosts;
    for (std::size_t i = 0; i < body_.size(); ++i)
        if (body_[i].kind == Kind::body && body_[i].uid != opening_uid && body_[i].para.n_sentences >= 2) hosts.push_back(i);
    if (hosts.empty()) return;
    Block& host = body_[hosts[rng.below(static_cast<std::uint32_t>(hosts.size()))]];
    const std::uint32_t at = host.para.sentences[1 + rng.below(host.para.n_sentences - 1u)];
    const std::string piece = e.text.substr(start, end - start);
    host.para.text.insert(at, piece + (lang == Lang::en ? " " : ""));
    host.para.n_sentences = 0;  // positions are stale now: no later paste or edit uses them
    host.para.n_spans = 0;
    inner_.push_back({Kind::pasted, host.uid, at, static_cast<std::uint32_t>(piece.size()),
                      static_cast<std::int64_t>(e.doc), e.start + start, e.start + end});
}

void Generator::build(std::uint64_t doc) {
    doc_ = doc;
    const std::uint64_t site_index = site_of(doc);
    if (!have_site_ || site_.index != site_index) {
        site_ = make_site(cfg_, site_index);
        have_site_ = true;
    }
    const Site& s = site_;
    const Lang lang = s.lang;
    Rng rng(stream_seed(cfg_.seed, 0, doc));
    blocks_.clear();
    body_.clear();
    truth_.clear();
    inner_.clear();
    next_uid_ = 0;
    // Choices added later draw from a stream of their own, so documents without them stay
    // what they were.
    Rng more(stream_seed(cfg_.seed, 5, doc));

    // Dates advance through the site's documents, as an archive does.
    std::uint32_t in_site = static_cast<std::uint32_t>(doc % cfg_.docs_per_site);
    std::uint32_t day = s.start_day + in_site * 9 + rng.below(9);
    year_ = s.first_year + 4 + day / 365;
    std::uint32_t month = (day % 365) / 31 + 1, mday = (day % 365) % 28 + 1;

    std::string title_text;
    {
        Rng trng(stream_seed(cfg_.seed, 2, doc));
        title(lang, trng, title_text);
    }
    if (!s.title_on_top) add(Kind::menu).para.text = s.menu;
    if (s.breadcrumb) {
        std::string& crumbs = add(Kind::breadcrumb).para.text;
        crumbs = lang == Lang::ja ? "ホーム > ニュース > " : lang == Lang::en ? "Home > News > " : "首页 > 新闻 > ";
        crumbs += title_text;
    }
    Block& tb = add(Kind::title);
    tb.para.text = title_text;
    const std::uint32_t title_uid = tb.uid;
    if (s.title_on_top) add(Kind::menu).para.text = s.menu;
    {
        std::string& d = add(Kind::date).para.text;
        char buf[64];
        static constexpr const char* months[] = {"January", "February", "March", "April", "May", "June", "July",
                                                 "August", "September", "October", "November", "December"};
        switch (lang) {
            case Lang::ja: std::snprintf(buf, sizeof buf, "%u年%u月%u日 %02u:%02u", year_, month, mday, rng.below(24), rng.below(60)); break;
            case Lang::en: std::snprintf(buf, sizeof buf, "%s %u, %u", months[month - 1], mday, year_); break;
            case Lang::zh: std::snprintf(buf, sizeof buf, "%u-%02u-%02u %02u:%02u 来源：%s", year_, month, mday, rng.below(24), rng.below(60), s.name.c_str()); break;
        }
        d = buf;
        if (lang == Lang::en && rng.chance(0.5)) d.insert(0, "Published ");
    }
    if (s.share_on_top) add(Kind::share).para.text = s.share;

    // Body paragraphs up to a target size, then the injected problems.
    std::uint32_t target = rng.between(k_body_min, k_body_max), bytes = 0;
    while (bytes < target) {
        Block b = make_block(Kind::body);
        if (body_.empty() && s.teasers) {
            // The opening comes from a stream of its own: other pages' teasers quote it.
            Rng orng(stream_seed(cfg_.seed, 3, doc));
            paragraph(lang, b.para, orng);
        } else {
            paragraph(lang, b.para, rng);
        }
        bytes += static_cast<std::uint32_t>(b.para.text.size());
        body_.push_back(std::move(b));
    }
    const std::size_t n_orig = body_.size();
    const std::uint32_t opening_uid = body_.front().uid;
    inject(rng);
    paste(more, opening_uid);
    if (!s.data_labels[0].empty()) {
        // Data lines after the opening: the site's labels, this page's numbers.
        Block d = make_block(Kind::data);
        for (std::string_view label : s.data_labels) {
            if (!d.para.text.empty()) d.para.text += '\n';
            put(d.para.text, label, more);
        }
        std::size_t at = 0;
        while (at < body_.size() && body_[at].uid != opening_uid) ++at;
        body_.insert(body_.begin() + static_cast<std::ptrdiff_t>(std::min(at + 1, body_.size())), std::move(d));
    }
    std::vector<std::uint32_t> first_uids;
    for (std::size_t i = 0; i < n_orig && first_uids.size() < 3; ++i)
        if (body_[i].kind == Kind::body) first_uids.push_back(body_[i].uid);
    for (Block& b : body_) blocks_.push_back(std::move(b));

    // `—END—` and a restart: title and the first paragraphs again, the last one often cut.
    if (rng.chance(k_rate_end_restart)) {
        add(Kind::end_marker).para.text = "—END—";
        Block& rt = add(Kind::end_restart);
        rt.para.text = title_text;
        rt.src_first = title_uid;
        std::uint32_t k = rng.between(1, static_cast<std::uint32_t>(first_uids.size()));
        for (std::uint32_t i = 0; i < k; ++i) {
            std::string src_text;
            for (const Block& b : blocks_)
                if (b.uid == first_uids[i]) src_text = b.para.text;
            Block& r = add(Kind::end_restart);
            r.src_first = first_uids[i];
            if (i + 1 == k && rng.chance(0.5)) src_text.resize(cut_point(lang, src_text, rng));
            r.para.text = std::move(src_text);
        }
    }

    if (!s.share_on_top) add(Kind::share).para.text = s.share;
    {
        Block& related = add(Kind::related);
        const std::uint32_t related_uid = related.uid;
        std::string& r = related.para.text;
        r = s.related_head;
        std::uint32_t n = rng.between(3, 5);
        std::uint64_t base = site_index * cfg_.docs_per_site;
        std::array<std::uint64_t, 5> shown{};
        std::size_t n_shown = 0;
        for (std::uint32_t i = 0; i < n; ++i) {
            std::uint64_t other = base + rng.below(cfg_.docs_per_site);
            // Skip this document and repeats rather than retry, so the list length varies.
            if (other == doc || std::find(shown.begin(), shown.begin() + static_cast<std::ptrdiff_t>(n_shown), other) !=
                                    shown.begin() + static_cast<std::ptrdiff_t>(n_shown))
                continue;
            shown[n_shown++] = other;
            Rng trng(stream_seed(cfg_.seed, 2, other));
            title(lang, trng, scratch_);
            r += s.teaser_blocks ? "\n\n" : "\n";
            if (!s.teaser_blocks) r += s.bullet;
            r += scratch_;
            if (s.teasers && (s.teaser_blocks || more.chance(0.6))) {
                // The teaser: the opening of that page's article, cut mid-sentence: a line under
                // the entry, or (teaser_blocks, as news front pages print them) a paragraph.
                Rng orng(stream_seed(cfg_.seed, 3, other));
                Paragraph opening;
                paragraph(lang, opening, orng);
                r += s.teaser_blocks ? "\n\n" : "\n";
                const auto off = static_cast<std::uint32_t>(r.size());
                r.append(opening.text, 0, cut_point(lang, opening.text, more));
                r += lang == Lang::en ? "..." : "…";
                inner_.push_back({Kind::teaser, related_uid, off, static_cast<std::uint32_t>(r.size()) - off, -1, 0, 0});
            }
        }
    }
    if (rng.chance(k_rate_promo))
        expand_boilerplate(s.promos[rng.below(2)], s, year_, add(Kind::promo).para.text);
    expand_boilerplate(s.copyright, s, year_, add(Kind::copyright).para.text);

    // Join with blank lines and record where every block landed.
    text_.clear();
    start_by_uid_.assign(next_uid_, 0);
    end_by_uid_.assign(next_uid_, 0);
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
        if (i) text_ += "\n\n";
        start_by_uid_[blocks_[i].uid] = static_cast<std::uint32_t>(text_.size());
        text_ += blocks_[i].para.text;
        end_by_uid_[blocks_[i].uid] = static_cast<std::uint32_t>(text_.size());
    }
    for (const Block& b : blocks_) {
        if (b.kind == Kind::body) continue;
        TruthRecord t{b.kind, start_by_uid_[b.uid], end_by_uid_[b.uid], -1, 0, 0};
        if (b.src_doc >= 0) {
            t.src_doc = b.src_doc;
            t.src_start = b.src_start;
            t.src_end = b.src_end;
        } else if (b.src_first >= 0) {
            t.src_doc = static_cast<std::int64_t>(doc);
            t.src_start = start_by_uid_[static_cast<std::size_t>(b.src_first)];
            t.src_end = end_by_uid_[static_cast<std::size_t>(b.src_last >= 0 ? b.src_last : b.src_first)];
        }
        truth_.push_back(t);
    }
    for (const InnerTruth& in : inner_) {
        const std::uint32_t at = start_by_uid_[in.uid] + in.off;
        truth_.push_back({in.kind, at, at + in.len, in.src_doc, in.src_start, in.src_end});
    }
    // On sites with teasers, the opening is what an earlier page's teaser may quote: it must stay.
    if (s.teasers) truth_.push_back({Kind::opening, start_by_uid_[opening_uid], end_by_uid_[opening_uid], -1, 0, 0});

    // Offer one or two original paragraphs to later documents of the same language.
    auto& pool = pool_[static_cast<std::size_t>(lang)];
    std::uint32_t offers = rng.between(1, 2);
    for (std::uint32_t i = 0; i < offers; ++i) {
        const Block* src = nullptr;
        for (int tries = 0; tries < 8 && !src; ++tries) {
            const Block& b = blocks_[rng.below(static_cast<std::uint32_t>(blocks_.size()))];
            if (b.kind == Kind::body) src = &b;
        }
        if (!src) continue;
        PoolEntry e{src->para.text, doc, start_by_uid_[src->uid], end_by_uid_[src->uid], src->para.sentences,
                    src->para.n_sentences};
        std::size_t& next = pool_next_[static_cast<std::size_t>(lang)];
        if (pool.size() < k_pool_size) {
            pool.push_back(std::move(e));
        } else {
            pool[next] = std::move(e);
            next = (next + 1) % k_pool_size;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Output.

// JSON string escaping per RFC 8259: quote, backslash and control characters; everything else
// (including UTF-8) passes through. Runs of safe bytes are appended in one go.
void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

class OutFile {
public:
    OutFile() = default;
    OutFile(const OutFile&) = delete;
    OutFile& operator=(const OutFile&) = delete;
    ~OutFile() { close(); }

    bool open(const std::string& path) {
        if (path == "-") {
            f_ = stdout;
            return true;
        }
        f_ = std::fopen(path.c_str(), "wb");
        return f_ != nullptr;
    }
    // Buffers writes: one fwrite per few MiB keeps the generator far from syscall-bound.
    bool write(std::string_view s) {
        buf_.append(s);
        return buf_.size() < (4u << 20) || flush();
    }
    bool flush() {
        if (!f_) return false;
        bool ok = std::fwrite(buf_.data(), 1, buf_.size(), f_) == buf_.size();
        buf_.clear();
        return ok;
    }
    bool close() {
        if (!f_) return true;
        bool ok = flush();
        ok = (f_ == stdout ? std::fflush(f_) == 0 : std::fclose(f_) == 0) && ok;
        f_ = nullptr;
        return ok;
    }

private:
    std::FILE* f_ = nullptr;
    std::string buf_;
};

void usage(std::FILE* to) {
    std::fputs(
        "usage: gen_corpus --size-mb N --out PATH [--format jsonl|files] [--seed S]\n"
        "                  [--langs ja,en,zh] [--docs-per-site N] [--truth PATH]\n"
        "  --size-mb N        stop after the document that brings the output to N MB (10^6 bytes;\n"
        "                     JSONL line bytes, or text bytes with --format files)\n"
        "  --out PATH         JSONL file ('-' for stdout) or, with --format files, a directory\n"
        "  --format F         jsonl (default): {\"id\",\"site\",\"url\",\"text\"} per line;\n"
        "                     files: PATH/site-NNN/doc-NNNNNN.txt\n"
        "  --seed S           same seed, same bytes (default 1)\n"
        "  --langs L          comma-separated subset of ja,en,zh; sites take them in turn\n"
        "  --docs-per-site N  documents per site (default 50)\n"
        "  --truth PATH       also write JSONL ground truth: one object per boilerplate block or\n"
        "                     injected copy, with byte offsets [start,end) into the text and,\n"
        "                     for copies, the source document and range\n"
        "Compression is not built in: pipe '--out -' through zstd or gzip.\n",
        to);
}

int fail(const char* msg, const std::string& arg = {}) {
    std::fprintf(stderr, "gen_corpus: %s%s\n", msg, arg.c_str());
    return 2;
}

bool parse_u64(std::string_view s, std::uint64_t& v) {
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

int run(int argc, char** argv) {
    Config cfg;
    bool have_size = false;
    std::string format = "jsonl";
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "-h" || a == "--help") {
            usage(stdout);
            return 0;
        }
        if (i + 1 >= argc) return fail("missing value after ", std::string(a));
        std::string_view v = argv[++i];
        if (a == "--size-mb") {
            char* end = nullptr;
            cfg.size_mb = std::strtod(argv[i], &end);
            if (*end != '\0' || !(cfg.size_mb > 0)) return fail("--size-mb needs a positive number, got ", std::string(v));
            have_size = true;
        } else if (a == "--out") {
            cfg.out = v;
        } else if (a == "--format") {
            if (v != "jsonl" && v != "files") return fail("--format must be jsonl or files, got ", std::string(v));
            format = v;
        } else if (a == "--seed") {
            if (!parse_u64(v, cfg.seed)) return fail("--seed needs an unsigned integer, got ", std::string(v));
        } else if (a == "--docs-per-site") {
            std::uint64_t n = 0;
            if (!parse_u64(v, n) || n < 2 || n > 1000000) return fail("--docs-per-site needs 2..1000000, got ", std::string(v));
            cfg.docs_per_site = static_cast<std::uint32_t>(n);
        } else if (a == "--langs") {
            cfg.langs.clear();
            std::string_view rest = v;
            while (!rest.empty()) {
                std::size_t comma = rest.find(',');
                std::string_view code = rest.substr(0, comma);
                if (code == "ja") cfg.langs.push_back(Lang::ja);
                else if (code == "en") cfg.langs.push_back(Lang::en);
                else if (code == "zh") cfg.langs.push_back(Lang::zh);
                else return fail("--langs takes ja, en, zh; unknown: ", std::string(code));
                rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            }
            if (cfg.langs.empty()) return fail("--langs is empty");
        } else if (a == "--truth") {
            cfg.truth = v;
        } else {
            usage(stderr);
            return fail("unknown option ", std::string(a));
        }
    }
    cfg.files = format == "files";
    if (!have_size) return fail("--size-mb is required");
    if (cfg.out.empty()) return fail("--out is required");
    for (const std::string* p : {&cfg.out, &cfg.truth}) {
        std::string_view path = *p;
        if (path.ends_with(".zst") || path.ends_with(".gz") || path.ends_with(".xz") || path.ends_with(".bz2"))
            return fail("will not write compressed output (kept dependency-free); write to '-' and pipe, "
                        "e.g. gen_corpus --out - ... | zstd -q -o ", *p);
    }
    if (cfg.files && cfg.out == "-") return fail("--format files needs a directory for --out");

    OutFile out, truth;
    std::error_code ec;
    if (cfg.files) {
        std::filesystem::create_directories(cfg.out, ec);
        if (ec) return fail("cannot create directory ", cfg.out + ": " + ec.message());
    } else if (!out.open(cfg.out)) {
        return fail("cannot open ", cfg.out + ": " + std::strerror(errno));
    }
    if (!cfg.truth.empty() && !truth.open(cfg.truth)) return fail("cannot open ", cfg.truth + ": " + std::strerror(errno));

    const auto limit = static_cast<std::uint64_t>(cfg.size_mb * 1e6);
    const auto t0 = std::chrono::steady_clock::now();
    Generator gen(cfg);
    std::string line, id, url, tline;
    std::uint64_t written = 0, doc = 0;
    for (; written < limit; ++doc) {
        gen.build(doc);
        const Site& s = gen.site();
        id = s.id;
        id += '/';
        id += padded("doc-", doc, 6);
        if (cfg.files) {
            if (doc % cfg.docs_per_site == 0 || doc == 0) {
                std::filesystem::create_directories(std::filesystem::path(cfg.out) / s.id, ec);
                if (ec) return fail("cannot create directory for ", s.id + ": " + ec.message());
            }
            std::string path = cfg.out + "/" + id + ".txt";
            std::FILE* f = std::fopen(path.c_str(), "wb");
            if (!f) return fail("cannot write ", path + ": " + std::strerror(errno));
            bool ok = std::fwrite(gen.text().data(), 1, gen.text().size(), f) == gen.text().size();
            ok = std::fclose(f) == 0 && ok;
            if (!ok) return fail("write failed: ", path);
            written += gen.text().size();
        } else {
            line.clear();
            line += "{\"id\":";
            append_json_string(line, id);
            line += ",\"site\":";
            append_json_string(line, s.id);
            url = "https://";
            url += s.id;
            url += ".example/";
            append_uint(url, gen.year());
            url += '/';
            url += padded("doc-", doc, 6);
            line += ",\"url\":";
            append_json_string(line, url);
            line += ",\"text\":";
            append_json_string(line, gen.text());
            line += "}\n";
            if (!out.write(line)) return fail("write failed: ", cfg.out);
            written += line.size();
        }
        if (!cfg.truth.empty()) {
            for (const TruthRecord& t : gen.truth()) {
                tline.clear();
                tline += "{\"id\":";
                append_json_string(tline, id);
                tline += ",\"kind\":\"";
                tline += kind_name(t.kind);
                tline += "\",\"start\":";
                append_uint(tline, t.start);
                tline += ",\"end\":";
                append_uint(tline, t.end);
                if (t.src_doc >= 0) {
                    auto sd = static_cast<std::uint64_t>(t.src_doc);
                    tline += ",\"source_id\":\"";
                    tline += padded("site-", gen.site_of(sd), 3);
                    tline += '/';
                    tline += padded("doc-", sd, 6);
                    tline += "\",\"source_start\":";
                    append_uint(tline, t.src_start);
                    tline += ",\"source_end\":";
                    append_uint(tline, t.src_end);
                }
                tline += "}\n";
                if (!truth.write(tline)) return fail("write failed: ", cfg.truth);
            }
        }
    }
    if (!out.close()) return fail("write failed: ", cfg.out);
    if (!truth.close()) return fail("write failed: ", cfg.truth);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "gen_corpus: %llu docs, %llu sites, %.1f MB in %.2f s (%.1f MB/s), seed %llu\n",
                 static_cast<unsigned long long>(doc), static_cast<unsigned long long>(gen.site_of(doc - 1) + 1),
                 static_cast<double>(written) / 1e6, secs, static_cast<double>(written) / 1e6 / secs,
                 static_cast<unsigned long long>(cfg.seed));
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
