package io.allot.report;

import static io.allot.report.Html.dbl;
import static io.allot.report.Html.fmt;
import static io.allot.report.Html.lng;
import static io.allot.report.Html.num;
import static io.allot.report.Html.str;
import static io.allot.report.Html.usd;

import io.allot.realised.NightShortfall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The report's section on the plan against what was served: the earlier runs this night compared. */
final class RealisedSection {
  private RealisedSection() {}

  /** A line under the title when an earlier run this night compared is flagged (empty otherwise). */
  static String banner(JdbcTemplate jdbc, long runId) {
    List<String> flagged = jdbc.queryForList("SELECT run_id || ' (' || run_date || ')' FROM run_realised_summary "
        + "WHERE compared_in_run = ? AND shortfall_flagged ORDER BY run_date, run_id", String.class, runId);
    return flagged.isEmpty() ? "" : "<p class=\"flag\">Realised quality fell short of the prediction for run "
        + SvgCharts.esc(String.join(", ", flagged)) + ": see <a href=\"#realised\">Plan against what was served</a>."
        + "</p>\n";
  }

  static String html(JdbcTemplate jdbc, long runId) {
    List<Map<String, Object>> runs = NightShortfall.comparedIn(jdbc, runId);
    StringBuilder h = new StringBuilder("<h2 id=\"realised\">Plan against what was served</h2>\n");
    if (runs.isEmpty()) {
      return h.append("<p>No earlier published run was compared tonight: none in the last "
          + "<code>allot.realised.lookback-days</code> nights has both its assignment partition and outcome files."
          + "</p>\n").toString();
    }
    h.append(Html.note("Each earlier run's published plan against the outcome files of its night. Quality is "
        + "compared on the queries with outcomes (for a subset, its lead model's score); spend is the outcomes' "
        + "cost_usd of every member called. A run is flagged when realised quality is below the prediction by more "
        + "than <code>allot.realised.shortfall-margin</code>. Runs whose partition retention dropped are not "
        + "compared."));
    List<List<String>> table = new ArrayList<>();
    for (Map<String, Object> r : runs) {
      boolean flagged = Boolean.TRUE.equals(r.get("shortfall_flagged"));
      table.add(List.of("run " + r.get("run_id"), str(r.get("run_date")),
          fmt("%,d", lng(r.get("queries_planned"))), fmt("%,d", lng(r.get("queries_with_outcomes"))),
          num(r.get("predicted_quality_observed"), "%.4f"), num(r.get("realised_quality"), "%.4f"),
          num(r.get("shortfall"), "%+.4f"), usd(dbl(r.get("planned_cost_observed_usd"))),
          usd(dbl(r.get("realised_cost_usd"))),
          flagged ? fmt(Html.FLAGGED + " (margin %.3f)", dbl(r.get("shortfall_margin"))) : "ok"));
    }
    h.append(Html.table(List.of("run", "night", "planned queries", "with outcomes", "predicted quality",
        "realised quality", "shortfall", "planned spend", "realised spend", "flag"), table));
    Map<String, Object> latest = runs.get(runs.size() - 1);
    h.append("<h3>By option, run ").append(latest.get("run_id")).append("</h3>\n").append(byOption(jdbc,
        lng(latest.get("run_id"))));
    return h.toString();
  }

  private static String byOption(JdbcTemplate jdbc, long runId) {
    List<Map<String, Object>> rows = jdbc.queryForList("""
        SELECT option_id, sum(queries_with_outcomes) AS n, sum(planned_cost_observed_usd) AS planned,
               sum(realised_cost_usd) AS realised_cost,
               sum(predicted_quality_observed * queries_with_outcomes) AS predicted_sum,
               sum(realised_quality * queries_with_outcomes) AS realised_sum
        FROM run_realised WHERE run_id = ? GROUP BY option_id""", runId);
    List<Map<String, Object>> grouped = Grouping.largestAndOther(rows, Grouping.KEEP, r -> dbl(r.get("n")),
        rest -> {
          Map<String, Object> o = new HashMap<>();
          o.put("option_id", "other (" + rest.size() + " options)");
          for (String k : List.of("n", "planned", "realised_cost", "predicted_sum", "realised_sum")) {
            o.put(k, rest.stream().mapToDouble(x -> x.get(k) == null ? 0 : dbl(x.get(k))).sum());
          }
          return o;
        });
    List<List<String>> table = new ArrayList<>();
    for (Map<String, Object> r : grouped) {
      double n = dbl(r.get("n"));
      table.add(List.of(str(r.get("option_id")), fmt("%,d", (long) n),
          n > 0 ? fmt("%.4f", dbl(r.get("predicted_sum")) / n) : "-",
          n > 0 ? fmt("%.4f", dbl(r.get("realised_sum")) / n) : "-", usd(dbl(r.get("planned"))),
          usd(dbl(r.get("realised_cost")))));
    }
    return Html.table(List.of("option", "queries with outcomes", "predicted quality", "realised quality",
        "planned spend", "realised spend"), table);
  }
}
