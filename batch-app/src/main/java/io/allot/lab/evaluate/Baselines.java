package io.allot.lab.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Curves that need no predictor: each single model, a random mix, and the oracle. */
final class Baselines {
  private Baselines() {}

  /** One point per model: all test queries sent to it. */
  static List<Curve> singles(RoutingData test) {
    List<Curve> out = new ArrayList<>();
    for (int j = 0; j < test.modelCount(); j++) {
      double cost = 0;
      double score = 0;
      for (int i = 0; i < test.rows(); i++) {
        cost += test.cost(i, j);
        score += test.score(i, j);
      }
      out.add(Curve.single(test.models().get(j), cost, score / test.rows()));
    }
    return out;
  }

  /** The most accurate single model; among equals the cheaper one (a user would pick it). */
  static Curve best(List<Curve> singles) {
    Curve best = null;
    for (Curve c : singles) {
      Curve.Point p = c.points().get(0);
      if (best == null || p.accuracy() > best.points().get(0).accuracy() + 1e-12
          || (Math.abs(p.accuracy() - best.points().get(0).accuracy()) <= 1e-12
              && p.costUsd() < best.points().get(0).costUsd())) {
        best = c;
      }
    }
    return best;
  }

  static Curve cheapest(List<Curve> singles) {
    Curve cheapest = singles.get(0);
    for (Curve c : singles) {
      if (c.points().get(0).costUsd() < cheapest.points().get(0).costUsd()) {
        cheapest = c;
      }
    }
    return cheapest;
  }

  /**
   * Each query goes to the best single model with probability alpha, else to the cheapest one
   * (alpha = 0, 0.1, ..., 1; fixed seed): RouterBench's zero-knowledge router between the two.
   */
  static Curve randomMix(RoutingData test, int cheapest, int best, long seed) {
    List<Curve.Point> points = new ArrayList<>();
    for (int step = 0; step <= 10; step++) {
      double alpha = step / 10.0;
      Random rnd = new Random(seed + step);
      double cost = 0;
      double score = 0;
      for (int i = 0; i < test.rows(); i++) {
        int j = rnd.nextDouble() < alpha ? best : cheapest;
        cost += test.cost(i, j);
        score += test.score(i, j);
      }
      points.add(new Curve.Point(Double.NaN, cost, score / test.rows()));
    }
    return new Curve("random mix", points);
  }

  /**
   * The oracle knows every realised outcome. It starts from each query's cheapest call, then
   * upgrades the wrong ones to their cheapest right model, cheapest upgrade first; the last point
   * is "the cheapest right model wherever one exists".
   */
  static Curve oracle(RoutingData test) {
    int n = test.rows();
    double cost = 0;
    double score = 0;
    List<double[]> upgrades = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int cheapest = 0;
      int cheapestRight = 0; // the highest score, the cheapest among equals
      for (int j = 1; j < test.modelCount(); j++) {
        if (test.cost(i, j) < test.cost(i, cheapest)) {
          cheapest = j;
        }
        double s = test.score(i, j);
        double r = test.score(i, cheapestRight);
        if (s > r || (s == r && test.cost(i, j) < test.cost(i, cheapestRight))) {
          cheapestRight = j;
        }
      }
      cost += test.cost(i, cheapest);
      score += test.score(i, cheapest);
      if (test.score(i, cheapestRight) > test.score(i, cheapest)) {
        upgrades.add(new double[] {test.cost(i, cheapestRight) - test.cost(i, cheapest),
            test.score(i, cheapestRight) - test.score(i, cheapest)});
      }
    }
    upgrades.sort((a, b) -> Double.compare(a[0] / a[1], b[0] / b[1]));
    List<Curve.Point> points = new ArrayList<>();
    points.add(new Curve.Point(Double.NaN, cost, score / n));
    int stride = Math.max(1, upgrades.size() / 40);
    for (int k = 0; k < upgrades.size(); k++) {
      cost += upgrades.get(k)[0];
      score += upgrades.get(k)[1];
      if ((k + 1) % stride == 0 || k == upgrades.size() - 1) {
        points.add(new Curve.Point(Double.NaN, cost, score / n));
      }
    }
    return new Curve("oracle", points);
  }

  static int indexOf(RoutingData test, Curve single) {
    return test.models().indexOf(single.name());
  }
}
