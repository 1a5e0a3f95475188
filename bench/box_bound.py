#!/usr/bin/env python3
"""What removing boxes of other stories' titles under the article could gain, from a map.

usage: bench/box_bound.py MAP OUT_DIR [--min-prose N] [--min-title N] [--max-title N] [--min-run N]
                          [--alone] [--keep-closing] [--short-joins] [--no-bullet] [--no-url]
                          [--same-words] [--after-chrome] [--max-shared F]
                          [--max-tail-share F] [--corpus JSONL]

Issue 11.2: most must-go snippets `once` keeps on trafilatura's devset stand after the article,
and the largest kind of them is the titles of other stories (related / latest / most-read boxes)
with no label of their own (docs/results-log.md, session 31). This script measures the family of
rules "a run of title-shaped lines under the article's last long paragraph goes" without building
one, as bench/foot_bound.py does for the whole foot. It reads a map of `once clean` and, for
every page, takes its last kept line of at least --min-prose weight units (a CJK character counts
two) as the article's end; the kept lines under it are the tail. In the tail, a run of at least
--min-run consecutive title-shaped kept lines goes. A line is title-shaped when it weighs between
--min-title and --max-title units and does not end as a sentence or a label (`.` `!` `:` `;`
and their full-width forms; an ellipsis is a teaser's cut, not an end). Options narrow it:

- --alone: a title stands alone between blank lines (a list's or table's lines do not);
- --keep-closing: the tail's first line is the article's closing line (a source, a sign-off)
  and is never part of a run;
- --short-joins: lighter lines between titles (a date, a section, `Link zum Artikel`) do not
  end the run and go with it; they are not counted as titles;
- --no-bullet: a line opening with a bullet mark or a number (`5. `, `2) `) ends the run (a list
  of the article's);
- --no-url: a line holding a URL ends the run (references);
- --same-words: a run whose titles share a word (Latin, 2 letters or more; CJK character pairs)
  in half of them and at least 3 is the rows of one table or list, not other stories, and stays;
- --after-chrome: a run goes only when a line the map removed (chrome) stands between the
  article's end and the run: the foot has begun; a list that goes on from the article stays;
- --max-shared F: a run goes only when at most F of its titles' words (Latin words of 4 letters
  or more, CJK character pairs) stand in the article above (other stories are about other things;
  the article's own closing list is about its subject); Latin-script runs under a CJK article
  stay (a table or a command in the article shares no words with its text);
- --max-tail-share F: a page whose tail holds more than F of its kept weight is left alone (its
  article is short lines under one long one: a photo blog, a list).

It writes the cleaned pages to OUT_DIR (one file per page, named as the page; not with
--corpus), the widened map to OUT_DIR.map (main's spans plus one `boilerplate` span of rule
`box-bound` per run of newly removed bytes, so score.py's `--kinds boilerplate,marker` still
reads it as `once`'s own map) and every removed line to OUT_DIR.lines (`page<TAB>line<TAB>text`,
0-based line numbers). With --corpus JSONL (a bench/docsite.py corpus) the map's ids are that
corpus's record ids and the text comes from it:

    python3 score.py snippets --snippets trafilatura/snippets.json --docs trafilatura/docs --cleaned OUT_DIR
    python3 score.py spans --gold readability/gold.json --docs readability/docs --map OUT_DIR.map --kinds boilerplate,marker
    python3 bench/docsite.py score /tmp/docsite/en.jsonl --map OUT_DIR.map

Python 3 only; the results are in docs/results-log.md (session 32).
"""
import argparse
import collections
import json
import os
import re
import unicodedata

# The map and page helpers of the foot bound (same folder: run as bench/box_bound.py).
from foot_bound import is_kept, page_lines, removed_bytes, spans_of

# A title does not end as a sentence or a label does; `...` and `…` are a teaser's cut.
SENTENCE_ENDS = ".!:;。！：；"
BULLETS = "*+-•·▪►▶■●◆→>»–"
NUMBERED = re.compile(r"\d{1,3}[.)]\s")
URL = re.compile(r"https?://|www\.")
LATIN_WORD = re.compile(r"[^\W\d_]{2,}")


def is_wide(ch):
    return unicodedata.east_asian_width(ch) in "WF"


def weight(text):
    """Characters, a CJK (wide) one counting two: CJK says in 10 what English says in 20."""
    return sum(2 if is_wide(ch) else 1 for ch in text)


def title_shaped(text, args):
    if not args.min_title <= weight(text) <= args.max_title:
        return False
    if text[-1] in SENTENCE_ENDS and not text.endswith(("...", "…")):
        return False
    if args.no_bullet and (text[0] in BULLETS or NUMBERED.match(text)):
        return False
    return not (args.no_url and URL.search(text))


def words(text):
    found = {w.lower() for w in LATIN_WORD.findall(text) if not any(is_wide(c) for c in w)}
    wide = [c for c in text if is_wide(c) and c.isalpha()]
    found.update(a + b for a, b in zip(wide, wide[1:]))
    return found


def story_words(text):
    """A story's own words: Latin words of 4 letters or more (fewer are mostly function words), CJK pairs."""
    return {w for w in words(text) if len(w) >= 4 or any(is_wide(c) for c in w)}


def wide_share(found):
    return sum(any(is_wide(c) for c in w) for w in found) / max(1, len(found))


def share_words(titles):
    counts = collections.Counter(w for t in titles for w in words(t))
    return any(n >= 3 and 2 * n >= len(titles) for n in counts.values())


def alone(lines, i):
    return (i == 0 or lines[i - 1][2] is None) and (i + 1 == len(lines) or lines[i + 1][2] is None)


def cut_boxes(data, removed, args):
    """The tail's title runs, as line numbers to remove."""
    lines = page_lines(data)
    kept = [i for i, (s, e, t) in enumerate(lines) if t and is_kept(data, removed, s, e)]
    long_lines = [i for i in kept if weight(lines[i][2]) >= args.min_prose]
    if not long_lines:
        return []
    tail = [i for i in kept if i > long_lines[-1]]
    total = sum(weight(lines[i][2]) for i in kept)
    if sum(weight(lines[i][2]) for i in tail) > args.max_tail_share * total:
        return []
    if args.keep_closing:
        tail = tail[1:]
    article = set()
    if args.max_shared < 1.0:
        for i in kept:
            if i <= long_lines[-1]:
                article.update(story_words(lines[i][2]))
    go, run, pending = [], [], []

    def after_chrome(first):
        return any(t and not is_kept(data, removed, s, e) for s, e, t in lines[long_lines[-1] + 1:first])

    def close_run():
        titles = [lines[i][2] for i in run if title_shaped(lines[i][2], args)]
        if len(titles) < args.min_run or (args.same_words and share_words(titles)):
            return
        if args.after_chrome and not after_chrome(run[0]):
            return
        if args.max_shared < 1.0:
            own = [w for t in titles for w in story_words(t)]
            if own and sum(w in article for w in own) > args.max_shared * len(own):
                return
            if own and wide_share(own) < 0.5 <= wide_share(article):
                return  # Latin lines in a CJK article: a table or a command, not other stories
        go.extend(run)

    for i in tail:
        text = lines[i][2]
        if title_shaped(text, args) and (not args.alone or alone(lines, i)):
            run.extend(pending)
            pending.clear()
            run.append(i)
        elif args.short_joins and run and weight(text) < args.min_title and text[-1] not in SENTENCE_ENDS:
            pending.append(i)
        else:
            close_run()
            run.clear()
            pending.clear()
    close_run()
    for i in go:
        start, end, _ = lines[i]
        removed[start:end] = b"\x01" * (end - start)
    return go


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("map")
    parser.add_argument("out_dir")
    parser.add_argument("--min-prose", type=int, default=200, help="weight of the article's last long line")
    parser.add_argument("--min-title", type=int, default=16, help="lightest title (a menu entry is lighter)")
    parser.add_argument("--max-title", type=int, default=120, help="heaviest title (a teaser's text is heavier)")
    parser.add_argument("--min-run", type=int, default=3, help="titles in a box")
    parser.add_argument("--alone", action="store_true")
    parser.add_argument("--keep-closing", action="store_true")
    parser.add_argument("--short-joins", action="store_true")
    parser.add_argument("--no-bullet", action="store_true")
    parser.add_argument("--no-url", action="store_true")
    parser.add_argument("--same-words", action="store_true")
    parser.add_argument("--after-chrome", action="store_true")
    parser.add_argument("--max-shared", type=float, default=1.0)
    parser.add_argument("--max-tail-share", type=float, default=1.0)
    parser.add_argument("--corpus", help="a bench/docsite.py corpus: the map's ids are its record ids")
    args = parser.parse_args()
    corpus = {}
    if args.corpus:
        with open(args.corpus, encoding="utf-8") as f:
            for record in map(json.loads, f):
                corpus[record["id"]] = record["text"].encode("utf-8")
    else:
        os.makedirs(args.out_dir, exist_ok=True)
    with open(args.map, encoding="utf-8") as source, \
            open(args.out_dir + ".map", "w", encoding="utf-8") as widened, \
            open(args.out_dir + ".lines", "w", encoding="utf-8") as log:
        for record in map(json.loads, source):
            if "id" in record:
                if args.corpus:
                    data = corpus[record["id"]]
                else:
                    with open(record["id"], "rb") as page:
                        data = page.read()
                before = removed_bytes(data, record.get("spans", []))
                removed = bytearray(before)
                lines = page_lines(data)
                for i in cut_boxes(data, removed, args):
                    log.write(f"{os.path.basename(record['id'])}\t{i}\t{lines[i][2]}\n")
                record["spans"] = record.get("spans", []) + spans_of(
                    bytearray(r and not b for r, b in zip(removed, before)), rule="box-bound")
                if not args.corpus:
                    with open(os.path.join(args.out_dir, os.path.basename(record["id"])), "wb") as cleaned:
                        cleaned.write(bytes(c for c, r in zip(data, removed) if not r))
            widened.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
