package io.allot.solve;

import io.allot.lab.bench.BenchInstances;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exact price searches against their definitions: the smallest price at which a limit holds. */
class ExactPricesTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void weightedSelectMatchesASortedScan(long seed) {
    Random random = new Random(seed);
    int n = 2_000;
    double[] keys = new double[n];
    long[] weights = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = random.nextInt(300) / 7.0; // many ties
      weights[i] = 1 + random.nextInt(50);
    }
    long total = Arrays.stream(weights).sum();
    for (long threshold : new long[] {-5, 0, 1, total / 3, total / 2, total - 1}) {
      assertThat(WeightedSelect.largestAbove(keys.clone(), weights.clone(), n, threshold))
          .as("threshold %d", threshold).isEqualTo(bySorting(keys, weights, threshold));
    }
    assertThat(WeightedSelect.largestAbove(keys.clone(), weights.clone(), n, total)).isNaN();
  }

  /** The largest key r whose keys >= r weigh more than the threshold (below the total), by sorting. */
  private static double bySorting(double[] keys, long[] weights, long threshold) {
    Integer[] order = new Integer[keys.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(keys[b], keys[a]));
    long sum = 0;
    for (int k = 0; k < order.length; k++) {
      sum += weights[order[k]];
      boolean lastOfTies = k + 1 == order.length || keys[order[k + 1]] != keys[order[k]];
      if (lastOfTies && sum > threshold) {
        return keys[order[k]];
      }
    }
    throw new AssertionError("threshold " + threshold + " is not below the total weight");
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 6, 7})
  void theBudgetAndTenantPricesAreTheSmallestThatFit(long seed) {
    AssignmentProblem base = RandomInstances.create(3_000, 5, seed, 0.2);
    // One tenant of three, capped at 60% of its share of the budget: its cap binds.
    double tenantCap = 0.6 * RandomInstances.budgetAt(base, 0.3) / 3;
    AssignmentProblem p = base.withTenantRules(TenantRules.of(List.of(new TenantRules.Rule("tenant-1", Set.of(),
        tenantCap, 0)), Set.of("model-0", "model-1", "model-2", "model-3", "model-4")), new int[5]);
    FixedPointTable table = new FixedPointTable(p);
    SideLimits limits = new SideLimits(p, FixedPoint.toNano(RandomInstances.budgetAt(p, 0.3)));
    CostBreakpoints breakpoints = new CostBreakpoints(new LocalQueryPasses(p, table, limits), limits);
    PricePass pass = new PricePass(p, table, limits);
    int[] choice = new int[p.queryCount()];
    DualPrices prices = DualPrices.zero(5, limits.tenantCount());
    prices.tenant()[0] = 0.5;

    double budgetPrice = breakpoints.smallestFitting(prices, -1);
    assertThat(budgetPrice).isPositive();
    prices.setBudget(ThresholdPrice.above(budgetPrice));
    assertThat(pass.run(prices, choice).usage().cost).isLessThanOrEqualTo(limits.budgetNano);
    prices.setBudget(budgetPrice * (1 - 1e-7));
    assertThat(pass.run(prices, choice).usage().cost).isGreaterThan(limits.budgetNano);

    prices.setBudget(ThresholdPrice.above(budgetPrice));
    double tenantPrice = breakpoints.smallestFitting(prices, 0);
    assertThat(tenantPrice).isPositive();
    prices.tenant()[0] = ThresholdPrice.above(tenantPrice);
    assertThat(pass.run(prices, choice).usage().tenantCost[0]).isLessThanOrEqualTo(limits.tenantCapNano[0]);
    prices.tenant()[0] = tenantPrice * (1 - 1e-7);
    assertThat(pass.run(prices, choice).usage().tenantCost[0]).isGreaterThan(limits.tenantCapNano[0]);

    // Searched again near the last answer (the bracketed walk), the answer is the same.
    assertThat(breakpoints.smallestFitting(prices, 0)).isEqualTo(tenantPrice);
  }

  @Test
  void passesOverBlocksGiveTheSameChoiceAndSumsOnEveryRun() {
    AssignmentProblem p = BenchInstances.generate(3 * QueryBlocks.SIZE + 17, 5, 3);
    FixedPointTable table = new FixedPointTable(p);
    SideLimits limits = new SideLimits(p, FixedPoint.toNano(BenchInstances.budgetAt(p, 0.3)));
    DualPrices prices = DualPrices.zero(5, 0);
    prices.setBudget(2.0);
    int[] first = new int[p.queryCount()];
    PricePass.Result a = new PricePass(p, table, limits).run(prices, first);
    int[] second = new int[p.queryCount()];
    PricePass.Result b = new PricePass(p, table, limits).run(prices, second);

    assertThat(second).isEqualTo(first);
    assertThat(b.value()).isEqualTo(a.value());
    LoadLedger sequential = new LoadLedger(limits, table, first);
    assertThat(a.usage().cost).isEqualTo(sequential.cost);
    assertThat(a.usage().load).isEqualTo(sequential.load);
    assertThat(a.usage().tokenLoad).isEqualTo(sequential.tokenLoad);
  }
}
