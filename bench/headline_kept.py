#!/usr/bin/env python3
"""Is each readability devset page's own headline kept? From a once map of `readability/docs`.

usage: bench/headline_kept.py MAP --readability DIR [--devsets DIR] [--halves A.json B.json] [--show [all]]

The devset's gold (`gold.json`) is the lynx text of Readability's expected article, which mostly
leaves the headline out, so the gold cannot say where the headline is. Readability's test pages
carry it in `test/test-pages/<page>/expected-metadata.json` (`title`); DIR is a checkout of
https://github.com/mozilla/readability (the devsets' commit ab4027a; only the metadata files are
read). The title is usually the HTML <title>, so it may carry the site's name (`... | eHow`,
`..._科技_腾讯网`): a line of the page is the headline when, white space, case, NFKC forms and
curly quotes aside, it equals the title or one of its parts split at ` | `, ` - `, `_`, ...
(its first and its longest part, two words or more), or holds one of them as 60% or more of
its length, or is 60% or more of one; only the lines matching the best such part count (the
whole title, else the first part, else the longest). Of the lines that match, the page's own
headline is the one nearest to the gold's first content line (the head of the article; a sticky
header may print the headline again at the page's top); pages where no line matches are counted
apart (their headline is not in the page text, or not in a recognisable form).

A headline is kept when the map removed less than half of its non-white bytes (any kind). Prints
per set (whole, and halves A / B with --halves) the pages with a headline found and the share
kept; --show lists the lost ones with the kind and rule that removed them (`--show all`: every
headline found, kept or lost).

    once clean ../shared/devsets/readability/docs -o /tmp/r --map /tmp/r.map -q
    bench/headline_kept.py /tmp/r.map --readability ~/readability --halves /work/halves/rA.json /work/halves/rB.json
"""
import argparse
import json
import os
import re
import unicodedata

QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u00a0": " "})
# Separators between a page title and its site name or section.
TITLE_SEPARATORS = re.compile(r" [|\-·:«»] | :: |_|\|")
MIN_PART_CHARS = 5
MIN_SHARE_OF_LINE = 0.6
LIST_OR_HEADING_MARK = "#*+-• "


def normalise(text):
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    return " ".join(text.split()).casefold()


def title_parts(title):
    """The whole title, its first part and its longest part, in that order of preference: the
    site's or author's name comes after the headline (`... - John C. Welch - Medium`,
    `..._科技_腾讯网`), never before it. A part must be two words or more (or, unspaced, five
    characters or more): one word (`Google`, `Firefox`) is a site's name, not a headline."""
    whole = normalise(title)
    split = [part.strip() for part in TITLE_SEPARATORS.split(whole) if part.strip()]
    parts = [whole]
    if split:
        parts += [split[0], max(split, key=len)]
    return [part for part in parts
            if part == whole or (" " in part if part.isascii() else len(part) >= MIN_PART_CHARS)]


def headline_match(line, parts):
    """Rank of the best title part this line is (higher is better; 0: none)."""
    text = normalise(line).lstrip(LIST_OR_HEADING_MARK)
    if not text:
        return 0
    for rank, part in enumerate(parts):
        if (text == part or (part in text and len(part) >= MIN_SHARE_OF_LINE * len(text))
                or (text in part and len(text) >= MIN_SHARE_OF_LINE * len(part))):
            return len(parts) - rank
    return 0


def lines_of(data):
    out, pos = [], 0
    for raw in data.split(b"\n"):
        out.append((pos, pos + len(raw), raw.decode("utf-8", "replace")))
        pos += len(raw) + 1
    return out


def first_content_start(lines, spans):
    """Start of the first non-blank line no gold span covers (the gold article's first line)."""
    for start, end, text in lines:
        if text.strip() and not any(a <= start and end <= b for a, b, _ in spans):
            return start
    return None


def removed_share(data, start, end, spans):
    """Share of the non-white bytes of data[start:end] that map spans remove, and the first span."""
    total = gone = 0
    first = None
    for pos in range(start, end):
        if data[pos:pos + 1].isspace():
            continue
        total += 1
        for span in spans:
            if span["start"] <= pos < span["end"]:
                gone += 1
                first = first or span
                break
    return (gone / total if total else 0.0), first


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("map")
    parser.add_argument("--readability", required=True, help="checkout of mozilla/readability")
    parser.add_argument("--devsets", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                          "shared", "devsets"))
    parser.add_argument("--halves", nargs=2, metavar=("A", "B"))
    parser.add_argument("--show", nargs="?", const="lost", choices=("lost", "all"),
                        help="list the lost headlines (all: every headline found)")
    args = parser.parse_args()
    root = os.path.join(args.devsets, "readability")
    gold = json.load(open(os.path.join(root, "gold.json"), encoding="utf-8"))
    spans_by_id = {}
    with open(args.map, encoding="utf-8") as map_file:
        for line in map_file:
            entry = json.loads(line)
            if "id" in entry:
                spans_by_id[entry["id"]] = entry["spans"]
    verdict = {}
    for name in sorted(gold):
        page = os.path.basename(name)[:-len(".txt")]
        meta = os.path.join(args.readability, "test", "test-pages", page, "expected-metadata.json")
        title = json.load(open(meta, encoding="utf-8")).get("title") or ""
        data = open(os.path.join(root, "docs", name), "rb").read()
        lines = lines_of(data)
        parts = title_parts(title)
        scored = [(headline_match(t, parts), (s, e, t)) for s, e, t in lines]
        best = max((score for score, _ in scored), default=0)
        # Only the lines that match the best part: a line that is just the site's name
        # matches a later one.
        matches = [line for score, line in scored if best and score == best]
        if not matches:
            verdict[name] = None
            continue
        head = first_content_start(lines, gold[name]["spans"])
        start, end, text = min(matches, key=lambda m: abs(m[0] - head)) if head is not None else matches[0]
        # Map ids are the paths given to once: match them to gold names by their ending.
        doc_id = next((i for i in spans_by_id if i == name or i.endswith("/" + name)), None)
        spans = spans_by_id.get(doc_id, [])
        share, span = removed_share(data, start, end, spans)
        # Removed as a copy of a line of the same page: the page still holds its headline once.
        in_page_copy = (span is not None and span["kind"] in ("duplicate", "near_duplicate")
                        and span.get("source", {}).get("id") == doc_id)
        verdict[name] = share < 0.5 or in_page_copy
        if args.show == "all" or (args.show and not verdict[name]):
            how = f'{span["kind"]}/{span.get("rule", span.get("match", ""))}' if span else "-"
            print(f"{'kept' if verdict[name] else 'lost'}  {name}  line at byte {start}  {how}: {text[:90]}")
    sets = [("whole", set(gold))]
    if args.halves:
        for label, path in zip(("A", "B"), args.halves):
            sets.append((label, set(json.load(open(path, encoding="utf-8")))))
    for label, names in sets:
        found = [n for n in names if verdict.get(n) is not None]
        kept = sum(1 for n in found if verdict[n])
        share = kept / len(found) if found else 0.0
        print(f"{label:5}  pages {len(names):3}  headline found {len(found):3}  "
              f"kept {kept:3}  ({share:.3f})")


if __name__ == "__main__":
    main()
