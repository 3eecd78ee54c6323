package io.allot.solve;

import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

/**
 * The part of the problem OptaPlanner plans: some or all queries, the options, and the budget
 * left for them.
 *
 * <p>Every entity draws from the one shared option list; options a query may not take are
 * filtered out of moves and, as a safety net, penalised as hard.
 */
@PlanningSolution(solutionCloner = AssignmentSolutionCloner.class)
public class AssignmentSolution {
  static final String OPTIONS = "options";

  @ProblemFactCollectionProperty
  @ValueRangeProvider(id = OPTIONS)
  private List<ModelOption> options;

  @ProblemFactCollectionProperty
  private List<ModelLimit> limits;

  @ProblemFactCollectionProperty
  private List<TenantCap> tenantCaps;

  @PlanningEntityCollectionProperty
  private List<QueryAssignment> assignments;

  @ProblemFactProperty
  private Budget budget;

  @PlanningScore
  private HardSoftLongScore score;

  public AssignmentSolution() {}

  public AssignmentSolution(List<ModelOption> options, List<ModelLimit> limits, List<TenantCap> tenantCaps,
      List<QueryAssignment> assignments, Budget budget, HardSoftLongScore score) {
    this.options = options;
    this.limits = limits;
    this.tenantCaps = tenantCaps;
    this.assignments = assignments;
    this.budget = budget;
    this.score = score;
  }

  public List<ModelOption> getOptions() {
    return options;
  }

  public List<ModelLimit> getLimits() {
    return limits;
  }

  public List<TenantCap> getTenantCaps() {
    return tenantCaps;
  }

  public List<QueryAssignment> getAssignments() {
    return assignments;
  }

  public Budget getBudget() {
    return budget;
  }

  public HardSoftLongScore getScore() {
    return score;
  }

  public void setScore(HardSoftLongScore score) {
    this.score = score;
  }
}
