package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SideRepairTest {
  private static final long UNLIMITED = AssignmentProblem.UNLIMITED;

  /**
   * Two capped models side by side: the queries over model a's capacity would lose least on model
   * b, which is full too. Seen in the distributed solve at 20M queries, where the contested queries
   * sat between the two capped best models and the repair moved none of them.
   */
  @Test
  void aQueryWhoseLeastLossMoveIsFullTakesItsBestMoveThatFits() {
    String[] options = {"a", "b", "c"};
    double[] quality = {0.90, 0.85, 0.50, 0.90, 0.85, 0.50, 0.90, 0.85, 0.50};
    double[] cost = {3, 2, 1, 3, 2, 1, 3, 2, 1};
    AssignmentProblem p = new AssignmentProblem(new String[] {"q0", "q1", "q2"}, null, options, quality, cost,
        new long[] {1, 1, UNLIMITED});
    FixedPointTable table = new FixedPointTable(p);
    SideLimits limits = new SideLimits(p, FixedPoint.toNano(100));
    int[] choice = {0, 0, 1}; // a holds two of its one, b is full
    LoadLedger ledger = new LoadLedger(limits, table, choice);
    assertThat(ledger.violations()).isNotEmpty();

    new SideRepair(p, table, limits).repair(choice.clone(), new LoadLedger(limits, table, choice));
    SideRepair.withSecondChoices(p, table, limits).repair(choice, ledger);

    assertThat(ledger.violations()).isEmpty();
    assertThat(choice).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(choice[2]).as("b's query stays").isEqualTo(1);
  }
}
