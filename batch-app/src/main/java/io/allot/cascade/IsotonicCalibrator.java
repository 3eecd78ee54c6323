package io.allot.cascade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Isotonic regression of the small model's outcome on its margin (pool-adjacent-violators): the
 * best non-decreasing step function in squared error. It assumes only that a larger margin never
 * means a lower chance of being right, which is the premise of the two-tier cascade. Between two
 * fitted blocks the estimate is interpolated linearly; beyond the ends it is held constant.
 */
public final class IsotonicCalibrator implements SmallModelCalibrator {
  private final double[] x;
  private final double[] y;

  private IsotonicCalibrator(double[] x, double[] y) {
    this.x = x;
    this.y = y;
  }

  /** @param margins finite margins; @param scores outcomes in [0,1], same order */
  public static IsotonicCalibrator fit(double[] margins, double[] scores) {
    if (margins.length == 0) {
      throw new IllegalArgumentException("isotonic calibration needs at least one labelled small-model outcome");
    }
    Integer[] order = new Integer[margins.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> margins[i]));
    // Blocks: {weight, sum of scores, lowest margin, highest margin}; equal margins start pooled.
    List<double[]> blocks = new ArrayList<>();
    for (int r = 0; r < order.length; r++) {
      int i = order[r];
      double[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
      if (last != null && last[3] == margins[i]) {
        last[0] += 1;
        last[1] += scores[i];
      } else {
        blocks.add(new double[] {1, scores[i], margins[i], margins[i]});
      }
      poolViolators(blocks);
    }
    double[] bx = new double[blocks.size() * 2];
    double[] by = new double[blocks.size() * 2];
    for (int b = 0; b < blocks.size(); b++) {
      double[] blk = blocks.get(b);
      bx[2 * b] = blk[2];
      bx[2 * b + 1] = blk[3];
      by[2 * b] = blk[1] / blk[0];
      by[2 * b + 1] = blk[1] / blk[0];
    }
    return new IsotonicCalibrator(bx, by);
  }

  /** Merges the last block backwards while it is lower than the one before it. */
  private static void poolViolators(List<double[]> blocks) {
    while (blocks.size() > 1) {
      double[] last = blocks.get(blocks.size() - 1);
      double[] prev = blocks.get(blocks.size() - 2);
      if (prev[1] / prev[0] <= last[1] / last[0]) {
        return;
      }
      prev[0] += last[0];
      prev[1] += last[1];
      prev[3] = last[3];
      blocks.remove(blocks.size() - 1);
    }
  }

  @Override
  public double correctness(double margin, double meanLogprob) {
    if (margin <= x[0]) {
      return y[0];
    }
    if (margin >= x[x.length - 1]) {
      return y[y.length - 1];
    }
    int k = Arrays.binarySearch(x, margin);
    if (k >= 0) {
      return y[k];
    }
    int hi = -k - 1;
    int lo = hi - 1;
    double t = (margin - x[lo]) / (x[hi] - x[lo]);
    return y[lo] + t * (y[hi] - y[lo]);
  }

  @Override
  public String method() {
    return "isotonic";
  }

  /** Number of fitted steps (pooled blocks). */
  public int blocks() {
    return x.length / 2;
  }
}
