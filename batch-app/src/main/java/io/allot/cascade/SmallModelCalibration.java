package io.allot.cascade;

import java.util.Locale;

/**
 * Fits the small model's correctness calibration on a deterministic share of the labelled
 * history and measures it on the rest (held out by a hash of the query id, so a rerun splits the
 * same way). Both isotonic and Platt are fitted and reported; the configured one is used.
 */
public final class SmallModelCalibration {

  /**
   * Held-out figures: ECE and Brier of the raw σ(margin), of isotonic and of Platt.
   *
   * @param method the calibrator in use
   */
  public record Report(String method, int fitRows, int heldOutRows, long withoutMargin, double eceRaw,
      double eceIsotonic, double ecePlatt, double brierRaw, double brierIsotonic, double brierPlatt) {

    public double eceCalibrated() {
      return "platt".equals(method) ? ecePlatt : eceIsotonic;
    }

    public double brierCalibrated() {
      return "platt".equals(method) ? brierPlatt : brierIsotonic;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "small-model calibration (%s): %d fit rows, %d held out; held-out ECE %.4f"
          + " raw -> %.4f isotonic / %.4f Platt; Brier %.4f raw -> %.4f isotonic / %.4f Platt", method, fitRows,
          heldOutRows, eceRaw, eceIsotonic, ecePlatt, brierRaw, brierIsotonic, brierPlatt);
    }
  }

  /** The calibrator to use and how it did on held-out outcomes. */
  public record Fitted(SmallModelCalibrator calibrator, Report report) {}

  private SmallModelCalibration() {}

  /**
   * @param method "isotonic" or "platt" (setting allot.cascade.calibration)
   * @param heldOutShare share of labelled rows kept out of the fit, in [0, 0.9]
   */
  public static Fitted fit(SmallModelOutcomes rows, String method, double heldOutShare) {
    checkMethod(method);
    if (!(heldOutShare >= 0 && heldOutShare <= 0.9)) {
      throw new IllegalArgumentException("allot.cascade.held-out-share is " + heldOutShare
          + "; it must be between 0 and 0.9");
    }
    if (rows.size() < 2) {
      throw new IllegalArgumentException("only " + rows.size() + " labelled small-model outcomes with a margin in the"
          + " history: the calibration needs at least 2");
    }
    boolean[] heldOut = new boolean[rows.size()];
    int held = 0;
    for (int i = 0; i < heldOut.length; i++) {
      heldOut[i] = isHeldOut(rows.queryIds()[i], heldOutShare);
      held += heldOut[i] ? 1 : 0;
    }
    if (held == rows.size()) {
      heldOut[0] = false;
    }
    SmallModelOutcomes fitPart = rows.part(heldOut, false);
    SmallModelOutcomes test = held == 0 ? fitPart : rows.part(heldOut, true);
    IsotonicCalibrator iso = IsotonicCalibrator.fit(fitPart.margin(), fitPart.score());
    PlattCalibrator platt = PlattCalibrator.fit(fitPart.margin(), fitPart.meanLogprob(), fitPart.score());
    SmallModelCalibrator used = "platt".equals(method) ? platt : iso;
    Report report = new Report(method, fitPart.size(), held == 0 ? 0 : test.size(), rows.withoutMargin(),
        CalibrationMetrics.ece(SmallModelCalibrator.RAW, test), CalibrationMetrics.ece(iso, test),
        CalibrationMetrics.ece(platt, test), CalibrationMetrics.brier(SmallModelCalibrator.RAW, test),
        CalibrationMetrics.brier(iso, test), CalibrationMetrics.brier(platt, test));
    return new Fitted(used, report);
  }

  public static void checkMethod(String method) {
    if (!"isotonic".equals(method) && !"platt".equals(method)) {
      throw new IllegalArgumentException("allot.cascade.calibration is '" + method + "'; use isotonic or platt");
    }
  }

  /** A stable pseudo-random split: the query id's hash, mixed, decides the side. */
  static boolean isHeldOut(String queryId, double share) {
    long h = queryId.hashCode() * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    double u = (h >>> 11) * 0x1.0p-53;
    return u < share;
  }
}
