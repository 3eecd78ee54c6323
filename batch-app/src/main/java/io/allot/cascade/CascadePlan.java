package io.allot.cascade;

import java.util.List;

/**
 * The cascade applied to one night.
 *
 * @param escalationFraction the night's p = min((B − C_small − R)/L, 1), the share of escalation
 *     cost bought in every group (docs/cascade.md: p = min((b − c_small)/c_large, 1) on night totals)
 * @param escalate per query: sent to the escalation model after the small model
 * @param escalationOption per query: the option index of its group's escalation model
 * @param totalCostUsd small-model cost of every query plus the escalations' cost
 * @param expectedQuality mean expected quality per query over the night
 */
public record CascadePlan(double budgetUsd, double escalationFraction, List<GroupPolicy> groups, boolean[] escalate,
    int[] escalationOption, double totalCostUsd, double expectedQuality) {

  public long escalatedQueries() {
    long k = 0;
    for (boolean e : escalate) {
      k += e ? 1 : 0;
    }
    return k;
  }
}
