package io.allot.lab.bench;

import java.util.List;

/** The figure the bench-* commands report for repeated runs. */
public final class Medians {
  private Medians() {}

  /** The median (mean of the middle two for an even count); NaN for no values. */
  public static double of(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
