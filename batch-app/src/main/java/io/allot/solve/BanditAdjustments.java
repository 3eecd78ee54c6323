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
    Map<String, QualityAdjustments.Adjustment> byModel = new HashMap<>();
    adjustments.forEach(a -> byModel.put(a.model_id(), a));
    int n = p.queryCount();
    int m = p.optionCount();
    double[] shift = new double[m];
    double[] share = new double[m];
    String[] ids = new String[m];
    long[] capacity = new long[m];
    for (int j = 0; j < m; j++) {
      ids[j] = p.optionId(j);
      capacity[j] = p.capacity(j);
      QualityAdjustments.Adjustment a = byModel.get(ids[j]);
      if (a != null) {
        shift[j] = Double.isFinite(a.quality_shift()) ? a.quality_shift() : 0;
        share[j] = a.exploration_share();
      }
    }
    double[] quality = new double[n * m];
    long[] allowed = new long[m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        boolean ok = p.isAllowed(i, j);
        double q = p.quality(i, j);
        quality[i * m + j] = ok ? Math.max(0, Math.min(1, q + shift[j])) : q;
        allowed[j] += ok ? 1 : 0;
      }
    }
    // withQuality keeps the problem's side constraints (token capacity, members, tenant rules).
    AssignmentProblem shifted = p.withQuality(quality);
    long[] quota = new long[m];
    boolean any = false;
    for (int j = 0; j < m; j++) {
      quota[j] = Math.max(p.minimumQueries(j), Math.min((long) Math.floor(share[j] * n), Math.min(capacity[j], allowed[j])));
      any |= quota[j] > 0;
      if (shift[j] != 0 || quota[j] > 0) {
        log.info(String.format(java.util.Locale.ROOT, "TI-UCB: %s quality shifted by %+.4f, exploration quota %,d queries",
            ids[j], shift[j], quota[j]));
      }
    }
    return any ? shifted.withMinimumQueries(quota) : shifted;
  }
}
