package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each kind of impossible instance fails before solving, with a message that says what to change. */
class InfeasibleInputTest {
  private static final String[] IDS = {"q-1", "q-2", "q-3"};
  private static final String[] TENANTS = {"acme", "acme", "globex"};
  private static final String[] OPTIONS = {"small", "large"};
  private static final Set<String> MODEL_IDS = Set.of(OPTIONS);
  private static final int[] LATENCY = {200, 1200};
  private final AssignmentSolver solver = new AssignmentSolver();

  private static AssignmentProblem problem() {
    return new AssignmentProblem(IDS, TENANTS, OPTIONS, new double[] {0.5, 0.9, 0.6, 0.8, 0.4, 0.7},
        new double[] {1, 4, 1, 4, 1, 4});
  }

  private SolveResult solve(AssignmentProblem p, double budget) {
    return solver.solve(p, budget, SolveSettings.defaults(), SolveProgressListener.NONE);
  }

  @Test
  void aBudgetBelowTheCheapestAssignmentNamesTheMinimum() {
    assertThatThrownBy(() -> solve(problem(), 2))
        .isInstanceOf(InfeasibleBudgetException.class)
        .hasMessageContaining("below the cheapest feasible assignment ($3.00)");
  }

  @Test
  void capacitiesThatCannotHoldEveryQueryNameTheShortfall() {
    AssignmentProblem p = new AssignmentProblem(IDS, TENANTS, OPTIONS, new double[] {0.5, 0.9, 0.6, 0.8, 0.4, 0.7},
        new double[] {1, 4, 1, 4, 1, 4}, new long[] {1, 1});
    assertThatThrownBy(() -> solve(p, 100))
        .isInstanceOf(InfeasibleCapacityException.class)
        .hasMessageContaining("raise capacities by at least 1 in total");
  }

  @Test
  void tokenCapacitiesThatCannotHoldTheNightNameTheShortfall() {
    AssignmentProblem p = problem().withTokenCapacity(new long[] {100, 100, 100}, new long[] {120, 130});
    assertThatThrownBy(() -> solve(p, 100))
        .isInstanceOf(InfeasibleCapacityException.class)
        .hasMessageContaining("hold at most 250 of the night's 300 tokens: raise capacity.tokens by at least 50");
  }

  @Test
  void aTenantWithNoAllowedModelIsNamed() {
    TenantRules rules = TenantRules.of(List.of(new TenantRules.Rule("acme", Set.of("small"), Double.NaN, 1000)),
        MODEL_IDS);
    assertThatThrownBy(() -> problem().withTenantRules(rules, LATENCY))
        .isInstanceOf(InfeasibleTenantException.class)
        .hasMessageContaining("tenant 'acme' has no allowed model for query 'q-1'")
        .hasMessageContaining("small (disallowed-models)")
        .hasMessageContaining("large (latency 1200 ms > max-latency-ms 1000)");
  }

  @Test
  void aTenantCapBelowItsCheapestAssignmentNamesTheMinimum() {
    TenantRules rules = TenantRules.of(List.of(new TenantRules.Rule("acme", Set.of(), 1.5, 0)), MODEL_IDS);
    AssignmentProblem p = problem().withTenantRules(rules, LATENCY);
    assertThatThrownBy(() -> solve(p, 100))
        .isInstanceOf(InfeasibleTenantException.class)
        .hasMessageContaining("tenant 'acme' has budget-usd $1.50 but its queries cost at least $2.00")
        .hasMessageContaining("allot.tenants.acme.budget-usd to at least 2.00");
  }

  @Test
  void anUnknownModelInATenantRuleNamesTheSetting() {
    assertThatThrownBy(() -> TenantRules.of(List.of(new TenantRules.Rule("acme", Set.of("gpt-9"), Double.NaN, 0)),
        MODEL_IDS))
        .hasMessageStartingWith("allot.tenants.acme.disallowed-models names 'gpt-9', which is not in the catalog");
  }

  @Test
  void aQuotaAboveTheModelsCapacityIsNamed() {
    AssignmentProblem p = new AssignmentProblem(IDS, TENANTS, OPTIONS, new double[] {0.5, 0.9, 0.6, 0.8, 0.4, 0.7},
        new double[] {1, 4, 1, 4, 1, 4}, new long[] {3, 1}).withMinimumQueries(new long[] {0, 2});
    assertThatThrownBy(() -> solve(p, 100))
        .isInstanceOf(InfeasibleQuotaException.class)
        .hasMessageContaining("quota of model 'large' asks for 2 queries but its capacity is 1");
  }

  @Test
  void aQuotaTooFewQueriesMayUseIsNamed() {
    TenantRules rules = TenantRules.of(List.of(new TenantRules.Rule("acme", Set.of("large"), Double.NaN, 0)),
        MODEL_IDS);
    AssignmentProblem p = problem().withTenantRules(rules, LATENCY).withMinimumQueries(new long[] {0, 2});
    assertThatThrownBy(() -> solve(p, 100))
        .isInstanceOf(InfeasibleQuotaException.class)
        .hasMessageContaining("asks for 2 queries but only 1 queries may use it");
  }

  @Test
  void aQuotaTheBudgetCannotPayForNamesTheBudgetItNeeds() {
    AssignmentProblem p = problem().withMinimumQueries(new long[] {0, 2});
    assertThatThrownBy(() -> solve(p, 8))
        .isInstanceOf(InfeasibleQuotaException.class)
        .hasMessageContaining("quota of model 'large' (2 queries) needs a budget of at least $9.00, above the budget $8.00");
  }

  @Test
  void configuredQuotasForUnknownModelsNameTheSetting() {
    assertThatThrownBy(() -> ProblemSetup.withConfiguredQuotas(problem(), java.util.Map.of("gpt-9", 5L)))
        .hasMessage("allot.solver.quotas names model 'gpt-9', which is not in the catalog");
    assertThatThrownBy(() -> ProblemSetup.withConfiguredQuotas(problem(), java.util.Map.of("small", 4L)))
        .isInstanceOf(InfeasibleQuotaException.class)
        .hasMessageContaining("ask for 4 queries but the night has 3");
  }
}
