package io.allot.lab.bench;

import io.allot.solve.AssignmentProblem;
import io.allot.solve.DistributedNight;
import io.allot.solve.HeapEstimate;
import io.allot.solve.NightlySolve;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded instances for {@code allot bench-solver}, shaped like a catalog: dearer models are better
 * on average, query difficulty and length vary, and the two best models have query capacities and
 * a mid-priced one a token capacity tight enough to bind at the benchmark budget.
 *
 * <p>Queries are drawn in blocks of {@value #BLOCK}, each from its own seeded stream, and the
 * limits depend only on the query count: so a Spark executor can draw its slice of a 20M-query
 * instance alone ({@link #slice}) and get exactly the rows the single-machine {@link #generate} has.
 */
public final class BenchInstances {
  /** Queries per random stream; slices start at multiples of it. */
  public static final int BLOCK = 1 << 15;
  /** Four shared tenant strings, not one per query: at 10M queries that saves about 0.5 GB. */
  private static final String[] TENANTS = {"tenant-0", "tenant-1", "tenant-2", "tenant-3"};
  /** Mean tokens per query of the draw below (200 + 4000 x E[U1 U2]). */
  private static final long MEAN_TOKENS = 1200;

  private BenchInstances() {}

  public static AssignmentProblem generate(int n, int m, long seed) {
    if ((long) n * m > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(n + " queries x " + m + " models do not fit one array");
    }
    HeapEstimate.check(n, m);
    return slice(n, m, seed, 0, n);
  }

  /** {@link #slice} as the distributed solve draws it, slice by slice on the executors. */
  public static DistributedNight.ProblemSlices slices(int n, int m, long seed) {
    return (offset, count) -> slice(n, m, seed, offset, count);
  }

  /**
   * Queries [from, from + count) of the instance of n queries, with the whole instance's limits.
   *
   * @param from a multiple of {@link #BLOCK}
   */
  public static AssignmentProblem slice(int n, int m, long seed, long from, int count) {
    if (from % BLOCK != 0) {
      throw new IllegalArgumentException("a slice starts at a multiple of " + BLOCK + ", not " + from);
    }
    SplittableRandom models = new SplittableRandom(seed);
    String[] options = new String[m];
    double[] skill = new double[m];
    double[] pricePerToken = new double[m];
    for (int j = 0; j < m; j++) {
      options[j] = "model-" + j;
      skill[j] = 0.45 + 0.45 * (j + models.nextDouble()) / m;
      pricePerToken[j] = 1e-7 * Math.pow(2.5, j) * (0.7 + 0.6 * models.nextDouble());
    }
    String[] ids = new String[count];
    String[] tenants = new String[count];
    double[] quality = new double[count * m];
    double[] cost = new double[count * m];
    long[] tokens = new long[count];
    SplittableRandom random = null;
    for (int r = 0; r < count; r++) {
      long i = from + r;
      if (i % BLOCK == 0 || random == null) {
        random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i / BLOCK + 1);
      }
      ids[r] = "q-" + i;
      tenants[r] = TENANTS[(int) (i % 4)];
      double difficulty = random.nextDouble() * 0.5 - 0.25;
      tokens[r] = 200 + (long) (random.nextDouble() * random.nextDouble() * 4000);
      for (int j = 0; j < m; j++) {
        int k = r * m + j;
        double q = skill[j] - difficulty * (1.2 - (double) j / m) + 0.08 * gaussian(random);
        quality[k] = Math.min(1, Math.max(0, q));
        cost[k] = pricePerToken[j] * tokens[r] * (0.9 + 0.2 * random.nextDouble());
      }
    }
    long[] capacity = new long[m];
    long[] tokenCapacity = new long[m];
    Arrays.fill(capacity, AssignmentProblem.UNLIMITED);
    Arrays.fill(tokenCapacity, AssignmentProblem.UNLIMITED);
    capacity[m - 1] = n / 10;
    if (m >= 3) {
      capacity[m - 2] = n * 3L / 20;
      tokenCapacity[m / 2] = n * MEAN_TOKENS / 8;
    }
    return new AssignmentProblem(ids, tenants, options, quality, cost, capacity)
        .withTokenCapacity(tokens, tokenCapacity);
  }

  /** A budget at {@code share} of the way from the all-cheapest to the all-best assignment. */
  public static double budgetAt(AssignmentProblem p, double share) {
    return budgetAt(NightlySolve.cheapestCost(p), NightlySolve.bestQualityCost(p, true), share);
  }

  /** A budget at {@code share} of the way from the all-cheapest cost to the all-best single-model cost. */
  public static double budgetAt(double cheapest, double bestSingle, double share) {
    return cheapest + share * (bestSingle - cheapest);
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
