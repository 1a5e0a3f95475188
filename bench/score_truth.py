#!/usr/bin/env python3
"""Score a once map against the ground truth written by `gen_corpus --truth`.

usage: bench/score_truth.py CORPUS.jsonl TRUTH.jsonl MAP.jsonl [--by-lang] [--mistakes N] [--missed N]

For every injected copy and chrome block of the truth file: the share of its bytes that once
removed (a block counts as caught when >= 90% of it is removed). Records that are the article's
own text — `title`, `opening` (a page's first paragraph, which other pages' teasers quote) and
`data` (data lines whose numbers differ from page to page) — count as kept when not one of
their bytes is removed. For the article text (every visible byte
not inside a record to be removed; white space between blocks is layout): the share removed by
mistake. For `pasted` (a passage pasted mid-sentence into
another paragraph), per copy: the share of its bytes removed, and the bytes removed on its line
outside it, so boundaries are scored to the byte. `--by-lang` adds one column per language
(ja: text with kana, zh: Han without kana, en: the rest). `--mistakes N` adds, per kind of span
(kind/match/rule), the article bytes it removed by mistake, and its first N such spans with the
line around them ([[removed]]) and, for copies, the kept copy they were taken for. Of the
article bytes removed by mistake, those the base article itself prints twice (a title repeated
in its related list, a sentence printed twice: bench/truth_mistakes.py's "source prints it
twice") are also given on their own line: a truth artefact, told from the truth file alone. `--missed N`
lists, per copy kind, the first N copies not caught (for `pasted`: under 95% of its bytes
removed, or over 2% outside) in their line ([[removed]], <<copy>>), with their source and the
spans that touch them: how this round's missed copies were sorted into causes.
"""
import collections
import json
import re
import statistics
import sys

import truth_mistakes  # bench/truth_mistakes.py: the mistakes sorted into causes

KEPT = {"title", "opening", "data"}  # the article's own text: must stay whole
# Passages pasted inside other text (inject_real.py: `pasted` at a host sentence boundary,
# `pasted_mid` inside a host sentence; gen_corpus: `pasted`): scored to the byte.
PASTED = ("pasted", "pasted_mid")
KANA = re.compile("[\u3040-\u30ff]")
HAN = re.compile("[\u4e00-\u9fff]")


def language(text):
    if KANA.search(text):
        return "ja"
    return "zh" if HAN.search(text) else "en"


def main():
    if "-h" in sys.argv or "--help" in sys.argv:
        print(__doc__.strip())
        return
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    by_lang = "--by-lang" in sys.argv
    mistakes = int(sys.argv[sys.argv.index("--mistakes") + 1]) if "--mistakes" in sys.argv else None
    if mistakes is not None:
        args.remove(str(mistakes))
    missed = int(sys.argv[sys.argv.index("--missed") + 1]) if "--missed" in sys.argv else None
    if missed is not None:
        args.remove(str(missed))
    if len(args) < 3:
        sys.exit(__doc__.strip().splitlines()[2])
    corpus_path, truth_path, map_path = args[:3]
    texts = {}
    langs = {}
    with open(corpus_path, encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            texts[record["id"]] = record["text"].encode("utf-8")
            langs[record["id"]] = record.get("lang") or language(record["text"][:2000])
    removed = {}
    span_kinds = {}
    spans_of = {}
    with open(map_path, encoding="utf-8") as spans:
        for line in spans:
            record = json.loads(line)
            if "id" in record:
                mask = bytearray(record["bytes"])
                for span in record["spans"]:
                    mask[span["start"]:span["end"]] = b"\x01" * (span["end"] - span["start"])
                removed[record["id"]] = mask
                spans_of[record["id"]] = record["spans"]
                span_kinds[record["id"]] = [(s["start"], s["end"], s["kind"]) for s in record["spans"]]
    lost_as = collections.defaultdict(collections.Counter)  # kept kinds: what removed them
    caught = collections.Counter()
    total = collections.Counter()
    covered = {}
    pasted = collections.defaultdict(list)  # kind -> (share removed, bytes outside on its line, its bytes, language, n)
    misses = collections.defaultdict(list)  # copy kind -> truth records not caught
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
            if kind in PASTED:
                text = texts[doc]
                line_start = text.rfind(b"\n", 0, start) + 1
                line_end = text.find(b"\n", end)
                line_end = len(text) if line_end < 0 else line_end
                outside = sum(mask[line_start:start]) + sum(mask[end:line_end])
                pasted[kind].append((share, outside, end - start, lang, record.get("sentences")))
                if share < 0.95 or outside > 0.02 * (end - start):
                    misses[kind].append(record)
            elif kind not in KEPT and "source_id" in record and share < 0.9:
                misses[kind].append(record)

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
    for kind in sorted(pasted):
        print_pasted(kind, pasted[kind], languages)
    # Article text: the visible bytes outside every record to be removed (white space between
    # blocks is layout, which a removal takes along with the block before or after it).
    article = lost = 0
    lost_kind = collections.Counter()
    for doc_id, mask in removed.items():
        cover = covered.get(doc_id) or bytearray(len(mask))
        text = texts[doc_id]
        for i, bit in enumerate(mask):
            if not cover[i] and text[i] not in b" \t\r\n":
                article += 1
                lost += bit
        for s, e, k in span_kinds[doc_id]:
            lost_kind[k] += sum(1 for i in range(s, e) if not cover[i] and text[i] not in b" \t\r\n")
    print(f"article text: {article} non-white bytes, removed by mistake {lost} ({lost / max(1, article) * 100:.2f}%)")
    print("article text removed by mistake, per kind: " + ", ".join(
        f"{k} {n} ({n / max(1, article) * 100:.3f}%)" for k, n in sorted(lost_kind.items())))
    # Of those, the bytes the base article itself prints twice (bench/truth_mistakes.py: the
    # removed text is whole and inside its kept copy, which is the article's own text): told
    # from the truth file alone, a truth artefact rather than a mistake; counted above too.
    twice = truth_mistakes.source_repeats(texts, covered, spans_of)
    print(f"article text removed by mistake that the source prints twice (truth artefact, counted above): "
          f"{twice} ({twice / max(1, article) * 100:.3f}%); the rest {lost - twice} "
          f"({(lost - twice) / max(1, article) * 100:.3f}%)")
    if mistakes is not None:
        print_mistakes(texts, covered, spans_of, mistakes)
    if missed is not None:
        print_missed(texts, removed, spans_of, misses, missed)


def print_pasted(kind, pasted, languages):
    """For pasted copies: bytes removed inside and outside each copy, per language and per
    sentences spanned; per language also how many were removed whole (>= 95%), partly, not at all."""
    shares = [p[0] for p in pasted]
    own = sum(p[2] for p in pasted)
    outside = sum(p[1] for p in pasted)
    whole = sum(1 for p in pasted if p[0] >= 0.95)
    tight = sum(1 for p in pasted if p[1] <= 0.02 * p[2])
    print(f"{kind}: {len(pasted)} copies, {own} bytes; removed {sum(p[0] * p[2] for p in pasted) / own * 100:.1f}% "
          f"of their bytes (median per copy {statistics.median(shares) * 100:.1f}%); "
          f"{whole} ({whole / len(pasted) * 100:.1f}%) with >= 95% removed, "
          f"{sum(1 for s in shares if s == 0)} untouched")
    print(f"{kind}: removed outside the copies on their lines {outside} bytes ({outside / own * 100:.2f}% of "
          f"their bytes); {tight} ({tight / len(pasted) * 100:.1f}%) copies with <= 2% outside")
    for lang in languages:
        mine = [p for p in pasted if p[3] == lang]
        if not mine:
            continue
        own = sum(p[2] for p in mine)
        print(f"{kind} {lang}: {len(mine)} copies; removed {sum(p[0] * p[2] for p in mine) / own * 100:.1f}% of their "
              f"bytes, {sum(p[1] for p in mine) / own * 100:.2f}% outside; "
              f"{sum(1 for p in mine if p[0] >= 0.95 and p[1] <= 0.02 * p[2])} of {len(mine)} copies "
              f">= 95% inside and <= 2% outside; whole {sum(1 for p in mine if p[0] >= 0.95)}, partly "
              f"{sum(1 for p in mine if 0 < p[0] < 0.95)}, not at all {sum(1 for p in mine if p[0] == 0)}")
    spread = sorted({p[4] for p in pasted if p[4] is not None})
    if spread:  # inject_real.py: how far apart the sentences of the first and last piece are
        print(f"{kind} by sentences spanned: " + ", ".join(
            f"{n}: {sum(1 for p in pasted if p[4] == n and p[0] >= 0.95 and p[1] <= 0.02 * p[2])} of "
            f"{sum(1 for p in pasted if p[4] == n)}" for n in spread) + " copies >= 95% inside and <= 2% outside")


def print_missed(texts, removed, spans_of, misses, limit):
    """The copies not caught, per kind: their line with what was removed, their source, the spans."""
    for kind in sorted(misses):
        print(f"missed {kind}: {len(misses[kind])}")
        for record in misses[kind][:limit]:
            doc, start, end = record["id"], record["start"], record["end"]
            text, mask = texts[doc], removed[doc]
            line_start = text.rfind(b"\n", 0, start) + 1
            line_end = text.find(b"\n", end)
            line_end = len(text) if line_end < 0 else line_end
            out = bytearray()
            for i in range(line_start, line_end):
                if i == start:
                    out += b"<<"
                if mask[i] and (i == line_start or not mask[i - 1]):
                    out += b"[["
                out.append(text[i])
                if mask[i] and (i + 1 == line_end or not mask[i + 1]):
                    out += b"]]"
                if i + 1 == end:
                    out += b">>"
            share = sum(mask[start:end]) / max(1, end - start)
            print(f"  {doc} [{start},{end}) {share * 100:.0f}% removed: {out.decode('utf-8', 'replace').strip()}")
            source = texts.get(record["source_id"])
            if source is not None:
                s, e = record["source_start"], record["source_end"]
                ls = source.rfind(b"\n", 0, s) + 1
                le = source.find(b"\n", e)
                le = len(source) if le < 0 else le
                show = \
                    source[ls:s] + b"<<" + source[s:e] + b">>" + source[e:le]
                print(f"    source {record['source_id']} [{s},{e}): {show.decode('utf-8', 'replace').strip()}")
            for span in spans_of.get(doc, []):
                if span["start"] < line_end and span["end"] > line_start:
                    src = span.get("source") or {}
                    print(f"    span [{span['start']},{span['end']}) {span['kind']} {span.get('match', '')} "
                          f"{span.get('rule', '')} source {src.get('id', '')} [{src.get('start', '')},{src.get('end', '')})")


def print_mistakes(texts, covered, spans_of, limit):
    """The article bytes removed by mistake, per kind of span, with examples."""
    lost = collections.Counter()
    examples = collections.defaultdict(list)
    for doc_id, spans in spans_of.items():
        text = texts[doc_id]
        cover = covered.get(doc_id) or bytearray(len(text))
        for span in spans:
            n = sum(1 for i in range(span["start"], span["end"]) if not cover[i] and text[i] not in b" \t\r\n")
            if n:
                key = "/".join(x for x in (span["kind"], span.get("match", ""), span.get("rule", "")) if x)
                lost[key] += n
                examples[key].append((doc_id, span, n))
    for key, n in lost.most_common():
        print(f"removed by mistake as {key}: {n} bytes in {len(examples[key])} spans")
        for doc_id, span, n in examples[key][:limit]:
            text = texts[doc_id]
            start, end = span["start"], span["end"]
            line_start = text.rfind(b"\n", 0, start) + 1
            line_end = text.find(b"\n", end)
            line_end = len(text) if line_end < 0 else line_end
            show = (text[line_start:start] + b"[[" + text[start:end] + b"]]" + text[end:line_end]).decode("utf-8", "replace")
            print(f"  {doc_id} [{start},{end}) {n} bytes: {show.strip()}")
            source = span.get("source")
            if source and source["id"] in texts:
                kept = texts[source["id"]][source["start"]:source["end"]].decode("utf-8", "replace")
                print(f"    kept copy {source['id']} [{source['start']},{source['end']}): {kept.strip()}")


if __name__ == "__main__":
    main()
