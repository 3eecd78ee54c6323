package io.allot.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget levels of a Pareto front, from the all-cheapest to the all-best assignment, solved in
 * ascending order, wherever the night lives: on the driver ({@link #solve(AssignmentProblem,
 * double, double, double)}, one nano-unit table shared by all levels) or on Spark
 * ({@link DistributedSolve#levels}); both run the same loop ({@link #sweep}).
 *
 * <p>Each level's dual search starts from the prices of the level below; {@link CostBreakpoints}
 * then looks for the new budget price near the old one first. Once a level's best budget price is
 * 0 the budget binds no more: every higher budget has the same dual optimum (the dual function
 * with a zero budget price does not depend on the budget), so those levels keep the prices without
 * a search, with the same bound, and only rerun the construction against their own budget. When
 * moreover the level below left more of its budget unspent than any single move of a query could
 * cost, no repair or top-up move was held back by the budget there either, and an unpolished
 * level takes the level below's assignment as it is (feasible here, with a bound that holds here).
 */
final class ParetoSweep {
  private static final Logger log = LoggerFactory.getLogger(ParetoSweep.class);
  private final AssignmentSolver solver;
  private final SolveSettings levelSettings;
  private final int levels;
  private final boolean warmStart;
  private final int sampleQueries;

  /** One level's figures and the prices its search ended with (the next level's start). */
  record LevelResult(boolean feasible, double costUsd, double meanQuality, double lpBound, double gap,
      DualPrices prices, List<String> violations) {}

  /** Solves one budget level of the night, wherever it lives. */
  interface LevelSolver {
    /**
     * @param warm prices to start from, or null for zero prices
     * @param warmIsOptimal the warm prices' budget price is 0 (see {@link AssignmentSolver}): their
     *     choice is taken without a search when it fits
     */
    LevelResult solve(double budgetUsd, DualPrices warm, boolean warmIsOptimal);

    /** The most any one query's move between two of its allowed options can change the cost, in USD. */
    double largestMoveUsd();
  }

  /** @param warmStart false solves every level from zero prices (the cold reference of the tests) */
  ParetoSweep(AssignmentSolver solver, SolveSettings levelSettings, int levels, boolean warmStart) {
    this(solver, levelSettings, levels, warmStart, 0);
  }

  /**
   * @param sampleQueries above this many queries the levels are solved on a seeded sample of this
   *     many ({@link ParetoSample}); 0 always solves them on the whole night
   */
  ParetoSweep(AssignmentSolver solver, SolveSettings levelSettings, int levels, boolean warmStart, int sampleQueries) {
    this.solver = solver;
    this.levelSettings = levelSettings;
    this.levels = levels;
    this.warmStart = warmStart;
    this.sampleQueries = sampleQueries;
  }

  /**
   * The feasible levels (never published), ascending by budget; a level at the published budget
   * is left out, that point being the published solve.
   */
  List<ParetoFront.Level> solve(AssignmentProblem p, double cheapest, double best, double publishedBudget) {
    ParetoSample sample = ParetoSample.of(p, sampleQueries, levelSettings.randomSeed());
    return sample.share() == 1 ? solveLevels(p, cheapest, best, publishedBudget)
        : solve(sample, p.queryCount(), publishedBudget);
  }

  /**
   * The levels of a night's sample ({@link ParetoSample}), from the sample's own all-cheapest to its
   * all-best cost, in the night's dollars; {@code publishedBudget} is the night's.
   */
  List<ParetoFront.Level> solve(ParetoSample sample, int nightQueries, double publishedBudget) {
    AssignmentProblem s = sample.problem();
    log.info(String.format(Locale.ROOT, "Pareto levels on a sample of %,d of the %,d queries (%s)", s.queryCount(),
        nightQueries, "allot.solver.pareto-sample-queries"));
    return sample.toNight(solveLevels(s, NightlySolve.cheapestCost(s), NightlySolve.bestQualityCost(s, false),
        publishedBudget * sample.share()));
  }

  private List<ParetoFront.Level> solveLevels(AssignmentProblem p, double cheapest, double best,
      double publishedBudget) {
    FixedPointTable table = new FixedPointTable(p);
    return sweep(new LevelSolver() {
      @Override
      public LevelResult solve(double budgetUsd, DualPrices warm, boolean warmIsOptimal) {
        SolveResult r = solver.solve(p, table, budgetUsd, levelSettings, SolveProgressListener.NONE, warm,
            warmIsOptimal);
        return new LevelResult(r.feasible(), r.totalCostUsd(), r.meanQuality(), r.lpBound(), r.gap(), r.prices(),
            r.violations());
      }

      @Override
      public double largestMoveUsd() {
        return FixedPoint.fromNano(largestMoveNano(table, 0, p.queryCount()));
      }
    }, levels, warmStart, !levelSettings.polish(), cheapest, best, publishedBudget);
  }

  /**
   * @param unpolished the levels are not polished, so a level above a budget-free one with room to
   *     spare may take that level's assignment as it is
   */
  static List<ParetoFront.Level> sweep(LevelSolver solver, int levels, boolean warmStart, boolean unpolished,
      double cheapest, double best, double publishedBudget) {
    List<ParetoFront.Level> out = new ArrayList<>();
    DualPrices warm = null;
    boolean budgetFree = false;
    LevelResult below = null;
    double belowBudget = 0;
    double largestMove = solver.largestMoveUsd();
    long t0 = System.nanoTime();
    for (int k = 0; k < levels; k++) {
      double b = levels == 1 ? best : cheapest + (best - cheapest) * k / (levels - 1);
      if (Math.abs(b - publishedBudget) < 1e-9 * Math.max(1, publishedBudget)) {
        continue;
      }
      try {
        boolean same = warmStart && budgetFree && unpolished && below != null && below.feasible()
            && belowBudget - below.costUsd() > largestMove;
        LevelResult r = same ? below : solver.solve(b, warmStart ? warm : null, warmStart && budgetFree);
        below = r;
        belowBudget = b;
        warm = r.prices();
        budgetFree = warm.budget() == 0;
        if (r.feasible()) {
          out.add(new ParetoFront.Level(b, r.costUsd(), r.meanQuality(), r.lpBound(), r.gap(), false));
        } else {
          log.info("Pareto level ${} skipped: no feasible assignment found ({})", b, r.violations());
        }
      } catch (RuntimeException infeasible) {
        log.info("Pareto level ${} skipped: {}", b, infeasible.getMessage());
      }
      log.info(String.format(Locale.ROOT, "Pareto level %d of %d ($%.2f) done, %.1f s", k + 1, levels, b,
          (System.nanoTime() - t0) / 1e9));
    }
    return out;
  }

  /** The largest cost change of one query's move over queries [from, to) of a table, in nano-USD. */
  static long largestMoveNano(FixedPointTable table, int from, int to) {
    long largest = 0;
    for (int i = from; i < to; i++) {
      long min = Long.MAX_VALUE;
      long max = 0;
      for (int j = 0; j < table.optionCount(); j++) {
        if (table.isAllowed(i, j)) {
          min = Math.min(min, table.costNano(i, j));
          max = Math.max(max, table.costNano(i, j));
        }
      }
      largest = Math.max(largest, max - min);
    }
    return largest;
  }
}
