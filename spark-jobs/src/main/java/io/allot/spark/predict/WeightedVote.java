package io.allot.spark.predict;

/**
 * SelectLLM's confidence-weighted majority vote over a subset of models, and the exact
 * probability that it is right.
 *
 * <p><b>The vote.</b> Member i votes with weight w_i = p_i, its calibrated P(correct). Only
 * right/wrong is modelled, and the wrong members are assumed to agree on one wrong answer (exact
 * for yes/no tasks, pessimistic where wrong answers scatter). The vote is right when the right
 * members' weight is larger than the wrong members'. <b>Tie rule:</b> on equal weight the side
 * holding the leader wins; the leader is the member with the highest p, the first in the given
 * order among equals. (So a pair always answers like its more confident member.)
 *
 * <p><b>Independence.</b> {@link #probability} assumes the members' correctness is independent
 * given the query. Models trained on similar data err together, so it is optimistic there.
 * It enumerates all 2^k outcomes, exact for the k &lt;= {@link #MAX_MEMBERS} used here.
 */
public final class WeightedVote {
  public static final int MAX_MEMBERS = 5;

  private WeightedVote() {}

  /** P(the weighted vote is right) for members with calibrated probabilities p. */
  public static double probability(double[] p) {
    check(p);
    int k = p.length;
    double total = 0;
    for (int mask = 0; mask < (1 << k); mask++) {
      double prob = 1;
      boolean[] right = new boolean[k];
      for (int i = 0; i < k; i++) {
        right[i] = (mask & (1 << i)) != 0;
        prob *= right[i] ? p[i] : 1 - p[i];
      }
      if (prob > 0 && isRight(right, p)) {
        total += prob;
      }
    }
    return Math.min(1, Math.max(0, total));
  }

  /** Whether the vote is right when member i was right exactly where {@code right[i]}. */
  public static boolean isRight(boolean[] right, double[] p) {
    check(p);
    double rightWeight = 0;
    double wrongWeight = 0;
    int leader = 0;
    for (int i = 0; i < p.length; i++) {
      if (right[i]) {
        rightWeight += p[i];
      } else {
        wrongWeight += p[i];
      }
      if (p[i] > p[leader]) {
        leader = i;
      }
    }
    if (rightWeight != wrongWeight) {
      return rightWeight > wrongWeight;
    }
    return right[leader];
  }

  private static void check(double[] p) {
    if (p.length == 0 || p.length > MAX_MEMBERS) {
      throw new IllegalArgumentException("a vote needs 1 to " + MAX_MEMBERS + " members, got "
          + p.length);
    }
    for (double v : p) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("member probability " + v + " is outside [0,1]");
      }
    }
  }
}
