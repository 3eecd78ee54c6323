package io.allot.solve;

import io.allot.bandit.nightly.QualityAdjustments;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the select-models step's TI-UCB decisions ({@link QualityAdjustments}, read from the run
 * folder) to a night's problem: quality shifts and exploration quotas. Lives with the solver so the
 * bandit package does not depend on the problem's representation.
 */
public final class BanditAdjustments {
  private static final Logger log = LoggerFactory.getLogger(BanditAdjustments.class);

  private BanditAdjustments() {}

  /** The solve step's hook: the problem with this run's adjustments applied (unchanged without any). */
  public static AssignmentProblem applyFromRun(AssignmentProblem p, Path runFolder) throws IOException {
    List<QualityAdjustments.Adjustment> adjustments = QualityAdjustments.read(runFolder);
    return adjustments.isEmpty() ? p : apply(p, adjustments);
  }

  /**
   * Shifts each model's predicted quality by its quality_shift (clamped to [0,1]; options not
   * allowed for a query stay so) and sets exploration quotas: floor(share * queries), capped by
   * the model's capacity and by the queries it may serve.
   */
  public static AssignmentProblem apply(AssignmentProblem p, List<QualityAdjustments.Adjustment> adjustments) {
    Plan plan = Plan.of(p, adjustments);
    long[] quota = quotas(p, plan, p.queryCount(), allowedCounts(p));
    AssignmentProblem shifted = shift(p, plan);
    return java.util.Arrays.stream(quota).anyMatch(q -> q > 0) ? shifted.withMinimumQueries(quota) : shifted;
  }

  /**
   * Each option's quality shift and exploration share (0 for an option without a decision); it
   * travels to the Spark executors, which shift their slices of a distributed night.
   */
  record Plan(double[] shift, double[] share) implements java.io.Serializable {
    static Plan of(AssignmentProblem p, List<QualityAdjustments.Adjustment> adjustments) {
      Map<String, QualityAdjustments.Adjustment> byModel = new HashMap<>();
      adjustments.forEach(a -> byModel.put(a.model_id(), a));
      int m = p.optionCount();
      double[] shift = new double[m];
      double[] share = new double[m];
      for (int j = 0; j < m; j++) {
        QualityAdjustments.Adjustment a = byModel.get(p.optionId(j));
        if (a != null) {
          shift[j] = Double.isFinite(a.quality_shift()) ? a.quality_shift() : 0;
          share[j] = a.exploration_share();
        }
      }
      return new Plan(shift, share);
    }
  }

  /** The problem with the plan's quality shifts; its side constraints are kept. */
  static AssignmentProblem shift(AssignmentProblem p, Plan plan) {
    if (java.util.Arrays.stream(plan.shift()).allMatch(x -> x == 0)) {
      return p; // no shift: the copy would change nothing
    }
    int n = p.queryCount();
    int m = p.optionCount();
    double[] quality = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double q = p.quality(i, j);
        quality[i * m + j] = p.isAllowed(i, j) ? Math.max(0, Math.min(1, q + plan.shift()[j])) : q;
      }
    }
    // withQuality keeps the problem's side constraints (token capacity, members, tenant rules).
    return p.withQuality(quality);
  }

  /** Per option, the queries it is allowed for (the shift keeps these). */
  static long[] allowedCounts(AssignmentProblem p) {
    long[] allowed = new long[p.optionCount()];
    for (int i = 0; i < p.queryCount(); i++) {
      for (int j = 0; j < allowed.length; j++) {
        allowed[j] += p.isAllowed(i, j) ? 1 : 0;
      }
    }
    return allowed;
  }

  /**
   * The exploration quotas of a night of {@code queries} queries whose options are allowed for
   * {@code allowed} of them (the whole night's counts, when p is one slice or only the header).
   */
  static long[] quotas(AssignmentProblem p, Plan plan, long queries, long[] allowed) {
    int m = p.optionCount();
    long[] quota = new long[m];
    for (int j = 0; j < m; j++) {
      quota[j] = Math.max(p.minimumQueries(j), Math.min((long) Math.floor(plan.share()[j] * queries),
          Math.min(p.capacity(j), allowed[j])));
      if (plan.shift()[j] != 0 || quota[j] > 0) {
        log.info(String.format(java.util.Locale.ROOT, "TI-UCB: %s quality shifted by %+.4f, exploration quota %,d queries",
            p.optionId(j), plan.shift()[j], quota[j]));
      }
    }
    return quota;
  }
}
