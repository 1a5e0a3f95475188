#!/usr/bin/env python3
"""Real multi-page documentation sites as a labelled corpus: what `once` removes from them.

usage: bench/docsite.py build OUT.jsonl SITE=LANG=DIR[=GLOB[=MAX]] ...  [--tight]
       bench/docsite.py score OUT.jsonl (--map MAP | --once BIN) [--examples N] [--lines]

Many Debian packages ship a manual as a site of HTML pages written by DocBook or Sphinx, in
several languages (zh, ja, en, ...). Their HTML marks what is chrome and what is the page's
content, so each line of the page's text gets a gold label for free:

- `go`: inside an element that the structure marks as navigation or furniture — a class
  `navheader`, `navfooter` (DocBook's bars above and below every page: the page's title, the
  previous and next pages' titles, Prev/Up/Home/Next), `toc`, `list-of-*` (tables of contents),
  `breadcrumb(s)`, `related`, `sphinxsidebar*`, `footer`, `searchbox`, `headerlink`,
  `toctree-wrapper`, `contents` (Sphinx's tables of contents, inside its `body`); an element
  `nav`, `aside`, `footer`, or `role="navigation"`. Chrome wins over content: a table of
  contents inside a chapter is chrome.
- `stay`: otherwise inside an element that the structure marks as the page's content — a class
  `book`, `part`, `chapter`, `appendix`, `preface`, `article`, `section`, `sect1`..`sect5`,
  `refentry`, `glossary`, `index`, `qandaset`, `body` (Sphinx); an element `main`, `article`,
  or `role="main"`.
- `none`: neither (text straight under <body>); counted apart, never scored.

**build** converts every page of each site the way a scraper stores a page (html.parser only):
the text of each block element (`p`, headings, `li`, `dt`, `dd`, `pre`, table rows, ...) on a
line of its own, inline elements (links, `code`, `em`, images by their `alt` text) inside the
line, so a nav bar is the line it shows (`Prev  Up  Home  Next`, the neighbours' titles); a
table row is one line with its cells separated by a space; white space collapsed except in
`pre`; the <head> (its <title> too), scripts and styles dropped. Paragraph-like blocks
(`p`, headings, `pre`, tables, lists, `blockquote`, `div`) are separated by one blank line and the
lines inside a list, table or definition list are not (nor a list nested in a list item) — as lynx and most HTML-to-text converters
lay a page out, so `once` sees the blocks it sees on scraped pages. `--tight` drops the blank
lines (one line per block element, as trafilatura's text output). Pages are taken in reading
order: from the site's `index*.html` along each page's `<link rel="next">`, then any page not
reached, by name; `MAX` keeps only the first MAX pages (a small site, to test cold start).

SITE=LANG=DIR[=GLOB[=MAX]]: the site's name (the `site` field), its language (the `lang`
field), the folder, the pages' file-name patterns (default `*.html`; `.html.gz` is read too; comma-separated,
`-PATTERN` leaves pages out).
OUT.jsonl gets one record per page (`id` = SITE/file, `site`, `lang`, `text`) and OUT.gold.json
the labels: per id, `lines` = `[start, end, label]` byte ranges of every non-blank line of the
text (end before the line break) and `headline` = the line of the first `h1`/`h2` inside the
content (or null).

**score** runs `once clean OUT.jsonl -o OUT.clean.jsonl --map OUT.map.jsonl --group-by site -q`
(with --once) or reads a map of such a run, then prints per site and per language:
- content lost: non-white `stay` bytes that the map removes / non-white `stay` bytes;
- chrome removed: non-white `go` bytes removed / non-white `go` bytes;
- headline kept: pages whose headline line keeps more than half of its non-white bytes;
  headline text kept: pages whose cleaned text still holds the headline's text somewhere (white
  space aside) — a DocBook page prints its title twice, in the nav bar and over the content,
  and keeping the first copy keeps the title;
- the lost `stay` bytes by cause: `KIND/RULE` for boilerplate and markers, `KIND/WHERE/SOURCE`
  for copies (WHERE: the kept copy is on the `same-page`, `other-page` of the site, or
  `other-site`; SOURCE: the gold label of most of the kept copy's bytes, `stay` or `go`); with
  `--examples N` the N largest lost lines of each cause (`--lines`: every lost line).

    python3 bench/docsite.py build /tmp/docsite/zh.jsonl \\
        install-zh=zh=/tmp/docsite/x/usr/share/doc/installation-guide-amd64/zh_CN
    python3 bench/docsite.py score /tmp/docsite/zh.jsonl --once build/src/once

bench/README.md gives the apt-get commands that fetch the sites. Python 3 only.
"""
import argparse
import collections
import fnmatch
import gzip
import html.parser
import json
import os
import re
import subprocess
import sys

CHROME_CLASSES = {"navheader", "navfooter", "toc", "breadcrumb", "breadcrumbs", "related",
                  "sphinxsidebar", "sphinxsidebarwrapper", "footer", "searchbox",
                  "headerlink", "toctree-wrapper", "contents"}
CHROME_CLASS_PREFIXES = ("list-of-",)
CHROME_TAGS = {"nav", "aside", "footer"}
CONTENT_CLASSES = {"book", "part", "chapter", "appendix", "preface", "article", "section",
                   "sect1", "sect2", "sect3", "sect4", "sect5", "refentry", "glossary",
                   "index", "qandaset", "body"}
CONTENT_TAGS = {"main", "article"}

SKIP_TAGS = {"head", "script", "style", "template", "noscript"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "param", "source", "track", "wbr"}
# A block that stands apart: a blank line before and after it (lynx, html2text).
PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul", "ol", "dl",
                  "blockquote", "div", "section", "article", "main", "nav", "aside", "header",
                  "footer", "figure", "form", "address", "center", "hr", "body"}
# A block that is one line inside its paragraph (a list item, a table row, a caption).
LINE_TAGS = {"li", "dt", "dd", "tr", "br", "caption", "figcaption", "legend", "option",
             "thead", "tbody", "tfoot"}
CELL_TAGS = {"td", "th"}
NESTED_LIST_TAGS = {"ul", "ol", "dl", "div"}
CELL_SEPARATOR = " "
HEADLINE_TAGS = {"h1", "h2"}


def classes_of(attrs):
    return set((dict(attrs).get("class") or "").split())


def label_of(tag, attrs):
    """'go', 'stay' or None for one element, from its tag, class and role."""
    classes = classes_of(attrs)
    role = dict(attrs).get("role")
    if (tag in CHROME_TAGS or role == "navigation" or classes & CHROME_CLASSES
            or any(c.startswith(CHROME_CLASS_PREFIXES) for c in classes)):
        return "go"
    if tag in CONTENT_TAGS or role == "main" or classes & CONTENT_CLASSES:
        return "stay"
    return None


class PageText(html.parser.HTMLParser):
    """One page's text as lines, each with its label; see the module's doc."""

    def __init__(self, tight):
        super().__init__(convert_charrefs=True)
        self.tight = tight
        self.stack = []           # (tag, label or None)
        self.skip = 0
        self.pre = 0
        self.lines = []           # [text, label, is_headline]; text "" = a blank line
        self.pieces = []          # current line: (text, label)
        self.blank_pending = False
        self.heading = None       # tag of the open h1..h6
        self.line_heading = False
        self.headline_done = False

    def label(self):
        labels = [lab for _, lab in self.stack if lab]
        if "go" in labels:
            return "go"
        return "stay" if "stay" in labels else "none"

    def in_list_item(self, tag):
        """A list nested in a list item goes on without a blank line (a table of contents' levels)."""
        return tag in NESTED_LIST_TAGS and any(t in ("li", "dd") for t, _ in self.stack)

    def flush(self, paragraph):
        text = "".join(t for t, _ in self.pieces)
        if not self.pre:
            text = " ".join(text.split())
        else:
            text = text.rstrip()
        if text.strip():
            labels = collections.Counter()
            for t, lab in self.pieces:
                labels[lab] += len(t.strip())
            label = labels.most_common(1)[0][0] if len(labels) == 1 else (
                labels.most_common(1)[0][0] if labels.most_common(1)[0][1] >= 0.9 * sum(labels.values())
                else "mixed")
            if self.blank_pending and self.lines and not self.tight:
                self.lines.append(["", None, False])
            self.blank_pending = False
            headline = self.line_heading and label == "stay" and not self.headline_done
            if headline:
                self.headline_done = True
            self.lines.append([text, label, headline])
        self.pieces = []
        self.line_heading = False
        if paragraph:
            self.blank_pending = True

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        if tag in PARAGRAPH_TAGS and not self.in_list_item(tag):
            self.flush(True)
        elif tag in LINE_TAGS or tag in PARAGRAPH_TAGS:
            self.flush(False)
        elif tag in CELL_TAGS and self.pieces:
            self.pieces.append((CELL_SEPARATOR, self.label()))
        if tag not in VOID_TAGS:
            self.stack.append((tag, label_of(tag, attrs)))
        if tag == "pre":
            self.pre += 1
        if tag in HEADLINE_TAGS:
            self.line_heading = True
        if tag == "img" and not self.skip:
            alt = (dict(attrs).get("alt") or "").strip()
            if alt:
                self.pieces.append((" " + alt + " ", self.label()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if not any(t == tag for t, _ in self.stack):
            return                # a stray end tag
        if tag in PARAGRAPH_TAGS and not self.in_list_item(tag):
            self.flush(True)
        elif tag in LINE_TAGS or tag in PARAGRAPH_TAGS:
            self.flush(False)
        while self.stack:
            t, _ = self.stack.pop()
            if t == "pre":
                self.pre -= 1
            if t in SKIP_TAGS:
                self.skip -= 1
            if t == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        if self.pre:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self.flush(False)
                if part:
                    self.pieces.append((part, self.label()))
        else:
            self.pieces.append((data, self.label()))

    def close(self):
        super().close()
        self.flush(True)


def read_page(path):
    raw = open(path, "rb").read()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096])
    enc = m.group(1).decode() if m else "utf-8"
    try:
        return raw.decode(enc)
    except (LookupError, UnicodeDecodeError):
        return raw.decode("utf-8", errors="replace")


def convert(html_text, tight=False):
    """(text, gold lines [[start, end, label]], headline [start, end] or None)"""
    parser = PageText(tight)
    parser.feed(html_text)
    parser.close()
    out = bytearray()
    gold, headline = [], None
    for text, label, is_headline in parser.lines:
        data = text.encode("utf-8")
        if label is not None:
            gold.append([len(out), len(out) + len(data), label])
            if is_headline:
                headline = [len(out), len(out) + len(data)]
        out += data + b"\n"
    return out.decode("utf-8"), gold, headline


NEXT_LINK = re.compile(r"<link\b[^>]*\brel=[\"']?next[\"']?[^>]*>", re.I)
HREF = re.compile(r"\bhref=[\"']?([^\"' >#]+)", re.I)


def reading_order(folder, names):
    """From index*.html along <link rel="next">, then the pages not reached, by name."""
    names = sorted(names)
    plain = {n[:-3] if n.endswith(".gz") else n: n for n in names}
    start = [n for n in plain if n.startswith("index")]
    order, seen = [], set()
    page = start[0] if start else None
    while page and page in plain and page not in seen:
        seen.add(page)
        order.append(plain[page])
        html_text = read_page(os.path.join(folder, plain[page]))
        m = NEXT_LINK.search(html_text)
        href = HREF.search(m.group(0)) if m else None
        page = os.path.normpath(href.group(1)) if href else None
    return order + [n for n in names if n not in order]


def build(args):
    gold = {}
    with open(args.out, "w", encoding="utf-8") as out:
        for spec in args.sites:
            parts = spec.split("=")
            site, lang, folder = parts[:3]
            glob = parts[3] if len(parts) > 3 and parts[3] else "*.html"
            limit = int(parts[4]) if len(parts) > 4 else None
            take = [g for g in glob.split(",") if not g.startswith("-")]
            leave = [g[1:] for g in glob.split(",") if g.startswith("-")]
            names = [n for n in os.listdir(folder)
                     if any(fnmatch.fnmatch(n, g) or fnmatch.fnmatch(n, g + ".gz") for g in take)
                     and not any(fnmatch.fnmatch(n, g) for g in leave)]
            pages = reading_order(folder, names)[:limit]
            counts = collections.Counter()
            for name in pages:
                text, lines, headline = convert(read_page(os.path.join(folder, name)), args.tight)
                doc_id = f"{site}/{name}"
                out.write(json.dumps({"id": doc_id, "site": site, "lang": lang, "text": text},
                                     ensure_ascii=False) + "\n")
                gold[doc_id] = {"site": site, "lang": lang, "lines": lines, "headline": headline}
                for s, e, lab in lines:
                    counts[lab] += e - s
            print(f"{site} ({lang}): {len(pages)} pages, line bytes "
                  + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())), file=sys.stderr)
    with open(gold_path(args.out), "w", encoding="utf-8") as g:
        json.dump(gold, g, ensure_ascii=False)


def gold_path(corpus):
    return re.sub(r"\.jsonl$", "", corpus) + ".gold.json"


def nonwhite(data):
    return len(data) - sum(data.count(c) for c in b" \t\r\n")


def load_map(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if "id" in d:
            out[d["id"]] = d.get("spans", [])
    return out


def removed_mask(n, spans):
    mask = bytearray(n)
    for sp in spans:
        mask[sp["start"]:sp["end"]] = b"\x01" * (sp["end"] - sp["start"])
    return mask


def removed_nonwhite(data, mask, start, end):
    return sum(1 for i in range(start, end) if mask[i] and data[i] not in b" \t\r\n")


def source_label(gold, texts, src):
    """The gold label of most of the kept copy's non-white bytes."""
    entry = gold.get(src["id"])
    if entry is None:
        return "?"
    data = texts[src["id"]]
    tally = collections.Counter()
    for s, e, lab in entry["lines"]:
        lo, hi = max(s, src["start"]), min(e, src["end"])
        if lo < hi:
            tally[lab] += nonwhite(data[lo:hi])
    return tally.most_common(1)[0][0] if tally else "?"


def cause_of(span, doc_id, gold, texts):
    kind = span["kind"]
    if kind in ("boilerplate", "marker"):
        return f"{kind}/{span.get('rule', span.get('match', '?'))}"
    src = span.get("source") or {}
    if src.get("id") == doc_id:
        where = "same-page"
    elif src.get("id") in gold and gold[src["id"]]["site"] == gold[doc_id]["site"]:
        where = "other-page"
    else:
        where = "other-site"
    return f"{kind}/{where}/{source_label(gold, texts, src)}"


def score(args):
    gold = json.load(open(gold_path(args.corpus), encoding="utf-8"))
    map_path = args.map
    if args.once:
        stem = re.sub(r"\.jsonl$", "", args.corpus)
        map_path = stem + ".map.jsonl"
        subprocess.run([args.once, "clean", args.corpus, "-o", stem + ".clean.jsonl", "--map",
                        map_path, "--group-by", "site", "-q"], check=True)
    spans_of = load_map(map_path)
    texts = {}
    for line in open(args.corpus, encoding="utf-8"):
        d = json.loads(line)
        texts[d["id"]] = d["text"].encode("utf-8")

    Tally = lambda: collections.Counter()
    per = collections.defaultdict(Tally)     # (site, lang) and ("all", lang) and ("all", "all")
    causes = collections.defaultdict(Tally)  # cause -> bytes, lines
    examples = collections.defaultdict(list)
    order = []
    for doc_id, entry in gold.items():
        data = texts[doc_id]
        spans = spans_of.get(doc_id, [])
        mask = removed_mask(len(data), spans)
        keys = [(entry["site"], entry["lang"]), ("all " + entry["lang"], entry["lang"]),
                ("all", "all")]
        if keys[0] not in order:
            order.append(keys[0])
        for k in keys:
            per[k]["pages"] += 1
        for s, e, lab in entry["lines"]:
            total = nonwhite(data[s:e])
            gone = removed_nonwhite(data, mask, s, e)
            for k in keys:
                per[k][lab] += total
                per[k][lab + "_removed"] += gone
            if lab == "stay" and gone:
                for sp in spans:
                    lo, hi = max(s, sp["start"]), min(e, sp["end"])
                    if lo < hi:
                        part = removed_nonwhite(data, mask, lo, hi)
                        c = cause_of(sp, doc_id, gold, texts)
                        causes[c]["bytes"] += part
                        causes[c]["lines"] += 1
                        examples[c].append((part, doc_id, data[s:e].decode("utf-8", "replace")))
        if entry["headline"]:
            s, e = entry["headline"]
            kept_text = b"".join(data[i:i + 1] for i in range(len(data)) if not mask[i])
            on_page = b" ".join(data[s:e].split()) in b" ".join(kept_text.split())
            for k in keys:
                per[k]["headlines"] += 1
                if removed_nonwhite(data, mask, s, e) * 2 < nonwhite(data[s:e]):
                    per[k]["headlines_kept"] += 1
                if on_page:
                    per[k]["headlines_on_page"] += 1
            if removed_nonwhite(data, mask, s, e) * 2 >= nonwhite(data[s:e]) and args.lines:
                print("headline lost:", doc_id, data[s:e].decode()[:80])

    def pct(a, b):
        return f"{100.0 * a / b:.2f}%" if b else "-"

    print(f"map: {map_path}\n")
    print("| site | lang | pages | content (stay) bytes | content lost | chrome (go) bytes "
          "| chrome removed | headline kept | headline text kept | unlabelled bytes |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    langs = []
    for k in order:
        if k[1] not in langs:
            langs.append(k[1])
    rows = order + [("all " + lang, lang) for lang in langs] + [("all", "all")]
    for k in rows:
        t = per[k]
        name = f"**{k[0]}**" if k[0].startswith("all") else k[0]
        print(f"| {name} | {k[1]} | {t['pages']:,} | {t['stay']:,} | {pct(t['stay_removed'], t['stay'])} "
              f"({t['stay_removed']:,}) | {t['go']:,} | {pct(t['go_removed'], t['go'])} "
              f"| {t['headlines_kept']}/{t['headlines']} | {t['headlines_on_page']}/{t['headlines']} "
              f"| {t['none'] + t['mixed']:,} |")
    total = per[("all", "all")]["stay_removed"]
    print("\nLost content (non-white `stay` bytes removed) by cause:\n")
    print("| cause | bytes | share of lost | lines |")
    print("|---|---:|---:|---:|")
    for c, t in sorted(causes.items(), key=lambda kv: -kv[1]["bytes"]):
        print(f"| {c} | {t['bytes']:,} | {pct(t['bytes'], total)} | {t['lines']:,} |")
    if args.examples or args.lines:
        for c, t in sorted(causes.items(), key=lambda kv: -kv[1]["bytes"]):
            print(f"\n### {c}")
            ex = sorted(examples[c], key=lambda x: -x[0])
            for part, doc_id, line in (ex if args.lines else ex[:args.examples]):
                print(f"- {part} B {doc_id}: {line[:160]!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("out")
    b.add_argument("sites", nargs="+")
    b.add_argument("--tight", action="store_true")
    s = sub.add_parser("score")
    s.add_argument("corpus")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--map")
    g.add_argument("--once")
    s.add_argument("--examples", type=int, default=0)
    s.add_argument("--lines", action="store_true")
    args = ap.parse_args()
    build(args) if args.cmd == "build" else score(args)


if __name__ == "__main__":
    main()
