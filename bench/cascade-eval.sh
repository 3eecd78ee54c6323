#!/usr/bin/env bash
# Two-tier cascade vs solver vs random escalation on generated nights, median of 3 generator seeds.
#   bench/cascade-eval.sh [QUERIES] [OUT_DIR]      (default 40000 queries, work/bench-cascade)
# Each seed: ./allot generate (2 nights: history + the evaluated night), then ./allot cascade-eval
# on the last night. Medians are taken per budget level over the seeds (needs python3).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUERIES="${1:-40000}"
OUT="${2:-$HERE/work/bench-cascade}"
DATE=2026-11-20
mkdir -p "$OUT"
for SEED in 1 2 3; do
  if [ ! -f "$OUT/eval$SEED.json" ]; then
    "$HERE/allot" generate --queries "$QUERIES" --seed "$SEED" --date "$DATE" --out "$OUT/gen$SEED" >/dev/null
    "$HERE/allot" cascade-eval --log-root "$OUT/gen$SEED/logs" --outcomes-root "$OUT/gen$SEED/outcomes" \
      --date "$DATE" --seed "$SEED" --work "$OUT/work$SEED" --json "$OUT/eval$SEED.json" | tee "$OUT/eval$SEED.txt"
  fi
done
python3 - "$OUT"/eval1.json "$OUT"/eval2.json "$OUT"/eval3.json <<'PY'
import json, statistics, sys
runs = [json.load(open(f)) for f in sys.argv[1:]]
med = lambda xs: statistics.median(xs)
print("median of %d seeds, %s labelled queries per night" % (len(runs), [r["evaluatedQueries"] for r in runs]))
c = [r["calibration"] for r in runs]
print("held-out ECE raw %.4f -> isotonic %.4f, Platt %.4f; Brier raw %.4f -> isotonic %.4f, Platt %.4f" % tuple(
    med([x[k] for x in c]) for k in ["eceRaw", "eceIsotonic", "ecePlatt", "brierRaw", "brierIsotonic", "brierPlatt"]))
print("| budget | cascade acc | solver acc | random-escalation acc | cascade / solver / random cost (USD) | escalated |")
print("|---|---|---|---|---|---|")
for i, lvl in enumerate(runs[0]["levels"]):
    L = [r["levels"][i] for r in runs]
    acc = lambda p: med([l[p]["realisedAccuracy"] for l in L])
    cost = lambda p: med([l[p]["realisedCostUsd"] for l in L])
    esc = med([l["cascade"]["escalated"] / r["evaluatedQueries"] for l, r in zip(L, runs)])
    print("| %.0f%% | %.4f | %.4f | %.4f | %.2f / %.2f / %.2f | %.1f%% |" % (lvl["share"] * 100, acc("cascade"),
          acc("solver"), acc("random"), cost("cascade"), cost("solver"), cost("random"), esc * 100))
print()
tasks = [t["task"] for t in runs[0]["levels"][0]["tasks"]]
print("| task | " + " | ".join("%.0f%%" % (l["share"] * 100) for l in runs[0]["levels"]) + " |")
print("|---|" + "---|" * len(runs[0]["levels"]))
for k, t in enumerate(tasks):
    cells = []
    for i in range(len(runs[0]["levels"])):
        d = med([100 * (r["levels"][i]["tasks"][k]["cascade"] - r["levels"][i]["tasks"][k]["solver"]) for r in runs])
        cells.append("%+.1f" % d)
    print("| %s | %s |" % (t, " | ".join(cells)))
PY
