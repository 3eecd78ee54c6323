package io.allot.lab.bandit;

import io.allot.lab.bandit.Policies;
import io.allot.bandit.TiUcbSettings;
import io.allot.config.AllotHome;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code allot bandit-sim}: TI-UCB and its baselines on a simulated scenario. Numbers are parsed
 * here rather than by picocli so that a bad value gives the CLI's one-line error.
 */
@Command(name = "bandit-sim", description = "Simulate TI-UCB, UCB1, SW-UCB, R-ed-UCB and eps-greedy on a scenario "
    + "and report the median and IQR of cumulative regret over seeds.")
public class BanditSimCommand implements Callable<Integer> {
  @Option(names = "--scenario", description = "saturation, piecewise-linear, crossing, stationary, or any of them "
      + "with -noisy appended.")
  String scenario;

  @Option(names = "--horizon", description = "Rounds per run (T), e.g. 10000.")
  String horizon;

  @Option(names = "--seeds", description = "Runs per policy (K), seeds first-seed .. first-seed+K-1.")
  String seeds;

  @Option(names = "--first-seed", defaultValue = "1", description = "First seed (default ${DEFAULT-VALUE}).")
  String firstSeed;

  @Option(names = "--json", description = "Also write the JSON summary here.")
  Path json;

  @Option(names = "--out", defaultValue = "work/bandit-sim",
      description = "Folder for the CSV and the HTML chart (default ${DEFAULT-VALUE}).")
  String out;

  @Option(names = "--window", description = "TI-UCB change-detection window w (default horizon/25, even).")
  String window;

  @Option(names = "--gamma", description = "TI-UCB change threshold gamma (default 0.15).")
  String gamma;

  @Option(names = "--c", description = "TI-UCB level bonus c in c * sigma * sqrt(2 ln t / n) (default 1).")
  String c;

  @Option(names = "--slope-confidence", description = "TI-UCB slope bound a in slope + a * sqrt(2 ln t) * se "
      + "(default 0.6).")
  String slopeConfidence;

  @Override
  public Integer call() throws Exception {
    if (scenario == null) {
      throw new IllegalArgumentException("--scenario is required; known: " + String.join(", ", Scenario.names()));
    }
    long t = positiveLong("--horizon", required("--horizon", horizon));
    int k = (int) Math.min(Integer.MAX_VALUE, positiveLong("--seeds", required("--seeds", seeds)));
    TiUcbSettings d = TiUcbSettings.forSimulation(t);
    TiUcbSettings ti = new TiUcbSettings(
        window == null ? d.window() : (int) positiveLong("--window", window),
        gamma == null ? d.gamma() : number("--gamma", gamma),
        c == null ? d.exploration() : number("--c", c),
        slopeConfidence == null ? d.slopeConfidence() : number("--slope-confidence", slopeConfidence));
    Scenario s = Scenario.of(scenario, t);
    SimulationSummary summary = SimulationSummary.run(s, t, k, seed(firstSeed), ti, Policies.BaselineSettings.DEFAULTS,
        100);
    SimulationFiles.print(summary, System.out);
    Path dir = AllotHome.path(out);
    String stem = s.name() + "-T" + t + "-K" + k;
    SimulationFiles.writeCsv(summary, dir.resolve(stem + ".csv"));
    SimulationFiles.writeHtml(summary, dir.resolve(stem + ".html"));
    System.out.println("  regret curves: " + dir.resolve(stem + ".csv") + " and " + dir.resolve(stem + ".html"));
    if (json != null) {
      SimulationFiles.writeJson(summary, json);
      System.out.println("  JSON summary: " + json.toAbsolutePath());
    }
    return 0;
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " is required");
    }
    return value;
  }

  private static long positiveLong(String option, String value) {
    try {
      long v = Long.parseLong(value.trim());
      if (v < 1) {
        throw new IllegalArgumentException(option + " is " + v + "; it must be at least 1");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " is '" + value + "'; expected a whole number >= 1");
    }
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--first-seed is '" + value + "'; expected a whole number");
    }
  }

  private static double number(String option, String value) {
    try {
      double v = Double.parseDouble(value.trim());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " is '" + value + "'; expected a number");
    }
  }
}
