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
 *       P(disagree on i) cost(C), P(disagree on i) from the query's own quality estimates of A and B,
 *       levelled to its margin bin's history rate ({@link EscalationRates}); without estimates the
 *       bin's rate. A (or B) is charged nothing when it is the offer's free model and the log holds
 *       its answer (the nightly offer names no free model: every call is charged);
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
  /** [task][cascade column - firstCascade]: the cascade's slot in {@link #rates} (-1: not offered). */
  private final int[][] slot;
  /** Per query and slot P(disagree); null: the margin bin's rate. */
  private final EscalationRates rates;
  private final int[][] members;

  private CascadeColumns(AssignmentProblem problem, OptionKinds before, int firstCascade, int free, int[] taskOf,
      boolean[] logHoldsFreeAnswer, double[] margins, OfferedCascade[][] offered, int[][] slot, EscalationRates rates,
      int[][] members) {
    this.margins = margins;
    this.slot = slot;
    this.rates = rates;
    this.logHoldsFreeAnswer = logHoldsFreeAnswer;
    this.problem = problem;
    this.before = before;
    this.firstCascade = firstCascade;
    this.free = free;
    this.taskOf = taskOf;
    this.offered = offered;
    this.members = members;
  }

  /**
   * The wider problem and the kinds of all its options.
   *
   * @param shifts the per-query escalation rates' shifts to pin with the run (null: none fitted)
   */
  public record Added(AssignmentProblem problem, OptionKinds kinds, EscalationRates.Shifts shifts) {
    public Added(AssignmentProblem problem, OptionKinds kinds) {
      this(problem, kinds, null);
    }
  }

  /** The same with P(disagree) per margin bin only, as before per-query estimates (tests compare). */
  public static Added add(AssignmentProblem p, String[] tasks, boolean[] logHoldsFreeAnswer, double[] margins,
      CascadeOffer offer) {
    return add(p, null, tasks, logHoldsFreeAnswer, margins, offer, null);
  }

  /**
   * @param p single models (catalog order) then any SelectLLM subsets
   * @param tasks each query's task, in p's query order
   * @param logHoldsFreeAnswer per query whether its log line holds the free model's answer (its
   *     small_model block); where not, that model is charged like any other
   * @param margins per query the small model's margin (NaN: none; the task's figures apply)
   * @param estimates per query the models' estimated qualities before exploration bonuses (catalog
   *     models first, p's query order); null: P(disagree) of the query's margin bin
   * @param pinned escalation shifts the run pinned ({@code ./allot explain}); null: fitted on p's queries
   */
  public static Added add(AssignmentProblem p, AssignmentProblem estimates, String[] tasks,
      boolean[] logHoldsFreeAnswer, double[] margins, CascadeOffer offer, EscalationRates.Shifts pinned) {
    return add(p, estimates, tasks, logHoldsFreeAnswer, margins, offer, pinned, null);
  }

  /**
   * The offer's cascades by task row and column: a slot is a cascade's rank among its task row's.
   *
   * @param byTask [task row][column], null where not offered
   * @param slot [task row][column] the cascade's slot, -1 where not offered
   */
  record Layout(Map<String, Integer> taskIndex, String[] columns, int[][] members, OfferedCascade[][] byTask,
      int[][] slot, int slots) {
    static Layout of(CascadeOffer offer) {
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
      int[][] slot = new int[byTask.length][column.size()];
      int slots = 0;
      for (int t = 0; t < byTask.length; t++) {
        int s = 0;
        for (int k = 0; k < column.size(); k++) {
          slot[t][k] = byTask[t][k] == null ? -1 : s++;
        }
        slots = Math.max(slots, s);
      }
      return new Layout(taskIndex, column.keySet().toArray(String[]::new), members.toArray(int[][]::new), byTask,
          slot, slots);
    }

    /** Per query its task's row, -1 for a task without cascades. */
    int[] taskOf(String[] tasks) {
      int[] taskOf = new int[tasks.length];
      for (int i = 0; i < taskOf.length; i++) {
        taskOf[i] = taskIndex.getOrDefault(tasks[i], -1);
      }
      return taskOf;
    }
  }

  /**
   * The escalation rates' groups of these queries (a slice of a distributed night sums its figures
   * over them, {@link EscalationRates.Level#sums}).
   */
  static List<EscalationRates.Group> escalationGroups(AssignmentProblem estimates, String[] tasks, double[] margins,
      CascadeOffer offer) {
    Layout layout = Layout.of(offer);
    return EscalationRates.groups(estimates, layout.taskOf(tasks), layout.byTask(), margins);
  }

  /**
   * {@link #add(AssignmentProblem, AssignmentProblem, String[], boolean[], double[], CascadeOffer,
   * EscalationRates.Shifts)} on a slice of a night, with the night-wide figures of its escalation
   * rates' groups ({@code night}, by group key; null: fitted on p's queries).
   */
  static Added add(AssignmentProblem p, AssignmentProblem estimates, String[] tasks, boolean[] logHoldsFreeAnswer,
      double[] margins, CascadeOffer offer, EscalationRates.Shifts pinned, Map<String, EscalationRates.Level> night) {
    if (offer == null || offer.offered().isEmpty()) {
      return new Added(p, OptionKinds.fixed(p));
    }
    Layout layout = Layout.of(offer);
    OfferedCascade[][] byTask = layout.byTask();
    int[] taskOf = layout.taskOf(tasks);
    int[][] slot = layout.slot();
    EscalationRates rates = estimates == null ? null
        : EscalationRates.of(EscalationRates.groups(estimates, taskOf, byTask, margins), taskOf.length,
            layout.slots(), pinned, night);
    int free = offer.freeModel();
    AssignmentProblem wide = OptionColumns.append(p, layout.columns(), layout.members(), (i, quality, cost) -> {
      if (taskOf[i] < 0) {
        return;
      }
      for (int k = 0; k < quality.length; k++) {
        OfferedCascade c = byTask[taskOf[i]][k];
        if (c != null) {
          double d = rates == null ? c.disagreeRate(margins[i]) : rates.rate(i, slot[taskOf[i]][k]);
          double e = c.expectedCost(j -> p.costUsd(i, j), logHoldsFreeAnswer[i] ? free : -1, d);
          if (!Double.isNaN(e)) {
            quality[k] = c.quality(margins[i]);
            cost[k] = e;
          }
        }
      }
    }, "set allot.cascade-options.enabled: false or split the night's log by tenant");
    return new Added(wide, new CascadeColumns(wide, OptionKinds.fixed(p), p.optionCount(), free, taskOf,
        logHoldsFreeAnswer, margins, byTask, slot, rates, layout.members()),
        rates == null ? null : rates.shifts());
  }

  private OfferedCascade cascade(int i, int o) {
    return taskOf[i] < 0 ? null : offered[taskOf[i]][o - firstCascade];
  }

  /** P(disagree) of cascade option o on query i (which offers it). */
  private double disagree(int i, int o, OfferedCascade c) {
    return rates == null ? c.disagreeRate(margins[i]) : rates.rate(i, slot[taskOf[i]][o - firstCascade]);
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
    return c == null || j == free(i) ? 0 : c.callRate(j, disagree(i, o, c)) * problem.costUsd(i, j);
  }

  @Override
  public double costVariance(int i, int o) {
    OfferedCascade c = o < firstCascade ? null : cascade(i, o);
    return c == null ? 0 : c.costVariance(j -> problem.costUsd(i, j), free(i), disagree(i, o, c));
  }

  /**
   * The queries' own variances plus the error the plan shares through its estimated escalation
   * rates: each task and margin bin's history rate is an estimate from its rows (standard error
   * {@link OfferedCascade#binDisagreeError}), and every query of the bin moves with it. The rates of
   * a task's cascades come from the same rows, so their errors are taken as fully correlated (summed
   * before squaring); different tasks or bins as independent. Likewise each cascade's fitted slopes
   * ({@link io.allot.agreement.EscalationSlopes}, posterior sd) move its queries' rates, each bin
   * levelled again: the plan's share is the sum over its queries of how far the rate moves x cost_C,
   * per slope, taken as independent of each other and of the bins' errors.
   */
  @Override
  public VarianceParts varianceParts(int[] choice) {
    double v = 0;
    int bins = 1;
    for (OfferedCascade[] row : offered) {
      for (OfferedCascade c : row) {
        bins = c == null ? bins : Math.max(bins, c.marginEdges().length + 2);
      }
    }
    double[] shared = new double[offered.length * bins];
    int columns = members.length;
    double[] slopeShared = new double[offered.length * columns * 2];
    for (int i = 0; i < choice.length; i++) {
      int o = choice[i];
      v += costVariance(i, o);
      OfferedCascade c = o < firstCascade ? null : cascade(i, o);
      if (c != null) {
        int b = c.bin(margins[i]);
        int s = rates == null ? -1 : slot[taskOf[i]][o - firstCascade];
        double moves = rates == null ? 1 : rates.sensitivity(i, s);
        double costC = problem.costUsd(i, c.escalation());
        shared[taskOf[i] * bins + b + 1] += c.binDisagreeError(b) * moves * costC;
        if (rates != null) {
          int at = (taskOf[i] * columns + o - firstCascade) * 2;
          slopeShared[at] += rates.slopeMove(i, s, 0) * costC * c.escalationSlopes().shapeError();
          slopeShared[at + 1] += rates.slopeMove(i, s, 1) * costC * c.escalationSlopes().difficultyError();
        }
      }
    }
    double[] errors = java.util.Arrays.copyOf(shared, shared.length + slopeShared.length);
    System.arraycopy(slopeShared, 0, errors, shared.length, slopeShared.length);
    return new VarianceParts(v, errors);
  }

  private int free(int i) {
    return logHoldsFreeAnswer[i] ? free : -1;
  }

  @Override
  public boolean anyRandomCost() {
    return true;
  }
}
