package io.allot.spark.predict;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A binary logistic regression fitted on the driver with the objective MLlib's
 * {@code LogisticRegression} minimises under Allot's settings (standardization on, intercept on,
 * pure L2): mean log-loss + regParam / 2 * sum_j (w_j * sd_j)^2, where sd_j is the sample standard
 * deviation of feature j (features with sd 0 keep weight 0) and the intercept is not penalised.
 * The optimiser is L-BFGS (10 corrections, as MLlib's) from MLlib's start (zero weights, intercept
 * = the log-odds of the label rate), stopped after {@code maxIter} iterations or when the relative
 * objective improvement falls below {@code tolerance}.
 *
 * <p>On small data (evaluate's thousand rows) one fit takes milliseconds where MLlib runs one
 * Spark job per iteration.
 */
public final class LocalLogisticRegression {
  private static final int CORRECTIONS = 10;
  private final double[] weights;
  private final double intercept;

  private LocalLogisticRegression(double[] weights, double intercept) {
    this.weights = weights;
    this.intercept = intercept;
  }

  public static LocalLogisticRegression fit(LocalTfIdf.Sparse[] x, boolean[] y, int dim,
      double regParam, int maxIter, double tolerance) {
    int n = x.length;
    double[] mean = new double[dim];
    double[] sq = new double[dim];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      positives += y[i] ? 1 : 0;
      for (int k = 0; k < x[i].indices().length; k++) {
        mean[x[i].indices()[k]] += x[i].values()[k];
        sq[x[i].indices()[k]] += x[i].values()[k] * x[i].values()[k];
      }
    }
    double[] inv = new double[dim];
    for (int j = 0; j < dim; j++) {
      double mu = mean[j] / n;
      double var = n > 1 ? (sq[j] - n * mu * mu) / (n - 1) : 0;
      inv[j] = var > 1e-24 ? 1 / Math.sqrt(var) : 0;
    }
    // The problem in the standardised space: z = x / sd; w_std = w * sd.
    LocalTfIdf.Sparse[] z = new LocalTfIdf.Sparse[n];
    for (int i = 0; i < n; i++) {
      double[] v = x[i].values().clone();
      for (int k = 0; k < v.length; k++) {
        v[k] *= inv[x[i].indices()[k]];
      }
      z[i] = new LocalTfIdf.Sparse(x[i].indices(), v);
    }
    double rate = Math.min(Math.max(positives / (double) n, 1e-9), 1 - 1e-9);
    double[] theta = new double[dim + 1]; // weights..., intercept last
    theta[dim] = Math.log(rate / (1 - rate));
    Objective f = new Objective(z, y, dim, regParam);
    minimise(f, theta, maxIter, tolerance);
    double[] w = new double[dim];
    for (int j = 0; j < dim; j++) {
      w[j] = theta[j] * inv[j];
    }
    return new LocalLogisticRegression(w, theta[dim]);
  }

  public double probability(LocalTfIdf.Sparse x) {
    double margin = intercept;
    for (int k = 0; k < x.indices().length; k++) {
      margin += weights[x.indices()[k]] * x.values()[k];
    }
    return 1 / (1 + Math.exp(-margin));
  }

  public double[] weights() {
    return weights.clone();
  }

  public double intercept() {
    return intercept;
  }

  /** Mean log-loss plus the L2 penalty on the weights (not the intercept) and its gradient. */
  private record Objective(LocalTfIdf.Sparse[] z, boolean[] y, int dim, double reg) {
    double value(double[] t, double[] grad) {
      java.util.Arrays.fill(grad, 0);
      double loss = 0;
      int n = z.length;
      for (int i = 0; i < n; i++) {
        double m = t[dim];
        int[] idx = z[i].indices();
        double[] v = z[i].values();
        for (int k = 0; k < idx.length; k++) {
          m += t[idx[k]] * v[k];
        }
        // log(1 + e^m) - y m, computed without overflow
        loss += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - (y[i] ? m : 0);
        double r = (1 / (1 + Math.exp(-m)) - (y[i] ? 1 : 0)) / n;
        for (int k = 0; k < idx.length; k++) {
          grad[idx[k]] += r * v[k];
        }
        grad[dim] += r;
      }
      loss /= n;
      for (int j = 0; j < dim; j++) {
        loss += 0.5 * reg * t[j] * t[j];
        grad[j] += reg * t[j];
      }
      return loss;
    }
  }

  /** L-BFGS with a backtracking (Armijo) line search; updates theta in place. */
  private static void minimise(Objective f, double[] theta, int maxIter, double tolerance) {
    int d = theta.length;
    double[] g = new double[d];
    double fx = f.value(theta, g);
    Deque<double[][]> history = new ArrayDeque<>(); // {s, y, {rho}}
    double[] next = new double[d];
    double[] gNext = new double[d];
    for (int iter = 0; iter < maxIter; iter++) {
      double[] dir = direction(g, history);
      double slope = dot(dir, g);
      if (slope >= 0) { // not a descent direction: restart from the gradient
        history.clear();
        dir = negate(g);
        slope = dot(dir, g);
      }
      if (slope == 0) {
        return;
      }
      double step = history.isEmpty() ? Math.min(1, 1 / Math.sqrt(dot(g, g))) : 1;
      double fNext;
      int tries = 0;
      while (true) {
        for (int k = 0; k < d; k++) {
          next[k] = theta[k] + step * dir[k];
        }
        fNext = f.value(next, gNext);
        if (fNext <= fx + 1e-4 * step * slope || ++tries > 40) {
          break;
        }
        step *= 0.5;
      }
      double[] s = new double[d];
      double[] yv = new double[d];
      for (int k = 0; k < d; k++) {
        s[k] = next[k] - theta[k];
        yv[k] = gNext[k] - g[k];
      }
      double sy = dot(s, yv);
      if (sy > 1e-12) {
        history.addLast(new double[][] {s, yv, {1 / sy}});
        if (history.size() > CORRECTIONS) {
          history.removeFirst();
        }
      }
      double improvement = (fx - fNext) / Math.max(Math.abs(fNext), 1e-12);
      System.arraycopy(next, 0, theta, 0, d);
      System.arraycopy(gNext, 0, g, 0, d);
      fx = fNext;
      if (improvement < tolerance) {
        return;
      }
    }
  }

  /** The two-loop recursion: -H g. */
  private static double[] direction(double[] g, Deque<double[][]> history) {
    double[] q = g.clone();
    double[] alpha = new double[history.size()];
    int i = history.size() - 1;
    for (var it = history.descendingIterator(); it.hasNext(); i--) {
      double[][] h = it.next();
      alpha[i] = h[2][0] * dot(h[0], q);
      axpy(-alpha[i], h[1], q);
    }
    if (!history.isEmpty()) {
      double[][] last = history.getLast();
      double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
      for (int k = 0; k < q.length; k++) {
        q[k] *= gamma;
      }
    }
    i = 0;
    for (double[][] h : history) {
      double beta = h[2][0] * dot(h[1], q);
      axpy(alpha[i] - beta, h[0], q);
      i++;
    }
    return negate(q);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int k = 0; k < x.length; k++) {
      y[k] += a * x[k];
    }
  }

  private static double[] negate(double[] v) {
    double[] out = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = -v[k];
    }
    return out;
  }
}
