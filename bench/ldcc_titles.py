#!/usr/bin/env python3
"""Titles and line kinds kept per site, from a once map of the livedoor news corpus.

usage: bench/ldcc_titles.py MAP.jsonl CORPUS.jsonl[.gz] [--show N]

Each ldcc article is: line 1 its URL, line 2 its date, line 3 its title, then the body. Prints,
per site, the articles not removed whole (reposts are), how many lost their title (line 3) and
by which kind, and the share of articles whose URL line and date line were removed (a rule that
decides "the same kind of line" consistently gives 0% or 100%, not 40%). The last line also counts
the reposts under a new URL: articles whose every byte from the title on is removed, the title as
a copy (duplicate or near-duplicate) of an earlier article, while their own URL line stays. Their
title goes with the copy, as it should, and the issue's figure counts that as a lost title.

    once clean ../shared/corpora/ldcc.jsonl.gz --group-by site -o /tmp/l.jsonl --map /tmp/l.map -q
    bench/ldcc_titles.py /tmp/l.map ../shared/corpora/ldcc.jsonl.gz
"""
import argparse
import collections
import gzip
import json


def removed_lines(spans):
    """line number -> kind, for every line a span touches with at least one byte."""
    out = {}
    for span in spans:
        first, last = span["lines"]
        for line in range(first, last + 1):
            out.setdefault(line, span["kind"])
    return out


def copied_from(begin, end, spans, text):
    """Whether every non-blank byte of text[begin:end] is removed and its first byte (the title's)
    as a duplicate or near-duplicate."""
    covered = bytearray(end - begin)
    as_copy = False
    for span in spans:
        if span["start"] <= begin < span["end"]:
            as_copy = span["kind"] in ("duplicate", "near_duplicate")
        for i in range(max(span["start"], begin), min(span["end"], end)):
            covered[i - begin] = 1
    return as_copy and all(covered[i - begin] or text[i] in b" \t\r\n" for i in range(begin, end))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("map")
    parser.add_argument("corpus")
    parser.add_argument("--show", type=int, default=0, help="print this many lost titles")
    args = parser.parse_args()
    opener = gzip.open if args.corpus.endswith(".gz") else open
    records = {}
    with opener(args.corpus, "rt", encoding="utf-8") as corpus:
        for line in corpus:
            if line.strip():
                record = json.loads(line)
                records[str(record["id"])] = record
    stats = collections.defaultdict(collections.Counter)
    shown = 0
    with open(args.map, encoding="utf-8") as spans:
        for line in spans:
            entry = json.loads(line)
            if "id" not in entry:
                continue
            record = records[entry["id"]]
            site = record["site"]
            s = stats[site]
            s["articles"] += 1
            if entry.get("fully_removed"):
                s["reposts"] += 1
                continue
            gone = removed_lines(entry["spans"])
            # A span's `lines` includes a line only partly touched (its break); count a line as
            # lost when a span covers its first byte.
            text = record["text"].encode("utf-8")
            starts = [0] + [i + 1 for i, b in enumerate(text) if b == 0x0A]
            def lost(n):
                if n > len(starts):
                    return None
                begin = starts[n - 1]
                end = starts[n] - 1 if n < len(starts) else len(text)
                for span in entry["spans"]:
                    if span["start"] <= begin < span["end"] and span["end"] > begin and end > begin:
                        return span["kind"]
                return None
            for n, name in ((1, "url"), (2, "date")):
                if lost(n):
                    s[name + "_removed"] += 1
            if len(starts) >= 3 and copied_from(starts[2], len(text), entry["spans"], text):
                s["copied_from_title"] += 1
            kind = lost(3)
            if kind:
                s["title_lost"] += 1
                s["title_lost_" + kind] += 1
                if shown < args.show:
                    shown += 1
                    title = record["text"].split("\n")[2]
                    print(f"  lost ({kind}): {entry['id']}: {title}")
    kinds = ["boilerplate", "duplicate", "near_duplicate", "marker"]
    print("| site | articles | reposts | title lost | " + " | ".join(kinds) + " | URL line removed | date line removed |")
    print("|---|---:|---:|---:|" + "---:|" * len(kinds) + "---:|---:|")
    total = collections.Counter()
    for site in sorted(stats):
        s = stats[site]
        total.update(s)
        kept = s["articles"] - s["reposts"]
        cells = " | ".join(str(s["title_lost_" + k]) for k in kinds)
        print(f"| {site} | {s['articles']} | {s['reposts']} | {s['title_lost']} | {cells} | "
              f"{s['url_removed'] / max(kept, 1) * 100:.0f}% | {s['date_removed'] / max(kept, 1) * 100:.0f}% |")
    kept = total["articles"] - total["reposts"]
    cells = " | ".join(str(total["title_lost_" + k]) for k in kinds)
    print(f"| **all** | {total['articles']} | {total['reposts']} | {total['title_lost']} | {cells} | "
          f"{total['url_removed'] / max(kept, 1) * 100:.0f}% | {total['date_removed'] / max(kept, 1) * 100:.0f}% |")
    print(f"title kept in {(kept - total['title_lost']) / max(kept, 1) * 100:.2f}% of {kept} articles not removed whole")
    copies = total["copied_from_title"]
    print(f"of those, {copies} are reposts under a new URL (every byte from the title on removed, the title as a copy);"
          f" title kept in {(kept - total['title_lost']) / max(kept - copies, 1) * 100:.2f}% of the other {kept - copies}")


if __name__ == "__main__":
    main()
