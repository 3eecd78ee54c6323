package io.allot.lab.bench;

import io.allot.solve.AssignmentProblem;
import io.allot.solve.HeapEstimate;
import io.allot.solve.NightlySolve;
import java.util.SplittableRandom;

/**
 * Seeded instances for {@code allot bench-solver}, shaped like a catalog: dearer models are better
 * on average, query difficulty and length vary, and the two best models have query capacities and
 * a mid-priced one a token capacity tight enough to bind at the benchmark budget.
 */
public final class BenchInstances {
  private BenchInstances() {}

  public static AssignmentProblem generate(int n, int m, long seed) {
    if ((long) n * m > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(n + " queries x " + m + " models do not fit one array");
    }
    HeapEstimate.check(n, m);
    SplittableRandom random = new SplittableRandom(seed);
    String[] ids = new String[n];
    String[] tenants = new String[n];
    String[] options = new String[m];
    double[] skill = new double[m];
    double[] pricePerToken = new double[m];
    for (int j = 0; j < m; j++) {
      options[j] = "model-" + j;
      skill[j] = 0.45 + 0.45 * (j + random.nextDouble()) / m;
      pricePerToken[j] = 1e-7 * Math.pow(2.5, j) * (0.7 + 0.6 * random.nextDouble());
    }
    // Four shared tenant strings, not one per query: at 10M queries that saves about 0.5 GB.
    String[] tenantNames = {"tenant-0", "tenant-1", "tenant-2", "tenant-3"};
    double[] quality = new double[n * m];
    double[] cost = new double[n * m];
    long[] tokens = new long[n];
    long totalTokens = 0;
    for (int i = 0; i < n; i++) {
      ids[i] = "q-" + i;
      tenants[i] = tenantNames[i % 4];
      double difficulty = random.nextDouble() * 0.5 - 0.25;
      tokens[i] = 200 + (long) (random.nextDouble() * random.nextDouble() * 4000);
      totalTokens += tokens[i];
      for (int j = 0; j < m; j++) {
        int k = i * m + j;
        double q = skill[j] - difficulty * (1.2 - (double) j / m) + 0.08 * gaussian(random);
        quality[k] = Math.min(1, Math.max(0, q));
        cost[k] = pricePerToken[j] * tokens[i] * (0.9 + 0.2 * random.nextDouble());
      }
    }
    long[] capacity = new long[m];
    long[] tokenCapacity = new long[m];
    java.util.Arrays.fill(capacity, AssignmentProblem.UNLIMITED);
    java.util.Arrays.fill(tokenCapacity, AssignmentProblem.UNLIMITED);
    capacity[m - 1] = n / 10;
    if (m >= 3) {
      capacity[m - 2] = n * 3 / 20;
      tokenCapacity[m / 2] = totalTokens / 8;
    }
    return new AssignmentProblem(ids, tenants, options, quality, cost, capacity)
        .withTokenCapacity(tokens, tokenCapacity);
  }

  /** A budget at {@code share} of the way from the all-cheapest to the all-best assignment. */
  public static double budgetAt(AssignmentProblem p, double share) {
    return NightlySolve.cheapestCost(p) + share * (NightlySolve.bestQualityCost(p, true) - NightlySolve.cheapestCost(p));
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
