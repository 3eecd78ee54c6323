package io.allot.lab.evaluate;

import io.allot.agreement.PolicyEstimate;
import io.allot.spark.predict.ModelMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains on the train part, assigns the test part under a budget sweep and scores every
 * assignment with the realised outcomes. Test rows with an empty cell are left out (and
 * counted): no model may be charged or credited for an outcome nobody observed.
 *
 * <p>Everything runs on the driver ({@link QualityEstimates}: MLlib's predictor trained without
 * Spark jobs). The product curve "allot" is the planning configuration that had the highest mean
 * AIQ over {@link #VALIDATION_FOLDS} folds within the train part; the test part is never used to
 * choose anything.
 */
public final class EvaluateRunner {
  private static final Logger log = LoggerFactory.getLogger(EvaluateRunner.class);
  static final int VALIDATION_FOLDS = 3;

  public EvaluationResult run(EvaluateRequest req) {
    long t0 = System.nanoTime();
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
    int small = -1;
    if (req.smallModel() != null) {
      small = train.models().indexOf(req.smallModel());
      if (small < 0) {
        throw new IllegalArgumentException("--small-model '" + req.smallModel()
            + "' is not one of the file's models " + train.models());
      }
      if (train.answers() == null) {
        throw new IllegalArgumentException("--small-model needs the models' answer texts, and "
            + req.data() + " has none");
      }
    }
    RoutingData test = testAll.select(complete(testAll), "test");
    int dropped = testAll.rows() - test.rows();
    RoutingData trainComplete = train.select(complete(train), "train");
    log.info("evaluate: {} training rows ({} empty cells; {} complete rows plan cascades and "
        + "votes), {} test rows ({} empty cells; {} rows with an empty cell left out)",
        train.rows(), train.missingCells(), trainComplete.rows(), testAll.rows(),
        testAll.missingCells(), dropped);

    RoutingPlans.Setup setup = new RoutingPlans.Setup(req.subsetSizes(), req.budgetLevels(),
        req.solver(), req.predictor(), req.seed(), small);
    Map<String, Double> validation = validate(trainComplete, setup);
    String chosen = validation.entrySet().stream().max(Map.Entry.comparingByValue())
        .orElseThrow().getKey();
    // Cascades, votes and the validation folds play whole rows, so the train part's rows with an
    // empty cell are left out of everything (and counted in the log).
    RoutingPlans.Result outer = RoutingPlans.run(trainComplete, test, setup);
    List<Curve> routers = new ArrayList<>();
    Curve product = outer.curves().get(chosen);
    routers.add(new Curve(EvaluationResult.PRODUCT, product.points()));
    routers.addAll(outer.curves().values());
    List<Curve> singles = Baselines.singles(test);
    Curve best = Baselines.best(singles);
    Curve cheapest = Baselines.cheapest(singles);
    Curve random = Baselines.randomMix(test, Baselines.indexOf(test, cheapest),
        Baselines.indexOf(test, best), req.seed());
    Curve oracle = Baselines.oracle(test);
    QualityEstimates q = outer.quality();
    List<String> offered = new ArrayList<>();
    for (PolicyEstimate p : outer.policies()) {
      offered.add(String.format(java.util.Locale.ROOT, "%s: train accuracy %.4f, mean cost $%.6f",
          p.policy().name(test.models()), p.quality(), p.meanCost()));
    }
    List<String> champions = new ArrayList<>();
    for (int j = 0; j < test.modelCount(); j++) {
      champions.add(String.format(java.util.Locale.ROOT, "%s: %s, reliability %.2f",
          test.models().get(j), q.championLearner[j], q.reliability[j]));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    log.info("evaluate: chose '{}' on the train part (validation AIQ {}); {} s", chosen,
        validation, String.format("%.1f", seconds));
    return new EvaluationResult(req, train.rows(), train.missingCells(), testAll.rows(),
        testAll.missingCells(), dropped, routers, singles, best, random, oracle,
        metrics(test, q.raw, q.logistic), metrics(test, q.knn, q.knn),
        new EvaluationResult.Choice(chosen, validation,
            outer.format() == null ? "none" : outer.format().name().toLowerCase(java.util.Locale.ROOT),
            offered, champions, metrics(test, q.shrunk, q.shrunk), seconds, encoderMetrics(test, q)));
  }

  /**
   * Mean AIQ of every planning configuration over folds within the train part (each fold is
   * planned from the other folds), over the cost range of that fold's curves and single models.
   */
  static Map<String, Double> validate(RoutingData train, RoutingPlans.Setup setup) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < train.rows(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(setup.seed() + 1));
    Map<String, Double> sum = new LinkedHashMap<>();
    for (int f = 0; f < VALIDATION_FOLDS; f++) {
      int fold = f;
      int[] in = IntStream.range(0, order.size()).filter(k -> k % VALIDATION_FOLDS != fold)
          .map(order::get).sorted().toArray();
      int[] out = IntStream.range(0, order.size()).filter(k -> k % VALIDATION_FOLDS == fold)
          .map(order::get).sorted().toArray();
      RoutingData valid = train.select(out, "validation");
      RoutingPlans.Result r = RoutingPlans.run(train.select(in, "train"), valid, setup);
      List<Curve> all = new ArrayList<>(r.curves().values());
      all.addAll(Baselines.singles(valid));
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (Curve c : all) {
        for (Curve.Point p : c.points()) {
          lo = Math.min(lo, p.costUsd());
          hi = Math.max(hi, p.costUsd());
        }
      }
      for (String name : RoutingPlans.candidates(r.curves())) {
        sum.merge(name, r.curves().get(name).aiq(lo, hi) / VALIDATION_FOLDS, Double::sum);
      }
    }
    return sum;
  }

  private static int[] complete(RoutingData d) {
    return IntStream.range(0, d.rows()).filter(d::complete).toArray();
  }

  /** Each embedding learner's estimates on the test rows (none without an encoder). */
  private static Map<String, List<ModelMetrics>> encoderMetrics(RoutingData test, QualityEstimates q) {
    Map<String, List<ModelMetrics>> out = new LinkedHashMap<>();
    for (int l = 0; l < q.encoderLearners.length; l++) {
      out.put(QualityEstimates.LEARNERS[l + 2], metrics(test, q.encoderLearners[l], q.encoderLearners[l]));
    }
    return out;
  }

  /** Estimate quality on the test rows per model. */
  private static List<ModelMetrics> metrics(RoutingData test, double[] raw, double[] cal) {
    List<ModelMetrics> out = new ArrayList<>();
    for (int j = 0; j < test.modelCount(); j++) {
      out.add(new ModelMetrics(test.models().get(j), QualityEstimates.metrics(test, raw, j),
          QualityEstimates.metrics(test, cal, j)));
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
}
