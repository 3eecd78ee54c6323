package io.allot.cascade;

/**
 * Labelled outcomes of the small model from history, with the query's uncertainty features.
 * Outcomes of queries that had no margin cannot inform a margin calibration: they are counted
 * in {@code withoutMargin} and left out of the arrays.
 */
public record SmallModelOutcomes(String[] queryIds, double[] margin, double[] meanLogprob, double[] score,
    long withoutMargin) {

  public SmallModelOutcomes {
    int n = queryIds.length;
    if (margin.length != n || meanLogprob.length != n || score.length != n) {
      throw new IllegalArgumentException("labelled small-model columns differ in length");
    }
  }

  public int size() {
    return queryIds.length;
  }

  /** Rows whose held-out flag equals {@code heldOut}. */
  SmallModelOutcomes part(boolean[] isHeldOut, boolean heldOut) {
    int k = 0;
    for (boolean b : isHeldOut) {
      k += b == heldOut ? 1 : 0;
    }
    String[] ids = new String[k];
    double[] mg = new double[k];
    double[] ml = new double[k];
    double[] sc = new double[k];
    int r = 0;
    for (int i = 0; i < size(); i++) {
      if (isHeldOut[i] == heldOut) {
        ids[r] = queryIds[i];
        mg[r] = margin[i];
        ml[r] = meanLogprob[i];
        sc[r] = score[i];
        r++;
      }
    }
    return new SmallModelOutcomes(ids, mg, ml, sc, 0);
  }
}
