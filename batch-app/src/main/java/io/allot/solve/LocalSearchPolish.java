package io.allot.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.impl.localsearch.scope.LocalSearchPhaseScope;
import org.optaplanner.core.impl.phase.event.PhaseLifecycleListenerAdapter;
import org.optaplanner.core.impl.phase.scope.AbstractPhaseScope;
import org.optaplanner.core.impl.solver.DefaultSolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the OptaPlanner phases (price construction, then local search) on the contested queries,
 * with everything else fixed at its construction choice and charged to the budget up front.
 */
final class LocalSearchPolish {
  private static final Logger log = LoggerFactory.getLogger(LocalSearchPolish.class);
  private final AssignmentProblem problem;
  private final FixedPointTable table;
  private final SolveSettings settings;

  LocalSearchPolish(AssignmentProblem problem, FixedPointTable table, SolveSettings settings) {
    this.problem = problem;
    this.table = table;
    this.settings = settings;
  }

  /**
   * Improves {@code choice} in place.
   *
   * @param planned query rows to hand to OptaPlanner, ascending
   * @param limits the hard constraints of the whole problem
   * @param progress receives (best score, fixed quality in nano-units) on each new best
   */
  SolveResult.PolishStats run(int[] choice, int[] planned, SideLimits limits, PolishProgress progress) {
    // What the fixed queries use: the full choice's totals less the planned queries.
    LoadLedger fixed = new LoadLedger(limits, table, choice);
    long fixedQuality = 0;
    boolean[] isPlanned = new boolean[choice.length];
    for (int i : planned) {
      isPlanned[i] = true;
      fixed.remove(i, choice[i]);
    }
    for (int i = 0; i < choice.length; i++) {
      if (!isPlanned[i]) {
        fixedQuality += table.qualityNano(i, choice[i]);
      }
    }
    int m = problem.optionCount();
    List<ModelOption> options = new ArrayList<>(m);
    List<ModelLimit> modelLimits = new ArrayList<>(m);
    for (int j = 0; j < m; j++) {
      options.add(new ModelOption(j, problem.optionId(j), limits.members[j]));
      modelLimits.add(new ModelLimit(j, problem.optionId(j), left(limits.queryCap[j], fixed.load[j]),
          left(limits.tokenCap[j], fixed.tokenLoad[j]), Math.max(0, limits.minQueries[j] - fixed.load[j])));
    }
    List<TenantCap> caps = new ArrayList<>();
    for (int t = 0; t < limits.tenantCount(); t++) {
      caps.add(new TenantCap(t, limits.tenantNames[t], limits.tenantCapNano[t] - fixed.tenantCost[t]));
    }
    List<QueryAssignment> entities = new ArrayList<>(planned.length);
    for (int i : planned) {
      entities.add(new QueryAssignment(i, table, limits.tokens[i], limits.tenantOf[i], null));
    }
    AssignmentSolution start = new AssignmentSolution(options, modelLimits, caps, entities,
        new Budget(limits.budgetNano - fixed.cost), null);

    Solver<AssignmentSolution> solver =
        PolishSolverFactory.create(settings, choice).buildSolver();
    StatsRecorder stats = new StatsRecorder();
    ((DefaultSolver<AssignmentSolution>) solver).addPhaseLifecycleListener(stats);
    long fixedQualityNano = fixedQuality;
    solver.addEventListener(event -> progress.onNewBest(
        (HardSoftLongScore) event.getNewBestScore(), fixedQualityNano));
    AssignmentSolution best = solveWithTimeCap(solver, start);
    for (QueryAssignment a : best.getAssignments()) {
      choice[a.getQuery()] = a.getOption().index();
    }
    return new SolveResult.PolishStats(planned.length, stats.steps, stats.before, best.getScore(),
        stats.millis);
  }

  private static long left(long cap, long used) {
    return cap == AssignmentProblem.UNLIMITED ? cap : Math.max(0, cap - used);
  }

  /**
   * The cap ends the solve from outside rather than as a time termination: a time termination
   * would enter the annealing temperature through the time gradient and make reruns differ.
   */
  private AssignmentSolution solveWithTimeCap(Solver<AssignmentSolution> solver,
      AssignmentSolution start) {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "allot-polish-time-cap");
      t.setDaemon(true);
      return t;
    });
    try {
      watchdog.schedule(() -> {
        log.warn("polish hit its time cap of {}; this run may not be reproducible",
            settings.polishTimeLimit());
        solver.terminateEarly();
      }, settings.polishTimeLimit().toMillis(), TimeUnit.MILLISECONDS);
      return solver.solve(start);
    } finally {
      watchdog.shutdownNow();
    }
  }

  @FunctionalInterface
  interface PolishProgress {
    /**
     * Reports nothing. A class that ships lambdas to Spark executors uses this rather than a lambda
     * of its own: deserialising any lambda resolves its class's methods, and OptaPlanner's types
     * are not on the executors' class path.
     */
    PolishProgress NONE = (score, fixed) -> {};

    void onNewBest(HardSoftLongScore score, long fixedQualityNano);
  }

  private static final class StatsRecorder
      extends PhaseLifecycleListenerAdapter<AssignmentSolution> {
    long steps;
    long millis;
    HardSoftLongScore before;

    @Override
    public void phaseEnded(AbstractPhaseScope<AssignmentSolution> scope) {
      if (scope instanceof LocalSearchPhaseScope) {
        steps = scope.getNextStepIndex();
        millis = scope.calculatePhaseTimeMillisSpentUpToNow();
        before = scope.getStartingScore();
      }
    }
  }
}
