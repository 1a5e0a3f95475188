#!/usr/bin/env python3
"""What the must-go snippets that `once` keeps are, and which rule kept each one.

usage: bench/mustgo_kinds.py BIN [--snippets FILE] [--devsets DIR] [--list KIND] [--after MAP]
       bench/mustgo_kinds.py --maps MAP ZERO_MAP [...]   (maps made as below, e.g. bench/measure.sh's t.map)

Scans the trafilatura devset with BIN twice: with the default options (what is kept) and with
`--shape-threshold 0`. The threshold is read only where a line's verdict is made, after every
pass (judge/shape.cpp, classify_lines), so at 0 every line the judge keeps is removed under the
rule that last scored it — `short-line`, `between-paragraphs`, `paragraph`, `near-paragraph`,
`wrapped-paragraph`, `rescued`, … (docs/map-format.md) — while the passes decide exactly as with
the default; a kept line with no span then is the page's title slot (`title slot`), which no
threshold removes. (bench/mustgo_classes.py reads the class from a sweep of thresholds instead,
a close reading.) Each kept snippet is also put

- in a kind, by the first of KINDS below whose pattern its text matches (interface words in the
  devset's languages: a first sort to read, not a judge; `other` is mostly titles and teasers of
  other stories, menu entries and names, by reading), and
- at a position against the page's must-stay snippets: `above` the first, `inside`, `after` the
  last (`no-stay` when the page has none).

Prints a Markdown table: kind, snippets kept, by position, by rule, examples; with --after MAP (a
map of the same pages from another build) a last column counts the snippets that MAP removes.
--list KIND prints that kind's snippets one a line. Python 3 only.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mustgo_classes import cleaned, line_rules, load_map, norm, norm_with_lines, snippet_lines  # noqa: E402

KINDS = [
    ("comments", r"kommentar|comment|antworten zu|\breply|responses? to|no response|diskussion|comentar|تعليق|"
     r"hinterlasse|angemeldet sein|einloggen, um|moderated|pseudonym|was denkst du|ihre meinung|vos réactions|"
     r"eure kommentare|kommentieren"),
    ("share/follow", r"teil(en|e|len)\b|teilen|share|sharen|twitter|facebook|whatsapp|tumblr|gefällt mir|\bsiga\b|"
     r"s[ií]guenos|follow|nos siga|instagram|telegram|youtube|podziel|empfiehl|sociable|twittern|url zum kopieren|"
     r"like it\?"),
    ("subscribe/donate/paywall", r"newsletter|abonn|\babo\b|subscri|suscr|spende|\bdon\b|un don|support|unterstütz|"
     r"registr|anmeld|sign up|signing|e-mail|email|weiterlesen\?|lire la suite|miembro|zugang|login|ingresar|access|"
     r"abonnent|lust auf mehr|want more|nichts? mehr (verpassen|versäumen)|push notif|would like to|keep up|get the|"
     r"get regular|delivered weekly|erhalten sie|wollen mehr|mehr von uns|wir informieren|informieren sie|"
     r"stay competitive|join the|periodismo|ausgabe kaufen|buch bestellen|zum shop|fan-shop|gutschein|rabatt|"
     r"einverstanden|i agree|enjoyed reading|czekamy|zapraszamy|saat ylen|[uú]nete|download the|ausgabe"),
    ("see-also label or lead-in", r"mehr zu|mehr aus|mehr lesen|lies auch|auch lesen|lesen sie|weitere (artikel|beitr|"
     r"meldung|nachricht|interess|aktuelle|infos?\b|informationen)|siehe auch|veja também|mirá también|zobacz|czytaj|"
     r"le puede interesar|à lire|lire aussi|related|verwandte|zum thema|könnte|interessier|empfehl|empfohl|"
     r"meist gelesen|meistgelesen|most popular|trending|latest|neueste|^lea\b|^mire:|vea también|puedes ver|^mira:|"
     r"read more|explore further|pour approfondir|articles correspondants|dans la même rubrique|ezek is|"
     r"schon gelesen|top themen|more from|mehr kolumnen|interessante|viel gelesen|entdecke|discover|noch mehr|"
     r"más sobre|contexto de la noticia|en savoir plus|vielleicht auch|^auch auf|themenrelevant|weitere tourentipps|"
     r"weiterlesen:|zum weiterlesen|hier weiterlesen|vorschau auf|find more by|read the latest|aus unserem|also\b|"
     r"diese neuen|friss|receptek|news rund|neue wandbilder|kurz notiert|newsticker|factbox|related coverage|"
     r"latest on|für dich|^weitere informationen|more info|nachrichten"),
    ("photo credit or caption", r"^\(?(foto|bild|photo|photograph|imagen|credit|kuva|crédit|titelbild|beitragsbild|"
     r"abbildung)\b|getty|istock|shutterstock|thinkstock|unsplash|reuters files|fotolia|agencja gazeta|\(foto|photo:|"
     r"bild via|imágenes|\(crédit|\(quelle|^quelle:|dcv /|/shutterstock|bundesregierung/|domena publiczna|"
     r"photos?\s*:|\(reuters|foto: archivo|crédits photos"),
    ("navigation, print, back", r"zurück|vorherig|nächste|previous|^next|^weiter$|drucken|print|pinnen|merken|permalien|"
     r"auf einer seite|direkt zu|diese seite|pdf|download|^artikel$|^aktuell$|^magazin$|navigation|menü|^einfach$|"
     r"^senden$|^abo$|^community$|search for|finde im|meist gesucht|^l'actu|^(startseite|home)$|"
     r"view my complete profile|^handbuch$|^leistungen$|^kontakt$|^downloads$|^landesverbände"),
    ("legal, cookies, footer, site blurb", r"cookie|datenschutz|privacy|privatsph|impressum|copyright|licen|lizen|"
     r"haftung|powered by|design von|theme\.|all rights|disclaimer|disclosure|creative commons|recaptcha|terms|rights|"
     r"telefon|@|\+\d\d|\d{5} |weg \d|sofern nicht|if not explicitly|materiał chroniony|kleingedruckte|conditions|"
     r"politique|política|политика|trust principles|not responsible|advertis|affiliate|werbung|anzeigentarife|"
     r"provision|compensation|when you (buy|purchase)|supported by its audience|we recommend|reklama|sponsor|"
     r"copyrighted|reprint|warning:|failed to load|browser version|unable to edit|wer wir sind|über uns|bank für|"
     r"obmann|direktor|leitung:|zentrale|wie wir mit|ist die|ist seit|tagesschau der|versorgt dich|plattform|"
     r"nachrichten für|honest, objective|blog gibt|dieses blog|in diesem blog|webcomic|we publish|we reach|"
     r"wir werden nicht|wir schalten|täglich schreiben|abenteuer astronomie war|lsvd|status"),
    ("tags, categories", r"^themen|^temas|schlagw|getaggt|markiert|kategorie|category|^tags|gekennzeichnet mit|stichw|"
     r"themen im artikel|\(fachthemen\)"),
    ("byline, date, time", r"^\s*\d{1,2}[.:/ ]|\buhr\b|\bpm\b|veröffentlicht|aktualisiert|updated|last modified|"
     r"eingestellt von|^von[: ]|^by |min read|minutes$|release date|erstellt am|opublikowano|ultima modifica|"
     r"^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
     r"jun|jul|aug|sep|oct|nov|dec)\b|dezember|marca 2021|staff writer|erschienen in|der beitrag wurde|^\s*আগস্ট|"
     r"redakteur|redaktion"),
    ("author bio", r" ist | is a | is the | is an | schreibt | works? as|has worked|studierte|writer|professor|autor|"
     r"author|journalist|editor|founder|managerin|expert|hallo, ich bin|reisen ist meine|betreiberin|scholarch|"
     r"historyczka|hat das sammel|inga buller|pressesprecher|ansprechpartner|analityk|vorstandsmitglied|co-founder|"
     r"head of|i maintain|ich mag jede|freier autor|leitet|hier schreibt"),
    ("rating, feedback", r"bewert|rating|fanden sie|nützlich|gefallen\?|useful|wie gefällt|what you think|like recipe|"
     r"artikel gefällt"),
]
SHORT = {"between-paragraphs": "betw-par", "short-line": "short", "paragraph": "par", "near-paragraph": "near-par",
         "wrapped-paragraph": "wrapped", "none": "title slot"}


def kind_of(snippet):
    s = snippet.lower().strip()
    return next((name for name, pattern in KINDS if re.search(pattern, s)), "other")


def kept_snippets(docs, snip, spans_of):
    """(page, snippet, first line, position) for every must-go snippet left in the cleaned text"""
    for name, s in sorted(snip.items()):
        raw = open(os.path.join(docs, name), "rb").read()
        spans = spans_of.get(name, [])
        removed = line_rules(spans)
        clean = cleaned(raw, spans)
        text, line_of = norm_with_lines(raw.decode("utf-8", "replace"))

        def where(snippet):
            return snippet_lines(text, line_of, snippet)

        stay = [o[0][0] for o in map(where, s.get("with", [])) if o]
        for snippet in s.get("without", []):
            found = where(snippet)
            if norm(snippet) not in clean or not found:
                continue
            first, last = next(((x, y) for x, y in found
                                if not all(li in removed for li in range(x, y + 1))), found[0])
            pos = ("no-stay" if not stay else "above" if last < min(stay) else
                   "after" if first > max(stay) else "inside")
            yield name, snippet, first, pos


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin", nargs="?")
    ap.add_argument("--maps", nargs=2, metavar=("MAP", "ZERO_MAP"),
                    help="use these maps of trafilatura/docs (default options, --shape-threshold 0) instead of BIN")
    ap.add_argument("--devsets", default="/work/shared/devsets")
    ap.add_argument("--snippets", help="default: DEVSETS/trafilatura/snippets.json")
    ap.add_argument("--list", metavar="KIND")
    ap.add_argument("--after", metavar="MAP")
    a = ap.parse_args()
    docs = os.path.join(a.devsets, "trafilatura", "docs")
    snip = json.load(open(a.snippets or os.path.join(a.devsets, "trafilatura", "snippets.json"), encoding="utf-8"))
    maps = {}
    if a.maps:
        maps = {None: load_map(a.maps[0]), "0": load_map(a.maps[1])}
    elif not a.bin:
        ap.error("give BIN or --maps")
    with tempfile.TemporaryDirectory() as tmp:
        for th in ([] if a.maps else [None, "0"]):
            m = os.path.join(tmp, f"{th}.map")
            cmd = [os.path.abspath(a.bin), "scan", "trafilatura/docs", "--map", m, "-q"]
            subprocess.run(cmd + (["--shape-threshold", th] if th else []), cwd=a.devsets, check=True)
            maps[th] = load_map(m)
    after = None
    if a.after:
        after = {(n, s) for n, s, _, _ in kept_snippets(docs, snip, load_map(a.after))}
    rows = collections.defaultdict(list)
    for name, snippet, first, pos in kept_snippets(docs, snip, maps[None]):
        rule = line_rules(maps["0"].get(name, [])).get(first, "none")
        rows[kind_of(snippet)].append((name, snippet, pos, SHORT.get(rule, rule)))
    if a.list:
        for name, snippet, pos, rule in rows.get(a.list, []):
            print(f"{pos:8s} {rule:10s} {snippet[:90]!r} ({name[:30]})")
        return
    print("| kind | kept | above / inside / after | rule that kept it | examples |" + (" gone in --after |" if after else ""))
    print("|---|---:|---|---|---|" + ("---:|" if after else ""))
    total = 0
    for kind, rs in sorted(rows.items(), key=lambda kv: -len(kv[1])):
        total += len(rs)
        pos = collections.Counter(r[2] for r in rs)
        rules = collections.Counter(r[3] for r in rs)
        examples = "; ".join(f"`{r[1][:38].strip().replace('|', '/')}`" for r in rs[::max(1, len(rs) // 3)][:3])
        line = (f"| {kind} | {len(rs)} | {pos['above']} / {pos['inside']} / {pos['after']} | "
                f"{', '.join(f'{k} {v}' for k, v in rules.most_common(4))} | {examples} |")
        if after is not None:
            line += f" {sum((r[0], r[1]) not in after for r in rs)} |"
        print(line)
    print(f"\n{total} kept must-go snippets")


if __name__ == "__main__":
    main()
