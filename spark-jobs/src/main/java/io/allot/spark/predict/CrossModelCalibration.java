package io.allot.spark.predict;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * A second calibration stage across models: model j's estimate becomes
 * {@code sigmoid(a_j + b_j * logit(p_j) + c_j * mean_k logit(p_k))}, with the coefficients
 * fitted on labelled queries the predictor never saw (the trainPredictor test share).
 *
 * <p>Why: each model's isotonic map makes its estimate right on average over the queries, but
 * the solver does not pick queries at random. It gives a query to the model whose estimate stands
 * out from the other models' estimates of the same query, and where one estimate stands out it is
 * more often that estimate's own error. Calibrating each estimate on the whole vector of
 * estimates (here through their mean logit) makes it right given what the solver selects on. The
 * identity (a = 0, b = 1, c = 0) is the starting point, and a weak penalty {@link #PULL} pulls
 * b and c toward it, so a model with few rows or collinear estimates keeps its first-stage
 * estimate.
 */
public final class CrossModelCalibration {
  /** Estimates are clipped to [EPS, 1 - EPS] before the logit. */
  static final double EPS = 1e-4;
  /** L2 pull of b toward 1 and c toward 0, in units of the summed log-loss (a tiny one on a toward 0). */
  static final double PULL = 5.0;
  private static final double[] PENALTY = {1e-4, PULL, PULL};
  private static final double[] PRIOR = {0, 1, 0};
  private static final int MAX_ITERATIONS = 100;
  /** A model with fewer labelled rows (or only one class) keeps the identity. */
  public static final int MIN_ROWS = 100;

  /** One model's coefficients; the identity is (0, 1, 0). */
  public record Coefficients(double intercept, double own, double meanLogit) {
    static final Coefficients IDENTITY = new Coefficients(0, 1, 0);

    boolean isIdentity() {
      return equals(IDENTITY);
    }
  }

  private final List<Coefficients> perModel;

  public CrossModelCalibration(List<Coefficients> perModel) {
    this.perModel = List.copyOf(perModel);
  }

  public static CrossModelCalibration identity(int models) {
    return new CrossModelCalibration(java.util.Collections.nCopies(models, Coefficients.IDENTITY));
  }

  public List<Coefficients> coefficients() {
    return perModel;
  }

  public boolean isIdentity() {
    return perModel.stream().allMatch(Coefficients::isIdentity);
  }

  /**
   * Fits every model's coefficients.
   *
   * @param estimates per row, the first-stage estimates of every model (model order)
   * @param correct per row and model: 1 or 0, NaN where the model has no outcome for the row
   */
  public static CrossModelCalibration fit(List<double[]> estimates, List<double[]> correct) {
    int m = estimates.isEmpty() ? 0 : estimates.get(0).length;
    List<Coefficients> out = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      List<double[]> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int i = 0; i < estimates.size(); i++) {
        double yij = correct.get(i)[j];
        if (!Double.isNaN(yij)) {
          x.add(new double[] {logit(estimates.get(i)[j]), meanLogit(estimates.get(i))});
          y.add(yij);
        }
      }
      out.add(fitOne(x, y));
    }
    return new CrossModelCalibration(out);
  }

  /** The calibrated estimates of one row (model order). */
  public double[] apply(double[] estimates) {
    double mean = meanLogit(estimates);
    double[] out = new double[estimates.length];
    for (int j = 0; j < estimates.length; j++) {
      Coefficients c = perModel.get(j);
      out[j] = c.isIdentity() ? estimates[j]
          : sigmoid(c.intercept() + c.own() * logit(estimates[j]) + c.meanLogit() * mean);
    }
    return out;
  }

  /** The same as {@link #apply(double[])} as a Spark expression on an array column of estimates. */
  public Column apply(Column estimates) {
    int m = perModel.size();
    Column[] logits = new Column[m];
    Column sum = lit(0.0);
    for (int j = 0; j < m; j++) {
      Column p = least(greatest(element_at(estimates, j + 1), lit(EPS)), lit(1 - EPS));
      logits[j] = log(p.divide(lit(1.0).minus(p)));
      sum = sum.plus(logits[j]);
    }
    Column mean = sum.divide(lit((double) m));
    Column[] out = new Column[m];
    for (int j = 0; j < m; j++) {
      Coefficients c = perModel.get(j);
      out[j] = c.isIdentity() ? element_at(estimates, j + 1)
          : lit(1.0).divide(lit(1.0).plus(exp(lit(-c.intercept()).minus(logits[j].multiply(c.own()))
              .minus(mean.multiply(c.meanLogit())))));
    }
    return array(out);
  }

  /** The penalised logistic regression of y on (1, x0, x1), started at and pulled toward the identity. */
  static Coefficients fitOne(List<double[]> x, List<Double> y) {
    int n = x.size();
    double positives = y.stream().mapToDouble(Double::doubleValue).sum();
    if (n < MIN_ROWS || positives == 0 || positives == n) {
      return Coefficients.IDENTITY;
    }
    double[][] rows = new double[n][];
    double[] outcomes = new double[n];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {1, x.get(i)[0], x.get(i)[1]};
      outcomes[i] = y.get(i);
    }
    double[] w = GaussianPriorLogistic.fit(rows, outcomes, PRIOR, PENALTY, MAX_ITERATIONS).coefficients();
    return Arrays.stream(w).allMatch(Double::isFinite) ? new Coefficients(w[0], w[1], w[2]) : Coefficients.IDENTITY;
  }

  static double logit(double p) {
    double q = Math.min(Math.max(p, EPS), 1 - EPS);
    return Math.log(q / (1 - q));
  }

  static double meanLogit(double[] estimates) {
    double s = 0;
    for (double p : estimates) {
      s += logit(p);
    }
    return s / estimates.length;
  }

  static double sigmoid(double z) {
    return GaussianPriorLogistic.sigmoid(z);
  }
}
