package io.allot.cascade;

import io.allot.solve.AssignmentProblem;
import java.util.Random;

/** Small constructed nights for the cascade tests: fixed seeds, three options (small, mid, large). */
public final class CascadeNights {
  public static final String[] OPTIONS = {"small", "mid", "large"};

  private CascadeNights() {}

  /**
   * @param withoutMargin every k-th query has no margin (0: all have one)
   */
  public static CascadeNight random(int n, long seed, int withoutMargin) {
    Random r = new Random(seed);
    String[] tenants = {"acme", "globex"};
    String[] tasks = {"classify", "qa"};
    String[] ids = new String[n];
    String[] ten = new String[n];
    String[] task = new String[n];
    double[] q = new double[n * 3];
    double[] c = new double[n * 3];
    double[] margin = new double[n];
    double[] mean = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = String.format("q-%05d", i);
      ten[i] = tenants[r.nextInt(2)];
      task[i] = tasks[r.nextInt(2)];
      double tokens = 200 + r.nextInt(1800);
      c[i * 3] = tokens * 1e-8;
      c[i * 3 + 1] = tokens * 2e-7;
      c[i * 3 + 2] = tokens * 3e-6;
      q[i * 3] = 0.6;
      q[i * 3 + 1] = 0.75;
      q[i * 3 + 2] = task[i].equals("qa") ? 0.9 : 0.85;
      margin[i] = withoutMargin > 0 && i % withoutMargin == 0 ? Double.NaN : Math.exp(r.nextGaussian());
      mean[i] = -0.3 * r.nextDouble();
    }
    return new CascadeNight(new AssignmentProblem(ids, ten, OPTIONS, q, c), task, margin, mean, 0);
  }

  public static double allSmallCost(CascadeNight night) {
    double s = 0;
    for (int i = 0; i < night.size(); i++) {
      s += night.problem().costUsd(i, night.smallOption());
    }
    return s;
  }
}
