package io.allot.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round axis ticks: steps of 1, 2, 2.5 or 5 times a power of ten, and an axis range widened to the
 * ticks around the data, so labels read 0.80, 0.85, 0.90 rather than 0.7937, 0.8312.
 */
public record NiceTicks(double lo, double hi, double step) {
  private static final double[] MANTISSAS = {1, 2, 2.5, 5, 10};

  /** About {@code target} ticks (at least 2) covering [min, max]. */
  public static NiceTicks of(double min, double max, int target) {
    return of(min, max, target, 0);
  }

  /** As {@link #of(double, double, int)}, with steps of at least {@code minStep} (e.g. 1 for nights). */
  public static NiceTicks of(double min, double max, int target, double minStep) {
    if (!(Double.isFinite(min) && Double.isFinite(max))) {
      throw new IllegalArgumentException("axis range [" + min + ", " + max + "] is not finite");
    }
    if (max < min) {
      double t = min;
      min = max;
      max = t;
    }
    if (max - min < 1e-12) {
      double pad = minStep > 0 ? minStep : Math.abs(min) > 1e-12 ? Math.abs(min) * 0.05 : 0.5;
      min -= pad;
      max += pad;
    }
    double raw = (max - min) / Math.max(1, target - 1);
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = power * 10;
    for (double m : MANTISSAS) {
      if (m * power >= raw - 1e-12 * power) {
        step = m * power;
        break;
      }
    }
    step = Math.max(step, minStep);
    double lo = Math.floor(min / step + 1e-9) * step;
    double hi = Math.ceil(max / step - 1e-9) * step;
    return new NiceTicks(lo, hi, step);
  }

  public List<Double> values() {
    List<Double> out = new ArrayList<>();
    long n = Math.round((hi - lo) / step);
    for (long i = 0; i <= n; i++) {
      double v = lo + i * step;
      out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return out;
  }

  /** The decimals that show every tick exactly (2.5 steps need one more than their power of ten). */
  public int decimals() {
    double exponent = Math.floor(Math.log10(step) + 1e-9);
    int d = (int) Math.max(0, -exponent);
    boolean quarter = Math.abs(step / Math.pow(10, exponent) - 2.5) < 1e-9;
    return quarter && exponent <= 0 ? d + 1 : d; // 0.25 and 2.5 need one more; 25 and 250 do not
  }

  public String label(double v) {
    int d = decimals();
    return Math.abs(v) >= 1000 && d == 0 ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%." + d + "f", v);
  }
}
