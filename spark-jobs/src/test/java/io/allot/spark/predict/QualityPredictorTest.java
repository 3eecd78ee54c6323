package io.allot.spark.predict;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allot.spark.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QualityPredictorTest {
  /** A small hash space and few iterations keep the test quick on a shared machine. */
  private static final PredictorSettings SMALL =
      new PredictorSettings(1 << 10, 1, 0.05, 30, 1e-4, 0.3, 42L, 20, 2.0);
  private static SparkSession spark;
  private static Dataset<Row> train;
  private static Dataset<Row> test;
  private static QualityPredictor predictor;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.get();
    train = TopicQueries.make(spark, "train-", 400, 0.95, 11).cache();
    test = TopicQueries.make(spark, "test-", 200, 0.95, 12).cache();
    predictor = PredictorTrainer.train(train, TopicQueries.MODELS, SMALL);
  }

  @AfterAll
  static void release() {
    train.unpersist();
    test.unpersist();
  }

  @Test
  void learnsWhichTopicTheExpertKnows() {
    Predictions p = predictor.predict(test);
    double physics = meanExpert(p, "physics");
    double cooking = meanExpert(p, "cooking");
    assertTrue(physics > 0.85, "expert on physics predicted " + physics);
    assertTrue(cooking < 0.15, "expert on cooking predicted " + cooking);
    ModelMetrics expert = predictor.metrics(test).get(0);
    assertTrue(expert.calibrated().auc() > 0.9, "AUC " + expert.calibrated().auc());
    // The coin model has no signal to learn: its prediction stays near 1/2 and its AUC near 1/2.
    ModelMetrics coin = predictor.metrics(test).get(1);
    assertTrue(Math.abs(coin.calibrated().auc() - 0.5) < 0.15, "coin AUC " + coin.calibrated().auc());
  }

  @Test
  void theTaskLabelIsAFeatureWhenTheTextSaysNothing() {
    // Same words for every query: only the task tells the expert's strong topic apart.
    Dataset<Row> blindTrain = train.withColumn(PredictorColumns.TASK, col("topic"))
        .withColumn(PredictorColumns.TEXT, org.apache.spark.sql.functions.lit("what is the answer"));
    Dataset<Row> blindTest = test.withColumn(PredictorColumns.TASK, col("topic"))
        .withColumn(PredictorColumns.TEXT, org.apache.spark.sql.functions.lit("what is the answer"));
    QualityPredictor byTask = PredictorTrainer.train(blindTrain, TopicQueries.MODELS, SMALL);
    assertTrue(byTask.features().usesTask());
    ModelMetrics expert = byTask.metrics(blindTest).get(0);
    assertTrue(expert.calibrated().auc() > 0.9, "AUC from the task alone " + expert.calibrated().auc());
  }

  @Test
  void missingScoresAreLeftOutNotReadAsWrong() {
    // "patchy" is right on every row that has a score; a third of its cells are missing. Read as
    // 0 they would pull its prediction to about 2/3; left out, every prediction stays near 1.
    Predictions p = predictor.predict(test);
    for (Row r : test.collectAsList()) {
      double patchy = p.calibrated(r.getString(0))[2];
      assertTrue(patchy > 0.95, "patchy predicted " + patchy + " for " + r.getString(0));
    }
    ModelMetrics m = predictor.metrics(test).get(2);
    long scored = test.collectAsList().stream().filter(r -> r.getList(2).get(2) != null).count();
    assertEquals(133, scored, "the fixture leaves every third of 200 cells empty");
    assertEquals(scored, m.calibrated().rows(),
        "metrics count only the rows that have a score");
  }

  @Test
  void calibrationLowersTheCalibrationError() {
    // A heavy L2 penalty squeezes the logistic probabilities towards the mean; the isotonic map
    // fitted on the hold-out undoes that.
    QualityPredictor shrunk = PredictorTrainer.train(train, TopicQueries.MODELS,
        SMALL.withRegParam(2.0));
    ModelMetrics expert = shrunk.metrics(test).get(0);
    assertTrue(expert.raw().ece() > 0.15, "raw ECE " + expert.raw().ece());
    assertTrue(expert.calibrated().ece() < expert.raw().ece() / 2,
        "ECE raw " + expert.raw().ece() + " calibrated " + expert.calibrated().ece());
    assertTrue(expert.calibrated().brier() < expert.raw().brier());
  }

  @Test
  void tooFewLabelledRowsNamesTheModel() {
    Dataset<Row> tiny = train.limit(6);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PredictorTrainer.train(tiny, TopicQueries.MODELS, SMALL));
    assertTrue(e.getMessage().contains("model 'topic-expert'"), e.getMessage());
  }

  private static double meanExpert(Predictions p, String topic) {
    List<Row> rows = test.filter(col("topic").equalTo(topic)).collectAsList();
    return rows.stream().mapToDouble(r -> p.calibrated(r.getString(0))[0]).average().orElseThrow();
  }
}
