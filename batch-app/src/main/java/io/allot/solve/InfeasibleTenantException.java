package io.allot.solve;

import java.util.ArrayList;
import java.util.List;

/** A tenant's rules leave one of its queries no model at all. */
public final class InfeasibleTenantException extends RuntimeException {
  private final String tenant;

  InfeasibleTenantException(TenantRules.Rule rule, AssignmentProblem p, int query, int[] latencyMs) {
    super(message(rule, p, query, latencyMs));
    this.tenant = rule.tenant();
  }

  /** A tenant's dollar cap is below what its queries' cheapest allowed options cost. */
  InfeasibleTenantException(String tenant, double capUsd, double minimumUsd) {
    super(String.format(java.util.Locale.ROOT, "tenant '%s' has budget-usd $%.2f but its queries cost at "
        + "least $%.2f on their cheapest allowed models: raise allot.tenants.%s.budget-usd to at least %.2f",
        tenant, capUsd, minimumUsd, tenant, Math.ceil(minimumUsd * 100) / 100));
    this.tenant = tenant;
  }

  public String tenant() {
    return tenant;
  }

  private static String message(TenantRules.Rule rule, AssignmentProblem p, int i, int[] latencyMs) {
    List<String> reasons = new ArrayList<>();
    for (int o = 0; o < p.optionCount(); o++) {
      if (!p.isAllowed(i, o)) {
        continue;
      }
      if (rule.hasDisallowedMember(p, o)) {
        reasons.add(p.optionId(o) + " (disallowed-models)");
      } else {
        reasons.add(p.optionId(o) + " (latency " + TenantRules.Rule.latencyOf(p, o, latencyMs) + " ms > max-latency-ms "
            + rule.maxLatencyMs() + ")");
      }
    }
    return "tenant '" + rule.tenant() + "' has no allowed model for query '" + p.queryId(i) + "': "
        + String.join(", ", reasons) + "; relax allot.tenants." + rule.tenant()
        + ".disallowed-models or .max-latency-ms";
  }
}
