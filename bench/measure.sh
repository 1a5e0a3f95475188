#!/usr/bin/env bash
# The precision figures of the README in one run, and which maps changed against an earlier run.
#
#   bench/measure.sh ONCE OUT_DIR            e.g. bench/measure.sh build/src/once /tmp/m-branch
#   BASE=/tmp/m-main bench/measure.sh ONCE OUT_DIR
#
# Runs ONCE on: the devsets (readability with --map, trafilatura cleaned), ldcc grouped by site,
# two generated corpora with truth (g1: 5 MB seed 1; g7: 16 MB seed 7) and the real articles with
# injected copies (r1: bench/inject_real.py --seed 1), then scores each map with the scorer the
# README names and writes every score to OUT_DIR/summary.txt (also printed). With BASE (an earlier
# OUT_DIR), each map is compared byte for byte with BASE's and the changed ones are listed: a
# change meant for one set shows where else it moved a decision.
#
# Inputs are built once into $DATA (default /tmp/once-measure-data): the generated corpora need
# gen_corpus (default: beside ONCE, ../bench/gen_corpus of its build), r1 needs the Chinese Rust by
# Example of a rustup toolchain (skipped with a note when there is none). The headline figure
# needs a checkout of mozilla/readability at the devsets' commit ($READABILITY; skipped when unset
# and not at /work/readability).
set -euo pipefail

if (($# != 2)); then
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
once=$(realpath "$1")
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
devsets=${DEVSETS:-$root/../shared/devsets}
[[ -d $devsets ]] || devsets=/work/shared/devsets
devsets=$(realpath "$devsets")  # the maps' ids hold the path: the same from any checkout
ldcc=${LDCC:-$(dirname "$devsets")/corpora/ldcc.jsonl.gz}
data=${DATA:-/tmp/once-measure-data}
gen=${GEN_CORPUS:-$(dirname "$once")/../bench/gen_corpus}
readability=${READABILITY:-/work/readability}

mkdir -p "$out" "$data"
out=$(realpath "$out")
summary=$out/summary.txt
: >"$summary"
say() { printf '%s\n' "$*" | tee -a "$summary"; }
score() { "$@" 2>&1 | tee -a "$summary"; }

# --- inputs (built once) ---------------------------------------------------------------------
[[ -f $data/halves/rA.json ]] || python3 "$root/bench/devsets_halves.py" "$devsets" "$data/halves" >/dev/null
for spec in "g1 5 1" "g7 16 7"; do
  read -r name size seed <<<"$spec"
  if [[ ! -f $data/$name.truth ]]; then
    "$gen" --size-mb "$size" --seed "$seed" --out "$data/$name.jsonl.part" --truth "$data/$name.truth.part" >/dev/null
    mv "$data/$name.jsonl.part" "$data/$name.jsonl"; mv "$data/$name.truth.part" "$data/$name.truth"
  fi
done
rbe=$(ls ~/.rustup/toolchains/*/share/doc/rust/html/rust-by-example/zh/print.html 2>/dev/null | head -1 || true)
if [[ ! -f $data/r1.truth && -n $rbe ]]; then
  python3 "$root/bench/inject_real.py" --seed 1 --zh-docs "$rbe" --ldcc "$ldcc" --devsets "$devsets" \
    --out "$data/r1.jsonl.part" --truth "$data/r1.truth.part" >/dev/null
  mv "$data/r1.jsonl.part" "$data/r1.jsonl"; mv "$data/r1.truth.part" "$data/r1.truth"
fi

# --- runs -------------------------------------------------------------------------------------
rm -rf "$out/r" "$out/t"
"$once" clean "$devsets/readability/docs" -o "$out/r" --map "$out/r.map" -q
"$once" clean "$devsets/trafilatura/docs" -o "$out/t" --map "$out/t.map" -q
"$once" scan "$ldcc" --group-by site --map "$out/ldcc.map" -q
for name in g1 g7 r1; do
  [[ -f $data/$name.jsonl ]] && "$once" scan "$data/$name.jsonl" --group-by site --map "$out/$name.map" -q
done

# --- scores -----------------------------------------------------------------------------------
spans() { python3 "$devsets/score.py" spans --docs "$devsets/readability/docs" --map "$out/r.map" "$@"; }
snippets() { python3 "$devsets/score.py" snippets --docs "$devsets/trafilatura/docs" --cleaned "$out/t" "$@"; }
say "== readability, boilerplate and markers only (whole, half A, half B)"
for gold in "$devsets/readability/gold.json" "$data/halves/rA.json" "$data/halves/rB.json"; do
  score spans --gold "$gold" --kinds boilerplate,marker
done
say "== readability, every kind (whole, half A, half B)"
for gold in "$devsets/readability/gold.json" "$data/halves/rA.json" "$data/halves/rB.json"; do
  score spans --gold "$gold"
done
say "== readability, duplicate kind only"
score spans --gold "$devsets/readability/gold.json" --kinds duplicate
say "== trafilatura (whole, half A, half B)"
for s in "$devsets/trafilatura/snippets.json" "$data/halves/tA.json" "$data/halves/tB.json"; do
  score snippets --snippets "$s"
done
if [[ -d $readability/test/test-pages ]]; then
  say "== headlines"
  score python3 "$root/bench/headline_kept.py" "$out/r.map" --readability "$readability" \
    --devsets "$devsets" --halves "$data/halves/rA.json" "$data/halves/rB.json"
else
  say "== headlines: skipped (no mozilla/readability checkout at \$READABILITY)"
fi
say "== ldcc titles"
score python3 "$root/bench/ldcc_titles.py" "$out/ldcc.map" "$ldcc" | tail -3
for name in g1 g7 r1; do
  if [[ -f $out/$name.map ]]; then
    say "== $name truth"
    score python3 "$root/bench/score_truth.py" "$data/$name.jsonl" "$data/$name.truth" "$out/$name.map" --by-lang
  else
    say "== $name: skipped (no input; r1 needs a rustup toolchain's Rust by Example)"
  fi
done

# --- maps against BASE --------------------------------------------------------------------------
if [[ -n ${BASE:-} ]]; then
  say "== maps against $BASE"
  for map in r t ldcc g1 g7 r1; do
    [[ -f $out/$map.map && -f $BASE/$map.map ]] || continue
    if cmp -s <(tail -n +2 "$out/$map.map") <(tail -n +2 "$BASE/$map.map"); then
      say "$map: identical"
    else
      say "$map: CHANGED ($(diff <(tail -n +2 "$BASE/$map.map") <(tail -n +2 "$out/$map.map") | grep -c '^>') documents' lines differ)"
    fi
  done
fi
