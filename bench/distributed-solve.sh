#!/usr/bin/env bash
# The distributed solve (allot bench-solver --mode distributed) on a Spark standalone cluster: a
# master and two 1-core workers on 127.0.0.1, from the build's Maven-jar SPARK_HOME. The driver is
# ./allot itself with a 2 GB heap; the instance is drawn on the executors, so the driver never
# holds the night.
#   bench/distributed-solve.sh QUERIES [REPEATS (default 3)] [EXECUTOR_MEMORY (default 6g)]
# Prints bench-solver's lines: per run the phases, passes, gap and the driver's peak heap.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUERIES="${1:?usage: bench/distributed-solve.sh QUERIES [REPEATS] [EXECUTOR_MEMORY]}"
REPEATS="${2:-3}"
EXEC_MEM="${3:-6g}"
WORK="${BENCH_DIR:-$HOME_DIR/work/bench-distributed}"
SPARK_HOME="$HOME_DIR/spark-jobs/target/spark-home"
export SPARK_HOME SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
cd "$HOME_DIR"
[ -d "$SPARK_HOME/jars" ] || { echo "no $SPARK_HOME/jars: run ./mvnw -B -DskipTests package first" >&2; exit 1; }

source "$HOME_DIR/bench/loopback-cluster.sh"
start_loopback_cluster "$WORK" "$EXEC_MEM"

ALLOT_JAVA_OPTS="-Xmx2g" ./allot bench-solver --mode distributed --queries "$QUERIES" --models 8 \
  --repeats "$REPEATS" --cold-seconds 0 --master "spark://127.0.0.1:$MPORT" --executor-memory "$EXEC_MEM" \
  2>"$WORK/bench-$QUERIES.log"
