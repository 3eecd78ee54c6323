# Sourced by the cluster benchmarks: start_loopback_cluster WORK WORKER_MEMORY starts a Spark
# standalone master and two 1-core workers on 127.0.0.1 from $SPARK_HOME/jars (logs in
# WORK/cluster), sets MPORT and MUI (master port, master web UI port) and kills them all on exit.
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do pkill -KILL -P "$p" 2>/dev/null || true; kill -KILL "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_loopback_cluster() {
  local work="$1" memory="$2"
  local log4j="-Dlog4j2.configurationFile=file:$HOME_DIR/conf/spark-log4j2.properties"
  MPORT=$(port); MUI=$(port)
  mkdir -p "$work/cluster"
  java -Xmx256m $log4j -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
    --port "$MPORT" --webui-port "$MUI" >"$work/cluster/master.log" 2>&1 &
  PIDS+=($!)
  for i in 1 2; do
    java -Xmx256m $log4j -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
      --cores 1 --memory "$memory" --webui-port "$(port)" --work-dir "$work/cluster/worker-$i" \
      "spark://127.0.0.1:$MPORT" >"$work/cluster/worker-$i.log" 2>&1 &
    PIDS+=($!)
  done
  for _ in $(seq 240); do
    curl -s "http://127.0.0.1:$MUI/json/" | grep -q '"aliveworkers" : 2' && break
    sleep 0.5
  done
  curl -s "http://127.0.0.1:$MUI/json/" | grep -q '"aliveworkers" : 2' \
    || { echo "cluster did not come up; see $work/cluster" >&2; exit 1; }
}
