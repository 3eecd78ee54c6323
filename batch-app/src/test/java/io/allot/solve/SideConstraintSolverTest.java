package io.allot.solve;

import io.allot.testing.DriverOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The solver against brute force and an independent check of every hard constraint. */
@DriverOnly
class SideConstraintSolverTest {
  private static final SolveSettings THOROUGH = SolveSettings.defaults().withStepLimits(10_000, 50_000);
  private final AssignmentSolver solver = new AssignmentSolver();

  /** Quotas, token capacities, a tenant cap and a subset option, all on one tiny instance. */
  static AssignmentProblem sideConstrained(int n, int m, long seed) {
    Random random = new Random(seed);
    AssignmentProblem p = RandomInstances.create(n, m, seed, 0.1);
    long[] tokens = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      tokens[i] = 100 + random.nextInt(900);
      total += tokens[i];
    }
    long[] tokenCap = new long[m];
    java.util.Arrays.fill(tokenCap, AssignmentProblem.UNLIMITED);
    tokenCap[m - 1] = total / 4; // the best model can take about a quarter of the tokens
    long[] quota = new long[m];
    quota[1] = 2;
    int[][] members = new int[m][];
    for (int o = 0; o < m; o++) {
      members[o] = new int[] {o};
    }
    members[m - 2] = new int[] {m - 2, 0}; // a "subset" option that also calls model 0
    TenantRules rules = TenantRules.of(List.of(
        new TenantRules.Rule("tenant-1", Set.of(), RandomInstances.budgetAt(p, 0.5) / 3, 0),
        new TenantRules.Rule("tenant-2", Set.of("model-" + (m - 1)), Double.NaN, 0)),
        Set.of(java.util.stream.IntStream.range(0, m).mapToObj(j -> "model-" + j).toArray(String[]::new)));
    return p.withOptionMembers(members).withTokenCapacity(tokens, tokenCap).withMinimumQueries(quota)
        .withTenantRules(rules, new int[m]);
  }

  @ParameterizedTest(name = "seed {0}: {1} queries x {2} options, budget at {3}")
  @CsvSource({"31, 10, 4, 0.4", "32, 11, 4, 0.6", "33, 12, 3, 0.5", "34, 10, 4, 0.3", "35, 9, 4, 0.8",
      "36, 12, 3, 0.7"})
  void matchesTheBruteForceOptimumUnderSideConstraints(long seed, int n, int m, double share) {
    AssignmentProblem p = sideConstrained(n, m, seed);
    double budget = RandomInstances.budgetAt(p, share);
    double optimum = BruteForce.optimum(p, budget);

    SolveResult r = solver.solve(p, budget, THOROUGH, SolveProgressListener.NONE);

    assertThat(optimum).isGreaterThan(Double.NEGATIVE_INFINITY);
    assertThat(r.feasible()).as("violations %s", r.violations()).isTrue();
    assertHardConstraintsHold(p, budget, r.choice());
    assertThat(r.meanQuality()).isCloseTo(optimum / n, within(1e-9));
    assertThat(r.lpBound()).isGreaterThanOrEqualTo(optimum / n - 1e-12);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52})
  void theDualBoundIsNeverBelowTheTrueOptimum(long seed) {
    AssignmentProblem p = RandomInstances.withCapacity(RandomInstances.create(8, 4, seed, 0.1), new long[] {3, 3, 2, 2});
    for (double share : new double[] {0.1, 0.4, 0.7, 1.0}) {
      double budget = RandomInstances.budgetAt(p, share);
      double optimum = BruteForce.optimum(p, budget);
      if (optimum == Double.NEGATIVE_INFINITY) {
        continue;
      }
      SolveResult r = solver.solve(p, budget, SolveSettings.defaults().withPolish(false), SolveProgressListener.NONE);
      assertThat(r.lpBound() * 8).as("budget share %s", share).isGreaterThanOrEqualTo(optimum - 1e-9);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {61, 62})
  void everyHardConstraintHoldsOnLargerInstancesWithBindingCapacities(long seed) {
    int n = 4_000;
    int m = 5;
    AssignmentProblem base = sideConstrained(n, m, seed);
    long[] capacity = {n, n / 2, n / 3, n / 4, n / 5};
    AssignmentProblem p = RandomInstances.withCapacity(base, capacity);
    // withCapacity rebuilds the arrays; put the side constraints back on the rebuilt problem.
    p = copySideConstraints(base, p);
    double budget = RandomInstances.budgetAt(p, 0.5);

    SolveResult r = solver.solve(p, budget, SolveSettings.defaults().withStepLimits(2_000, 10_000),
        SolveProgressListener.NONE);

    assertThat(r.feasible()).as("violations %s", r.violations()).isTrue();
    assertHardConstraintsHold(p, budget, r.choice());
    long[] load = loads(p, r.choice());
    assertThat(load[m - 1]).as("the best model's capacity binds").isGreaterThanOrEqualTo(capacity[m - 1] * 9 / 10);
    // Two binding capacities on models that a subset option shares: the coordinate dual search
    // stalls about 1% above the optimum here (docs/solver.md, "Known limits"); the bound stays valid.
    assertThat(r.gap()).isBetween(0.0, 0.02);
  }

  private static AssignmentProblem copySideConstraints(AssignmentProblem from, AssignmentProblem to) {
    int n = from.queryCount();
    int m = from.optionCount();
    long[] tokens = new long[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = from.tokens(i);
    }
    long[] tokenCap = new long[m];
    long[] quota = new long[m];
    int[][] members = new int[m][];
    for (int j = 0; j < m; j++) {
      tokenCap[j] = from.tokenCapacity(j);
      quota[j] = from.minimumQueries(j);
      members[j] = from.members(j);
    }
    return to.withOptionMembers(members).withTokenCapacity(tokens, tokenCap).withMinimumQueries(quota);
  }

  static long[] loads(AssignmentProblem p, int[] choice) {
    long[] load = new long[p.optionCount()];
    for (int o : choice) {
      for (int j : p.members(o)) {
        load[j]++;
      }
    }
    return load;
  }

  /** Checks every hard constraint from the problem's own accessors, not through the solver's ledger. */
  static void assertHardConstraintsHold(AssignmentProblem p, double budget, int[] choice) {
    int m = p.optionCount();
    double cost = 0;
    long[] tokens = new long[m];
    java.util.Map<String, Double> tenantCost = new java.util.HashMap<>();
    for (int i = 0; i < choice.length; i++) {
      int o = choice[i];
      assertThat(p.isAllowed(i, o)).as("query %s on allowed option", p.queryId(i)).isTrue();
      cost += p.costUsd(i, o);
      for (int j : p.members(o)) {
        tokens[j] += p.tokens(i);
      }
      tenantCost.merge(String.valueOf(p.tenant(i)), p.costUsd(i, o), Double::sum);
    }
    assertThat(cost).isLessThanOrEqualTo(budget + 1e-6);
    long[] load = loads(p, choice);
    for (int j = 0; j < m; j++) {
      assertThat(load[j]).as("queries on %s", p.optionId(j)).isLessThanOrEqualTo(p.capacity(j))
          .isGreaterThanOrEqualTo(p.minimumQueries(j));
      assertThat(tokens[j]).as("tokens on %s", p.optionId(j)).isLessThanOrEqualTo(p.tokenCapacity(j));
    }
    p.tenantBudgets().forEach((tenant, cap) ->
        assertThat(tenantCost.getOrDefault(tenant, 0.0)).as("spend of %s", tenant).isLessThanOrEqualTo(cap + 1e-6));
  }
}
