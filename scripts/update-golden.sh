#!/usr/bin/env bash
# update-golden.sh — regenerate the end-to-end golden files (tests/golden/) from the current
# build, by running tests/e2e/run_e2e.sh in record mode. Goldens are never edited by hand:
# change the code or a case (tests/e2e/cases/), run this, and review `git diff tests/golden`
# like code — every changed line there is a change in what `once` prints or writes.
#
# Usage: scripts/update-golden.sh [BUILD_DIR] [CASE...]
#   BUILD_DIR  meson build folder (default: build); it is rebuilt first with ninja
#   CASE...    record only these cases (default: all, and goldens of deleted cases are removed)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
[[ $# -gt 0 ]] && shift
[[ $build == /* ]] || build=$root/$build

ninja -C "$build" src/once >/dev/null
exec "$root/tests/e2e/run_e2e.sh" --record "$build/src/once" "$root" "$@"
