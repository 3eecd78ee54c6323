package io.allot.solve;

import io.allot.agreement.CascadeOffer;
import io.allot.agreement.OfferedCascade;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a run's offered cascades ({@link CascadeOffer}) to its problem as extra options, after the
 * single models and SelectLLM subsets and before the tenant rules (which then cover them). A
 * cascade is allowed only for the queries of the tasks it was offered for. On query i:
 * <ul>
 *   <li>quality = P(agree and right) + P(disagree and the escalation right), from the task's history
 *       rows in the query's small-model margin bin ({@link OfferedCascade});
 *   <li>cost = sum over members of call rate x the member's estimated cost on i: cost(A) + cost(B) +
 *       P(disagree | margin bin) cost(C), with A (or B) charged nothing when it is the model whose
 *       answer the log already holds;
 *   <li>members A, B, C: capacity, tokens and quotas are charged on all three (C conservatively).
 * </ul>
 */
public final class CascadeColumns implements OptionKinds {
  private static final String[] ROLES = {"first", "second", "escalate"};
  private final AssignmentProblem problem;
  private final OptionKinds before;
  private final int firstCascade;
  private final int free;
  private final int[] taskOf;
  private final boolean[] logHoldsFreeAnswer;
  private final double[] margins;
  /** [task][cascade column - firstCascade], null where not offered. */
  private final OfferedCascade[][] offered;
  private final int[][] members;

  private CascadeColumns(AssignmentProblem problem, OptionKinds before, int firstCascade, int free, int[] taskOf,
      boolean[] logHoldsFreeAnswer, double[] margins, OfferedCascade[][] offered, int[][] members) {
    this.margins = margins;
    this.logHoldsFreeAnswer = logHoldsFreeAnswer;
    this.problem = problem;
    this.before = before;
    this.firstCascade = firstCascade;
    this.free = free;
    this.taskOf = taskOf;
    this.offered = offered;
    this.members = members;
  }

  /** The wider problem and the kinds of all its options. */
  public record Added(AssignmentProblem problem, OptionKinds kinds) {}

  /**
   * @param p single models (catalog order) then any SelectLLM subsets
   * @param tasks each query's task, in p's query order
   * @param logHoldsFreeAnswer per query whether its log line holds the free model's answer (its
   *     small_model block); where not, that model is charged like any other
   * @param margins per query the small model's margin (NaN: none; the task's figures apply)
   */
  public static Added add(AssignmentProblem p, String[] tasks, boolean[] logHoldsFreeAnswer, double[] margins,
      CascadeOffer offer) {
    if (offer == null || offer.offered().isEmpty()) {
      return new Added(p, OptionKinds.fixed(p));
    }
    Map<String, Integer> taskIndex = new LinkedHashMap<>();
    Map<String, Integer> column = new LinkedHashMap<>();
    List<int[]> members = new ArrayList<>();
    for (OfferedCascade c : offer.offered()) {
      taskIndex.putIfAbsent(c.task(), taskIndex.size());
      if (column.putIfAbsent(c.optionId(), column.size()) == null) {
        members.add(c.members());
      }
    }
    OfferedCascade[][] byTask = new OfferedCascade[taskIndex.size()][column.size()];
    for (OfferedCascade c : offer.offered()) {
      byTask[taskIndex.get(c.task())][column.get(c.optionId())] = c;
    }
    int[] taskOf = new int[p.queryCount()];
    for (int i = 0; i < taskOf.length; i++) {
      taskOf[i] = taskIndex.getOrDefault(tasks[i], -1);
    }
    int free = offer.freeModel();
    AssignmentProblem wide = OptionColumns.append(p, column.keySet().toArray(String[]::new),
        members.toArray(int[][]::new), (i, quality, cost) -> {
          if (taskOf[i] < 0) {
            return;
          }
          for (int k = 0; k < quality.length; k++) {
            OfferedCascade c = byTask[taskOf[i]][k];
            if (c != null) {
              double e = c.expectedCost(j -> p.costUsd(i, j), logHoldsFreeAnswer[i] ? free : -1, margins[i]);
              if (!Double.isNaN(e)) {
                quality[k] = c.quality(margins[i]);
                cost[k] = e;
              }
            }
          }
        }, "set allot.cascade-options.enabled: false or split the night's log by tenant");
    return new Added(wide, new CascadeColumns(wide, OptionKinds.fixed(p), p.optionCount(), free, taskOf,
        logHoldsFreeAnswer, margins, byTask, members.toArray(int[][]::new)));
  }

  private OfferedCascade cascade(int i, int o) {
    return taskOf[i] < 0 ? null : offered[taskOf[i]][o - firstCascade];
  }

  @Override
  public String kind(int o) {
    return o < firstCascade ? before.kind(o) : CASCADE;
  }

  @Override
  public String role(int o, int k) {
    return o < firstCascade ? before.role(o, k) : ROLES[k];
  }

  @Override
  public double memberCost(int i, int o, int k) {
    if (o < firstCascade) {
      return before.memberCost(i, o, k);
    }
    OfferedCascade c = cascade(i, o);
    int j = members[o - firstCascade][k];
    return c == null || j == free(i) ? 0 : c.callRate(j, margins[i]) * problem.costUsd(i, j);
  }

  @Override
  public double costVariance(int i, int o) {
    OfferedCascade c = o < firstCascade ? null : cascade(i, o);
    return c == null ? 0 : c.costVariance(j -> problem.costUsd(i, j), free(i), margins[i]);
  }

  private int free(int i) {
    return logHoldsFreeAnswer[i] ? free : -1;
  }

  @Override
  public boolean anyRandomCost() {
    return true;
  }
}
