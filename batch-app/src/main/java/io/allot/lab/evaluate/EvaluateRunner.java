package io.allot.lab.evaluate;

import io.allot.spark.predict.CalibrationMetrics;
import io.allot.spark.predict.KnnPredictor;
import io.allot.spark.predict.ModelMetrics;
import io.allot.spark.predict.PredictorColumns;
import io.allot.spark.predict.PredictorTrainer;
import io.allot.spark.predict.Predictions;
import io.allot.spark.predict.QualityPredictor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the predictor on the train part, assigns the test part under a budget sweep and scores
 * every assignment with the realised outcomes. Test rows with an empty cell are left out (and
 * counted): no model may be charged or credited for an outcome nobody observed.
 */
public final class EvaluateRunner {
  private static final Logger log = LoggerFactory.getLogger(EvaluateRunner.class);
  /** Budgets at these shares of the best single model's estimated cost join the sweep. */
  static final double[] COST_RATIOS = {0.05, 0.1, 0.25, 0.3, 0.5};

  /**
   * Extra policy curves computed from the test rows and the predictions. The two-tier cascade
   * (docs/cascade.md) plugs in here for data with small-model logprobs; the CSV formats carry none, so
   * none is registered by default.
   */
  @FunctionalInterface
  public interface PolicyCurve extends Function<RoutingData, Curve> {}

  private final Supplier<SparkSession> sparkOnDemand;
  private final List<PolicyCurve> extraPolicies;
  private SparkSession spark;

  /** Spark is started only once the files have been read and checked. */
  public EvaluateRunner(Supplier<SparkSession> sparkOnDemand, List<PolicyCurve> extraPolicies) {
    this.sparkOnDemand = sparkOnDemand;
    this.extraPolicies = List.copyOf(extraPolicies);
  }

  public EvaluationResult run(EvaluateRequest req) {
    RoutingData all = RoutingCsvReader.read(req.data(), req.format());
    RoutingData train;
    RoutingData testAll;
    if (req.trainFile() != null) {
      train = RoutingCsvReader.read(req.trainFile(), req.format());
      if (!train.models().equals(all.models())) {
        throw new IllegalArgumentException("the train file's models " + train.models()
            + " differ from the data file's " + all.models());
      }
      testAll = all;
    } else {
      int[][] parts = split(all.rows(), req.trainFraction(), req.seed());
      train = all.select(parts[0], "train");
      testAll = all.select(parts[1], "test");
    }
    int[] complete = java.util.stream.IntStream.range(0, testAll.rows())
        .filter(testAll::complete).toArray();
    RoutingData test = testAll.select(complete, "test");
    int dropped = testAll.rows() - test.rows();
    log.info("evaluate: {} training rows ({} empty cells), {} test rows ({} empty cells; {} rows "
        + "with an empty cell left out)", train.rows(), train.missingCells(), testAll.rows(),
        testAll.missingCells(), dropped);

    spark = sparkOnDemand.get();
    Dataset<Row> trainRows = rows(train).cache();
    Dataset<Row> testRows = rows(test).cache();
    QualityPredictor predictor = PredictorTrainer.train(trainRows, train.models(), req.predictor());
    Predictions classifier = predictor.predict(testRows);
    Predictions knn = KnnPredictor.fit(predictor.features(), trainRows, train.models(),
        req.predictor()).predict(testRows);
    trainRows.unpersist();
    testRows.unpersist();

    CostEstimate costs = CostEstimate.fit(train);
    double[] est = new double[test.rows() * test.modelCount()];
    for (int i = 0; i < test.rows(); i++) {
      for (int j = 0; j < test.modelCount(); j++) {
        est[i * test.modelCount() + j] = costs.estimate(j, test.texts()[i]);
      }
    }
    List<Curve> singles = Baselines.singles(test);
    Curve best = Baselines.best(singles);
    Curve cheapest = Baselines.cheapest(singles);
    int bestIndex = Baselines.indexOf(test, best);
    double bestEstimated = 0;
    for (int i = 0; i < test.rows(); i++) {
      bestEstimated += est[i * test.modelCount() + bestIndex];
    }
    double[] extra = new double[COST_RATIOS.length + 1];
    for (int k = 0; k < COST_RATIOS.length; k++) {
      extra[k] = COST_RATIOS[k] * bestEstimated;
    }
    extra[COST_RATIOS.length] = bestEstimated;

    double[] pClassifier = matrix(test, classifier::calibrated);
    double[] pKnn = matrix(test, knn::calibrated);
    List<Curve> routers = new ArrayList<>();
    routers.add(BudgetSweep.run("allot (singles)", OptionTable.build(test, pClassifier, est,
        new int[0]), test.ids(), req.budgetLevels(), extra, req.solver()));
    routers.add(BudgetSweep.run("allot (singles + subsets)", OptionTable.build(test, pClassifier,
        est, req.subsetSizes()), test.ids(), req.budgetLevels(), extra, req.solver()));
    routers.add(BudgetSweep.run("kNN (singles)", OptionTable.build(test, pKnn, est, new int[0]),
        test.ids(), req.budgetLevels(), extra, req.solver()));
    for (PolicyCurve policy : extraPolicies) {
      routers.add(policy.apply(test));
    }
    Curve random = Baselines.randomMix(test, Baselines.indexOf(test, cheapest), bestIndex,
        req.seed());
    Curve oracle = Baselines.oracle(test);
    return new EvaluationResult(req, train.rows(), train.missingCells(), testAll.rows(),
        testAll.missingCells(), dropped, routers, singles, best, random, oracle,
        metrics(predictor.modelIds(), test, classifier), metrics(predictor.modelIds(), test, knn));
  }

  /** Calibrated-classifier quality on the test rows (raw = before the isotonic map). */
  private static List<ModelMetrics> metrics(List<String> models, RoutingData test, Predictions p) {
    List<ModelMetrics> out = new ArrayList<>();
    for (int j = 0; j < models.size(); j++) {
      double[] raw = new double[test.rows()];
      double[] cal = new double[test.rows()];
      boolean[] right = new boolean[test.rows()];
      for (int i = 0; i < test.rows(); i++) {
        raw[i] = p.raw(test.ids()[i])[j];
        cal[i] = p.calibrated(test.ids()[i])[j];
        right[i] = test.score(i, j) >= PredictorColumns.CORRECT_AT;
      }
      out.add(new ModelMetrics(models.get(j), CalibrationMetrics.of(raw, right),
          CalibrationMetrics.of(cal, right)));
    }
    return out;
  }

  private static double[] matrix(RoutingData test, Function<String, double[]> p) {
    int m = test.modelCount();
    double[] out = new double[test.rows() * m];
    for (int i = 0; i < test.rows(); i++) {
      System.arraycopy(p.apply(test.ids()[i]), 0, out, i * m, m);
    }
    return out;
  }

  /** A seeded shuffle: the first share of rows trains, the rest is the test part. */
  static int[][] split(int n, double trainFraction, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    int cut = (int) Math.round(n * trainFraction);
    if (cut < 1 || cut >= n) {
      throw new IllegalArgumentException("--train-fraction " + trainFraction + " of " + n
          + " rows leaves no training or no test rows");
    }
    int[] train = order.subList(0, cut).stream().mapToInt(Integer::intValue).sorted().toArray();
    int[] test = order.subList(cut, n).stream().mapToInt(Integer::intValue).sorted().toArray();
    return new int[][] {train, test};
  }

  private Dataset<Row> rows(RoutingData data) {
    StructType schema = new StructType()
        .add(PredictorColumns.ID, DataTypes.StringType, false)
        .add(PredictorColumns.TEXT, DataTypes.StringType, false)
        .add(PredictorColumns.SCORES, DataTypes.createArrayType(DataTypes.DoubleType, true), false);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < data.rows(); i++) {
      Double[] scores = new Double[data.modelCount()];
      for (int j = 0; j < data.modelCount(); j++) {
        double s = data.score(i, j);
        scores[j] = Double.isNaN(s) ? null : s;
      }
      rows.add(RowFactory.create(data.ids()[i], data.texts()[i], Arrays.asList(scores)));
    }
    return spark.createDataFrame(rows, schema);
  }
}
