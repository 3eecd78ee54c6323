package io.allot.solve;

import java.util.ArrayList;
import java.util.List;

/**
 * The running totals of one full choice against {@link SideLimits}: spending, each model's query
 * and token load, each capped tenant's spending. Moves keep them up to date in O(members), so the
 * construction heuristics can check every hard constraint per move.
 */
final class LoadLedger implements java.io.Serializable {
  // Transient: a block's totals travel from a Spark executor to the driver without its slice.
  private final transient SideLimits limits;
  private final transient FixedPointTable table;
  long cost;
  final long[] load;
  final long[] tokenLoad;
  final long[] tenantCost;

  LoadLedger(SideLimits limits, FixedPointTable table, int[] choice) {
    this(limits, table);
    for (int i = 0; i < choice.length; i++) {
      add(i, choice[i], 1);
    }
  }

  /** Empty totals, filled by {@link #add(int, int)} (one ledger per block of a parallel pass). */
  LoadLedger(SideLimits limits, FixedPointTable table) {
    this.limits = limits;
    this.table = table;
    load = new long[limits.m];
    tokenLoad = new long[limits.m];
    tenantCost = new long[limits.tenantCount()];
  }

  /** Puts query i on option o into the totals. */
  void add(int i, int o) {
    add(i, o, 1);
  }

  /** Adds another ledger's totals; integer sums, so the order of blocks does not matter. */
  void addAll(LoadLedger other) {
    cost += other.cost;
    for (int j = 0; j < load.length; j++) {
      load[j] += other.load[j];
      tokenLoad[j] += other.tokenLoad[j];
    }
    for (int t = 0; t < tenantCost.length; t++) {
      tenantCost[t] += other.tenantCost[t];
    }
  }

  private void add(int i, int o, int sign) {
    long c = table.costNano(i, o);
    cost += sign * c;
    for (int j : limits.members[o]) {
      load[j] += sign;
      tokenLoad[j] += sign * limits.tokens[i];
    }
    int t = limits.tenantOf[i];
    if (t >= 0) {
      tenantCost[t] += sign * c;
    }
  }

  /** Takes query i (on option o) out of the totals. */
  void remove(int i, int o) {
    add(i, o, -1);
  }

  void move(int i, int from, int to) {
    add(i, from, -1);
    add(i, to, 1);
  }

  /**
   * Whether moving query i from one option to another keeps every constraint that now holds
   * holding: budget, the tenant cap, capacities of the models it joins, and quotas of the models
   * it leaves. A constraint already violated may not get worse.
   */
  boolean fits(int i, int from, int to) {
    long extra = table.costNano(i, to) - table.costNano(i, from);
    if (extra > 0) {
      if (cost + extra > Math.max(limits.budgetNano, cost)) {
        return false;
      }
      int t = limits.tenantOf[i];
      if (t >= 0 && tenantCost[t] + extra > Math.max(limits.tenantCapNano[t], tenantCost[t])) {
        return false;
      }
    }
    for (int j : limits.members[to]) {
      if (!limits.calls(from, j)
          && (load[j] + 1 > Math.max(limits.queryCap[j], load[j])
          || limits.tokens[i] > 0 && tokenLoad[j] + limits.tokens[i] > Math.max(limits.tokenCap[j], tokenLoad[j]))) {
        return false;
      }
    }
    for (int j : limits.members[from]) {
      if (!limits.calls(to, j) && load[j] - 1 < Math.min(limits.minQueries[j], load[j])) {
        return false;
      }
    }
    return true;
  }

  boolean feasible() {
    return violations().isEmpty();
  }

  /** Each broken constraint, as a line a person can act on. */
  List<String> violations() {
    List<String> out = new ArrayList<>();
    if (cost > limits.budgetNano) {
      out.add("budget over by $" + FixedPoint.fromNano(cost - limits.budgetNano));
    }
    for (int j = 0; j < limits.m; j++) {
      if (load[j] > limits.queryCap[j]) {
        out.add("model " + j + " over its query capacity by " + (load[j] - limits.queryCap[j]));
      }
      if (tokenLoad[j] > limits.tokenCap[j]) {
        out.add("model " + j + " over its token capacity by " + (tokenLoad[j] - limits.tokenCap[j]));
      }
      if (load[j] < limits.minQueries[j]) {
        out.add("model " + j + " below its quota by " + (limits.minQueries[j] - load[j]));
      }
    }
    for (int t = 0; t < tenantCost.length; t++) {
      if (tenantCost[t] > limits.tenantCapNano[t]) {
        out.add("tenant " + limits.tenantNames[t] + " over its budget by $"
            + FixedPoint.fromNano(tenantCost[t] - limits.tenantCapNano[t]));
      }
    }
    return out;
  }
}
