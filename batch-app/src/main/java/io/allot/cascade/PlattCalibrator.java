package io.allot.cascade;

/**
 * Platt scaling of the small model's outcome: P(right) = σ(a·ln(margin + 0.01) + b·meanLogprob + c),
 * fitted by Newton's method on the log loss (outcomes may be fractional judge scores). The log of
 * the margin is used because the margin is a log ratio with a long right tail; the mean token
 * logprob adds the rest of the answer's confidence. A query without token logprobs takes the
 * training mean for that feature.
 */
public final class PlattCalibrator implements SmallModelCalibrator {
  private static final double MARGIN_OFFSET = 0.01;
  private static final double RIDGE = 1e-6;
  private static final int MAX_ITERATIONS = 100;
  private final double[] w;
  private final double meanFill;

  private PlattCalibrator(double[] w, double meanFill) {
    this.w = w;
    this.meanFill = meanFill;
  }

  public static PlattCalibrator fit(double[] margins, double[] meanLogprobs, double[] scores) {
    int n = margins.length;
    if (n == 0) {
      throw new IllegalArgumentException("Platt calibration needs at least one labelled small-model outcome");
    }
    double fillSum = 0;
    int fillN = 0;
    for (double v : meanLogprobs) {
      if (!Double.isNaN(v)) {
        fillSum += v;
        fillN++;
      }
    }
    double fill = fillN == 0 ? 0 : fillSum / fillN;
    double[][] f = new double[n][];
    for (int i = 0; i < n; i++) {
      f[i] = features(margins[i], meanLogprobs[i], fill);
    }
    double[] w = new double[3];
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] grad = new double[3];
      double[][] hess = new double[3][3];
      for (int i = 0; i < n; i++) {
        double p = sigmoid(dot(w, f[i]));
        double r = p - scores[i];
        double s = Math.max(p * (1 - p), 1e-12);
        for (int a = 0; a < 3; a++) {
          grad[a] += r * f[i][a];
          for (int b = 0; b < 3; b++) {
            hess[a][b] += s * f[i][a] * f[i][b];
          }
        }
      }
      for (int a = 0; a < 3; a++) {
        grad[a] += RIDGE * w[a];
        hess[a][a] += RIDGE + 1e-9 * n;
      }
      double[] step = solve3(hess, grad);
      double size = 0;
      for (int a = 0; a < 3; a++) {
        w[a] -= step[a];
        size = Math.max(size, Math.abs(step[a]));
      }
      if (size < 1e-9) {
        break;
      }
    }
    return new PlattCalibrator(w, fill);
  }

  private static double[] features(double margin, double meanLogprob, double fill) {
    return new double[] {Math.log(margin + MARGIN_OFFSET), Double.isNaN(meanLogprob) ? fill : meanLogprob, 1};
  }

  @Override
  public double correctness(double margin, double meanLogprob) {
    return sigmoid(dot(w, features(margin, meanLogprob, meanFill)));
  }

  @Override
  public String method() {
    return "platt";
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  /** Solves the 3x3 system h·x = g by Gaussian elimination with partial pivoting. */
  private static double[] solve3(double[][] h, double[] g) {
    double[][] a = new double[3][4];
    for (int r = 0; r < 3; r++) {
      System.arraycopy(h[r], 0, a[r], 0, 3);
      a[r][3] = g[r];
    }
    for (int c = 0; c < 3; c++) {
      int p = c;
      for (int r = c + 1; r < 3; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] tmp = a[c];
      a[c] = a[p];
      a[p] = tmp;
      for (int r = c + 1; r < 3; r++) {
        double k = a[r][c] / a[c][c];
        for (int j = c; j < 4; j++) {
          a[r][j] -= k * a[c][j];
        }
      }
    }
    double[] x = new double[3];
    for (int r = 2; r >= 0; r--) {
      double s = a[r][3];
      for (int j = r + 1; j < 3; j++) {
        s -= a[r][j] * x[j];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }
}
