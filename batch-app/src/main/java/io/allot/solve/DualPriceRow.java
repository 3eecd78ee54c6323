package io.allot.solve;

import java.util.ArrayList;
import java.util.List;

/**
 * One hard constraint of a run with its dual price and how much of it the published assignment
 * uses: a row of {@code run_dual_price}, and what {@code allot explain} prints.
 *
 * @param kind budget, capacity, tokens, tenant_budget or quota
 * @param subject the model id or tenant; empty for the budget
 * @param price quality units per USD (budget, tenant_budget), per query (capacity, quota) or per token
 * @param limit the limit (for a quota: the minimum)
 * @param used what the published assignment uses
 * @param binds whether the assignment is at the limit (within one query or one cent)
 */
public record DualPriceRow(String kind, String subject, double price, double limit, double used, boolean binds) {

  static List<DualPriceRow> of(AssignmentProblem p, FixedPointTable table, SideLimits limits, int[] choice,
      DualPrices prices) {
    return of(p, limits, new LoadLedger(limits, table, choice), smallestQueryTokens(limits), prices);
  }

  /**
   * @param ledger the assignment's totals (a distributed night's, summed over its slices)
   * @param smallestTokens the night's shortest query in tokens (a token capacity binds when not even it fits)
   */
  static List<DualPriceRow> of(AssignmentProblem p, SideLimits limits, LoadLedger ledger, long smallestTokens,
      DualPrices prices) {
    List<DualPriceRow> rows = new ArrayList<>();
    double budget = FixedPoint.fromNano(limits.budgetNano);
    double spent = FixedPoint.fromNano(ledger.cost);
    rows.add(new DualPriceRow("budget", "", prices.budget(), budget, spent, budget - spent < 0.01));
    for (int j = 0; j < limits.m; j++) {
      String id = p.optionId(j);
      if (limits.queryCap[j] != AssignmentProblem.UNLIMITED) {
        rows.add(new DualPriceRow("capacity", id, prices.capacity()[j], limits.queryCap[j], ledger.load[j],
            ledger.load[j] >= limits.queryCap[j]));
      }
      if (limits.tokenCap[j] != AssignmentProblem.UNLIMITED) {
        long slack = limits.tokenCap[j] - ledger.tokenLoad[j];
        rows.add(new DualPriceRow("tokens", id, prices.token()[j], limits.tokenCap[j], ledger.tokenLoad[j],
            slack < smallestTokens));
      }
      if (limits.minQueries[j] > 0) {
        rows.add(new DualPriceRow("quota", id, prices.quota()[j], limits.minQueries[j], ledger.load[j],
            ledger.load[j] <= limits.minQueries[j]));
      }
    }
    for (int t = 0; t < limits.tenantCount(); t++) {
      double cap = FixedPoint.fromNano(limits.tenantCapNano[t]);
      double used = FixedPoint.fromNano(ledger.tenantCost[t]);
      rows.add(new DualPriceRow("tenant_budget", limits.tenantNames[t], prices.tenant()[t], cap, used,
          cap - used < 0.01));
    }
    return rows;
  }

  /** The shortest query's tokens, at least 1. */
  static long smallestQueryTokens(SideLimits limits) {
    long min = Long.MAX_VALUE;
    for (long t : limits.tokens) {
      min = Math.min(min, t);
    }
    return min == Long.MAX_VALUE ? 1 : Math.max(1, min);
  }
}
