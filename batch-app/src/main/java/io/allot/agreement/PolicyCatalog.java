package io.allot.agreement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which cascades and votes are offered to the solver, chosen on the training rows only: every
 * cascade (two or three first models that must agree, one escalation model) and every
 * three-member vote is played on the complete training rows, and those not dominated (cheaper or equal and at least as accurate, one strictly) by a
 * single model or another policy are kept, at most {@link #MAX_OFFERED} spread evenly over their
 * costs. The test rows never take part in the choice.
 */
public final class PolicyCatalog {
  public static final int MAX_OFFERED = 12;
  /** Cascades ask two to this many models to agree before keeping their answer. */
  public static final int MAX_AGREEING = 3;

  private PolicyCatalog() {}

  /**
   * @param rows the complete training rows
   * @param cascades offer cascades; @param votes offer three-member votes
   * @param free a model whose answer is known on every query for free (its cost is charged
   *     outside the options), or -1
   */
  public static List<PolicyEstimate> choose(LabelledAnswers train, String[] parsed, int[] rows,
      boolean cascades, boolean votes, int free) {
    return choose(train, parsed, rows, cascades, votes, free, MAX_AGREEING, MAX_OFFERED);
  }

  /**
   * The same with other limits: cascades ask two to {@code maxAgreeing} models to agree, and at
   * most {@code maxOffered} policies are kept (the nightly job keeps fewer per task).
   */
  public static List<PolicyEstimate> choose(LabelledAnswers train, String[] parsed, int[] rows,
      boolean cascades, boolean votes, int free, int maxAgreeing, int maxOffered) {
    int m = train.modelCount();
    List<PolicyEstimate> candidates = new ArrayList<>();
    double[] accuracy = new double[m];
    double[] cost = new double[m];
    for (int i : rows) {
      for (int j = 0; j < m; j++) {
        accuracy[j] += train.score(i, j) / rows.length;
        cost[j] += (j == free ? 0 : train.cost(i, j)) / rows.length;
      }
    }
    if (cascades) {
      // More models that must agree: fewer agreements, but an agreed answer is more often right.
      for (int k = 2; k <= maxAgreeing; k++) {
        for (int[] first : combinations(m, k)) {
          for (int c = 0; c < m; c++) {
            if (!contains(first, c)) {
              candidates.add(PolicyEstimate.of(new AnswerPolicy.Cascade(first, c), train, parsed,
                  rows));
            }
          }
        }
      }
    }
    if (votes) {
      Integer[] byAccuracy = new Integer[m];
      for (int j = 0; j < m; j++) {
        byAccuracy[j] = j;
      }
      java.util.Arrays.sort(byAccuracy, Comparator.comparingDouble((Integer j) -> -accuracy[j]));
      for (int x = 0; x < m; x++) {
        for (int y = x + 1; y < m; y++) {
          for (int z = y + 1; z < m; z++) {
            int[] members = {byAccuracy[x], byAccuracy[y], byAccuracy[z]};
            candidates.add(PolicyEstimate.of(new AnswerPolicy.Vote(members), train, parsed, rows));
          }
        }
      }
    }
    double[] pcost = new double[candidates.size()];
    for (int k = 0; k < pcost.length; k++) {
      pcost[k] = candidates.get(k).expectedCost(cost, -1);
    }
    List<PolicyEstimate> kept = new ArrayList<>();
    for (int k = 0; k < pcost.length; k++) {
      double acc = candidates.get(k).quality();
      boolean dominated = false;
      for (int j = 0; j < m && !dominated; j++) {
        dominated = dominates(cost[j], accuracy[j], pcost[k], acc);
      }
      for (int l = 0; l < pcost.length && !dominated; l++) {
        dominated = l != k && dominates(pcost[l], candidates.get(l).quality(), pcost[k], acc);
      }
      if (!dominated) {
        kept.add(candidates.get(k));
      }
    }
    kept.sort(Comparator.comparingDouble((PolicyEstimate p) -> p.expectedCost(cost, -1)));
    return spread(kept, maxOffered);
  }

  /** At most {@code max} of the list (sorted by cost), spread evenly over it, ends included. */
  public static <T> List<T> spread(List<T> byCost, int max) {
    if (byCost.size() <= max) {
      return byCost;
    }
    List<T> out = new ArrayList<>();
    for (int k = 0; k < max; k++) {
      out.add(byCost.get(max == 1 ? 0 : (int) Math.round(k * (byCost.size() - 1.0) / (max - 1))));
    }
    return out;
  }

  /** All k-subsets of 0..m-1, each ascending. */
  public static List<int[]> combinations(int m, int k) {
    List<int[]> out = new ArrayList<>();
    int[] c = new int[k];
    for (int i = 0; i < k; i++) {
      c[i] = i;
    }
    while (k <= m) {
      out.add(c.clone());
      int i = k - 1;
      while (i >= 0 && c[i] == m - k + i) {
        i--;
      }
      if (i < 0) {
        break;
      }
      c[i]++;
      for (int r = i + 1; r < k; r++) {
        c[r] = c[r - 1] + 1;
      }
    }
    return out;
  }

  private static boolean contains(int[] a, int x) {
    for (int v : a) {
      if (v == x) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether (c1, a1) is at most as dear and at least as accurate as (c2, a2), one strictly. Means
   * summed in different orders differ in the last bits, so differences below {@link #TIE} count as
   * ties: a cascade that always escalates to C ties C's accuracy and is dominated by C alone.
   */
  public static boolean dominates(double c1, double a1, double c2, double a2) {
    boolean cheaper = c1 < c2 - TIE * Math.max(Math.abs(c1), Math.abs(c2));
    boolean better = a1 > a2 + TIE;
    return (cheaper || c1 <= c2 + TIE * Math.max(Math.abs(c1), Math.abs(c2))) && (better || a1 >= a2 - TIE)
        && (cheaper || better);
  }

  /** Relative (cost) and absolute (accuracy) tolerance of {@link #dominates}. */
  static final double TIE = 1e-9;
}
