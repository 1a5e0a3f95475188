#!/usr/bin/env bash
# Sets up (scripts/bootstrap.sh --test), builds, runs every test suite through meson, and prints
# one closing line `N passed, N failed` counted from the suites' own results (doctest cases,
# end-to-end cases, fault checks, schema and browser checks; with ONCE_SANITIZE=1 also the
# sanitizer and fuzz-smoke suites of scripts/sanitize.sh).
#
# ONCE_BARE_DEBIAN=1 (set by .ci/run) also runs the `bare` suite: tests/bare_debian/run.sh, the
# README's two commands (this script among them, without the sanitizer and bare suites) on a fresh
# minbase Debian 12 in a chroot (15-45 minutes on the shared machine; root only). Left out by
# default so a developer's run stays short.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test || { echo "0 passed, 1 failed"; exit 1; }

suites=(--no-suite bare)
if [[ ${ONCE_BARE_DEBIAN:-0} == 1 ]]; then
  suites=()
else
  echo "test: the bare Debian suite is left out (ONCE_BARE_DEBIAN=1 runs it, as .ci/run does)" >&2
fi
meson test -C build --print-errorlogs --num-processes 1 "${suites[@]}"
status=$?

# The sanitizer suites (ASan+UBSan unit and e2e, fuzz smoke, ThreadSanitizer on the threaded
# paths; scripts/sanitize.sh) when ONCE_SANITIZE=1 — CI sets it (.ci/run). Off by default because
# they build the project twice more (see README, Hardening, for their time).
rm -f build/sanitize.log
if [[ ${ONCE_SANITIZE:-0} == 1 ]]; then
    bash scripts/sanitize.sh 2>&1 | tee build/sanitize.log
    ((PIPESTATUS[0] == 0)) || status=1
fi

python3 - <<'PY'
import json, re, sys
passed = failed = 0
with open("build/meson-logs/testlog.json", encoding="utf-8") as log:
    for line in log:
        result = json.loads(line)
        out = result.get("stdout", "") or ""
        doctest = re.search(r"test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed", out)
        plain = re.findall(r"^(\d+) passed, (\d+) failed", out, re.M)
        # A suite's own closing `N passed, N failed` line comes first: the bare suite's output also
        # holds the chroot's whole test run, doctest summary included, which is not its count.
        if plain:
            passed += int(plain[-1][0]); failed += int(plain[-1][1])
        elif doctest:
            passed += int(doctest.group(2)); failed += int(doctest.group(3))
        elif result.get("result") == "OK":
            passed += 1
        elif result.get("result") != "SKIP":
            failed += 1
        if result.get("result") not in ("OK", "SKIP") and not (doctest or plain):
            print(f"suite {result.get('name')} ended {result.get('result')} without a count", file=sys.stderr)
try:
    with open("build/sanitize.log", encoding="utf-8") as log:
        counts = re.findall(r"^(\d+) passed, (\d+) failed", log.read(), re.M)
    passed += int(counts[-1][0]) if counts else 0
    failed += int(counts[-1][1]) if counts else 1
except FileNotFoundError:
    pass
print(f"{passed} passed, {failed} failed")
PY
exit $status
