package io.allot.spark.predict;

/**
 * Logistic regression, maximum a posteriori under independent Gaussian priors on its coefficients:
 * Newton's method from the prior means, each step halved until the penalised log-loss falls (a
 * full step can overshoot where a feature is nearly constant or the estimates are extreme). Small
 * problems only (a few coefficients, dense rows on the driver). Used where a fit must stay near an
 * assumed shape when rows are few: the predictor's cross-model stage and the cascades' escalation
 * slopes.
 */
public final class GaussianPriorLogistic {
  /** A step whose largest coefficient change is below this ends the search. */
  private static final double TOLERANCE = 1e-9;
  private static final int HALVINGS = 40;

  /**
   * @param coefficients the posterior mode
   * @param hessian the penalised log-loss's Hessian at the last Newton step (the posterior
   *     precision of the Laplace approximation)
   */
  public record Fit(double[] coefficients, double[][] hessian) {
    /** Posterior standard deviation of coefficient k (Laplace approximation). */
    public double posteriorSd(int k) {
      double[] unit = new double[coefficients.length];
      unit[k] = 1;
      return Math.sqrt(solve(hessian, unit)[k]);
    }
  }

  private GaussianPriorLogistic() {}

  /**
   * @param x one row of features per observation (include a column of ones for an intercept)
   * @param y the observations, 0 or 1 (or a share in between)
   * @param priorMean each coefficient's prior mean, where the search starts
   * @param priorPrecision each coefficient's prior precision, 1 / sd^2 (0 leaves it free)
   */
  public static Fit fit(double[][] x, double[] y, double[] priorMean, double[] priorPrecision, int maxIterations) {
    int p = priorMean.length;
    double[] theta = priorMean.clone();
    double loss = loss(x, y, theta, priorMean, priorPrecision);
    double[][] h = null;
    for (int it = 0; it < maxIterations; it++) {
      double[] g = new double[p];
      h = new double[p][p];
      for (int k = 0; k < p; k++) {
        g[k] = priorPrecision[k] * (theta[k] - priorMean[k]);
        h[k][k] = priorPrecision[k];
      }
      for (int q = 0; q < x.length; q++) {
        double mu = sigmoid(dot(theta, x[q]));
        double w = mu * (1 - mu);
        for (int k = 0; k < p; k++) {
          g[k] += (mu - y[q]) * x[q][k];
          for (int l = 0; l < p; l++) {
            h[k][l] += w * x[q][k] * x[q][l];
          }
        }
      }
      double[] step = solve(h, g);
      double t = 1;
      double[] next = theta;
      double nextLoss = Double.POSITIVE_INFINITY;
      for (int k = 0; k < HALVINGS && !(nextLoss <= loss); k++, t /= 2) {
        next = new double[p];
        for (int c = 0; c < p; c++) {
          next[c] = theta[c] - t * step[c];
        }
        nextLoss = loss(x, y, next, priorMean, priorPrecision);
      }
      if (!(nextLoss <= loss)) {
        break; // no step lowers the loss: at the mode, to rounding
      }
      double largest = 0;
      for (int c = 0; c < p; c++) {
        largest = Math.max(largest, Math.abs(next[c] - theta[c]));
      }
      theta = next;
      loss = nextLoss;
      if (largest < TOLERANCE) {
        break;
      }
    }
    return new Fit(theta, h);
  }

  /** The summed log-loss plus the priors' penalty. */
  private static double loss(double[][] x, double[] y, double[] theta, double[] priorMean, double[] priorPrecision) {
    double l = 0;
    for (int q = 0; q < x.length; q++) {
      double z = dot(theta, x[q]);
      // log(1 + e^z) - y z, computed without overflow
      l += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[q] * z;
    }
    for (int k = 0; k < theta.length; k++) {
      l += priorPrecision[k] / 2 * (theta[k] - priorMean[k]) * (theta[k] - priorMean[k]);
    }
    return l;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** x with m x = v, by Gaussian elimination with partial pivoting (m is positive definite here). */
  public static double[] solve(double[][] m, double[] v) {
    int p = v.length;
    double[][] a = new double[p][p + 1];
    for (int k = 0; k < p; k++) {
      System.arraycopy(m[k], 0, a[k], 0, p);
      a[k][p] = v[k];
    }
    for (int c = 0; c < p; c++) {
      int pivot = c;
      for (int k = c + 1; k < p; k++) {
        pivot = Math.abs(a[k][c]) > Math.abs(a[pivot][c]) ? k : pivot;
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      for (int k = c + 1; k < p; k++) {
        double f = a[k][c] / a[c][c];
        for (int l = c; l <= p; l++) {
          a[k][l] -= f * a[c][l];
        }
      }
    }
    double[] x = new double[p];
    for (int c = p - 1; c >= 0; c--) {
      double s = a[c][p];
      for (int l = c + 1; l < p; l++) {
        s -= a[c][l] * x[l];
      }
      x[c] = s / a[c][c];
    }
    return x;
  }
}
