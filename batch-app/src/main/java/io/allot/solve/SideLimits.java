package io.allot.solve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every linear constraint of one solve besides "one option per query", in solver units: the
 * budget (nano-dollars), per-model query and token capacity, per-tenant dollar caps, and
 * exploration quotas (a minimum on a model's query load). Loads are counted on member models, so
 * an option that calls several models uses capacity on each.
 */
final class SideLimits {
  final int n;
  final int m;
  final long budgetNano;
  final int[][] members;
  final long[] queryCap;
  final long[] tokenCap;
  final long[] minQueries;
  /** Tokens per query; all zero when no model has a token capacity. */
  final long[] tokens;
  /** Index into {@link #tenantNames} of each query's capped tenant, -1 when its tenant has no cap. */
  final int[] tenantOf;
  final String[] tenantNames;
  final long[] tenantCapNano;
  final boolean anyTokenCap;

  SideLimits(AssignmentProblem p, long budgetNano) {
    this.n = p.queryCount();
    this.m = p.optionCount();
    this.budgetNano = budgetNano;
    members = new int[m][];
    queryCap = new long[m];
    tokenCap = new long[m];
    minQueries = new long[m];
    boolean tokenLimited = false;
    for (int j = 0; j < m; j++) {
      members[j] = p.members(j);
      queryCap[j] = p.capacity(j);
      tokenCap[j] = p.tokenCapacity(j);
      minQueries[j] = p.minimumQueries(j);
      tokenLimited |= tokenCap[j] != AssignmentProblem.UNLIMITED;
    }
    anyTokenCap = tokenLimited;
    tokens = new long[n];
    if (tokenLimited) {
      for (int i = 0; i < n; i++) {
        tokens[i] = p.tokens(i);
      }
    }
    Map<String, Double> caps = p.tenantBudgets();
    tenantNames = caps.keySet().toArray(String[]::new);
    tenantCapNano = new long[tenantNames.length];
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int t = 0; t < tenantNames.length; t++) {
      index.put(tenantNames[t], t);
      tenantCapNano[t] = FixedPoint.toNano(caps.get(tenantNames[t]));
    }
    tenantOf = new int[n];
    for (int i = 0; i < n; i++) {
      Integer t = p.tenant(i) == null ? null : index.get(p.tenant(i));
      tenantOf[i] = t == null ? -1 : t;
    }
  }

  int tenantCount() {
    return tenantNames.length;
  }

  boolean hasQuotas() {
    for (long q : minQueries) {
      if (q > 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether option o calls model j. */
  boolean calls(int o, int j) {
    for (int k : members[o]) {
      if (k == j) {
        return true;
      }
    }
    return false;
  }
}
