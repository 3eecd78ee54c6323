#!/usr/bin/env bash
# SelectLLM subsets on against off in the nightly job (docs/benchmarks.md, "SelectLLM subsets in
# the nightly job"):
#   bench/selectllm.sh [QUERIES] [RUNS] [SIZES]     defaults: 100000 queries, 3 runs, sizes 2,3
# Generates one night (the demo catalog, conf/models.yml), then runs the whole job RUNS times with
# allot.selectllm.subset-sizes empty (single models) and RUNS times with SIZES, alternating so both
# see the same machine load, each on a fresh embedded PostgreSQL and work folder. The single-model
# run resolves BUDGET (default 30% of its cheapest-to-best range); the run with subsets gets the
# same dollars (a share would resolve higher there: its all-best assignment buys votes). Prints per
# run and as medians: expected quality, assigned cost, share of queries on subsets, subsets
# chosen, options, solve step seconds and peak RSS.
set -euo pipefail
QUERIES=${1:-100000}
RUNS=${2:-3}
SIZES=${3:-2,3}
BUDGET=${BUDGET:-30%}
DATE=2026-11-20
cd "$(dirname "$0")/.."
source bench/lib.sh
OUT=work/bench/selectllm-$QUERIES
DATA=$OUT/data
mkdir -p "$OUT"

generate_once "$DATA" "$QUERIES" "$DATE" "$OUT/generate.txt"


: >"$OUT/rows.tsv"
for r in $(seq 1 "$RUNS"); do
  budget=$BUDGET
  for mode in off on; do
    sizes=$([ "$mode" = on ] && echo "$SIZES" || echo "")
    tag=$mode-$r
    rm -rf "$OUT/pg-$tag" "$OUT/work-$tag"
    db=(--set "allot.db.embedded.data-dir=$OUT/pg-$tag")
    /usr/bin/time -v -o "$OUT/time-$tag.txt" ./allot run --date "$DATE" --budget "$budget" \
      --log-root "$DATA/logs" --outcomes-root "$DATA/outcomes" "${db[@]}" \
      --set "allot.work-dir=$OUT/work-$tag" --set "allot.selectllm.subset-sizes=$sizes" \
      >"$OUT/run-$tag.txt" 2>"$OUT/run-$tag.err"
    # The dollars the single-model run resolved, for the run with subsets.
    [ "$mode" = off ] && budget=$(awk '/^  budget/ {gsub("[$,]","",$2); print $2}' "$OUT/run-$tag.txt")
    rss_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$OUT/time-$tag.txt")
    quality=$(awk '/^  expected quality/ {print $3}' "$OUT/run-$tag.txt")
    cost=$(awk '/^  assigned cost/ {gsub("[$,]","",$3); print $3}' "$OUT/run-$tag.txt")
    solve=$(sed -n 's/^  steps *//p' "$OUT/run-$tag.txt" | tr ',' '\n' | awk '$1=="solve" {print $2}')
    subsets=$(./allot sql "${db[@]}" "SELECT coalesce(sum(share) FILTER (WHERE option_size > 1), 0) AS s,
      count(*) FILTER (WHERE option_size > 1) AS n FROM run_option_share WHERE run_id = (SELECT max(run_id) FROM run_summary)" \
      2>/dev/null | grep -v ' INFO ' | sed -n 3p | awk '{print $1 "\t" $3}')
    offered=$(grep -aho 'x [0-9]* options' "$OUT/run-$tag.txt" | head -1 | awk '{print $2}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$quality" "$cost" "$subsets" "$solve" "$rss_mb" \
      "${offered:-?}" >>"$OUT/rows.tsv"
    echo "run $tag: budget $budget, quality $quality, cost \$$cost, subsets (share, chosen) $subsets, options ${offered:-?}, solve ${solve}s, peak RSS ${rss_mb} MB"
  done
done

col() { awk -v m="$1" -F'\t' '$1==m' "$OUT/rows.tsv" | cut -f"$2" | median; }
echo
echo "median of $RUNS runs each, $QUERIES queries, budget $BUDGET of the single-model range, subset sizes [$SIZES] against []:"
printf '| subset-sizes | expected quality | cost USD | share of queries on subsets | subsets chosen | options | solve s | peak RSS MB |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for mode in off on; do
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$([ $mode = on ] && echo "[$SIZES]" || echo "[]")" \
    "$(col $mode 2)" "$(col $mode 3)" "$(col $mode 4)" "$(col $mode 5)" "$(col $mode 8)" "$(col $mode 6)" \
    "$(col $mode 7)"
done
