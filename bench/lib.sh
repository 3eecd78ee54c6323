# Shared by the bench/*.sh scripts (sourced, from the project root).

# generate_once DATA QUERIES DATE OUT_FILE [CATALOG]: the seed-42 demo log of QUERIES queries for
# night DATE in DATA, generated only when DATA has none yet, so repeated runs measure the same log.
generate_once() {
  local data=$1 queries=$2 date=$3 out=$4 catalog=${5:-}
  if [ ! -f "$data/generator.json" ]; then
    ./allot generate --queries "$queries" --seed 42 --out "$data" --date "$date" ${catalog:+--catalog "$catalog"} >"$out"
  fi
}

# median: the median of the numbers on stdin, one per line.
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
