#!/usr/bin/env bash
# sanitize.sh — the test suites again under sanitizers, for CI (scripts/test.sh calls it):
#   1. build-asan/ (clang++, AddressSanitizer + UndefinedBehaviorSanitizer, fuzz targets on):
#      the unit tests, the end-to-end cases and the fault tests (tests/e2e/faults.sh); any report
#      fails the suite (in e2e a report on stderr differs from the golden);
#   2. every fuzz target for a short smoke time (scripts/fuzz.sh $ONCE_FUZZ_SMOKE, default 10 s);
#   3. build-tsan/ (g++, ThreadSanitizer): the threaded paths — the pipeline and batcher unit
#      tests (1, 2 and 4 threads, parallel_for) and the end-to-end cases that run --threads 2/4
#      and shards.
# Usage: scripts/sanitize.sh [asan|fuzz|tsan]...   (default: all three)
# Ends with one line `N passed, N failed` (doctest cases, e2e cases, fuzz targets).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
steps=("$@")
((${#steps[@]})) || steps=(asan fuzz tsan)
passed=0
failed=0
count() {  # adds the last `N passed, N failed` (or doctest's summary) of a log to the totals
    local log=$1 line
    line=$(grep -E '^\[doctest\] test cases:' "$log" | tail -1)
    if [[ -n $line ]]; then
        passed=$((passed + $(sed -E 's/.*\| *([0-9]+) passed.*/\1/' <<<"$line")))
        failed=$((failed + $(sed -E 's/.*\| *([0-9]+) failed.*/\1/' <<<"$line")))
        return
    fi
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    if [[ -n $line ]]; then
        passed=$((passed + ${line%% *}))
        failed=$((failed + $(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$line")))
    else
        failed=$((failed + 1))
        echo "sanitize: $log has no result line" >&2
    fi
}
logs=${ONCE_SANITIZE_LOGS:-$root/build-asan/sanitize-logs}
mkdir -p "$logs"
# Reports stop the program (exit 1 from UBSan too) so a finding can never pass as a success.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
# e2e cases marked `unsanitized:` (outcomes that rest on resident memory) are skipped here.
export ONCE_SANITIZED=1
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

for step in "${steps[@]}"; do
    start=$(date +%s)
    case $step in
    asan)
        if [[ ! -f build-asan/build.ninja ]]; then
            CC=clang CXX=clang++ meson setup build-asan --buildtype=debugoptimized -Dtests=enabled -Db_sanitize=address,undefined \
                -Db_lundef=false -Dfuzz=true >"$logs/setup.log" 2>&1 || { cat "$logs/setup.log"; failed=$((failed + 1)); continue; }
        fi
        if ! ninja -C build-asan >"$logs/build.log" 2>&1; then
            tail -30 "$logs/build.log"; failed=$((failed + 1)); continue
        fi
        build-asan/tests/unit_tests --no-intro >"$logs/unit.log" 2>&1
        echo "sanitize: asan unit exit $?"; count "$logs/unit.log"
        tests/e2e/run_e2e.sh build-asan/src/once . >"$logs/e2e.log" 2>&1
        echo "sanitize: asan e2e exit $?"; count "$logs/e2e.log"
        tests/e2e/faults.sh build-asan/src/once . >"$logs/faults.log" 2>&1
        echo "sanitize: asan faults exit $?"; count "$logs/faults.log"
        ;;
    fuzz)
        ONCE_FUZZ_DIR=$logs/fuzz-corpus bash scripts/fuzz.sh "${ONCE_FUZZ_SMOKE:-10}" >"$logs/fuzz.log" 2>&1
        echo "sanitize: fuzz smoke exit $?"; count "$logs/fuzz.log"
        ;;
    tsan)
        if [[ ! -f build-tsan/build.ninja ]]; then
            meson setup build-tsan --buildtype=debugoptimized -Dtests=enabled -Db_sanitize=thread >"$logs/tsan-setup.log" 2>&1 ||
                { cat "$logs/tsan-setup.log"; failed=$((failed + 1)); continue; }
        fi
        if ! ninja -C build-tsan tests/unit_tests src/once >"$logs/tsan-build.log" 2>&1; then
            tail -30 "$logs/tsan-build.log"; failed=$((failed + 1)); continue
        fi
        build-tsan/tests/unit_tests --no-intro -tc='pipeline*,batcher*,parallel_for*,WorkPool*,worker_count*,matcher*batch*' >"$logs/tsan-unit.log" 2>&1
        echo "sanitize: tsan unit exit $?"; count "$logs/tsan-unit.log"
        tests/e2e/run_e2e.sh build-tsan/src/once . threads_1_2_4 clean_seed_000_threads2 clean_sites_threads2 \
            scan_terminal_threads2 shards_equal_single batches_threads_shards >"$logs/tsan-e2e.log" 2>&1
        echo "sanitize: tsan e2e exit $?"; count "$logs/tsan-e2e.log"
        ;;
    *) echo "usage: scripts/sanitize.sh [asan|fuzz|tsan]..." >&2; exit 2 ;;
    esac
    echo "sanitize: $step took $(( $(date +%s) - start )) s"
done
echo "$passed passed, $failed failed"
((failed == 0))
