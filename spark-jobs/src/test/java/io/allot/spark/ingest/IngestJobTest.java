package io.allot.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.testing.SparkTestSession;
import io.allot.spark.testing.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest {
  private static SparkSession spark;
  private static final ModelCatalog CATALOG = TestCatalog.threeModels();

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.get();
  }

  static String record(String id) {
    return QueryRecordValidatorTest.goodRecord().put("query_id", id).toString();
  }

  /** Writes lines; returns (valid ids, number of bad lines) for the seeded mix. */
  private static int writeMix(Path file, int n, long seed) throws IOException {
    Random rnd = new Random(seed);
    List<String> lines = new ArrayList<>();
    int bad = 0;
    for (int i = 0; i < n; i++) {
      ObjectNode r = QueryRecordValidatorTest.goodRecord().put("query_id", "q-" + i);
      switch (rnd.nextInt(6)) {
        case 0 -> { lines.add("{not json"); bad++; continue; }
        case 1 -> { r.put("prompt_tokens", -rnd.nextInt(100)); bad++; }
        default -> { }
      }
      lines.add(r.toString());
    }
    Files.write(file, lines);
    return bad;
  }

  private IngestSummary ingest(Path input) {
    return IngestJob.run(spark, new IngestJob.Params(input.toString(), CATALOG, tmp.resolve("out").toString()));
  }

  private Dataset<Row> out(String dir) {
    return spark.read().parquet(tmp.resolve("out").resolve(dir).toString());
  }

  @Test
  void countsAddUpAndNothingValidIsDropped() throws IOException {
    Path in = tmp.resolve("log.jsonl");
    int bad = writeMix(in, 300, 42);
    IngestSummary s = ingest(in);
    assertEquals(300, s.totalRecords());
    assertEquals(bad, s.rejectedRecords());
    assertEquals(300 - bad, s.validRecords());
    assertEquals(s.totalRecords(), s.validRecords() + s.rejectedRecords());
    assertEquals(s.validRecords(), out("valid").count());
    assertEquals(s.rejectedRecords(), out("rejected").count());
    assertEquals(300 - bad, out("valid").select("query_id").distinct().count());
  }

  @Test
  void outputSchemasAreTheStatedOnes() throws IOException {
    Path in = tmp.resolve("log.jsonl");
    writeMix(in, 20, 1);
    ingest(in);
    assertEquals(names(QueryLogSchema.VALID.fields()), names(out("valid").schema().fields()));
    assertEquals(types(QueryLogSchema.VALID.fields()), types(out("valid").schema().fields()));
    assertEquals(types(RejectedSchema.SCHEMA.fields()), types(out("rejected").schema().fields()));
  }

  private static List<String> names(StructField[] f) {
    return Arrays.stream(f).map(StructField::name).toList();
  }

  private static List<String> types(StructField[] f) {
    return Arrays.stream(f).map(x -> x.name() + ":" + x.dataType().simpleString()).toList();
  }

  @Test
  void duplicateKeepsTheFirstLineAndRejectsLaterOnesWithItsReference() throws IOException {
    Path in = tmp.resolve("log.jsonl");
    Files.write(in, List.of(record("q-1"), "", record("q-7"), record("q-2"), record("q-7"), record("q-7")));
    IngestSummary s = ingest(in);
    assertEquals(new IngestSummary(5, 3, 2), s);
    Row kept = out("valid").filter("query_id = 'q-7'").first();
    assertEquals(3L, kept.getLong(kept.fieldIndex("line")), "blank line 2 still counts");
    List<Row> rej = out("rejected").orderBy("record_ref").collectAsList();
    assertEquals("line 5", rej.get(0).getString(1));
    assertEquals("duplicate query_id 'q-7' (first at line 3)", rej.get(0).getString(4));
    assertEquals("query_id", rej.get(0).getString(3));
    assertEquals(RejectedSchema.SOURCE_QUERY_LOG, rej.get(0).getString(0));
    assertEquals("line 6", rej.get(1).getString(1));
  }

  @Test
  void rejectedRowsNameTheLineFieldAndReason() throws IOException {
    Path in = tmp.resolve("log.jsonl");
    String bad = QueryRecordValidatorTest.goodRecord().put("query_id", "q-3").put("prompt_tokens", -5).toString();
    Files.write(in, List.of(record("q-1"), record("q-2"), bad));
    ingest(in);
    Row r = out("rejected").first();
    assertEquals("line 3", r.getAs("record_ref"));
    assertEquals("q-3", r.getAs("query_id"));
    assertEquals("prompt_tokens", r.getAs("field"));
    assertEquals("prompt_tokens is -5; must be an integer >= 1", r.getAs("reason"));
    assertEquals(bad, r.getAs("raw"));
  }

  @Test
  void aTimestampPastYear294000IsOneRejectNotAFailedIngest() throws IOException {
    Path in = tmp.resolve("log.jsonl");
    String far = QueryRecordValidatorTest.goodRecord().put("query_id", "q-far")
        .put("created_at", "+300000-01-01T00:00:00Z").toString();
    Files.write(in, List.of(record("q-1"), far, record("q-2")));
    IngestSummary s = ingest(in);
    assertEquals(2, s.validRecords());
    Row r = out("rejected").first();
    assertEquals("line 2", r.getAs("record_ref"));
    assertEquals("q-far", r.getAs("query_id"));
    assertEquals("created_at", r.getAs("field"));
  }

  @Test
  void validRowsCarryTheMarginAndKeepInputOrder() throws IOException {
    Path in = tmp.resolve("log.jsonl");
    Files.write(in, List.of(record("q-b"), record("q-a"), record("q-c")));
    ingest(in);
    List<Row> rows = out("valid").collectAsList();
    assertEquals(List.of("q-b", "q-a", "q-c"), rows.stream().map(r -> r.<String>getAs("query_id")).toList());
    Row r = rows.get(0);
    assertEquals(3.05, r.<Double>getAs("margin"), 1e-12);
    assertEquals(-0.18, r.<Double>getAs("mean_logprob"), 1e-12);
    assertEquals(List.of("Yes", " yes", "No"), r.getList(r.fieldIndex("first_token_tokens")));
    assertEquals(812L, r.<Long>getAs("prompt_tokens"));
  }

  @Test
  void directoryOfFilesReferencesTheFileAndFindsDuplicatesAcrossFiles() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("night"));
    Files.write(dir.resolve("a.jsonl"), List.of(record("q-1"), record("q-2")));
    Files.write(dir.resolve("b.json"), List.of("{oops", record("q-2")));
    Files.write(dir.resolve("_SUCCESS"), List.of());
    IngestSummary s = ingest(dir);
    assertEquals(new IngestSummary(4, 2, 2), s);
    Map<String, String> reasons = out("rejected").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(1), r -> r.getString(4)));
    assertTrue(reasons.get("b.json line 1").startsWith("malformed JSON"), reasons.toString());
    assertEquals("duplicate query_id 'q-2' (first at a.jsonl line 2)", reasons.get("b.json line 2"));
  }

  @Test
  void unrecognisedFileInDirectoryIsAnErrorNotSilentlySkipped() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("night"));
    Files.write(dir.resolve("a.jsonl"), List.of(record("q-1")));
    Files.write(dir.resolve("notes.txt"), List.of("hello"));
    InputFormatException e = assertThrows(InputFormatException.class, () -> ingest(dir));
    assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
  }

  @Test
  void parquetInputGivesTheSameResultWithRowReferences() throws IOException {
    Path jsonl = tmp.resolve("log.jsonl");
    int bad = writeMix(jsonl, 200, 7);
    Path parquet = tmp.resolve("log-parquet");
    // Only records Spark can type go into Parquet; the malformed lines stay out.
    spark.read().json(jsonl.toString()).filter("_corrupt_record IS NULL").drop("_corrupt_record")
        .coalesce(1).write().parquet(parquet.toString());
    long rows = spark.read().parquet(parquet.toString()).count();
    IngestSummary s = ingest(parquet);
    assertEquals(rows, s.totalRecords());
    assertEquals(200 - bad, s.validRecords());
    assertEquals(s.totalRecords(), s.validRecords() + s.rejectedRecords());
    Row r = out("rejected").first();
    assertTrue(r.<String>getAs("record_ref").matches("row \\d+"), r.toString());
    assertEquals("prompt_tokens", r.getAs("field"));
    Row v = out("valid").filter("query_id = 'q-2'").first();
    assertEquals(3.05, v.<Double>getAs("margin"), 1e-12);
  }

  @Test
  void parquetColumnOfTheWrongTypeIsNamed() {
    Path parquet = tmp.resolve("bad.parquet");
    spark.sql("SELECT 'q-1' AS query_id, 'acme' AS tenant, 'x' AS task, 't' AS text, "
        + "'812' AS prompt_tokens, 3 AS expected_output_tokens, '2026-11-20T23:59:00Z' AS created_at")
        .coalesce(1).write().parquet(parquet.toString());
    InputFormatException e = assertThrows(InputFormatException.class, () -> ingest(parquet));
    assertTrue(e.getMessage().contains("column 'prompt_tokens' has type string; expected an integer type"),
        e.getMessage());
  }

  @Test
  void parquetNanLogprobIsRejectedAsNan() throws IOException {
    Path jsonl = tmp.resolve("nan.jsonl");
    Files.write(jsonl, List.of(record("q-1"), record("q-2").replace("-2.9", "NaN")));
    Path parquet = tmp.resolve("nan-parquet");
    spark.read().option("allowNonNumericNumbers", "true").json(jsonl.toString())
        .coalesce(1).write().parquet(parquet.toString());
    assertEquals(new IngestSummary(2, 1, 1), ingest(parquet));
    Row r = out("rejected").first();
    assertEquals("row 2", r.getAs("record_ref"));
    assertEquals("small_model.first_token_top_logprobs[1].logprob is NaN; must be a finite number <= 0",
        r.getAs("reason"));
  }

  @Test
  void rerunReplacesEarlierOutput() throws IOException {
    Path in = tmp.resolve("log.jsonl");
    writeMix(in, 50, 3);
    ingest(in);
    Files.write(in, List.of(record("q-only")));
    assertEquals(new IngestSummary(1, 1, 0), ingest(in));
    assertEquals(1, out("valid").count());
    assertEquals(0, out("rejected").count());
  }
}
