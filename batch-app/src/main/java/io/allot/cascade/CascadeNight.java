package io.allot.cascade;

import io.allot.solve.AssignmentProblem;
import java.util.Objects;

/**
 * One night's queries as the cascade sees them: the solver's problem (per-model quality and cost,
 * in catalog order) plus each query's task and the small model's uncertainty features. A missing
 * margin or mean token logprob is NaN (the log had no logprobs for that query).
 */
public record CascadeNight(AssignmentProblem problem, String[] tasks, double[] margin, double[] meanLogprob,
    int smallOption) {

  public CascadeNight {
    Objects.requireNonNull(problem, "problem");
    int n = problem.queryCount();
    if (tasks.length != n || margin.length != n || meanLogprob.length != n) {
      throw new IllegalArgumentException("tasks, margin and meanLogprob need one entry per query (" + n + ")");
    }
    if (smallOption < 0 || smallOption >= problem.optionCount()) {
      throw new IllegalArgumentException("the catalog has no small_tier model, so there is no first tier to"
          + " cascade from: mark one model small_tier: true in models.yml");
    }
  }

  public int size() {
    return problem.queryCount();
  }

  public boolean hasMargin(int i) {
    return !Double.isNaN(margin[i]);
  }

  /** The queries at the given rows, in that order (for evaluating on the labelled part of a night). */
  public CascadeNight subset(int[] rows) {
    int m = problem.optionCount();
    String[] ids = new String[rows.length];
    String[] tenants = new String[rows.length];
    String[] optionIds = new String[m];
    long[] capacity = new long[m];
    for (int j = 0; j < m; j++) {
      optionIds[j] = problem.optionId(j);
      capacity[j] = problem.capacity(j);
    }
    double[] q = new double[rows.length * m];
    double[] c = new double[rows.length * m];
    String[] t = new String[rows.length];
    double[] mg = new double[rows.length];
    double[] ml = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      int i = rows[k];
      ids[k] = problem.queryId(i);
      tenants[k] = problem.tenant(i);
      t[k] = tasks[i];
      mg[k] = margin[i];
      ml[k] = meanLogprob[i];
      for (int j = 0; j < m; j++) {
        q[k * m + j] = problem.quality(i, j);
        c[k * m + j] = problem.costUsd(i, j);
      }
    }
    return new CascadeNight(new AssignmentProblem(ids, tenants, optionIds, q, c, capacity), t, mg, ml, smallOption);
  }
}
