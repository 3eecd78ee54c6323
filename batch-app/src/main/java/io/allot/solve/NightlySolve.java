package io.allot.solve;

import java.io.IOException;
import java.nio.file.Path;
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
  private final boolean paretoPolish;
  private final int paretoSampleQueries;
  private final AssignmentSolver solver = new AssignmentSolver();

  /** @param paretoPolish whether each budget level is polished too (false: prices and greedy only) */
  public NightlySolve(SolveSettings settings, int paretoLevels, boolean paretoPolish) {
    this(settings, paretoLevels, paretoPolish, 0);
  }

  /** @param paretoSampleQueries above this many queries the levels are solved on a sample ({@link ParetoSample}) */
  public NightlySolve(SolveSettings settings, int paretoLevels, boolean paretoPolish, int paretoSampleQueries) {
    this.settings = settings;
    this.paretoLevels = paretoLevels;
    this.paretoPolish = paretoPolish;
    this.paretoSampleQueries = paretoSampleQueries;
  }

  public SolveOutputs solve(long runId, AssignmentProblem p, BudgetSpec spec, Path solveDir) throws IOException {
    return solve(runId, p, spec, solveDir, List.of());
  }

  /**
   * @param subsetSizes the SelectLLM subset sizes p was built with (recorded for explain); a
   *     subset's row names its option in option_id and its lead member in model_id
   */
  public SolveOutputs solve(long runId, AssignmentProblem p, BudgetSpec spec, Path solveDir, List<Integer> subsetSizes)
      throws IOException {
    return solve(runId, p, spec, solveDir, subsetSizes, OptionKinds.fixed(p), 0, null);
  }

  /**
   * @param kinds the options' kinds; when some option's cost is random (a cascade), the plan keeps a
   *     reserve of {@code reserveSd} standard deviations of its realised cost within the budget
   *     ({@link BudgetReserve})
   * @param cascadeDecisions why each cascade was or was not offered; null when cascade options are off
   */
  public SolveOutputs solve(long runId, AssignmentProblem p, BudgetSpec spec, Path solveDir, List<Integer> subsetSizes,
      OptionKinds kinds, double reserveSd, List<String> cascadeDecisions) throws IOException {
    HeapEstimate.check(p.queryCount(), p.optionCount());
    double cheapest = cheapestCost(p);
    double bestQuality = bestQualityCost(p, false);
    // A share is of the single-model range, so turning SelectLLM votes on or off does not change
    // what "30%" costs; the Pareto sweep still reaches the all-best assignment, votes included.
    double bestSingle = bestQualityCost(p, true);
    double budget = spec.resolve(cheapest, bestSingle);
    log.info(String.format(Locale.ROOT, "run %d: solving %,d queries x %d options, budget %s = $%.2f "
        + "(all-cheapest $%.2f, all-best single model $%.2f, all-best option $%.2f)", runId, p.queryCount(),
        p.optionCount(), spec, budget, cheapest, bestSingle, bestQuality));
    SolveProgressListener progressLog = progress -> log.info(String.format(Locale.ROOT,
        "run %d solve [%s] %.1f s: quality %.6f, bound %.6f, gap %.4f%%%s", runId, progress.phase(),
        progress.elapsedMillis() / 1000.0, progress.meanQuality(), progress.lpBound(), 100 * progress.gap(),
        progress.feasible() ? "" : " (not yet feasible)"));
    boolean reserve = kinds.anyRandomCost() && reserveSd > 0;
    SolveResult r = reserve
        ? BudgetReserve.plan(solver, p, kinds::planVariance, budget, reserveSd, settings, progressLog)
        : solver.solve(p, budget, settings, progressLog);
    if (!r.feasible()) {
      throw new IllegalStateException(String.format(Locale.ROOT, "run %d: no assignment found that meets every hard "
          + "constraint at budget $%.2f (%s): raise the budget or capacities, or relax quotas and tenant rules", runId,
          budget, String.join("; ", r.violations())));
    }

    List<SolveOutputs.ParetoPoint> front = paretoFront(p, cheapest, bestQuality, budget, r);
    int[] choice = r.choice();
    AssignmentFile.write(solveDir.resolve(SolveOutputs.ASSIGNMENTS), p.queryCount(), i -> {
      int j = choice[i];
      return new AssignmentFile.Row(p.queryId(i), p.tenant(i), p.optionId(OptionUse.leadMember(p, i, j)),
          p.quality(i, j), p.costUsd(i, j), p.optionId(j));
    });
    List<OptionUse> uses = OptionUse.of(p, choice, kinds);
    SolveOutputs.Cascades cascades = null;
    if (cascadeDecisions != null) {
      cascades = cascades(runId, r.totalCostUsd(), budget, reserveSd, Math.sqrt(kinds.planVariance(choice)),
          cascadeDecisions);
    }
    SolveOutputs out = new SolveOutputs(p.queryCount(), budget, r.totalCostUsd(), r.meanQuality(), r.lpBound(),
        r.gap(), r.lambda(), r.timings().constructionMillis(), r.timings().polishMillis(), r.polish().steps(),
        front, shares(uses), SolveOutputs.ASSIGNMENTS, r.constraints(), uses, List.copyOf(subsetSizes), cascades);
    out.write(solveDir);
    return out;
  }

  /**
   * The summary's cascade part for a plan of expected cost {@code costUsd} whose realised cost has
   * standard deviation {@code sd}, logged (a warning when even the cheapest plan leaves less than
   * the reserve).
   */
  static SolveOutputs.Cascades cascades(long runId, double costUsd, double budget, double reserveSd, double sd,
      List<String> decisions) {
    String line = String.format(Locale.ROOT, "run %d: expected cost $%.2f + reserve %.1f sd x $%.2f = $%.2f of budget "
        + "$%.2f", runId, costUsd, reserveSd, sd, costUsd + reserveSd * sd, budget);
    if (costUsd + reserveSd * sd > budget + 1e-9) {
      log.warn(line + ": even the cheapest plan leaves less than the reserve; raise the budget or lower "
          + "allot.cascade-options.reserve-sd");
    } else {
      log.info(line);
    }
    return new SolveOutputs.Cascades(reserveSd, sd, reserveSd * sd, List.copyOf(decisions));
  }

  /**
   * Budget levels from the all-cheapest to the all-best assignment ({@link ParetoSweep}), plus the
   * published point.
   * Dominated levels are dropped (the published point is always kept), and the rest sorted by cost.
   */
  private List<SolveOutputs.ParetoPoint> paretoFront(AssignmentProblem p, double cheapest, double best,
      double budget, SolveResult published) {
    SolveSettings levelSettings = settings.withPolish(paretoPolish && settings.polish());
    return ParetoFront.points(new ParetoFront.Level(budget, published.totalCostUsd(), published.meanQuality(),
        published.lpBound(), published.gap(), true),
        new ParetoSweep(solver, levelSettings, paretoLevels, true, paretoSampleQueries).solve(p, cheapest, best,
            budget));
  }

  static Map<String, SolveOutputs.ModelShare> shares(List<OptionUse> uses) {
    Map<String, SolveOutputs.ModelShare> out = new LinkedHashMap<>();
    for (OptionUse u : uses) {
      out.put(u.optionId(), new SolveOutputs.ModelShare(u.queries(), u.costUsd()));
    }
    return out;
  }

  public static double cheapestCost(AssignmentProblem p) {
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

  /**
   * Cost of giving every query its highest-quality option (the cheaper one on ties); with
   * {@code singlesOnly}, its highest-quality single model (an allowed vote's members are allowed).
   */
  public static double bestQualityCost(AssignmentProblem p, boolean singlesOnly) {
    double sum = 0;
    for (int i = 0; i < p.queryCount(); i++) {
      int best = -1;
      for (int j = 0; j < p.optionCount(); j++) {
        if (p.isAllowed(i, j) && (!singlesOnly || p.members(j).length == 1) && (best < 0 || p.quality(i, j) > p.quality(i, best)
            || p.quality(i, j) == p.quality(i, best) && p.costUsd(i, j) < p.costUsd(i, best))) {
          best = j;
        }
      }
      sum += p.costUsd(i, best);
    }
    return sum;
  }
}
