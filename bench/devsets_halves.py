#!/usr/bin/env python3
"""Split the development sets' labels into two halves, to tune on one and check on the other.

usage: bench/devsets_halves.py DEVSETS OUTDIR

Writes OUTDIR/rA.json, rB.json (readability gold, split by site folder) and OUTDIR/tA.json, tB.json
(trafilatura snippets, split by page): half A holds the names whose md5 is even. Score a half by
passing its file to score.py instead of the whole set's:

    bench/devsets_halves.py ../shared/devsets /tmp/halves
    python3 score.py spans --gold /tmp/halves/rA.json --docs readability/docs --map $T/r.map --kinds boilerplate,marker
    python3 score.py snippets --snippets /tmp/halves/tA.json --docs trafilatura/docs --cleaned $T/t
"""
import hashlib
import json
import os
import sys


def half(name):
    return "AB"[int(hashlib.md5(name.encode()).hexdigest(), 16) % 2]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    devsets, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    gold = json.load(open(os.path.join(devsets, "readability", "gold.json"), encoding="utf-8"))
    snippets = json.load(open(os.path.join(devsets, "trafilatura", "snippets.json"), encoding="utf-8"))
    for h in "AB":
        r = {n: v for n, v in gold.items() if half(n.split("/")[0]) == h}
        t = {n: v for n, v in snippets.items() if half(n) == h}
        json.dump(r, open(os.path.join(out, f"r{h}.json"), "w", encoding="utf-8"))
        json.dump(t, open(os.path.join(out, f"t{h}.json"), "w", encoding="utf-8"))
        print(f"half {h}: readability {len(r)} pages, trafilatura {len(t)} pages")


if __name__ == "__main__":
    main()
