package io.allot.lab.cascade;

import io.allot.cascade.CascadeNight;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.OutcomeReader;
import io.allot.spark.ingest.OutcomeSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What really happened on the evaluated night: every model's score and cost on each query that
 * has an outcome for every catalog model. Queries with only some models' outcomes are counted in
 * {@code incomplete} and left out (a missing outcome is never read as a 0).
 *
 * @param rows the night's query rows that are evaluated, ascending
 * @param score row-major [k * m + j]: model j's realised score on evaluated query k
 * @param cost the same for the realised cost in USD
 */
public record RealisedOutcomes(int[] rows, double[] score, double[] cost, int models, long incomplete) {

  public double score(int k, int j) {
    return score[k * models + j];
  }

  public double cost(int k, int j) {
    return cost[k * models + j];
  }

  /** @param validQueries the night's valid queries (their night and query_id are read) */
  public static RealisedOutcomes read(SparkSession spark, Path outcomesDir, ModelCatalog catalog, CascadeNight night,
      Dataset<Row> validQueries) {
    if (!Files.isDirectory(outcomesDir)) {
      throw new IllegalArgumentException("--outcomes-root has no partition " + outcomesDir
          + ": cascade-eval scores policies with the night's realised outcomes (./allot generate writes them)");
    }
    int m = catalog.size();
    Map<String, double[]> byQuery = new HashMap<>();
    try (OutcomeReader.Result r = OutcomeReader.read(spark, List.of(outcomesDir.toString()), catalog, validQueries)) {
      var it = r.used().select(OutcomeSchema.QUERY_ID, OutcomeSchema.MODEL_ID, OutcomeSchema.SCORE,
          OutcomeSchema.COST_USD).toLocalIterator();
      while (it.hasNext()) {
        Row o = it.next();
        double[] v = byQuery.computeIfAbsent(o.getString(0), x -> {
          double[] a = new double[2 * m];
          java.util.Arrays.fill(a, Double.NaN);
          return a;
        });
        int j = catalog.indexOf(o.getString(1));
        v[j] = o.getDouble(2);
        v[m + j] = o.isNullAt(3) ? Double.NaN : o.getDouble(3);
      }
    }
    List<Integer> rows = new ArrayList<>();
    long incomplete = 0;
    for (int i = 0; i < night.size(); i++) {
      double[] v = byQuery.get(night.problem().queryId(i));
      if (v == null) {
        continue;
      }
      boolean complete = true;
      for (double x : v) {
        complete &= !Double.isNaN(x);
      }
      if (complete) {
        rows.add(i);
      } else {
        incomplete++;
      }
    }
    int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
    double[] score = new double[r.length * m];
    double[] cost = new double[r.length * m];
    for (int k = 0; k < r.length; k++) {
      double[] v = byQuery.get(night.problem().queryId(r[k]));
      System.arraycopy(v, 0, score, k * m, m);
      System.arraycopy(v, m, cost, k * m, m);
    }
    if (r.length == 0) {
      throw new IllegalArgumentException(outcomesDir + " has no query with an outcome for every catalog model:"
          + " cascade-eval needs them to score every policy on the same queries");
    }
    return new RealisedOutcomes(r, score, cost, m, incomplete);
  }
}
