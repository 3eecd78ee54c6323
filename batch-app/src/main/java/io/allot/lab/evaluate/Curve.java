package io.allot.lab.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A cost-quality curve of realised outcomes: each point is one assignment of the test queries,
 * its total realised cost and its mean realised score.
 *
 * @param budgetUsd the (estimated-cost) budget the point was solved at; NaN for baselines
 */
public record Curve(String name, List<Point> points) {
  /** @param predictedAccuracy the plan's mean predicted quality (NaN for baselines) */
  public record Point(double budgetUsd, double costUsd, double accuracy, double predictedAccuracy) {
    public Point(double budgetUsd, double costUsd, double accuracy) {
      this(budgetUsd, costUsd, accuracy, Double.NaN);
    }
  }

  static Curve single(String name, double cost, double accuracy) {
    return new Curve(name, List.of(new Point(Double.NaN, cost, accuracy)));
  }

  /**
   * RouterBench's AIQ: the area under the non-decreasing upper hull of the points over
   * [lo, hi], divided by hi - lo. Below the curve's cheapest point the hull is 0 (nothing that
   * cheap was offered); above its dearest point it stays flat (spending more never has to hurt).
   * Mixing two assignments at random reaches any point on the segment between them, hence the
   * hull.
   */
  public double aiq(double lo, double hi) {
    if (!(hi > lo)) {
      return Double.NaN;
    }
    List<double[]> hull = nonDecreasingHull();
    double area = 0;
    for (int k = 0; k < hull.size(); k++) {
      double x0 = hull.get(k)[0];
      double y0 = hull.get(k)[1];
      double x1 = k + 1 < hull.size() ? hull.get(k + 1)[0] : hi;
      double y1 = k + 1 < hull.size() ? hull.get(k + 1)[1] : y0;
      area += segment(x0, y0, x1, y1, lo, hi);
    }
    return area / (hi - lo);
  }

  /** Upper concave hull, cut to its rising part and then held flat at its best accuracy. */
  List<double[]> nonDecreasingHull() {
    List<double[]> pts = new ArrayList<>();
    for (Point p : points) {
      pts.add(new double[] {p.costUsd(), p.accuracy()});
    }
    pts.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> -p[1]));
    List<double[]> hull = new ArrayList<>();
    for (double[] p : pts) {
      if (!hull.isEmpty() && hull.get(hull.size() - 1)[0] == p[0]) {
        continue; // same cost, lower accuracy (sorted)
      }
      while (hull.size() >= 2 && cross(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p) >= 0) {
        hull.remove(hull.size() - 1);
      }
      hull.add(p);
    }
    int best = 0;
    for (int k = 1; k < hull.size(); k++) {
      if (hull.get(k)[1] > hull.get(best)[1]) {
        best = k;
      }
    }
    return new ArrayList<>(hull.subList(0, best + 1));
  }

  private static double cross(double[] o, double[] a, double[] b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  }

  /** Area under the line (x0,y0)-(x1,y1) clipped to [lo, hi]. */
  private static double segment(double x0, double y0, double x1, double y1, double lo, double hi) {
    double a = Math.max(x0, lo);
    double b = Math.min(x1, hi);
    if (b <= a) {
      return 0;
    }
    double slope = x1 > x0 ? (y1 - y0) / (x1 - x0) : 0;
    double ya = y0 + slope * (a - x0);
    double yb = y0 + slope * (b - x0);
    return (ya + yb) / 2 * (b - a);
  }

  /** The cheapest point reaching the accuracy, or null. */
  Point cheapestReaching(double accuracy) {
    Point best = null;
    for (Point p : points) {
      if (p.accuracy() >= accuracy - 1e-12 && (best == null || p.costUsd() < best.costUsd())) {
        best = p;
      }
    }
    return best;
  }

  /** The best accuracy among points costing at most the amount, or null when none does. */
  Double bestAccuracyWithin(double costUsd) {
    Double best = null;
    for (Point p : points) {
      if (p.costUsd() <= costUsd + 1e-12 && (best == null || p.accuracy() > best)) {
        best = p.accuracy();
      }
    }
    return best;
  }
}
