package io.allot.bandit.nightly;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.InputFormat;
import io.allot.spark.ingest.OutcomeReader;
import io.allot.spark.ingest.OutcomeSchema;
import io.allot.spark.ingest.QueryLogReader;
import io.allot.spark.ingest.QueryRecordValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One night's reward per model: the mean outcome score over that night's evaluated queries. The
 * outcomes are read and validated exactly as the score step reads them (only outcomes of the
 * night's valid queries count); the score step already recorded the invalid ones in rejected_query.
 */
public final class NightRewards {
  private static final Logger log = LoggerFactory.getLogger(NightRewards.class);

  private NightRewards() {}

  /** The observations of {@code night}, or none when its log or outcome partition is missing. */
  public static List<ModelSelection.Observation> read(SparkSession spark, Path logRoot, Path outcomesRoot,
      LocalDate night, ModelCatalog catalog) {
    Path logs = logRoot.resolve("date=" + night);
    Path outcomes = outcomesRoot.resolve("date=" + night);
    List<ModelSelection.Observation> out = new ArrayList<>();
    if (!Files.isDirectory(logs) || !Files.isDirectory(outcomes)) {
      log.info("TI-UCB: no {} for {} ({}); the arms keep their state", Files.isDirectory(logs) ? "outcomes" : "query log",
          night, Files.isDirectory(logs) ? outcomes : logs);
      return out;
    }
    try (QueryLogReader.Result queries = QueryLogReader.read(spark, List.of(logs.toString()), InputFormat.AUTO,
        new QueryRecordValidator(catalog));
        OutcomeReader.Result read = OutcomeReader.read(spark, List.of(outcomes.toString()), catalog,
            queries.valid())) {
      List<Row> rows = read.used().groupBy(OutcomeSchema.MODEL_ID)
          .agg(avg(col(OutcomeSchema.SCORE)), count(col(OutcomeSchema.SCORE)))
          .orderBy(OutcomeSchema.MODEL_ID).collectAsList();
      for (Row r : rows) {
        out.add(new ModelSelection.Observation(r.getString(0), night, r.getDouble(1), r.getLong(2)));
      }
      long rejected = read.rejected().count();
      log.info("TI-UCB: {} models observed on {} from {} outcomes ({} outcomes rejected, listed by the score step)",
          out.size(), night, out.stream().mapToLong(ModelSelection.Observation::outcomes).sum(), rejected);
    }
    return out;
  }
}
