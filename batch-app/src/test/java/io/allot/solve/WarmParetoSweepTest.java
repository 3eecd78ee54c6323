package io.allot.solve;

import io.allot.testing.DriverOnly;
import io.allot.lab.bench.BenchInstances;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-started Pareto sweep against every level solved from zero prices. */
@DriverOnly
class WarmParetoSweepTest {
  private static final SolveSettings PRICES_ONLY = SolveSettings.defaults().withPolish(false);

  @Test
  void theWarmSweepFindsTheColdFrontWithinTheGapTarget() {
    AssignmentProblem p = BenchInstances.generate(20_000, 6, 11);
    double cheapest = NightlySolve.cheapestCost(p);
    double best = NightlySolve.bestQualityCost(p, false);
    double published = BenchInstances.budgetAt(p, 0.3);

    List<ParetoFront.Level> cold = new ParetoSweep(new AssignmentSolver(), PRICES_ONLY, 11, false)
        .solve(p, cheapest, best, published);
    List<ParetoFront.Level> warm = new ParetoSweep(new AssignmentSolver(), PRICES_ONLY, 11, true)
        .solve(p, cheapest, best, published);

    // Every level solved cold is solved warm too (the warm sweep may also solve a level whose cold
    // construction the repair could not make feasible).
    assertThat(warm.size()).isGreaterThanOrEqualTo(cold.size()).isGreaterThanOrEqualTo(8);
    for (ParetoFront.Level c : cold) {
      int k = cold.indexOf(c);
      ParetoFront.Level w = warm.stream().filter(l -> l.budgetUsd() == c.budgetUsd()).findFirst().orElseThrow();
      assertThat(w.costUsd()).as("level %d cost", k).isLessThanOrEqualTo(w.budgetUsd() + 1e-9);
      // Each sweep's bound holds for the other's assignment too: both bound the same level.
      assertThat(c.quality()).as("level %d cold quality <= warm bound", k).isLessThanOrEqualTo(w.lpBound() + 1e-12);
      assertThat(w.quality()).as("level %d warm quality <= cold bound", k).isLessThanOrEqualTo(c.lpBound() + 1e-12);
      assertThat(w.quality()).as("level %d quality", k).isCloseTo(c.quality(), within(1e-4 * c.quality()));
      assertThat(w.lpBound()).as("level %d bound", k).isCloseTo(c.lpBound(), within(1e-3 * c.lpBound()));
      assertThat(w.gap()).as("level %d gap", k).isLessThan(1e-3);
    }
  }

  @Test
  void warmStartsFromTheLevelBelowNeedFewerPassesOverTheSweep() {
    AssignmentProblem p = BenchInstances.generate(20_000, 6, 13);
    FixedPointTable table = new FixedPointTable(p);
    int coldPasses = 0;
    int warmPasses = 0;
    DualPrices below = null;
    for (int k = 0; k <= 10; k++) {
      SideLimits level = new SideLimits(p, FixedPoint.toNano(BenchInstances.budgetAt(p, k / 20.0)));
      LagrangianPricing cold = new LagrangianPricing(p, table, level);
      LagrangianPricing.Prices fromZero = cold.solve();
      LagrangianPricing warm = new LagrangianPricing(p, table, level);
      LagrangianPricing.Prices fromBelow = below == null ? warm.solve() : warm.solve(below);
      below = fromBelow.prices();
      coldPasses += cold.passes();
      warmPasses += warm.passes();

      assertThat(fromBelow.costNano()).isLessThanOrEqualTo(level.budgetNano);
      assertThat(fromBelow.boundTotal()).as("level %d", k).isCloseTo(fromZero.boundTotal(),
          within(1e-3 * fromZero.boundTotal()));
    }
    assertThat(warmPasses).isLessThan(coldPasses * 4 / 5);
  }

  @Test
  void levelsAboveTheLastBindingBudgetKeepItsPricesAndBound() {
    AssignmentProblem p = BenchInstances.generate(20_000, 6, 13);
    List<ParetoFront.Level> warm = new ParetoSweep(new AssignmentSolver(), PRICES_ONLY, 11, true)
        .solve(p, NightlySolve.cheapestCost(p), NightlySolve.bestQualityCost(p, false), -1);

    ParetoFront.Level top = warm.get(warm.size() - 1);
    ParetoFront.Level belowTop = warm.get(warm.size() - 2);
    assertThat(top.costUsd()).as("the all-best budget is not all spent").isLessThan(top.budgetUsd());
    assertThat(top.lpBound()).isEqualTo(belowTop.lpBound());
  }
}
