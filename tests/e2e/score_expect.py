#!/usr/bin/env python3
"""Score once's decisions against line oracles (tests/expect/**/*.expect).

Each .expect file lists `keep N`, `remove N` or `either N` for every non-blank line N of the
sample with the same relative path under samples/. A `keep` line must come out untouched (no
byte of its content removed); a `remove` line must be removed entirely. Prints every mismatch
and a summary; exits 1 when there is any mismatch (so it can gate CI), 0 otherwise.

usage: score_expect.py ONCE_BINARY SOURCE_ROOT [extra once args...]
"""
import json
import os
import subprocess
import sys
import tempfile


def line_ranges(data):
    """(start, end) byte offsets of each line's content, 1-based index -> tuple."""
    ranges, start = {}, 0
    number = 1
    while start <= len(data):
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        content_end = end - 1 if end > start and data[end - 1:end] == b"\r" else end
        ranges[number] = (start, content_end)
        if end >= len(data):
            break
        start, number = end + 1, number + 1
    return ranges


def removed_fraction(spans, start, end, data):
    """Share of the line's non-space bytes inside spans."""
    visible = [i for i in range(start, end) if data[i:i + 1] not in (b" ", b"\t")]
    if not visible:
        return 0.0
    inside = sum(1 for i in visible if any(s <= i < e for s, e in spans))
    return inside / len(visible)


def main():
    binary, root = sys.argv[1], sys.argv[2]
    extra = sys.argv[3:]
    samples = os.path.join(root, "samples")
    expect_root = os.path.join(root, "tests", "expect")
    with tempfile.TemporaryDirectory() as tmp:
        map_path = os.path.join(tmp, "map.jsonl")
        # Run from the source root so document ids are samples/... paths.
        result = subprocess.run([binary, "scan", "samples", "--map", map_path, "-q", *extra],
                                cwd=root, capture_output=True, text=True)
        if result.returncode not in (0, 1):
            print(result.stderr, file=sys.stderr)
            return 2
        docs = {}
        with open(map_path, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if "id" in record:
                    docs[record["id"]] = [(s["start"], s["end"]) for s in record["spans"]]
    mismatches = total = 0
    for directory, _, files in os.walk(expect_root):
        for name in sorted(files):
            if not name.endswith(".expect"):
                continue
            relative = os.path.relpath(os.path.join(directory, name), expect_root)[: -len(".expect")] + ".txt"
            doc_id = "samples/" + relative
            with open(os.path.join(samples, relative), "rb") as handle:
                data = handle.read()
            ranges = line_ranges(data)
            spans = docs.get(doc_id, [])
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                for raw in handle:
                    if not raw.strip():
                        continue
                    verdict, number = raw.split()
                    number = int(number)
                    start, end = ranges[number]
                    fraction = removed_fraction(spans, start, end, data)
                    total += 1
                    wrong = (verdict == "keep" and fraction > 0) or (verdict == "remove" and fraction < 1)
                    if wrong:
                        mismatches += 1
                        text = data[start:end].decode("utf-8", "replace")[:70]
                        print(f"{doc_id}:{number}: expected {verdict}, removed {fraction:.0%}: {text}")
    print(f"{total - mismatches} of {total} oracle lines right, {mismatches} wrong")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
