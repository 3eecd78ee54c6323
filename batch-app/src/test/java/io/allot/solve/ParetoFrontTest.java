package io.allot.solve;

import io.allot.testing.DriverOnly;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DriverOnly
class ParetoFrontTest {

  @Test
  void dominatedLevelsAreDroppedAndTheRestSortedByCost() {
    List<ParetoFront.Level> front = ParetoFront.nonDominated(List.of(
        level(30, 30, 0.80, false), level(10, 10, 0.60, false), level(20, 21, 0.59, false),
        level(25, 24, 0.75, true), level(40, 29, 0.80, false)));

    assertThat(front).extracting(ParetoFront.Level::costUsd).containsExactly(10.0, 24.0, 29.0);
  }

  @Test
  void thePublishedPointStaysEvenWhenDominated() {
    List<ParetoFront.Level> front = ParetoFront.nonDominated(List.of(
        level(10, 10, 0.70, false), level(20, 15, 0.65, true), level(30, 18, 0.68, false)));

    assertThat(front).extracting(ParetoFront.Level::published).containsExactly(false, true);
    assertThat(front).extracting(ParetoFront.Level::costUsd).containsExactly(10.0, 15.0);
  }

  @Test
  void aSweepGivesNonDominatedPointsSortedByCostWithBoundsAboveThem(@TempDir Path dir) throws Exception {
    AssignmentProblem p = RandomInstances.withCapacity(RandomInstances.create(3_000, 5, 91, 0.1),
        new long[] {3_000, 3_000, 1_500, 1_000, 600});
    SolveSettings settings = SolveSettings.defaults().withStepLimits(500, 2_000);

    SolveOutputs out = new NightlySolve(settings, 11, true).solve(1, p, BudgetSpec.parse("40%"), dir);

    List<SolveOutputs.ParetoPoint> front = out.pareto();
    assertThat(front.size()).isGreaterThanOrEqualTo(5);
    assertThat(front).filteredOn(SolveOutputs.ParetoPoint::published).hasSize(1);
    for (int k = 1; k < front.size(); k++) {
      SolveOutputs.ParetoPoint a = front.get(k - 1);
      SolveOutputs.ParetoPoint b = front.get(k);
      assertThat(b.totalCostUsd()).isGreaterThanOrEqualTo(a.totalCostUsd());
      assertThat(b.expectedQuality()).as("point %d is not dominated by point %d", k, k - 1)
          .isGreaterThan(a.expectedQuality());
    }
    for (SolveOutputs.ParetoPoint point : front) {
      assertThat(point.lpBound()).isGreaterThanOrEqualTo(point.expectedQuality() - 1e-12);
      assertThat(point.gap()).isBetween(0.0, 0.01);
    }
  }

  private static ParetoFront.Level level(double budget, double cost, double quality, boolean published) {
    return new ParetoFront.Level(budget, cost, quality, quality + 0.01, 0.01, published);
  }
}
