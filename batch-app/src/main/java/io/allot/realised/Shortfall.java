package io.allot.realised;

import java.util.List;

/**
 * How far a run's realised quality fell short of its prediction, on the queries with outcomes
 * (means weighted by those queries). A run is flagged when the shortfall exceeds the margin
 * ({@code allot.realised.shortfall-margin}); one without outcomes never is.
 */
public record Shortfall(double predicted, double realised, long queries, double margin) {

  public static Shortfall of(List<RealisedComparison.Cell> cells, double margin) {
    long n = 0;
    double predicted = 0;
    double realised = 0;
    for (RealisedComparison.Cell c : cells) {
      if (c.queriesWithOutcomes() > 0) {
        n += c.queriesWithOutcomes();
        predicted += c.predictedQualityObserved() * c.queriesWithOutcomes();
        realised += c.realisedQuality() * c.queriesWithOutcomes();
      }
    }
    return n == 0 ? new Shortfall(Double.NaN, Double.NaN, 0, margin)
        : new Shortfall(predicted / n, realised / n, n, margin);
  }

  /** Predicted minus realised quality (positive: the plan promised more than was served). */
  public double amount() {
    return predicted - realised;
  }

  public boolean flagged() {
    return queries > 0 && amount() > margin;
  }
}
