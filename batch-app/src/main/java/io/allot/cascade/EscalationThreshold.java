package io.allot.cascade;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The two-tier cascade's threshold for one group of queries (Ramirez, Birch and Titov 2024).
 *
 * <p>The paper escalates the queries whose margin is below the p-quantile of the margins, with
 * p = min((b − c_small)/c_large, 1) for a per-query budget b: with equal costs, that spends the
 * escalation money exactly. Queries differ in cost here (prompt and output tokens), so the rule
 * used is its cost-weighted form: escalate the lowest margins first while their escalation cost
 * fits the group's escalation money; the threshold is the margin of the first query that does not
 * fit. With equal costs c and money p·n·c this is the ⌊p·n⌋-th smallest margin, the paper's
 * empirical p-quantile. A query escalates when margin &lt; threshold (strict), so queries tied at
 * the threshold stay on the small model and the money is never exceeded.
 */
public final class EscalationThreshold {
  /** Relative slack so that money computed as p·Σcost admits exactly the queries it was meant for. */
  private static final double ROUNDING_SLACK = 1e-9;

  /**
   * @param threshold escalate when margin &lt; threshold; +∞ when every query fits (p = 1)
   * @param escalated how many of the group's queries the threshold escalates
   * @param escalationCostUsd their summed escalation cost
   */
  public record Result(double threshold, int escalated, double escalationCostUsd) {}

  private EscalationThreshold() {}

  /**
   * @param margins the group's margins (all finite, >= 0)
   * @param escalationCost each query's cost on the escalation model, same order
   * @param moneyUsd what the group may spend on escalations, >= 0
   */
  public static Result fit(double[] margins, double[] escalationCost, double moneyUsd) {
    if (margins.length != escalationCost.length) {
      throw new IllegalArgumentException("margins and costs differ in length");
    }
    if (!(moneyUsd >= 0)) {
      throw new IllegalArgumentException("escalation money must be >= 0 USD, got " + moneyUsd);
    }
    int n = margins.length;
    if (n == 0) {
      return new Result(Double.POSITIVE_INFINITY, 0, 0);
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> margins[i]));
    double limit = moneyUsd * (1 + ROUNDING_SLACK);
    double spent = 0;
    int k = 0;
    while (k < n && spent + escalationCost[order[k]] <= limit) {
      spent += escalationCost[order[k]];
      k++;
    }
    if (k == n) {
      return new Result(Double.POSITIVE_INFINITY, n, spent);
    }
    double threshold = margins[order[k]];
    // Queries before k that tie with the first one left out stay on the small model as well.
    int escalated = 0;
    double cost = 0;
    for (int r = 0; r < k && margins[order[r]] < threshold; r++) {
      escalated++;
      cost += escalationCost[order[r]];
    }
    return new Result(threshold, escalated, cost);
  }

  /** The paper's p for a per-query budget b: min((b − c_small)/c_large, 1), never below 0. */
  public static double escalationShare(double perQueryBudget, double smallCost, double largeCost) {
    if (!(largeCost > 0)) {
      return 1;
    }
    return Math.max(0, Math.min((perQueryBudget - smallCost) / largeCost, 1));
  }
}
