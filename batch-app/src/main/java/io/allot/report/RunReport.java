package io.allot.report;

import static io.allot.report.SvgCharts.esc;

import io.allot.solve.SolveOutputs;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML report of one run: headline figures, the Pareto front, model shares and budget use. */
public final class RunReport {
  static final String STYLE = "body{font-family:sans-serif;max-width:980px;margin:24px auto;color:#222}"
      + "table{border-collapse:collapse;margin:8px 0}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}"
      + "th:first-child,td:first-child{text-align:left}h2{margin-top:32px}.note{color:#666;font-size:13px}"
      + ".flag{color:#b00020;font-weight:bold}th.t,td.t{text-align:left}td:first-child,td:not(.t){white-space:nowrap}";

  /** Counts from the ingest step. */
  public record Intake(long total, long valid, long rejected) {}

  private RunReport() {}

  public static String html(long runId, LocalDate date, Intake intake, SolveOutputs s) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Allot run ").append(runId)
        .append(" (").append(date).append(")</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
    h.append("<h1>Allot run ").append(runId).append(" for ").append(date).append("</h1>\n");
    h.append("<table>");
    row(h, "Queries in the log", fmt("%,d", intake.total()));
    row(h, "Valid / rejected", fmt("%,d / %,d", intake.valid(), intake.rejected()));
    row(h, "Budget", usd(s.budgetUsd()));
    row(h, "Assigned cost", usd(s.totalCostUsd()) + fmt(" (%.1f%% of budget)", 100 * s.totalCostUsd() / Math.max(s.budgetUsd(), 1e-12)));
    row(h, "Expected quality (mean per query)", fmt("%.5f", s.expectedQuality()));
    row(h, "LP upper bound", fmt("%.5f", s.lpBound()));
    row(h, "Gap to the bound", fmt("%.4f%%", 100 * s.gap()));
    row(h, "Solve time (construct + polish)", fmt("%,d ms + %,d ms, %,d polish steps", s.constructMillis(), s.polishMillis(), s.polishSteps()));
    h.append("</table>\n");

    h.append("<h2>Cost and quality: the Pareto front</h2>\n");
    h.append("<p class=\"note\">Each point is one budget level, solved; the dashed line is the LP bound at that budget. "
        + "The ringed point is the published one.</p>\n");
    h.append(paretoChart(s));
    h.append("<table><tr><th>#</th><th>budget</th><th>cost</th><th>expected quality</th><th>LP bound</th><th>gap</th></tr>");
    for (SolveOutputs.ParetoPoint p : s.pareto()) {
      h.append("<tr><td>").append(p.pointNo()).append(p.published() ? " (published)" : "").append("</td><td>")
          .append(usd(p.budgetUsd())).append("</td><td>").append(usd(p.totalCostUsd())).append("</td><td>")
          .append(fmt("%.5f", p.expectedQuality())).append("</td><td>").append(fmt("%.5f", p.lpBound()))
          .append("</td><td>").append(fmt("%.4f%%", 100 * p.gap())).append("</td></tr>");
    }
    h.append("</table>\n");

    h.append("<h2>Model shares</h2>\n");
    record OptionShare(String label, long queries, double cost) {}
    List<OptionShare> options = new ArrayList<>();
    Map<String, Integer> subsetSizes = new java.util.HashMap<>();
    s.options().forEach(o -> subsetSizes.put(o.optionId(), o.members().size()));
    for (Map.Entry<String, SolveOutputs.ModelShare> e : s.shares().entrySet()) {
      int size = subsetSizes.getOrDefault(e.getKey(), 1);
      if (size > 1 && e.getValue().queries() == 0) {
        continue; // a SelectLLM subset offered but never chosen
      }
      String label = size > 1 ? e.getKey() + " (vote of " + size + ")" : e.getKey();
      options.add(new OptionShare(label, e.getValue().queries(), e.getValue().costUsd()));
    }
    // The largest dozen options, the rest as "other": votes can add dozens of small subsets.
    List<OptionShare> shown = Grouping.largestAndOther(options, Grouping.KEEP, OptionShare::queries,
        rest -> new OptionShare("other (" + rest.size() + " options)", rest.stream().mapToLong(OptionShare::queries)
            .sum(), rest.stream().mapToDouble(OptionShare::cost).sum()));
    List<SvgCharts.Bar> byQueries = new ArrayList<>();
    List<SvgCharts.Bar> byCost = new ArrayList<>();
    for (OptionShare o : shown) {
      double share = (double) o.queries() / Math.max(1, s.rows());
      byQueries.add(new SvgCharts.Bar(o.label(), share, fmt("%.1f%% (%,d)", 100 * share, o.queries())));
      byCost.add(new SvgCharts.Bar(o.label(), o.cost(), usd(o.cost())));
    }
    if (!s.subsetSizes().isEmpty()) {
      h.append("<p class=\"note\">Bars are options: a single model, or a SelectLLM subset of several models whose "
          + "answers are combined by a confidence-weighted vote (its query is counted once, under the subset). "
          + "Per model, counting each subset member, see <code>run_model_share</code>.</p>\n");
    }
    h.append("<h3>Queries</h3>\n").append(SvgCharts.barChart("share of queries by option", byQueries));
    h.append("<h3>Spend</h3>\n").append(SvgCharts.barChart("spend by option", byCost));

    if (s.cascades() != null) {
      SolveOutputs.Cascades c = s.cascades();
      h.append("<h2>Cascade options</h2>\n<p class=\"note\">A=B?:C calls A and B, keeps their answer when they agree, "
          + "else calls C. Chosen per task on the history's train part, offered only where they win on its held-out "
          + "part. ").append(esc(fmt("The plan kept $%.2f (%.1f sd of its realised cost) out of the budget.",
          c.reserveUsd(), c.reserveSd()))).append("</p>\n<ul>");
      c.decisions().forEach(d -> h.append("<li>").append(esc(d)).append("</li>"));
      h.append("</ul>\n");
    }
    h.append("<h2>Budget use</h2>\n");
    h.append(SvgCharts.barChart("budget use", List.of(
        new SvgCharts.Bar("budget", s.budgetUsd(), usd(s.budgetUsd())),
        new SvgCharts.Bar("assigned cost", s.totalCostUsd(), usd(s.totalCostUsd())))));
    h.append("<p class=\"note\">Query the published rows with <code>./allot sql \"SELECT model_id, count(*) FROM "
        + "current_assignment GROUP BY 1\"</code>.</p>\n");
    return h.append("</body></html>\n").toString();
  }

  private static String paretoChart(SolveOutputs s) {
    int n = s.pareto().size();
    double[] cost = new double[n];
    double[] quality = new double[n];
    double[] budget = new double[n];
    double[] bound = new double[n];
    double[] highlight = null;
    for (int i = 0; i < n; i++) {
      SolveOutputs.ParetoPoint p = s.pareto().get(i);
      cost[i] = p.totalCostUsd();
      quality[i] = p.expectedQuality();
      budget[i] = p.budgetUsd();
      bound[i] = p.lpBound();
      if (p.published()) {
        highlight = new double[] {p.totalCostUsd(), p.expectedQuality()};
      }
    }
    return SvgCharts.lineChart("cost (USD)", "expected quality (mean per query)", List.of(
        new SvgCharts.Series("solved assignments", cost, quality, false),
        new SvgCharts.Series("LP bound", budget, bound, true)), highlight);
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>");
  }

  static String usd(double v) {
    return v >= 100 ? fmt("$%,.2f", v) : fmt("$%.4f", v);
  }

  private static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }
}
