package io.allot.lab.evaluate;

import io.allot.spark.predict.ModelMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation measured. The headline figures are those of the product curve,
 * "allot" (the configuration chosen on the train part); {@link #summary(Curve)} gives the same
 * figures for any router.
 *
 * @param routers budget-swept curves: allot singles, allot with subsets, kNN, extra policies
 */
public record EvaluationResult(EvaluateRequest request, int trainRows, long trainMissingCells,
    int testRows, long testMissingCells, int testRowsDropped, List<Curve> routers,
    List<Curve> singles, Curve bestSingle, Curve randomMix, Curve oracle,
    List<ModelMetrics> classifierMetrics, List<ModelMetrics> knnMetrics, Choice choice) {

  /** The product curve: the planning configuration chosen on the train part. */
  public static final String PRODUCT = "allot";

  /**
   * How the product was chosen and what it was offered.
   *
   * @param configuration the chosen planning configuration (a router curve's name)
   * @param validationAiq mean AIQ of each configuration over folds within the train part
   * @param answerFormat how answers were parsed (choice, yes_no, text), or none
   * @param offeredPolicies the cascades and votes offered to the solver, with training figures
   * @param learners per model the champion learner (by out-of-fold Brier) and its reliability
   * @param shrunkMetrics the champion's shrunk estimates on the test rows
   * @param seconds wall time of the evaluation
   * @param encoderMetrics with allot.predictor.encoder set: each embedding learner's estimates on
   *     the test rows, by learner name (empty without an encoder)
   */
  public record Choice(String configuration, Map<String, Double> validationAiq, String answerFormat,
      List<String> offeredPolicies, List<String> learners, List<ModelMetrics> shrunkMetrics,
      double seconds, Map<String, List<ModelMetrics>> encoderMetrics) {}

  /** Headline figures of one router against the best single model. */
  public record Summary(String router, Double costRatioAtBestAccuracy,
      Map<String, Double> accuracyAtCostRatio, double aiq) {}

  public Curve router(String name) {
    return routers.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no router curve '" + name + "'"));
  }

  public long missingCells() {
    return trainMissingCells + testMissingCells;
  }

  public double bestSingleAccuracy() {
    return bestSingle.points().get(0).accuracy();
  }

  public double bestSingleCost() {
    return bestSingle.points().get(0).costUsd();
  }

  /** Every curve, for the chart and the AIQ range. */
  public List<Curve> allCurves() {
    List<Curve> all = new ArrayList<>(routers);
    all.add(randomMix);
    all.add(oracle);
    all.addAll(singles);
    return all;
  }

  /** The common cost range of every AIQ: cheapest to dearest point of any curve. */
  public double[] costRange() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (Curve c : allCurves()) {
      for (Curve.Point p : c.points()) {
        lo = Math.min(lo, p.costUsd());
        hi = Math.max(hi, p.costUsd());
      }
    }
    return new double[] {lo, hi};
  }

  public double aiq(Curve c) {
    double[] r = costRange();
    return c.aiq(r[0], r[1]);
  }

  public Summary summary(Curve router) {
    Curve.Point reach = router.cheapestReaching(bestSingleAccuracy());
    Double ratio = reach == null ? null : reach.costUsd() / bestSingleCost();
    Map<String, Double> atRatio = new LinkedHashMap<>();
    for (double r : new double[] {0.05, 0.1, 0.25, 0.5}) {
      atRatio.put(Double.toString(r), router.bestAccuracyWithin(r * bestSingleCost()));
    }
    return new Summary(router.name(), ratio, atRatio, aiq(router));
  }
}
