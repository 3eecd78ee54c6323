package io.allot.solve;

import java.util.Arrays;
import java.util.Objects;

/**
 * One night's assignment problem as flat arrays: n queries, m options (option j = catalog model j).
 *
 * <p>Row-major matrices keep a 1M x 8 instance at two 64 MB double arrays instead of millions of
 * small objects. The arrays are taken as they are, not copied, so callers must not change them
 * after construction. An option whose quality or cost is NaN is not allowed for that query.
 */
public final class AssignmentProblem {

  /** Capacity value meaning "no limit on the number of queries". */
  public static final long UNLIMITED = Long.MAX_VALUE;

  private final int n;
  private final int m;
  private final String[] queryIds;
  private final String[] tenants;
  private final String[] optionIds;
  private final double[] quality;
  private final double[] costUsd;
  private final long[] capacity;
  private long[] minimumQueries;
  /** Prompt + output tokens per query; null when no option has a token capacity. */
  private long[] tokens;
  private long[] tokenCapacity;
  /** Member models (option indexes) of each option; null = each option is its own one model. */
  private int[][] members;
  /** Per-tenant dollar caps; empty when no tenant has one. */
  private java.util.Map<String, Double> tenantBudgetUsd = java.util.Map.of();

  public AssignmentProblem(String[] queryIds, String[] tenants, String[] optionIds,
      double[] quality, double[] costUsd) {
    this(queryIds, tenants, optionIds, quality, costUsd, null);
  }

  /** @param capacity per-option query capacity, or null when no option is limited */
  public AssignmentProblem(String[] queryIds, String[] tenants, String[] optionIds,
      double[] quality, double[] costUsd, long[] capacity) {
    this.queryIds = Objects.requireNonNull(queryIds, "queryIds");
    this.optionIds = Objects.requireNonNull(optionIds, "optionIds");
    this.quality = Objects.requireNonNull(quality, "quality");
    this.costUsd = Objects.requireNonNull(costUsd, "costUsd");
    this.n = queryIds.length;
    this.m = optionIds.length;
    this.tenants = tenants == null ? new String[n] : tenants;
    if (m == 0) {
      throw new IllegalArgumentException("the option catalog is empty: at least one model is needed");
    }
    requireLength("tenants", this.tenants.length, n);
    requireLength("quality", quality.length, (long) n * m);
    requireLength("costUsd", costUsd.length, (long) n * m);
    if (capacity == null) {
      capacity = new long[m];
      Arrays.fill(capacity, UNLIMITED);
    }
    requireLength("capacity", capacity.length, m);
    this.capacity = capacity;
    validateValues();
  }

  private static void requireLength(String name, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          name + " has length " + actual + " but the problem needs " + expected);
    }
  }

  private void validateValues() {
    for (int j = 0; j < m; j++) {
      if (capacity[j] < 0) {
        throw new IllegalArgumentException(
            "option '" + optionIds[j] + "' has negative capacity " + capacity[j]);
      }
    }
    for (int i = 0; i < n; i++) {
      boolean anyAllowed = false;
      for (int j = 0; j < m; j++) {
        int k = i * m + j;
        double q = quality[k];
        double c = costUsd[k];
        if (Double.isNaN(q) || Double.isNaN(c)) {
          continue;
        }
        if (q < 0 || q > 1) {
          throw new IllegalArgumentException("query '" + queryIds[i] + "' option '" + optionIds[j]
              + "': quality " + q + " is outside [0,1]");
        }
        if (c < 0 || Double.isInfinite(c)) {
          throw new IllegalArgumentException("query '" + queryIds[i] + "' option '" + optionIds[j]
              + "': cost " + c + " USD is not a finite non-negative amount");
        }
        anyAllowed = true;
      }
      if (!anyAllowed) {
        throw new IllegalArgumentException("query '" + queryIds[i] + "' (row " + i
            + ") has no allowed option: every option's quality or cost is NaN");
      }
    }
  }

  public int queryCount() {
    return n;
  }

  public int optionCount() {
    return m;
  }

  public String queryId(int i) {
    return queryIds[i];
  }

  public String tenant(int i) {
    return tenants[i];
  }

  public String optionId(int j) {
    return optionIds[j];
  }

  public double quality(int i, int j) {
    return quality[i * m + j];
  }

  public double costUsd(int i, int j) {
    return costUsd[i * m + j];
  }

  public boolean isAllowed(int i, int j) {
    int k = i * m + j;
    return !Double.isNaN(quality[k]) && !Double.isNaN(costUsd[k]);
  }

  public long capacity(int j) {
    return capacity[j];
  }

  /**
   * The same problem with exploration quotas: option j must serve at least {@code minimumQueries[j]}
   * queries (0 = no quota). The TI-UCB step sets them for the arms it wants to learn about.
   */
  public AssignmentProblem withMinimumQueries(long[] minimumQueries) {
    requireLength("minimumQueries", minimumQueries.length, m);
    long total = 0;
    for (int j = 0; j < m; j++) {
      if (minimumQueries[j] < 0) {
        throw new IllegalArgumentException("option '" + optionIds[j] + "' has a negative quota " + minimumQueries[j]);
      }
      total += minimumQueries[j];
    }
    if (total > n) {
      throw new IllegalArgumentException("exploration quotas ask for " + total + " queries but the night has " + n);
    }
    AssignmentProblem copy = copyWith(quality, costUsd);
    copy.minimumQueries = minimumQueries.clone();
    return copy;
  }

  /**
   * The same problem with a whole night's quotas, not checked against this problem's own query
   * count: a slice of a distributed night ({@link ScoredSlices}).
   */
  AssignmentProblem withNightQuotas(long[] minimumQueries) {
    requireLength("minimumQueries", minimumQueries.length, m);
    AssignmentProblem copy = copyWith(quality, costUsd);
    copy.minimumQueries = minimumQueries.clone();
    return copy;
  }

  /**
   * The same problem with other predicted qualities (e.g. TI-UCB's trend shifts), keeping every
   * side constraint. A NaN keeps or makes an option not allowed; other values must lie in [0,1].
   */
  public AssignmentProblem withQuality(double[] newQuality) {
    requireLength("quality", newQuality.length, (long) n * m);
    for (int k = 0; k < newQuality.length; k++) {
      double q = newQuality[k];
      if (!Double.isNaN(q) && (q < 0 || q > 1)) {
        throw new IllegalArgumentException("query '" + queryIds[k / m] + "' option '" + optionIds[k % m]
            + "': quality " + q + " is outside [0,1]");
      }
    }
    return copyWith(newQuality, costUsd);
  }

  /** The exploration quota of option j: the fewest queries it must serve (0 when it has none). */
  public long minimumQueries(int j) {
    return minimumQueries == null ? 0 : minimumQueries[j];
  }

  public boolean hasCapacityLimits() {
    for (int j = 0; j < m; j++) {
      if (capacity[j] != UNLIMITED || tokenCapacity(j) != UNLIMITED) {
        return true;
      }
    }
    return false;
  }

  /** A copy sharing every array except the two matrices, without re-validating them. */
  private AssignmentProblem copyWith(double[] newQuality, double[] newCost) {
    AssignmentProblem copy = new AssignmentProblem(this, newQuality, newCost);
    copy.minimumQueries = minimumQueries;
    copy.tokens = tokens;
    copy.tokenCapacity = tokenCapacity;
    copy.members = members;
    copy.tenantBudgetUsd = tenantBudgetUsd;
    return copy;
  }

  private AssignmentProblem(AssignmentProblem p, double[] newQuality, double[] newCost) {
    this(p, newQuality, newCost, p.capacity);
  }

  private AssignmentProblem(AssignmentProblem p, double[] newQuality, double[] newCost, long[] capacity) {
    this.n = p.n;
    this.m = p.m;
    this.queryIds = p.queryIds;
    this.tenants = p.tenants;
    this.optionIds = p.optionIds;
    this.quality = newQuality;
    this.costUsd = newCost;
    this.capacity = capacity;
  }

  /**
   * The same queries under another problem's limits (capacities, token capacities, quotas, tenant
   * caps and members), not checked against this problem's query count: a distributed solve's
   * header (no queries, the night's limits) and its contested part (what the fixed queries left).
   */
  AssignmentProblem withLimits(long[] queryCapacity, long[] tokenCapacity, long[] minimum, int[][] optionMembers,
      java.util.Map<String, Double> tenantCaps) {
    AssignmentProblem copy = new AssignmentProblem(this, quality, costUsd, queryCapacity.clone());
    copy.tokens = tokens == null ? new long[n] : tokens;
    copy.tokenCapacity = tokenCapacity.clone();
    copy.minimumQueries = minimum.clone();
    copy.members = optionMembers;
    copy.tenantBudgetUsd = tenantCaps;
    return copy;
  }

  /**
   * The same queries under {@code limits}' capacities, token capacities, quotas and tenant caps,
   * each scaled by {@code share} ({@link #UNLIMITED} stays unlimited; 1 keeps them as they are),
   * and its option members: a Pareto sample under its share of the night's limits, or a
   * distributed solve's header (no queries, the night's limits).
   */
  AssignmentProblem withLimitsOf(AssignmentProblem limits, double share) {
    int m = limits.optionCount();
    long[] cap = new long[m];
    long[] tokenCap = new long[m];
    long[] min = new long[m];
    int[][] optionMembers = new int[m][];
    for (int j = 0; j < m; j++) {
      cap[j] = scaledLimit(limits.capacity(j), share);
      tokenCap[j] = scaledLimit(limits.tokenCapacity(j), share);
      min[j] = Math.round(limits.minimumQueries(j) * share);
      optionMembers[j] = limits.members(j);
    }
    java.util.Map<String, Double> tenantCaps = new java.util.LinkedHashMap<>();
    limits.tenantBudgets().forEach((tenant, usd) -> tenantCaps.put(tenant, usd * share));
    return withLimits(cap, tokenCap, min, optionMembers, tenantCaps);
  }

  private static long scaledLimit(long limit, double share) {
    return limit == UNLIMITED ? limit : Math.round(limit * share);
  }

  /** The option ids, in option order. */
  String[] optionIds() {
    String[] ids = new String[optionCount()];
    java.util.Arrays.setAll(ids, this::optionId);
    return ids;
  }

  /**
   * The same problem with token capacities: query i uses {@code tokensPerQuery[i]} (prompt +
   * output) of every member model of the option it takes; model j may use at most
   * {@code tokenCapacity[j]} ({@link #UNLIMITED} = no limit).
   */
  public AssignmentProblem withTokenCapacity(long[] tokensPerQuery, long[] tokenCapacity) {
    requireLength("tokensPerQuery", tokensPerQuery.length, n);
    requireLength("tokenCapacity", tokenCapacity.length, m);
    for (int i = 0; i < n; i++) {
      if (tokensPerQuery[i] < 0) {
        throw new IllegalArgumentException("query '" + queryIds[i] + "' has negative tokens " + tokensPerQuery[i]);
      }
    }
    for (int j = 0; j < m; j++) {
      if (tokenCapacity[j] < 0) {
        throw new IllegalArgumentException("option '" + optionIds[j] + "' has negative token capacity " + tokenCapacity[j]);
      }
    }
    AssignmentProblem copy = copyWith(quality, costUsd);
    copy.tokens = tokensPerQuery;
    copy.tokenCapacity = tokenCapacity;
    return copy;
  }

  /**
   * The same problem where option o calls the models {@code members[o]} (indexes of single-model
   * options), e.g. a SelectLLM subset: it uses a query's worth of capacity, tokens and quota on
   * each member. The default is each option alone.
   */
  public AssignmentProblem withOptionMembers(int[][] members) {
    requireLength("optionMembers", members.length, m);
    for (int o = 0; o < m; o++) {
      if (members[o] == null || members[o].length == 0) {
        throw new IllegalArgumentException("option '" + optionIds[o] + "' has no member models");
      }
      for (int j : members[o]) {
        if (j < 0 || j >= m) {
          throw new IllegalArgumentException("option '" + optionIds[o] + "' has member index " + j + " outside 0.." + (m - 1));
        }
      }
    }
    AssignmentProblem copy = copyWith(quality, costUsd);
    copy.members = members;
    return copy;
  }

  /**
   * The same problem under tenant rules: options with a disallowed member or a latency above the
   * tenant's maximum are not allowed for that tenant's queries, and the tenant's spending is capped.
   *
   * @param latencyMs typical latency per option index; an option's latency is its slowest member's
   * @throws InfeasibleTenantException when a tenant's rules leave one of its queries no option
   */
  public AssignmentProblem withTenantRules(TenantRules rules, int[] latencyMs) {
    requireLength("latencyMs", latencyMs.length, m);
    double[] q = quality.clone();
    for (int i = 0; i < n; i++) {
      TenantRules.Rule rule = rules.of(tenants[i]);
      if (rule == null) {
        continue;
      }
      boolean any = false;
      for (int o = 0; o < m; o++) {
        if (!isAllowed(i, o)) {
          continue;
        }
        if (rule.forbids(this, o, latencyMs)) {
          q[i * m + o] = Double.NaN;
        } else {
          any = true;
        }
      }
      if (!any) {
        throw new InfeasibleTenantException(rule, this, i, latencyMs);
      }
    }
    AssignmentProblem copy = copyWith(q, costUsd);
    copy.tenantBudgetUsd = rules.budgets();
    return copy;
  }

  /** Query i's tokens (prompt + output); 0 when the problem has no token capacities. */
  public long tokens(int i) {
    return tokens == null ? 0 : tokens[i];
  }

  public long tokenCapacity(int j) {
    return tokenCapacity == null ? UNLIMITED : tokenCapacity[j];
  }

  /** The models option o calls (indexes of single-model options); {o} by default. */
  public int[] members(int o) {
    return members == null ? new int[] {o} : members[o];
  }

  /** The dollar cap of a tenant, or NaN when it has none. */
  public double tenantBudgetUsd(String tenant) {
    Double cap = tenant == null ? null : tenantBudgetUsd.get(tenant);
    return cap == null ? Double.NaN : cap;
  }

  public java.util.Map<String, Double> tenantBudgets() {
    return tenantBudgetUsd;
  }
}
