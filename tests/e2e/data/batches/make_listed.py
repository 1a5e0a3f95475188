"""Writes to argv[1] 1,400 documents of stock sentences (as make_stock.py), some on list lines
("* " and no final period: list entries) and the rest as prose, so that the same sentence is first
seen as a list entry and later as prose on other pages: band members whose exact match depends on
what matching finds (tentative members, match/band_runs.hpp), in buckets that overflow.
Deterministic: a fixed linear congruential generator."""
import json
import sys

WORDS = ["council", "budget", "schools", "roads", "members", "evening", "report", "annual",
         "repair", "funding", "city", "vote", "harbour", "library", "museum", "station"]
state = 2024


def nxt():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return state >> 33


lines = []
for d in range(1400):
    out = []
    for _ in range(2 + nxt() % 5):
        base = nxt() % 6
        words = ["The"] + [WORDS[nxt() % len(WORDS)] if nxt() % 9 == 0 else WORDS[(base * 3 + k) % len(WORDS)]
                           for k in range(11)]
        sentence = " ".join(words)
        out.append("* " + sentence if nxt() % 3 == 0 else sentence + ".")
    lines.append(json.dumps({"id": "d%04d" % d, "text": "\n".join(out)}, ensure_ascii=False))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
