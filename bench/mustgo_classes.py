#!/usr/bin/env python3
"""Where the must-go snippets that `once` keeps stand on their pages, and what kept them.

usage: bench/mustgo_classes.py BIN SNIPPETS.json [--devsets DIR] [--examples N]

Cleans the trafilatura devset with BIN (default options), then finds every `without` (must-go)
snippet of SNIPPETS.json (the whole set or a half, /work/halves/tA.json) that is still in the
cleaned text, and classifies it

- by position against the page's article, read from the page's must-stay snippets: `above` its
  first one, `inside` (between the first and the last), `after` the last one — split into
  `after/chrome-above` (the map removes some line between the last must-stay snippet and it: the
  page's chrome has begun) and `after/no-chrome-above`; `no-stay` when the page has no must-stay
  snippet found;
- by the class the shape classifier gave its line. The map names no rule for kept lines, so the
  page set is cleaned again with --shape-threshold set just below each kept class's score
  (docs/map-format.md: kept classes show up as rules then): the first threshold that removes the
  line names its class (`short-line` 0.45, `rescued` 0.4, `near-paragraph` 0.3,
  `between-paragraphs` 0.15, `paragraph` / `wrapped-paragraph` 0.1 and 0.05; `other` when none
  does, or the lower threshold removed it as something else). A lower threshold also changes the
  context passes a little (more chrome around), so the class is a close reading, not an exact one.

Prints a Markdown table: position, class, snippets, bytes, examples. Python 3 only.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import tempfile

THRESHOLDS = ["0.39", "0.29", "0.14", "0.09", "0.04"]


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def load_map(path):
    """name -> sorted list of spans"""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if "id" in d:
                out[os.path.basename(d["id"])] = d.get("spans", [])
    return out


def line_rules(spans):
    rules = {}
    for s in spans:
        for li in range(s["lines"][0], s["lines"][1] + 1):
            rules.setdefault(li, s.get("rule") or s["kind"])
    return rules


def norm_with_lines(text):
    """white space collapsed as score.py does, with the 1-based line of each character"""
    out, lines, line, space = [], [], 1, True
    for ch in text:
        if ch.isspace():
            if not space:
                out.append(" ")
                lines.append(line)
            space = True
        else:
            out.append(ch)
            lines.append(line)
            space = False
        if ch == "\n":
            line += 1
    return "".join(out), lines


def snippet_lines(text, line_of, snippet):
    """(first line, last line) of every place the normalized `text` holds `snippet`"""
    n, found, i = norm(snippet), [], -1
    while n:
        i = text.find(n, i + 1)
        if i < 0:
            break
        found.append((line_of[i], line_of[i + len(n) - 1]))
    return found


def cleaned(raw, spans):
    parts, cur = [], 0
    for s in spans:
        parts.append(raw[cur:max(cur, s["start"])])
        cur = max(cur, s["end"])
    parts.append(raw[cur:])
    return norm(b"".join(parts).decode("utf-8", "replace"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("snippets")
    ap.add_argument("--devsets", default="/work/shared/devsets")
    ap.add_argument("--examples", type=int, default=3)
    a = ap.parse_args()
    docs = os.path.join(a.devsets, "trafilatura", "docs")
    snip = json.load(open(a.snippets, encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        maps = {}
        for th in [None] + THRESHOLDS:
            m = os.path.join(tmp, f"{th}.map")
            cmd = [os.path.abspath(a.bin), "scan", "trafilatura/docs", "--map", m, "-q"]
            if th:
                cmd += ["--shape-threshold", th]
            subprocess.run(cmd, cwd=a.devsets, check=True)
            maps[th] = load_map(m)
    count, size, examples = collections.Counter(), collections.Counter(), collections.defaultdict(list)
    for name, s in sorted(snip.items()):
        raw = open(os.path.join(docs, name), "rb").read()
        spans = maps[None].get(name, [])
        removed = line_rules(spans)
        clean = cleaned(raw, spans)
        text, line_of = norm_with_lines(raw.decode("utf-8", "replace"))

        def where(snippet):
            return snippet_lines(text, line_of, snippet)

        stay = [o[0][0] for o in map(where, s.get("with", [])) if o]
        for snippet in s.get("without", []):
            if norm(snippet) not in clean:
                continue
            found = where(snippet)
            if not found:
                continue
            first, last = next(((x, y) for x, y in found
                                if not all(li in removed for li in range(x, y + 1))), found[0])
            if not stay:
                pos = "no-stay"
            elif last < min(stay):
                pos = "above"
            elif first > max(stay):
                chrome = any(li in removed for li in range(max(stay) + 1, first))
                pos = "after/chrome-above" if chrome else "after/no-chrome-above"
            else:
                pos = "inside"
            cls = "other"
            for th in THRESHOLDS:
                rule = line_rules(maps[th].get(name, [])).get(first)
                if rule:
                    cls = rule if rule in ("short-line", "rescued", "near-paragraph", "between-paragraphs",
                                           "paragraph", "wrapped-paragraph") else "other"
                    break
            key = (pos, cls)
            count[key] += 1
            size[key] += len(snippet.encode())
            if len(examples[key]) < a.examples:
                examples[key].append(f"`{snippet[:45].replace('|', '/')}` ({name[:24]})")
    print("| where | kept as | snippets | bytes | examples |")
    print("|---|---|---:|---:|---|")
    for key, n in sorted(count.items(), key=lambda kv: -kv[1]):
        print(f"| {key[0]} | {key[1]} | {n} | {size[key]} | {'; '.join(examples[key])} |")
    by_pos, by_cls = collections.Counter(), collections.Counter()
    for (pos, cls), n in count.items():
        by_pos[pos] += n
        by_cls[cls] += n
    print(f"\n{sum(count.values())} kept must-go snippets, {sum(size.values())} bytes")
    print("by position: " + ", ".join(f"{k} {v}" for k, v in by_pos.most_common()))
    print("by class: " + ", ".join(f"{k} {v}" for k, v in by_cls.most_common()))


if __name__ == "__main__":
    main()
