package io.allot.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.testing.SparkTestSession;
import io.allot.spark.testing.TestCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single pass must write the same valid and rejected rows as the general path (validation
 * into a cache, then the duplicate check), whatever the line ends and however the files are split;
 * on a night with a repeated id it hands over to the general path.
 */
class SinglePassIngestTest {
  private static final ModelCatalog CATALOG = TestCatalog.threeModels();
  private static SparkSession spark;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.get();
  }

  /** A seeded mix of good and bad records, some long, with the given line end; ids from {@code first}. */
  private static String lines(int n, int first, long seed, String eol) {
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      ObjectNode r = QueryRecordValidatorTest.goodRecord().put("query_id", "q-" + (first + i))
          .put("text", "t".repeat(rnd.nextInt(3) == 0 ? 2000 : 20));
      String line = switch (rnd.nextInt(12)) {
        case 0 -> "{not json";
        case 1 -> r.put("prompt_tokens", -rnd.nextInt(100)).toString();
        case 2 -> r.put("created_at", "yesterday").toString();
        case 3 -> r.toString().replace("-2.9", "NaN");
        case 4 -> "   ";
        case 5 -> r.toString().replace("\"tenant\"", "\"query_id\":\"x\",\"tenant\"");
        case 6 -> "caf\u00e9";
        default -> r.toString();
      };
      sb.append(line).append(rnd.nextInt(15) == 0 ? "\r" : eol);
    }
    return sb.toString();
  }

  private Path night(boolean repeatedId) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("date=2026-11-20"));
    Files.writeString(dir.resolve("a.jsonl"), "\uFEFF" + lines(60, 0, 1, "\r\n"), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("b.jsonl"), lines(80, 100, 2, "\n") + "\n\n" + lines(5, 300, 3, "\n")
        .stripTrailing(), StandardCharsets.UTF_8);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("c.jsonl.gz")))) {
      out.write(lines(40, repeatedId ? 100 : 200, 4, "\n").getBytes(StandardCharsets.UTF_8));
    }
    return dir;
  }

  private IngestJob.Params params(Path in, String out) {
    return new IngestJob.Params(in.toString(), CATALOG, tmp.resolve(out).toString());
  }

  private List<String> rows(String out, String dir, String order) {
    List<String> rows = new ArrayList<>();
    for (Row r : spark.read().parquet(tmp.resolve(out).resolve(dir).toString()).orderBy(java.util.Arrays.stream(order.split(","))
        .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
        .collectAsList()) {
      rows.add(r.toString());
    }
    return rows;
  }

  @Test
  void writesTheSameRowsAsTheGeneralPathWhateverTheSplits() throws IOException {
    Path in = night(false);
    IngestSummary general = IngestJob.run(spark, params(in, "general"), -1, 0);
    assertTrue(general.rejectedRecords() > 10 && general.validRecords() > 50, general.toString());
    List<String> valid = rows("general", "valid", "source_file,line");
    List<String> rejected = rows("general", "rejected", "record_ref");
    for (long split : new long[] {0, 300, 1000, 5000}) {
      String out = "single-" + split;
      Long read = SinglePassIngest.run(spark, List.of(in.toString()), InputFormat.AUTO,
          new QueryRecordValidator(CATALOG), new StreamingRecordParser(CATALOG),
          tmp.resolve(out).resolve("valid").toString(), tmp.resolve(out).resolve("rejected").toString(),
          SinglePassIngest.REJECTS_PER_PARTITION, split);
      assertNotNull(read, "no repeated id, few rejects: one pass");
      assertEquals(general.totalRecords(), read);
      assertEquals(valid, rows(out, "valid", "source_file,line"), "split " + split);
      assertEquals(rejected, rows(out, "rejected", "record_ref"), "split " + split);
    }
  }

  @Test
  void aRepeatedIdOrTooManyRejectsHandOverToTheGeneralPath() throws IOException {
    Path in = night(true);
    IngestSummary general = IngestJob.run(spark, params(in, "general"), -1, 0);
    assertNull(SinglePassIngest.run(spark, List.of(in.toString()), InputFormat.AUTO, new QueryRecordValidator(CATALOG),
        new StreamingRecordParser(CATALOG), tmp.resolve("x/valid").toString(), tmp.resolve("x/rejected").toString(),
        SinglePassIngest.REJECTS_PER_PARTITION, 0));
    assertEquals(general, IngestJob.run(spark, params(in, "handed-over"), SinglePassIngest.REJECTS_PER_PARTITION, 1000));
    assertEquals(rows("general", "valid", "source_file,line"), rows("handed-over", "valid", "source_file,line"));
    assertEquals(rows("general", "rejected", "record_ref"), rows("handed-over", "rejected", "record_ref"));
    assertTrue(rows("general", "rejected", "record_ref").stream().anyMatch(r -> r.contains("duplicate query_id")));

    Path noRepeat = tmp.resolve("other");
    Files.createDirectories(noRepeat);
    Files.writeString(noRepeat.resolve("n.jsonl"), lines(50, 0, 5, "\n"));
    IngestSummary general2 = IngestJob.run(spark, params(noRepeat, "general2"), -1, 0);
    assertEquals(general2, IngestJob.run(spark, params(noRepeat, "capped"), 1, 0));
    assertEquals(rows("general2", "rejected", "record_ref"), rows("capped", "rejected", "record_ref"));
    assertEquals(rows("general2", "valid", "line"), rows("capped", "valid", "line"));
  }

  @Test
  void rarelyRepeatedColumnsAreWrittenWithoutADictionary() throws IOException {
    IngestJob.run(spark, params(night(false), "out"));
    Path part;
    try (var files = Files.list(tmp.resolve("out/valid"))) {
      part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    java.util.Map<String, Boolean> dictionary = new java.util.HashMap<>();
    try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile
        .fromPath(new org.apache.hadoop.fs.Path(part.toString()), spark.sparkContext().hadoopConfiguration()))) {
      for (var c : reader.getFooter().getBlocks().get(0).getColumns()) {
        dictionary.put(c.getPath().toDotString(), c.hasDictionaryPage());
      }
    }
    for (String plain : IngestJob.PLAIN_COLUMNS) {
      assertEquals(false, dictionary.get(plain), plain + " in " + dictionary);
    }
    assertEquals(true, dictionary.get(QueryLogSchema.TENANT), dictionary.toString());
    assertEquals(true, dictionary.get(QueryLogSchema.SMALL_MODEL_ID), dictionary.toString());
  }

  @Test
  void idHashesDifferForTheSameIdOnAnotherNight() {
    assertEquals(SinglePassIngest.idHash("date=2026-11-20", "q-1"), SinglePassIngest.idHash("date=2026-11-20", "q-1"));
    assertTrue(SinglePassIngest.idHash("date=2026-11-20", "q-1") != SinglePassIngest.idHash("date=2026-11-21", "q-1"));
    assertTrue(SinglePassIngest.idHash("", "ab") != SinglePassIngest.idHash("a", "b"));
  }
}
