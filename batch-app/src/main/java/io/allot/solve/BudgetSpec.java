package io.allot.solve;

import java.util.Locale;

/**
 * A run's budget: a dollar amount, or a share of the range between the cheapest assignment and
 * the one that takes each query's best-quality option, which adapts to the night's volume.
 */
public record BudgetSpec(double dollars, double share, boolean isShare) {

  public static BudgetSpec parse(String text) {
    String t = text == null ? "" : text.trim();
    try {
      if (t.endsWith("%")) {
        double p = Double.parseDouble(t.substring(0, t.length() - 1).trim());
        if (!(p >= 0 && p <= 100)) {
          throw new IllegalArgumentException("budget " + text + " must be a share between 0% and 100%");
        }
        return new BudgetSpec(Double.NaN, p / 100, true);
      }
      double d = Double.parseDouble(t.startsWith("$") ? t.substring(1) : t);
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("budget " + text + " must be a dollar amount >= 0");
      }
      return new BudgetSpec(d, Double.NaN, false);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("budget '" + text + "' is neither a dollar amount (e.g. 250) nor a share (e.g. 30%)");
    }
  }

  /** Dollars, given the night's cheapest and best-quality assignment costs. */
  public double resolve(double cheapestUsd, double bestQualityUsd) {
    return isShare ? cheapestUsd + share * Math.max(0, bestQualityUsd - cheapestUsd) : dollars;
  }

  @Override
  public String toString() {
    return isShare ? String.format(Locale.ROOT, "%.4g%%", share * 100) : String.format(Locale.ROOT, "$%.2f", dollars);
  }
}
