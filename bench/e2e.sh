#!/usr/bin/env bash
# End-to-end figures of the nightly job (docs/benchmarks.md, "End to end"):
#   bench/e2e.sh [QUERIES] [RUNS]        defaults: 1000000 queries, 3 runs
# Generates one log with the six-model catalog (bench/models-6.yml), then runs the whole job RUNS
# times, each on a fresh embedded PostgreSQL and work folder, under /usr/bin/time. Prints, per run
# and as medians: wall seconds, peak RSS of the JVM, seconds per step, and Spark scoring
# throughput (valid queries / score-step seconds).
# Environment: CATALOG (default bench/models-6.yml), BUDGET (default 30%), ALLOT_JAVA_OPTS.
set -euo pipefail
QUERIES=${1:-1000000}
RUNS=${2:-3}
CATALOG=${CATALOG:-bench/models-6.yml}
BUDGET=${BUDGET:-30%}
DATE=2026-11-20
cd "$(dirname "$0")/.."
source bench/lib.sh
OUT=work/bench/e2e-$QUERIES
DATA=$OUT/data
mkdir -p "$OUT"

generate_once "$DATA" "$QUERIES" "$DATE" "$OUT/generate.txt" "$CATALOG"


: >"$OUT/rows.tsv"
for r in $(seq 1 "$RUNS"); do
  rm -rf "$OUT/pg-$r" "$OUT/work-$r"
  /usr/bin/time -v -o "$OUT/time-$r.txt" ./allot run --date "$DATE" --budget "$BUDGET" \
    --log-root "$DATA/logs" --outcomes-root "$DATA/outcomes" \
    --set "allot.catalog=$CATALOG" --set "allot.db.embedded.data-dir=$OUT/pg-$r" \
    --set "allot.work-dir=$OUT/work-$r" >"$OUT/run-$r.txt" 2>"$OUT/run-$r.err"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$OUT/time-$r.txt")
  rss_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$OUT/time-$r.txt")
  valid=$(awk '/^  queries / {gsub(",","",$4); print $4}' "$OUT/run-$r.txt")
  steps=$(sed -n 's/^  steps *//p' "$OUT/run-$r.txt")
  step() { echo "$steps" | tr ',' '\n' | awk -v s="$1" '$1==s {print $2}'; }
  score=$(step score)
  qps=$(awk -v v="$valid" -v s="$score" 'BEGIN {printf "%.0f", v/s}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$wall" "$rss_mb" "$(step ingest)" "$score" "$(step solve)" \
    "$(step publish)" "$(step report)" "$qps" "$valid" >>"$OUT/rows.tsv"
  echo "run $r: wall ${wall}s, peak RSS ${rss_mb} MB, $valid valid queries, steps: $steps, scoring ${qps} queries/s"
done

col() { cut -f"$1" "$OUT/rows.tsv" | median; }
echo
echo "median of $RUNS runs, $QUERIES queries, catalog $CATALOG, budget $BUDGET:"
printf '| wall s | peak RSS MB | ingest s | score s | solve s | publish s | report s | scoring queries/s |\n'
printf '|---|---|---|---|---|---|---|---|\n'
printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(col 1)" "$(col 2)" "$(col 3)" "$(col 4)" "$(col 5)" \
  "$(col 6)" "$(col 7)" "$(col 8)"
