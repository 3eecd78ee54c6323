package io.allot.spark.score;

import static io.allot.spark.testing.TestCatalog.MID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.InputFormat;
import io.allot.spark.ingest.OutcomeReader;
import io.allot.spark.ingest.QueryLogReader;
import io.allot.spark.ingest.QueryRecordValidator;
import io.allot.spark.testing.Records;
import io.allot.spark.testing.SparkTestSession;
import io.allot.spark.testing.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query_id is unique within a night only: two history nights may both hold "q-1". Each night's
 * query must stay in the history, and an outcome must label the query of its own night (the log
 * and outcome partitions of the same date), never the other night's.
 */
class HistoryAcrossNightsTest {
  private static final ModelCatalog CATALOG = TestCatalog.threeModels();

  @TempDir Path tmp;

  @Test
  void anIdReusedOnTwoNightsKeepsBothQueriesAndEachOutcomeLabelsItsOwnNight() throws IOException {
    SparkSession spark = SparkTestSession.get();
    // Night 1: q-1 is a task-x query, MID got it right. Night 2: q-1 is a task-y query, MID got it wrong.
    List<String> logs = List.of(
        night(tmp.resolve("logs"), "2026-11-18", Records.query("q-1", "x", 1).toString()),
        night(tmp.resolve("logs"), "2026-11-19", Records.query("q-1", "y", 1).toString(),
            Records.query("q-2", "y", 1).toString()));
    List<String> outcomes = List.of(
        // q-2 is a query of night 2 only: its outcome in night 1's partition has no query there.
        night(tmp.resolve("outcomes"), "2026-11-18", Records.outcome("q-1", MID, 1).toString(),
            Records.outcome("q-2", MID, 1).toString()),
        night(tmp.resolve("outcomes"), "2026-11-19", Records.outcome("q-1", MID, 0).toString()));

    try (QueryLogReader.Result history = QueryLogReader.read(spark, logs, InputFormat.AUTO,
        new QueryRecordValidator(CATALOG))) {
      assertEquals(0, history.rejected().count(), "an id seen on another night is not a duplicate");
      assertEquals(3, history.valid().count());
      try (OutcomeReader.Result read = OutcomeReader.read(spark, outcomes, CATALOG, history.valid())) {
        Map<String, Double> scoreByTask = new TreeMap<>();
        for (Row r : ScoringJob.labelled(read.used(), history.valid()).collectAsList()) {
          scoreByTask.merge(r.getAs(LabelledSchema.TASK), r.getAs(LabelledSchema.SCORE), Double::sum);
        }
        assertEquals(Map.of("x", 1.0, "y", 0.0), scoreByTask);
        List<Row> rejected = read.rejected().collectAsList();
        assertEquals(1, rejected.size());
        assertEquals("query_id 'q-2' is not among the valid history queries of date=2026-11-18",
            rejected.get(0).getAs("reason"));
      }
    }
  }

  private static String night(Path root, String date, String... lines) throws IOException {
    Path dir = Files.createDirectories(root.resolve("date=" + date));
    Files.write(dir.resolve("part-0.jsonl"), List.of(lines));
    return dir.toString();
  }
}
