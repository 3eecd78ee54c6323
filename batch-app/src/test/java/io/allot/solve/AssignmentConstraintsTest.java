package io.allot.solve;

import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

class AssignmentConstraintsTest {
  // Two queries x three options; costs in USD become nano-dollars, quality nano-units.
  // Option 2 ("pair") calls both models 0 and 1, like a SelectLLM subset.
  private static final AssignmentProblem PROBLEM = new AssignmentProblem(
      new String[] {"q-0", "q-1"}, null, new String[] {"small", "large", "pair"},
      new double[] {0.5, 0.9, 0.95, 0.25, Double.NaN, 0.3},
      new double[] {1.0, 3.0, 4.0, 2.0, Double.NaN, 5.0});
  private static final FixedPointTable TABLE = new FixedPointTable(PROBLEM);
  private static final ModelOption SMALL = new ModelOption(0, "small");
  private static final ModelOption LARGE = new ModelOption(1, "large");
  private static final ModelOption PAIR = new ModelOption(2, "pair", new int[] {0, 1});
  private static final ModelLimit SMALL_ONE_QUERY = new ModelLimit(0, "small", 1, AssignmentProblem.UNLIMITED, 0);
  private static final ModelLimit LARGE_FREE = ModelLimit.unlimited(1, "large");

  private final ConstraintVerifier<AssignmentConstraints, AssignmentSolution> verifier =
      ConstraintVerifier.build(new AssignmentConstraints(), AssignmentSolution.class,
          QueryAssignment.class);

  private static QueryAssignment assign(int query, ModelOption option) {
    return new QueryAssignment(query, TABLE, option);
  }

  /** Query 0 has 100 tokens, query 1 has 300; query 1's tenant has cap index 0. */
  private static QueryAssignment assignWithTokens(int query, ModelOption option) {
    return new QueryAssignment(query, TABLE, query == 0 ? 100 : 300, query == 1 ? 0 : -1, option);
  }

  @Test
  void spendingOverTheBudgetIsPenalisedByTheExcessInNanoDollars() {
    verifier.verifyThat(AssignmentConstraints::spendingStaysWithinBudget)
        .given(assign(0, LARGE), assign(1, SMALL), new Budget(4_500_000_000L))
        .penalizesBy(500_000_000L);
  }

  @Test
  void spendingWithinTheBudgetIsFree() {
    verifier.verifyThat(AssignmentConstraints::spendingStaysWithinBudget)
        .given(assign(0, SMALL), assign(1, SMALL), new Budget(3_000_000_000L))
        .penalizesBy(0);
  }

  @Test
  void aDisallowedOptionIsPenalised() {
    verifier.verifyThat(AssignmentConstraints::queriesTakeOnlyAllowedOptions)
        .given(assign(0, LARGE), assign(1, LARGE))
        .penalizesBy(1);
  }

  @Test
  void loadOverCapacityIsPenalisedPerExtraQuery() {
    verifier.verifyThat(AssignmentConstraints::modelsStayWithinCapacity)
        .given(assign(0, SMALL), assign(1, SMALL), SMALL_ONE_QUERY, LARGE_FREE)
        .penalizesBy(1);
  }

  @Test
  void aSubsetOptionUsesCapacityOnEachMember() {
    verifier.verifyThat(AssignmentConstraints::modelsStayWithinCapacity)
        .given(assign(0, PAIR), assign(1, SMALL), SMALL_ONE_QUERY, LARGE_FREE)
        .penalizesBy(1);
  }

  @Test
  void unlimitedModelsNeverOverflow() {
    verifier.verifyThat(AssignmentConstraints::modelsStayWithinCapacity)
        .given(assign(0, LARGE), assign(1, SMALL), SMALL_ONE_QUERY, LARGE_FREE)
        .penalizesBy(0);
  }

  @Test
  void tokensOverATokenCapacityArePenalisedPerExtraToken() {
    ModelLimit largeTokens = new ModelLimit(1, "large", AssignmentProblem.UNLIMITED, 350, 0);
    verifier.verifyThat(AssignmentConstraints::modelsStayWithinTokenCapacity)
        .given(assignWithTokens(0, LARGE), assignWithTokens(1, PAIR), SMALL_ONE_QUERY, largeTokens)
        .penalizesBy(50);
  }

  @Test
  void tokensWithinTheTokenCapacityAreFree() {
    ModelLimit largeTokens = new ModelLimit(1, "large", AssignmentProblem.UNLIMITED, 400, 0);
    verifier.verifyThat(AssignmentConstraints::modelsStayWithinTokenCapacity)
        .given(assignWithTokens(0, LARGE), assignWithTokens(1, PAIR), SMALL_ONE_QUERY, largeTokens)
        .penalizesBy(0);
  }

  @Test
  void aTenantOverItsCapIsPenalisedByTheExcessInNanoDollars() {
    // Query 1 (the capped tenant) takes the pair for $5; its cap is $4.
    verifier.verifyThat(AssignmentConstraints::tenantsStayWithinBudget)
        .given(assignWithTokens(0, LARGE), assignWithTokens(1, PAIR), new TenantCap(0, "acme", 4_000_000_000L))
        .penalizesBy(1_000_000_000L);
  }

  @Test
  void queriesOfUncappedTenantsNeverCountAgainstACap() {
    verifier.verifyThat(AssignmentConstraints::tenantsStayWithinBudget)
        .given(assignWithTokens(0, PAIR), assignWithTokens(1, SMALL), new TenantCap(0, "acme", 2_000_000_000L))
        .penalizesBy(0);
  }

  @Test
  void aQuotaShortByOneQueryIsPenalisedOnce() {
    ModelLimit largeQuota = new ModelLimit(1, "large", AssignmentProblem.UNLIMITED, AssignmentProblem.UNLIMITED, 2);
    verifier.verifyThat(AssignmentConstraints::quotasAreMet)
        .given(assign(0, PAIR), assign(1, SMALL), SMALL_ONE_QUERY, largeQuota)
        .penalizesBy(1);
  }

  @Test
  void aMetQuotaIsFree() {
    ModelLimit largeQuota = new ModelLimit(1, "large", AssignmentProblem.UNLIMITED, AssignmentProblem.UNLIMITED, 2);
    verifier.verifyThat(AssignmentConstraints::quotasAreMet)
        .given(assign(0, PAIR), assign(1, LARGE), SMALL_ONE_QUERY, largeQuota)
        .penalizesBy(0);
  }

  @Test
  void aQuotaModelNoQueryTakesIsPenalisedByTheWholeQuota() {
    ModelLimit largeQuota = new ModelLimit(1, "large", AssignmentProblem.UNLIMITED, AssignmentProblem.UNLIMITED, 2);
    verifier.verifyThat(AssignmentConstraints::quotasOfUnusedModelsAreMet)
        .given(assign(0, SMALL), assign(1, SMALL), SMALL_ONE_QUERY, largeQuota)
        .penalizesBy(2);
    verifier.verifyThat(AssignmentConstraints::quotasOfUnusedModelsAreMet)
        .given(assign(0, PAIR), assign(1, SMALL), SMALL_ONE_QUERY, largeQuota)
        .penalizesBy(0);
  }

  @Test
  void qualityIsRewardedInNanoUnits() {
    verifier.verifyThat(AssignmentConstraints::expectedQualityIsMaximal)
        .given(assign(0, LARGE), assign(1, SMALL))
        .rewardsWith(1_150_000_000L);
  }

  @Test
  void aWholeSolutionScoresAllConstraintsTogether() {
    verifier.verifyThat()
        .given(assign(0, LARGE), assign(1, SMALL), SMALL_ONE_QUERY, LARGE_FREE, new Budget(5_000_000_000L))
        .scores(HardSoftLongScore.of(0, 1_150_000_000L));
  }
}
