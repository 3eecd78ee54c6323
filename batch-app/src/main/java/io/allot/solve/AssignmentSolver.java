package io.allot.solve;

import io.allot.solve.SolveProgressListener.Progress;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns each query one option so that expected quality is maximal within a dollar budget.
 *
 * <p>Three phases (docs/solver.md): a Lagrangian price on cost gives the LP bound
 * and a near-optimal start; a greedy top-up spends what the price leaves; OptaPlanner local search
 * polishes the most contested queries. Plain Java, no Spring; one instance may be reused.
 *
 * <p>Reruns on the same input and settings return the same choice as long as a step limit, not
 * the polish time limit, ends the local search.
 *
 * <p>Capacity: the price covers cost only, so the LP bound ignores capacities (it stays a valid,
 * looser bound). The construction repairs overfull models greedily and the polish enforces
 * capacity as a hard constraint; an instance neither can fix ends with {@code feasible} false.
 */
public final class AssignmentSolver {
  private static final Logger log = LoggerFactory.getLogger(AssignmentSolver.class);
  /** Above this gap the bound gets subgradient steps too: coordinate search may have stalled. */
  static final double REFINE_ABOVE_GAP = 1e-4;

  public SolveResult solve(AssignmentProblem problem, double budgetUsd, SolveSettings settings,
      SolveProgressListener listener) {
    return solve(problem, budgetUsd, settings, listener, null);
  }

  /**
   * @param warmStart prices to start the dual search from (a neighbouring budget level's), or null
   */
  public SolveResult solve(AssignmentProblem problem, double budgetUsd, SolveSettings settings,
      SolveProgressListener listener, DualPrices warmStart) {
    return solve(problem, null, budgetUsd, settings, listener, warmStart, false);
  }

  /**
   * @param table the problem's nano-unit table when the caller shares one between solves (a Pareto
   *     sweep), or null to build it
   * @param warmIsOptimal the warm start's budget price is 0 and its prices were the search's best
   *     for a smaller budget: they stay optimal here, so the dual search is skipped when their
   *     choice fits this budget
   */
  SolveResult solve(AssignmentProblem problem, FixedPointTable sharedTable, double budgetUsd, SolveSettings settings,
      SolveProgressListener listener, DualPrices warmStart, boolean warmIsOptimal) {
    if (!(budgetUsd >= 0) || Double.isInfinite(budgetUsd)) {
      throw new IllegalArgumentException("budget must be a finite amount >= 0 USD, got " + budgetUsd);
    }
    long t0 = System.nanoTime();
    int n = problem.queryCount();
    FixedPointTable table = sharedTable != null ? sharedTable : new FixedPointTable(problem);
    long budgetNano = FixedPoint.toNano(budgetUsd);
    SideLimits limits = new SideLimits(problem, budgetNano);
    LagrangianPricing pricing = new LagrangianPricing(problem, table, limits, settings.dualRounds());
    new FeasibilityChecks(problem, table, limits).checkAll(pricing.minimumCostNano());

    LagrangianPricing.Prices prices = warmIsOptimal && warmStart != null ? pricing.at(warmStart) : null;
    if (prices == null) {
      prices = warmStart == null ? pricing.solve() : pricing.solve(warmStart);
    }
    double bound = n == 0 ? 0 : prices.boundTotal() / n;
    long t1 = System.nanoTime();
    log.info("LP bound {} mean quality per query at price {} per USD ({} queries, {} ms)",
        bound, prices.lambda(), n, millis(t0, t1));
    if (listener != SolveProgressListener.NONE) {
      listener.onProgress(progress("bound", t0, Evaluation.of(problem, table, limits, prices.choice()), bound));
    }

    int[] choice = prices.choice().clone();
    LoadLedger ledger = new LoadLedger(limits, table, choice);
    new SideRepair(problem, table, limits).repair(choice, ledger);
    new GreedyUpgrade(problem, table).spend(choice, ledger);
    long t2 = System.nanoTime();
    Evaluation constructed = Evaluation.of(problem, table, limits, choice);
    log.info("price construction: mean quality {}, gap {}, feasible {} ({} ms)", constructed.meanQuality,
        gap(bound, constructed.meanQuality), constructed.feasible, millis(t1, t2));
    listener.onProgress(progress("construction", t0, constructed, bound));

    SolveResult.PolishStats polish = SolveResult.PolishStats.SKIPPED;
    if (settings.polish() && n > 0) {
      int[] planned = n <= settings.maxPolishQueries()
          ? ContestedQueries.select(new double[n], n)
          : ContestedQueries.select(ContestedQueries.regret(problem, table, limits, prices.prices()),
              settings.maxPolishQueries());
      ThrottledReporter reporter = new ThrottledReporter(listener, settings, t0, n, bound);
      polish = new LocalSearchPolish(problem, table, settings).run(choice, planned, limits, reporter::onNewBest);
    }
    long t3 = System.nanoTime();

    Evaluation result = Evaluation.of(problem, table, limits, choice);
    if (result.feasible && n > 0 && gap(bound, result.meanQuality) > REFINE_ABOVE_GAP) {
      bound = new PolyakRefinement(pricing, table, limits).refine(result.meanQuality * n, settings.dualRounds() * 10) / n;
      log.info("refined LP bound {} ({} ms)", bound, millis(t3, System.nanoTime()));
    }
    double gap = gap(bound, result.meanQuality);
    log.info("solved {} queries: mean quality {}, bound {}, gap {}, cost ${} of ${}, feasible {}{}",
        n, result.meanQuality, bound, gap, result.costUsd(), budgetUsd, result.feasible,
        result.feasible ? "" : " " + result.violations);
    listener.onProgress(progress("done", t0, result, bound));
    return new SolveResult(choice, result.costUsd(), result.meanQuality, bound, gap,
        prices.lambda(), result.feasible, polish,
        new SolveResult.PhaseTimings(millis(t0, t1), millis(t1, t2), millis(t2, t3), millis(t0, t3)),
        pricing.bestPrices(), result.violations,
        DualPriceRow.of(problem, table, limits, choice, pricing.bestPrices()));
  }

  static double gap(double bound, double value) {
    if (bound <= 0) {
      return 0;
    }
    double gap = (bound - value) / bound;
    // Summation order alone can push an optimal value a few ulps over the bound.
    return gap < 0 && gap > -1e-12 ? 0 : gap;
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  private static Progress progress(String phase, long t0, Evaluation e, double bound) {
    return new Progress(phase, millis(t0, System.nanoTime()), e.meanQuality, bound,
        gap(bound, e.meanQuality), e.feasible);
  }

  /** Logs and reports new best scores during the polish, at most once per progress interval. */
  private static final class ThrottledReporter {
    private final SolveProgressListener listener;
    private final long intervalNanos;
    private final long t0;
    private final int n;
    private final double bound;
    private long lastNanos;

    ThrottledReporter(SolveProgressListener listener, SolveSettings settings, long t0, int n,
        double bound) {
      this.listener = listener;
      this.intervalNanos = settings.progressInterval().toNanos();
      this.t0 = t0;
      this.n = n;
      this.bound = bound;
      this.lastNanos = t0;
    }

    void onNewBest(HardSoftLongScore score, long fixedQualityNano) {
      long now = System.nanoTime();
      if (now - lastNanos < intervalNanos) {
        return;
      }
      lastNanos = now;
      double mean = FixedPoint.fromNano(fixedQualityNano + score.softScore()) / n;
      Progress p = new Progress("polish", millis(t0, now), mean, bound, gap(bound, mean),
          score.isFeasible());
      log.info("polish: best score {}, mean quality {}, gap to bound {}", score, mean, p.gap());
      listener.onProgress(p);
    }
  }
}
