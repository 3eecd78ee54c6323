package io.allot.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.allot.spark.testing.SparkTestSession;
import io.allot.spark.testing.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duplicate-id check joins only the repeated ids back to the rows: broadcast (rows stay in
 * input order, no shuffle) up to a limit, a shuffle join and a sort above it. Both must give the
 * same valid and rejected rows, in input order, as must a night without repeats.
 */
class DuplicateIdsTest {
  private static SparkSession spark;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.get();
  }

  private Path night() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("night"));
    Files.write(dir.resolve("a.jsonl"), List.of(IngestJobTest.record("q-5"), IngestJobTest.record("q-2"),
        IngestJobTest.record("q-5"), "{bad", IngestJobTest.record("q-3")));
    Files.write(dir.resolve("b.jsonl"), List.of(IngestJobTest.record("q-2"), IngestJobTest.record("q-4"),
        IngestJobTest.record("q-5")));
    return dir;
  }

  private static QueryLogReader.Result read(Path in, int broadcastRepeatedIds) {
    return QueryLogReader.read(spark, List.of(in.toString()), InputFormat.AUTO,
        new QueryRecordValidator(TestCatalog.threeModels()), broadcastRepeatedIds);
  }

  private static List<String> strings(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).toList();
  }

  private static List<String> column(Dataset<Row> rows, String name) {
    return rows.collectAsList().stream().map(r -> String.valueOf(r.<Object>getAs(name))).toList();
  }

  @Test
  void broadcastAndShuffleJoinKeepTheFirstOccurrenceInInputOrder() throws IOException {
    Path in = night();
    try (QueryLogReader.Result broadcast = read(in, QueryLogReader.BROADCAST_REPEATED_IDS);
        QueryLogReader.Result shuffled = read(in, 0)) {
      assertEquals(List.of("q-5", "q-2", "q-3", "q-4"), column(broadcast.valid(), QueryLogSchema.QUERY_ID));
      assertEquals(List.of("1", "2", "5", "2"), column(broadcast.valid(), QueryLogSchema.LINE));
      assertEquals(List.of("a.jsonl line 3", "a.jsonl line 4", "b.jsonl line 1", "b.jsonl line 3"),
          column(broadcast.rejected(), RejectedSchema.RECORD_REF));
      assertEquals("duplicate query_id 'q-5' (first at a.jsonl line 1)",
          column(broadcast.rejected(), RejectedSchema.REASON).get(3));
      assertEquals(IngestJobTest.record("q-2"), column(broadcast.rejected(), RejectedSchema.RAW).get(2));
      assertEquals(strings(broadcast.valid()), strings(shuffled.valid()));
      assertEquals(strings(broadcast.rejected()), strings(shuffled.rejected()));
    }
  }

  @Test
  void aNightWithoutRepeatsKeepsEveryValidRowInInputOrder() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("other"));
    Files.write(dir.resolve("a.jsonl"), List.of(IngestJobTest.record("q-9"), "", IngestJobTest.record("q-1")));
    Files.write(dir.resolve("b.jsonl"), List.of("[1]", IngestJobTest.record("q-5")));
    try (QueryLogReader.Result r = read(dir, QueryLogReader.BROADCAST_REPEATED_IDS)) {
      assertEquals(List.of("q-9", "q-1", "q-5"), column(r.valid(), QueryLogSchema.QUERY_ID));
      assertEquals(List.of("b.jsonl line 1"), column(r.rejected(), RejectedSchema.RECORD_REF));
    }
  }
}
