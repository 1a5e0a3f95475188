#!/usr/bin/env python3
"""Score a once map against the ground truth written by `gen_corpus --truth`.

usage: bench/score_truth.py CORPUS.jsonl TRUTH.jsonl MAP.jsonl

For every injected copy and boilerplate block of the truth file: the share of its bytes that
once removed (a block counts as caught when >= 90% of it is removed). For the article text (every
byte not inside a truth record, plus the truth's `title` records, which are the article's own):
the share of bytes removed by mistake. Prints one line per truth kind and a summary.
"""
import collections
import json
import sys


def main():
    corpus_path, truth_path, map_path = sys.argv[1:4]
    sizes = {}
    with open(corpus_path, encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            sizes[record["id"]] = len(record["text"].encode("utf-8"))
    removed = {}
    with open(map_path, encoding="utf-8") as spans:
        for line in spans:
            record = json.loads(line)
            if "id" in record:
                mask = bytearray(record["bytes"])
                for span in record["spans"]:
                    mask[span["start"]:span["end"]] = b"\x01" * (span["end"] - span["start"])
                removed[record["id"]] = mask
    caught = collections.Counter()
    total = collections.Counter()
    covered = collections.defaultdict(lambda: None)
    with open(truth_path, encoding="utf-8") as truth:
        for line in truth:
            record = json.loads(line)
            mask = removed.get(record["id"])
            if mask is None:
                continue
            if covered[record["id"]] is None:
                covered[record["id"]] = bytearray(len(mask))
            kind = record["kind"]
            start, end = record["start"], record["end"]
            if kind != "title":
                covered[record["id"]][start:end] = b"\x01" * (end - start)
            share = sum(mask[start:end]) / max(1, end - start)
            total[kind] += 1
            if kind == "title":
                caught[kind] += share == 0  # titles must stay whole
            else:
                caught[kind] += share >= 0.9
    print(f"{'truth kind':16} {'blocks':>7} {'caught':>7}")
    for kind in sorted(total):
        label = "kept whole" if kind == "title" else "removed"
        print(f"{kind:16} {total[kind]:7} {caught[kind] / total[kind] * 100:6.1f}% {label}")
    article = lost = 0
    for doc_id, mask in removed.items():
        cover = covered[doc_id] or bytearray(len(mask))
        for i, bit in enumerate(mask):
            if not cover[i]:
                article += 1
                lost += bit
    print(f"article text: {article} bytes, removed by mistake {lost} ({lost / max(1, article) * 100:.2f}%)")


if __name__ == "__main__":
    main()
