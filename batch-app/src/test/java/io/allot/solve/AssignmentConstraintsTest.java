package io.allot.solve;

import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

class AssignmentConstraintsTest {
  // Two queries x two options; costs in USD become nano-dollars, quality nano-units.
  private static final AssignmentProblem PROBLEM = new AssignmentProblem(
      new String[] {"q-0", "q-1"}, null, new String[] {"small", "large"},
      new double[] {0.5, 0.9, 0.25, Double.NaN},
      new double[] {1.0, 3.0, 2.0, Double.NaN},
      new long[] {1, AssignmentProblem.UNLIMITED});
  private static final FixedPointTable TABLE = new FixedPointTable(PROBLEM);
  private static final ModelOption SMALL = new ModelOption(0, "small", 1);
  private static final ModelOption LARGE =
      new ModelOption(1, "large", AssignmentProblem.UNLIMITED);

  private final ConstraintVerifier<AssignmentConstraints, AssignmentSolution> verifier =
      ConstraintVerifier.build(new AssignmentConstraints(), AssignmentSolution.class,
          QueryAssignment.class);

  private static QueryAssignment assign(int query, ModelOption option) {
    return new QueryAssignment(query, TABLE, option);
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
        .given(assign(0, SMALL), assign(1, SMALL))
        .penalizesBy(1);
  }

  @Test
  void unlimitedModelsNeverOverflow() {
    verifier.verifyThat(AssignmentConstraints::modelsStayWithinCapacity)
        .given(assign(0, LARGE), assign(1, SMALL))
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
        .given(assign(0, LARGE), assign(1, SMALL), new Budget(5_000_000_000L))
        .scores(org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore
            .of(0, 1_150_000_000L));
  }
}
