package io.allot.spark.score;

import static io.allot.spark.testing.TestCatalog.BIG;
import static io.allot.spark.testing.TestCatalog.MID;
import static io.allot.spark.testing.TestCatalog.SMALL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.IngestJob;
import io.allot.spark.ingest.InputFormatException;
import io.allot.spark.testing.Records;
import io.allot.spark.testing.SparkTestSession;
import io.allot.spark.testing.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History with a known truth: MID is always right on task x and never on y; SMALL is right with
 * probability margin/5; BIG has no outcomes and falls back to its catalog prior 0.9.
 */
class ScoringJobTest {
  private static final ModelCatalog CATALOG = TestCatalog.threeModels();
  private static final int MID_IDX = CATALOG.indexOf(MID);
  private static final int SMALL_IDX = CATALOG.indexOf(SMALL);
  private static final int BIG_IDX = CATALOG.indexOf(BIG);
  private static final int HISTORY_PER_TASK = 150;
  private static SparkSession spark;

  @TempDir static Path tmp;
  private static Path historyLog;
  private static Path outcomes;
  private static String validDir;
  /** The run most tests inspect, in {@code tmp/out}. */
  private static ScoringSummary summary;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.get();
    writeHistoryAndTonight();
    summary = score(historyLog, outcomes, "out");
  }

  static void writeHistoryAndTonight() throws IOException {
    Random rnd = new Random(2026);
    List<String> queries = new ArrayList<>();
    List<String> results = new ArrayList<>();
    for (String task : List.of("x", "y")) {
      for (int i = 0; i < HISTORY_PER_TASK; i++) {
        String id = "h-" + task + "-" + i;
        double margin = rnd.nextDouble() * 5;
        queries.add(Records.query(id, task, margin).toString());
        results.add(Records.outcome(id, MID, task.equals("x") ? 1 : 0).toString());
        results.add(Records.outcome(id, SMALL, rnd.nextDouble() < margin / 5 ? 1 : 0).toString());
      }
    }
    // Three bad history records: malformed, negative tokens, duplicate id.
    queries.add("{broken");
    queries.add(Records.query("h-bad", "x", 1).put("prompt_tokens", -1).toString());
    queries.add(Records.query("h-x-0", "y", 1).toString());
    // Outcomes that must be rejected, not read as zero. MID on x would drop below 1 if they were.
    ObjectNode noScore = Records.outcome("h-x-1", MID, 0);
    noScore.remove("score");
    results.add(noScore.toString());
    results.add(Records.outcome("h-x-2", MID, 0).put("score", "").toString());
    results.add(Records.outcome("h-x-3", MID, 0.25).toString().replace("0.25", "NaN"));
    results.add(Records.outcome("h-x-4", MID, 1.5).toString());
    results.add(Records.outcome("h-x-5", "gpt-9", 1).toString());
    results.add(Records.outcome("nowhere", MID, 1).toString());
    results.add(Records.outcome("h-x-6", MID, 1).put("cost_usd", -1).toString());
    historyLog = Files.write(tmp.resolve("history.jsonl"), queries);
    outcomes = Files.write(tmp.resolve("outcomes.jsonl"), results);

    List<String> tonight = new ArrayList<>();
    tonight.add(Records.query("t-3", "x", 0.05).put("prompt_tokens", 1000).put("expected_output_tokens", 500).toString());
    tonight.add(Records.query("t-1", "y", 4.9).toString());
    tonight.add(Records.query("t-2", "z", 2.5).toString());
    ObjectNode noSmall = Records.query("t-0", "x", 1);
    noSmall.remove("small_model");
    tonight.add(noSmall.toString());
    Path tonightLog = Files.write(tmp.resolve("tonight.jsonl"), tonight);
    IngestJob.run(spark, new IngestJob.Params(tonightLog.toString(), CATALOG, tmp.resolve("ingest").toString()));
    validDir = tmp.resolve("ingest/valid").toString();
  }

  private static ScoringSummary score(Path history, Path outcomeFile, String out) {
    return ScoringJob.run(spark, new ScoringJob.Params(validDir, CATALOG, List.of(history.toString()),
        List.of(outcomeFile.toString()), tmp.resolve(out).toString()));
  }

  private static Map<String, Row> scored(String out) {
    return read(out + "/scored").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
  }

  private static Dataset<Row> read(String dir) {
    return spark.read().parquet(tmp.resolve(dir).toString());
  }

  private static double[] doubles(Row r, String column) {
    return r.<Double>getList(r.fieldIndex(column)).stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void summaryCountsHistoryAndOutcomes() {
    assertEquals(new ScoringSummary(4, 2 * HISTORY_PER_TASK, 3, 4 * HISTORY_PER_TASK, 7), summary);
  }

  @Test
  void perTaskEstimatesAreTheSmoothedMeansWithTheModelMeanAsPrior() {
    Map<String, Row> rows = scored("out");
    double n = HISTORY_PER_TASK;
    // MID's global mean is 0.5: (n + 2·0.5) / (n + 2) on x, (0 + 2·0.5) / (n + 2) on y.
    assertEquals((n + 1) / (n + 2), doubles(rows.get("t-0"), "quality")[MID_IDX], 1e-12);
    assertEquals(1 / (n + 2), doubles(rows.get("t-1"), "quality")[MID_IDX], 1e-12);
    assertEquals(0.5, doubles(rows.get("t-2"), "quality")[MID_IDX], 1e-12, "unseen task z: global mean");
    for (Row r : rows.values()) {
      assertEquals(0.9, doubles(r, "quality")[BIG_IDX], 1e-12, "no outcomes: catalog prior");
    }
  }

  @Test
  void smallModelQualityRisesWithTheMarginBin() {
    List<Row> bins = read("out/quality_table").filter("task IS NULL AND margin_bin IS NOT NULL")
        .orderBy("margin_bin").collectAsList();
    assertEquals(10, bins.size());
    double[] est = bins.stream().mapToDouble(r -> r.getDouble(r.fieldIndex("estimate"))).toArray();
    assertTrue(est[0] < 0.3 && est[9] > 0.7, java.util.Arrays.toString(est));
    double low = (est[0] + est[1] + est[2]) / 3;
    double high = (est[7] + est[8] + est[9]) / 3;
    assertTrue(low + 0.4 < high, java.util.Arrays.toString(est));
    assertEquals(10, read("out/margin_bins").count());

    Map<String, Row> rows = scored("out");
    double lowMargin = doubles(rows.get("t-3"), "quality")[SMALL_IDX];
    double highMargin = doubles(rows.get("t-1"), "quality")[SMALL_IDX];
    assertTrue(lowMargin + 0.4 < highMargin, lowMargin + " vs " + highMargin);
  }

  @Test
  void queryWithoutMarginGetsTheSmallModelsTaskMean() {
    Row t0 = scored("out").get("t-0");
    assertNull(t0.get(t0.fieldIndex("margin")));
    Row xSmall = read("out/quality_table")
        .filter("task = 'x' AND model_id = '" + SMALL + "' AND margin_bin IS NULL").first();
    assertEquals(xSmall.getDouble(xSmall.fieldIndex("estimate")), doubles(t0, "quality")[SMALL_IDX], 1e-12);
  }

  @Test
  void labelledHistoryQueriesAreScoredLikeTonights() {
    Map<String, Row> history = read("out/" + ScoringJob.HISTORY_SCORED_DIR).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("query_id")), r -> r));
    // Every valid history query with a used outcome, once (h-x-0's duplicate line is rejected).
    assertEquals(2 * HISTORY_PER_TASK, history.size());
    double n = HISTORY_PER_TASK;
    assertEquals((n + 1) / (n + 2), doubles(history.get("h-x-7"), "quality")[MID_IDX], 1e-12);
    assertEquals(1 / (n + 2), doubles(history.get("h-y-7"), "quality")[MID_IDX], 1e-12);
    // The small model's estimate follows the margin bin, as tonight's does.
    Row t1 = scored("out").get("t-1");
    Row sameBin = history.values().stream()
        .filter(r -> r.getString(r.fieldIndex("query_id")).startsWith("h-y-"))
        .filter(r -> doubles(r, "quality")[SMALL_IDX] == doubles(t1, "quality")[SMALL_IDX]).findFirst().orElse(null);
    assertTrue(sameBin != null, "some history query of task y shares t-1's small-model estimate");
  }

  @Test
  void costsAreHandComputedPerCatalogModelTimesTheHistorysRealisedOverEstimatedCost() {
    // Each history outcome cost $0.0031 (Records.outcome); its query's estimate is the catalog
    // price of 812 prompt + 12 output tokens. MID and SMALL have HISTORY_PER_TASK * 2 outcomes with
    // a cost (less the rejected ones for MID); BIG has none and keeps the catalog price.
    Map<String, Row> table = read("out/cost_calibration").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    double[] ratio = new double[3];
    for (String model : List.of(MID, SMALL, BIG)) {
      Row r = table.get(model);
      long n = r.getLong(1);
      double estimate = CATALOG.get(CATALOG.indexOf(model)).costUsd(812, 12);
      assertEquals(n * 0.0031, r.getDouble(2), 1e-9, model);
      assertEquals(n * estimate, r.getDouble(3), 1e-9, model);
      double prior = CostCalibration.PRIOR_QUERIES * estimate;
      double expected = n == 0 ? 1.0 : (n * 0.0031 + prior) / (n * estimate + prior);
      assertEquals(expected, r.getDouble(4), 1e-12, model);
      ratio[CATALOG.indexOf(model)] = r.getDouble(4);
    }
    assertEquals(0, table.get(BIG).getLong(1));
    assertEquals(2 * HISTORY_PER_TASK, table.get(SMALL).getLong(1));
    // 1000 prompt + 500 output tokens at (0.01, 0.02), (0.1, 0.2), (1.0, 4.0) USD per 1k.
    double[] catalog = {0.02, 0.2, 3.0};
    double[] cost = doubles(scored("out").get("t-3"), "cost_usd");
    for (int j = 0; j < 3; j++) {
      assertEquals(catalog[j] * ratio[j], cost[j], 1e-12, "model " + j);
    }
    assertTrue(Math.abs(ratio[SMALL_IDX] - 1) > 0.01, "the fixture's costs differ from the catalog's: " + ratio[SMALL_IDX]);
  }

  @Test
  void aRatioRecoversAPlantedCostFactorAndFewOutcomesStayNearTheCatalog() {
    // 5,000 outcomes at 1.25x their estimate: 1.25 shrunk by 20 pseudo-queries at 1.
    assertEquals((5000 * 1.25 + 20) / 5020, CostCalibration.ratio(5000, 5000 * 1.25 * 0.001, 5000 * 0.001), 1e-12);
    assertEquals(1.25, CostCalibration.ratio(5000, 5000 * 1.25 * 0.001, 5000 * 0.001), 0.002);
    // 2 outcomes at 3x: mostly the catalog's price.
    assertTrue(CostCalibration.ratio(2, 2 * 3 * 0.001, 2 * 0.001) < 1.2);
    assertEquals(1.0, CostCalibration.ratio(0, 0, 0));
  }

  @Test
  void rejectedOutcomesNameFieldAndReason() {
    Map<String, Row> byRef = read("out/rejected_outcomes").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(1), r -> r));
    assertEquals(7, byRef.size());
    int first = 4 * HISTORY_PER_TASK + 1;
    assertEquals("score", byRef.get("line " + first).getAs("field"));
    assertEquals("score", byRef.get("line " + (first + 1)).getAs("field"));
    String nan = byRef.get("line " + (first + 2)).getAs("reason");
    assertTrue(nan.startsWith("score is NaN"), nan);
    String big = byRef.get("line " + (first + 3)).getAs("reason");
    assertTrue(big.startsWith("score is 1.5"), big);
    assertEquals("model_id", byRef.get("line " + (first + 4)).getAs("field"));
    assertEquals("query_id 'nowhere' is not among the valid history queries",
        byRef.get("line " + (first + 5)).getAs("reason"));
    assertEquals("cost_usd", byRef.get("line " + (first + 6)).getAs("field"));
    assertTrue(byRef.values().stream().allMatch(r -> "outcomes".equals(r.getAs("source"))));
  }

  @Test
  void outputIsSortedAndIdenticalOnRerun() {
    score(historyLog, outcomes, "rerun");
    List<Row> a = read("out/scored").collectAsList();
    assertEquals(List.of("t-0", "t-1", "t-2", "t-3"), a.stream().map(r -> r.getString(0)).toList());
    assertEquals(a, read("rerun/scored").collectAsList());
    assertEquals(List.of(ScoredSchema.COLUMNS), List.of(read("out/scored").columns()));
  }

  @Test
  void modelWithoutOutcomesOrPriorFailsNamingIt() throws IOException {
    Path onlySmall = Files.write(tmp.resolve("only-small.jsonl"),
        List.of(Records.outcome("h-x-0", SMALL, 1).toString()));
    ScoringException e = assertThrows(ScoringException.class, () -> score(historyLog, onlySmall, "fail"));
    assertTrue(e.getMessage().startsWith("model 'mid' has no outcomes"), e.getMessage());
  }

  @Test
  void validDirWithoutTheNeededColumnsFailsClearly() {
    String bogus = tmp.resolve("bogus").toString();
    spark.sql("SELECT 'q' AS query_id").write().parquet(bogus);
    InputFormatException e = assertThrows(InputFormatException.class, () -> ScoringJob.run(spark,
        new ScoringJob.Params(bogus, CATALOG, List.of(), List.of(), tmp.resolve("o").toString())));
    assertTrue(e.getMessage().contains("column 'tenant' is missing"), e.getMessage());
  }
}
