package io.allot.solve;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The solver methods of {@code allot bench-solver}, measured one after the other on one instance:
 * cold-start OptaPlanner (every query on its cheapest option, then local search for a fixed time),
 * the price construction alone, and construction plus polish. Every gap is to the same LP bound.
 */
public final class SolverBenchmark {
  /** One method's figures; gap is to the LP bound, heap is the peak of the heap pools. */
  public record Result(String method, double gapToBound, double wallSeconds, double peakHeapMb, boolean feasible,
      double meanQuality, double lpBound, long polishSteps) {}

  private SolverBenchmark() {}

  public static List<Result> run(AssignmentProblem p, double budgetUsd, SolveSettings settings, Duration coldLimit,
      boolean cold, boolean baselines) {
    AssignmentSolver solver = new AssignmentSolver();
    List<Result> out = new ArrayList<>();
    double bound = Double.NaN;
    if (baselines) {
      resetPeaks();
      long t0 = System.nanoTime();
      SolveResult r = solver.solve(p, budgetUsd, settings.withPolish(false), SolveProgressListener.NONE);
      out.add(result("price construction", r, t0));
      bound = r.lpBound();
    }
    resetPeaks();
    long t0 = System.nanoTime();
    SolveResult polished = solver.solve(p, budgetUsd, settings, SolveProgressListener.NONE);
    out.add(result("construction + polish", polished, t0));
    bound = polished.lpBound();
    if (cold) {
      out.add(coldStart(p, budgetUsd, settings, coldLimit, bound));
    }
    return out;
  }

  /**
   * Wall seconds of the nightly job's Pareto sweep ({@link ParetoSweep}: {@code levels} budgets from
   * the all-cheapest to the all-best assignment, unpolished, the published budget's level skipped).
   */
  public static double paretoSweepSeconds(AssignmentProblem p, double budgetUsd, SolveSettings settings, int levels) {
    return paretoSweep(p, budgetUsd, settings, levels, 0).seconds();
  }

  /** A timed sweep: its wall seconds and its levels as (budget USD, cost USD, mean quality) rows. */
  public record Sweep(double seconds, List<double[]> levels) {}

  /** {@link #paretoSweepSeconds} with the levels on a sample of the night ({@code sampleQueries}, 0: none). */
  public static Sweep paretoSweep(AssignmentProblem p, double budgetUsd, SolveSettings settings, int levels,
      int sampleQueries) {
    double cheapest = NightlySolve.cheapestCost(p);
    double best = NightlySolve.bestQualityCost(p, false);
    long t0 = System.nanoTime();
    List<ParetoFront.Level> front = new ParetoSweep(new AssignmentSolver(), settings.withPolish(false), levels, true,
        sampleQueries).solve(p, cheapest, best, budgetUsd);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Sweep(seconds, front.stream().map(l -> new double[] {l.budgetUsd(), l.costUsd(), l.quality()}).toList());
  }

  /**
   * The largest |quality difference| between a sampled front's levels and the whole night's front,
   * read by linear interpolation in cost between the whole front's levels (levels outside its cost
   * range are not compared).
   */
  public static double largestQualityDeviation(List<double[]> whole, List<double[]> sampled) {
    List<double[]> byCost = new ArrayList<>(whole);
    byCost.sort(java.util.Comparator.comparingDouble(l -> l[1]));
    double worst = 0;
    for (double[] s : sampled) {
      for (int k = 1; k < byCost.size(); k++) {
        double[] lo = byCost.get(k - 1);
        double[] hi = byCost.get(k);
        if (s[1] >= lo[1] && s[1] <= hi[1]) {
          double t = hi[1] == lo[1] ? 0 : (s[1] - lo[1]) / (hi[1] - lo[1]);
          worst = Math.max(worst, Math.abs(s[2] - (lo[2] + t * (hi[2] - lo[2]))));
          break;
        }
      }
    }
    return worst;
  }

  private static Result result(String method, SolveResult r, long t0) {
    return new Result(method, r.gap(), (System.nanoTime() - t0) / 1e9, peakHeapMb(), r.feasible(), r.meanQuality(),
        r.lpBound(), r.polish().steps());
  }

  /** OptaPlanner without prices: all queries start on their cheapest option, local search for a fixed time. */
  private static Result coldStart(AssignmentProblem p, double budgetUsd, SolveSettings settings, Duration limit,
      double bound) {
    resetPeaks();
    long t0 = System.nanoTime();
    FixedPointTable table = new FixedPointTable(p);
    SideLimits limits = new SideLimits(p, FixedPoint.toNano(budgetUsd));
    int n = p.queryCount();
    int[] choice = new int[n];
    for (int i = 0; i < n; i++) {
      int best = -1;
      for (int j = 0; j < p.optionCount(); j++) {
        if (table.isAllowed(i, j) && (best < 0 || table.costNano(i, j) < table.costNano(i, best))) {
          best = j;
        }
      }
      choice[i] = best;
    }
    int[] all = new int[n];
    java.util.Arrays.setAll(all, i -> i);
    SolveSettings timed = settings.withPolishTimeLimit(limit).withStepLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);
    SolveResult.PolishStats stats = new LocalSearchPolish(p, table, timed).run(choice, all, limits, (s, q) -> {});
    Evaluation e = Evaluation.of(p, table, limits, choice);
    return new Result("cold-start OptaPlanner (" + limit.toSeconds() + " s)", AssignmentSolver.gap(bound,
        e.meanQuality), (System.nanoTime() - t0) / 1e9, peakHeapMb(), e.feasible, e.meanQuality, bound, stats.steps());
  }

  /** Resets the heap pools' peaks (after a GC), before a measured run. */
  public static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks since the last reset: an upper estimate of the live peak. */
  public static double peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024.0 * 1024.0);
  }
}
