"""Writes a corpus larger than one matching batch (512 documents) to argv[1]: 1,400 documents of
stock sentences with words swapped, so that LSH band buckets fill and overflow within and across
batches (Matcher::match_batch). Deterministic: a fixed linear congruential generator."""
import json
import sys

WORDS = ["council", "budget", "schools", "roads", "members", "evening", "report", "annual",
         "repair", "funding", "city", "vote", "harbour", "library", "museum", "station"]
state = 12345


def nxt():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return state >> 33


lines = []
for d in range(1400):
    sentences = []
    for _ in range(1 + nxt() % 5):
        base = nxt() % 8
        words = ["The"] + [WORDS[nxt() % len(WORDS)] if nxt() % 7 == 0 else WORDS[(base * 3 + k) % len(WORDS)]
                           for k in range(11)]
        sentences.append(" ".join(words) + ".")
    text = "\n".join(" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2))
    lines.append(json.dumps({"id": "d%04d" % d, "text": text}, ensure_ascii=False))
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("\n".join(lines) + "\n")
