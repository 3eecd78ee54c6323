package io.allot.solve;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NightlySolve}'s work for a night held on Spark ({@link DistributedNight}), with the same
 * outputs: the budget resolved on the night's cost range, the published assignment
 * ({@link DistributedSolve}: prices by Spark passes, the contested queries polished on the
 * driver), the Pareto levels by the same warm-started sweep, and the solve folder publish and
 * report read. The executors write one part file per slice; they are joined, in slice order, into
 * the one assignment file publish loads (a byte copy: the driver never holds the rows).
 */
public final class DistributedNightlySolve {
  private static final Logger log = LoggerFactory.getLogger(DistributedNightlySolve.class);
  /** The executors' part files, under the solve folder; removed once joined. */
  static final String PARTS = "assignment-parts";

  private final SolveSettings settings;
  private final int paretoLevels;
  private final boolean paretoPolish;
  private final int paretoSampleQueries;

  public DistributedNightlySolve(SolveSettings settings, int paretoLevels, boolean paretoPolish) {
    this(settings, paretoLevels, paretoPolish, 0);
  }

  /** @param paretoSampleQueries above this many queries the levels are solved on a sample on the driver */
  public DistributedNightlySolve(SolveSettings settings, int paretoLevels, boolean paretoPolish,
      int paretoSampleQueries) {
    this.settings = settings;
    this.paretoLevels = paretoLevels;
    this.paretoPolish = paretoPolish;
    this.paretoSampleQueries = paretoSampleQueries;
  }

  /**
   * @param subsetSizes the SelectLLM subset sizes the night was built with (recorded for explain)
   * @param reserveSd allot.cascade-options.reserve-sd: when the night offers cascades (their cost
   *     is random), the plan keeps this many standard deviations of its realised cost within the
   *     budget, by {@link BudgetReserve}'s rounds around the distributed solve, the variance summed
   *     over the slices ({@link OptionKinds#varianceParts})
   * @param cascadeDecisions why each cascade was or was not offered, or null when cascade options are off
   */
  public SolveOutputs solve(long runId, DistributedNight night, BudgetSpec spec, Path solveDir,
      List<Integer> subsetSizes, double reserveSd, List<String> cascadeDecisions) throws IOException {
    double[] range = night.costRange();
    double budget = spec.resolve(range[0], range[1]);
    log.info(String.format(Locale.ROOT, "run %d: solving %,d queries on Spark, budget %s = $%.2f (all-cheapest "
        + "$%.2f, all-best single model $%.2f, all-best option $%.2f)", runId, night.queryCount(), spec, budget,
        range[0], range[1], range[2]));
    Path parts = solveDir.resolve(PARTS);
    deleteFolder(parts); // a restarted step's leftovers
    Files.createDirectories(parts);
    DistributedSolve solver = night.solver();
    // Every round writes the part files anew; the one returned wrote them last.
    DistributedSolve.Outcome r = night.kinds().anyRandomCost() && reserveSd > 0
        ? BudgetReserve.plan(target -> solver.solve(target, settings, parts), DistributedSolve.Outcome::costUsd,
            DistributedSolve.Outcome::costVariance, budget, reserveSd)
        : solver.solve(budget, settings, parts);
    if (!r.feasible()) {
      throw new IllegalStateException(String.format(Locale.ROOT, "run %d: no assignment found that meets every hard "
          + "constraint at budget $%.2f (%s): raise the budget or capacities, or relax quotas and tenant rules", runId,
          budget, String.join("; ", r.violations())));
    }
    List<SolveOutputs.ParetoPoint> front = ParetoFront.points(
        new ParetoFront.Level(budget, r.costUsd(), r.meanQuality(), r.lpBound(), r.gap(), true),
        paretoLevels == 0 ? List.of()
            : night.paretoLevels(paretoLevels, settings.withPolish(paretoPolish && settings.polish()), budget,
                paretoSampleQueries));
    join(parts, solveDir.resolve(SolveOutputs.ASSIGNMENTS));
    deleteFolder(parts);
    SolveOutputs.Cascades cascades = cascadeDecisions == null ? null
        : NightlySolve.cascades(runId, r.costUsd(), budget, reserveSd, Math.sqrt(r.costVariance()), cascadeDecisions);
    SolveOutputs out = new SolveOutputs(r.queries(), budget, r.costUsd(), r.meanQuality(), r.lpBound(), r.gap(),
        r.prices().budget(), r.pricingMillis() + r.contestedMillis(), r.polishMillis(), r.polishSteps(), front,
        NightlySolve.shares(r.options()), SolveOutputs.ASSIGNMENTS, r.constraints(), r.options(),
        List.copyOf(subsetSizes), cascades);
    out.write(solveDir);
    return out;
  }

  /** The part files in name (= slice) order as one file, written aside and renamed. */
  static void join(Path parts, Path file) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(parts)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted(Comparator.comparing(Path::toString))
          .toList();
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (Path f : files) {
        try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
          long size = in.size();
          for (long done = 0; done < size; ) {
            done += in.transferTo(done, size - done, out);
          }
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> s = Files.list(folder)) {
      for (Path f : s.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(folder);
  }
}
