package io.allot.cli;

import io.allot.lab.bench.BenchInstances;
import io.allot.lab.bench.Medians;
import io.allot.solve.DistributedNight;
import io.allot.solve.DistributedSolve;
import io.allot.solve.SolveSettings;
import io.allot.solve.SolverBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code allot bench-solver --mode distributed}: the distributed solve of the bench instance, its
 * slices drawn and cached on the executors; per run the wall time by phase, the passes, the gap
 * to its LP bound and this JVM's (the driver's) peak heap.
 */
final class DistributedBench {
  private final int queries;
  private final int models;
  private final long seed;
  private final double budgetShare;
  private final int repeats;

  DistributedBench(int queries, int models, long seed, double budgetShare, int repeats) {
    this.queries = queries;
    this.models = models;
    this.seed = seed;
    this.budgetShare = budgetShare;
    this.repeats = repeats;
  }

  /** @param paretoLevels also time the Pareto sweep of this many levels, once per repeat; 0 skips it */
  void run(String master, String executorMemory, int sliceBlocks, SolveSettings settings, int paretoLevels) {
    SparkSession spark = io.allot.solve.SolverSpark.start(master, Map.of("spark.executor.memory", executorMemory));
    try (DistributedNight night = timedLoad(spark, sliceBlocks)) {
      double[] range = night.costRange();
      double budget = BenchInstances.budgetAt(range[0], range[1], budgetShare);
      List<Double> walls = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        SolverBenchmark.resetPeaks();
        DistributedSolve.Outcome o = night.solver().solve(budget, settings, null);
        double wall = o.totalMillis() / 1000.0;
        walls.add(wall);
        System.out.printf(Locale.ROOT, "run %d distributed (%s)  gap %.5f%%  %.1f s  (prices %.1f s in %d passes = "
            + "%.0f ms/pass, contested %,d in %.1f s, polish %.1f s, write %.1f s)  driver heap %,.0f MB  budget $%.2f"
            + "  feasible %s%n", r + 1, master, 100 * o.gap(), wall, o.pricingMillis() / 1000.0, o.passes(),
            (double) o.pricingMillis() / Math.max(1, o.passes()), o.contested(), o.contestedMillis() / 1000.0,
            o.polishMillis() / 1000.0, o.writeMillis() / 1000.0, SolverBenchmark.peakHeapMb(), budget, o.feasible());
        o.violations().forEach(v -> System.out.println("  violated: " + v));
      }
      double solve = Medians.of(walls);
      System.out.printf(Locale.ROOT, "median of %d  distributed  %.1f s%n", repeats, solve);
      if (paretoLevels > 0) {
        List<Double> sweeps = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
          sweeps.add(night.paretoSweepSeconds(paretoLevels, settings, budget));
          System.out.printf(Locale.ROOT, "run %d distributed Pareto sweep of %d levels  %.1f s%n", r + 1, paretoLevels,
              sweeps.get(r));
        }
        System.out.printf(Locale.ROOT, "median of %d  distributed Pareto sweep of %d levels  %.1f s = %.2f x one "
            + "distributed solve%n", repeats, paretoLevels, Medians.of(sweeps), Medians.of(sweeps) / solve);
      }
    } finally {
      spark.stop();
    }
  }

  private DistributedNight timedLoad(SparkSession spark, int sliceBlocks) {
    long t0 = System.nanoTime();
    DistributedNight night = DistributedNight.of(JavaSparkContext.fromSparkContext(spark.sparkContext()), queries,
        sliceBlocks, BenchInstances.slices(queries, models, seed));
    System.out.printf(Locale.ROOT, "instance: %,d queries x %d models drawn and cached on the executors in %.1f s%n",
        queries, models, (System.nanoTime() - t0) / 1e9);
    return night;
  }
}
