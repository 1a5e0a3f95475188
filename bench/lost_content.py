#!/usr/bin/env python3
"""Which article text `once` removes on the devsets, and why: every removed content byte by cause.

usage: bench/lost_content.py readability GOLD.json MAP [--docs DIR] [--examples N] [--pages]
       bench/lost_content.py snippets SNIPPETS.json MAP [--docs DIR]

readability: GOLD.json is `readability/gold.json` of the devsets (or a half, /work/halves/rA.json),
MAP a map of `once clean readability/docs ...`; --docs defaults to `readability/docs` beside
GOLD.json, or ../shared/devsets/readability/docs for a half. Every kind of span counts (score.py
`spans` without --kinds). Each removed non-white content byte (gold neither `boiler` nor
`dontcare`, as score.py counts them) is put in a cause:

- boilerplate and marker spans: `KIND/RULE` (docs/map-format.md, `rule`);
- duplicate and near_duplicate spans: `KIND/WHERE/SOURCE`, where the kept copy (`source`) is:
  WHERE `same-page` or `other-page` (another page of the same site folder; `other-site` else) and
  SOURCE what the gold says of the kept copy's non-white bytes: `article` (mostly content: the
  text really appears twice in the article, or in another article of the site), `chrome` (mostly
  boiler: the article's words went as a copy of a teaser, a related list, a sidebar — issue 11
  item 5) or `dontcare`; `+removed` when the map removes most of the kept copy too.

Prints a Markdown table (cause: content bytes, spans, pages, share of all lost content bytes,
examples: page, line, first bytes) and with --pages the pages that lose most.

snippets: SNIPPETS.json is `trafilatura/snippets.json` (or a half, /work/halves/tA.json), MAP a
map of `once clean trafilatura/docs ...`. Lists every must-stay (`with`) snippet that the cleaned
text (the original minus the map's spans) no longer holds, as score.py decides it, with the kind,
rule (or kept copy) and share of the snippet's first occurrence each map span removed.

    once clean ../shared/devsets/readability/docs -o /tmp/r --map /tmp/r.map -q
    python3 bench/lost_content.py readability ../shared/devsets/readability/gold.json /tmp/r.map
    once clean ../shared/devsets/trafilatura/docs -o /tmp/t --map /tmp/t.map -q
    python3 bench/lost_content.py snippets ../shared/devsets/trafilatura/snippets.json /tmp/t.map

Python 3 only.
"""
import argparse
import collections
import json
import os
import re

WS = b' \t\r\n'
EXAMPLE_BYTES = 70


def load_map(path):
    """id -> list of span dicts"""
    out = {}
    for line in open(path, encoding='utf-8'):
        if not line.strip():
            continue
        d = json.loads(line)
        if 'id' in d:
            out[str(d['id'])] = d.get('spans', [])
    return out


def match_ids(ids, names, docs):
    """As score.py: map id -> gold name (path relative to docs, else a path ending in the name,
    else a unique base name)."""
    names = set(names)
    by_base = collections.defaultdict(list)
    for n in names:
        by_base[os.path.basename(n)].append(n)
    root = os.path.abspath(docs)
    found = {}
    for i in ids:
        p = i.replace(os.sep, '/')
        rel = os.path.relpath(os.path.abspath(i), root).replace(os.sep, '/')
        parts = p.split('/')
        tails = ['/'.join(parts[j:]) for j in range(len(parts))]
        key = rel if rel in names else next((t for t in tails if t in names), None)
        if key is None and len(by_base.get(parts[-1], [])) == 1:
            key = by_base[parts[-1]][0]
        if key is not None:
            found[i] = key
    return found


def categories(gold_entry, n):
    cat = bytearray(n)                      # 0 content, 1 boiler, 2 dontcare; a later span wins
    for s, e, c in gold_entry['spans']:
        cat[s:min(e, n)] = (b'\x01' if c == 'boiler' else b'\x02') * (min(e, n) - s)
    return cat


def nonwhite_by_cat(data, cat, lo, hi):
    """non-white bytes of data[lo:hi] per category 0/1/2"""
    out = [0, 0, 0]
    for x in range(max(0, lo), min(hi, len(data))):
        if data[x] not in WS:
            out[cat[x]] += 1
    return out


def removed_mask(spans, n):
    rem = bytearray(n)
    for s in spans:
        lo, hi = max(0, s['start']), min(s['end'], n)
        rem[lo:hi] = b'\x01' * (hi - lo)
    return rem


def readability(a):
    gold = json.load(open(a.gold, encoding='utf-8'))
    docs = a.docs or default_docs(a.gold, 'readability')
    spans_by_id = load_map(a.map)
    names = match_ids(spans_by_id, gold, docs)
    by_name = {v: k for k, v in names.items()}
    cache = {}

    def page(name):
        if name not in cache:
            data = open(os.path.join(docs, name), 'rb').read()
            cat = categories(gold[name], len(data)) if name in gold else None
            rem = removed_mask(spans_by_id.get(by_name.get(name), []), len(data))
            cache[name] = (data, cat, rem)
        return cache[name]

    all_gold = gold
    if os.path.basename(a.gold) != 'gold.json':     # a half: sources may sit on the other half
        full = os.path.join(os.path.dirname(docs.rstrip('/')), 'gold.json')
        if os.path.exists(full):
            all_gold = json.load(open(full, encoding='utf-8'))

    def source_label(src):
        name = names.get(src['id'])
        if name is None:
            return 'unknown'
        data = open(os.path.join(docs, name), 'rb').read()
        if name not in all_gold:
            return 'unknown'
        cat = categories(all_gold[name], len(data))
        c = nonwhite_by_cat(data, cat, src['start'], src['end'])
        rem = removed_mask(spans_by_id.get(src['id'], []), len(data))
        gone = sum(1 for x in range(src['start'], min(src['end'], len(data)))
                   if rem[x] and data[x] not in WS)
        tot = sum(c)
        label = 'article' if c[0] * 2 >= tot else 'chrome' if c[1] * 2 >= tot else 'dontcare'
        if tot and gone * 2 > tot:
            label += '+removed'
        return label

    rows = collections.defaultdict(lambda: {'bytes': 0, 'spans': 0, 'pages': set(), 'ex': []})
    per_page = collections.Counter()
    total_content = total_lost = 0
    for name in sorted(gold):
        data, cat, rem = page(name)
        total_content += sum(1 for x in range(len(data)) if cat[x] == 0 and data[x] not in WS)
        for s in spans_by_id.get(by_name.get(name), []):
            c = nonwhite_by_cat(data, cat, s['start'], s['end'])[0]
            if not c:
                continue
            kind = s['kind']
            if kind in ('duplicate', 'near_duplicate') and 'source' in s:
                src = s['source']
                sname = names.get(src['id'], '')
                where = ('same-page' if src['id'] == by_name.get(name) else
                         'other-page' if sname.split('/')[0] == name.split('/')[0] else 'other-site')
                cause = f"{kind}/{where}/{source_label(src)}"
            else:
                cause = f"{kind}/{s.get('rule', s.get('match', '-'))}"
            r = rows[cause]
            r['bytes'] += c
            r['spans'] += 1
            r['pages'].add(name)
            total_lost += c
            per_page[name] += c
            text = data[s['start']:s['end']].decode('utf-8', 'replace')
            text = ' '.join(text.split())
            r['ex'].append((c, f"{name}:{s['lines'][0]} `{text[:EXAMPLE_BYTES]}`"))

    print(f"content non-white bytes {total_content}, removed {total_lost} "
          f"({100.0 * total_lost / max(1, total_content):.2f}%)\n")
    print('| cause | content bytes | spans | pages | share | examples |')
    print('|---|---:|---:|---:|---:|---|')
    for cause, r in sorted(rows.items(), key=lambda kv: -kv[1]['bytes']):
        ex = '; '.join(e for _, e in sorted(r['ex'], key=lambda t: -t[0])[:a.examples])
        print(f"| {cause} | {r['bytes']} | {r['spans']} | {len(r['pages'])} | "
              f"{100.0 * r['bytes'] / max(1, total_lost):.1f}% | {ex.replace('|', '/')} |")
    if a.pages:
        print('\n| page | content bytes lost |')
        print('|---|---:|')
        for name, c in per_page.most_common(a.pages):
            print(f'| {name} | {c} |')


def default_docs(labels, sub):
    here = os.path.join(os.path.dirname(os.path.abspath(labels)), 'docs')
    if os.path.isdir(here):
        return here
    # the devsets' README: `../shared/devsets` from the project root
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared',
                        'devsets', sub, 'docs')


def normalised_with_offsets(data):
    """(text with runs of white space collapsed to one space, start byte of each char)"""
    text = data.decode('utf-8', 'replace')
    out, offs = [], []
    b = 0
    prev_space = True
    for ch in text:
        n = len(ch.encode('utf-8'))
        if ch.isspace():
            if not prev_space:
                out.append(' ')
                offs.append(b)
            prev_space = True
        else:
            out.append(ch)
            offs.append(b)
            prev_space = False
        b += n
    offs.append(b)
    return ''.join(out), offs


def norm(s):
    return re.sub(r'\s+', ' ', s).strip()


def snippets(a):
    snip = json.load(open(a.snippets, encoding='utf-8'))
    docs = a.docs or default_docs(a.snippets, 'trafilatura')
    spans_by_id = load_map(a.map)
    names = match_ids(spans_by_id, snip, docs)
    by_name = {v: k for k, v in names.items()}
    lost = 0
    causes = collections.Counter()
    for name, s in sorted(snip.items()):
        if not s.get('with'):
            continue
        data = open(os.path.join(docs, name), 'rb').read()
        spans = sorted(spans_by_id.get(by_name.get(name), []), key=lambda x: x['start'])
        parts, cur = [], 0
        for sp in spans:
            parts.append(data[cur:max(cur, sp['start'])])
            cur = max(cur, sp['end'])
        cleaned = norm((b''.join(parts) + data[cur:]).decode('utf-8', 'replace'))
        text, offs = normalised_with_offsets(data)
        for x in s['with']:
            nx = norm(x)
            if nx in cleaned:
                continue
            lost += 1
            i = text.find(nx)
            lo, hi = (offs[i], offs[i + len(nx)]) if i >= 0 else (0, 0)
            hits = []
            for sp in spans:
                a_, b_ = max(lo, sp['start']), min(hi, sp['end'])
                if a_ >= b_:
                    continue
                share = (b_ - a_) / max(1, hi - lo)
                if sp['kind'] in ('duplicate', 'near_duplicate') and 'source' in sp:
                    src = sp['source']
                    where = 'same-page' if src['id'] == by_name.get(name) else 'other-page'
                    why = f"{sp['kind']} of {where} line {src['lines'][0]}"
                else:
                    why = f"{sp['kind']}/{sp.get('rule', sp.get('match', '-'))}"
                hits.append(f"{why} {100 * share:.0f}%")
                causes[why.split(' of ')[0] if ' of ' in why else why] += 1
            line = data[:lo].count(b'\n') + 1
            print(f"- {name}:{line} `{nx[:90]}` — {', '.join(hits) or 'not found in the original'}")
    print(f"\nmust-stay snippets lost: {lost}")
    for why, n in causes.most_common():
        print(f"  {why}: {n}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    r = sub.add_parser('readability')
    r.add_argument('gold')
    r.add_argument('map')
    r.add_argument('--docs')
    r.add_argument('--examples', type=int, default=3)
    r.add_argument('--pages', type=int, default=0, help='also list the N pages that lose most')
    s = sub.add_parser('snippets')
    s.add_argument('snippets')
    s.add_argument('map')
    s.add_argument('--docs')
    a = ap.parse_args()
    (readability if a.cmd == 'readability' else snippets)(a)


if __name__ == '__main__':
    main()
