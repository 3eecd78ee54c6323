package io.allot.solve;

import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.common.decorator.SelectionFilter;
import org.optaplanner.core.impl.heuristic.selector.move.generic.ChangeMove;
import org.optaplanner.core.impl.heuristic.selector.move.generic.SwapMove;

/** Keeps moves off options a query may not take, so no step is spent evaluating them. */
public final class AllowedOptionFilters {
  private AllowedOptionFilters() {}

  public static final class Change
      implements SelectionFilter<AssignmentSolution, ChangeMove<AssignmentSolution>> {
    @Override
    public boolean accept(ScoreDirector<AssignmentSolution> director,
        ChangeMove<AssignmentSolution> move) {
      return ((QueryAssignment) move.getEntity()).allows((ModelOption) move.getToPlanningValue());
    }
  }

  public static final class Swap
      implements SelectionFilter<AssignmentSolution, SwapMove<AssignmentSolution>> {
    @Override
    public boolean accept(ScoreDirector<AssignmentSolution> director,
        SwapMove<AssignmentSolution> move) {
      QueryAssignment left = (QueryAssignment) move.getLeftEntity();
      QueryAssignment right = (QueryAssignment) move.getRightEntity();
      return left.allows(right.getOption()) && right.allows(left.getOption());
    }
  }
}
