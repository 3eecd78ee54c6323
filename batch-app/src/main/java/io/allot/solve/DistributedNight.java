package io.allot.solve;

import io.allot.lab.bench.BenchInstances;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A night held on Spark for the distributed solve: its slices cached on the executors and its
 * header (options and limits, no queries) on the driver. Closing it drops the cached slices.
 */
public final class DistributedNight implements AutoCloseable {
  private final SparkQueryPasses queries;
  private final AssignmentProblem header;

  private DistributedNight(SparkQueryPasses queries, AssignmentProblem header) {
    this.queries = queries;
    this.header = header;
  }

  /**
   * The {@code allot bench-solver} instance of n x m ({@link BenchInstances}), each slice drawn on
   * its executor, so the driver never holds the rows.
   */
  public static DistributedNight bench(JavaSparkContext spark, int n, int m, long seed, int sliceBlocks) {
    AssignmentProblem header = headerOf(BenchInstances.slice(n, m, seed, 0, 0));
    SparkQueryPasses queries = new SparkQueryPasses(spark, n, sliceBlocks, (s, offset, count) -> {
      AssignmentProblem p = BenchInstances.slice(n, m, seed, offset, count);
      FixedPointTable table = new FixedPointTable(p);
      return new QueryPasses.QueryView(p, table, new SideLimits(p, 0), offset);
    });
    return new DistributedNight(queries, header);
  }

  /** A problem's options and limits without its queries. */
  private static AssignmentProblem headerOf(AssignmentProblem p) {
    int m = p.optionCount();
    long[] cap = new long[m];
    long[] tokenCap = new long[m];
    long[] min = new long[m];
    int[][] members = new int[m][];
    for (int j = 0; j < m; j++) {
      cap[j] = p.capacity(j);
      tokenCap[j] = p.tokenCapacity(j);
      min[j] = p.minimumQueries(j);
      members[j] = p.members(j);
    }
    String[] options = new String[m];
    java.util.Arrays.setAll(options, p::optionId);
    return new AssignmentProblem(new String[0], new String[0], options, new double[0], new double[0])
        .withLimits(cap, tokenCap, min, members, p.tenantBudgets());
  }

  public int queryCount() {
    return queries.queryCount();
  }

  /** Cost of every query on its cheapest allowed option, and on its best single model (sums per slice). */
  public double[] cheapestAndBestSingleCost() {
    List<double[]> perSlice = queries.perSlice((view, from, to) -> new double[] {
        NightlySolve.cheapestCost(view.problem()), NightlySolve.bestQualityCost(view.problem(), true)});
    double[] sum = new double[2];
    for (double[] s : perSlice) {
      sum[0] += s[0];
      sum[1] += s[1];
    }
    return sum;
  }

  public DistributedSolve solver() {
    return new DistributedSolve(queries, header);
  }

  @Override
  public void close() {
    queries.close();
  }
}
