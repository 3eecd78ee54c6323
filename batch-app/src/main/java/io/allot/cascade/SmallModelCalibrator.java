package io.allot.cascade;

/** A calibrated estimate of P(the small model's answer is right | its uncertainty features). */
public interface SmallModelCalibrator {

  /**
   * @param margin first-token margin, finite and >= 0
   * @param meanLogprob mean token logprob, or NaN when the log has none
   * @return the probability in [0,1]
   */
  double correctness(double margin, double meanLogprob);

  /** Short name for tables and logs. */
  String method();

  /**
   * The uncalibrated estimate the calibration is measured against: the small model's own odds of
   * its answer over the best alternative, p1/(p1 + pk) = σ(margin), since margin = ln(p1/pk).
   */
  SmallModelCalibrator RAW = new SmallModelCalibrator() {
    @Override
    public double correctness(double margin, double meanLogprob) {
      return 1 / (1 + Math.exp(-margin));
    }

    @Override
    public String method() {
      return "raw";
    }
  };
}
