package io.allot.solve;

import java.util.List;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;

/**
 * Construction phase: starts every entity at the option the prices and the greedy top-up chose.
 * A cold start reached only 74-86% of the bound in minutes; this start is within about one
 * query of it (docs/solver.md, "Lagrangian prices and the bound").
 */
final class PriceConstructionCommand implements CustomPhaseCommand<AssignmentSolution> {
  private final int[] choice;

  /** @param choice option index per query of the whole problem, indexed by global query row */
  PriceConstructionCommand(int[] choice) {
    this.choice = choice;
  }

  @Override
  public void changeWorkingSolution(ScoreDirector<AssignmentSolution> director) {
    AssignmentSolution solution = director.getWorkingSolution();
    List<ModelOption> options = solution.getOptions();
    for (QueryAssignment a : solution.getAssignments()) {
      ModelOption target = options.get(choice[a.getQuery()]);
      if (a.getOption() != target) {
        director.beforeVariableChanged(a, "option");
        a.setOption(target);
        director.afterVariableChanged(a, "option");
      }
    }
    director.triggerVariableListeners();
  }
}
