#!/usr/bin/env python3
"""Score a once map against the ground truth written by `gen_corpus --truth`.

usage: bench/score_truth.py CORPUS.jsonl TRUTH.jsonl MAP.jsonl [--by-lang]

For every injected copy and chrome block of the truth file: the share of its bytes that once
removed (a block counts as caught when >= 90% of it is removed). Records that are the article's
own text — `title`, `opening` (a page's first paragraph, which other pages' teasers quote) and
`data` (data lines whose numbers differ from page to page) — count as kept when not one of
their bytes is removed. For the article text (every visible byte
not inside a record to be removed; white space between blocks is layout): the share removed by
mistake. For `pasted` (a passage pasted mid-sentence into
another paragraph), per copy: the share of its bytes removed, and the bytes removed on its line
outside it, so boundaries are scored to the byte. `--by-lang` adds one column per language
(ja: text with kana, zh: Han without kana, en: the rest).
"""
import collections
import json
import re
import statistics
import sys

KEPT = {"title", "opening", "data"}  # the article's own text: must stay whole
KANA = re.compile("[\u3040-\u30ff]")
HAN = re.compile("[\u4e00-\u9fff]")


def language(text):
    if KANA.search(text):
        return "ja"
    return "zh" if HAN.search(text) else "en"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    by_lang = "--by-lang" in sys.argv
    corpus_path, truth_path, map_path = args[:3]
    texts = {}
    langs = {}
    with open(corpus_path, encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            texts[record["id"]] = record["text"].encode("utf-8")
            langs[record["id"]] = language(record["text"][:2000])
    removed = {}
    span_kinds = {}
    with open(map_path, encoding="utf-8") as spans:
        for line in spans:
            record = json.loads(line)
            if "id" in record:
                mask = bytearray(record["bytes"])
                for span in record["spans"]:
                    mask[span["start"]:span["end"]] = b"\x01" * (span["end"] - span["start"])
                removed[record["id"]] = mask
                span_kinds[record["id"]] = [(s["start"], s["end"], s["kind"]) for s in record["spans"]]
    lost_as = collections.defaultdict(collections.Counter)  # kept kinds: what removed them
    caught = collections.Counter()
    total = collections.Counter()
    covered = {}
    pasted = []  # (share removed, bytes removed outside on its line, its bytes, language)
    with open(truth_path, encoding="utf-8") as truth:
        for line in truth:
            record = json.loads(line)
            doc = record["id"]
            mask = removed.get(doc)
            if mask is None:
                continue
            cover = covered.setdefault(doc, bytearray(len(mask)))
            kind = record["kind"]
            start, end = record["start"], record["end"]
            if kind not in KEPT:
                cover[start:end] = b"\x01" * (end - start)
            share = sum(mask[start:end]) / max(1, end - start)
            lang = langs[doc]
            for key in (kind, (kind, lang)):
                total[key] += 1
                caught[key] += (share == 0) if kind in KEPT else (share >= 0.9)
            if kind in KEPT and share > 0:
                how = sorted({k for s, e, k in span_kinds[doc] if s < end and e > start})
                lost_as[kind]["+".join(how)] += 1
            if kind == "pasted":
                text = texts[doc]
                line_start = text.rfind(b"\n", 0, start) + 1
                line_end = text.find(b"\n", end)
                line_end = len(text) if line_end < 0 else line_end
                outside = sum(mask[line_start:start]) + sum(mask[end:line_end])
                pasted.append((share, outside, end - start, lang))

    languages = sorted({lang for _, lang in (k for k in total if isinstance(k, tuple))}) if by_lang else []
    header = f"{'truth kind':16} {'blocks':>7} {'caught':>7}"
    header += "".join(f" {lang:>7}" for lang in languages)
    print(header)
    for kind in sorted(k for k in total if isinstance(k, str)):
        label = "kept whole" if kind in KEPT else "removed"
        row = f"{kind:16} {total[kind]:7} {caught[kind] / total[kind] * 100:6.1f}%"
        for lang in languages:
            n = total[(kind, lang)]
            row += f" {caught[(kind, lang)] / n * 100:6.1f}%" if n else f" {'-':>7}"
        if kind in lost_as:
            label += " (lost as " + ", ".join(f"{k} {n}" for k, n in sorted(lost_as[kind].items())) + ")"
        print(row + f"  {label}")
    if pasted:
        shares = [p[0] for p in pasted]
        own = sum(p[2] for p in pasted)
        outside = sum(p[1] for p in pasted)
        whole = sum(1 for p in pasted if p[0] >= 0.95)
        tight = sum(1 for p in pasted if p[1] <= 0.02 * p[2])
        print(f"pasted: {len(pasted)} copies, {own} bytes; removed {sum(p[0] * p[2] for p in pasted) / own * 100:.1f}% "
              f"of their bytes (median per copy {statistics.median(shares) * 100:.1f}%); "
              f"{whole} ({whole / len(pasted) * 100:.1f}%) with >= 95% removed, "
              f"{sum(1 for s in shares if s == 0)} untouched")
        print(f"pasted: removed outside the copies on their lines {outside} bytes ({outside / own * 100:.2f}% of "
              f"their bytes); {tight} ({tight / len(pasted) * 100:.1f}%) copies with <= 2% outside")
    # Article text: the visible bytes outside every record to be removed (white space between
    # blocks is layout, which a removal takes along with the block before or after it).
    article = lost = 0
    for doc_id, mask in removed.items():
        cover = covered.get(doc_id) or bytearray(len(mask))
        text = texts[doc_id]
        for i, bit in enumerate(mask):
            if not cover[i] and text[i] not in b" \t\r\n":
                article += 1
                lost += bit
    print(f"article text: {article} non-white bytes, removed by mistake {lost} ({lost / max(1, article) * 100:.2f}%)")


if __name__ == "__main__":
    main()
