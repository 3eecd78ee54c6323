package io.allot.lab.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The two-tier cascade with a known small-model answer: keep the small model's answer, except on
 * the share t of queries where it is least likely right (malformed answers first, then by the
 * small model's estimated P(correct)), which go to the model most accurate on the train part.
 * One point per t = 0, 0.1, ..., 1; the small model is charged on every query.
 */
final class TwoTierCurve {
  private TwoTierCurve() {}

  static Curve of(RoutingData test, String[] parsed, double[] p, int small, int escalateTo) {
    int n = test.rows();
    int m = test.modelCount();
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) ->
        parsed != null && parsed[i * m + small] == null ? -1 : p[i * m + small]));
    List<Curve.Point> points = new ArrayList<>();
    for (int step = 0; step <= 10; step++) {
      int escalated = (int) Math.round(step / 10.0 * n);
      double cost = 0;
      double score = 0;
      double predicted = 0;
      for (int r = 0; r < n; r++) {
        int i = order[r];
        cost += test.cost(i, small);
        int j = r < escalated ? escalateTo : small;
        cost += j == small ? 0 : test.cost(i, j);
        score += test.score(i, j);
        predicted += p[i * m + j];
      }
      points.add(new Curve.Point(Double.NaN, cost, score / n, predicted / n));
    }
    return new Curve(RoutingPlans.TWO_TIER, points);
  }
}
