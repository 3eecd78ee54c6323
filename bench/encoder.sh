#!/usr/bin/env bash
# Query encoder throughput (docs/benchmarks.md, "Query encoder"):
#   bench/encoder.sh FILE routerbench|optllm [RUNS]      default 5 runs
# all-MiniLM-L6-v2 (allot.predictor.encoder: minilm) on one thread, uncached and batched as in the
# Spark job, against the predictor's TF-IDF featurisation of the same texts in the same JVM, run by
# run. Prints queries/s per core per run and the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n 2,5p "$0"; exit 2; }
./allot --help >/dev/null   # builds the application if it is missing or stale
exec java ${ALLOT_JAVA_OPTS:--Xmx4g} -Dlog4j2.configurationFile=conf/log4j2.properties \
  -cp "batch-app/target/allot-batch-app-0.1.0-SNAPSHOT.jar:batch-app/target/lib/*" \
  io.allot.lab.evaluate.EncoderThroughput "$@"
