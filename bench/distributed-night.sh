#!/usr/bin/env bash
# The nightly job's solve step on the driver and on Spark, on the same generated log
# (docs/benchmarks.md, "The nightly job's distributed solve"):
#   bench/distributed-night.sh [QUERIES] [RUNS] [SLICE_BLOCKS]   defaults: 200000, 3, 1
# Generates one log, then runs the whole job RUNS times per mode, alternating
# allot.solver.distributed.mode=local and =distributed (Spark as the job's own, allot.spark.master),
# each on a fresh embedded PostgreSQL and work folder. Cascade options are off in both (the
# distributed solve refuses a run that offers them). Prints per run the solve step's seconds and
# the published budget, cost, quality and LP bound (from the run's solve/summary.json).
# Environment: BUDGET (default 30%), ALLOT_JAVA_OPTS.
set -euo pipefail
QUERIES=${1:-200000}
RUNS=${2:-3}
SLICE_BLOCKS=${3:-1}
BUDGET=${BUDGET:-30%}
DATE=2026-11-20
cd "$(dirname "$0")/.."
source bench/lib.sh
OUT=work/bench/distributed-night-$QUERIES
DATA=$OUT/data
mkdir -p "$OUT"

generate_once "$DATA" "$QUERIES" "$DATE" "$OUT/generate.txt"

for r in $(seq 1 "$RUNS"); do
  for mode in local distributed; do
    rm -rf "$OUT/pg-$mode-$r" "$OUT/work-$mode-$r"
    ./allot run --date "$DATE" --budget "$BUDGET" --log-root "$DATA/logs" --outcomes-root "$DATA/outcomes" \
      --set "allot.db.embedded.data-dir=$OUT/pg-$mode-$r" --set "allot.work-dir=$OUT/work-$mode-$r" \
      --set allot.cascade-options.enabled=false --set "allot.solver.distributed.mode=$mode" \
      --set "allot.solver.distributed.slice-blocks=$SLICE_BLOCKS" >"$OUT/run-$mode-$r.txt" 2>"$OUT/run-$mode-$r.err"
    steps=$(sed -n 's/^  steps *//p' "$OUT/run-$mode-$r.txt")
    solve=$(echo "$steps" | tr ',' '\n' | awk '$1=="solve" {print $2}')
    summary=$(find "$OUT/work-$mode-$r" -path '*/solve/summary.json' | head -1)
    figures=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("budget $%.6f cost $%.6f quality %.9f bound %.9f gap %.6f%%" % (s["budgetUsd"], s["totalCostUsd"], s["expectedQuality"], s["lpBound"], 100*s["gap"]))' "$summary")
    echo "run $r $mode: solve step ${solve}, $figures"
  done
done
