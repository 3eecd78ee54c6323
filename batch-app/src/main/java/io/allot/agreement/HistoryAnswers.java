package io.allot.agreement;

import java.util.ArrayList;
import java.util.List;

/**
 * Labelled history for cascade options: per history query its task, whether it is in the held-out
 * part, and per catalog model (columns in catalog order) the outcome's score, cost and answer text.
 * A cell without an outcome is NaN (score, cost) or null (answer).
 *
 * @param heldOut true for the rows that validate the cascades chosen on the others
 * @param margin per row the small model's first-token margin from the query log (NaN: none)
 * @param estimate per row and model the quality estimate the score step gives the row, scored as
 *     tonight's queries are (NaN: none)
 * @param unseen per row whether its estimates are out of the predictor's sample (the predictor's
 *     test share and the nights after its training data, or every row when the run scores without
 *     a predictor)
 */
public record HistoryAnswers(List<String> models, String[] tasks, boolean[] heldOut, double[] score,
    double[] cost, String[] answers, double[] margin, double[] estimate, boolean[] unseen) implements LabelledAnswers {

  public HistoryAnswers {
    int n = tasks.length;
    int m = models.size();
    if (heldOut.length != n || margin.length != n || score.length != n * m || cost.length != n * m || answers.length != n * m
        || estimate.length != n * m || unseen.length != n) {
      throw new IllegalArgumentException("history columns differ in length");
    }
  }

  /** Rows without estimates. */
  public HistoryAnswers(List<String> models, String[] tasks, boolean[] heldOut, double[] score, double[] cost,
      String[] answers, double[] margin) {
    this(models, tasks, heldOut, score, cost, answers, margin, nan(score.length), new boolean[tasks.length]);
  }

  private static double[] nan(int n) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, Double.NaN);
    return out;
  }

  /** Model j's estimate on row i (NaN: none). */
  public double estimate(int i, int j) {
    return estimate[i * models.size() + j];
  }

  @Override
  public int rows() {
    return tasks.length;
  }

  @Override
  public int modelCount() {
    return models.size();
  }

  @Override
  public double score(int i, int j) {
    return score[i * models.size() + j];
  }

  @Override
  public double cost(int i, int j) {
    return cost[i * models.size() + j];
  }

  @Override
  public String answer(int i, int j) {
    return answers[i * models.size() + j];
  }

  /** Whether every model has a score, a cost and an answer on row i. */
  public boolean complete(int i) {
    for (int j = 0; j < models.size(); j++) {
      if (Double.isNaN(score(i, j)) || Double.isNaN(cost(i, j)) || answer(i, j) == null) {
        return false;
      }
    }
    return true;
  }

  /** The complete rows of a task, in row order. */
  public HistoryAnswers completeRowsOf(String task) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < tasks.length; i++) {
      if (tasks[i].equals(task) && complete(i)) {
        rows.add(i);
      }
    }
    int m = models.size();
    int k = rows.size();
    String[] t = new String[k];
    boolean[] h = new boolean[k];
    double[] s = new double[k * m];
    double[] c = new double[k * m];
    String[] a = new String[k * m];
    double[] g = new double[k];
    double[] e = new double[k * m];
    boolean[] u = new boolean[k];
    for (int r = 0; r < k; r++) {
      int i = rows.get(r);
      t[r] = tasks[i];
      h[r] = heldOut[i];
      g[r] = margin[i];
      u[r] = unseen[i];
      System.arraycopy(score, i * m, s, r * m, m);
      System.arraycopy(cost, i * m, c, r * m, m);
      System.arraycopy(answers, i * m, a, r * m, m);
      System.arraycopy(estimate, i * m, e, r * m, m);
    }
    return new HistoryAnswers(models, t, h, s, c, a, g, e, u);
  }

  /** Indexes of the rows whose held-out flag equals {@code held}. */
  public int[] part(boolean held) {
    int k = 0;
    for (boolean b : heldOut) {
      k += b == held ? 1 : 0;
    }
    int[] out = new int[k];
    int r = 0;
    for (int i = 0; i < heldOut.length; i++) {
      if (heldOut[i] == held) {
        out[r++] = i;
      }
    }
    return out;
  }
}
