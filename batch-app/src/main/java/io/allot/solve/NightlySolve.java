package io.allot.solve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The solve step's work without Spring: resolve the budget, solve the published assignment, sweep
 * a grid of budgets for the Pareto front, and write the outputs publish and report read.
 */
public final class NightlySolve {
  private static final Logger log = LoggerFactory.getLogger(NightlySolve.class);
  private final SolveSettings settings;
  private final int paretoLevels;
  private final AssignmentSolver solver = new AssignmentSolver();

  public NightlySolve(SolveSettings settings, int paretoLevels) {
    this.settings = settings;
    this.paretoLevels = paretoLevels;
  }

  public SolveOutputs solve(long runId, AssignmentProblem p, BudgetSpec spec, Path solveDir) throws IOException {
    double cheapest = cheapestCost(p);
    double bestQuality = bestQualityCost(p);
    double budget = spec.resolve(cheapest, bestQuality);
    log.info(String.format(Locale.ROOT, "run %d: solving %,d queries x %d options, budget %s = $%.2f "
        + "(all-cheapest $%.2f, all-best $%.2f)", runId, p.queryCount(), p.optionCount(), spec, budget, cheapest,
        bestQuality));
    SolveResult r = solver.solve(p, budget, settings, progress -> log.info(String.format(Locale.ROOT,
        "run %d solve [%s] %.1f s: quality %.6f, bound %.6f, gap %.4f%%%s", runId, progress.phase(),
        progress.elapsedMillis() / 1000.0, progress.meanQuality(), progress.lpBound(), 100 * progress.gap(),
        progress.feasible() ? "" : " (not yet feasible)")));

    List<SolveOutputs.ParetoPoint> front = paretoFront(p, cheapest, bestQuality, budget, r);
    int[] choice = r.choice();
    AssignmentFile.write(solveDir.resolve(SolveOutputs.ASSIGNMENTS), p.queryCount(), i -> {
      int j = choice[i];
      return new AssignmentFile.Row(p.queryId(i), p.tenant(i), p.optionId(j), p.quality(i, j), p.costUsd(i, j));
    });
    SolveOutputs out = new SolveOutputs(p.queryCount(), budget, r.totalCostUsd(), r.meanQuality(), r.lpBound(),
        r.gap(), r.lambda(), r.timings().constructionMillis(), r.timings().polishMillis(), r.polish().steps(),
        front, shares(p, choice), SolveOutputs.ASSIGNMENTS);
    out.write(solveDir);
    return out;
  }

  /**
   * Budget levels from the all-cheapest to the all-best assignment, each solved by prices alone
   * (the LP bound shows how close that is), plus the published, polished point.
   */
  private List<SolveOutputs.ParetoPoint> paretoFront(AssignmentProblem p, double cheapest, double best,
      double budget, SolveResult published) {
    List<double[]> rows = new ArrayList<>();
    rows.add(new double[] {budget, published.totalCostUsd(), published.meanQuality(), published.lpBound(),
        published.gap(), 1});
    SolveSettings pricesOnly = settings.withPolish(false);
    for (int k = 0; k < paretoLevels; k++) {
      double b = paretoLevels == 1 ? best : cheapest + (best - cheapest) * k / (paretoLevels - 1);
      if (Math.abs(b - budget) < 1e-9 * Math.max(1, budget)) {
        continue;
      }
      try {
        SolveResult r = solver.solve(p, b, pricesOnly, SolveProgressListener.NONE);
        rows.add(new double[] {b, r.totalCostUsd(), r.meanQuality(), r.lpBound(), r.gap(), 0});
      } catch (RuntimeException infeasible) {
        log.info("Pareto level ${} skipped: {}", b, infeasible.getMessage());
      }
    }
    rows.sort(Comparator.comparingDouble((double[] a) -> a[0]));
    List<SolveOutputs.ParetoPoint> front = new ArrayList<>();
    for (double[] a : rows) {
      front.add(new SolveOutputs.ParetoPoint(front.size(), a[0], a[1], a[2], a[3], a[4], a[5] == 1));
    }
    return front;
  }

  private static Map<String, SolveOutputs.ModelShare> shares(AssignmentProblem p, int[] choice) {
    long[] count = new long[p.optionCount()];
    double[] cost = new double[p.optionCount()];
    for (int i = 0; i < choice.length; i++) {
      count[choice[i]]++;
      cost[choice[i]] += p.costUsd(i, choice[i]);
    }
    Map<String, SolveOutputs.ModelShare> out = new LinkedHashMap<>();
    for (int j = 0; j < p.optionCount(); j++) {
      out.put(p.optionId(j), new SolveOutputs.ModelShare(count[j], cost[j]));
    }
    return out;
  }

  static double cheapestCost(AssignmentProblem p) {
    double sum = 0;
    for (int i = 0; i < p.queryCount(); i++) {
      double min = Double.POSITIVE_INFINITY;
      for (int j = 0; j < p.optionCount(); j++) {
        if (p.isAllowed(i, j)) {
          min = Math.min(min, p.costUsd(i, j));
        }
      }
      sum += min;
    }
    return sum;
  }

  /** Cost of giving every query its highest-quality option (the cheaper one on ties). */
  static double bestQualityCost(AssignmentProblem p) {
    double sum = 0;
    for (int i = 0; i < p.queryCount(); i++) {
      int best = -1;
      for (int j = 0; j < p.optionCount(); j++) {
        if (p.isAllowed(i, j) && (best < 0 || p.quality(i, j) > p.quality(i, best)
            || p.quality(i, j) == p.quality(i, best) && p.costUsd(i, j) < p.costUsd(i, best))) {
          best = j;
        }
      }
      sum += p.costUsd(i, best);
    }
    return sum;
  }
}
