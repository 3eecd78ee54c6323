package io.allot.lab.evaluate;

import io.allot.agreement.PolicyEstimate;
import java.util.List;

/**
 * With {@code --small-model}, the small model's answer on each query is known before planning.
 * Whether it is well-formed (parses) splits the queries into two groups; every estimate is then
 * moved to its group's training figures: a single model's P(correct) by the difference between
 * its accuracy in the group and overall (the small model itself mostly: a malformed answer is
 * rarely right), a cascade's or vote's quality to its training mean within the group.
 */
final class SmallModelSignal {
  /** Fewer training rows in a group than this keep the overall figures. */
  static final int MIN_GROUP_ROWS = 5;
  private final int small;
  /** [group][model] accuracy shift; [group][policy] quality. */
  private final double[][] shift;
  private final double[][] policyQuality;

  private SmallModelSignal(int small, double[][] shift, double[][] policyQuality) {
    this.small = small;
    this.shift = shift;
    this.policyQuality = policyQuality;
  }

  static SmallModelSignal fit(RoutingData train, String[] parsed, int small,
      List<PolicyEstimate> policies) {
    int m = train.modelCount();
    int[][] rows = new int[2][];
    rows[0] = java.util.stream.IntStream.range(0, train.rows())
        .filter(i -> parsed[i * m + small] == null).toArray();
    rows[1] = java.util.stream.IntStream.range(0, train.rows())
        .filter(i -> parsed[i * m + small] != null).toArray();
    double[] overall = new double[m];
    for (int i = 0; i < train.rows(); i++) {
      for (int j = 0; j < m; j++) {
        overall[j] += train.score(i, j) / train.rows();
      }
    }
    double[][] shift = new double[2][m];
    double[][] pq = new double[2][policies.size()];
    for (int g = 0; g < 2; g++) {
      boolean enough = rows[g].length >= MIN_GROUP_ROWS;
      for (int j = 0; j < m && enough; j++) {
        double acc = 0;
        for (int i : rows[g]) {
          acc += train.score(i, j) / rows[g].length;
        }
        shift[g][j] = acc - overall[j];
      }
      for (int k = 0; k < policies.size(); k++) {
        pq[g][k] = enough ? PolicyEstimate.of(policies.get(k).policy(), train, parsed, rows[g]).quality()
            : policies.get(k).quality();
      }
    }
    return new SmallModelSignal(small, shift, pq);
  }

  /** The estimates (n x m) moved by the group of each test row. */
  double[] adjust(double[] p, String[] parsedTest, int n) {
    int m = p.length / n;
    double[] out = new double[p.length];
    for (int i = 0; i < n; i++) {
      int g = parsedTest[i * m + small] == null ? 0 : 1;
      for (int j = 0; j < m; j++) {
        out[i * m + j] = Math.max(0, Math.min(1, p[i * m + j] + shift[g][j]));
      }
    }
    return out;
  }

  /** Per test row and policy (n x policies) the group's training quality. */
  double[] policyQuality(String[] parsedTest, int n) {
    int k = policyQuality[0].length;
    int m = parsedTest.length / n;
    double[] out = new double[n * k];
    for (int i = 0; i < n; i++) {
      int g = parsedTest[i * m + small] == null ? 0 : 1;
      System.arraycopy(policyQuality[g], 0, out, i * k, k);
    }
    return out;
  }
}
