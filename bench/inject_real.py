#!/usr/bin/env python3
"""Inject recorded copies into REAL article text, for scoring the duplicate side on real prose.

usage: bench/inject_real.py --out CORPUS.jsonl --truth TRUTH.jsonl [--seed S]
           [--ldcc PATH] [--devsets DIR] [--zh-docs PATH] [--ja N] [--pasted P] [--pasted-mid P]

`bench/gen_corpus --truth` scores the duplicate side on generated text, whose sentences are drawn
from word lists: easier than real prose, where sentences share stock phrases, vary in length and
carry quotes, brackets and numbers. This script takes real articles and injects the copies
held-out corpora carry, recording each one in the truth format `bench/score_truth.py` reads:

  ja     livedoor news (`../shared/corpora/ldcc.jsonl.gz`): N articles (--ja, default 500),
         sampled over the 9 sites with the seed, each verbatim (URL line, date line, title, body).
  en     Mozilla Readability's test pages (`../shared/devsets/readability`): each page's gold
         main text (the lines no `boiler`/`dontcare` span touches). Pages mostly in English;
         the ones that are not (French, Spanish, ...) are language `latin`.
  zh     the Chinese pages of the devsets (readability gmw, qq, youth, pixnet: gold main text;
         trafilatura xinhuanet, banyuetan, baike: their lines of 20 Han characters or more that
         end a sentence), plus, with --zh-docs PATH, the chapters of a Chinese HTML book (each
         chapter's <p> paragraphs of 15 Han characters or more is one article; on the project
         machine the Chinese Rust by Example, .../rust-by-example/zh/print.html, 34 chapters).
         That is all the real Chinese prose on the machine: no Chinese news corpus is here.

The base articles are made mutually distinct first, so that whatever `once` removes outside the
injected copies is a mistake: a line found in two base articles (a site footer, "Continue
reading the main story") is dropped from all of them, a line repeated inside one article is
kept once, and an article sharing a sentence of 15 characters (CJK) or 8 words with an earlier
one (a repost, one press release on two sites) is left out.

Copies injected (truth kinds), each with its source:
  end_marker      the line `—END—` after the article, followed by one restart:
  restart_whole   ... the whole article again;
  restart_edited  ... the whole article again with 1-3 sentences edited (a word, or two CJK
                  characters, replaced by one from elsewhere in the article; no digits);
  restart_cut     ... the article again from its start, cut inside a sentence between 30% and
                  90% of its length;
  restart_glued   ... the whole article again as one line (paragraphs joined by a space, or
                  nothing between CJK paragraphs).
  pasted          a passage of an earlier article (same language) from inside one sentence to
                  inside the sentence 1-4 further on (so 0-3 whole sentences between two
                  pieces), put inside one of this article's prose paragraphs (not its first
                  three lines, not a list entry, 60 characters at least) at a sentence boundary: it starts and ends mid-sentence (the first piece from the
                  first three quarters of its sentence, the last from the last three
                  quarters), 40 CJK characters or 15 words at least.
  pasted_mid      (--pasted-mid, default 0: none) a passage as held-out corpora carry it (issue 11,
                  item 6: median 417 bytes, inside longer paragraphs): 200-800 bytes of an earlier
                  article (same language) from inside one sentence to inside a later one of the
                  same paragraph, put INSIDE a sentence of one of this article's prose paragraphs
                  (CJK: between two characters; Latin: before a word), so the page's own words run
                  into its first piece and on after its last. Drawn from a random stream of its
                  own: the other copies are the same with and without it.
  syndicated      a whole earlier article of another site as a later document of its own
                  (site `syndicated-<lang>`), or appended after another site's article.
Kept: `title` (ldcc's line 3) must stay whole. Every record: {"id","kind","start","end"} byte
offsets into the text, copies with "source_id","source_start","source_end", `pasted` with
"sentences" (n: 1 = the end of one sentence and the start of the next). The corpus is JSON
Lines {"id","site","lang","text"}; `score_truth.py` takes each record's `lang` when present.

Same seed and same inputs -> identical bytes. Score with
  once scan CORPUS --group-by site --map MAP -q
  bench/score_truth.py CORPUS TRUTH MAP --by-lang [--missed N] [--mistakes N]
"""
import argparse
import collections
import gzip
import html
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))
if not os.path.isdir(SHARED):  # a work tree under /work/wt/NAME: the shared folder is /work/shared
    SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))

CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
HAN = re.compile("[\u4e00-\u9fff]")
KANA = re.compile("[\u3040-\u30ff]")
# Sentence ends: CJK 。！？ (closing brackets and quotes attached), Latin .!? before a space.
CJK_END = re.compile("[。！？!?][」』）】”\"')]*")
LATIN_END = re.compile(r"[.!?][\"'”’)\]]*(?= +[^ a-z])")
# A pasted passage weighs at least --min-inline-length (40: CJK characters; words weigh more,
# a word bigram being a shingle) so that it is a passage, not a sliver; issue 11's real pastes
# had a median of 417 bytes.
MIN_PASTE_CJK = 40
MIN_PASTE_WORDS = 15
# A pasted_mid passage is this many bytes long (issue 11's held-out pastes: median 417 bytes).
MID_PASTE_BYTES = (200, 800)
# A paste's host paragraph: this long at least, and not a list entry (ldcc's related links).
HOST_MIN_CHARS = 60
LIST_MARKS = "・■□●○◆◇▼▽▲△★☆※*-•【[(（<＜>＞"
EN_WORDS = set("the of and to a in is that for it was on with as by at from this be are have".split())
CHINESE_TRAFILATURA = ["xinhuanet.com.c_1125597921.txt", "banyuetan.org.1000200033136171577956287380194268_1.txt",
                       "baike.baidu.com.tanya.txt"]


def is_cjk(lang):
    return lang in ("ja", "zh")


def sentences(text, lang):
    """[start, end) character ranges of the sentences of one paragraph (the last may lack an end)."""
    ends = [m.end() for m in (CJK_END if is_cjk(lang) else LATIN_END).finditer(text)]
    out, start = [], 0
    for end in ends + [len(text)]:
        while start < end and text[start] in " \u3000":
            start += 1
        if end > start:
            out.append((start, end))
        start = end
    return out


def cut_points(text, start, end, lang):
    """Places strictly inside text[start:end] where a copy may begin or end: between any two
    characters of CJK text, at a word boundary (before a word) in Latin text."""
    if is_cjk(lang):
        return list(range(start + 2, end - 2))
    return [i for i in range(start + 1, end - 1) if text[i - 1] == " " and text[i] != " "]


# ---------------------------------------------------------------- reading the real articles

def ldcc_articles(path, count, rng):
    by_site = collections.defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            by_site[r["site"]].append(r)
    sites = sorted(by_site)
    chosen = []
    for i, site in enumerate(sites):
        share = count // len(sites) + (1 if i < count % len(sites) else 0)
        for r in rng.sample(by_site[site], min(share, len(by_site[site]))):
            chosen.append(("ja", site, r["id"], r["text"].rstrip("\n").split("\n")))
    return chosen


def readability_articles(devsets):
    gold = json.load(open(os.path.join(devsets, "readability", "gold.json"), encoding="utf-8"))
    out = []
    for name in sorted(gold):
        data = open(os.path.join(devsets, "readability", "docs", name), "rb").read()
        mask = bytearray(len(data))
        for s, e, _ in gold[name]["spans"]:
            mask[s:e] = b"\x01" * (e - s)
        lines, pos = [], 0
        for raw in data.split(b"\n"):
            end = pos + len(raw)
            if raw.strip() and not any(mask[pos:end]):
                lines.append(raw.decode("utf-8").strip())
            pos = end + 1
        text = " ".join(lines)
        han, kana = len(HAN.findall(text)), len(KANA.findall(text))
        if kana > 50:
            continue  # yahoo-4: Japanese, and ldcc has plenty
        if han > 200:
            lang = "zh"
        else:
            words = re.findall(r"[a-z]+", text.lower())
            lang = "en" if words and sum(w in EN_WORDS for w in words) / len(words) > 0.12 else "latin"
        site = name.split("/")[0]
        out.append((lang, site, "readability/" + name, lines))
    return out


def trafilatura_chinese(devsets):
    out = []
    for name in CHINESE_TRAFILATURA:
        path = os.path.join(devsets, "trafilatura", "docs", name)
        if not os.path.exists(path):
            continue
        lines = [l.strip() for l in open(path, encoding="utf-8")]
        lines = [l for l in lines if len(HAN.findall(l)) >= 20 and CJK_END.search(l)]
        if lines:
            out.append(("zh", name.split(".")[0], "trafilatura/" + name, lines))
    return out


def chinese_book(path):
    """Each <h1> chapter of an mdBook print.html: its <p> paragraphs with >= 15 Han characters."""
    text = open(path, encoding="utf-8").read()
    main = text[text.find("<main>"):text.find("</main>")]
    out = []
    for n, chapter in enumerate(re.split(r"<h1 id=", main)[1:]):
        paras = [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in re.findall(r"<p>(.*?)</p>", chapter, re.S)]
        paras = [" ".join(p.split()) for p in paras if len(HAN.findall(p)) >= 15]
        if sum(map(len, paras)) > 300:
            out.append(("zh", "zh-book", f"zh-book/chapter-{n:03d}", paras))
    return out


def distinct(articles):
    """Drop lines found in two articles, repeats inside one, and articles sharing a sentence."""
    doc_count = collections.Counter()
    for _, _, _, lines in articles:
        doc_count.update({l for l in lines if l.strip()})
    seen = set()
    out = []
    for lang, site, ident, lines in articles:
        kept, mine = [], set()
        for l in lines:
            if not l.strip():
                continue
            if doc_count[l] > 1 and len(l) > 3 or l in mine:
                continue
            mine.add(l)
            kept.append(l)
        keys = set()
        for l in kept:
            for s, e in sentences(l, lang):
                sent = l[s:e]
                key = re.sub(r"\W+", "", sent.lower())
                if (len(key) >= 15 if is_cjk(lang) else len(sent.split()) >= 8):
                    keys.add(key)
        if keys & seen or sum(map(len, kept)) < 200:
            continue
        seen |= keys
        out.append((lang, site, ident, kept))
    return out


# ---------------------------------------------------------------- the injections

class Doc:
    """One document being built: its lines (paragraphs) and the truth records, kept as
    character offsets until the end (byte offsets are computed when writing)."""

    def __init__(self, ident, site, lang, lines):
        self.id, self.site, self.lang = ident, site, lang
        self.text = "\n\n".join(lines) if lang != "ja" else "\n".join(lines)
        self.records = []  # (kind, start, end, source Doc or None, source_start, source_end) in chars
        self.article_end = len(self.text)

    def add(self, kind, start, end, source=None, s_start=None, s_end=None, sentences=None):
        self.records.append([kind, start, end, source, s_start, s_end, sentences])

    def insert(self, at, piece):
        """Insert piece at char offset at, moving the records after it."""
        self.text = self.text[:at] + piece + self.text[at:]
        for r in self.records:
            if r[1] >= at:
                r[1] += len(piece)
                r[2] += len(piece)
            elif r[2] > at:
                r[2] += len(piece)  # a record holding the point grows (never a copy: they do not nest)
            if r[3] is self and r[4] is not None:  # a restart's source is this article
                r[4] += len(piece) if r[4] >= at else 0
                r[5] += len(piece) if r[5] >= at else 0
        if self.article_end >= at:
            self.article_end += len(piece)


def paragraphs(text):
    """[start, end) of the non-empty lines of text."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def edit(text, lang, rng):
    """The article with 1-3 sentences edited: one word (Latin) or two characters (CJK) replaced
    by a word or two characters from elsewhere in it, never a digit."""
    spans = [(s, e) for ps, pe in paragraphs(text) for s, e in ((ps + a, ps + b) for a, b in sentences(text[ps:pe], lang))
             if e - s >= (12 if is_cjk(lang) else 40)]
    if not spans:
        return text
    chosen = sorted(rng.sample(spans, min(len(spans), rng.randint(1, 3))), reverse=True)
    if is_cjk(lang):
        pool = [m.group() for m in re.finditer("[\u3040-\u30ff\u4e00-\u9fff]{2}", text)]
    else:
        pool = [w for w in re.findall(r"\b[a-z]{4,}\b", text)]
    for s, e in chosen:
        if is_cjk(lang):
            places = [i for i in range(s + 2, e - 3) if CJK.match(text[i]) and CJK.match(text[i + 1])]
            if not places or not pool:
                continue
            i = rng.choice(places)
            new = rng.choice(pool)
            if new != text[i:i + 2]:
                text = text[:i] + new + text[i + 2:]
        else:
            words = [m for m in re.finditer(r"\b[a-z]{4,}\b", text[s:e])]
            if not words or not pool:
                continue
            m = rng.choice(words)
            new = rng.choice(pool)
            if new != m.group():
                text = text[:s + m.start()] + new + text[s + m.end():]
    return text


def restart(doc, rng):
    article = doc.text[:doc.article_end]
    kind = rng.choice(["restart_whole", "restart_edited", "restart_cut", "restart_glued"])
    if kind == "restart_whole":
        copy = article
    elif kind == "restart_edited":
        copy = edit(article, doc.lang, rng)
        if copy == article:
            kind = "restart_whole"
    elif kind == "restart_cut":
        lo, hi = int(len(article) * 0.3), int(len(article) * 0.9)
        places = [i for ps, pe in paragraphs(article) for s, e in sentences(article[ps:pe], doc.lang)
                  for i in cut_points(article, ps + s, ps + e, doc.lang) if lo <= i <= hi]
        if not places:
            return
        copy = article[:rng.choice(places)].rstrip()
    else:
        copy = ("" if is_cjk(doc.lang) else " ").join(article[s:e].strip() for s, e in paragraphs(article))
    sep = "\n\n" if doc.lang != "ja" else "\n"
    at = len(doc.text)
    marker = sep + "—END—" + sep
    doc.text += marker + copy
    doc.add("end_marker", at + len(sep), at + len(sep) + len("—END—"))
    doc.add(kind, at + len(marker), len(doc.text), doc, 0, len(copy) if kind == "restart_cut" else len(article))


def too_light(piece, lang):
    """A passage lighter than a paste may be (MIN_PASTE_CJK characters, MIN_PASTE_WORDS words)."""
    return (len(CJK.findall(piece)) < MIN_PASTE_CJK) if is_cjk(lang) else (len(piece.split()) < MIN_PASTE_WORDS)


def host_paragraphs(doc):
    """doc's prose paragraphs a paste may land in: not the first three lines (URL, date, title),
    not a list entry or a link line (ldcc's related lists), long enough to be prose."""
    for k, (ps, pe) in enumerate(paragraphs(doc.text[:doc.article_end])):
        if k >= 3 and pe - ps >= HOST_MIN_CHARS and doc.text[ps] not in LIST_MARKS:
            yield ps, pe


def paste(doc, source, rng):
    """A passage of source from inside one sentence to inside one 1-4 sentences further on, put
    at a sentence boundary inside one of doc's paragraphs (not its first three lines)."""
    lang = doc.lang
    runs = []
    taken = [(r[1], r[2]) for r in source.records if r[0] != "title"]
    for ps, pe in paragraphs(source.text[:source.article_end]):
        sents = [(ps + s, ps + e) for s, e in sentences(source.text[ps:pe], lang)]
        for n in range(1, 5):
            for i in range(len(sents) - n):
                a, b = sents[i][0], sents[i + n][1]
                if not any(s < b and e > a for s, e in taken):  # not across another paste
                    runs.append((sents[i], sents[i + n], n))
    if not runs:
        return False
    n = rng.randint(1, 4)  # as many passages of each length, not as many of each (start, length)
    if not any(r[2] == n for r in runs):
        return False
    first, last, n = rng.choice([r for r in runs if r[2] == n])
    # Begin in the first three quarters of the first sentence, end in the last three quarters of
    # the last: a passage holds about n sentences' worth of text, not two slivers.
    begin = [i for i in cut_points(source.text, first[0], first[1], lang) if i <= first[0] + (first[1] - first[0]) * 3 // 4]
    end = [i for i in cut_points(source.text, last[0], last[1], lang) if i >= last[0] + (last[1] - last[0]) // 4]
    if not begin or not end:
        return False
    s_start, s_end = rng.choice(begin), rng.choice(end)
    piece = source.text[s_start:s_end].rstrip()
    s_end = s_start + len(piece)
    if too_light(piece, lang):
        return False
    hosts = []
    for ps, pe in host_paragraphs(doc):
        for s, e in sentences(doc.text[ps:pe], lang)[:-1]:
            hosts.append(ps + e)
    if not hosts:
        return False
    at = rng.choice(hosts)
    if not is_cjk(lang):
        while at < len(doc.text) and doc.text[at] == " ":
            at += 1  # after the space that ends the host's sentence: "... end. <paste> Next ..."
        piece_text = piece + " "
    else:
        piece_text = piece
    doc.insert(at, piece_text)
    doc.add("pasted", at, at + len(piece), source, s_start, s_end, n)
    return True


def paste_mid(doc, source, rng):
    """A passage of source as held-out corpora carry it (issue 11, item 6: 411 pastes, median 417
    bytes, inside longer paragraphs): it starts inside one source sentence and ends inside a later
    one of the same paragraph, MID_PASTE_BYTES long, and is put INSIDE a sentence of one of doc's
    prose paragraphs, so on both sides the host's words run into the copy's (`paste` puts its
    passage at a host sentence boundary)."""
    lang = doc.lang
    taken = [(r[1], r[2]) for r in source.records if r[0] != "title"]
    runs = []  # (paragraph's sentences, their cut points): paragraphs of two sentences at least
    for ps, pe in paragraphs(source.text[:source.article_end]):
        if any(s < pe and e > ps for s, e in taken):
            continue  # not across another paste
        sents = [(ps + s, ps + e) for s, e in sentences(source.text[ps:pe], lang)]
        if len(sents) >= 2:
            runs.append((sents, [cut_points(source.text, s, e, lang) for s, e in sents]))
    if not runs:
        return False
    sents, cuts = rng.choice(runs)
    first = [i for i in range(len(sents) - 1) if cuts[i]]
    if not first:
        return False
    i = rng.choice(first)
    begin = rng.choice(cuts[i])
    ends = [(end, j - i) for j in range(i + 1, len(sents)) for end in cuts[j]
            if MID_PASTE_BYTES[0] <= len(source.text[begin:end].rstrip().encode("utf-8")) <= MID_PASTE_BYTES[1]]
    if not ends:
        return False
    s_end, n = rng.choice(ends)
    piece = source.text[begin:s_end].rstrip()
    s_end = begin + len(piece)
    if too_light(piece, lang):
        return False
    hosts = []
    for ps, pe in host_paragraphs(doc):
        if any(r[1] < pe and r[2] > ps for r in doc.records):
            continue  # a paragraph that holds another copy (or the title)
        for s, e in sentences(doc.text[ps:pe], lang):
            hosts += cut_points(doc.text, ps + s, ps + e, lang)
    if not hosts:
        return False
    at = rng.choice(hosts)  # CJK: between two characters; Latin: before a word, after its space
    doc.insert(at, piece if is_cjk(lang) else piece + " ")
    doc.add("pasted_mid", at, at + len(piece), source, begin, s_end, n)
    return True


def build(articles, rng, rates):
    rng.shuffle(articles)
    docs = [Doc(ident, site, lang, lines) for lang, site, ident, lines in articles]
    for doc in docs:
        if doc.lang == "ja":
            lines = doc.text.split("\n")
            if len(lines) > 3:  # ldcc: URL, date, title
                start = len(lines[0]) + len(lines[1]) + 2
                doc.add("title", start, start + len(lines[2]))
    by_lang = collections.defaultdict(list)
    for i, doc in enumerate(docs):
        by_lang[doc.lang].append(i)
    # Restarts first: a restart copies the article as first written, without a paste added later.
    for doc in docs:
        if rng.random() < rates["restart"]:
            restart(doc, rng)
    for i, doc in enumerate(docs):
        earlier = [j for j in by_lang[doc.lang] if j < i]
        if earlier and rng.random() < rates["pasted"]:
            for _ in range(8):
                if paste(doc, docs[rng.choice(earlier)], rng):
                    break
    if rates["pasted_mid"] > 0:
        # Its own random stream, so that the other copies are the same with and without it.
        mid_rng = random.Random(f"pasted-mid-{rates['seed']}")
        for i, doc in enumerate(docs):
            earlier = [j for j in by_lang[doc.lang] if j < i]
            if earlier and mid_rng.random() < rates["pasted_mid"]:
                for _ in range(16):
                    if paste_mid(doc, docs[mid_rng.choice(earlier)], mid_rng):
                        break
    syndicated = []
    for i, doc in enumerate(docs):
        if rng.random() >= rates["syndicated"]:
            continue
        article = doc.text[:doc.article_end]
        later = [j for j in by_lang[doc.lang] if j > i and docs[j].site != doc.site]
        if later and rng.random() < 0.5:
            host = docs[rng.choice(later)]
            sep = "\n\n" if host.lang != "ja" else "\n"
            at = host.article_end  # after the host's article, before its restart if it has one
            host.insert(at, sep + article)
            host.add("syndicated", at + len(sep), at + len(sep) + len(article), doc, 0, len(article))
        else:
            new = Doc(f"syndicated-{doc.lang}/{len(syndicated):04d}", f"syndicated-{doc.lang}", doc.lang, [article])
            new.add("syndicated", 0, len(article), doc, 0, len(article))
            syndicated.append((rng.randint(i + 1, len(docs)), new))
    for at, new in sorted(syndicated, key=lambda x: -x[0]):
        docs.insert(at, new)
    return docs


def byte_offset(text, char):
    return len(text[:char].encode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ldcc", default=os.path.join(SHARED, "corpora", "ldcc.jsonl.gz"))
    ap.add_argument("--devsets", default=os.path.join(SHARED, "devsets"))
    ap.add_argument("--zh-docs", help="a Chinese mdBook print.html whose chapters are more zh articles")
    ap.add_argument("--ja", type=int, default=500, help="ldcc articles to sample (default 500)")
    ap.add_argument("--restart", type=float, default=0.4, help="share of articles followed by —END— and a restart")
    ap.add_argument("--pasted", type=float, default=0.5, help="share of articles that get a pasted passage")
    ap.add_argument("--pasted-mid", type=float, default=0.0,
                    help="share of articles that get a pasted_mid passage (default 0: none, the corpus as before)")
    ap.add_argument("--syndicated", type=float, default=0.15, help="share of articles syndicated later")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    articles = ldcc_articles(args.ldcc, args.ja, rng) if args.ldcc and os.path.exists(args.ldcc) else []
    if os.path.isdir(args.devsets):
        articles += readability_articles(args.devsets) + trafilatura_chinese(args.devsets)
    if args.zh_docs:
        articles += chinese_book(args.zh_docs)
    articles = distinct(articles)
    docs = build(articles, rng, {"restart": args.restart, "pasted": args.pasted, "pasted_mid": args.pasted_mid,
                                 "syndicated": args.syndicated, "seed": args.seed})
    counts = collections.Counter()
    with open(args.out, "w", encoding="utf-8") as out, open(args.truth, "w", encoding="utf-8") as truth:
        for doc in docs:
            out.write(json.dumps({"id": doc.id, "site": doc.site, "lang": doc.lang, "text": doc.text},
                                 ensure_ascii=False) + "\n")
            for kind, start, end, source, s_start, s_end, n in sorted(doc.records, key=lambda r: r[1]):
                rec = {"id": doc.id, "kind": kind, "start": byte_offset(doc.text, start), "end": byte_offset(doc.text, end)}
                if source is not None:
                    rec.update(source_id=source.id, source_start=byte_offset(source.text, s_start),
                               source_end=byte_offset(source.text, s_end))
                if n is not None:
                    rec["sentences"] = n  # pasted: its last piece is in the n-th sentence after its first
                truth.write(json.dumps(rec, ensure_ascii=False) + "\n")
                counts[(doc.lang, kind)] += 1
    langs = collections.Counter(d.lang for d in docs)
    print(f"{len(docs)} documents ({', '.join(f'{l} {n}' for l, n in sorted(langs.items()))}); copies: "
          + ", ".join(f"{l}/{k} {n}" for (l, k), n in sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
