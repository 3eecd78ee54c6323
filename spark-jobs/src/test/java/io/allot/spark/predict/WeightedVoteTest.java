package io.allot.spark.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightedVoteTest {

  @Test
  void matchesBruteForceOverAllOutcomes() {
    Random rnd = new Random(5);
    for (int trial = 0; trial < 300; trial++) {
      int k = 1 + rnd.nextInt(WeightedVote.MAX_MEMBERS);
      double[] p = new double[k];
      for (int i = 0; i < k; i++) {
        p[i] = trial % 10 == 0 ? 0.5 : rnd.nextDouble();
      }
      assertEquals(bruteForce(p, 0, new boolean[k]), WeightedVote.probability(p), 1e-12);
    }
  }

  @Test
  void threeEqualMembersIsPlainMajority() {
    double p = 0.7;
    assertEquals(3 * p * p * (1 - p) + p * p * p, WeightedVote.probability(new double[] {p, p, p}),
        1e-12);
  }

  @Test
  void aPairAnswersLikeItsMoreConfidentMember() {
    assertEquals(0.8, WeightedVote.probability(new double[] {0.6, 0.8}), 1e-12);
    // Equal weights tie: the first member leads.
    assertEquals(true, WeightedVote.isRight(new boolean[] {true, false}, new double[] {0.5, 0.5}));
    assertEquals(false, WeightedVote.isRight(new boolean[] {false, true}, new double[] {0.5, 0.5}));
  }

  @Test
  void subsetOptionSumsCostTakesMaxLatencyAndTopK() {
    double[] p = {0.2, 0.9, 0.7, 0.8};
    double[] cost = {1, 2, 3, 4};
    double[] latency = {100, 300, 200, 50};
    List<SubsetOptions.Option> options = SubsetOptions.forQuery(p, cost, latency, new int[] {2, 3});
    assertArrayEquals(new int[] {1, 3}, options.get(0).members());
    assertArrayEquals(new int[] {1, 2, 3}, options.get(1).members());
    assertEquals(9, options.get(1).costUsd(), 1e-12);
    assertEquals(300, options.get(1).latencyMs(), 1e-12);
    assertEquals(WeightedVote.probability(new double[] {0.9, 0.7, 0.8}), options.get(1).quality(),
        1e-12);
    assertEquals("b+c+d", options.get(1).name(List.of("a", "b", "c", "d")));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> WeightedVote.probability(new double[6]));
    assertThrows(IllegalArgumentException.class,
        () -> WeightedVote.probability(new double[] {1.2}));
  }

  /**
   * Independent reference: recursion over each member's outcome, and the vote decided by
   * comparing the summed weights (ties to the most confident, first among equals).
   */
  private static double bruteForce(double[] p, int i, boolean[] right) {
    if (i == p.length) {
      double yes = 0;
      double no = 0;
      int lead = 0;
      for (int j = 0; j < p.length; j++) {
        if (right[j]) {
          yes += p[j];
        } else {
          no += p[j];
        }
        lead = p[j] > p[lead] ? j : lead;
      }
      return yes > no || (yes == no && right[lead]) ? 1 : 0;
    }
    right[i] = true;
    double a = p[i] * bruteForce(p, i + 1, right);
    right[i] = false;
    double b = (1 - p[i]) * bruteForce(p, i + 1, right);
    return a + b;
  }
}
