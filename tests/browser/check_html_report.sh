#!/usr/bin/env bash
# check_html_report.sh — open an HTML report of `once` in headless Chromium and check what a
# person would see: the viewer ran, removed spans are highlighted by kind, and every link from a
# removed copy lands on an element that exists (its kept copy).
#
# Usage: tests/browser/check_html_report.sh REPORT.html OUTDIR [KIND...]
#   KIND...  kinds that must appear as highlighted spans (default: duplicate marker)
# Writes OUTDIR/dom.html (the DOM after the script ran), OUTDIR/report.png (1280x1600) and
# OUTDIR/chromium.log. Exit 0 = pass, 1 = a check failed, 2 = usage, 77 = no Chromium (skip,
# as meson counts it). CHROMIUM=/path/to/chromium overrides the browser.
#
# The report renders documents lazily; on load it opens the first page's highlighted documents
# (always the first one with removed spans), so the dumped DOM holds spans without clicking.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 REPORT.html OUTDIR [KIND...]" >&2
    exit 2
fi
report=$1
outdir=$2
shift 2
kinds=("$@")
[[ ${#kinds[@]} -gt 0 ]] || kinds=(duplicate marker)

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z $chromium ]]; then
    echo "SKIP: chromium not installed (apt-get install chromium)"
    exit 77
fi
[[ -f $report ]] || { echo "no such report: $report" >&2; exit 2; }
mkdir -p "$outdir"
url=$(python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$report")

profiles=()
cleanup() { rm -rf "${profiles[@]}"; }
trap cleanup EXIT
run_chromium() {
    local profile
    profile=$(mktemp -d)
    profiles+=("$profile")
    # --virtual-time-budget lets the page's script finish before the dump/screenshot;
    # --enable-logging=stderr puts console errors (uncaught exceptions) into the log.
    timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 --virtual-time-budget=5000 \
        "$@" "$url"
}

: > "$outdir/chromium.log"
run_chromium --dump-dom > "$outdir/dom.html" 2>> "$outdir/chromium.log"
run_chromium --screenshot="$outdir/report.png" --window-size=1280,1600 \
    >> "$outdir/chromium.log" 2>&1

python3 - "$outdir/dom.html" "$outdir/report.png" "$outdir/chromium.log" "${kinds[@]}" <<'PY'
import html.parser
import os
import re
import sys

dom_path, png_path, log_path, *kinds = sys.argv[1:]
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()
        self.spans = []      # (tag, attrs) of highlighted removed spans
        self.links = []      # every href="#..."
        self.kept = []       # kept-copy marks
        self.external = []   # anything that would load from outside
        self.viewer_hidden = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            check(a["id"] not in self.ids, f"duplicate id {a['id']!r}")
            self.ids.add(a["id"])
        classes = (a.get("class") or "").split()
        if "span" in classes:
            self.spans.append((tag, a))
        if tag == "mark" and "kept" in classes:
            self.kept.append(a)
        href = a.get("href")
        if href and href.startswith("#"):
            self.links.append((tag, a))
        for attr in ("src", "srcset"):
            if attr in a:
                self.external.append(f"<{tag} {attr}={a[attr]!r}>")
        if tag == "link" or (href and re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I)):
            self.external.append(f"<{tag} href={href!r}>")
        if a.get("id") == "viewer":
            self.viewer_hidden = "hidden" in a


dom = Dom()
with open(dom_path, encoding="utf-8") as f:
    text = f.read()
dom.feed(text)

check(len(text) > 0, "empty DOM dump")
check(dom.viewer_hidden is False, "the viewer is still hidden: the script did not run")
check(not dom.external, "references outside the file: " + ", ".join(dom.external[:5]))
by_kind = {}
for tag, a in dom.spans:
    kind = next((c[len("kind-"):] for c in a.get("class", "").split() if c.startswith("kind-")), None)
    check(kind is not None, f"span without kind class: {a}")
    check(a.get("data-kind") == kind, f"data-kind {a.get('data-kind')!r} != class kind {kind!r}")
    check(re.fullmatch(r"d\d+-s\d+", a.get("id", "")) is not None, f"span id {a.get('id')!r}")
    by_kind.setdefault(kind, []).append((tag, a))
for kind in kinds:
    check(kind in by_kind, f"no highlighted span of kind {kind!r} in the rendered documents")
for tag, a in by_kind.get("duplicate", []) + by_kind.get("near_duplicate", []):
    check(tag == "a" and a.get("href", "").startswith("#"), f"copy span {a.get('id')} has no link")
for tag, a in dom.links:
    target = a["href"][1:]
    # Links into documents of other pages are resolved by the viewer when followed; links
    # from rendered spans must land on a rendered element.
    if "span" in (a.get("class") or "").split():
        check(target in dom.ids, f"{a.get('id')} links to #{target}, which does not exist")
if by_kind.get("duplicate") or by_kind.get("near_duplicate"):
    check(dom.kept, "copies are highlighted but no kept copy is")
check(os.path.exists(png_path) and os.path.getsize(png_path) > 10000, "no screenshot")
with open(log_path, encoding="utf-8", errors="replace") as f:
    errors = [line.strip() for line in f if "Uncaught" in line]
check(not errors, "script errors: " + " | ".join(errors[:3]))

spans = sum(len(v) for v in by_kind.values())
print(f"spans: {spans} ({', '.join(f'{k} {len(v)}' for k, v in sorted(by_kind.items()))}); "
      f"kept marks: {len(dom.kept)}; links: {len(dom.links)}")
for failure in failures:
    print("FAIL:", failure)
print(f"{0 if failures else 1} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
PY
