package io.allot.testing;

import io.allot.solve.AssignmentProblem;
import java.util.Random;

/**
 * A seeded night where a SelectLLM vote pays: three close models (a, b, c) at the same price, whose
 * majority vote beats each of them, and a cheap weak one (d). Every fifth query is one the cheap
 * model knows well: its top-3 is then d, a, b, whose vote is worse than d alone.
 */
public final class SubsetInstances {
  public static final String[] MODELS = {"a", "b", "c", "d"};

  private SubsetInstances() {}

  /** @param capacity per model, or null for none */
  public static AssignmentProblem create(int n, long seed, long[] capacity) {
    Random random = new Random(seed);
    int m = MODELS.length;
    String[] ids = new String[n];
    String[] tenants = new String[n];
    double[] quality = new double[n * m];
    double[] cost = new double[n * m];
    for (int i = 0; i < n; i++) {
      ids[i] = String.format("q-%04d", i);
      tenants[i] = "t" + (i % 2);
      double size = 0.8 + 0.4 * random.nextDouble();
      double[] q = {0.72, 0.70, 0.68, i % 5 == 0 ? 0.95 : 0.40};
      double[] c = {0.010, 0.010, 0.010, 0.001};
      for (int j = 0; j < m; j++) {
        quality[i * m + j] = Math.min(1, q[j] + 0.02 * (random.nextDouble() - 0.5));
        cost[i * m + j] = c[j] * size;
      }
    }
    return new AssignmentProblem(ids, tenants, MODELS.clone(), quality, cost, capacity);
  }

  /**
   * Dollars at {@code share} of the way from every query on d to every query on the vote of a, b
   * and c. A budget share would be of the single-model range, which leaves nothing for votes here.
   */
  public static String budgetInVoteRange(AssignmentProblem p, double share) {
    double cheapest = 0;
    double allVote = 0;
    for (int i = 0; i < p.queryCount(); i++) {
      cheapest += p.costUsd(i, 3);
      allVote += p.costUsd(i, 0) + p.costUsd(i, 1) + p.costUsd(i, 2);
    }
    return String.valueOf(cheapest + share * (allVote - cheapest));
  }
}
