package io.allot.agreement;

import java.util.function.IntToDoubleFunction;

/**
 * One cascade offered to the night's solve for one task: call {@code first} and {@code second};
 * keep their answer when the parsed answers agree, else call {@code escalation}. Indexes are
 * catalog positions. The figures are means over the task's labelled history rows.
 *
 * <p>Per query, P(disagree) and the quality also depend on the query's small-model margin (from
 * its log line): the task's rows are cut at {@code marginEdges} into bins, each bin's figures
 * shrunk toward the task's ({@link CascadeChoice#BIN_PSEUDO_ROWS}). Why: the solver picks a
 * cascade where the single models look weak, i.e. on the harder queries, where the models also
 * disagree more often; one task-wide rate would understate those queries' cost.
 *
 * @param callRate per catalog model, the share of the history rows on which the cascade called it
 *     (1 for the first two, P(disagree) for the escalation), over all of the task's rows
 * @param quality expected quality per query: P(agree and right) + P(disagree and the escalation right)
 * @param rows history rows the figures come from (train and held-out parts)
 * @param heldOutQuality the cascade's mean score on the held-out part
 * @param heldOutCostUsd its mean realised cost there (the free model not charged)
 * @param marginEdges ascending cut points of the margin bins (empty: one bin, the task's figures)
 * @param binDisagree per bin (marginEdges.length + 1 of them) the shrunk P(disagree)
 * @param binQuality per bin the shrunk quality
 * @param wrongAgree P(the parsed answers agree | first and second both wrong, score below 0.5) over
 *     the task's rows (0 without such rows): the answer space's chance of agreeing on a wrong answer,
 *     which {@link QueryDisagreement} uses to turn per-query quality estimates into P(disagree)
 * @param binRows per bin the history rows its figures come from (null in files pinned before it
 *     was kept: then the task's rows are spread evenly over the bins)
 * @param slopes how the per-query P(disagree) moves with the night's estimates, fitted on the
 *     history ({@link EscalationSlopes}; null in files pinned before it was fitted: the assumed shape)
 */
public record OfferedCascade(String task, String optionId, int first, int second, int escalation,
    String format, double[] callRate, double quality, int rows, double heldOutQuality,
    double heldOutCostUsd, double[] marginEdges, double[] binDisagree, double[] binQuality, double wrongAgree,
    double[] binRows, EscalationSlopes slopes) {

  /** The slopes the night's per-query P(disagree) uses. */
  public EscalationSlopes escalationSlopes() {
    return slopes == null ? EscalationSlopes.ASSUMED : slopes;
  }

  /** The cascade's members in role order: first, second, escalation. */
  public int[] members() {
    return new int[] {first, second, escalation};
  }

  /** The margin's bin, or -1 for a query without one (it gets the task's figures). */
  public int bin(double margin) {
    return bin(marginEdges, margin);
  }

  /** Bin b holds the margins in (edges[b - 1], edges[b]]; -1 without a margin or edges. */
  static int bin(double[] edges, double margin) {
    if (Double.isNaN(margin) || edges.length == 0) {
      return -1;
    }
    int b = 0;
    while (b < edges.length && margin > edges[b]) {
      b++;
    }
    return b;
  }

  /** P(disagree) of the history rows in the margin's bin, shrunk (the task's for a query without margin). */
  public double disagreeRate(double margin) {
    return binDisagreeRate(bin(margin));
  }

  /** P(disagree) of bin b's history rows, shrunk; the task's for b = -1. */
  public double binDisagreeRate(int b) {
    return b < 0 ? callRate[escalation] : binDisagree[b];
  }

  /**
   * Standard error of {@link #binDisagreeRate(int)} as an estimate from its rows: sqrt(n r (1 - r))
   * / (n + k) for a bin's shrunk rate (the task's figure it is shrunk toward taken as known),
   * sqrt(r (1 - r) / rows) for the task's.
   */
  public double binDisagreeError(int b) {
    double r = binDisagreeRate(b);
    if (b < 0) {
      return Math.sqrt(r * (1 - r) / Math.max(1, rows));
    }
    double n = binRows == null ? (double) rows / binDisagree.length : binRows[b];
    return Math.sqrt(n * r * (1 - r)) / (n + CascadeChoice.BIN_PSEUDO_ROWS);
  }

  /** How often model j is called on a query whose P(disagree) is {@code disagree}. */
  public double callRate(int j, double disagree) {
    return j == escalation ? disagree : callRate[j];
  }

  /** Expected quality on a query with this margin. */
  public double quality(double margin) {
    int b = bin(margin);
    return b < 0 ? quality : binQuality[b];
  }

  /**
   * Expected cost on a query whose per-model costs are {@code cost(j)} and whose P(disagree) is
   * {@code disagree}: the call rates times the costs, the {@code free} model (its answer already in
   * the log, or -1) not charged.
   */
  public double expectedCost(IntToDoubleFunction cost, int free, double disagree) {
    double c = 0;
    for (int j : members()) {
      c += j == free ? 0 : callRate(j, disagree) * cost.applyAsDouble(j);
    }
    return c;
  }

  /** Variance of that cost, each call happening with its rate, independently. */
  public double costVariance(IntToDoubleFunction cost, int free, double disagree) {
    double v = 0;
    for (int j : members()) {
      double c = j == free ? 0 : cost.applyAsDouble(j);
      double r = callRate(j, disagree);
      v += r * (1 - r) * c * c;
    }
    return v;
  }
}
