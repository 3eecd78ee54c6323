package io.allot.lab.evaluate;

import io.allot.spark.predict.PredictorColumns;
import io.allot.spark.predict.SubsetOptions;
import io.allot.spark.predict.WeightedVote;
import io.allot.solve.AssignmentProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test queries' options for the solver (predicted quality, estimated cost) beside what each
 * option really gave (realised score, realised cost). Options are the single models, then every
 * subset that is some query's top-k by predicted confidence; a subset is allowed (non-NaN) only
 * for the queries whose top-k it is.
 *
 * <p>A subset's realised outcome is the weighted vote over its members' realised right/wrong,
 * with the predicted probabilities as weights ({@link WeightedVote#isRight}).
 */
final class OptionTable {
  final List<String> optionIds;
  final int n;
  final double[] predicted;
  final double[] estimatedCost;
  final double[] realisedScore;
  final double[] realisedCost;

  private OptionTable(List<String> optionIds, int n, double[] predicted, double[] estimatedCost,
      double[] realisedScore, double[] realisedCost) {
    this.optionIds = optionIds;
    this.n = n;
    this.predicted = predicted;
    this.estimatedCost = estimatedCost;
    this.realisedScore = realisedScore;
    this.realisedCost = realisedCost;
  }

  /**
   * @param p predicted P(correct), n x m row-major
   * @param est estimated cost, n x m row-major
   * @param subsetSizes empty for single models only
   */
  static OptionTable build(RoutingData test, double[] p, double[] est, int[] subsetSizes) {
    int n = test.rows();
    int m = test.modelCount();
    Map<String, Integer> columns = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>(test.models());
    List<List<SubsetOptions.Option>> perQuery = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] pi = Arrays.copyOfRange(p, i * m, (i + 1) * m);
      double[] ci = Arrays.copyOfRange(est, i * m, (i + 1) * m);
      List<SubsetOptions.Option> subsets = subsetSizes.length == 0 ? List.of()
          : SubsetOptions.forQuery(pi, ci, null, subsetSizes);
      perQuery.add(subsets);
      for (SubsetOptions.Option o : subsets) {
        String name = o.name(test.models());
        if (!columns.containsKey(name)) {
          columns.put(name, m + columns.size());
          ids.add(name);
        }
      }
    }
    int o = ids.size();
    double[] q = new double[n * o];
    double[] c = new double[n * o];
    double[] rs = new double[n * o];
    double[] rc = new double[n * o];
    Arrays.fill(q, Double.NaN);
    Arrays.fill(c, Double.NaN);
    Arrays.fill(rs, Double.NaN);
    Arrays.fill(rc, Double.NaN);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        q[i * o + j] = p[i * m + j];
        c[i * o + j] = est[i * m + j];
        rs[i * o + j] = test.score(i, j);
        rc[i * o + j] = test.cost(i, j);
      }
      for (SubsetOptions.Option s : perQuery.get(i)) {
        int col = columns.get(s.name(test.models()));
        q[i * o + col] = s.quality();
        c[i * o + col] = s.costUsd();
        boolean[] right = new boolean[s.members().length];
        double[] weights = new double[s.members().length];
        double cost = 0;
        for (int k = 0; k < right.length; k++) {
          int j = s.members()[k];
          right[k] = test.score(i, j) >= PredictorColumns.CORRECT_AT;
          weights[k] = p[i * m + j];
          cost += test.cost(i, j);
        }
        rs[i * o + col] = WeightedVote.isRight(right, weights) ? 1 : 0;
        rc[i * o + col] = cost;
      }
    }
    return new OptionTable(ids, n, q, c, rs, rc);
  }

  AssignmentProblem problem(String[] queryIds) {
    return new AssignmentProblem(queryIds, null, optionIds.toArray(String[]::new), predicted,
        estimatedCost);
  }

  int optionCount() {
    return optionIds.size();
  }

  /** Realised (total cost, mean score) of a choice. */
  double[] realise(int[] choice) {
    int o = optionIds.size();
    double cost = 0;
    double score = 0;
    for (int i = 0; i < n; i++) {
      cost += realisedCost[i * o + choice[i]];
      score += realisedScore[i * o + choice[i]];
    }
    return new double[] {cost, score / n};
  }

  /** Estimated total cost of the cheapest and of the best-predicted choice per query. */
  double[] estimatedCostRange() {
    int o = optionIds.size();
    double lo = 0;
    double hi = 0;
    for (int i = 0; i < n; i++) {
      double cheapest = Double.POSITIVE_INFINITY;
      double bestQ = -1;
      double bestCost = 0;
      for (int j = 0; j < o; j++) {
        double q = predicted[i * o + j];
        double c = estimatedCost[i * o + j];
        if (Double.isNaN(q) || Double.isNaN(c)) {
          continue;
        }
        cheapest = Math.min(cheapest, c);
        if (q > bestQ || (q == bestQ && c < bestCost)) {
          bestQ = q;
          bestCost = c;
        }
      }
      lo += cheapest;
      hi += bestCost;
    }
    return new double[] {lo, hi};
  }
}
