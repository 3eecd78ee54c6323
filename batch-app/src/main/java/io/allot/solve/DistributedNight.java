package io.allot.solve;

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
  private final OptionKinds kinds;

  private DistributedNight(SparkQueryPasses queries, AssignmentProblem header, OptionKinds kinds) {
    this.queries = queries;
    this.header = header;
    this.kinds = kinds;
  }

  /** Draws the night's queries [offset, offset + count) with its options and limits, on an executor. */
  @FunctionalInterface
  public interface ProblemSlices extends java.io.Serializable {
    AssignmentProblem slice(long offset, int count);
  }

  /**
   * A night of n queries whose slices are drawn on the executors, so the driver never holds the
   * rows (e.g. the {@code allot bench-solver} instance, io.allot.lab.bench.BenchInstances#slices).
   */
  public static DistributedNight of(JavaSparkContext spark, int n, int sliceBlocks, ProblemSlices slices) {
    AssignmentProblem header = headerOf(slices.slice(0, 0));
    SparkQueryPasses queries = new SparkQueryPasses(spark, n, sliceBlocks, (s, offset, count) -> {
      AssignmentProblem p = slices.slice(offset, count);
      FixedPointTable table = new FixedPointTable(p);
      return new QueryPasses.QueryView(p, table, new SideLimits(p, 0), offset);
    });
    return new DistributedNight(queries, header, OptionKinds.fixed(header));
  }

  /**
   * A night whose slices are already built ({@link ScoredSlices}: the run's scored rows), with
   * {@code limits} holding its options and limits (its queries, if any, are not used) and
   * {@code kinds} its options' kinds (names and roles).
   */
  static DistributedNight of(SparkQueryPasses slices, AssignmentProblem limits, OptionKinds kinds) {
    return new DistributedNight(slices, headerOf(limits), kinds);
  }

  /** The kinds of the night's options; whether any has a random cost (a cascade). */
  OptionKinds kinds() {
    return kinds;
  }

  /** A problem's options and limits without its queries. */
  private static AssignmentProblem headerOf(AssignmentProblem p) {
    return new AssignmentProblem(new String[0], new String[0], p.optionIds(), new double[0], new double[0])
        .withLimitsOf(p, 1);
  }

  public int queryCount() {
    return queries.queryCount();
  }

  /**
   * Cost of every query on its cheapest allowed option, on its best single model, and on its best
   * option (sums per slice).
   */
  public double[] costRange() {
    List<double[]> perSlice = queries.perSlice((view, from, to) -> new double[] {
        NightlySolve.cheapestCost(view.problem()), NightlySolve.bestQualityCost(view.problem(), true),
        NightlySolve.bestQualityCost(view.problem(), false)});
    double[] sum = new double[3];
    for (double[] s : perSlice) {
      for (int k = 0; k < sum.length; k++) {
        sum[k] += s[k];
      }
    }
    return sum;
  }

  /**
   * The night's Pareto levels from the all-cheapest to the all-best assignment, by the loop the
   * driver path runs ({@link ParetoSweep#sweep}): each level's search starts from the prices of the
   * level below, and its passes run on the executors.
   */
  List<ParetoFront.Level> paretoLevels(int levels, SolveSettings levelSettings, double publishedBudget) {
    return paretoLevels(levels, levelSettings, publishedBudget, 0);
  }

  /**
   * {@link #paretoLevels(int, SolveSettings, double)}, or, above {@code sampleQueries} queries, the
   * levels of a seeded sample of that many ({@link ParetoSample}) collected to the driver and swept
   * there, as the driver path does.
   */
  List<ParetoFront.Level> paretoLevels(int levels, SolveSettings levelSettings, double publishedBudget,
      int sampleQueries) {
    int n = queryCount();
    if (sampleQueries > 0 && n > sampleQueries) {
      long[] picked = java.util.Arrays.stream(ParetoSample.pick(n, sampleQueries, levelSettings.randomSeed()))
          .asLongStream().toArray();
      // The sample's rows come to the driver and are swept there, as on the driver path.
      return new ParetoSweep(new AssignmentSolver(), levelSettings, levels, true)
          .solve(ParetoSample.scaled(solver().rows(picked), header, n), n, publishedBudget);
    }
    double[] range = costRange();
    DistributedSolve solve = solver();
    return ParetoSweep.sweep(new ParetoSweep.LevelSolver() {
      @Override
      public ParetoSweep.LevelResult solve(double budgetUsd, DualPrices warm, boolean warmIsOptimal) {
        DistributedSolve.Outcome o = solve.solve(budgetUsd, levelSettings, null, warm, warmIsOptimal);
        if (!o.feasible() && o.violations().stream().anyMatch(v -> v.contains("below its quota"))) {
          // The driver path stops such a level before its search (FeasibilityChecks: the quotas
          // cost more than the budget), so the next level starts from its own prices, not these:
          // a search that cannot meet the quotas does not settle. Skipped the same way here.
          throw new InfeasibleQuotaException("the quotas cannot be met at budget $" + budgetUsd + " ("
              + String.join("; ", o.violations()) + ")");
        }
        return new ParetoSweep.LevelResult(o.feasible(), o.costUsd(), o.meanQuality(), o.lpBound(), o.gap(),
            o.prices(), o.violations());
      }

      @Override
      public double largestMoveUsd() {
        return FixedPoint.fromNano(queries.reduce((view, from, to) -> ParetoSweep.largestMoveNano(view.table(), from,
            to), (a, b) -> Math.max(a, b)));
      }
    }, levels, true, !levelSettings.polish(), range[0], range[2], publishedBudget);
  }

  /** Wall seconds of {@link #paretoLevels} unpolished, as the nightly job sweeps. */
  public double paretoSweepSeconds(int levels, SolveSettings settings, double publishedBudget) {
    long t0 = System.nanoTime();
    paretoLevels(levels, settings.withPolish(false), publishedBudget);
    return (System.nanoTime() - t0) / 1e9;
  }

  public DistributedSolve solver() {
    return new DistributedSolve(queries, header, kinds);
  }

  @Override
  public void close() {
    queries.close();
  }
}
