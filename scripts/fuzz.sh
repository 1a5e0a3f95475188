#!/usr/bin/env bash
# fuzz.sh — builds the libFuzzer targets of tests/fuzz (clang++, ASan + UBSan, in build-asan/)
# and runs each for SECONDS of wall-clock time, one after the other, on one core.
#
#   scripts/fuzz.sh SECONDS [TARGET...]    TARGET: utf8_reader normalizer segmenter jsonl
#                                          patterns decoders pipeline (default: all)
#
# Seeds come from samples/, tests/e2e/data and tests/fuzz/regressions (inputs that once broke a
# contract, replayed first); the growing corpus is kept in $ONCE_FUZZ_DIR (default
# /tmp/once-fuzz-corpus) so repeated runs continue where the last stopped. A finding stops that
# target, leaves crash-* in the corpus folder, and makes the script exit 1. Prints one line per
# target (runs, wall and CPU seconds, corpus size) and ends with `N passed, N failed`.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
targets=("$@")
((${#targets[@]})) || targets=(utf8_reader normalizer segmenter jsonl patterns decoders pipeline)
build=${ONCE_ASAN_BUILD:-build-asan}
work=${ONCE_FUZZ_DIR:-/tmp/once-fuzz-corpus}

if [[ ! -f $build/build.ninja ]]; then
    CC=clang CXX=clang++ meson setup "$build" --buildtype=debugoptimized -Dtests=enabled -Db_sanitize=address,undefined \
        -Db_lundef=false -Dfuzz=true >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
fi
ninja -C "$build" $(printf 'tests/fuzz/fuzz_%s ' "${targets[@]}") >/dev/null || { echo "0 passed, 1 failed"; exit 1; }

# Seeds: text files for the text stages, JSON Lines records (selector byte first), patterns
# (PATTERN \0 TEXT), decoder inputs (selector byte first). Written once per corpus folder.
seed() {
    local target=$1 dir=$work/$1
    mkdir -p "$dir"
    [[ -n $(ls -A "$dir" 2>/dev/null) ]] && return
    python3 - "$target" "$dir" <<'PY'
import glob, hashlib, os, sys
target, out = sys.argv[1], sys.argv[2]
def put(data):
    open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb").write(data)
texts = [open(p, "rb").read()[:16384] for p in sorted(glob.glob("samples/**/*.txt", recursive=True)) +
         sorted(glob.glob("tests/e2e/data/**/*.txt", recursive=True))]
lines = [l for p in sorted(glob.glob("tests/e2e/data/**/*.jsonl", recursive=True)) + sorted(glob.glob("samples/**/*.jsonl", recursive=True))
         for l in open(p, "rb").read().split(b"\n") if l]
if target in ("utf8_reader", "normalizer", "segmenter"):
    for t in texts: put(t)
elif target == "pipeline":
    for a, b in zip(texts, texts[1:] + texts[:1]): put(a[:4000] + b"\x01" + a[:2000] + b[:2000])
elif target == "jsonl":
    for i, l in enumerate(lines): put(bytes([i % 3]) + l[:8192])
elif target == "patterns":
    pats = [b"(end|the end|fin|\xe5\xae\x8c)", b".*copyright.*", b"(.|\\n)*", b"*.txt", b"[!a-c]?/*", b"\xe5\xb9\xbf\xe5\x91\x8a"]
    for i, t in enumerate(texts[:20]):
        for p in pats: put(p + b"\0" + t.split(b"\n")[0][:200])
elif target == "decoders":
    put(b"\x02once-profile 1\ngroup\tsamples/en\t3\n123\t2\n")
    put(b'\x03{"format":"once-baseline","version":1,"findings":[{"hash":"00ff","kind":"duplicate","count":2}]}')
    put(b"\x00"); put(b"\x01")
    for f in sorted(glob.glob("tests/fuzz/seeds/decoders/*")): put(open(f, "rb").read())
PY
}

passed=0
failed=0
for target in "${targets[@]}"; do
    seed "$target"
    mkdir -p "$work/$target.findings"
    regressions=()
    [[ -d tests/fuzz/regressions/$target ]] && regressions=(tests/fuzz/regressions/$target)
    log=$work/$target.log
    start=$(date +%s)
    # CPU time (user + sys) is what the README reports: on a shared machine wall time says little.
    TIMEFORMAT='%U %S'
    { time "$build/tests/fuzz/fuzz_$target" "$work/$target" "${regressions[@]}" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$work/$target.findings/" >"$log" 2>&1; } 2>"$work/$target.cpu"
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cpu=$(awk '{printf "%.1f", $1 + $2}' "$work/$target.cpu")
    echo "fuzz_$target: exit $status, ${runs:-?} runs in $(( $(date +%s) - start )) s (cpu ${cpu:-?} s), corpus $(ls "$work/$target" | wc -l) inputs"
    if ((status == 0)); then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        grep -E 'ERROR|contract broken|SUMMARY' "$log" | head -5
        echo "  finding saved under $work/$target.findings/ (log: $log)"
    fi
done
echo "$passed passed, $failed failed"
((failed == 0))
