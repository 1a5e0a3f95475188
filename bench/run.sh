#!/usr/bin/env bash
# run.sh — throughput and memory benchmark for `once`, side by side with what bounds it and with
# a peer, on the same bytes in one run.
#
# Default (the comparison of README's Performance section), on two corpora:
#   - a generated corpus of 1,000 text files (gen_corpus --format files, seed 42), and
#   - ldcc (../shared/corpora/ldcc.jsonl.gz, or --ldcc PATH), as .jsonl and as .jsonl.gz in and out,
# it measures `cat`, an XXH3 pass, `once clean` at 1 thread and at all cores, and (on the files)
# jscpd 5 pinned to one core, and prints MB/s of text, docs/s, peak RSS and once's speed relative
# to jscpd's. Every row is the best of 3 runs (1 with --quick, a few minutes in all).
#
# Usage: bench/run.sh [--quick] [--build DIR] [--ldcc PATH] [--jscpd DIR] [--keep]
#        bench/run.sh --stages [--size-mb N] [--threads-list "1 2"] [--seed S] [--ldcc PATH]
#                     [--baselines-only] [--build DIR] [--keep]
# --stages is the older benchmark of one generated JSON Lines corpus (default 200 MB): the
# pipeline's stages one by one through the sharded commands, and 4 shards against the single run.
# It builds nothing: it expects DIR/bench/{gen_corpus,xxh3_pass,peak_rss} and DIR/src/once.
# jscpd is taken from DIR/node_modules/.bin/jscpd (--jscpd, default /tmp/jscpd), installed there
# when missing with `npm install --prefix DIR jscpd@5.3.3 jscpd-linux-x64-gnu@5.3.3`; without npm
# or network its row is skipped with a note. See bench/README.md for what each figure means.
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
stages=0
quick=0
jscpd_dir=/tmp/jscpd

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
        --stages) stages=1; shift ;;
        --quick) quick=1; shift ;;
        --jscpd) jscpd_dir=${2:?--jscpd needs a folder}; shift 2 ;;
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

# --- the comparison (default) ------------------------------------------------------------------
if ((!stages)); then
    for tool in "$xxh3" "$peak" "$gen" "$once"; do
        [[ -x $tool ]] || die "missing $tool — build first (meson setup $build && ninja -C $build)"
    done
    repeats=3
    ((quick)) && repeats=1
    all=$(nproc)
    if [[ -z $ldcc ]]; then
        ldcc=$(cd "$(dirname "$0")/.." && pwd)/../shared/corpora/ldcc.jsonl.gz
    fi
    cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)
    echo "once comparison, $(date -u +%Y-%m-%dT%H:%M:%SZ), $all CPUs (${cpu_model:-unknown CPU}), best of $repeats by CPU time"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
    notes=()

    # best LABEL THREADS TEXT_BYTES DOCS -- COMMAND...: runs COMMAND $repeats times under peak_rss
    # (calling $before_each first, untimed) and prints the row of the run with the least CPU time:
    # on a shared machine CPU time is the steadier figure, wall time the one a user waits.
    # Leaves its CPU and wall seconds in b_cpu and b_wall.
    row_fmt='%-34s %3s %9s %9s %9s %9s %8s %7s %8s\n'
    header() {
        echo
        echo "$1"
        # shellcheck disable=SC2059
        printf "$row_fmt" stage thr "MB/s" "MB/cpu-s" "docs/s" "RSS MiB" "wall s" "cpu s" "x jscpd"
    }
    before_each=:
    b_cpu=0 b_wall=0
    best() {
        local label=$1 threads=$2 text=$3 ndocs=$4 ratio_to=${5:-}
        shift 6
        local err=$tmp/stderr.txt re='^wall=([0-9.]+)s cpu=([0-9.]+)s peak_rss=([0-9.]+)MiB exit=([0-9]+)$'
        local i rc stats wall="" cpu="" rss=""
        for ((i = 0; i < repeats; i++)); do
            $before_each
            rc=0
            "$peak" -- "$@" >"$tmp/stdout.txt" 2>"$err" || rc=$?
            stats=$(grep '^wall=' "$err" | tail -n1 || true)
            if ((rc != 0)) || [[ -z $stats ]]; then
                echo "run.sh: '$*' failed (exit $rc); its stderr follows:" >&2
                grep -v '^wall=' "$err" >&2 || true
                exit 1
            fi
            [[ $stats =~ $re ]] || die "cannot parse peak_rss output: $stats"
            if [[ -z $cpu ]] || (($(calc "print (${BASH_REMATCH[2]} < $cpu)"))); then
                wall=${BASH_REMATCH[1]} cpu=${BASH_REMATCH[2]} rss=${BASH_REMATCH[3]}
            fi
        done
        b_cpu=$cpu b_wall=$wall
        local mbps cpumbps docps ratio="-"
        mbps=$(calc "if ($wall > 0) printf \"%.1f\", $text / 1e6 / $wall; else printf \"n/a\"")
        cpumbps=$(calc "if ($cpu > 0) printf \"%.1f\", $text / 1e6 / $cpu; else printf \"n/a\"")
        docps=$(calc "if ($wall > 0) printf \"%.0f\", $ndocs / $wall; else printf \"n/a\"")
        if [[ -n $ratio_to ]]; then ratio=$(calc "if ($cpu > 0) printf \"%.2f\", $ratio_to / $cpu; else printf \"n/a\""); fi
        # shellcheck disable=SC2059
        printf "$row_fmt" "$label" "$threads" "$mbps" "$cpumbps" "$docps" "$rss" "$wall" "$cpu" "$ratio"
    }

    # jscpd 5 (a clone detector with a Rust engine), from npm into a scratch folder.
    jscpd=$jscpd_dir/node_modules/.bin/jscpd
    if [[ ! -x $jscpd ]] && command -v npm >/dev/null; then
        timeout 300 npm install --prefix "$jscpd_dir" jscpd@5.3.3 jscpd-linux-x64-gnu@5.3.3 >"$tmp/npm.log" 2>&1 || true
    fi
    if ! "$jscpd" --version >/dev/null 2>&1; then
        notes+=("jscpd not run: npm unreachable or the install failed (npm install --prefix $jscpd_dir jscpd@5.3.3 jscpd-linux-x64-gnu@5.3.3)")
        jscpd=""
    fi
    pin=()
    command -v taskset >/dev/null && pin=(taskset -c 0)

    # 1. 1,000 generated text files.
    # Nothing is deleted until the timed runs are over. On an ext4 without a journal (this
    # machine's), each new file makes the kernel step over the free inodes of its block group
    # that were freed in the last 1-5 minutes (fs/ext4/ialloc.c, recently_deleted): 6-27% of the
    # CPU samples of `once clean` of these files were in __ext4_new_inode (perf, three runs, 2
    # December). Deleting the last run's 1,000 files right before the next can only add to that,
    # a cost of the benchmark, not of once: the first 1,000 generated files are moved (not the
    # rest deleted), and each run's output is moved aside (not removed) before the next.
    files=$tmp/files
    "$gen" --size-mb 6 --format files --seed "$seed" --out "$tmp/generated" 2>"$tmp/gen.stderr" || { cat "$tmp/gen.stderr" >&2; die "gen_corpus failed"; }
    while IFS= read -r f; do
        mkdir -p -- "$files/$(dirname -- "$f")"
        mv -- "$tmp/generated/$f" "$files/$f"
    done < <(cd "$tmp/generated" && find . -type f | sort | head -n 1000)
    ((($(find "$files" -type f | wc -l) == 1000))) || die "gen_corpus made fewer than 1,000 files"
    list=()
    while IFS= read -r f; do list+=("$f"); done < <(find "$files" -type f | sort)
    cat -- "${list[@]}" >"$tmp/files.concat"
    fbytes=$(stat -c %s -- "$tmp/files.concat")
    header "1,000 generated files (gen_corpus --format files --seed $seed, first 1,000): $(calc "printf \"%.2f\", $fbytes / 1e6") MB of text"
    best "cat (read)" 1 "$fbytes" 1000 "" -- cat -- "${list[@]}"
    best "xxh3_pass (same bytes, one file)" 1 "$fbytes" 1000 "" -- "$xxh3" "$tmp/files.concat"
    jscpd_cpu=""
    if [[ -n $jscpd ]]; then
        best "jscpd 5.3.3, one core" 1 "$fbytes" 1000 "" -- "${pin[@]}" "$jscpd" --workers 1 --reporters silent --no-gitignore "$files"
        jscpd_cpu=$b_cpu
    fi
    # Detection alone (what jscpd does: read and report), then cleaning (also writes 1,000 files).
    best "once scan (report only)" 1 "$fbytes" 1000 "$jscpd_cpu" -- "${pin[@]}" "$once" scan "$files" -q --threads 1
    best "once scan (report only)" "$all" "$fbytes" 1000 "$jscpd_cpu" -- "$once" scan "$files" -q --threads "$all"
    runs=0
    set_aside() { if [[ -e $tmp/files.out ]]; then mv -- "$tmp/files.out" "$tmp/files.out.$((runs += 1))"; fi; }
    before_each=set_aside
    best "once clean (folder)" 1 "$fbytes" 1000 "$jscpd_cpu" -- "${pin[@]}" "$once" clean "$files" -o "$tmp/files.out" -q --threads 1
    mv -- "$tmp/files.out" "$tmp/files.out1"
    best "once clean (folder)" "$all" "$fbytes" 1000 "$jscpd_cpu" -- "$once" clean "$files" -o "$tmp/files.out" -q --threads "$all"
    diff -rq -- "$tmp/files.out1" "$tmp/files.out" >/dev/null && notes+=("files: output identical at 1 and $all threads") ||
        notes+=("files: OUTPUT DIFFERS between 1 and $all threads")
    before_each=:
    rm -rf -- "$files" "$tmp/generated" "$tmp/files.concat" "$tmp/files.out" "$tmp/files.out1" "$tmp"/files.out.*

    # 2. ldcc, .jsonl and .jsonl.gz in and out.
    if [[ -r $ldcc ]]; then
        case $ldcc in
            *.gz) gzip -dc -- "$ldcc" >"$tmp/ldcc.jsonl"; cp -- "$ldcc" "$tmp/ldcc.jsonl.gz" ;;
            *) cp -- "$ldcc" "$tmp/ldcc.jsonl"; gzip -6 -c -- "$ldcc" >"$tmp/ldcc.jsonl.gz" ;;
        esac
        lbytes=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1], encoding="utf-8") if l.strip()))' "$tmp/ldcc.jsonl")
        ldocs=$(grep -c . "$tmp/ldcc.jsonl")
        header "ldcc ($ldcc): $ldocs docs, $(calc "printf \"%.1f\", $lbytes / 1e6") MB of text ($(calc "printf \"%.1f\", $(stat -c %s -- "$tmp/ldcc.jsonl") / 1e6") MB .jsonl, $(calc "printf \"%.1f\", $(stat -c %s -- "$tmp/ldcc.jsonl.gz") / 1e6") MB .jsonl.gz)"
        best "cat (read .jsonl)" 1 "$lbytes" "$ldocs" "" -- cat -- "$tmp/ldcc.jsonl"
        best "xxh3_pass (.jsonl)" 1 "$lbytes" "$ldocs" "" -- "$xxh3" "$tmp/ldcc.jsonl"
        for t in 1 "$all"; do
            best "once clean .jsonl -> .jsonl" "$t" "$lbytes" "$ldocs" "" -- "$once" clean "$tmp/ldcc.jsonl" -o "$tmp/out$t.jsonl" -q --threads "$t"
        done
        for t in 1 "$all"; do
            best "once clean .jsonl.gz -> .jsonl.gz" "$t" "$lbytes" "$ldocs" "" -- "$once" clean "$tmp/ldcc.jsonl.gz" -o "$tmp/out$t.jsonl.gz" -q --threads "$t"
        done
        cmp -s -- "$tmp/out1.jsonl" "$tmp/out$all.jsonl" && notes+=("ldcc: .jsonl output identical at 1 and $all threads") ||
            notes+=("ldcc: .jsonl OUTPUT DIFFERS between 1 and $all threads")
        cmp -s -- "$tmp/out1.jsonl.gz" "$tmp/out$all.jsonl.gz" && notes+=("ldcc: .jsonl.gz output byte-identical at 1 and $all threads") ||
            notes+=("ldcc: .jsonl.gz OUTPUT DIFFERS between 1 and $all threads")
        gzip -dc -- "$tmp/out1.jsonl.gz" | cmp -s - "$tmp/out1.jsonl" && notes+=("ldcc: .jsonl.gz output decompresses to the .jsonl output") ||
            notes+=("ldcc: .jsonl.gz output DIFFERS from the .jsonl output")
        notes+=("ldcc: output $(calc "printf \"%.1f\", $(stat -c %s -- "$tmp/out1.jsonl.gz") / 1e6") MB .jsonl.gz (--compression-level default) for $(calc "printf \"%.1f\", $(stat -c %s -- "$tmp/out1.jsonl") / 1e6") MB .jsonl")
    else
        notes+=("ldcc not found at $ldcc: pass --ldcc PATH; its rows are skipped")
    fi
    echo
    echo "MB/s: text bytes / wall; MB/cpu-s: text bytes / CPU seconds (user+sys), steadier on a shared machine;"
    echo "x jscpd: jscpd's CPU time / once's on the same files (above 1: once is faster)."
    for n in "${notes[@]}"; do echo "note: $n"; done
    exit 0
fi

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
