package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.allot.lab.bench.BenchInstances;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The distributed solve against the single-machine one on the same seeded instance (two slices,
 * the second one short), at a budget that binds beside the capacities, and the two paths' Pareto sweeps, on
 * whatever Spark the caller gives (StandaloneClusterTest: the loopback cluster).
 */
public final class DistributedSolveCheck {
  private static final int QUERIES = QueryBlocks.SIZE + 500;
  private static final int MODELS = 8;
  private static final long SEED = 5;

  private DistributedSolveCheck() {}

  public static void sameAnswerAsTheDriver(SparkSession spark, Path folder) throws IOException {
    AssignmentProblem p = BenchInstances.generate(QUERIES, MODELS, SEED);
    double budget = BenchInstances.budgetAt(p, 0.15);
    // Every query contested (the polish takes them all): the driver's part is the whole night.
    SolveSettings all = SolveSettings.defaults().withStepLimits(50, 500).withMaxPolishQueries(QUERIES);
    SolveResult driver = new AssignmentSolver().solve(p, budget, all, SolveProgressListener.NONE);
    try (DistributedNight night = DistributedNight.of(JavaSparkContext.fromSparkContext(spark.sparkContext()),
        QUERIES, 1, BenchInstances.slices(QUERIES, MODELS, SEED))) {
      DistributedSolve.Outcome d = night.solver().solve(budget, all, folder);
      assertThat(d.feasible()).as("%s", d.violations()).isTrue();
      assertThat(d.contested()).isEqualTo(QUERIES);
      assertThat(d.meanQuality()).isCloseTo(driver.meanQuality(), within(1e-6 * driver.meanQuality()));
      assertThat(d.costUsd()).isCloseTo(driver.totalCostUsd(), within(1e-6 * driver.totalCostUsd()));
      assertThat(d.costUsd()).isGreaterThan(0.99 * budget);
      assertThat(d.lpBound()).isCloseTo(driver.lpBound(), within(1e-6 * driver.lpBound()));
      List<AssignmentFile.Row> rows = rows(folder);
      assertThat(rows).hasSize(QUERIES);
      for (int i : new int[] {0, QueryBlocks.SIZE - 1, QueryBlocks.SIZE, QUERIES - 1}) {
        assertThat(rows.get(i).queryId()).isEqualTo(p.queryId(i));
        assertThat(rows.get(i).optionId()).isEqualTo(p.optionId(driver.choice()[i]));
      }

      // A contested set smaller than the night: the rest keep their price choice and charge the
      // limits up front; still feasible and near the bound, and no better than it.
      SolveSettings few = all.withMaxPolishQueries(1_000);
      DistributedSolve.Outcome part = night.solver().solve(budget, few, null);
      assertThat(part.feasible()).as("%s", part.violations()).isTrue();
      assertThat(part.contested()).isEqualTo(1_000);
      assertThat(part.costUsd()).isLessThanOrEqualTo(budget);
      assertThat(part.gap()).isBetween(0.0, 1e-3);
      assertThat(part.lpBound()).isCloseTo(driver.lpBound(), within(1e-4 * driver.lpBound()));

      // The Pareto sweep, each level warm-started from the one below, by the same loop on both.
      SolveSettings levels = all.withPolish(false);
      List<ParetoFront.Level> local = new ParetoSweep(new AssignmentSolver(), levels, 3, true)
          .solve(p, NightlySolve.cheapestCost(p), NightlySolve.bestQualityCost(p, false), budget);
      List<ParetoFront.Level> spread = night.paretoLevels(3, levels, budget);
      assertThat(spread).hasSameSizeAs(local).hasSizeGreaterThanOrEqualTo(2);
      for (int k = 0; k < local.size(); k++) {
        ParetoFront.Level l = local.get(k);
        ParetoFront.Level s = spread.get(k);
        assertThat(s.budgetUsd()).as("level %d budget", k).isCloseTo(l.budgetUsd(), within(1e-9 * l.budgetUsd()));
        assertThat(s.quality()).as("level %d quality", k).isCloseTo(l.quality(), within(1e-6 * l.quality()));
        assertThat(s.costUsd()).as("level %d cost", k).isCloseTo(l.costUsd(), within(1e-6 * l.costUsd()));
        assertThat(s.lpBound()).as("level %d bound", k).isCloseTo(l.lpBound(), within(1e-6 * l.lpBound()));
      }

      // Above allot.solver.pareto-sample-queries both paths sweep the same seeded sample on the driver.
      List<ParetoFront.Level> localSample = new ParetoSweep(new AssignmentSolver(), levels, 3, true, 5_000)
          .solve(p, NightlySolve.cheapestCost(p), NightlySolve.bestQualityCost(p, false), budget);
      List<ParetoFront.Level> spreadSample = night.paretoLevels(3, levels, budget, 5_000);
      assertThat(spreadSample).hasSameSizeAs(localSample).isNotEmpty();
      for (int k = 0; k < localSample.size(); k++) {
        ParetoFront.Level l = localSample.get(k);
        ParetoFront.Level s = spreadSample.get(k);
        assertThat(s.costUsd()).as("sampled level %d cost", k).isCloseTo(l.costUsd(), within(1e-9 * l.costUsd()));
        assertThat(s.quality()).as("sampled level %d quality", k).isCloseTo(l.quality(), within(1e-9));
      }
    }
  }

  private static List<AssignmentFile.Row> rows(Path folder) throws IOException {
    try (Stream<Path> parts = Files.list(folder)) {
      return parts.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().flatMap(f -> {
        try {
          return Files.readAllLines(f).stream();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(AssignmentFile::parse).toList();
    }
  }
}
