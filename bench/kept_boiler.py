#!/usr/bin/env python3
"""Where the boilerplate that `once` keeps on the readability devset stands, and what it looks like.

usage: bench/kept_boiler.py GOLD.json MAP [--docs DIR] [--kinds K,..] [--examples N] [--by-page]

GOLD.json is `readability/gold.json` of the devsets (or a half, /work/halves/rA.json), MAP a map
of `once clean readability/docs ...`; --docs defaults to the `readability/docs` folder beside
GOLD.json or, for a half, ../shared/devsets/readability/docs. Map spans count as removed when
their kind is in --kinds (default boilerplate,marker, as the lead's figures).

Every line of a page is labelled as score.py does it (non-white bytes; `dontcare` skipped): a
line is boiler when most of its non-white bytes are. The non-white boiler bytes left in the
text (not removed) are classified

- by position against the article: `above` the page's first content line, `inside` (between its
  first and last content lines), `below` its last; `no-content` when the page has none;
- by line form: `mathml` (lynx's MathML source and TeX annotations), `separator/form` (lynx rules, form fields, buttons), `media` (IFRAME, image
  file names, `[alt]` brackets alone), `bullet-item` (lynx's `*`/`+`/`o`/`#` list items, or
  `1.`), `date/byline` (short line with a year, a month name or `by …`), `short-in-run` (a line of
  at most 60 bytes in a block of at least 3 such lines: menus, tag lists, link lists),
  `short-alone` (a line of at most 60 bytes otherwise: headings, labels, captions' credits),
  `prose-sentence` (longer, ends in sentence punctuation), `long-other` (longer, the rest).

Prints a Markdown table (position x form: bytes, lines, pages, share of all kept boiler bytes, examples)
and, with --by-page, the pages with the most kept boiler bytes. Python 3 only.
"""
import argparse
import collections
import json
import os
import re

WS = b' \t\r\n'
MONTHS = ('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec',
          'januar', 'februar', 'märz', 'mai', 'juni', 'juli', 'okt', 'dez', 'janvier', 'février',
          'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre')
SHORT = 60          # bytes: a menu item, a label, a heading; a sentence of prose is longer
RUN = 3             # short lines in one block that make a list


def load_map(path, kinds):
    out = {}
    for line in open(path, encoding='utf-8'):
        if not line.strip():
            continue
        d = json.loads(line)
        if 'id' in d:
            out[str(d['id'])] = [(s['start'], s['end']) for s in d.get('spans', [])
                                 if kinds is None or s.get('kind') in kinds]
    return out


def find_id(ids, name):
    tail = '/' + name
    hits = [i for i in ids if i.replace(os.sep, '/').endswith(tail) or i == name]
    return hits[0] if len(hits) == 1 else None


def form(text, block_short):
    s = text.strip()
    low = s.lower()
    n = len(s.encode('utf-8'))
    if re.fullmatch(r'[_\-=.*#~\s]{3,}', s) or '(BUTTON)' in s or re.match(r'^\[[ X]\]', s) \
            or '____' in s or re.match(r'^\(([ *])\)', s):
        return 'separator/form'
    if s.startswith('[MATH:') or '<mrow' in s or '{\\displaystyle' in s or '</m' in s:
        return 'mathml'
    if s.startswith('IFRAME:') or re.search(r'\.(jpe?g|png|gif|svg|webp)\b', low) \
            or re.fullmatch(r'\[[^\]]*\]', s):
        return 'media'
    if re.match(r'^([*+o#]|\d{1,2}\.)\s', s):
        return 'bullet-item'
    if n <= SHORT and (re.search(r'\b(19|20)\d\d\b', s) or low.startswith('by ')
                       or any(re.search(r'\b' + m + r'\b', low) for m in MONTHS[:12])):
        return 'date/byline'
    if n <= SHORT:
        return 'short-in-run' if block_short >= RUN else 'short-alone'
    if re.search(r'[.!?。！？]["\')\]»”’]*$', s):
        return 'prose-sentence'
    return 'long-other'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('gold')
    ap.add_argument('map')
    ap.add_argument('--docs')
    ap.add_argument('--kinds', default='boilerplate,marker')
    ap.add_argument('--examples', type=int, default=3)
    ap.add_argument('--by-page', type=int, default=0, metavar='N')
    a = ap.parse_args()
    docs = a.docs
    if not docs:
        here = os.path.join(os.path.dirname(os.path.abspath(a.gold)), 'docs')
        docs = here if os.path.isdir(here) else '/work/shared/devsets/readability/docs'
    gold = json.load(open(a.gold, encoding='utf-8'))
    pred = load_map(a.map, set(a.kinds.split(',')) if a.kinds else None)
    tab = collections.defaultdict(lambda: [0, 0, [], set()])
    per_page = collections.Counter()
    total_boiler = total_kept = 0
    for name, g in sorted(gold.items()):
        data = open(os.path.join(docs, name), 'rb').read()
        n = len(data)
        cat = bytearray(n)
        for s, e, c in g['spans']:
            cat[s:e] = (b'\x01' if c == 'boiler' else b'\x02') * (min(e, n) - s)
        rem = bytearray(n)
        pid = find_id(pred, name)
        for s, e in pred.get(pid, []):
            rem[max(0, s):min(e, n)] = b'\x01' * (min(e, n) - max(0, s))
        lines, pos = [], 0
        for raw in data.split(b'\n'):
            lines.append((pos, pos + len(raw)))
            pos += len(raw) + 1
        lab = []                                  # per line: (label, kept boiler bytes, boiler bytes)
        for lo, hi in lines:
            cnt = collections.Counter()
            kept = 0
            for x in range(lo, hi):
                if data[x] in WS:
                    continue
                cnt[cat[x]] += 1
                if cat[x] == 1 and not rem[x]:
                    kept += 1
            if not cnt:
                lab.append(('blank', 0, 0))
            else:
                top = cnt.most_common(1)[0][0]
                lab.append(({0: 'content', 1: 'boiler', 2: 'dontcare'}[top], kept, cnt[1]))
        content = [i for i, l in enumerate(lab) if l[0] == 'content']
        first, last = (content[0], content[-1]) if content else (None, None)
        # short-line runs: blocks between blank lines, counting lines of at most SHORT bytes
        run_of = [0] * len(lines)
        i = 0
        while i < len(lines):
            if lab[i][0] == 'blank':
                i += 1
                continue
            j = i
            while j < len(lines) and lab[j][0] != 'blank':
                j += 1
            shorts = sum(1 for k in range(i, j) if len(data[lines[k][0]:lines[k][1]].strip()) <= SHORT)
            for k in range(i, j):
                run_of[k] = shorts
            i = j
        for k, (label, kept, boiler) in enumerate(lab):
            total_boiler += boiler
            if not kept:
                continue
            total_kept += kept
            where = 'no-content' if first is None else 'above' if k < first else 'below' if k > last else 'inside'
            text = data[lines[k][0]:lines[k][1]].decode('utf-8', 'replace')
            key = (where, form(text, run_of[k]))
            tab[key][0] += kept
            tab[key][1] += 1
            tab[key][3].add(name)
            if len(tab[key][2]) < a.examples and text.strip():
                tab[key][2].append(f'{name}: {text.strip()[:70]}')
            per_page[(name, where)] += kept
    print(f'pages {len(gold)}; non-white boiler bytes {total_boiler}, kept {total_kept} '
          f'({100 * total_kept / max(total_boiler, 1):.1f}%)\n')
    print('| position | form | kept bytes | lines | pages | share | examples |')
    print('|---|---|---:|---:|---:|---:|---|')
    for (where, f), (b, l, ex, pages) in sorted(tab.items(), key=lambda kv: -kv[1][0]):
        exs = ' · '.join(e.replace('|', '\\|') for e in ex)
        print(f'| {where} | {f} | {b} | {l} | {len(pages)} | {100 * b / max(total_kept, 1):.1f}% | {exs} |')
    by_pos = collections.Counter()
    for (where, _), v in tab.items():
        by_pos[where] += v[0]
    print('\nby position: ' + ', '.join(f'{w} {b} ({100 * b / max(total_kept, 1):.1f}%)'
                                         for w, b in by_pos.most_common()))
    if a.by_page:
        print('\npages with the most kept boiler bytes:')
        for (name, where), b in per_page.most_common(a.by_page):
            print(f'  {b:7d}  {where:8s} {name}')


if __name__ == '__main__':
    main()
