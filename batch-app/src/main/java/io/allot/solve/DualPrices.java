package io.allot.solve;

/**
 * Lagrange multipliers of one solve, all >= 0, in quality units per unit of what they price.
 *
 * @param budget per dollar of total cost
 * @param capacity per query on each model (its query capacity)
 * @param token per token on each model (its token capacity)
 * @param tenant per dollar of each capped tenant's cost (order of {@link SideLimits#tenantNames})
 * @param quota per query each model's exploration quota rewards (it lowers the dual value)
 */
public final class DualPrices implements java.io.Serializable {
  private double budget;
  private final double[] capacity;
  private final double[] token;
  private final double[] tenant;
  private final double[] quota;

  public DualPrices(double budget, double[] capacity, double[] token, double[] tenant, double[] quota) {
    this.budget = budget;
    this.capacity = capacity;
    this.token = token;
    this.tenant = tenant;
    this.quota = quota;
  }

  static DualPrices zero(int m, int tenants) {
    return new DualPrices(0, new double[m], new double[m], new double[tenants], new double[m]);
  }

  DualPrices copy() {
    return new DualPrices(budget, capacity.clone(), token.clone(), tenant.clone(), quota.clone());
  }

  public double budget() {
    return budget;
  }

  void setBudget(double value) {
    budget = value;
  }

  public double[] capacity() {
    return capacity;
  }

  public double[] token() {
    return token;
  }

  public double[] tenant() {
    return tenant;
  }

  public double[] quota() {
    return quota;
  }

  /**
   * The Lagrangian's constant part: what the priced limits are worth at these prices, i.e.
   * lambda*B + sum(mu_j*cap_j) + ... - sum(nu_j*min_j). Unlimited capacities carry no price.
   */
  double constant(SideLimits limits) {
    double sum = budget * FixedPoint.fromNano(limits.budgetNano);
    for (int j = 0; j < limits.m; j++) {
      if (capacity[j] > 0) {
        sum += capacity[j] * limits.queryCap[j];
      }
      if (token[j] > 0) {
        sum += token[j] * limits.tokenCap[j];
      }
      sum -= quota[j] * limits.minQueries[j];
    }
    for (int t = 0; t < tenant.length; t++) {
      sum += tenant[t] * FixedPoint.fromNano(limits.tenantCapNano[t]);
    }
    return sum;
  }

  /** Per option: the price of one query's worth of its members' capacity, less their quota reward. */
  double[] perQueryCharge(SideLimits limits) {
    double[] charge = new double[limits.m];
    for (int o = 0; o < limits.m; o++) {
      for (int j : limits.members[o]) {
        charge[o] += capacity[j] - quota[j];
      }
    }
    return charge;
  }

  /** Per option: the price of one token on each of its members. */
  double[] perTokenCharge(SideLimits limits) {
    double[] charge = new double[limits.m];
    for (int o = 0; o < limits.m; o++) {
      for (int j : limits.members[o]) {
        charge[o] += token[j];
      }
    }
    return charge;
  }
}
