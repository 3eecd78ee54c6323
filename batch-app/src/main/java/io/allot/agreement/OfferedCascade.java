package io.allot.agreement;

/**
 * One cascade offered to the night's solve for one task: call {@code first} and {@code second};
 * keep their answer when the parsed answers agree, else call {@code escalation}. Indexes are
 * catalog positions. The figures are means over the task's labelled history rows.
 *
 * @param callRate per catalog model, the share of the history rows on which the cascade called it
 *     (1 for the first two, P(disagree) for the escalation)
 * @param quality expected quality per query: P(agree and right) + P(disagree and the escalation right)
 * @param rows history rows the figures come from (train and held-out parts)
 * @param heldOutQuality the cascade's mean score on the held-out part
 * @param heldOutCostUsd its mean realised cost there (the free model not charged)
 */
public record OfferedCascade(String task, String optionId, int first, int second, int escalation,
    String format, double[] callRate, double quality, int rows, double heldOutQuality,
    double heldOutCostUsd) {

  /** The cascade's members in role order: first, second, escalation. */
  public int[] members() {
    return new int[] {first, second, escalation};
  }

  /**
   * Expected cost on a query whose per-model costs are {@code cost(j)}: the call rates times the
   * costs, the {@code free} model (its answer already in the log, or -1) not charged.
   */
  public double expectedCost(java.util.function.IntToDoubleFunction cost, int free) {
    double c = 0;
    for (int j : members()) {
      c += j == free ? 0 : callRate[j] * cost.applyAsDouble(j);
    }
    return c;
  }

  /** Variance of that cost, each call happening with its rate, independently. */
  public double costVariance(java.util.function.IntToDoubleFunction cost, int free) {
    double v = 0;
    for (int j : members()) {
      double c = j == free ? 0 : cost.applyAsDouble(j);
      v += callRate[j] * (1 - callRate[j]) * c * c;
    }
    return v;
  }
}
