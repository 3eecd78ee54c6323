package io.allot.agreement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.xxhash64;

import io.allot.run.HistoryInputs;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.InputFormat;
import io.allot.spark.ingest.OutcomeReader;
import io.allot.spark.ingest.OutcomeSchema;
import io.allot.spark.ingest.QueryLogReader;
import io.allot.spark.ingest.QueryLogSchema;
import io.allot.spark.ingest.QueryRecordValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the labelled history for cascade options: the valid history queries' tasks joined with
 * their outcomes (score, cost, answer) per model. The held-out part is the latest history night
 * when the history has two or more nights, else a fixed 30% of the queries by a hash of their id.
 * Invalid records are the score step's business (it counts and stores them); here they are simply
 * not labels.
 */
public final class HistoryAnswersReader {
  private static final Logger log = LoggerFactory.getLogger(HistoryAnswersReader.class);
  /** Held-out share by query-id hash when the history has a single night. */
  static final int HELD_OUT_PERCENT = 30;
  /** The query's UTC day as a number (the held-out night is the latest). */
  private static final String DAY = "utc_day";
  private static final String HELD = "held_out";
  private static final String QUALITY = io.allot.spark.score.ScoredSchema.QUALITY;

  private HistoryAnswersReader() {}

  /** Column of {@code estimates}: whether the row's estimates are out of the predictor's sample. */
  public static final String UNSEEN = "unseen";

  /** The same without estimates. */
  public static HistoryAnswers read(SparkSession spark, HistoryInputs history, ModelCatalog catalog,
      long maxQueries) {
    return read(spark, history, catalog, maxQueries, null);
  }

  /**
   * @param maxQueries at most this many history queries are read (a hash sample beyond it)
   * @param estimates per history query (night, query_id) its {@code quality} array, scored as the
   *     night's queries are, and {@link #UNSEEN}; null: none
   */
  public static HistoryAnswers read(SparkSession spark, HistoryInputs history, ModelCatalog catalog,
      long maxQueries, Dataset<Row> estimates) {
    List<String> models = catalog.ids();
    if (history.logs().isEmpty() || history.outcomes().isEmpty()) {
      return empty(models);
    }
    try (QueryLogReader.Result queries = QueryLogReader.read(spark, history.logs(), InputFormat.AUTO,
        new QueryRecordValidator(catalog))) {
      Dataset<Row> valid = queries.valid().select(col(QueryLogSchema.NIGHT), col(QueryLogSchema.QUERY_ID),
          col(QueryLogSchema.TASK), col(QueryLogSchema.MARGIN),
          // The UTC day as a number: collecting a Spark date to the driver needs JDK internals.
          floor(col(QueryLogSchema.CREATED_AT).cast("long").divide(86_400)).as(DAY));
      try (OutcomeReader.Result outcomes = OutcomeReader.read(spark, history.outcomes(), catalog, valid)) {
        // A history query is its night and id (QueryLogSchema.HISTORY_KEY): the same id on two
        // nights is two queries.
        Dataset<Row> labelled = outcomes.used()
            .select(OutcomeSchema.NIGHT, OutcomeSchema.QUERY_ID, OutcomeSchema.MODEL_ID, OutcomeSchema.SCORE,
                OutcomeSchema.COST_USD, OutcomeSchema.ANSWER, OutcomeSchema.OBSERVED_AT)
            .join(valid, QueryLogSchema.HISTORY_KEY);
        Row stats = labelled.agg(countDistinct(col(DAY)), max(col(DAY)),
            countDistinct(col(QueryLogSchema.NIGHT), col(OutcomeSchema.QUERY_ID))).first();
        long labelledQueries = stats.getLong(2);
        if (labelledQueries == 0) {
          return empty(models);
        }
        Column held = stats.getLong(0) >= 2 ? col(DAY).equalTo(lit(stats.getLong(1)))
            : pmod(xxhash64(col(OutcomeSchema.QUERY_ID)), lit(100)).lt(HELD_OUT_PERCENT);
        if (labelledQueries > maxQueries) {
          long keep = Math.round(1_000_000.0 * maxQueries / labelledQueries);
          labelled = labelled.filter(pmod(xxhash64(col(OutcomeSchema.QUERY_ID), lit(7L)), lit(1_000_000)).lt(keep));
          log.info("cascade history: {} labelled queries, a hash sample of about {} read", labelledQueries, maxQueries);
        }
        labelled = labelled.withColumn(HELD, held);
        labelled = estimates == null
            ? labelled.withColumn(QUALITY, lit(null).cast("array<double>")).withColumn(UNSEEN, lit(false))
            : labelled.join(estimates.select(col(QueryLogSchema.NIGHT), col(QueryLogSchema.QUERY_ID), col(QUALITY),
                col(UNSEEN)), QueryLogSchema.HISTORY_KEY, "left");
        Iterator<Row> it = labelled
            .select(col(OutcomeSchema.QUERY_ID), col(QueryLogSchema.TASK), col(HELD), col(OutcomeSchema.MODEL_ID),
                col(OutcomeSchema.SCORE), col(OutcomeSchema.COST_USD), col(OutcomeSchema.ANSWER),
                col(QueryLogSchema.MARGIN), col(QueryLogSchema.NIGHT), col(QUALITY), col(UNSEEN))
            .orderBy(col(OutcomeSchema.QUERY_ID), col(QueryLogSchema.NIGHT), col(OutcomeSchema.MODEL_ID),
                col(OutcomeSchema.OBSERVED_AT).desc())
            .toLocalIterator();
        return collect(it, models);
      }
    }
  }

  /** Rows ordered by query; per (query, model) the latest outcome wins. */
  private static HistoryAnswers collect(Iterator<Row> it, List<String> models) {
    int m = models.size();
    List<String> tasks = new ArrayList<>();
    List<Boolean> held = new ArrayList<>();
    List<Double> margins = new ArrayList<>();
    List<double[]> scores = new ArrayList<>();
    List<double[]> costs = new ArrayList<>();
    List<String[]> answers = new ArrayList<>();
    List<double[]> estimates = new ArrayList<>();
    List<Boolean> unseen = new ArrayList<>();
    String current = null;
    while (it.hasNext()) {
      Row r = it.next();
      String key = r.getString(8) + '/' + r.getString(0);
      if (!key.equals(current)) {
        current = key;
        tasks.add(r.getString(1));
        held.add(r.getBoolean(2));
        margins.add(r.isNullAt(7) ? Double.NaN : r.getDouble(7));
        double[] s = new double[m];
        double[] c = new double[m];
        Arrays.fill(s, Double.NaN);
        Arrays.fill(c, Double.NaN);
        scores.add(s);
        costs.add(c);
        answers.add(new String[m]);
        double[] e = new double[m];
        Arrays.fill(e, Double.NaN);
        if (!r.isNullAt(9)) {
          List<Double> q = r.getList(9);
          for (int j = 0; j < m && j < q.size(); j++) {
            e[j] = q.get(j) == null ? Double.NaN : q.get(j);
          }
        }
        estimates.add(e);
        unseen.add(!r.isNullAt(10) && r.getBoolean(10));
      }
      int q = tasks.size() - 1;
      int j = models.indexOf(r.getString(3));
      if (!Double.isNaN(scores.get(q)[j])) {
        continue;
      }
      scores.get(q)[j] = r.getDouble(4);
      costs.get(q)[j] = r.isNullAt(5) ? Double.NaN : r.getDouble(5);
      answers.get(q)[j] = r.isNullAt(6) ? null : r.getString(6);
    }
    int n = tasks.size();
    boolean[] h = new boolean[n];
    double[] s = new double[n * m];
    double[] c = new double[n * m];
    String[] a = new String[n * m];
    double[] g = new double[n];
    double[] e = new double[n * m];
    boolean[] u = new boolean[n];
    for (int i = 0; i < n; i++) {
      h[i] = held.get(i);
      g[i] = margins.get(i);
      u[i] = unseen.get(i);
      System.arraycopy(scores.get(i), 0, s, i * m, m);
      System.arraycopy(costs.get(i), 0, c, i * m, m);
      System.arraycopy(answers.get(i), 0, a, i * m, m);
      System.arraycopy(estimates.get(i), 0, e, i * m, m);
    }
    return new HistoryAnswers(models, tasks.toArray(String[]::new), h, s, c, a, g, e, u);
  }

  private static HistoryAnswers empty(List<String> models) {
    return new HistoryAnswers(models, new String[0], new boolean[0], new double[0], new double[0], new String[0],
        new double[0]);
  }
}
