#!/usr/bin/env python3
"""List every article-text byte a once map removed by mistake on a truth corpus, sorted into causes.

usage: bench/truth_mistakes.py CORPUS.jsonl TRUTH.jsonl MAP.jsonl [--examples N] [--list]

CORPUS and TRUTH as `bench/score_truth.py` reads them (`bench/inject_real.py`, `gen_corpus
--truth`). Article text is every visible byte outside the truth's records to be removed (the
records `title`, `opening`, `data` are article text); a byte of it inside a map span is removed by
mistake. Per span, its mistaken bytes are put in one cause:

  boilerplate/RULE, marker      removed as chrome (the rule from the map). Judge the examples: on
                                real text the base article often carries chrome itself (a related
                                list, a credit line, a separator) that the truth counts as text.
  copy: past the injected edge  a (near-)duplicate span that covers an injected copy and runs on
                                into the article text next to it (a bug of the boundary).
  copy: source prints it twice  the removed text (normalized: NFKC, case, white space,
                                punctuation, list bullets) occurs in the kept copy, which is the
                                base article's own text (not an injected copy), and the removed
                                piece is whole: it starts and ends at a sentence edge or at the
                                line's edge. The source itself repeats the passage (a title
                                repeated in a related list, a sentence printed twice): a truth
                                artefact, not a mistake of once. Told apart from the truth file
                                and the corpus alone.
  copy: an injected copy of it comes first in the input
                                the removed text is in its kept copy, which is inside a copy the
                                truth injected into an earlier document (once keeps the first
                                occurrence in input order; the truth wants the injected one gone).
  copy: fragment of a sentence  as "source prints it twice", but the removed piece starts or ends inside a sentence
                                whose rest is kept (an exact run shared by two different
                                sentences: "…没後50年を迎えた今年" + "3月には" / "度のカンヌ"): a bug.
  copy: different text          the removed text is not in the kept copy: a sentence removed as a
                                near copy of a different one (its facts or words differ): a bug.
Each cause says in its name whether the kept copy is in the same document, and whether it is
inside an injected copy. Prints a table (bytes and spans per cause, with the totals of
score_truth.py) and N examples per cause (default 3) with the line around ([[removed]]) and
the kept copy; `--list` prints every span instead of N.
"""
import collections
import json
import re
import sys
import unicodedata

KEPT = {"title", "opening", "data"}
WHITE = b" \t\r\n"
# Normalization for "is the removed text in the kept copy": what once's duplicate test ignores
# (docs/map-format.md: NFKC, case folding, width, white space, punctuation) plus list bullets.
DROP = re.compile(r"[\s\W_・●■□◆◇▼▲★☆※]+", re.UNICODE)
# A sentence or clause edge: a removed piece that stops next to one of these is whole.
EDGE = set("。．.！!？?」』）)】]…：:;；、,，　 \t\n\"'”’") | {""}
TRUTH_ARTEFACT = "copy: source prints it twice"


def norm(text):
    return DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    examples = 3
    if "--examples" in sys.argv:
        examples = int(sys.argv[sys.argv.index("--examples") + 1])
        args.remove(str(examples))
    listing = "--list" in sys.argv
    if len(args) != 3 or "-h" in sys.argv or "--help" in sys.argv:
        sys.exit(__doc__.strip())
    corpus_path, truth_path, map_path = args
    texts = {}
    with open(corpus_path, encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            texts[record["id"]] = record["text"].encode("utf-8")
    injected = collections.defaultdict(list)  # doc -> [(start, end, kind)] of records to be removed
    with open(truth_path, encoding="utf-8") as truth:
        for line in truth:
            record = json.loads(line)
            if record["kind"] not in KEPT:
                injected[record["id"]].append((record["start"], record["end"], record["kind"]))
    covers = {}
    for doc, records in injected.items():
        cover = bytearray(len(texts[doc]))
        for s, e, _ in records:
            cover[s:e] = b"\x01" * (e - s)
        covers[doc] = cover

    def cover_of(doc):
        return covers.get(doc) or bytearray(len(texts[doc]))

    article = lost = 0
    causes = collections.defaultdict(list)  # cause -> [(doc, span, mistaken bytes, piece start, end)]
    with open(map_path, encoding="utf-8") as spans:
        for line in spans:
            record = json.loads(line)
            if "id" not in record:
                continue
            doc = record["id"]
            text, cover = texts[doc], cover_of(doc)
            article += sum(1 for i, b in enumerate(text) if not cover[i] and b not in WHITE)
            for span in record["spans"]:
                s, e = span["start"], span["end"]
                wrong = [i for i in range(s, e) if not cover[i] and text[i] not in WHITE]
                if not wrong:
                    continue
                lost += len(wrong)
                cause = classify(texts, cover_of, doc, span, wrong)
                causes[cause].append((doc, span, len(wrong), wrong[0], wrong[-1] + 1))
    total = sum(n for v in causes.values() for _, _, n, _, _ in v)
    print(f"article text: {article} non-white bytes, removed by mistake {lost} ({lost / max(1, article) * 100:.3f}%)")
    artefact = sum(n for c, v in causes.items() if c.startswith(TRUTH_ARTEFACT) for _, _, n, _, _ in v)
    print(f"of which the source prints twice (truth artefact, told from the truth file): {artefact} "
          f"({artefact / max(1, article) * 100:.3f}%); the rest {lost - artefact} "
          f"({(lost - artefact) / max(1, article) * 100:.3f}%)")
    print(f"\n{'cause':74} {'bytes':>6} {'spans':>6} {'share':>6}")
    order = sorted(causes, key=lambda c: -sum(n for _, _, n, _, _ in causes[c]))
    for cause in order:
        n = sum(x[2] for x in causes[cause])
        print(f"{cause:74} {n:6} {len(causes[cause]):6} {n / max(1, total) * 100:5.1f}%")
    for cause in order:
        rows = sorted(causes[cause], key=lambda r: -r[2])
        print(f"\n== {cause}: {sum(r[2] for r in rows)} bytes in {len(rows)} spans")
        for doc, span, n, ws, we in rows if listing else rows[:examples]:
            show(texts, doc, span, n, ws, we)


def source_repeats(texts, covers, spans_of):
    """The article bytes removed by mistake whose cause is TRUTH_ARTEFACT (the base article prints
    the passage twice), for bench/score_truth.py: `covers` maps a document to its mask of truth
    records to be removed, `spans_of` a document to its map spans."""
    def cover_of(doc):
        return covers.get(doc) or bytearray(len(texts[doc]))
    total = 0
    for doc, spans in spans_of.items():
        text, cover = texts[doc], cover_of(doc)
        for span in spans:
            wrong = [i for i in range(span["start"], span["end"]) if not cover[i] and text[i] not in WHITE]
            if wrong and classify(texts, cover_of, doc, span, wrong).startswith(TRUTH_ARTEFACT):
                total += len(wrong)
    return total


def classify(texts, cover_of, doc, span, wrong):
    kind = span["kind"]
    if kind == "boilerplate":
        return f"boilerplate/{span.get('rule') or span.get('match', '')}"
    if kind == "marker":
        return "marker"
    text, cover = texts[doc], cover_of(doc)
    s, e = span["start"], span["end"]
    if any(cover[s:e]):
        return f"copy: past the injected edge ({kind})"
    source = span.get("source") or {}
    where = "same doc" if source.get("id") == doc else "other doc"
    src_text = texts.get(source.get("id"), b"")
    ss, se = source.get("start", 0), source.get("end", 0)
    src_injected = source.get("id") in texts and any(cover_of(source["id"])[ss:se])
    where += ", kept copy injected" if src_injected else ", kept copy is article text"
    removed = text[wrong[0]:wrong[-1] + 1].decode("utf-8", "replace")
    kept = src_text[ss:se].decode("utf-8", "replace")
    if not norm(removed) or norm(removed) not in norm(kept):
        return f"copy: different text ({where})"
    if src_injected:  # the truth injected a copy of this text into an earlier document
        return f"copy: an injected copy of it comes first in the input ({where})"
    if whole(text, wrong[0], wrong[-1] + 1):
        return f"{TRUTH_ARTEFACT} ({where})"
    return f"copy: fragment of a sentence ({where})"


def whole(text, start, end):
    """Does the piece start and end at a sentence, clause or line edge?"""
    before = text[:start].decode("utf-8", "replace")[-1:]
    after = text[end:end + 4].decode("utf-8", "replace")[:1]
    last = text[start:end].decode("utf-8", "replace").rstrip()[-1:]
    return before in EDGE and (after in EDGE or last in EDGE)


def show(texts, doc, span, n, ws, we):
    text = texts[doc]
    line_start = text.rfind(b"\n", 0, ws) + 1
    line_end = text.find(b"\n", we)
    line_end = len(text) if line_end < 0 else line_end
    out = (text[line_start:ws] + b"[[" + text[ws:we] + b"]]" + text[we:line_end]).decode("utf-8", "replace")
    label = "/".join(x for x in (span["kind"], span.get("match", ""), span.get("rule", "")) if x)
    print(f"  {doc} [{span['start']},{span['end']}) {label}, {n} bytes: {clip(out)}")
    source = span.get("source")
    if source and source["id"] in texts:
        kept = texts[source["id"]][source["start"]:source["end"]].decode("utf-8", "replace")
        print(f"    kept copy {source['id']} [{source['start']},{source['end']}): {clip(kept)}")


def clip(text, limit=360):
    text = " / ".join(x for x in text.strip().splitlines() if x.strip())
    return text if len(text) <= limit else text[:limit] + " …"


if __name__ == "__main__":
    main()
