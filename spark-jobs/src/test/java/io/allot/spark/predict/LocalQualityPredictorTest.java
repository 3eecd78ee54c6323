package io.allot.spark.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allot.spark.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver-side predictor against MLlib's on the same seeded fixture and settings: same
 * calibration hold-out, close raw probabilities (both optimisers run to convergence here, so the
 * comparison is of the objective's optimum, not of two stopping points), close calibrated ones.
 */
class LocalQualityPredictorTest {
  private static final PredictorSettings CONVERGED =
      new PredictorSettings(1 << 10, 1, 0.5, 200, 1e-9, 0.3, 42L, 20, 2.0);
  private static SparkSession spark;
  private static Dataset<Row> train;
  private static Dataset<Row> test;
  private static List<Row> trainRows;
  private static List<Row> testRows;
  private static QualityPredictor mllib;
  private static QualityPredictor driverFit;
  private static LocalQualityPredictor local;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.get();
    train = TopicQueries.make(spark, "train-", 300, 0.8, 21).cache();
    test = TopicQueries.make(spark, "test-", 80, 0.8, 22).cache();
    mllib = PredictorTrainer.train(train, TopicQueries.MODELS, CONVERGED);
    driverFit = PredictorTrainer.train(train, TopicQueries.MODELS, CONVERGED.withDriverFitMaxRows(300));
    trainRows = train.collectAsList();
    testRows = test.collectAsList();
    int n = trainRows.size();
    int m = TopicQueries.MODELS.size();
    String[] ids = new String[n];
    String[] texts = new String[n];
    double[] scores = new double[n * m];
    for (int i = 0; i < n; i++) {
      ids[i] = trainRows.get(i).getString(0);
      texts[i] = trainRows.get(i).getString(1);
      List<Object> s = trainRows.get(i).getList(2);
      for (int j = 0; j < m; j++) {
        scores[i * m + j] = s.get(j) == null ? Double.NaN : ((Number) s.get(j)).doubleValue();
      }
    }
    local = LocalQualityPredictor.train(ids, texts, scores, TopicQueries.MODELS, CONVERGED);
  }

  @AfterAll
  static void release() {
    // The session is shared by the module's test classes (SparkTestSession): free only our data.
    train.unpersist();
    test.unpersist();
  }

  @Test
  void rawAndCalibratedProbabilitiesMatchMllib() {
    Predictions p = mllib.predict(spark.createDataFrame(testRows, TopicQueries.SCHEMA));
    double worstRaw = 0;
    double worstCal = 0;
    for (Row r : testRows) {
      double[] lr = local.raw(r.getString(1));
      double[] lc = local.calibrated(r.getString(1));
      for (int j = 0; j < 2; j++) { // model 2 is always right: a constant, checked below
        worstRaw = Math.max(worstRaw, Math.abs(lr[j] - p.raw(r.getString(0))[j]));
        worstCal = Math.max(worstCal, Math.abs(lc[j] - p.calibrated(r.getString(0))[j]));
      }
      assertEquals(p.raw(r.getString(0))[2], lr[2], 1e-12);
    }
    assertTrue(worstRaw < 0.01, "largest raw difference " + worstRaw);
    assertTrue(worstCal < 0.03, "largest calibrated difference " + worstCal);
  }

  @Test
  void coefficientsMatchMllib() {
    double[] w = local.classifier(0).weights();
    double[] ref = mllib.classifier(0).coefficients().toArray();
    double scale = 0;
    double diff = 0;
    for (int k = 0; k < w.length; k++) {
      scale = Math.max(scale, Math.abs(ref[k]));
      diff = Math.max(diff, Math.abs(ref[k] - w[k]));
    }
    assertTrue(scale > 0.05, "the fixture's expert must have real weights, largest " + scale);
    assertTrue(diff < 0.02 * scale, "largest coefficient difference " + diff + " of " + scale);
    assertEquals(mllib.classifier(0).intercept(), local.classifier(0).intercept(), 0.02 * scale + 1e-3);
  }

  @Test
  void theTrainersDriverFitGivesMllibsClassifiersAndTheSamePredictions() {
    // 300 rows, at the limit: the trainer collects them and fits each model in memory.
    for (int j = 0; j < 2; j++) {
      double[] w = driverFit.classifier(j).coefficients().toArray();
      double[] ref = mllib.classifier(j).coefficients().toArray();
      double scale = 0;
      double diff = 0;
      for (int k = 0; k < w.length; k++) {
        scale = Math.max(scale, Math.abs(ref[k]));
        diff = Math.max(diff, Math.abs(ref[k] - w[k]));
      }
      assertTrue(diff < 0.02 * scale, "model " + j + ": largest coefficient difference " + diff + " of " + scale);
    }
    Predictions byDriver = driverFit.predict(spark.createDataFrame(testRows, TopicQueries.SCHEMA));
    Predictions byMllib = mllib.predict(spark.createDataFrame(testRows, TopicQueries.SCHEMA));
    double worstRaw = 0;
    for (Row r : testRows) {
      double[] d = byDriver.raw(r.getString(0));
      double[] lr = local.raw(r.getString(1));
      for (int j = 0; j < 2; j++) {
        // The trainer's driver fit is the local learner's objective and optimiser on the same rows.
        assertEquals(lr[j], d[j], 1e-4, r.getString(0));
        worstRaw = Math.max(worstRaw, Math.abs(d[j] - byMllib.raw(r.getString(0))[j]));
      }
    }
    assertTrue(worstRaw < 0.01, "largest raw difference from MLlib " + worstRaw);
  }

  @Test
  void holdOutIsTheTrainersRule() {
    // The trainer's Spark expression, evaluated by Spark, against the driver-side rule.
    Dataset<Row> flagged = spark.createDataFrame(trainRows, TopicQueries.SCHEMA).select(
        org.apache.spark.sql.functions.col(PredictorColumns.ID),
        org.apache.spark.sql.functions.pmod(org.apache.spark.sql.functions.abs(
            org.apache.spark.sql.functions.xxhash64(org.apache.spark.sql.functions.col(PredictorColumns.ID),
                org.apache.spark.sql.functions.lit(CONVERGED.seed()))),
            org.apache.spark.sql.functions.lit(10_000)).lt(3_000));
    int held = 0;
    for (Row r : flagged.collectAsList()) {
      assertEquals(r.getBoolean(1), LocalQualityPredictor.isHeldOut(r.getString(0), CONVERGED), r.getString(0));
      held += r.getBoolean(1) ? 1 : 0;
    }
    assertTrue(held > 50 && held < 130, "held out " + held);
  }
}
