package io.allot.solve;

import java.util.Arrays;
import java.util.Locale;

/**
 * Necessary conditions checked before solving, so that an instance no assignment can satisfy
 * fails with a message that says what to change (and by how much) instead of an infeasible result.
 */
final class FeasibilityChecks {
  private final AssignmentProblem p;
  private final FixedPointTable table;
  private final SideLimits limits;

  FeasibilityChecks(AssignmentProblem p, FixedPointTable table, SideLimits limits) {
    this.p = p;
    this.table = table;
    this.limits = limits;
  }

  void checkAll(long minimumCostNano) {
    if (minimumCostNano > limits.budgetNano) {
      throw new InfeasibleBudgetException(FixedPoint.fromNano(limits.budgetNano), FixedPoint.fromNano(minimumCostNano));
    }
    checkCapacityCanHoldAllQueries();
    checkTokenCapacity();
    checkTenantCaps();
    checkQuotas(minimumCostNano);
  }

  /** Each option can take at most the queries allowing it and its tightest member's capacity. */
  private void checkCapacityCanHoldAllQueries() {
    long room = 0;
    for (int o = 0; o < limits.m; o++) {
      room += Math.min(allowing(o), tightest(limits.queryCap, o));
    }
    long shortfall = p.queryCount() - room;
    if (shortfall > 0) {
      throw new InfeasibleCapacityException("model capacities hold at most " + room + " of "
          + p.queryCount() + " queries: raise capacities by at least " + shortfall
          + " in total", shortfall);
    }
  }

  /** When every option is token-limited, the night's tokens must fit their sum. */
  private void checkTokenCapacity() {
    long room = 0;
    for (int o = 0; o < limits.m; o++) {
      long cap = tightest(limits.tokenCap, o);
      if (cap == AssignmentProblem.UNLIMITED) {
        return;
      }
      room += cap;
    }
    long need = Arrays.stream(limits.tokens).sum();
    if (need > room) {
      throw new InfeasibleCapacityException("model token capacities hold at most " + room + " of the night's "
          + need + " tokens: raise capacity.tokens by at least " + (need - room) + " in total", need - room);
    }
  }

  private void checkTenantCaps() {
    long[] cheapest = new long[limits.tenantCount()];
    for (int i = 0; i < limits.n; i++) {
      if (limits.tenantOf[i] >= 0) {
        cheapest[limits.tenantOf[i]] += cheapestNano(i);
      }
    }
    for (int t = 0; t < cheapest.length; t++) {
      if (cheapest[t] > limits.tenantCapNano[t]) {
        throw new InfeasibleTenantException(limits.tenantNames[t], FixedPoint.fromNano(limits.tenantCapNano[t]),
            FixedPoint.fromNano(cheapest[t]));
      }
    }
  }

  /**
   * A quota needs enough queries that may use the model, room within its capacity, and the
   * budget to move that many queries onto it (the cheapest moves, each quota on its own).
   */
  private void checkQuotas(long minimumCostNano) {
    for (int j = 0; j < limits.m; j++) {
      long min = limits.minQueries[j];
      if (min == 0) {
        continue;
      }
      String id = p.optionId(j);
      if (min > limits.queryCap[j]) {
        throw new InfeasibleQuotaException(String.format(Locale.ROOT, "the exploration quota of model '%s' asks for %d "
            + "queries but its capacity is %d: lower the quota or raise its capacity", id, min, limits.queryCap[j]));
      }
      long[] extra = new long[limits.n];
      int usable = 0;
      for (int i = 0; i < limits.n; i++) {
        long best = Long.MAX_VALUE;
        for (int o = 0; o < limits.m; o++) {
          if (table.isAllowed(i, o) && limits.calls(o, j)) {
            best = Math.min(best, table.costNano(i, o) - cheapestNano(i));
          }
        }
        if (best != Long.MAX_VALUE) {
          extra[usable++] = best;
        }
      }
      if (usable < min) {
        throw new InfeasibleQuotaException(String.format(Locale.ROOT, "the exploration quota of model '%s' asks for %d "
            + "queries but only %d queries may use it (tenant rules or missing scores): lower the quota to at most %d",
            id, min, usable, usable));
      }
      long[] sorted = Arrays.copyOf(extra, usable);
      Arrays.sort(sorted);
      long need = minimumCostNano;
      for (int k = 0; k < min; k++) {
        need += sorted[k];
      }
      if (need > limits.budgetNano) {
        throw new InfeasibleQuotaException(String.format(Locale.ROOT, "the exploration quota of model '%s' (%d queries) "
            + "needs a budget of at least $%.2f, above the budget $%.2f: raise the budget or lower the quota", id, min,
            Math.ceil(FixedPoint.fromNano(need) * 100) / 100, FixedPoint.fromNano(limits.budgetNano)));
      }
    }
  }

  /** The smallest of option o's members' capacities. */
  private long tightest(long[] capacity, int o) {
    long cap = AssignmentProblem.UNLIMITED;
    for (int j : limits.members[o]) {
      cap = Math.min(cap, capacity[j]);
    }
    return cap;
  }

  private long allowing(int o) {
    long count = 0;
    for (int i = 0; i < limits.n; i++) {
      if (table.isAllowed(i, o)) {
        count++;
      }
    }
    return count;
  }

  private long cheapestNano(int i) {
    long cheapest = Long.MAX_VALUE;
    for (int o = 0; o < limits.m; o++) {
      if (table.isAllowed(i, o)) {
        cheapest = Math.min(cheapest, table.costNano(i, o));
      }
    }
    return cheapest;
  }
}
