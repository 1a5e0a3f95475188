#!/usr/bin/env bash
# pre-commit.sh — the entry of the `once` hook in .pre-commit-hooks.yaml: `once check` over the
# files pre-commit passes (after the hook's args). Uses `once` from PATH if installed, else the
# build in this clone of the repository, building it the first time (scripts/bootstrap.sh).
set -euo pipefail
if command -v once >/dev/null; then
    exec once check "$@"
fi
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ ! -x $here/build/src/once ]]; then
    echo "once: building once for the pre-commit hook (once only; scripts/bootstrap.sh)" >&2
    bash "$here/scripts/bootstrap.sh" >&2
fi
exec "$here/build/src/once" check "$@"
