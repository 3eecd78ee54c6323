package io.allot.report;

import static io.allot.report.Html.dbl;
import static io.allot.report.Html.fmt;
import static io.allot.report.Html.lng;
import static io.allot.report.Html.num;
import static io.allot.report.Html.str;
import static io.allot.report.Html.usd;
import static io.allot.report.SvgCharts.esc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The page across runs ({@code <work-dir>/reports/index.html}): trends of quality, cost, gap and
 * realised against predicted, and a link to each run's report while its folder is kept.
 */
public final class ReportIndex {
  static final int MAX_RUNS = 120;

  private ReportIndex() {}

  /**
   * Writes {@code <work-dir>/reports/index.html}. The report step writes it with the new run; the
   * retention step writes it again after pruning, so it never links a folder retention removed.
   */
  public static Path write(JdbcTemplate jdbc, Path workDir) throws java.io.IOException {
    Path index = workDir.resolve("reports").resolve("index.html");
    Files.createDirectories(index.getParent());
    Files.writeString(index, html(jdbc, index.getParent()), java.nio.charset.StandardCharsets.UTF_8);
    return index;
  }

  public static String html(JdbcTemplate jdbc, Path indexDir) {
    List<Map<String, Object>> runs = jdbc.queryForList("""
        SELECT * FROM (
          SELECT r.run_id, r.run_date, r.status, r.queries_valid, r.budget_usd, r.total_cost_usd,
                 r.expected_quality, r.lp_bound, r.gap, r.report_path,
                 s.queries_with_outcomes, s.predicted_quality_observed, s.realised_quality,
                 s.planned_cost_observed_usd, s.realised_cost_usd, s.shortfall_flagged
          FROM assignment_run r LEFT JOIN run_realised_summary s ON s.run_id = r.run_id
          WHERE r.expected_quality IS NOT NULL
          ORDER BY r.run_date DESC, r.run_id DESC LIMIT ?) t
        ORDER BY run_date, run_id""", MAX_RUNS);
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Allot runs</title><style>")
        .append(RunReport.STYLE).append("</style></head><body>\n<h1>Allot runs</h1>\n");
    if (runs.isEmpty()) {
      return h.append("<p>No run has been solved yet.</p></body></html>\n").toString();
    }
    LocalDate first = ((java.sql.Date) runs.get(0).get("run_date")).toLocalDate();
    List<Map<String, Object>> nights = onePerNight(runs);
    double[] x = nights.stream().mapToDouble(r -> first.until(((java.sql.Date) r.get("run_date")).toLocalDate())
        .getDays()).toArray();
    java.util.function.DoubleFunction<String> day = v -> first.plusDays(Math.round(v)).toString().substring(5);
    String xLabel = "night (" + first.getYear() + ")";
    h.append(Html.note(runs.size() + " runs from " + first + " to " + runs.get(runs.size() - 1).get("run_date")
        + (runs.size() == MAX_RUNS ? " (the latest " + MAX_RUNS + ")" : "") + ". Realised figures come from the "
        + "outcome files of each run's night, compared on the following nights (<code>run_realised_summary</code>). "
        + "A night run more than once is charted with its newest published run; the table lists them all."));
    h.append("<h2>Quality</h2>\n").append(SvgCharts.lineChart(xLabel, "mean quality per query", List.of(
        series("expected quality (plan)", x, nights, r -> r.get("expected_quality"), false),
        series("LP bound", x, nights, r -> r.get("lp_bound"), true)), null, day));
    h.append("<h2>Cost</h2>\n").append(SvgCharts.lineChart(xLabel, "USD per night", List.of(
        series("assigned cost", x, nights, r -> r.get("total_cost_usd"), false),
        series("budget", x, nights, r -> r.get("budget_usd"), true)), null, day));
    h.append("<h2>Gap to the LP bound</h2>\n").append(SvgCharts.lineChart(xLabel, "gap (%)", List.of(
        series("gap", x, nights, r -> r.get("gap") == null ? null : 100 * dbl(r.get("gap")), false)), null, day));
    h.append("<h2>Realised against predicted</h2>\n").append(Html.note("On each run's queries with outcomes. A "
        + "night without a point has not been compared yet: its outcomes are read on the following nights."));
    h.append(SvgCharts.lineChart(xLabel, "mean quality per query", List.of(
        series("predicted quality", x, nights, r -> r.get("predicted_quality_observed"), false),
        series("realised quality", x, nights, r -> r.get("realised_quality"), false)), null, day));
    h.append(SvgCharts.lineChart(xLabel, "USD on those queries", List.of(
        series("planned spend", x, nights, r -> r.get("planned_cost_observed_usd"), false),
        series("realised spend", x, nights, r -> r.get("realised_cost_usd"), false)), null, day));
    h.append("<h2>Runs</h2>\n").append(table(runs, indexDir));
    return h.append("</body></html>\n").toString();
  }

  /** Per night, the run that counts: the newest published one, else the newest (runs come sorted by night). */
  static List<Map<String, Object>> onePerNight(List<Map<String, Object>> runs) {
    Map<Object, Map<String, Object>> byNight = new java.util.LinkedHashMap<>();
    for (Map<String, Object> r : runs) {
      byNight.merge(r.get("run_date"), r, (kept, next) -> published(next) || !published(kept) ? next : kept);
    }
    return new ArrayList<>(byNight.values());
  }

  private static boolean published(Map<String, Object> run) {
    return "PUBLISHED".equals(run.get("status"));
  }

  /** Relative to the index, so the folder can be copied or served as it is. */
  static String link(Path indexDir, Path report) {
    Path from = indexDir.toAbsolutePath().normalize();
    Path to = report.toAbsolutePath().normalize();
    return from.getRoot().equals(to.getRoot()) ? from.relativize(to).toString().replace('\\', '/') : to.toUri().toString();
  }

  private static SvgCharts.Series series(String name, double[] x, List<Map<String, Object>> runs,
      Function<Map<String, Object>, Object> value, boolean dashed) {
    return new SvgCharts.Series(name, x, runs.stream().mapToDouble(r -> dbl(value.apply(r))).toArray(), dashed);
  }

  private static String table(List<Map<String, Object>> runs, Path indexDir) {
    StringBuilder h = new StringBuilder("<table><tr><th>night</th><th>run</th><th class=\"t\">status</th><th>queries</th>"
        + "<th>budget</th><th>cost</th><th>expected quality</th><th>gap</th><th>realised quality</th><th>flag</th></tr>");
    for (int i = runs.size() - 1; i >= 0; i--) {
      Map<String, Object> r = runs.get(i);
      Object path = r.get("report_path");
      boolean linked = path != null && Files.isRegularFile(Path.of(path.toString()));
      h.append("<tr><td>").append(r.get("run_date")).append("</td><td>")
          .append(linked ? "<a href=\"" + esc(link(indexDir, Path.of(path.toString()))) + "\">" : "")
          .append(r.get("run_id")).append(linked ? "</a>" : "").append("</td><td class=\"t\">").append(esc(str(r.get("status"))))
          .append("</td><td>").append(fmt("%,d", lng(r.get("queries_valid")))).append("</td><td>")
          .append(usd(dbl(r.get("budget_usd")))).append("</td><td>").append(usd(dbl(r.get("total_cost_usd"))))
          .append("</td><td>").append(num(r.get("expected_quality"), "%.4f")).append("</td><td>")
          .append(r.get("gap") == null ? "-" : fmt("%.3f%%", 100 * dbl(r.get("gap")))).append("</td><td>")
          .append(num(r.get("realised_quality"), "%.4f")).append("</td><td>")
          .append(Boolean.TRUE.equals(r.get("shortfall_flagged")) ? "<span class=\"flag\">FLAGGED</span>" : "")
          .append("</td></tr>");
    }
    return h.append("</table>\n").toString();
  }
}
