#!/usr/bin/env bash
# faults.sh — what a crash, a full disk, a vanishing input or Ctrl-C leaves behind (issue 14).
# Usage: tests/e2e/faults.sh ONCE ROOT. Bounded in time (about a minute); prints one line per
# check and ends with `N passed, N failed`.
#   kill -9 at random moments of a clean (several rounds): the inputs are unchanged, every file
#     under a final output name is complete (equal to a clean run's), and the next run into the
#     same place succeeds with the reference output, removing the killed run's staging folders;
#   a full disk (a 1 MiB tmpfs when mount works here, else `ulimit -f` with SIGXFSZ ignored):
#     exit 4 naming the output, and no partial file under a final name; then (64 KiB) each command
#     that writes: the message names the output as given, nothing is left on the disk;
#   an input deleted while the run reads: a clean exit (0, or 3 naming the file), nothing partial;
#   SIGINT and SIGTERM (a folder output, and a JSON Lines one `-o out.jsonl`): no `.once-tmp-`
#     file, no spool folder, no staging folder, no output and no `-o` folder the run made is left.
set -uo pipefail
once=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/once-faults.XXXXXX")
mounted=
cleanup() {
    [[ -n $mounted ]] && umount "$mounted" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
export TMPDIR=$work/tmp   # spool folders of this test only (the SIGINT/SIGTERM runs name it in --tmp-dir)
mkdir -p "$TMPDIR"
passed=0
failed=0
check() {  # check NAME CONDITION-EXIT-STATUS [DETAIL]
    if [[ $2 == 0 ]]; then
        passed=$((passed + 1)); echo "ok      $1"
    else
        failed=$((failed + 1)); echo "FAIL    $1 ${3:-}"
    fi
}

# A corpus big enough that a clean takes a noticeable time: samples/ copied 40 times.
corpus=$work/in
for i in $(seq -w 1 40); do
    mkdir -p "$corpus/copy$i"
    cp -r "$root/samples/." "$corpus/copy$i/"
done
sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
inputs_before=$(sums "$corpus")

# The reference: one complete run.
"$once" clean "$corpus" -o "$work/ref" --map "$work/ref.map.jsonl" -q --threads 2
check "reference clean" $?
reference=$(sums "$work/ref")

# Every file under a final name in OUT must be the reference's file of that name.
only_complete() {
    local out=$1 file rel
    while IFS= read -r -d '' file; do
        rel=${file#"$out"/}
        case $(basename "$rel") in .*once-tmp-* | .once-staging*) continue ;; esac
        [[ $rel == .once-staging* || $rel == */.once-staging* ]] && continue
        cmp -s "$file" "$work/ref/$rel" || { echo "partial or wrong: $rel"; return 1; }
    done < <(find "$out" -type f -print0 2>/dev/null)
    if [[ -f $2 ]]; then cmp -s "$2" "$work/ref.map.jsonl" || { echo "partial map"; return 1; }; fi
    return 0
}

for round in 1 2 3 4 5 6; do
    out=$work/kill$round
    "$once" clean "$corpus" -o "$out" --map "$out.map.jsonl" -q --threads 2 &
    pid=$!
    sleep "0.$(( (RANDOM % 9) + 1 ))$(( RANDOM % 10 ))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    detail=$(only_complete "$out" "$out.map.jsonl")
    check "kill -9 round $round: no partial file under a final name" $? "$detail"
    [[ $(sums "$corpus") == "$inputs_before" ]]
    check "kill -9 round $round: inputs unchanged" $?
    # The next run writes over what the killed one left: its staging folders (inside OUT and
    # beside the map) are removed, so OUT holds exactly the reference's files.
    "$once" clean "$corpus" -o "$out" --map "$out.map.jsonl" -q --threads 2 2>"$work/kill.err"
    status=$?
    [[ $status == 0 && $(sums "$out") == "$reference" ]] && cmp -s "$out.map.jsonl" "$work/ref.map.jsonl" &&
        [[ -z $(find "$work" -maxdepth 1 -name '.once-staging-*') ]]
    check "kill -9 round $round: the next run succeeds with the same output, no staging folder left" $? \
        "(exit $status: $(head -c 300 "$work/kill.err"); left: $(find "$out" "$work" -maxdepth 1 -name '.once-staging-*'))"
    rm -rf "$out" "$out.map.jsonl"
done

# A full disk.
disk=$work/disk
mkdir -p "$disk"
if mount -t tmpfs -o size=1m tmpfs "$disk" 2>/dev/null; then
    mounted=$disk
    how="1 MiB tmpfs"
    "$once" clean "$corpus" -o "$disk/out" --map "$disk/map.jsonl" -q >"$work/disk.out" 2>"$work/disk.err"
    status=$?
else
    how="ulimit -f 512"
    (trap '' XFSZ; ulimit -f 512; exec "$once" clean "$corpus" -o "$disk/out" --map "$disk/map.jsonl" -q) \
        >"$work/disk.out" 2>"$work/disk.err"
    status=$?
fi
[[ $status == 4 ]] && grep -q "$disk" "$work/disk.err"
check "full disk ($how): exit 4 naming the output" $? "(exit $status: $(head -c 300 "$work/disk.err"))"
detail=$(only_complete "$disk/out" "$disk/map.jsonl")
check "full disk ($how): nothing partial under a final name" $? "$detail"
[[ -n $mounted ]] && { umount "$mounted"; mounted=; }

# A full disk under every command that writes: exit 4, the message names the output as the
# command line gave it (not `/abs/disk/.once-staging-PID/NAME`, session 32), nothing is left on
# the disk. Run from $work with relative names; temporary files (--tmp-dir) on another disk.
small=$work/small
mkdir -p "$small"
small_how="ulimit -f 64"
if mount -t tmpfs -o size=64k tmpfs "$small" 2>/dev/null; then
    mounted=$small
    small_how="64 KiB tmpfs"
fi
# Records of random words: no two alike, so every output (compressed too) outgrows 64 KiB.
python3 - "$work/sm.jsonl" <<'PY'
import json, random, sys
rng = random.Random(32)
with open(sys.argv[1], 'w') as out:
    for i in range(2000):
        words = (''.join(rng.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(rng.randint(2, 9))) for _ in range(60))
        out.write(json.dumps({"id": str(i), "text": ' '.join(words) + '.\n'}) + "\n")
PY
(cd "$work" && "$once" sign sm.jsonl -o sm.sig -q && "$once" merge sm.sig -o sm.bin -q) ||
    check "full disk: signatures to start from" 1
full_disk() {  # full_disk OUTPUT-AS-GIVEN ONCE-ARGS...
    local shown=$1 status
    shift
    (cd "$work" && trap '' XFSZ && { [[ -n $mounted ]] || ulimit -f 64; } &&
        exec "$once" "$@" -q --tmp-dir "$TMPDIR") >/dev/null 2>"$work/small.err"
    status=$?
    [[ $status == 4 ]] && head -1 "$work/small.err" | grep -q "^once: $shown[:/]" &&
        ! grep -q once-staging "$work/small.err" && [[ -z $(ls -A "$small") ]]
    check "full disk ($small_how), $1 ... $shown: exit 4 naming it, nothing left" $? \
        "(exit $status: $(head -c 300 "$work/small.err"); left: $(ls -A "$small" | head -3))"
    rm -rf "${small:?}"/* "$small"/.once-staging-*
}
full_disk small/out.jsonl.zst clean sm.jsonl -o small/out.jsonl.zst --threads 2
full_disk small/out.jsonl.gz clean sm.jsonl -o small/out.jsonl.gz
full_disk small/map.jsonl scan sm.jsonl --map small/map.jsonl
full_disk small/r.html scan "$root/samples" --report html=small/r.html
full_disk small/r.json scan sm.jsonl --report json=small/r.json
full_disk small/r.sarif check "$root/samples" --report sarif=small/r.sarif
full_disk small/b.json baseline "$root/samples" -o small/b.json
full_disk small/s.sig sign sm.jsonl -o small/s.sig
full_disk small/d.bin merge sm.sig -o small/d.bin
full_disk small/a.jsonl apply sm.jsonl --decisions sm.bin -o small/a.jsonl
# Only a full disk shows these two: `ulimit -f` limits each file (the cleaned files of a folder are
# small; -o am.jsonl, off the disk, would fail too).
if [[ -n $mounted ]]; then
    full_disk small/out clean "$root/samples" -o small/out  # a cleaned file in it: small/out/en/...
    full_disk small/am.jsonl apply sm.jsonl --decisions sm.bin -o am.jsonl --map small/am.jsonl
fi
[[ -n $mounted ]] && { umount "$mounted"; mounted=; }

# An input deleted while the run reads.
victim_dir=$work/vanish
cp -r "$corpus" "$victim_dir"
"$once" clean "$victim_dir" -o "$work/vanish-out" --map "$work/vanish.map.jsonl" -q --threads 2 >/dev/null 2>"$work/vanish.err" &
pid=$!
sleep 0.3
rm -rf "$victim_dir/copy40"
wait "$pid"
status=$?
[[ $status == 0 ]] || { [[ $status == 3 ]] && grep -q "copy40" "$work/vanish.err"; }
check "an input deleted while read: exit 0, or 3 naming it" $? "(exit $status: $(head -c 300 "$work/vanish.err"))"
# Whichever way the race went, one check (so the count does not depend on it): a failed run
# leaves no map and no cleaned file under a final name; a run that read the file before it went
# leaves both, the map naming every document it cleaned.
if [[ $status != 0 ]]; then
    [[ ! -f $work/vanish.map.jsonl && -z $(find "$work/vanish-out" -type f ! -name '.*' 2>/dev/null | head -1) ]]
    check "an input deleted while read: the failed run left no map and no output" $?
else
    [[ -f $work/vanish.map.jsonl ]] && [[ $(grep -c '"id"' "$work/vanish.map.jsonl") == $(find "$work/vanish-out" -type f ! -name '.*' | wc -l) ]]
    check "an input deleted while read: the finished run left its map and every output" $?
fi

# SIGINT and SIGTERM: temporary files removed. The run is caught while it spools standard input
# (a pipe that stays open), with its map's temporary file and the spool file on disk.
for signal in INT TERM; do
    out=$work/sig$signal
    # A background job of a script starts with SIGINT ignored; python resets it to the default.
    (cat "$root"/samples/en/*.txt; sleep 5) | python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
        "$once" clean - "$corpus" -o "$out" --map "$out.map.jsonl" -q --threads 2 --tmp-dir "$TMPDIR" &
    pid=$!
    # Signal once itself, not python before it has reset SIGINT (python starts slowly on a loaded
    # machine; a SIGINT it still ignores would let the run finish with exit 0).
    once_exe=$(readlink -f "$once")
    for _ in $(seq 300); do
        [[ $(readlink -f "/proc/$pid/exe" 2>/dev/null) == "$once_exe" ]] && break
        sleep 0.1
    done
    sleep 1
    kill -s "$signal" "$pid" 2>/dev/null
    wait "$pid"
    status=$?
    left=$( (find "$out" "$work"/.once-staging-* -name '.*once-tmp-*' 2>/dev/null; find "$work" -maxdepth 1 -name ".sig$signal.*once-tmp-*"; ls -A "$TMPDIR") | head -5)
    [[ -z $left && $status -gt 128 ]]
    check "SIG$signal: the run stops and leaves no temporary file (exit $status)" $? "left: $left"
    # Nor any output: the staging folders go with what they hold (they were left, with the staged
    # files, until the next run), and so does the -o folder the run made.
    left=$(find "$work" "$out" -maxdepth 1 -name '.once-staging-*' 2>/dev/null | head -5)
    [[ -z $left && ! -e $out && ! -e $out.map.jsonl ]]
    check "SIG$signal: no staging folder, no -o folder and no map left" $? "left: $left $(ls -d "$out" 2>/dev/null)"
    "$once" clean "$corpus" -o "$out" --map "$out.map.jsonl" -q --threads 2 2>/dev/null
    status=$?
    [[ $status == 0 && -z $(find "$out" "$work" -maxdepth 1 -name '.once-staging-*') ]]
    check "SIG$signal: the next run succeeds" $? "(exit $status)"
    rm -rf "$out" "$out.map.jsonl"
done

# The same for a JSON Lines output (`-o out.jsonl`), caught while it writes: a corpus of JSON
# Lines big enough that writing takes a while is signalled once its staging folder exists.
jsonl=$work/big.jsonl
python3 - "$root/samples" "$jsonl" <<'PY'
import json, pathlib, sys
texts = [p.read_text() for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.txt'))]
with open(sys.argv[2], 'w') as out:
    for i in range(3000):
        out.write(json.dumps({"id": str(i), "text": texts[i % len(texts)] + "\n" + str(i)}) + "\n")
PY
for signal in INT TERM; do
    out=$work/jsonl$signal
    mkdir -p "$out"
    python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
        "$once" clean "$jsonl" -o "$out/out.jsonl" --map "$out/out.map.jsonl" -q --threads 2 &
    pid=$!
    for _ in $(seq 600); do
        [[ -n $(find "$out" -maxdepth 1 -name '.once-staging-*' -print -quit) ]] && break
        sleep 0.05
    done
    kill -s "$signal" "$pid" 2>/dev/null
    wait "$pid"
    status=$?
    left=$(ls -A "$out")
    [[ -z $left && $status -gt 128 ]]
    check "SIG$signal during clean -o out.jsonl: nothing left beside it (exit $status)" $? "left: $left"
done

echo "$passed passed, $failed failed"
((failed == 0))
