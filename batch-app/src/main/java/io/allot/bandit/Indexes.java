package io.allot.bandit;

import java.util.Random;
import java.util.function.IntToDoubleFunction;

/** The argmax of an index over arms, ties broken at random (seeded) so no arm is favoured by its position. */
public final class Indexes {
  private Indexes() {}

  public static int argmax(int arms, IntToDoubleFunction index, Random random) {
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    int ties = 0;
    for (int a = 0; a < arms; a++) {
      double v = index.applyAsDouble(a);
      if (best < 0 || v > bestValue) {
        best = a;
        bestValue = v;
        ties = 1;
      } else if (v == bestValue && random.nextInt(++ties) == 0) {
        best = a; // reservoir sampling over the tied arms
      }
    }
    return best;
  }
}
