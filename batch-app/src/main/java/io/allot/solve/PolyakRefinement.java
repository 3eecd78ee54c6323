package io.allot.solve;

/**
 * Tightens the dual bound where coordinate search stalls (two capacities that bind together can
 * each be at their own best price while a joint move still lowers L): projected subgradient steps
 * on all prices at once with Polyak's step (L - target) / |g|^2, where the target is the quality
 * of a known feasible assignment. Prices are scaled by their limits so that every constraint's
 * slack counts relatively. Every point evaluated is still a valid bound; the smallest is kept.
 */
final class PolyakRefinement {
  private final LagrangianPricing pricing;
  private final FixedPointTable table;
  private final SideLimits limits;

  PolyakRefinement(LagrangianPricing pricing, FixedPointTable table, SideLimits limits) {
    this.pricing = pricing;
    this.table = table;
    this.limits = limits;
  }

  /** Runs up to {@code iterations} steps from the pricing's best prices; returns the best bound seen. */
  double refine(double targetTotal, int iterations) {
    DualPrices p = pricing.bestPrices().copy();
    int[] choice = pricing.newChoice();
    for (int t = 0; t < iterations; t++) {
      PricePass.Result pass = pricing.passResult(p, choice);
      double value = pass.value();
      LoadLedger ledger = pass.usage();
      // Relative slack of each priced limit: dL/d(price * limit).
      double gb = slack(FixedPoint.fromNano(limits.budgetNano), FixedPoint.fromNano(ledger.cost));
      double norm = gb * gb;
      double[] gq = new double[limits.m];
      double[] gt = new double[limits.m];
      double[] gm = new double[limits.m];
      for (int j = 0; j < limits.m; j++) {
        gq[j] = limits.queryCap[j] == AssignmentProblem.UNLIMITED ? 0 : slack(limits.queryCap[j], ledger.load[j]);
        gt[j] = limits.tokenCap[j] == AssignmentProblem.UNLIMITED ? 0 : slack(limits.tokenCap[j], ledger.tokenLoad[j]);
        gm[j] = limits.minQueries[j] == 0 ? 0 : -slack(limits.minQueries[j], ledger.load[j]);
        norm += gq[j] * gq[j] + gt[j] * gt[j] + gm[j] * gm[j];
      }
      double[] gten = new double[limits.tenantCount()];
      for (int k = 0; k < gten.length; k++) {
        gten[k] = slack(FixedPoint.fromNano(limits.tenantCapNano[k]), FixedPoint.fromNano(ledger.tenantCost[k]));
        norm += gten[k] * gten[k];
      }
      double gapTotal = value - targetTotal;
      if (norm == 0 || gapTotal <= 0) {
        break;
      }
      double step = gapTotal / norm;
      p.setBudget(move(p.budget(), gb, step, FixedPoint.fromNano(limits.budgetNano)));
      for (int j = 0; j < limits.m; j++) {
        p.capacity()[j] = move(p.capacity()[j], gq[j], step, limits.queryCap[j]);
        p.token()[j] = move(p.token()[j], gt[j], step, limits.tokenCap[j]);
        p.quota()[j] = move(p.quota()[j], gm[j], step, limits.minQueries[j]);
      }
      for (int k = 0; k < gten.length; k++) {
        p.tenant()[k] = move(p.tenant()[k], gten[k], step, FixedPoint.fromNano(limits.tenantCapNano[k]));
      }
    }
    return pricing.bestBound();
  }

  /** (limit - used) / limit: how much of the limit is left, negative when over. */
  private static double slack(double limit, double used) {
    return limit <= 0 ? 0 : (limit - used) / limit;
  }

  /** One projected step on price * limit, back in price units. */
  private static double move(double price, double g, double step, double limit) {
    if (g == 0 || limit <= 0 || limit == AssignmentProblem.UNLIMITED) {
      return price;
    }
    return Math.max(0, (price * limit - step * g) / limit);
  }
}
