#!/usr/bin/env bash
# run_e2e.sh — end-to-end tests of `once`: run the built binary on files and compare its exit
# code, stdout, stderr and every file it wrote with golden files in tests/golden/NAME/.
#
# Usage:
#   tests/e2e/run_e2e.sh [--record] ONCE ROOT [CASE...]
#     ONCE      the built binary (build/src/once)
#     ROOT      the source root; every command runs there, so ids are relative (samples/...)
#     CASE...   run only these cases (file names without .case); default: every case
#     --record  write the goldens instead of comparing with them. Use scripts/update-golden.sh,
#               never edit a golden by hand, and review `git diff tests/golden` like code.
# Prints one line per case, a unified diff (first 40 lines) per mismatching file, and ends with
# exactly one line `N passed, N failed`; exits 1 if any case failed, 2 on a usage error.
# Needs bash, coreutils, find, sed, diff and python3 (only the score_expect case; and to read .gz
# output when the gzip CLI is missing).
#
# Cases: tests/e2e/cases/NAME.case, one `key: value` per line; `#` starts a comment line.
#   args: WORDS      arguments to ONCE (shell words: quotes work, globs expand in ROOT)
#   run: WORDS       instead of args: a whole command line, for helper scripts (score_expect.py)
#   exit: N          required: the exit code the case must give (checked, also when recording)
#   stdin: FILE      file (relative to ROOT) fed on standard input; default /dev/null
#   env: VAR=VALUE   extra environment variable (repeatable); commands otherwise run with only
#                    PATH, HOME and LC_ALL=C, so the caller's environment cannot change outputs
#   setup: COMMAND   bash command run in ROOT before the case (repeatable), e.g. to copy inputs
#   post: COMMAND    bash command run in ROOT after the case (repeatable); its stdout and stderr
#                    (plus `(exit N)` when N != 0) are compared as the golden file `post`
#   golden: NAME     compare with tests/golden/NAME (recorded by case NAME) instead of recording
#                    a golden of its own: the way to prove two runs (e.g. --threads 1 and 2, or
#                    plain and .gz output) give identical results
#   requires: CMD    skip the case, with a note, when command CMD is not installed (repeatable)
#   unsanitized: WHY skip the case, with a note, under a sanitizer build (scripts/sanitize.sh sets
#                    ONCE_SANITIZED=1): for a case whose outcome rests on resident memory, which
#                    AddressSanitizer's shadow and quarantine inflate several times
# Placeholders, replaced in args/run/setup/post (write them unquoted):
#   {out}   a fresh empty folder; every file in it after the run is compared with
#           tests/golden/NAME/files/..., and an unexpected or missing file is a failure
#   {tmp}   a fresh scratch folder that is not compared (copies of inputs, profiles, ...)
#   {root}  ROOT;  {once}  ONCE
# setup/post commands also see them as $OUT, $TMP, $ROOT and $ONCE.
# Files named *.case.pending are not run: they describe known bugs; rename one to .case and
# record its golden once the bug is fixed.
#
# Normalization: the only change made to outputs is that the paths of {out} and {tmp} are
# replaced by the literal text `{out}` and `{tmp}`. Compressed outputs (*.gz, *.zst) are compared
# after decompression, under their name without the suffix (so out.jsonl.gz is golden
# files/out.jsonl, shareable with a case that wrote plain out.jsonl).
# Every case also checks that no file under samples/, tests/expect/ or tests/e2e/data/ changed
# (sha256 before and after): the tool must never overwrite its inputs.
set -uo pipefail
shopt -u patsub_replacement 2>/dev/null || true

record=0
if [[ ${1:-} == --record ]]; then
    record=1
    shift
fi
if [[ $# -lt 2 ]]; then
    echo "usage: $0 [--record] ONCE ROOT [CASE...]" >&2
    exit 2
fi
once_bin=$1
root=$2
shift 2
if [[ ! -x $once_bin ]]; then
    echo "$0: $once_bin is not an executable" >&2
    exit 2
fi
once_bin=$(cd "$(dirname "$once_bin")" && pwd)/$(basename "$once_bin")
root=$(cd "$root" && pwd) || exit 2
cd "$root" || exit 2

cases_dir=tests/e2e/cases
golden_root=tests/golden
protected_inputs=(samples tests/expect tests/e2e/data)
work=$(mktemp -d "${TMPDIR:-/tmp}/once-e2e.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
# Run a private copy, so a rebuild during the run cannot mix two binaries in one result.
cp "$once_bin" "$work/once" || exit 2
once_bin=$work/once

passed=0
failed=0
skipped=()

# ---- helpers -------------------------------------------------------------------------------

# Escape $1 for a sed regular expression delimited by '|'.
sed_escape() { printf '%s' "$1" | sed -e 's/[]\/$*.^|[]/\\&/g'; }

# Replace the placeholders in $1 with shell-quoted values.
substitute() {
    local s=$1
    s=${s//\{out\}/$q_out}
    s=${s//\{tmp\}/$q_tmp}
    s=${s//\{root\}/$q_root}
    s=${s//\{once\}/$q_once}
    printf '%s' "$s"
}

# Files equal? (cmp when present, else sha256sum from coreutils.)
same_file() {
    if command -v cmp >/dev/null; then
        cmp -s "$1" "$2"
    else
        [[ $(sha256sum <"$1") == $(sha256sum <"$2") ]]
    fi
}

show_diff() {  # golden actual label
    if command -v diff >/dev/null; then
        diff -u --label "golden/$3" --label "actual/$3" "$1" "$2" | head -n 40
    else
        python3 - "$1" "$2" "$3" <<'EOF' | head -n 40
import difflib, sys
a, b, label = sys.argv[1:4]
read = lambda p: open(p, encoding="utf-8", errors="replace").readlines()
sys.stdout.writelines(difflib.unified_diff(read(a), read(b), "golden/" + label, "actual/" + label))
EOF
    fi
}

show_head() {  # file label what
    echo "  $3: $2"
    head -n 20 "$1" | sed 's/^/  | /'
}

inputs_digest() {
    find "${protected_inputs[@]}" -type f -exec sha256sum {} + 2>/dev/null | LC_ALL=C sort -k2
}

# Copy every file under $1 into $2, decompressing *.gz and *.zst (stored without the suffix).
snapshot_files() {
    local from=$1 to=$2 rel name status=0
    while IFS= read -r -d '' rel; do
        rel=${rel#./}
        name=$rel
        case $rel in
            *.gz) name=${rel%.gz} ;;
            *.zst) name=${rel%.zst} ;;
        esac
        if [[ -e $to/$name ]]; then
            echo "  both $name and a compressed $rel were written; cannot compare both" >&2
            status=1
            continue
        fi
        mkdir -p "$(dirname "$to/$name")"
        case $rel in
            *.gz)
                if command -v gzip >/dev/null; then
                    gzip -dc "$from/$rel" >"$to/$name" 2>&1 || echo "(gzip -dc failed)" >>"$to/$name"
                else
                    python3 -c 'import gzip, sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())' \
                        "$from/$rel" >"$to/$name" 2>&1 || echo "(gzip decompression failed)" >>"$to/$name"
                fi ;;
            *.zst)
                if command -v zstd >/dev/null; then
                    zstd -q -dc "$from/$rel" >"$to/$name" 2>&1 || echo "(zstd -dc failed)" >>"$to/$name"
                else
                    echo "(cannot decompress $rel: zstd is not installed; add 'requires: zstd' to the case)" >"$to/$name"
                fi ;;
            *) cp "$from/$rel" "$to/$name" ;;
        esac
    done < <(cd "$from" && find . -type f -print0 | LC_ALL=C sort -z)
    return $status
}

# Compare the trees $1 (golden) and $2 (actual); print what differs; return 1 on a difference.
compare_trees() {
    local golden=$1 actual=$2 rel status=0
    while IFS= read -r rel; do
        if [[ ! -e $golden/$rel ]]; then
            show_head "$actual/$rel" "$rel" "unexpected output (not in golden)"
            status=1
        elif [[ ! -e $actual/$rel ]]; then
            echo "  missing output (in golden, not produced): $rel"
            status=1
        elif ! same_file "$golden/$rel" "$actual/$rel"; then
            show_diff "$golden/$rel" "$actual/$rel" "$rel"
            status=1
        fi
    done < <({ (cd "$golden" && find . -type f); (cd "$actual" && find . -type f); } |
             sed 's|^\./||' | LC_ALL=C sort -u)
    return $status
}

# ---- one case ------------------------------------------------------------------------------

run_case() {
    local name=$1 file=$cases_dir/$1.case
    local line key value
    local args="" have_args=0 run_line="" have_run=0 want_exit="" stdin_file=/dev/null golden_name=""
    local -a envs=() setups=() posts=() requires=()
    local unsanitized=
    while IFS= read -r line || [[ -n $line ]]; do
        [[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
        if [[ $line != *:* ]]; then
            echo "FAIL    $name  ($file: not 'key: value': $line)"
            return 1
        fi
        key=${line%%:*}
        value=${line#*:}
        value=${value# }
        case $key in
            args) args=$value; have_args=1 ;;
            run) run_line=$value; have_run=1 ;;
            exit) want_exit=$value ;;
            stdin) stdin_file=$value ;;
            env) envs+=("$value") ;;
            setup) setups+=("$value") ;;
            post) posts+=("$value") ;;
            golden) golden_name=$value ;;
            requires) requires+=("$value") ;;
            unsanitized) unsanitized=$value ;;
            *) echo "FAIL    $name  ($file: unknown key '$key')"; return 1 ;;
        esac
    done <"$file"
    if [[ $have_args$have_run != 10 && $have_args$have_run != 01 ]] || [[ ! $want_exit =~ ^[0-9]+$ ]]; then
        echo "FAIL    $name  ($file: needs exactly one of args:/run: and a numeric exit:)"
        return 1
    fi
    if [[ -n $unsanitized && ${ONCE_SANITIZED:-0} == 1 ]]; then
        echo "skip    $name  (sanitizer build: $unsanitized)"
        skipped+=("$name (sanitizer build)")
        return 2
    fi
    local cmd
    for cmd in "${requires[@]}"; do
        if ! command -v "$cmd" >/dev/null; then
            echo "skip    $name  ($cmd is not installed)"
            skipped+=("$name ($cmd not installed)")
            return 2
        fi
    done

    local case_dir=$work/$name
    local OUT=$case_dir/out TMP=$case_dir/tmp actual=$case_dir/actual
    mkdir -p "$OUT" "$TMP" "$actual"
    q_out=$(printf %q "$OUT") q_tmp=$(printf %q "$TMP") q_root=$(printf %q "$root") q_once=$(printf %q "$once_bin")
    local status=0 problems=()

    local before after
    before=$(inputs_digest)

    local s
    for s in "${setups[@]}"; do
        if ! OUT=$OUT TMP=$TMP ROOT=$root ONCE=$once_bin bash -c "$(substitute "$s")" >"$case_dir/setup.log" 2>&1; then
            echo "FAIL    $name  (setup failed: $s)"
            sed 's/^/  | /' "$case_dir/setup.log" | head -n 20
            return 1
        fi
    done

    local -a words=()
    if [[ $have_args == 1 ]]; then
        eval "words=( $(substitute "$args") )" || { echo "FAIL    $name  (cannot parse args)"; return 1; }
        words=("$once_bin" "${words[@]}")
    else
        eval "words=( $(substitute "$run_line") )" || { echo "FAIL    $name  (cannot parse run)"; return 1; }
    fi
    local -a environment=(PATH="$PATH" HOME="${HOME:-/nonexistent}" LC_ALL=C "${envs[@]}")
    local timeout_cmd=()
    command -v timeout >/dev/null && timeout_cmd=(timeout 600)
    env -i "${environment[@]}" "${timeout_cmd[@]}" "${words[@]}" <"$stdin_file" >"$actual/stdout" 2>"$actual/stderr"
    local got_exit=$?
    echo "$got_exit" >"$actual/exit"

    if ((${#posts[@]})); then
        : >"$actual/post"
        local post_status
        for s in "${posts[@]}"; do
            OUT=$OUT TMP=$TMP ROOT=$root ONCE=$once_bin bash -c "$(substitute "$s")" >>"$actual/post" 2>&1
            post_status=$?
            ((post_status == 0)) || echo "(exit $post_status)" >>"$actual/post"
        done
    fi

    if [[ -n $(find "$OUT" -type f -print -quit) ]]; then
        snapshot_files "$OUT" "$actual/files" 2>"$case_dir/snapshot.log" || {
            status=1
            problems+=("$(cat "$case_dir/snapshot.log")")
        }
    fi

    # The only normalization: the temp folders' paths become {out} and {tmp}.
    local out_re tmp_re
    out_re=$(sed_escape "$OUT")
    tmp_re=$(sed_escape "$TMP")
    find "$actual" -type f -exec env LC_ALL=C sed -i -e "s|$out_re|{out}|g" -e "s|$tmp_re|{tmp}|g" {} +

    after=$(inputs_digest)
    if [[ $before != "$after" ]]; then
        status=1
        problems+=("an input file changed: $(diff <(echo "$before") <(echo "$after") | grep '^>' | head -n 5)")
    fi
    if [[ $got_exit != "$want_exit" ]]; then
        status=1
        problems+=("exit code $got_exit, the case wants $want_exit")
    fi

    local golden_dir
    if [[ -n $golden_name ]]; then
        golden_dir=$golden_root/$golden_name
    else
        golden_dir=$golden_root/$name
    fi

    if ((record)) && [[ -z $golden_name ]]; then
        if ((status == 0)); then
            rm -rf "$golden_dir"
            mkdir -p "$golden_root"
            cp -r "$actual" "$golden_dir"
            echo "record  $name"
            return 0
        fi
        echo "FAIL    $name  (golden not recorded)"
        printf '  %s\n' "${problems[@]}"
        sed 's/^/  stderr| /' "$actual/stderr" | head -n 10
        return 1
    fi

    if [[ ! -d $golden_dir ]]; then
        status=1
        problems+=("no golden $golden_dir (run scripts/update-golden.sh)")
        echo "FAIL    $name"
        printf '  %s\n' "${problems[@]}"
        return 1
    fi
    local diffs
    diffs=$(compare_trees "$golden_dir" "$actual") || status=1
    if ((status == 0)); then
        echo "ok      $name${golden_name:+  (same as $golden_name)}"
        return 0
    fi
    echo "FAIL    $name${golden_name:+  (compared with $golden_name)}"
    ((${#problems[@]})) && printf '  %s\n' "${problems[@]}"
    [[ -n $diffs ]] && printf '%s\n' "$diffs"
    return 1
}

# ---- main ----------------------------------------------------------------------------------

names=()
if [[ $# -gt 0 ]]; then
    for name in "$@"; do
        name=${name%.case}
        name=${name##*/}
        if [[ ! -f $cases_dir/$name.case ]]; then
            echo "$0: no case $cases_dir/$name.case" >&2
            exit 2
        fi
        names+=("$name")
    done
else
    for file in "$cases_dir"/*.case; do
        [[ -e $file ]] || continue
        name=${file##*/}
        names+=("${name%.case}")
    done
fi

# Cases that record a golden run first, so the cases sharing it (golden:) compare with the
# fresh one.
primary=()
sharing=()
for name in "${names[@]}"; do
    if grep -q '^golden:' "$cases_dir/$name.case"; then
        sharing+=("$name")
    else
        primary+=("$name")
    fi
done

for name in "${primary[@]}" "${sharing[@]}"; do
    run_case "$name"
    case $? in
        0) passed=$((passed + 1)) ;;
        2) ;;
        *) failed=$((failed + 1)) ;;
    esac
done

if ((record)) && [[ $# -eq 0 ]] && [[ -d $golden_root ]]; then
    for dir in "$golden_root"/*/; do
        [[ -d $dir ]] || continue
        name=${dir%/}
        name=${name##*/}
        if [[ ! -f $cases_dir/$name.case ]] || grep -q '^golden:' "$cases_dir/$name.case"; then
            rm -rf "$dir"
            echo "removed stale golden $golden_root/$name"
        fi
    done
fi

if ((${#skipped[@]})); then
    echo "note: ${#skipped[@]} case(s) skipped: ${skipped[*]}"
fi
echo "$passed passed, $failed failed"
((failed == 0))
