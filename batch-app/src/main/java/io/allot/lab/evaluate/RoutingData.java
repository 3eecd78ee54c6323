package io.allot.lab.evaluate;

import io.allot.agreement.LabelledAnswers;
import java.util.List;

/**
 * Labelled routing rows: per query and model the realised score in [0,1] and dollar cost. A
 * missing cell is NaN, never 0.
 *
 * @param score row-major n x m
 * @param costUsd row-major n x m
 * @param missingCells score or cost cells that were empty in the file
 * @param answers row-major n x m answer texts; null cells (or a null array) where the file has none
 */
public record RoutingData(String source, List<String> models, String[] ids, String[] texts,
    double[] score, double[] costUsd, long missingCells, String[] answers) implements LabelledAnswers {

  /** Rows without answer texts. */
  public RoutingData(String source, List<String> models, String[] ids, String[] texts,
      double[] score, double[] costUsd, long missingCells) {
    this(source, models, ids, texts, score, costUsd, missingCells, null);
  }

  /** Model j's answer text on row i, or null when unknown. */
  public String answer(int i, int j) {
    return answers == null ? null : answers[i * models.size() + j];
  }

  public int rows() {
    return ids.length;
  }

  public int modelCount() {
    return models.size();
  }

  public double score(int i, int j) {
    return score[i * models.size() + j];
  }

  public double cost(int i, int j) {
    return costUsd[i * models.size() + j];
  }

  /** Whether every model has both a score and a cost for row i. */
  public boolean complete(int i) {
    for (int j = 0; j < models.size(); j++) {
      if (Double.isNaN(score(i, j)) || Double.isNaN(cost(i, j))) {
        return false;
      }
    }
    return true;
  }

  /** The given rows, in the given order; missingCells counts only the cells of those rows. */
  public RoutingData select(int[] rows, String label) {
    int m = models.size();
    String[] ids2 = new String[rows.length];
    String[] texts2 = new String[rows.length];
    double[] score2 = new double[rows.length * m];
    double[] cost2 = new double[rows.length * m];
    String[] answers2 = answers == null ? null : new String[rows.length * m];
    long missing = 0;
    for (int r = 0; r < rows.length; r++) {
      int i = rows[r];
      ids2[r] = ids[i];
      texts2[r] = texts[i];
      for (int j = 0; j < m; j++) {
        score2[r * m + j] = score(i, j);
        cost2[r * m + j] = cost(i, j);
        if (answers2 != null) {
          answers2[r * m + j] = answer(i, j);
        }
        missing += (Double.isNaN(score(i, j)) ? 1 : 0) + (Double.isNaN(cost(i, j)) ? 1 : 0);
      }
    }
    return new RoutingData(label, models, ids2, texts2, score2, cost2, missing, answers2);
  }
}
