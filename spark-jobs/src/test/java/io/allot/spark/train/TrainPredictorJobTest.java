package io.allot.spark.train;

import io.allot.spark.predict.CrossModelCalibration;
import io.allot.spark.predict.ModelMetrics;
import io.allot.spark.predict.Predictions;
import io.allot.spark.predict.PredictorColumns;
import io.allot.spark.predict.PredictorSettings;
import io.allot.spark.predict.PredictorStore;
import io.allot.spark.predict.QualityPredictor;
import io.allot.spark.predict.TrainingRows;
import static io.allot.spark.testing.TestCatalog.BIG;
import static io.allot.spark.testing.TestCatalog.MID;
import static io.allot.spark.testing.TestCatalog.SMALL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.IngestJob;
import io.allot.spark.score.ScoringJob;
import io.allot.spark.testing.Records;
import io.allot.spark.testing.SparkTestSession;
import io.allot.spark.testing.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainPredictor job on history with a truth only the text reveals: every query has the same
 * task, MID is always right on physics questions and always wrong on cooking ones (so the
 * smoothed per-task mean says 0.5 for both), SMALL is a coin, BIG has no outcomes at all.
 */
class TrainPredictorJobTest {
  private static final ModelCatalog CATALOG = TestCatalog.threeModels();
  /**
   * A small hash space and few iterations, and the classifiers fitted on the driver as the nightly
   * job does for small histories (MLlib's fit is QualityPredictorTest's): ten iterations are plenty
   * for a truth that one word of the text reveals.
   */
  private static final PredictorSettings QUICK = new PredictorSettings(1 << 10, 1, 0.05, 10, 1e-4, 0.3, 42L, 20, 2.0)
      .withDriverFitMaxRows(PredictorSettings.defaults().driverFitMaxRows());
  private static final String[] PHYSICS = {"quantum", "electron", "momentum", "photon", "gravity", "entropy"};
  private static final String[] COOKING = {"recipe", "oven", "garlic", "simmer", "flour", "basil"};
  private static SparkSession spark;
  @TempDir static Path tmp;
  private static TrainPredictorJob.Summary summary;
  private static String predictorDir;
  private static Path history;
  private static Path outcomes;

  @BeforeAll
  static void train() throws IOException {
    spark = SparkTestSession.get();
    Random rnd = new Random(7);
    List<String> queries = new ArrayList<>();
    List<String> results = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      boolean physics = i % 2 == 0;
      String id = "h-" + i;
      queries.add(Records.query(id, "qa", rnd.nextDouble() * 4).put("text", text(physics, rnd)).toString());
      results.add(Records.outcome(id, MID, physics ? 1 : 0).toString());
      results.add(Records.outcome(id, SMALL, rnd.nextBoolean() ? 1 : 0).toString());
    }
    history = Files.write(tmp.resolve("history.jsonl"), queries);
    outcomes = Files.write(tmp.resolve("outcomes.jsonl"), results);
    predictorDir = tmp.resolve("predictor").toString();
    summary = TrainPredictorJob.run(spark, params(40));
  }

  private static TrainPredictorJob.Params params(int minRows) {
    return new TrainPredictorJob.Params(List.of(history.toString()), List.of(outcomes.toString()), CATALOG,
        predictorDir, QUICK, 0.2, minRows);
  }

  private static String text(boolean physics, Random rnd) {
    String[] vocab = physics ? PHYSICS : COOKING;
    return "please explain " + vocab[rnd.nextInt(vocab.length)] + " and " + vocab[rnd.nextInt(vocab.length)];
  }

  @Test
  void trainsTheLabelledModelsAndSkipsTheOneWithoutOutcomes() {
    assertEquals(List.of(SMALL, MID).stream().sorted(
        java.util.Comparator.comparingInt(CATALOG::indexOf)).toList(), summary.trainedModels());
    assertEquals(Map.of(BIG, 0L), summary.skippedModels());
    assertEquals(240, summary.labelledQueries());
    assertEquals(240, summary.trainRows() + summary.testRows());
    assertTrue(summary.testRows() > 20 && summary.testRows() < 80, "about 20% held out: " + summary.testRows());
    // BIG has no cell for any of the 240 labelled queries.
    assertEquals(240, summary.missingCells());
  }

  @Test
  void testMetricsShowTheTopicTruthWasLearned() {
    ModelMetrics mid = summary.testMetrics().stream().filter(m -> m.modelId().equals(MID)).findFirst().orElseThrow();
    assertEquals(summary.testRows(), mid.calibrated().rows());
    assertTrue(mid.calibrated().auc() > 0.95, "MID's AUC on held-out queries: " + mid.calibrated().auc());
    // One task for all queries: the smoothed per-task means cannot rank them, the text can.
    assertEquals(0.5, summary.smoothedMetrics().get(MID).auc(), 1e-9);
    assertTrue(summary.meanBrier()[0] < summary.meanBrier()[1], "predictor vs per-task Brier "
        + java.util.Arrays.toString(summary.meanBrier()));
  }

  @Test
  void savedPredictorLoadsBackWithTheSamePredictions() throws IOException {
    QualityPredictor loaded = PredictorStore.load(spark, predictorDir);
    assertEquals(summary.trainedModels(), loaded.modelIds());
    var valid = io.allot.spark.ingest.QueryLogReader.read(spark, List.of(history.toString()),
        io.allot.spark.ingest.InputFormat.AUTO, new io.allot.spark.ingest.QueryRecordValidator(CATALOG)).valid();
    var rows = TrainingRows.of(valid,
        io.allot.spark.ingest.OutcomeReader.read(spark, List.of(outcomes.toString()), CATALOG, valid).used(),
        loaded.modelIds()).limit(10)
        // read, validated and joined once: both predictions and the id list use the same ten rows
        .localCheckpoint();
    Predictions a = loaded.predict(rows);
    Predictions b = PredictorStore.load(spark, predictorDir).predict(rows);
    for (Row r : rows.select(PredictorColumns.ID).collectAsList()) {
      assertArrayEquals(a.calibrated(r.getString(0)), b.calibrated(r.getString(0)), 0.0);
    }
    assertEquals(10, a.size());
  }

  @Test
  void theCrossModelStageIsSavedWithThePredictorAndAppliedToItsEstimates() throws IOException {
    // About 48 test rows, fewer than a model needs for the stage: the job kept the identity.
    assertTrue(summary.crossModel().rows()[0] < CrossModelCalibration.MIN_ROWS);
    assertTrue(summary.crossModel().calibration().isIdentity());
    QualityPredictor plain = PredictorStore.load(spark, predictorDir);
    CrossModelCalibration stage = new CrossModelCalibration(List.of(
        new CrossModelCalibration.Coefficients(0.3, 0.5, 0.4), new CrossModelCalibration.Coefficients(-0.2, 0.8, 0.1)));
    String dir = tmp.resolve("crossed").toString();
    PredictorStore.save(spark, plain.withCrossModel(stage), dir);
    QualityPredictor crossed = PredictorStore.load(spark, dir);
    assertEquals(stage.coefficients(), crossed.crossModel().coefficients());
    var valid = io.allot.spark.ingest.QueryLogReader.read(spark, List.of(history.toString()),
        io.allot.spark.ingest.InputFormat.AUTO, new io.allot.spark.ingest.QueryRecordValidator(CATALOG)).valid();
    var rows = valid.limit(10).localCheckpoint();
    Predictions before = plain.predict(rows);
    Predictions after = crossed.predict(rows);
    for (Row r : rows.select(PredictorColumns.ID).collectAsList()) {
      double[] expected = stage.apply(before.calibrated(r.getString(0)));
      assertArrayEquals(expected, after.calibrated(r.getString(0)), 1e-12);
      assertTrue(Math.abs(expected[0] - before.calibrated(r.getString(0))[0]) > 1e-6, "the stage moved the estimate");
    }
  }

  @Test
  void scoreStepUsesThePredictorAndKeepsSmoothedMeansForUncoveredModels() throws IOException {
    Random rnd = new Random(11);
    List<String> tonight = List.of(
        Records.query("t-physics", "qa", 2).put("text", text(true, rnd)).toString(),
        Records.query("t-cooking", "qa", 2).put("text", text(false, rnd)).toString());
    Path log = Files.write(tmp.resolve("tonight.jsonl"), tonight);
    IngestJob.run(spark, new IngestJob.Params(log.toString(), CATALOG, tmp.resolve("ingest").toString()));
    String valid = tmp.resolve("ingest/valid").toString();
    ScoringJob.run(spark, new ScoringJob.Params(valid, CATALOG, List.of(history.toString()),
        List.of(outcomes.toString()), tmp.resolve("with").toString(), predictorDir, List.of()));
    ScoringJob.run(spark, new ScoringJob.Params(valid, CATALOG, List.of(history.toString()),
        List.of(outcomes.toString()), tmp.resolve("without").toString()));
    Map<String, double[]> with = quality(tmp.resolve("with/scored"));
    Map<String, double[]> without = quality(tmp.resolve("without/scored"));
    int mid = CATALOG.indexOf(MID);
    int big = CATALOG.indexOf(BIG);
    assertTrue(with.get("t-physics")[mid] > 0.8, "physics: " + with.get("t-physics")[mid]);
    assertTrue(with.get("t-cooking")[mid] < 0.2, "cooking: " + with.get("t-cooking")[mid]);
    // The per-task mean cannot tell the two apart.
    assertEquals(without.get("t-physics")[mid], without.get("t-cooking")[mid], 1e-12);
    // BIG is not covered by the predictor: both runs give it the same smoothed estimate (its prior).
    assertEquals(without.get("t-physics")[big], with.get("t-physics")[big], 1e-12);
  }

  @Test
  void aFolderWithoutManifestIsRefusedByName() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("half-saved"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PredictorStore.load(spark, empty.toString()));
    assertTrue(e.getMessage().contains(empty + " has no readable " + PredictorStore.MANIFEST), e.getMessage());
  }

  @Test
  void noModelWithEnoughLabelsIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainPredictorJob.run(spark, params(100_000)));
    assertTrue(e.getMessage().contains("no model has 100000 labelled training rows"), e.getMessage());
  }

  private static Map<String, double[]> quality(Path scored) {
    Map<String, double[]> out = new HashMap<>();
    for (Row r : spark.read().parquet(scored.toString()).select("query_id", "quality").collectAsList()) {
      out.put(r.getString(0), r.getList(1).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray());
    }
    return out;
  }
}
