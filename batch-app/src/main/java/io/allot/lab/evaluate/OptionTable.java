package io.allot.lab.evaluate;

import io.allot.agreement.AnswerPolicy;
import io.allot.agreement.PolicyEstimate;
import io.allot.solve.AssignmentProblem;
import io.allot.spark.predict.PredictorColumns;
import io.allot.spark.predict.SubsetOptions;
import io.allot.spark.predict.WeightedVote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test queries' options for the solver (predicted quality, estimated cost) beside what each
 * option really gave (realised score, realised cost). Options are the single models, then every
 * SelectLLM subset that is some query's top-k by predicted confidence (allowed, non-NaN, only for
 * the queries whose top-k it is), then the offered {@link AnswerPolicy cascades and votes}.
 *
 * <p>A subset's realised outcome is the majority of its members' parsed answers when the data has
 * answers ({@link AnswerPolicy.Vote}), else the weighted vote over the members' realised
 * right/wrong ({@link WeightedVote#isRight}). With a small model ({@code free} >= 0) that model's
 * answer is known before planning: its cost is charged on every query outside the options, and
 * no option pays for it again.
 */
final class OptionTable {
  final List<String> optionIds;
  final int n;
  final double[] predicted;
  final double[] estimatedCost;
  final double[] realisedScore;
  final double[] realisedCost;
  /** Realised dollars every plan pays regardless of the choice (the small model's calls). */
  final double fixedRealisedCost;
  /** Variance of each option's cost (a cascade's escalation is paid only on disagreement). */
  final double[] costVariance;

  private OptionTable(List<String> optionIds, int n, double[] predicted, double[] estimatedCost,
      double[] realisedScore, double[] realisedCost, double fixedRealisedCost,
      double[] costVariance) {
    this.costVariance = costVariance;
    this.optionIds = optionIds;
    this.n = n;
    this.predicted = predicted;
    this.estimatedCost = estimatedCost;
    this.realisedScore = realisedScore;
    this.realisedCost = realisedCost;
    this.fixedRealisedCost = fixedRealisedCost;
  }

  /** Single models and SelectLLM subsets only (no answers, no small model). */
  static OptionTable build(RoutingData test, double[] p, double[] est, int[] subsetSizes) {
    return build(test, p, est, subsetSizes, null, List.of(), null, -1);
  }

  /**
   * @param p predicted P(correct), n x m row-major
   * @param est estimated cost, n x m row-major
   * @param subsetSizes empty for no SelectLLM subsets
   * @param parsed the test rows' parsed answers (realised votes and policies), or null
   * @param policies offered cascades and votes with their training estimates
   * @param policyQuality per query and policy the predicted quality (n x policies), or null for
   *     each policy's training mean
   * @param free the small model whose answer is known before planning, or -1
   */
  static OptionTable build(RoutingData test, double[] p, double[] est, int[] subsetSizes,
      String[] parsed, List<PolicyEstimate> policies, double[] policyQuality, int free) {
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
        columns.putIfAbsent(o.name(test.models()), m + columns.size());
      }
    }
    ids.addAll(columns.keySet());
    int firstPolicy = ids.size();
    for (PolicyEstimate pe : policies) {
      ids.add(pe.policy().name(test.models()));
    }
    int o = ids.size();
    double[] q = new double[n * o];
    double[] c = new double[n * o];
    double[] rs = new double[n * o];
    double[] rc = new double[n * o];
    double[] var = new double[n * o];
    Arrays.fill(q, Double.NaN);
    Arrays.fill(c, Double.NaN);
    Arrays.fill(rs, Double.NaN);
    Arrays.fill(rc, Double.NaN);
    double fixed = 0;
    for (int i = 0; i < n; i++) {
      double[] ci = Arrays.copyOfRange(est, i * m, (i + 1) * m);
      fixed += free >= 0 ? test.cost(i, free) : 0;
      for (int j = 0; j < m; j++) {
        q[i * o + j] = p[i * m + j];
        c[i * o + j] = j == free ? 0 : est[i * m + j];
        rs[i * o + j] = test.score(i, j);
        rc[i * o + j] = j == free ? 0 : test.cost(i, j);
      }
      for (SubsetOptions.Option s : perQuery.get(i)) {
        int col = columns.get(s.name(test.models()));
        q[i * o + col] = s.quality();
        c[i * o + col] = s.costUsd() - (free >= 0 && contains(s.members(), free) ? ci[free] : 0);
        double cost = 0;
        for (int j : s.members()) {
          cost += j == free ? 0 : test.cost(i, j);
        }
        rs[i * o + col] = subsetScore(test, parsed, i, s, p);
        rc[i * o + col] = cost;
      }
      for (int k = 0; k < policies.size(); k++) {
        PolicyEstimate pe = policies.get(k);
        int col = firstPolicy + k;
        q[i * o + col] = policyQuality == null ? pe.quality() : policyQuality[i * policies.size() + k];
        c[i * o + col] = pe.expectedCost(ci, free);
        var[i * o + col] = pe.costVariance(ci, free);
        AnswerPolicy.Outcome out = pe.policy().run(test, parsed, i);
        rs[i * o + col] = out.score();
        rc[i * o + col] = out.cost(test, i) - (free >= 0 && out.called()[free] ? test.cost(i, free) : 0);
      }
    }
    return new OptionTable(ids, n, q, c, rs, rc, fixed, var);
  }

  /** The real majority of parsed answers when there are answers, else the weighted vote. */
  private static double subsetScore(RoutingData test, String[] parsed, int i,
      SubsetOptions.Option s, double[] p) {
    int m = test.modelCount();
    Integer[] order = Arrays.stream(s.members()).boxed().toArray(Integer[]::new);
    // Most confident member first: it wins ties and speaks when no answer parses.
    Arrays.sort(order, (x, y) -> Double.compare(p[i * m + y], p[i * m + x]));
    if (parsed != null) {
      return new AnswerPolicy.Vote(Arrays.stream(order).mapToInt(Integer::intValue).toArray())
          .run(test, parsed, i).score();
    }
    boolean[] right = new boolean[s.members().length];
    double[] weights = new double[right.length];
    for (int k = 0; k < right.length; k++) {
      int j = s.members()[k];
      right[k] = test.score(i, j) >= PredictorColumns.CORRECT_AT;
      weights[k] = p[i * m + j];
    }
    return WeightedVote.isRight(right, weights) ? 1 : 0;
  }

  private static boolean contains(int[] a, int x) {
    for (int v : a) {
      if (v == x) {
        return true;
      }
    }
    return false;
  }

  AssignmentProblem problem(String[] queryIds) {
    return new AssignmentProblem(queryIds, null, optionIds.toArray(String[]::new), predicted,
        estimatedCost);
  }

  int optionCount() {
    return optionIds.size();
  }

  /** Realised (total cost incl. the fixed part, mean score, mean predicted quality) of a choice. */
  double[] realise(int[] choice) {
    int o = optionIds.size();
    double cost = fixedRealisedCost;
    double score = 0;
    double predictedSum = 0;
    for (int i = 0; i < n; i++) {
      cost += realisedCost[i * o + choice[i]];
      score += realisedScore[i * o + choice[i]];
      predictedSum += predicted[i * o + choice[i]];
    }
    return new double[] {cost, score / n, predictedSum / n};
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
