package io.allot.solve;

import io.allot.testing.DriverOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@DriverOnly
class AssignmentSolverTest {
  /** Tiny instances need a long walk to leave the price start; each step is cheap there. */
  private static final SolveSettings THOROUGH =
      SolveSettings.defaults().withStepLimits(10_000, 50_000);
  private static final SolveSettings QUICK = SolveSettings.defaults().withStepLimits(2_000, 10_000);
  private final AssignmentSolver solver = new AssignmentSolver();

  @ParameterizedTest(name = "seed {0}: {1} queries x {2} options, budget at {3}")
  @CsvSource({
      "1, 10, 4, 0.3", "2, 10, 4, 0.5", "3, 12, 3, 0.2", "4, 12, 3, 0.7", "5, 11, 4, 0.1",
      "6, 12, 3, 0.5", "7, 10, 4, 0.9", "8, 9, 4, 0.4", "9, 12, 3, 0.35", "10, 10, 4, 0.6"})
  void matchesTheBruteForceOptimumOnTinyInstances(long seed, int n, int m, double share) {
    AssignmentProblem p = RandomInstances.create(n, m, seed, 0.15);
    double budget = RandomInstances.budgetAt(p, share);

    SolveResult r = solver.solve(p, budget, THOROUGH, SolveProgressListener.NONE);
    double optimum = BruteForce.optimum(p, budget) / n;

    assertThat(r.feasible()).isTrue();
    assertThat(r.totalCostUsd()).isLessThanOrEqualTo(budget + 1e-9);
    assertThat(r.meanQuality()).isCloseTo(optimum, within(1e-9));
    assertThat(r.lpBound()).isGreaterThanOrEqualTo(optimum - 1e-12);
    assertThat(r.gap()).isGreaterThanOrEqualTo(0);
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"21", "22", "23", "24"})
  void respectsCapacitiesAndStillFindsTheOptimum(long seed) {
    AssignmentProblem p = RandomInstances.withCapacity(
        RandomInstances.create(10, 4, seed, 0.0), new long[] {6, 4, 3, 2});
    double budget = RandomInstances.budgetAt(p, 0.6);

    SolveResult r = solver.solve(p, budget, THOROUGH, SolveProgressListener.NONE);

    long[] load = new long[4];
    for (int j : r.choice()) {
      load[j]++;
    }
    assertThat(load).satisfies(l -> {
      for (int j = 0; j < 4; j++) {
        assertThat(l[j]).isLessThanOrEqualTo(p.capacity(j));
      }
    });
    assertThat(r.feasible()).isTrue();
    assertThat(r.meanQuality()).isCloseTo(BruteForce.optimum(p, budget) / 10, within(1e-9));
  }

  @Test
  void twentyThousandQueriesEndWithinHalfAPercentOfTheBound() {
    AssignmentProblem p = RandomInstances.create(20_000, 6, 20_000, 0.1);
    double budget = RandomInstances.budgetAt(p, 0.3);

    SolveResult r = solver.solve(p, budget, QUICK, SolveProgressListener.NONE);

    assertThat(r.feasible()).isTrue();
    assertThat(r.totalCostUsd()).isLessThanOrEqualTo(budget + 1e-9);
    assertThat(r.gap()).isBetween(0.0, 0.005);
  }

  @Test
  void aBudgetBelowTheCheapestAssignmentNamesTheMinimum() {
    AssignmentProblem p = new AssignmentProblem(new String[] {"q-1", "q-2"}, null,
        new String[] {"small", "large"},
        new double[] {0.5, 0.9, 0.6, 0.95},
        new double[] {15.70, 40.0, 15.72, 50.0});

    assertThatThrownBy(() -> solver.solve(p, 12.0, QUICK, SolveProgressListener.NONE))
        .isInstanceOf(InfeasibleBudgetException.class)
        .hasMessage("budget $12.00 is below the cheapest feasible assignment ($31.42): "
            + "raise allot.budget-usd to at least 31.42");
  }

  @Test
  void aRerunGivesTheSameChoices() {
    AssignmentProblem p = RandomInstances.create(2_000, 5, 77, 0.1);
    double budget = RandomInstances.budgetAt(p, 0.4);

    SolveResult first = solver.solve(p, budget, QUICK, SolveProgressListener.NONE);
    SolveResult second = solver.solve(p, budget, QUICK, SolveProgressListener.NONE);

    assertThat(second.choice()).isEqualTo(first.choice());
    assertThat(first.polish().steps()).isGreaterThan(0);
  }

  @Test
  void contestedQueriesAloneArePolishedOnLargerInstances() {
    AssignmentProblem p = RandomInstances.create(3_000, 4, 5, 0.0);
    double budget = RandomInstances.budgetAt(p, 0.5);

    SolveResult r = solver.solve(p, budget, QUICK.withMaxPolishQueries(300),
        SolveProgressListener.NONE);

    assertThat(r.polish().queries()).isEqualTo(300);
    assertThat(r.feasible()).isTrue();
    assertThat(r.gap()).isBetween(0.0, 0.005);
  }

  @Test
  void aGenerousBudgetBuysEveryQueryItsBestOption() {
    AssignmentProblem p = RandomInstances.create(500, 4, 3, 0.2);
    double budget = RandomInstances.budgetAt(p, 1.0) + 1;

    SolveResult r = solver.solve(p, budget, QUICK, SolveProgressListener.NONE);

    assertThat(r.lambda()).isZero();
    assertThat(r.gap()).isZero();
  }
}
