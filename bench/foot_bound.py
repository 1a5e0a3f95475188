#!/usr/bin/env python3
"""What cutting a page's foot at its article's end could gain at most, from a map.

usage: bench/foot_bound.py MAP OUT_DIR [--mode after-last|keep-sentences] [--min-prose N]
                           [--min-sentence N]

Issue 11 asks for 0.75 of trafilatura's must-go snippets gone with 0.98 of its must-stay kept.
Most must-go snippets still kept stand under the article (bench/mustgo_classes.py), so the
obvious rule is "everything under the article's last paragraph goes". This script measures that
family of rules without building one: it reads a map of `once clean` (the pages' paths are its
records' `id`s), and for every page takes its last kept line of at least --min-prose characters
as the article's end and removes every line under it too:

- `after-last`: every line under it;
- `keep-sentences`: every line under it but those of at least --min-sentence characters that end
  like a sentence (`.` `!` `?` or a closing quote or bracket).

It writes the cleaned pages to OUT_DIR (one file per page, named as the page) and the widened map
to OUT_DIR.map, for devsets' score.py:

    python3 score.py snippets --snippets trafilatura/snippets.json --docs trafilatura/docs --cleaned OUT_DIR
    python3 score.py spans --gold readability/gold.json --docs readability/docs --map OUT_DIR.map

The map it writes keeps only the spans' bytes (kind `boilerplate`), so score spans with every kind.
Python 3 only; the results are in docs/results-log.md (session 24).
"""
import argparse
import json
import os

SENTENCE_ENDS = '.!?"»“”)。！？」』'


def page_lines(data):
    """(start, end, text) of every line; text is None for a blank line."""
    lines, pos = [], 0
    for raw in data.split(b"\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        text = raw.decode("utf-8", "replace").strip()
        lines.append((start, end, text or None))
    return lines


def removed_bytes(data, spans):
    removed = bytearray(len(data))
    for span in spans:
        removed[span["start"]:span["end"]] = b"\x01" * (span["end"] - span["start"])
    return removed


def is_kept(data, removed, start, end):
    return any(not removed[i] and not data[i:i + 1].isspace() for i in range(start, end))


def cut_foot(data, removed, args):
    lines = page_lines(data)
    prose = [i for i, (s, e, t) in enumerate(lines)
             if t and len(t) >= args.min_prose and is_kept(data, removed, s, e)]
    if not prose:
        return
    for start, end, text in lines[prose[-1] + 1:]:
        if text is None:
            continue
        sentence = len(text) >= args.min_sentence and text[-1] in SENTENCE_ENDS
        if args.mode == "after-last" or not sentence:
            removed[start:end] = b"\x01" * (end - start)


def spans_of(removed, rule=None):
    """The removed bytes as map spans (boilerplate), each with `rule` when given."""
    spans, i = [], 0
    while i < len(removed):
        if removed[i]:
            j = i
            while j < len(removed) and removed[j]:
                j += 1
            span = {"start": i, "end": j, "kind": "boilerplate", "cluster": 0, "lines": [0, 0]}
            if rule:
                span["rule"] = rule
            spans.append(span)
            i = j
        else:
            i += 1
    return spans


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("map")
    parser.add_argument("out_dir")
    parser.add_argument("--mode", choices=["after-last", "keep-sentences"], default="after-last")
    parser.add_argument("--min-prose", type=int, default=200, help="characters of the article's last line (a CJK page says more in fewer)")
    parser.add_argument("--min-sentence", type=int, default=60, help="keep-sentences: characters of a kept sentence line")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    with open(args.map, encoding="utf-8") as source, open(args.out_dir + ".map", "w", encoding="utf-8") as widened:
        for record in map(json.loads, source):
            if "id" in record:
                with open(record["id"], "rb") as page:
                    data = page.read()
                removed = removed_bytes(data, record.get("spans", []))
                cut_foot(data, removed, args)
                record["spans"] = spans_of(removed)
                with open(os.path.join(args.out_dir, os.path.basename(record["id"])), "wb") as cleaned:
                    cleaned.write(bytes(c for c, r in zip(data, removed) if not r))
            widened.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
