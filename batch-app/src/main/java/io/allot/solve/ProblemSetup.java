package io.allot.solve;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.config.AllotProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Applies the configured side constraints (tenant rules, exploration quotas) to a night's problem. */
public final class ProblemSetup {
  private ProblemSetup() {}

  static AssignmentProblem withTenantRules(AssignmentProblem p, ModelCatalog catalog,
      Map<String, AllotProperties.Tenant> tenants) {
    if (tenants.isEmpty()) {
      return p;
    }
    List<TenantRules.Rule> rules = new ArrayList<>();
    tenants.forEach((name, t) -> rules.add(new TenantRules.Rule(name,
        t.disallowedModels() == null ? java.util.Set.of() : new HashSet<>(t.disallowedModels()),
        t.budgetUsd() == null ? Double.NaN : t.budgetUsd(), t.maxLatencyMs() == null ? 0 : t.maxLatencyMs())));
    // An option's latency is its slowest member's (a SelectLLM subset waits for every member).
    int[] latency = new int[p.optionCount()];
    for (int j = 0; j < latency.length; j++) {
      for (int member : p.members(j)) {
        latency[j] = Math.max(latency[j], catalog.get(catalog.indexOf(p.optionId(member))).latencyMs());
      }
    }
    return p.withTenantRules(TenantRules.of(rules, new HashSet<>(catalog.ids())), latency);
  }

  /**
   * Adds the configured quotas (model id -> minimum queries). A quota the problem already has
   * (from TI-UCB) is kept when it is larger, so the order the two are applied in does not matter.
   */
  public static AssignmentProblem withConfiguredQuotas(AssignmentProblem p, Map<String, Long> quotas) {
    if (quotas.isEmpty()) {
      return p;
    }
    long[] min = new long[p.optionCount()];
    for (int j = 0; j < min.length; j++) {
      min[j] = p.minimumQueries(j);
    }
    return p.withMinimumQueries(withConfiguredQuotas(p, min, quotas, p.queryCount()));
  }

  /**
   * The minimums {@code min} (per option of p) with the configured quotas, for a night of
   * {@code queries} queries (p may be a distributed night's header, which holds none).
   */
  static long[] withConfiguredQuotas(AssignmentProblem p, long[] min, Map<String, Long> quotas, long queries) {
    long[] out = min.clone();
    quotas.forEach((id, q) -> {
      int j = indexOf(p, id);
      if (j < 0) {
        throw new IllegalArgumentException("allot.solver.quotas names model '" + id + "', which is not in the catalog");
      }
      if (q == null || q < 0) {
        throw new IllegalArgumentException("allot.solver.quotas." + id + " is " + q + "; must be a number of queries >= 0");
      }
      out[j] = Math.max(out[j], q);
    });
    long total = java.util.Arrays.stream(out).sum();
    if (total > queries) {
      throw new InfeasibleQuotaException("exploration quotas ask for " + total + " queries but the night has "
          + queries + ": lower allot.solver.quotas");
    }
    return out;
  }

  private static int indexOf(AssignmentProblem p, String id) {
    for (int j = 0; j < p.optionCount(); j++) {
      if (p.optionId(j).equals(id)) {
        return j;
      }
    }
    return -1;
  }
}
