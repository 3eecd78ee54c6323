package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A budget share is of the single-model range, so it means the same dollars with votes on or off. */
class BudgetRangeTest {

  @Test
  void theBestQualityEndOfTheShareRangeIgnoresVotes() {
    // Two queries; options: model a, model b, and the vote a+b (best quality, dearest).
    double[] quality = {0.6, 0.8, 0.9, 0.7, 0.5, 0.95};
    double[] cost = {1, 3, 4, 2, 1, 3};
    AssignmentProblem singles = new AssignmentProblem(new String[] {"q1", "q2"}, null, new String[] {"a", "b", "a+b"},
        new double[] {0.6, 0.8, Double.NaN, 0.7, 0.5, Double.NaN}, new double[] {1, 3, Double.NaN, 2, 1, Double.NaN});
    AssignmentProblem withVote = new AssignmentProblem(new String[] {"q1", "q2"}, null, new String[] {"a", "b", "a+b"},
        quality, cost).withOptionMembers(new int[][] {{0}, {1}, {0, 1}});

    assertThat(NightlySolve.bestQualityCost(withVote, true)).isEqualTo(3 + 2);
    assertThat(NightlySolve.bestQualityCost(withVote, false)).isEqualTo(4 + 3);
    assertThat(BudgetSpec.parse("30%").resolve(NightlySolve.cheapestCost(withVote), NightlySolve.bestQualityCost(withVote, true)))
        .isEqualTo(BudgetSpec.parse("30%").resolve(NightlySolve.cheapestCost(singles), NightlySolve.bestQualityCost(singles, true)));
  }
}
