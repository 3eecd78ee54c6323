package io.allot.lab.evaluate;

import io.allot.agreement.AnswerFormat;
import io.allot.agreement.PolicyCatalog;
import io.allot.agreement.PolicyEstimate;
import io.allot.solve.SolveSettings;
import io.allot.spark.predict.PredictorSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything Allot plans for a test part from its train part alone: quality estimates, cost
 * estimates, the offered cascades and votes, and one budget-swept curve per planning
 * configuration (realised outcomes of the test part). {@link EvaluateRunner} runs it on the real
 * split and, to choose the configuration, on folds within the train part.
 */
final class RoutingPlans {
  static final String SINGLES = "allot (singles)";
  static final String SUBSETS = "allot (singles + subsets)";
  static final String KNN = "kNN (singles)";
  static final String SHRUNK = "allot (champion, shrunk)";
  static final String CASCADES = "allot (shrunk + cascades/votes)";
  /** The champion with the nightly predictor's cross-model stage, with cascades and votes where offered. */
  static final String CROSSED = "allot (cross-model + cascades/votes)";
  static final String TWO_TIER = "two-tier cascade";
  /** Budgets at these shares of the train-best single model's estimated cost join the sweep. */
  static final double[] COST_RATIOS = {0.05, 0.1, 0.25, 0.3, 0.5};

  /**
   * @param small the model whose answer is known before planning (charged on every query), or -1
   */
  record Setup(int[] subsetSizes, int budgetLevels, SolveSettings solver,
      PredictorSettings predictor, long seed, int small) {}

  record Result(Map<String, Curve> curves, QualityEstimates quality,
      List<PolicyEstimate> policies, AnswerFormat format) {}

  private RoutingPlans() {}

  /** Both parts hold complete rows only. */
  static Result run(RoutingData train, RoutingData test, Setup s) {
    int m = train.modelCount();
    QualityEstimates q = QualityEstimates.fit(train, test, s.predictor(), s.seed());
    CostEstimate costs = CostEstimate.fit(train);
    double[] est = new double[test.rows() * m];
    for (int i = 0; i < test.rows(); i++) {
      for (int j = 0; j < m; j++) {
        est[i * m + j] = costs.estimate(j, test.texts()[i]);
      }
    }
    int bestOnTrain = bestOnTrain(train, s.small());
    double bestEstimated = 0;
    for (int i = 0; i < test.rows(); i++) {
      bestEstimated += est[i * m + bestOnTrain];
    }
    double[] extra = new double[COST_RATIOS.length + 1];
    for (int k = 0; k < COST_RATIOS.length; k++) {
      extra[k] = COST_RATIOS[k] * bestEstimated;
    }
    extra[COST_RATIOS.length] = bestEstimated;

    boolean answers = train.answers() != null && test.answers() != null;
    AnswerFormat format = answers ? AnswerFormat.detect(train) : null;
    String[] parsedTrain = answers ? format.parseAll(train) : null;
    String[] parsedTest = answers ? format.parseAll(test) : null;
    int[] allTrain = java.util.stream.IntStream.range(0, train.rows()).toArray();
    List<PolicyEstimate> policies = answers
        ? PolicyCatalog.choose(train, parsedTrain, allTrain, true, true, s.small()) : List.of();

    double[] logistic = q.logistic;
    double[] shrunk = q.shrunk;
    double[] crossed = q.crossed;
    double[] policyQuality = null;
    if (s.small() >= 0 && answers) {
      SmallModelSignal signal = SmallModelSignal.fit(train, parsedTrain, s.small(), policies);
      logistic = signal.adjust(q.logistic, parsedTest, test.rows());
      shrunk = signal.adjust(q.shrunk, parsedTest, test.rows());
      crossed = signal.adjust(q.crossed, parsedTest, test.rows());
      policyQuality = signal.policyQuality(parsedTest, test.rows());
    }
    Map<String, Curve> curves = new LinkedHashMap<>();
    int[] none = new int[0];
    curves.put(SINGLES, sweep(SINGLES, OptionTable.build(test, logistic, est, none, parsedTest,
        List.of(), null, s.small()), test, s, extra));
    curves.put(SUBSETS, sweep(SUBSETS, OptionTable.build(test, logistic, est, s.subsetSizes(),
        parsedTest, List.of(), null, s.small()), test, s, extra));
    curves.put(KNN, sweep(KNN, OptionTable.build(test, q.knn, est, none, parsedTest, List.of(),
        null, s.small()), test, s, extra));
    curves.put(SHRUNK, sweep(SHRUNK, OptionTable.build(test, shrunk, est, none, parsedTest,
        List.of(), null, s.small()), test, s, extra));
    if (!policies.isEmpty()) {
      curves.put(CASCADES, sweep(CASCADES, OptionTable.build(test, shrunk, est, none, parsedTest,
          policies, policyQuality, s.small()), test, s, extra));
    }
    curves.put(CROSSED, sweep(CROSSED, OptionTable.build(test, crossed, est, none, parsedTest,
        policies, policyQuality, s.small()), test, s, extra));
    if (s.small() >= 0) {
      curves.put(TWO_TIER, TwoTierCurve.of(test, parsedTest, shrunk, s.small(), bestOnTrain));
    }
    return new Result(curves, q, policies, format);
  }

  private static Curve sweep(String name, OptionTable options, RoutingData test, Setup s,
      double[] extra) {
    return BudgetSweep.run(name, options, test.ids(), s.budgetLevels(), extra, s.solver());
  }

  /** The most accurate model on the train part (not the small model), the cheaper among equals. */
  static int bestOnTrain(RoutingData train, int small) {
    int best = -1;
    double bestAcc = -1;
    double bestCost = 0;
    for (int j = 0; j < train.modelCount(); j++) {
      if (j == small) {
        continue;
      }
      double acc = 0;
      double cost = 0;
      for (int i = 0; i < train.rows(); i++) {
        acc += train.score(i, j);
        cost += train.cost(i, j);
      }
      if (acc > bestAcc + 1e-9 || (Math.abs(acc - bestAcc) <= 1e-9 && cost < bestCost)) {
        best = j;
        bestAcc = acc;
        bestCost = cost;
      }
    }
    return best;
  }

  /** The configurations the product may take; the choice is made by {@link #choose}. */
  static List<String> candidates(Map<String, Curve> curves) {
    List<String> out = new ArrayList<>();
    for (String name : curves.keySet()) {
      if (!name.equals(TWO_TIER)) {
        out.add(name);
      }
    }
    return out;
  }
}
