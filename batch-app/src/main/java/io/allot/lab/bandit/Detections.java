package io.allot.lab.bandit;

import io.allot.bandit.TiUcb;
import java.util.ArrayList;
import java.util.List;

/**
 * TI-UCB's detected convergence points against the true ones. A detection on an arm with a true
 * convergence pull counts as a hit when it places the change within the window w of it (the first
 * such one per seed); every other detection is a false alarm.
 *
 * @param truePoints per arm that rises, how the seeds fared on its true point
 * @param falseAlarms all false alarms over all seeds
 * @param falseAlarmsPer10k false alarms per 10^4 rounds
 */
public record Detections(List<TruePoint> truePoints, long falseAlarms, double falseAlarmsPer10k) {

  /**
   * @param reached seeds in which TI-UCB played the arm past its convergence pull plus w/2 (needed
   *     to see a flat half-window)
   * @param hits seeds with a detection within the window
   * @param medianChangePull median placed change pull over the hits (NaN without hits)
   * @param medianDelayPulls median pulls between the true point and the detection, over the hits
   */
  public record TruePoint(int arm, String label, long convergencePull, int seeds, int reached, int hits,
      double medianChangePull, double medianDelayPulls) {}

  static Detections of(Scenario scenario, List<Simulation.Run> tiUcbRuns, int window, long horizon) {
    List<TruePoint> points = new ArrayList<>();
    long falseAlarms = 0;
    for (Simulation.Run run : tiUcbRuns) {
      for (TiUcb.DetectedChange c : run.changes()) {
        if (!isHit(scenario, c, window, run)) {
          falseAlarms++;
        }
      }
    }
    for (int a = 0; a < scenario.arms().size(); a++) {
      Scenario.Arm arm = scenario.arms().get(a);
      if (arm.convergencePull() == 0) {
        continue;
      }
      int reached = 0;
      List<Double> placed = new ArrayList<>();
      List<Double> delays = new ArrayList<>();
      for (Simulation.Run run : tiUcbRuns) {
        if (run.pulls()[a] >= arm.convergencePull() + window / 2) {
          reached++;
        }
        TiUcb.DetectedChange hit = firstHit(scenario, a, run, window);
        if (hit != null) {
          placed.add((double) hit.change().changePull());
          delays.add((double) (hit.change().detectedAtPull() - arm.convergencePull()));
        }
      }
      points.add(new TruePoint(a, arm.label(), arm.convergencePull(), tiUcbRuns.size(), reached, placed.size(),
          Quantiles.of(placed.stream().mapToDouble(Double::doubleValue).toArray(), 0.5),
          Quantiles.of(delays.stream().mapToDouble(Double::doubleValue).toArray(), 0.5)));
    }
    double rounds = (double) horizon * Math.max(1, tiUcbRuns.size());
    return new Detections(points, falseAlarms, falseAlarms * 1e4 / rounds);
  }

  private static TiUcb.DetectedChange firstHit(Scenario s, int arm, Simulation.Run run, int window) {
    for (TiUcb.DetectedChange c : run.changes()) {
      if (c.arm() == arm && withinWindow(s, c, window)) {
        return c;
      }
    }
    return null;
  }

  private static boolean isHit(Scenario s, TiUcb.DetectedChange c, int window, Simulation.Run run) {
    return withinWindow(s, c, window) && firstHit(s, c.arm(), run, window) == c;
  }

  private static boolean withinWindow(Scenario s, TiUcb.DetectedChange c, int window) {
    long truth = s.arms().get(c.arm()).convergencePull();
    return truth > 0 && Math.abs(c.change().changePull() - truth) <= window;
  }
}
