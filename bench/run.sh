#!/usr/bin/env bash
# run.sh — throughput and memory benchmark for `once`, against two baselines that bound what
# any deduplicator can do on this machine: reading the file (cat) and hashing every byte
# once (xxh3_pass).
#
# Usage: bench/run.sh [--size-mb N] [--build DIR] [--threads-list "1 2"] [--seed S]
#                     [--ldcc PATH] [--baselines-only] [--keep]
# It builds nothing: it expects DIR/bench/{gen_corpus,xxh3_pass,peak_rss} and DIR/src/once.
# See bench/README.md for what each figure means.
#
# Rule: every figure printed comes from a measurement made in this run. If `once` is missing
# or fails, the script prints its stderr and exits non-zero instead of printing a row.

set -euo pipefail

size_mb=200
build=build
threads_list="1 2"
seed=42
ldcc=""
keep=0
baselines_only=0

usage() {
    sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"
}

die() {
    echo "run.sh: $*" >&2
    exit 1
}

while (($#)); do
    case $1 in
        --size-mb) size_mb=${2:?--size-mb needs a value}; shift 2 ;;
        --build) build=${2:?--build needs a value}; shift 2 ;;
        --threads-list) threads_list=${2:?--threads-list needs a value}; shift 2 ;;
        --seed) seed=${2:?--seed needs a value}; shift 2 ;;
        --ldcc) ldcc=${2:?--ldcc needs a path}; shift 2 ;;
        --keep) keep=1; shift ;;
        --baselines-only) baselines_only=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

[[ $size_mb =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--size-mb must be a number, got '$size_mb'"
for t in $threads_list; do
    [[ $t =~ ^[1-9][0-9]*$ ]] || die "--threads-list must hold positive integers, got '$t'"
done
[[ -n ${threads_list// /} ]] || die "--threads-list is empty"

gen=$build/bench/gen_corpus
xxh3=$build/bench/xxh3_pass
peak=$build/bench/peak_rss
once=$build/src/once
for tool in "$gen" "$xxh3" "$peak"; do
    [[ -x $tool ]] || die "missing $tool — build first (meson setup $build && ninja -C $build)"
done
if [[ -n $ldcc && ! -r $ldcc ]]; then die "cannot read --ldcc file $ldcc"; fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/once-bench.XXXXXX")
cleanup() {
    if ((keep)); then
        echo "kept: $tmp" >&2
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT

# Decimal arithmetic in the C locale, so a comma locale cannot turn 1.5 into 1,5.
calc() { LC_ALL=C awk "BEGIN { $1 }"; }

# --- the corpus --------------------------------------------------------------------------------
corpus=$tmp/corpus.jsonl
if [[ -n $ldcc ]]; then
    case $ldcc in
        *.gz) gzip -dc -- "$ldcc" >"$corpus" ;;
        *.zst) command -v zstd >/dev/null || die "zstd CLI needed to read $ldcc"; zstd -q -dc -- "$ldcc" >"$corpus" ;;
        *) corpus=$ldcc ;;  # plain JSONL: read in place, no copy
    esac
    corpus_desc="$ldcc"
else
    "$gen" --size-mb "$size_mb" --seed "$seed" --out "$corpus" 2>"$tmp/gen.stderr" || {
        cat "$tmp/gen.stderr" >&2
        die "gen_corpus failed"
    }
    corpus_desc="generated: $(tail -n1 "$tmp/gen.stderr" | sed 's/^gen_corpus: //')"
fi
bytes=$(stat -c %s -- "$corpus")
docs=$(wc -l <"$corpus")
((bytes > 0 && docs > 0)) || die "corpus $corpus is empty"

# --- measuring ------------------------------------------------------------------------------------
# Rows go to stdout as they are measured, so a failure later still leaves real figures behind.
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)
echo "once benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs (${cpu_model:-unknown CPU})"
# Other work on the machine slows every stage; the load average says whether it was quiet.
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "corpus: $corpus_desc"
echo "corpus: $(calc "printf \"%.1f\", $bytes / 1e6") MB, $docs docs (MB = 10^6 bytes; rates use uncompressed bytes)"
echo
row_fmt='%-26s %7s %10s %12s %13s %9s %9s\n'
# shellcheck disable=SC2059
printf "$row_fmt" stage threads MB/s docs/s "peak RSS MiB" "wall s" "cpu s"

# measure LABEL THREADS STDOUT_FILE REPEATS -- COMMAND...
# Runs COMMAND under peak_rss REPEATS times and leaves in $row the table row of the fastest
# run (least wall time; its own CPU time and peak RSS go with it). The caller prints $row only
# once it has checked the run's output. On failure prints the command's stderr and returns
# non-zero, leaving $row empty.
row=""
m_wall=0 m_cpu=0 m_rss=0
measure() {
    local label=$1 threads=$2 stdout_file=$3 repeats=$4
    shift 5
    local err=$tmp/stderr.txt
    local re='^wall=([0-9.]+)s cpu=([0-9.]+)s peak_rss=([0-9.]+)MiB exit=([0-9]+)$'
    local wall="" cpu="" rss="" i rc stats
    row=""
    for ((i = 0; i < repeats; i++)); do
        rc=0
        "$peak" -- "$@" >"$stdout_file" 2>"$err" || rc=$?
        stats=$(grep '^wall=' "$err" | tail -n1 || true)
        if ((rc != 0)) || [[ -z $stats ]]; then
            echo >&2
            echo "run.sh: '$*' failed (exit $rc); its stderr follows:" >&2
            grep -v '^wall=' "$err" >&2 || true
            return 1
        fi
        [[ $stats =~ $re ]] || die "cannot parse peak_rss output: $stats"
        if [[ -z $wall ]] || (($(calc "print (${BASH_REMATCH[1]} < $wall)"))); then
            wall=${BASH_REMATCH[1]} cpu=${BASH_REMATCH[2]} rss=${BASH_REMATCH[3]}
        fi
    done
    # A run too short for the clock gets "n/a", never an invented rate.
    local mbps docps
    mbps=$(calc "if ($wall > 0) printf \"%.1f\", $bytes / 1e6 / $wall; else printf \"n/a\"")
    docps=$(calc "if ($wall > 0) printf \"%.0f\", $docs / $wall; else printf \"n/a\"")
    # shellcheck disable=SC2059
    row=$(printf "$row_fmt" "$label" "$threads" "$mbps" "$docps" "$rss" "$wall" "$cpu")
    m_wall=$wall m_cpu=$cpu m_rss=$rss
}

# The row of a sequence of commands measured one by one: wall and CPU add up, peak RSS is
# the largest. Reads the figures collected in seq_wall, seq_cpu and seq_rss.
seq_wall=0 seq_cpu=0 seq_rss=0
seq_reset() { seq_wall=0 seq_cpu=0 seq_rss=0; }
seq_add() {
    seq_wall=$(calc "print $seq_wall + $m_wall")
    seq_cpu=$(calc "print $seq_cpu + $m_cpu")
    seq_rss=$(calc "print ($m_rss > $seq_rss) ? $m_rss : $seq_rss")
}
seq_row() {
    local mbps docps
    mbps=$(calc "if ($seq_wall > 0) printf \"%.1f\", $bytes / 1e6 / $seq_wall; else printf \"n/a\"")
    docps=$(calc "if ($seq_wall > 0) printf \"%.0f\", $docs / $seq_wall; else printf \"n/a\"")
    # shellcheck disable=SC2059
    row=$(printf "$row_fmt" "$1" "$2" "$mbps" "$docps" "$seq_rss" "$seq_wall" "$seq_cpu")
}

# One untimed read first, so every stage sees the same warm page cache.
cat -- "$corpus" >/dev/null

measure "cat (read), best of 3" 1 /dev/null 3 -- cat -- "$corpus" || die "cat failed"
echo "$row"
measure "xxh3_pass, best of 3" 1 "$tmp/xxh3.txt" 3 -- "$xxh3" "$corpus" || die "xxh3_pass failed"
grep -q "^bytes=$bytes " "$tmp/xxh3.txt" || die "xxh3_pass did not read the whole corpus: $(cat "$tmp/xxh3.txt")"
echo "$row"

if ((baselines_only)); then
    echo
    echo "(--baselines-only: once not run)"
    exit 0
fi

if [[ ! -x $once ]]; then
    die "once binary not found at $once — build it first; no once figures to report"
fi

# `once clean` on the JSONL, once per thread count. Outputs are compared across thread
# counts: the project promises deterministic output, and a benchmark is the cheapest place
# to notice when parallelism breaks that.
first_out=""
first_t=""
notes=()
last_t=""
for t in $threads_list; do
    out=$tmp/out.t$t.jsonl
    map=$tmp/map.t$t.jsonl
    measure "once clean (.jsonl)" "$t" "$tmp/once.t$t.stdout" 1 -- \
        "$once" clean "$corpus" -o "$out" --map "$map" --threads "$t" || die "once failed"
    [[ -f $out ]] || die "once exited 0 but wrote no $out"
    echo "$row"
    out_bytes=$(stat -c %s -- "$out")
    if [[ -z $first_out ]]; then
        first_out=$out
        first_t=$t
        notes+=("once output: $(calc "printf \"%.1f MB, %.1f%% of input\", $out_bytes / 1e6, 100 * $out_bytes / $bytes"), map $(wc -l <"$map") lines")
    elif cmp -s -- "$first_out" "$out"; then
        notes+=("threads=$t: output identical to threads=$first_t")
        rm -f -- "$out" "$map"
    else
        notes+=("threads=$t: OUTPUT DIFFERS from threads=$first_t (nondeterminism?)")
    fi
    last_t=$t
    last_clean_wall=$m_wall
done

# The same on a zstd-compressed copy, at the last thread count only: the question is what
# decompression costs, not how it scales.
if command -v zstd >/dev/null; then
    zcorpus=$tmp/corpus.jsonl.zst
    zstd -q -T0 -3 -f -o "$zcorpus" -- "$corpus"
    out=$tmp/out.zst.jsonl
    map=$tmp/map.zst.jsonl
    measure "once clean (.jsonl.zst)" "$last_t" "$tmp/once.zst.stdout" 1 -- \
        "$once" clean "$zcorpus" -o "$out" --map "$map" --threads "$last_t" || die "once failed on the .zst input"
    [[ -f $out ]] || die "once exited 0 but wrote no $out"
    echo "$row"
    notes+=(".zst input: $(calc "printf \"%.1f\", $(stat -c %s -- "$zcorpus") / 1e6") MB compressed; MB/s above counts uncompressed bytes")
    # Same thread count's output, or the first one when it was identical and removed.
    ref=$tmp/out.t$last_t.jsonl
    [[ -f $ref ]] || ref=$first_out
    if cmp -s -- "$ref" "$out"; then
        notes+=(".zst input: output identical to the .jsonl run")
    else
        notes+=(".zst input: OUTPUT DIFFERS from the .jsonl run")
    fi
else
    notes+=("zstd CLI not found: .jsonl.zst run skipped")
fi

# The stages one at a time, through the sharded commands on the whole corpus as one shard
# (docs/shard-format.md): learn = pass 1 (recurring lines), sign = per-document analysis
# (normalize, segment, shingle, MinHash, boilerplate verdicts), merge = matching and planning in
# input order (sequential by design), apply = cutting and writing. Then the same path over 4
# shards, run one after another on this machine, against the single run.
echo
t=$last_t
st=$tmp/stages
mkdir -p "$st"
measure "stage: learn (pass 1)" "$t" /dev/null 1 -- "$once" learn "$corpus" -o "$st/all.profile" -q --threads "$t" || die "once learn failed"
echo "$row"
measure "stage: sign (analyze)" "$t" /dev/null 1 -- "$once" sign "$corpus" --profile "$st/all.profile" -o "$st/all.sig" -q --threads "$t" || die "once sign failed"
echo "$row"
measure "stage: merge (match)" 1 /dev/null 1 -- "$once" merge "$st/all.sig" -o "$st/decisions.bin" -q || die "once merge failed"
echo "$row"
measure "stage: apply (cut, write)" "$t" /dev/null 1 -- "$once" apply "$corpus" --decisions "$st/decisions.bin" -o "$st/out.jsonl" -q --threads "$t" || die "once apply failed"
echo "$row"
rm -f -- "$st/all.sig"

# 4 shards: consecutive line ranges, so their concatenation is the corpus.
split -n l/4 -d -a 1 --additional-suffix=.jsonl -- "$corpus" "$st/shard"
shards=("$st"/shard[0-3].jsonl)
((${#shards[@]} == 4)) || die "split did not make 4 shards"
seq_reset
for i in 0 1 2 3; do
    measure "learn $i" "$t" /dev/null 1 -- "$once" learn "${shards[$i]}" -o "$st/p$i.profile" -q --threads "$t" || die "once learn failed on shard $i"
    seq_add
done
measure "learn --merge" 1 /dev/null 1 -- "$once" learn --merge "$st"/p[0-3].profile -o "$st/shards.profile" -q || die "once learn --merge failed"
seq_add
for i in 0 1 2 3; do
    measure "sign $i" "$t" /dev/null 1 -- "$once" sign "${shards[$i]}" --profile "$st/shards.profile" -o "$st/s$i.sig" -q --threads "$t" || die "once sign failed on shard $i"
    seq_add
done
measure "merge" 1 /dev/null 1 -- "$once" merge "$st"/s[0-3].sig -o "$st/shards.bin" -q || die "once merge failed on the shards"
seq_add
for i in 0 1 2 3; do
    measure "apply $i" "$t" /dev/null 1 -- "$once" apply "${shards[$i]}" --decisions "$st/shards.bin" -o "$st/out$i.jsonl" -q --threads "$t" || die "once apply failed on shard $i"
    seq_add
done
seq_row "4 shards, one by one" "$t"
echo "$row"
notes+=("4 shards: $(calc "printf \"%.2f\", $seq_wall / $last_clean_wall")x the wall time of the single run at threads=$t (all stages summed)")
ref=$tmp/out.t$t.jsonl
[[ -f $ref ]] || ref=$first_out
if cat "$st"/out[0-3].jsonl | cmp -s - "$ref"; then
    notes+=("4 shards: output identical to the single run")
else
    notes+=("4 shards: OUTPUT DIFFERS from the single run")
fi
rm -rf -- "$st"

echo
for n in "${notes[@]}"; do echo "note: $n"; done
