package io.allot.lab.evaluate;

/**
 * What the router may believe a call costs before making it: per model, a least-squares line
 * cost = a + b * (prompt characters) fitted on the training rows, clipped to the range seen in
 * training. The solver plans with these estimates; evaluation always charges the realised cost.
 */
final class CostEstimate {
  private final double[] intercept;
  private final double[] slope;
  private final double[] min;
  private final double[] max;

  private CostEstimate(double[] intercept, double[] slope, double[] min, double[] max) {
    this.intercept = intercept;
    this.slope = slope;
    this.min = min;
    this.max = max;
  }

  /** Missing cost cells are left out of the fit. */
  static CostEstimate fit(RoutingData train) {
    int m = train.modelCount();
    double[] a = new double[m];
    double[] b = new double[m];
    double[] lo = new double[m];
    double[] hi = new double[m];
    for (int j = 0; j < m; j++) {
      double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
      lo[j] = Double.POSITIVE_INFINITY;
      hi[j] = 0;
      for (int i = 0; i < train.rows(); i++) {
        double y = train.cost(i, j);
        if (Double.isNaN(y)) {
          continue;
        }
        double x = train.texts()[i].length();
        n++;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        lo[j] = Math.min(lo[j], y);
        hi[j] = Math.max(hi[j], y);
      }
      if (n == 0) {
        throw new IllegalArgumentException("model '" + train.models().get(j)
            + "' has no cost in the training rows: its cost cannot be estimated");
      }
      double varX = sxx - sx * sx / n;
      b[j] = varX > 1e-9 ? (sxy - sx * sy / n) / varX : 0;
      a[j] = (sy - b[j] * sx) / n;
    }
    return new CostEstimate(a, b, lo, hi);
  }

  double estimate(int model, String text) {
    double c = intercept[model] + slope[model] * text.length();
    return Math.min(max[model], Math.max(min[model], c));
  }
}
