#!/usr/bin/env bash
# The cross-model calibration stage on generated nights (docs/benchmarks.md, "Cross-model calibration"):
#   bench/cross-model.sh [SEED...]        default seeds: 1 2 3
# Per seed, the 20,000-query demo night twice, each with a fresh embedded PostgreSQL, work folder
# and trained predictor: allot.predictor.cross-model=false at the demo's 30% budget, then true at
# the same dollar budget. bench/realised-night.py replays both plans on the night's labelled
# queries; the table shows the plan's expected quality beside the realised one, and the cost.
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${*:-1 2 3}
OUT=work/bench/cross-model
mkdir -p "$OUT"
row() { # SEED MODE REPORT
  awk -v s="$1" -v m="$2" '$1=="all" && NF==6 {printf "| %s | %s | %s | %s | %s | %.4f | %s |\n", s, m, $2, $3, $4, $3-$4, $6}' "$3"
}
echo "| seed | cross-model | labelled queries | expected quality | realised quality | expected - realised | realised \$ (labelled) |"
echo "|---|---|---|---|---|---|---|"
for seed in $SEEDS; do
  budget=""
  for mode in false true; do
    dir=$OUT/s$seed-$mode
    rm -rf "$dir"
    ./allot demo --queries 20000 --seed "$seed" ${budget:+--budget "$budget"} \
      --set "allot.predictor.cross-model=$mode" --set "allot.work-dir=$dir/work" \
      --set "allot.db.embedded.data-dir=$dir/pg" >"$dir.log" 2>&1 || { echo "demo failed: see $dir.log" >&2; exit 1; }
    [ -n "$budget" ] || budget=$(grep -o 'budget 30.00% = \$[0-9.]*' "$dir.log" | head -1 | sed 's/.*\$//')
    data=work/demo/data-20000-s$seed
    date=$(ls "$data/logs" | tail -1 | sed 's/date=//')
    run=$(ls -d "$dir"/work/runs/* | tail -1)
    python3 bench/realised-night.py "$run" "$data" "$date" conf/models.yml >"$dir.txt"
    row "$seed" "$mode" "$dir.txt"
  done
  echo "seed $seed: budget \$$budget; $(grep '^night' "$dir.txt")" >&2
done
