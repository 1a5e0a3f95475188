#!/usr/bin/env bash
# Sets up (scripts/bootstrap.sh --test), builds, runs every test suite through meson, and prints
# one closing line `N passed, N failed` counted from the suites' own results (doctest cases,
# end-to-end cases, schema and browser checks).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test || { echo "0 passed, 1 failed"; exit 1; }

meson test -C build --print-errorlogs --num-processes 1
status=$?

python3 - <<'PY'
import json, re, sys
passed = failed = 0
with open("build/meson-logs/testlog.json", encoding="utf-8") as log:
    for line in log:
        result = json.loads(line)
        out = result.get("stdout", "") or ""
        doctest = re.search(r"test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed", out)
        plain = re.findall(r"^(\d+) passed, (\d+) failed", out, re.M)
        if doctest:
            passed += int(doctest.group(2)); failed += int(doctest.group(3))
        elif plain:
            passed += int(plain[-1][0]); failed += int(plain[-1][1])
        elif result.get("result") == "OK":
            passed += 1
        elif result.get("result") != "SKIP":
            failed += 1
        if result.get("result") not in ("OK", "SKIP") and not (doctest or plain):
            print(f"suite {result.get('name')} ended {result.get('result')} without a count", file=sys.stderr)
print(f"{passed} passed, {failed} failed")
PY
exit $status
