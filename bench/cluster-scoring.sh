#!/usr/bin/env bash
# Scoring on a Spark standalone cluster (a master and two 1-core workers on 127.0.0.1, from the
# build's Maven-jar SPARK_HOME) against local mode (local[2]), on the same generated log.
#   bench/cluster-scoring.sh [QUERIES (default 1000000)] [RUNS per mode (default 3)]
# Each timed run is one spark-submit of the score job (SubmittedJobMain, the shaded jar), JVM
# start and executor start included, in client deploy mode; modes alternate so that load from
# other processes hits both alike. Prints one line per run and the medians.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUERIES="${1:-1000000}"
RUNS="${2:-3}"
NIGHT=2026-11-20
HISTORY=2026-11-19
WORK="${BENCH_DIR:-$HOME_DIR/work/bench-cluster}"
SPARK_HOME="$HOME_DIR/spark-jobs/target/spark-home"
APP_JAR="$HOME_DIR/spark-jobs/target/allot-spark-jobs-0.1.0-SNAPSHOT-cluster.jar"
export SPARK_HOME SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
LOG4J="-Dlog4j2.configurationFile=file:$HOME_DIR/conf/spark-log4j2.properties"

cd "$HOME_DIR"
if [ ! -f "$APP_JAR" ] || [ ! -d "$SPARK_HOME/jars" ]; then
  ./mvnw -q -B -DskipTests package
fi
# A copy, so that a rebuild while the benchmark runs cannot change the jar under it.
mkdir -p "$WORK"
cp "$APP_JAR" "$WORK/allot-spark-jobs-cluster.jar"
APP_JAR="$WORK/allot-spark-jobs-cluster.jar"
DATA="$WORK/data-$QUERIES"
if [ ! -d "$DATA/logs/date=$NIGHT" ]; then
  ./allot generate --queries "$QUERIES" --seed 1 --date "$NIGHT" --out "$DATA" >&2
fi

# The JVM options Spark's own launcher scripts give a driver (Java module opens); SparkSubmit run
# straight from the jars needs them added by hand (Allot's SparkSubmitCommand does the same).
cat >"$WORK/ModuleOptions.java" <<'JAVA'
public class ModuleOptions {
  public static void main(String[] a) {
    System.out.println(String.join(" ", org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray()));
  }
}
JAVA
OPENS=$(java -cp "$SPARK_HOME/jars/*" "$WORK/ModuleOptions.java")

source "$HOME_DIR/bench/loopback-cluster.sh"
start_loopback_cluster "$WORK" 4g

# submit MASTER JOB OUTPUT_DIR INPUT [more args]: one spark-submit of a job; prints its seconds.
submit() {
  local master="$1" job="$2" out="$3" input="$4"; shift 4
  local t0 t1
  t0=$(date +%s.%N)
  java -Xmx3g $OPENS $LOG4J -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit --master "$master" \
    --deploy-mode client --class io.allot.spark.cluster.SubmittedJobMain --driver-memory 3g \
    --conf spark.sql.shuffle.partitions=8 --conf spark.executor.memory=3g --conf spark.executor.cores=1 \
    --conf spark.ui.enabled=false "$APP_JAR" --job "$job" --catalog "@$HOME_DIR/conf/models.yml" \
    --input "$input" --output "$out" --token "bench-$RANDOM" "$@" >"$out.log" 2>&1 \
    || { echo "$job on $master failed; see $out.log" >&2; return 1; }
  t1=$(date +%s.%N)
  python3 -c "print(f'{$t1-$t0:.1f}')"
}

LOCAL=local[2]
CLUSTER="spark://127.0.0.1:$MPORT"
RUN="$WORK/run-$QUERIES"
mkdir -p "$RUN"
if [ -d "$RUN/ingest/summary" ]; then
  echo "ingest: reusing $RUN/ingest (delete it to rerun)"
else
  t=$(submit "$LOCAL" ingest "$RUN/ingest" "$DATA/logs/date=$NIGHT")
  echo "ingest (once, local[2]; its output is the score input): $t s"
fi
HIST=(--history-log "$DATA/logs/date=$HISTORY" --outcomes "$DATA/outcomes/date=$HISTORY")
L=(); C=()
for r in $(seq "$RUNS"); do
  l=$(submit "$LOCAL" score "$RUN/score-local-$r" "$RUN/ingest/valid" "${HIST[@]}")
  c=$(submit "$CLUSTER" score "$RUN/score-cluster-$r" "$RUN/ingest/valid" "${HIST[@]}")
  echo "run $r: local[2] ${l} s, standalone 2 workers ${c} s"
  L+=("$l"); C+=("$c")
done
# Same rows in both modes? The part files' contents in part order (names differ by job UUID).
digest() { find "$1" -name 'part-*.parquet' | sort | xargs cat | md5sum; }
[ "$(digest "$RUN/score-local-1/scored")" = "$(digest "$RUN/score-cluster-1/scored")" ] \
  && echo "scored Parquet: byte-identical in both modes" || echo "scored Parquet: differs in bytes between modes (see $RUN)"
python3 - "${L[*]}" "${C[*]}" <<'PY'
import statistics, sys
l = [float(x) for x in sys.argv[1].split()]; c = [float(x) for x in sys.argv[2].split()]
ml, mc = statistics.median(l), statistics.median(c)
print(f"median of {len(l)}: local[2] {ml:.1f} s, standalone {mc:.1f} s, cluster/local = {mc/ml:.2f}")
PY
