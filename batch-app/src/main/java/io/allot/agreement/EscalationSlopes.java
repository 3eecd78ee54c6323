package io.allot.agreement;

import io.allot.spark.predict.GaussianPriorLogistic;
import java.util.function.IntToDoubleFunction;

/**
 * How a cascade's per-query P(disagree) moves with the night's quality estimates, fitted on labelled
 * history rows that were scored as the night's queries are and that the predictor never saw.
 *
 * <p>Why: the solver sends to a cascade the queries on which every model's estimate looks weak.
 * Where the first two models' estimates see that only in part (a model scored with its per-task
 * mean sees none of it), the assumed shape {@link QueryDisagreement#baseLogit} is too flat, and on
 * the queries the solver picks A and B disagree more often than planned. So the per-query logit is
 * {@code shape * logit(d0) + difficulty * h}, h the mean over the catalog's models of the logit of
 * their estimates ({@link #difficultyIndex}); the group's shift still sets each margin bin's level
 * to the bin's history rate.
 *
 * <p>The fit: a logistic regression of "A and B disagreed" on those two features with one
 * intercept per margin bin (the intercepts are not kept: the night levels each bin to its history
 * rate), maximum a posteriori under priors centred on the assumed shape, {@code shape ~ N(1, 1)} and
 * {@code difficulty ~ N(0, 1)}: with few rows the estimate stays near the assumed shape. The
 * posterior sd of each slope is kept: the plan's reserve charges it
 * ({@code CascadeColumns#planVariance}).
 *
 * @param shape the slope on logit(d0) (1: the assumed shape)
 * @param difficulty the slope on the difficulty index (0: none)
 * @param rows the history rows it was fitted on (0: not fitted, the assumed shape)
 * @param shapeError posterior standard deviation of {@code shape}
 * @param difficultyError posterior standard deviation of {@code difficulty}
 */
public record EscalationSlopes(double shape, double difficulty, int rows, double shapeError, double difficultyError) {
  /** The assumed shape: what runs before the fit used, and what a cascade without enough rows uses. */
  public static final EscalationSlopes ASSUMED = new EscalationSlopes(1, 0, 0, 0, 0);
  /**
   * Fewer usable rows than this (or no disagreement, or no agreement, among them): not fitted. Kept
   * low: with few rows the prior keeps the slopes near the assumed shape, and their posterior sd,
   * which the plan's reserve charges, is large.
   */
  static final int MIN_ROWS = 10;
  /** Prior standard deviation of both slopes around the assumed shape. */
  static final double PRIOR_SD = 1;
  /** Prior standard deviation of the per-bin intercepts (around 0: nearly free). */
  private static final double INTERCEPT_SD = 10;
  /** Estimates are kept within [EDGE, 1 - EDGE] for the difficulty index's logits. */
  private static final double EDGE = 1e-3;
  private static final int MAX_ITERATIONS = 50;

  /** The query's logit before its group's shift. */
  public double logit(double a, double b, double wrongAgree, double difficultyIndex) {
    return shape * QueryDisagreement.baseLogit(a, b, wrongAgree) + difficulty * difficultyIndex;
  }

  /** The mean over models 0..m-1 with an estimate of logit(estimate); 0 when none has one. */
  public static double difficultyIndex(IntToDoubleFunction estimate, int m) {
    double sum = 0;
    int n = 0;
    for (int j = 0; j < m; j++) {
      double q = estimate.applyAsDouble(j);
      if (!Double.isNaN(q)) {
        sum += QueryDisagreement.logit(Math.min(1 - EDGE, Math.max(EDGE, q)));
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /**
   * Fitted on the task's rows that are {@link HistoryAnswers#unseen()} and have estimates of the
   * cascade's first two models; {@link #ASSUMED} when too few.
   */
  static EscalationSlopes fit(AnswerPolicy.Cascade cascade, HistoryAnswers rows, String[] parsed, double[] edges,
      double wrongAgree) {
    int a = cascade.first()[0];
    int b = cascade.first()[1];
    int n = 0;
    for (int i = 0; i < rows.rows(); i++) {
      n += usable(rows, i, a, b) ? 1 : 0;
    }
    int groups = edges.length + 2;
    int p = groups + 2;
    double[][] x = new double[n][];
    double[] y = new double[n];
    int r = 0;
    double disagreements = 0;
    for (int i = 0; i < rows.rows(); i++) {
      if (!usable(rows, i, a, b)) {
        continue;
      }
      int row = i;
      double[] f = new double[p];
      f[OfferedCascade.bin(edges, rows.margin()[i]) + 1] = 1;
      f[groups] = QueryDisagreement.baseLogit(rows.estimate(i, a), rows.estimate(i, b), wrongAgree);
      f[groups + 1] = difficultyIndex(j -> rows.estimate(row, j), rows.modelCount());
      x[r] = f;
      y[r] = cascade.run(rows, parsed, i).called()[cascade.escalation()] ? 1 : 0;
      disagreements += y[r];
      r++;
    }
    if (n < MIN_ROWS || disagreements == 0 || disagreements == n) {
      return ASSUMED;
    }
    double[] prior = new double[p];
    double[] precision = new double[p];
    for (int k = 0; k < groups; k++) {
      precision[k] = 1 / (INTERCEPT_SD * INTERCEPT_SD);
    }
    prior[groups] = ASSUMED.shape;
    prior[groups + 1] = ASSUMED.difficulty;
    precision[groups] = 1 / (PRIOR_SD * PRIOR_SD);
    precision[groups + 1] = 1 / (PRIOR_SD * PRIOR_SD);
    GaussianPriorLogistic.Fit fit = GaussianPriorLogistic.fit(x, y, prior, precision, MAX_ITERATIONS);
    return new EscalationSlopes(fit.coefficients()[groups], fit.coefficients()[groups + 1], n,
        fit.posteriorSd(groups), fit.posteriorSd(groups + 1));
  }

  private static boolean usable(HistoryAnswers rows, int i, int a, int b) {
    return rows.unseen()[i] && !Double.isNaN(rows.estimate(i, a)) && !Double.isNaN(rows.estimate(i, b));
  }
}
