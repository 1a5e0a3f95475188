#!/usr/bin/env python3
"""What cutting a page's head down to the article's first paragraph could gain at most, from a map.

usage: bench/head_bound.py MAP OUT_DIR [--min-prose N] [--keep-long N] [--headline none|last|words|last+words]
                           [--last K] [--max-head-share F]

Issue 11 asks for 0.75 of trafilatura's must-go snippets gone with 0.98 of its must-stay kept.
About a fifth of the must-go snippets main keeps stand above the article: site headers, menus,
breadcrumbs, date and author lines, share rows, consent notes over the headline. The
article-start rule (docs/boilerplate.md step 3.9) cuts the head only above a pair of chrome lines
and only when no paragraph stands above that pair. This script measures the blunter family of
rules "every kept line above the article's first long paragraph goes, but the headline and long
lines", without building one, as bench/foot_bound.py does for the page's foot. It reads a map of
`once clean` (the pages' paths are its records' `id`s); for every page it takes the first kept
line of at least --min-prose characters as the article's first paragraph and removes every kept
line above it, except

- lines of at least --keep-long characters (a short lead paragraph, a standfirst);
- the headline candidates (--headline):
  - `none`: none;
  - `last`: the last --last title-like lines above the paragraph (at least 12 characters, or 6
    with CJK; no bullet, no `|`, not ending in a period, colon or ellipsis, at most 200
    characters);
  - `words`: every title-like line whose words (Latin words of at least 4 letters, CJK
    character pairs) come back by half in the page's first 3 lines of at least --min-prose
    characters and the kept lines between (the headline test of step 2, on characters);
  - `last+words`: both.

--max-head-share F leaves a page untouched when the kept lines above the paragraph hold more
than F of the page's kept characters (a page whose "article" is mostly above its first long line).

It writes the cleaned pages to OUT_DIR (one file per page, named as the page) and the widened map
to OUT_DIR.map, for devsets' score.py:

    python3 score.py snippets --snippets trafilatura/snippets.json --docs trafilatura/docs --cleaned OUT_DIR
    python3 score.py spans --gold readability/gold.json --docs readability/docs --map OUT_DIR.map

The map it writes keeps main's spans and adds one span of kind `boilerplate` (rule `head-bound`)
per run of newly removed bytes, so it scores as `once`'s own map would (`--kinds
boilerplate,marker` too) and bench/headline_kept.py still sees in-page copies. Python 3 only; the results are in docs/results-log.md (session 25).
"""
import argparse
import json
import os
import re

# The map and page helpers of the foot bound (same folder: run as bench/head_bound.py).
from foot_bound import page_lines, removed_bytes, spans_of

BULLETS = "*+-•·▪►▶■●◆→>»"
TITLE_BAD_ENDS = ".:…"
# A headline is at least this long (a menu item or a site name is shorter); CJK says more in fewer.
MIN_TITLE_CHARS = 12
MIN_TITLE_CHARS_CJK = 6
MAX_TITLE_CHARS = 200
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
LATIN_WORD = re.compile(r"[^\W\d_]{4,}")


def kept_text(data, removed, start, end):
    return bytes(c for c, r in zip(data[start:end], removed[start:end]) if not r).decode("utf-8", "replace").strip()


def title_like(text):
    cjk = CJK.search(text) is not None
    if len(text) < (MIN_TITLE_CHARS_CJK if cjk else MIN_TITLE_CHARS) or len(text) > MAX_TITLE_CHARS:
        return False
    if text[0] in BULLETS or "|" in text or text.endswith("...") or text[-1] in TITLE_BAD_ENDS:
        return False
    return not text.lower().startswith(("http://", "https://", "www."))


def words(text):
    text = text.lower()
    out = set(LATIN_WORD.findall(text))
    for run in re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+", text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def cut_head(data, removed, args):
    lines = page_lines(data)
    kept = [(i, kept_text(data, removed, s, e)) for i, (s, e, t) in enumerate(lines) if t]
    kept = [(i, t) for i, t in kept if t]
    prose = [k for k, (i, t) in enumerate(kept) if len(t) >= args.min_prose]
    if not prose or prose[0] == 0:
        return 0
    first = prose[0]
    head = kept[:first]
    total = sum(len(t) for _, t in kept)
    if sum(len(t) for _, t in head) > args.max_head_share * total:
        return 0
    story = set()
    upto = prose[min(2, len(prose) - 1)]
    for _, t in kept[first:upto + 1]:
        story |= words(t)
    keep = set()
    if args.headline in ("last", "last+words"):
        found = 0
        for k in range(first - 1, -1, -1):
            if title_like(head[k][1]):
                keep.add(k)
                found += 1
                if found >= args.last:
                    break
    if args.headline in ("words", "last+words"):
        for k, (_, t) in enumerate(head):
            w = words(t)
            if title_like(t) and w and 2 * len(w & story) >= len(w):
                keep.add(k)
    cut = 0
    for k, (i, t) in enumerate(head):
        if k in keep or len(t) >= args.keep_long:
            continue
        start, end, _ = lines[i]
        removed[start:end] = b"\x01" * (end - start)
        cut += 1
    return cut


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("map")
    parser.add_argument("out_dir")
    parser.add_argument("--min-prose", type=int, default=200, help="characters of the article's first paragraph")
    parser.add_argument("--keep-long", type=int, default=100, help="lines above it this long stay")
    parser.add_argument("--headline", choices=["none", "last", "words", "last+words"], default="last")
    parser.add_argument("--last", type=int, default=1, help="last: how many title-like lines stay")
    parser.add_argument("--max-head-share", type=float, default=1.0, help="leave pages whose head holds more of the kept text")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    with open(args.map, encoding="utf-8") as source, open(args.out_dir + ".map", "w", encoding="utf-8") as widened:
        for record in map(json.loads, source):
            if "id" in record:
                with open(record["id"], "rb") as page:
                    data = page.read()
                before = removed_bytes(data, record.get("spans", []))
                removed = bytearray(before)
                cut_head(data, removed, args)
                record["spans"] = record.get("spans", []) + spans_of(
                    bytearray(r and not b for r, b in zip(removed, before)), rule="head-bound")
                with open(os.path.join(args.out_dir, os.path.basename(record["id"])), "wb") as cleaned:
                    cleaned.write(bytes(c for c, r in zip(data, removed) if not r))
            widened.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
