package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated nights: a cheap model, a dear one, and a cascade whose escalation (to the dear model)
 * happens with probability 0.3. Planned in expectation the night overruns its budget about half
 * the time; with the stated reserve (2 sd) it stays within budget on at least 95% of the nights.
 */
class BudgetReserveTest {
  private static final int N = 300;
  private static final double ESCALATE = 0.3;
  private static final double[] QUALITY = {0.6, 0.95, 0.9};
  private static final double[] COST = {0.001, 0.05, 0.005 + ESCALATE * 0.05};

  @Test
  void realisedNightStaysWithinBudgetAtTheStatedReserve() {
    double budget = N * COST[2];
    double overWithout = overBudgetShare(0, budget);
    double overWith = overBudgetShare(BudgetReserve.DEFAULT_Z, budget);
    assertThat(overWithout).isGreaterThan(0.2);
    assertThat(overWith).isLessThanOrEqualTo(0.05);
  }

  private static double overBudgetShare(double z, double budget) {
    String[] ids = new String[N];
    double[] q = new double[N * 3];
    double[] c = new double[N * 3];
    double[] var = new double[N * 3];
    for (int i = 0; i < N; i++) {
      ids[i] = "q" + i;
      for (int o = 0; o < 3; o++) {
        q[i * 3 + o] = QUALITY[o];
        c[i * 3 + o] = COST[o];
      }
      var[i * 3 + 2] = ESCALATE * (1 - ESCALATE) * 0.05 * 0.05;
    }
    AssignmentProblem problem = new AssignmentProblem(ids, null,
        new String[] {"cheap", "dear", "cascade"}, q, c);
    SolveResult plan = BudgetReserve.plan(problem, BudgetReserve.of(var, 3), budget, z,
        SolveSettings.defaults().withPolish(false));
    assertThat(plan.totalCostUsd()).isLessThanOrEqualTo(budget + 1e-9);
    Random rnd = new Random(11);
    int over = 0;
    int nights = 1000;
    for (int night = 0; night < nights; night++) {
      double spent = 0;
      for (int i = 0; i < N; i++) {
        int o = plan.choice()[i];
        spent += o == 2 ? 0.005 + (rnd.nextDouble() < ESCALATE ? 0.05 : 0) : COST[o];
      }
      over += spent > budget ? 1 : 0;
    }
    return (double) over / nights;
  }
}
