package io.allot.solve;

import java.util.Random;

/** Seeded random problems shaped like a catalog: dearer models are better on average. */
final class RandomInstances {
  private RandomInstances() {}

  static AssignmentProblem create(int n, int m, long seed, double disallowedShare) {
    Random random = new Random(seed);
    String[] queryIds = new String[n];
    String[] tenants = new String[n];
    String[] optionIds = new String[m];
    double[] quality = new double[n * m];
    double[] cost = new double[n * m];
    double[] skill = new double[m];
    double[] price = new double[m];
    for (int j = 0; j < m; j++) {
      optionIds[j] = "model-" + j;
      skill[j] = 0.4 + 0.5 * (j + random.nextDouble()) / m;
      price[j] = 0.0001 * Math.pow(3, j) * (0.5 + random.nextDouble());
    }
    for (int i = 0; i < n; i++) {
      queryIds[i] = "q-" + i;
      tenants[i] = "tenant-" + (i % 3);
      double difficulty = random.nextDouble() * 0.4 - 0.2;
      double tokens = 0.5 + random.nextDouble() * 1.5;
      int alwaysAllowed = random.nextInt(m);
      for (int j = 0; j < m; j++) {
        int k = i * m + j;
        if (j != alwaysAllowed && random.nextDouble() < disallowedShare) {
          quality[k] = Double.NaN;
          cost[k] = Double.NaN;
          continue;
        }
        double q = skill[j] - difficulty + 0.15 * random.nextGaussian();
        quality[k] = Math.min(1, Math.max(0, q));
        cost[k] = price[j] * tokens * (0.8 + 0.4 * random.nextDouble());
      }
    }
    return new AssignmentProblem(queryIds, tenants, optionIds, quality, cost);
  }

  /** A budget between the cheapest and the dearest assignment, at {@code share} of the way. */
  static double budgetAt(AssignmentProblem p, double share) {
    double low = 0;
    double high = 0;
    for (int i = 0; i < p.queryCount(); i++) {
      double min = Double.POSITIVE_INFINITY;
      double max = 0;
      for (int j = 0; j < p.optionCount(); j++) {
        if (p.isAllowed(i, j)) {
          min = Math.min(min, p.costUsd(i, j));
          max = Math.max(max, p.costUsd(i, j));
        }
      }
      low += min;
      high += max;
    }
    return low + share * (high - low);
  }

  /** The same problem with per-option capacities. */
  static AssignmentProblem withCapacity(AssignmentProblem p, long[] capacity) {
    int n = p.queryCount();
    int m = p.optionCount();
    String[] ids = new String[n];
    String[] tenants = new String[n];
    String[] options = new String[m];
    double[] quality = new double[n * m];
    double[] cost = new double[n * m];
    for (int j = 0; j < m; j++) {
      options[j] = p.optionId(j);
    }
    for (int i = 0; i < n; i++) {
      ids[i] = p.queryId(i);
      tenants[i] = p.tenant(i);
      for (int j = 0; j < m; j++) {
        quality[i * m + j] = p.quality(i, j);
        cost[i * m + j] = p.costUsd(i, j);
      }
    }
    return new AssignmentProblem(ids, tenants, options, quality, cost, capacity);
  }
}
