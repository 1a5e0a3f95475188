#!/usr/bin/env python3
"""Share of bytes removed per site and kind, from a once map and its JSON Lines corpus.

usage: bench/site_share.py MAP.jsonl CORPUS.jsonl[.gz] [--site-field site]

Prints a Markdown table (the one in the README for ../shared/corpora/ldcc.jsonl.gz):
    once scan ../shared/corpora/ldcc.jsonl.gz --group-by site --map /tmp/ldcc.map -q
    bench/site_share.py /tmp/ldcc.map ../shared/corpora/ldcc.jsonl.gz
"""
import argparse
import collections
import gzip
import json


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("map")
    parser.add_argument("corpus")
    parser.add_argument("--site-field", default="site")
    args = parser.parse_args()
    opener = gzip.open if args.corpus.endswith(".gz") else open
    site_of = {}
    with opener(args.corpus, "rt", encoding="utf-8") as corpus:
        for line in corpus:
            if line.strip():
                record = json.loads(line)
                site_of[str(record["id"])] = record.get(args.site_field, "?")
    total = collections.Counter()
    removed = collections.defaultdict(collections.Counter)
    documents = collections.Counter()
    with open(args.map, encoding="utf-8") as spans:
        for line in spans:
            record = json.loads(line)
            if "id" not in record:
                continue
            site = site_of.get(record["id"], "?")
            total[site] += record["bytes"]
            documents[site] += 1
            for span in record["spans"]:
                removed[site][span["kind"]] += span["end"] - span["start"]
    kinds = ["duplicate", "near_duplicate", "boilerplate", "marker"]
    print("| site | documents | text bytes | removed | " + " | ".join(kinds) + " |")
    print("|---|---:|---:|---:|" + "---:|" * len(kinds))
    grand = collections.Counter()
    for site in sorted(total):
        for kind in kinds:
            grand[kind] += removed[site][kind]
        share = sum(removed[site].values()) / total[site] * 100
        cells = " | ".join(f"{removed[site][kind] / total[site] * 100:.1f}%" for kind in kinds)
        print(f"| {site} | {documents[site]:,} | {total[site]:,} | {share:.1f}% | {cells} |")
    all_bytes = sum(total.values())
    cells = " | ".join(f"{grand[kind] / all_bytes * 100:.1f}%" for kind in kinds)
    print(f"| **all** | {sum(documents.values()):,} | {all_bytes:,} | {sum(grand.values()) / all_bytes * 100:.1f}% | {cells} |")


if __name__ == "__main__":
    main()
