package io.allot.solve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-tenant rules from configuration ({@code allot.tenants.<name>.*}): models the tenant may not
 * use, a cap on its spending, and a maximum option latency. Tenants without rules are free.
 */
public final class TenantRules {

  /**
   * @param disallowedModels model ids the tenant's queries may not be sent to
   * @param budgetUsd cap on the tenant's total cost, NaN for none
   * @param maxLatencyMs largest allowed option latency, 0 for none
   */
  public record Rule(String tenant, Set<String> disallowedModels, double budgetUsd, long maxLatencyMs) {

    boolean forbids(AssignmentProblem p, int option, int[] latencyMs) {
      return hasDisallowedMember(p, option) || latencyOf(p, option, latencyMs) > maxLatencyLimit();
    }

    boolean hasDisallowedMember(AssignmentProblem p, int option) {
      for (int j : p.members(option)) {
        if (disallowedModels.contains(p.optionId(j))) {
          return true;
        }
      }
      return false;
    }

    long maxLatencyLimit() {
      return maxLatencyMs <= 0 ? Long.MAX_VALUE : maxLatencyMs;
    }

    static int latencyOf(AssignmentProblem p, int option, int[] latencyMs) {
      int slowest = 0;
      for (int j : p.members(option)) {
        slowest = Math.max(slowest, latencyMs[j]);
      }
      return slowest;
    }
  }

  public static final TenantRules NONE = new TenantRules(Map.of());

  private final Map<String, Rule> rules;

  private TenantRules(Map<String, Rule> rules) {
    this.rules = rules;
  }

  /**
   * Builds and checks the rules against the catalog's model ids.
   *
   * @throws IllegalArgumentException naming the setting when a model id is unknown or a value is
   *     out of range
   */
  public static TenantRules of(List<Rule> list, Set<String> modelIds) {
    Map<String, Rule> map = new LinkedHashMap<>();
    for (Rule r : list) {
      String key = "allot.tenants." + r.tenant();
      for (String id : r.disallowedModels()) {
        if (!modelIds.contains(id)) {
          throw new IllegalArgumentException(key + ".disallowed-models names '" + id
              + "', which is not in the catalog (known: " + new TreeSet<>(modelIds) + ")");
        }
      }
      if (!Double.isNaN(r.budgetUsd()) && !(r.budgetUsd() >= 0 && r.budgetUsd() < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(key + ".budget-usd is " + r.budgetUsd() + "; must be a dollar amount >= 0");
      }
      if (r.maxLatencyMs() < 0) {
        throw new IllegalArgumentException(key + ".max-latency-ms is " + r.maxLatencyMs() + "; must be >= 0 (0 = none)");
      }
      map.put(r.tenant(), r);
    }
    return new TenantRules(map);
  }

  Rule of(String tenant) {
    return tenant == null ? null : rules.get(tenant);
  }

  /** Tenant -> dollar cap, for the tenants that have one. */
  Map<String, Double> budgets() {
    Map<String, Double> out = new LinkedHashMap<>();
    rules.forEach((t, r) -> {
      if (!Double.isNaN(r.budgetUsd())) {
        out.put(t, r.budgetUsd());
      }
    });
    return Map.copyOf(out);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }
}
