package io.allot.spark.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A non-decreasing map from a raw probability to an observed rate, fitted like MLlib's
 * {@code IsotonicRegression}: points with the same input are pooled, pool-adjacent-violators
 * merges blocks, each block keeps its first and last input as boundaries, and a prediction
 * interpolates linearly between boundaries (clamped outside them).
 */
public final class IsotonicMap {
  private final double[] boundaries;
  private final double[] predictions;

  private IsotonicMap(double[] boundaries, double[] predictions) {
    this.boundaries = boundaries;
    this.predictions = predictions;
  }

  public static IsotonicMap fit(double[] x, boolean[] y) {
    if (x.length == 0) {
      throw new IllegalArgumentException("an isotonic map needs at least one point");
    }
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
    // Blocks: {first x, last x, sum of labels, weight}
    List<double[]> blocks = new ArrayList<>();
    for (int k = 0; k < order.length; k++) {
      double xi = x[order[k]];
      double yi = y[order[k]] ? 1 : 0;
      double[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
      if (last != null && last[1] == xi && last[0] == xi) {
        last[2] += yi;
        last[3] += 1;
      } else {
        blocks.add(new double[] {xi, xi, yi, 1});
      }
    }
    List<double[]> merged = new ArrayList<>();
    for (double[] b : blocks) {
      merged.add(b);
      while (merged.size() >= 2) {
        double[] hi = merged.get(merged.size() - 1);
        double[] lo = merged.get(merged.size() - 2);
        if (lo[2] / lo[3] < hi[2] / hi[3]) {
          break;
        }
        lo[1] = hi[1];
        lo[2] += hi[2];
        lo[3] += hi[3];
        merged.remove(merged.size() - 1);
      }
    }
    List<double[]> points = new ArrayList<>();
    for (double[] b : merged) {
      points.add(new double[] {b[0], b[2] / b[3]});
      if (b[1] != b[0]) {
        points.add(new double[] {b[1], b[2] / b[3]});
      }
    }
    return new IsotonicMap(points.stream().mapToDouble(p -> p[0]).toArray(),
        points.stream().mapToDouble(p -> p[1]).toArray());
  }

  public double apply(double raw) {
    int k = Arrays.binarySearch(boundaries, raw);
    if (k >= 0) {
      return predictions[k];
    }
    int insert = -k - 1;
    if (insert == 0) {
      return predictions[0];
    }
    if (insert == boundaries.length) {
      return predictions[boundaries.length - 1];
    }
    double x0 = boundaries[insert - 1];
    double x1 = boundaries[insert];
    double t = (raw - x0) / (x1 - x0);
    return predictions[insert - 1] + t * (predictions[insert] - predictions[insert - 1]);
  }
}
