package io.allot.spark.cluster;

import io.allot.spark.ingest.IngestJob;
import io.allot.spark.ingest.IngestSummary;
import io.allot.spark.score.ScoringJob;
import io.allot.spark.score.ScoringSummary;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark jobs a cluster master runs, each the same class the in-process path calls, with its
 * summary as named counts (what {@link JobSummary} carries back to the app).
 */
public enum SubmittedJob {
  INGEST {
    @Override
    Map<String, Long> run(SparkSession spark, SubmittedJobArgs a) {
      IngestSummary s = IngestJob.run(spark, new IngestJob.Params(a.input(), CatalogJson.decode(a.catalog()),
          a.output()));
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("total", s.totalRecords());
      m.put("valid", s.validRecords());
      m.put("rejected", s.rejectedRecords());
      return m;
    }
  },
  SCORE {
    @Override
    Map<String, Long> run(SparkSession spark, SubmittedJobArgs a) {
      ScoringSummary s = ScoringJob.run(spark, new ScoringJob.Params(a.input(), CatalogJson.decode(a.catalog()),
          a.historyLogs(), a.outcomes(), a.output(), a.predictor(),
          a.predictorModels()));
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("rows_scored", s.rowsScored());
      m.put("history_queries_used", s.historyQueriesUsed());
      m.put("history_rejected", s.historyRejected());
      m.put("outcomes_used", s.outcomesUsed());
      m.put("outcomes_rejected", s.outcomesRejected());
      return m;
    }
  };

  abstract Map<String, Long> run(SparkSession spark, SubmittedJobArgs args);

  public static IngestSummary ingestSummary(Map<String, Long> m) {
    return new IngestSummary(m.get("total"), m.get("valid"), m.get("rejected"));
  }

  public static ScoringSummary scoringSummary(Map<String, Long> m) {
    return new ScoringSummary(m.get("rows_scored"), m.get("history_queries_used"), m.get("history_rejected"),
        m.get("outcomes_used"), m.get("outcomes_rejected"));
  }

  static SubmittedJob named(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--job is '" + name + "'; expected one of "
          + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
  }
}
