package io.allot.lab.bandit;

import io.allot.lab.bandit.Policies;
import io.allot.bandit.TiUcb;
import io.allot.bandit.TiUcbSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every policy on one scenario over K seeds: the median and interquartile range of final
 * cumulative regret, the same per checkpoint for the curves, and TI-UCB's detections.
 */
public record SimulationSummary(Scenario scenario, long horizon, int seeds, TiUcbSettings tiUcb,
    long[] checkpoints, Map<String, PolicyResult> policies, Detections detections) {
  private static final Logger log = LoggerFactory.getLogger(SimulationSummary.class);

  /** Median and quartiles of regret over the seeds, at the end and at each checkpoint. */
  public record PolicyResult(double medianRegret, double q25, double q75, double[] medianCurve,
      double[] q25Curve, double[] q75Curve, double[] finalRegrets) {}

  public static SimulationSummary run(Scenario scenario, long horizon, int seeds, long firstSeed,
      TiUcbSettings tiUcb, Policies.BaselineSettings baselines, int curvePoints) {
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds is " + seeds + "; it must be at least 1");
    }
    long[] checkpoints = Simulation.checkpoints(horizon, curvePoints);
    Map<String, PolicyResult> results = new LinkedHashMap<>();
    List<Simulation.Run> tiRuns = List.of();
    long started = System.nanoTime();
    for (String name : Policies.NAMES) {
      // seeds run in parallel; each run is deterministic on its own, and results keep seed order
      List<Simulation.Run> runs = IntStream.range(0, seeds).parallel()
          .mapToObj(k -> Simulation.run(scenario, horizon, name, firstSeed + k, tiUcb, baselines, checkpoints))
          .toList();
      results.put(name, aggregate(runs, checkpoints.length));
      if (name.equals(TiUcb.NAME)) {
        tiRuns = runs;
      }
      log.info("bandit-sim {} T={} {}: median regret {} over {} seeds ({} s so far)", scenario.name(), horizon, name,
          String.format(java.util.Locale.ROOT, "%.1f", results.get(name).medianRegret()), seeds,
          (System.nanoTime() - started) / 1_000_000_000);
    }
    return new SimulationSummary(scenario, horizon, seeds, tiUcb, checkpoints, results,
        Detections.of(scenario, tiRuns, tiUcb.window(), horizon));
  }

  private static PolicyResult aggregate(List<Simulation.Run> runs, int points) {
    double[] finals = runs.stream().mapToDouble(Simulation.Run::finalRegret).toArray();
    double[] med = new double[points];
    double[] lo = new double[points];
    double[] hi = new double[points];
    for (int c = 0; c < points; c++) {
      int cc = c;
      double[] at = runs.stream().mapToDouble(r -> r.regretCurve()[cc]).toArray();
      med[c] = Quantiles.of(at, 0.5);
      lo[c] = Quantiles.of(at, 0.25);
      hi[c] = Quantiles.of(at, 0.75);
    }
    return new PolicyResult(Quantiles.of(finals, 0.5), Quantiles.of(finals, 0.25), Quantiles.of(finals, 0.75),
        med, lo, hi, finals);
  }

  /** The policy with the lowest median regret. */
  public String best() {
    String best = null;
    for (Map.Entry<String, PolicyResult> e : policies.entrySet()) {
      if (best == null || e.getValue().medianRegret() < policies.get(best).medianRegret()) {
        best = e.getKey();
      }
    }
    return best;
  }

  /** Policy names ordered by median regret, best first. */
  public List<String> ranking() {
    List<String> names = new ArrayList<>(policies.keySet());
    names.sort((a, b) -> Double.compare(policies.get(a).medianRegret(), policies.get(b).medianRegret()));
    return names;
  }
}
