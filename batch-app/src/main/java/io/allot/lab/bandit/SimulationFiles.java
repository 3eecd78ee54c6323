package io.allot.lab.bandit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.allot.report.SvgCharts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The simulator's outputs: a console table, the JSON summary, a CSV of the curves and an HTML chart. */
public final class SimulationFiles {
  private SimulationFiles() {}

  public static void print(SimulationSummary s, PrintStream out) {
    out.printf(Locale.ROOT, "bandit-sim: scenario %s, horizon %,d, %d seeds; TI-UCB w=%d gamma=%.3f c=%.3f a=%.3f%n",
        s.scenario().name(), s.horizon(), s.seeds(), s.tiUcb().window(), s.tiUcb().gamma(), s.tiUcb().exploration(),
        s.tiUcb().slopeConfidence());
    out.printf(Locale.ROOT, "  %-12s %14s %26s%n", "policy", "median regret", "IQR [q25, q75]");
    for (String name : s.ranking()) {
      SimulationSummary.PolicyResult r = s.policies().get(name);
      out.printf(Locale.ROOT, "  %-12s %14.1f %26s%n", name, r.medianRegret(),
          String.format(Locale.ROOT, "[%.1f, %.1f]", r.q25(), r.q75()));
    }
    Detections d = s.detections();
    for (Detections.TruePoint p : d.truePoints()) {
      out.printf(Locale.ROOT, "  TI-UCB arm %d (%s): true convergence at pull %,d; reached in %d/%d seeds, detected "
          + "within w in %d; median placed at pull %.0f, %.0f pulls after the true point%n", p.arm(), p.label(),
          p.convergencePull(), p.reached(), p.seeds(), p.hits(), p.medianChangePull(), p.medianDelayPulls());
    }
    out.printf(Locale.ROOT, "  TI-UCB false alarms: %d in %d seeds = %.3f per 10^4 steps%n", d.falseAlarms(), s.seeds(),
        d.falseAlarmsPer10k());
  }

  /** The JSON summary: {"scenario", "horizon", "seeds", "policies": {name: {"median_regret", "iqr"}}} plus extras. */
  public static Map<String, Object> json(SimulationSummary s) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", s.scenario().name());
    root.put("horizon", s.horizon());
    root.put("seeds", s.seeds());
    Map<String, Object> policies = new LinkedHashMap<>();
    s.policies().forEach((name, r) -> {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("median_regret", r.medianRegret());
      p.put("iqr", List.of(r.q25(), r.q75()));
      policies.put(name, p);
    });
    root.put("policies", policies);
    root.put("best", s.best());
    Map<String, Object> ti = new LinkedHashMap<>();
    ti.put("window", s.tiUcb().window());
    ti.put("gamma", s.tiUcb().gamma());
    ti.put("c", s.tiUcb().exploration());
    ti.put("slope_confidence", s.tiUcb().slopeConfidence());
    List<Map<String, Object>> points = new ArrayList<>();
    for (Detections.TruePoint p : s.detections().truePoints()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arm", p.arm());
      m.put("label", p.label());
      m.put("true_convergence_pull", p.convergencePull());
      m.put("seeds_reached", p.reached());
      m.put("seeds_detected_within_window", p.hits());
      m.put("median_detected_pull", Double.isNaN(p.medianChangePull()) ? null : p.medianChangePull());
      m.put("median_delay_pulls", Double.isNaN(p.medianDelayPulls()) ? null : p.medianDelayPulls());
      points.add(m);
    }
    ti.put("convergence_points", points);
    ti.put("false_alarms", s.detections().falseAlarms());
    ti.put("false_alarms_per_10k_steps", s.detections().falseAlarmsPer10k());
    root.put("ti_ucb", ti);
    return root;
  }

  public static void writeJson(SimulationSummary s, Path file) throws IOException {
    createParent(file);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json(s));
  }

  /** One row per policy and checkpoint round: median and quartiles of cumulative regret over the seeds. */
  public static void writeCsv(SimulationSummary s, Path file) throws IOException {
    createParent(file);
    StringBuilder csv = new StringBuilder("scenario,horizon,seeds,policy,round,median_regret,q25_regret,q75_regret\n");
    s.policies().forEach((name, r) -> {
      for (int c = 0; c < s.checkpoints().length; c++) {
        csv.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%d,%.4f,%.4f,%.4f%n", s.scenario().name(), s.horizon(),
            s.seeds(), name, s.checkpoints()[c], r.medianCurve()[c], r.q25Curve()[c], r.q75Curve()[c]));
      }
    });
    Files.writeString(file, csv, StandardCharsets.UTF_8);
  }

  public static void writeHtml(SimulationSummary s, Path file) throws IOException {
    createParent(file);
    List<SvgCharts.Series> series = new ArrayList<>();
    double[] x = new double[s.checkpoints().length];
    for (int c = 0; c < x.length; c++) {
      x[c] = s.checkpoints()[c];
    }
    s.policies().forEach((name, r) -> series.add(new SvgCharts.Series(name, x, r.medianCurve(), false)));
    StringBuilder h = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append("bandit-sim ").append(SvgCharts.esc(s.scenario().name())).append("</title></head>")
        .append("<body style=\"font-family:sans-serif;max-width:980px;margin:24px auto\">\n<h1>bandit-sim: ")
        .append(SvgCharts.esc(s.scenario().name())).append(String.format(Locale.ROOT,
            ", horizon %,d, %d seeds</h1>\n<p>Median cumulative regret over the seeds.</p>\n", s.horizon(), s.seeds()))
        .append(SvgCharts.lineChart("round", "cumulative regret (median)", series, null))
        .append("<table><tr><th>policy</th><th>median regret</th><th>q25</th><th>q75</th></tr>");
    for (String name : s.ranking()) {
      SimulationSummary.PolicyResult r = s.policies().get(name);
      h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.1f</td><td>%.1f</td><td>%.1f</td></tr>",
          SvgCharts.esc(name), r.medianRegret(), r.q25(), r.q75()));
    }
    Files.writeString(file, h.append("</table></body></html>\n"), StandardCharsets.UTF_8);
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
