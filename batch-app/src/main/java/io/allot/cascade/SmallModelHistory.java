package io.allot.cascade;

import static org.apache.spark.sql.functions.col;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.InputFormat;
import io.allot.spark.ingest.OutcomeReader;
import io.allot.spark.ingest.OutcomeSchema;
import io.allot.spark.ingest.QueryLogReader;
import io.allot.spark.ingest.QueryLogSchema;
import io.allot.spark.ingest.QueryRecordValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small model's labelled outcomes from history: earlier nights' valid queries (their margin and
 * mean token logprob) joined with the small model's outcomes on them. Invalid history records are
 * the score step's business (it counts and stores them); here they are simply not labels.
 */
public final class SmallModelHistory {
  private static final Logger log = LoggerFactory.getLogger(SmallModelHistory.class);

  private SmallModelHistory() {}

  /** Empty when the catalog has no small model or the history has no log partitions. */
  public static Optional<SmallModelOutcomes> read(SparkSession spark, List<String> historyLogs,
      List<String> historyOutcomes, ModelCatalog catalog) {
    if (catalog.smallTierModel().isEmpty() || historyLogs.isEmpty() || historyOutcomes.isEmpty()) {
      return Optional.empty();
    }
    String small = catalog.smallTierModel().get().id();
    try (QueryLogReader.Result queries = QueryLogReader.read(spark, historyLogs, InputFormat.AUTO,
        new QueryRecordValidator(catalog))) {
      Dataset<Row> valid = queries.valid().select(QueryLogSchema.NIGHT, QueryLogSchema.QUERY_ID,
          QueryLogSchema.MARGIN, QueryLogSchema.MEAN_LOGPROB);
      try (OutcomeReader.Result outcomes = OutcomeReader.read(spark, historyOutcomes, catalog, valid)) {
        // A query is its night and id: the same id on two nights is two queries.
        Dataset<Row> labelled = outcomes.used().filter(col(OutcomeSchema.MODEL_ID).equalTo(small))
            .select(OutcomeSchema.NIGHT, OutcomeSchema.QUERY_ID, OutcomeSchema.SCORE)
            .join(valid, QueryLogSchema.HISTORY_KEY)
            .orderBy(OutcomeSchema.QUERY_ID, OutcomeSchema.NIGHT);
        List<String> ids = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        long withoutMargin = 0;
        var it = labelled.select(OutcomeSchema.QUERY_ID, QueryLogSchema.MARGIN, QueryLogSchema.MEAN_LOGPROB,
            OutcomeSchema.SCORE).toLocalIterator();
        while (it.hasNext()) {
          Row r = it.next();
          if (r.isNullAt(1)) {
            withoutMargin++;
            continue;
          }
          ids.add(r.getString(0));
          values.add(new double[] {r.getDouble(1), r.isNullAt(2) ? Double.NaN : r.getDouble(2), r.getDouble(3)});
        }
        int n = ids.size();
        double[] m = new double[n];
        double[] lp = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
          m[i] = values.get(i)[0];
          lp[i] = values.get(i)[1];
          s[i] = values.get(i)[2];
        }
        log.info("small-model history: {} labelled outcomes of {} with a margin, {} without", n, small, withoutMargin);
        return Optional.of(new SmallModelOutcomes(ids.toArray(String[]::new), m, lp, s, withoutMargin));
      }
    }
  }
}
