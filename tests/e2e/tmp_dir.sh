#!/usr/bin/env bash
# tmp_dir.sh — where a run's temporary files go (--tmp-dir) and that none outlives it (issue 13).
# Usage: tests/e2e/tmp_dir.sh ONCE ROOT. Prints one line per check, ends with `N passed, N failed`.
#   - every temporary file (the unlinked spill files, opened with O_TMPFILE, and the spool folder
#     of standard input) is made in --tmp-dir, by clean, scan, merge, sign, learn and apply; by
#     default in the folder of -o, and in $TMPDIR without -o or with -o - (seen with strace when
#     it is installed; those checks are skipped with a note otherwise);
#   - nothing is left there after a success, a failure (exit 3), SIGTERM, or a kill -9 followed
#     by a new run (which says it removed the killed run's spool folder);
#   - a --tmp-dir that is missing, not a folder, or read-only stops the run before any work with
#     exit 4 and one line naming it;
#   - the index paged to a file under --max-memory: same output and map as without a limit,
#     nothing left after success, kill -9 and a new run, or a full --tmp-dir (exit 4).
set -uo pipefail
once=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/once-tmpdir.XXXXXX")
mounted=
children=()
cleanup() {
    for pid in "${children[@]}"; do kill -9 "$pid" 2>/dev/null; done
    [[ -n $mounted ]] && umount "$mounted" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
export TMPDIR=$work/sys-tmp  # what $TMPDIR holds is checked too
mkdir -p "$TMPDIR"
passed=0
failed=0
check() {  # check NAME STATUS [DETAIL]
    if [[ $2 == 0 ]]; then
        passed=$((passed + 1)); echo "ok      $1"
    else
        failed=$((failed + 1)); echo "FAIL    $1 ${3:-}"
    fi
}
empty() { [[ -z $(ls -A "$1") ]]; }

corpus=$work/in  # samples/ three times: enough for copies across documents
for i in 1 2 3; do
    mkdir -p "$corpus/copy$i"
    cp -r "$root/samples/." "$corpus/copy$i/"
done
stdin_text=$root/samples/en/news_a.txt
[[ -f $stdin_text ]] || stdin_text=$(find "$root/samples/en" -type f | sort | head -1)

have_strace=0
strace -f -qq -e trace=none true 2>/dev/null && have_strace=1
[[ $have_strace == 1 ]] || echo "note: strace is not usable here; where files are made is not checked"

# traced NAME FOLDER ONCE-ARGS...: runs once (stdin from $stdin_text) under strace when it can,
# and checks that the run succeeded, that it made temporary files only in FOLDER (O_TMPFILE
# opens and spool folders; at least `want` O_TMPFILE files), and that FOLDER holds no new entry.
want=1
traced() {
    local name=$1 folder=$2
    shift 2
    if [[ $have_strace == 1 ]]; then
        strace -f -qq -e trace=openat,mkdir -e signal=none -o "$work/trace" "$once" "$@" <"$stdin_text" >/dev/null 2>"$work/err"
    else
        "$once" "$@" <"$stdin_text" >/dev/null 2>"$work/err"
    fi
    local status=$?
    check "$name: exit 0" "$status" "(exit $status: $(head -c 300 "$work/err"))"
    if [[ $have_strace == 1 ]]; then
        local made elsewhere count
        made=$(grep -E 'O_TMPFILE|mkdir\(.*\.once-spool-' "$work/trace" | grep -v ' = -1 ')
        count=$(grep -c O_TMPFILE <<<"$made")
        elsewhere=$(grep -vF "\"$folder\"" <<<"$made" | grep -vF "\"$folder/.once-spool-" | grep .)
        [[ $count -ge $want && -z $elsewhere ]]
        check "$name: temporary files made in $(basename "$folder") only" $? \
            "($count O_TMPFILE files, want $want; elsewhere: $(head -c 300 <<<"$elsewhere"))"
    fi
    [[ -z $(find "$folder" -maxdepth 1 -name '.once-*') ]] && { [[ $folder != "$T" ]] || empty "$T"; }
    check "$name: nothing left in $(basename "$folder")" $? "(left: $(ls -A "$folder" | head -5))"
    empty "$TMPDIR"
    check "$name: nothing left in \$TMPDIR" $? "(left: $(ls -A "$TMPDIR" | head -5))"
}

# --tmp-dir given: a spill file for the index (plus the start-up check: 2) and the spool.
T=$work/T
mkdir -p "$T"
want=2
traced "clean - --tmp-dir" "$T" clean - "$corpus" -o "$work/out1" -q --threads 2 --tmp-dir "$T"
traced "scan - --tmp-dir" "$T" scan - "$corpus" -q --tmp-dir "$T"
want=1
traced "learn - --tmp-dir" "$T" learn - "$corpus" -o "$work/p" -q --tmp-dir "$T"
traced "sign - --tmp-dir" "$T" sign - "$corpus" -o "$work/s.sig" -q --tmp-dir "$T"
want=3  # the check, the index's spill file, the decisions' spill file
traced "merge --tmp-dir" "$T" merge "$work/s.sig" -o "$work/d.bin" -q --tmp-dir "$T"
want=1
traced "apply - --tmp-dir" "$T" apply - "$corpus" --decisions "$work/d.bin" -o "$work/out2" -q --tmp-dir "$T"
cmp -s <(cd "$work/out1" && find . -type f -print0 | sort -z | xargs -0 cat) \
       <(cd "$work/out2" && find . -type f -print0 | sort -z | xargs -0 cat)
check "clean and sign/merge/apply with --tmp-dir agree" $?

# The defaults: the folder of -o (also when -o names a folder or a file in a folder to be
# made), else $TMPDIR.
D=$work/beside
mkdir -p "$D"
want=2
traced "clean -o FOLDER: beside it" "$D" clean - "$corpus" -o "$D/out" -q
traced "clean -o NEW/SUB/FOLDER: the nearest existing folder" "$D" clean - "$corpus" -o "$D/new/sub/out" -q
want=3
traced "merge -o FILE: beside it" "$D" merge "$work/s.sig" -o "$D/d.bin" -q
want=2
traced "clean -o -: \$TMPDIR" "$TMPDIR" clean - "$corpus" -o - -q
traced "scan: \$TMPDIR" "$TMPDIR" scan - "$corpus" -q

# A failed run (a file with invalid UTF-8 after standard input) leaves nothing either.
mkdir -p "$work/bad"
printf 'ok\n\xff\xfe broken\n' >"$work/bad/zz.txt"
"$once" clean - "$corpus" "$work/bad" -o "$work/out3" -q --tmp-dir "$T" <"$stdin_text" >/dev/null 2>"$work/err"
status=$?
[[ $status == 3 ]] && empty "$T"
check "a failed run (exit 3) leaves nothing in --tmp-dir" $? "(exit $status; left: $(ls -A "$T" | head -5))"

# spooling OUT: starts a clean of standard input (a pipe kept open) into OUT, in the background;
# $pid is the run, $feeder the process keeping the pipe open (stopped with stop_feeder).
spooling() {
    (cat "$stdin_text"; sleep 60 & echo $! >"$work/feeder"; wait) 2>/dev/null |
        "$once" clean - "$corpus" -o "$1" -q --tmp-dir "$T" 2>/dev/null &
    pid=$!
    children+=("$pid")
    for _ in $(seq 50); do [[ -s $work/feeder ]] && break; sleep 0.1; done
    feeder=$(cat "$work/feeder")
    rm -f "$work/feeder"
    children+=("$feeder")
}
stop_feeder() { kill "$feeder" 2>/dev/null; }

# wait_for_spool PID: waits (at most 20 s) until PID's spool folder is in $T.
wait_for_spool() {
    for _ in $(seq 200); do
        [[ -n $(find "$T" -maxdepth 1 -name ".once-spool-$1-*") ]] && return 0
        sleep 0.1
    done
    return 1
}

# SIGTERM while standard input is spooled (a pipe kept open): the handler removes the spool.
spooling "$work/out4"
wait_for_spool "$pid"
seen=$?
kill -TERM "$pid" 2>/dev/null
stop_feeder
wait "$pid" 2>/dev/null  # the whole pipeline: after the feeder is stopped
[[ $seen == 0 ]] && empty "$T"
check "SIGTERM while spooling: the spool folder is removed" $? "(seen: $seen; left: $(ls -A "$T" | head -5))"

# kill -9 while spooling: the spool folder stays (nothing can remove it then) until the next run
# with the same --tmp-dir, whatever its command, removes it and says so.
spooling "$work/out5"
wait_for_spool "$pid"
seen=$?
kill -9 "$pid" 2>/dev/null
stop_feeder
wait "$pid" 2>/dev/null  # the whole pipeline: after the feeder is stopped
left=$(ls -A "$T")
[[ $seen == 0 && $left == .once-spool-$pid-* ]]
check "kill -9 while spooling: its spool folder is left" $? "(left: $left)"
"$once" scan "$corpus" -q --tmp-dir "$T" >/dev/null 2>"$work/err"
status=$?
[[ $status == 0 ]] && empty "$T" && grep -q "note: removed .*\.once-spool-$pid-.*left by an interrupted run" "$work/err"
check "kill -9, then a new run: it removes the spool folder and says so" $? \
    "(exit $status: $(head -c 300 "$work/err"); left: $(ls -A "$T" | head -5))"
# A live run's spool folder is not taken for a stale one.
spooling "$work/out6"
wait_for_spool "$pid"
"$once" scan "$corpus" -q --tmp-dir "$T" >/dev/null 2>&1
[[ -n $(find "$T" -maxdepth 1 -name ".once-spool-$pid-*") ]]
check "a running run's spool folder is left alone by another run" $?
kill -9 "$pid" 2>/dev/null
stop_feeder
wait "$pid" 2>/dev/null  # the whole pipeline: after the feeder is stopped
"$once" scan "$corpus" -q --tmp-dir "$T" >/dev/null 2>&1
empty "$T"
check "... and removed once that run is gone" $?

# An unusable --tmp-dir: exit 4 before any work, one line naming it.
unusable() {  # unusable NAME DIR
    "$once" clean "$corpus" -o "$work/out7" -q --tmp-dir "$2" >/dev/null 2>"$work/err"
    local status=$?
    [[ $status == 4 && $(wc -l <"$work/err") == 1 && ! -e $work/out7 ]] &&
        grep -qF "once: $2: cannot create temporary files here (--tmp-dir): " "$work/err"
    check "--tmp-dir $1: exit 4, one line naming it, no output" $? "(exit $status: $(head -c 300 "$work/err"))"
}
unusable "missing" "$work/missing"
touch "$work/a-file"
unusable "not a folder" "$work/a-file"
mkdir -p "$work/ro"
if mount -t tmpfs -o ro,size=1m tmpfs "$work/ro" 2>/dev/null; then
    mounted=$work/ro
    unusable "read-only (a read-only tmpfs)" "$work/ro"
    umount "$work/ro" && mounted=
elif [[ $(id -u) != 0 ]]; then
    chmod 555 "$work/ro"
    unusable "read-only (mode 555)" "$work/ro"
    chmod 755 "$work/ro"
else
    echo "note: no read-only folder can be made here (root without mount); that case is not checked"
fi

# The index paged to a file under --max-memory (issue 13): a budget the index would pass pages it
# to an unlinked file in --tmp-dir instead of stopping with exit 6; the output and map are those of
# a run without a limit, and nothing is left after a success, a full --tmp-dir (exit 4 naming it)
# or a kill -9 followed by a new run. A generated corpus of ~7 MB whose index (~25 MiB) is most of
# what a run holds, so that a budget under the run's own peak pages it. Skipped under sanitizers,
# whose memory is not the run's (scripts/sanitize.sh sets ONCE_SANITIZED=1).
if [[ ${ONCE_SANITIZED:-0} == 1 ]]; then
    echo "note: sanitizer build: the paged index under --max-memory is not checked"
else
    python3 - "$work/gen.jsonl" <<'PY'
import json, random, sys
r = random.Random(13)
words = ["".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(2, 9))) for _ in range(4000)]
def sentence():
    return " ".join(r.choice(words) for _ in range(r.randint(6, 18))).capitalize() + "."
stock = [sentence() for _ in range(20000)]  # shared sentences: copies across documents
with open(sys.argv[1], "w") as out:
    for d in range(2500):
        text = " ".join(r.choice(stock) if r.random() < 0.3 else sentence() for _ in range(r.randint(20, 60)))
        out.write(json.dumps({"id": "d%d" % d, "text": text}) + "\n")
PY
    P=$work/paged-tmp
    mkdir -p "$P" "$work/unlimited-tmp"
    "$once" clean "$work/gen.jsonl" -o "$work/unlimited.jsonl" --map "$work/unlimited.map" -q --threads 2 \
        --tmp-dir "$work/unlimited-tmp" 2>"$work/err"
    check "paged index: the run without a limit" $? "($(head -c 300 "$work/err"))"
    budget=40M
    paged_run() {  # paged_run NAME: a run under $budget, traced for fallocate when strace works
        if [[ $have_strace == 1 ]]; then
            strace -f -qq -e trace=fallocate -e signal=none -o "$work/trace" "$once" clean "$work/gen.jsonl" \
                -o "$work/$1.jsonl" --map "$work/$1.map" -q --threads 2 --max-memory $budget --tmp-dir "$P" 2>"$work/err"
        else
            "$once" clean "$work/gen.jsonl" -o "$work/$1.jsonl" --map "$work/$1.map" -q --threads 2 \
                --max-memory $budget --tmp-dir "$P" 2>"$work/err"
        fi
    }
    paged_run paged
    status=$?
    [[ $status == 0 ]] &&
        cmp -s "$work/unlimited.jsonl" "$work/paged.jsonl" && cmp -s "$work/unlimited.map" "$work/paged.map" && empty "$P"
    check "paged index (--max-memory $budget): output and map identical to the run without a limit, --tmp-dir empty" $? \
        "(exit $status: $(head -c 300 "$work/err"); left: $(ls -A "$P" | head -5))"
    if [[ $have_strace == 1 ]]; then
        grep -q "fallocate(" "$work/trace"
        check "paged index: the run did page its index (fallocate in --tmp-dir)" $?
    fi
    # kill -9 while the index is paged: the file has no name, so nothing is there during the run
    # nor after it, and the next run finds nothing to remove.
    "$once" clean "$work/gen.jsonl" -o "$work/killed.jsonl" --map "$work/killed.map" -q --threads 2 \
        --max-memory $budget --tmp-dir "$P" 2>/dev/null &
    pid=$!
    children+=("$pid")
    paging=1  # until the index is mapped from its file in $P (/proc/PID/maps names it, deleted)
    for _ in $(seq 400); do
        grep -qF "$P/" "/proc/$pid/maps" 2>/dev/null && paging=0 && break
        sleep 0.05
    done
    during=$(ls -A "$P")
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [[ $paging == 0 && -z $during ]] && empty "$P" && [[ ! -e $work/killed.jsonl ]]
    check "paged index: kill -9 while paged leaves nothing in --tmp-dir" $? \
        "(paging seen: $paging; during: $during; left: $(ls -A "$P" | head -5))"
    paged_run again
    status=$?
    [[ $status == 0 ]] && cmp -s "$work/unlimited.jsonl" "$work/again.jsonl" && empty "$P" && ! grep -qF "note: removed $P" "$work/err"
    check "... and a new run after it: identical output, nothing to remove, --tmp-dir empty" $? \
        "(exit $status: $(head -c 300 "$work/err"))"
    # A --tmp-dir that fills up while the index is paged: exit 4 naming it, nothing left.
    mkdir -p "$work/full"
    if mount -t tmpfs -o size=6m tmpfs "$work/full" 2>/dev/null; then
        mounted=$work/full
        "$once" clean "$work/gen.jsonl" -o "$work/full-out.jsonl" -q --threads 2 --max-memory $budget \
            --tmp-dir "$work/full" >/dev/null 2>"$work/err"
        status=$?
        [[ $status == 4 && ! -e $work/full-out.jsonl && $(wc -l <"$work/err") == 1 ]] &&
            grep -qF "once: $work/full: " "$work/err" && empty "$work/full"
        check "paged index, --tmp-dir full: exit 4, one line naming it, nothing left" $? \
            "(exit $status: $(head -c 300 "$work/err"); left: $(ls -A "$work/full" | head -5))"
        umount "$work/full" && mounted=
    else
        echo "note: no small file system can be mounted here (not root); a full --tmp-dir is not checked"
    fi
fi

echo "$passed passed, $failed failed"
((failed == 0))
