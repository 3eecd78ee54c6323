package io.allot.cascade;

/**
 * The cascade's rule for one tenant and task, as published in routing_policy.
 *
 * @param marginThreshold escalate a query whose margin is below this; +∞ escalates every query
 * @param escalateWithoutMargin what to do with a query that has no margin
 * @param budgetShareUsd the group's share of the night's budget: its small-model cost, the
 *     reserved cost of its queries without margin, and p times its escalation cost
 * @param expectedCostUsd what the rule spends on tonight's queries of the group (<= the share)
 * @param expectedQuality mean expected quality per query under the rule: the calibrated small-model
 *     correctness for queries kept on the small model, the escalation model's predicted quality
 *     for escalated ones
 */
public record GroupPolicy(String tenant, String task, String smallModelId, String escalationModelId,
    double marginThreshold, boolean escalateWithoutMargin, long queries, long queriesWithoutMargin,
    long escalated, double budgetShareUsd, double expectedCostUsd, double expectedQuality) {

  public double escalationShare() {
    return queries == 0 ? 0 : (double) escalated / queries;
  }

  /** Serving's decision for a new query of this group; margin null when it has no logprobs. */
  public boolean escalates(Double margin) {
    return margin == null ? escalateWithoutMargin : margin < marginThreshold;
  }
}
