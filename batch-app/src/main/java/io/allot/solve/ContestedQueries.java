package io.allot.solve;

import java.util.Arrays;

/**
 * Picks the queries worth handing to the local search when there are too many for it: those whose
 * best option beats the runner-up by the least at the budget price. The others would need a large
 * price change to move, so fixing them costs little (DESIGN.md, "10M queries and more").
 */
final class ContestedQueries {
  private ContestedQueries() {}

  /** Indexes of the {@code limit} smallest regrets, ties to the lower index, in ascending order. */
  static int[] select(double[] regret, int limit) {
    int n = regret.length;
    if (limit >= n) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    double[] sorted = regret.clone();
    Arrays.sort(sorted);
    double threshold = sorted[limit - 1];
    int below = 0;
    for (double r : regret) {
      if (r < threshold) {
        below++;
      }
    }
    int atThreshold = limit - below;
    int[] picked = new int[limit];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (regret[i] < threshold) {
        picked[k++] = i;
      } else if (regret[i] == threshold && atThreshold > 0) {
        picked[k++] = i;
        atThreshold--;
      }
    }
    return picked;
  }
}
