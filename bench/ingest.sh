#!/usr/bin/env bash
# Ingest against a raw parse (docs/benchmarks.md, "Ingest against a raw parse"):
#   bench/ingest.sh [QUERIES] [REPEATS]     defaults: 1000000 queries, 3 repeats
# Generates the same log as bench/e2e.sh (seed 42, six-model catalog), then runs
# `./allot bench-ingest` on its night: per repeat a raw one-pass Jackson parse with one thread and
# with one thread per core, then the ingest step's Spark job (local[*], the nightly settings), in
# one JVM; prints the medians and the ratio. Environment: CATALOG, ALLOT_JAVA_OPTS.
set -euo pipefail
QUERIES=${1:-1000000}
REPEATS=${2:-3}
CATALOG=${CATALOG:-bench/models-6.yml}
DATE=2026-11-20
cd "$(dirname "$0")/.."
source bench/lib.sh
OUT=work/bench/ingest-$QUERIES
DATA=$OUT/data
mkdir -p "$OUT"
generate_once "$DATA" "$QUERIES" "$DATE" "$OUT/generate.txt" "$CATALOG"
./allot bench-ingest --log "$DATA/logs/date=$DATE" --repeats "$REPEATS" --out "$OUT/ingest" \
  --set "allot.catalog=$CATALOG" | tee "$OUT/bench-ingest.txt"
