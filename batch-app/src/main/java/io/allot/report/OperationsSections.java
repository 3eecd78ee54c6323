package io.allot.report;

import static io.allot.report.Html.dbl;
import static io.allot.report.Html.fmt;
import static io.allot.report.Html.lng;
import static io.allot.report.Html.num;
import static io.allot.report.Html.str;
import static io.allot.report.Html.usd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The report's sections on how the night was run: spend per tenant, the constraints that bind and
 * their prices, the routing policy per tenant and task, the predictor's metrics, rejects by reason.
 */
final class OperationsSections {
  private OperationsSections() {}

  static String spendPerTenant(JdbcTemplate jdbc, long runId) {
    List<Map<String, Object>> rows = jdbc.queryForList("""
        SELECT tenant, count(*) AS queries, sum(expected_cost_usd) AS cost, avg(expected_quality) AS quality
        FROM assignment WHERE run_id = ? GROUP BY tenant ORDER BY cost DESC""", runId);
    if (rows.isEmpty()) {
      return "";
    }
    List<SvgCharts.Bar> bars = new ArrayList<>();
    List<List<String>> table = new ArrayList<>();
    for (Map<String, Object> r : Grouping.largestAndOther(rows, Grouping.KEEP, x -> dbl(x.get("cost")),
        OperationsSections::otherTenants)) {
      bars.add(new SvgCharts.Bar(str(r.get("tenant")), dbl(r.get("cost")), usd(dbl(r.get("cost")))));
      table.add(List.of(str(r.get("tenant")), fmt("%,d", lng(r.get("queries"))), usd(dbl(r.get("cost"))),
          num(r.get("quality"), "%.4f")));
    }
    return "<h2>Spend per tenant</h2>\n" + SvgCharts.barChart("spend by tenant", bars)
        + Html.table(List.of("tenant", "queries", "planned spend", "mean expected quality"), table);
  }

  private static Map<String, Object> otherTenants(List<Map<String, Object>> rest) {
    long q = rest.stream().mapToLong(r -> lng(r.get("queries"))).sum();
    double cost = rest.stream().mapToDouble(r -> dbl(r.get("cost"))).sum();
    double quality = rest.stream().mapToDouble(r -> dbl(r.get("quality")) * lng(r.get("queries"))).sum() / q;
    return Map.of("tenant", "other (" + rest.size() + " tenants)", "queries", q, "cost", cost, "quality", quality);
  }

  static String constraints(JdbcTemplate jdbc, long runId) {
    List<Map<String, Object>> rows = jdbc.queryForList("""
        SELECT kind, subject, price, limit_value, used, binds FROM run_dual_price WHERE run_id = ?
        ORDER BY binds DESC, price DESC, constraint_no""", runId);
    if (rows.isEmpty()) {
      return "";
    }
    List<List<String>> table = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      String kind = str(r.get("kind"));
      String unit = kind.equals("budget") || kind.equals("tenant_budget") ? "USD" : kind.equals("tokens") ? "token"
          : "query";
      String amount = unit.equals("USD") ? "$%,.4f" : "%,.0f";
      double price = dbl(r.get("price"));
      table.add(List.of(kind + (str(r.get("subject")).isEmpty() ? "" : " " + r.get("subject")),
          Boolean.TRUE.equals(r.get("binds")) ? "binds" : "slack", fmt(amount, dbl(r.get("used"))),
          // a quota is a minimum (TI-UCB's exploration share); the others are maxima
          (kind.equals("quota") ? "at least " : "at most ") + fmt(amount, dbl(r.get("limit_value"))),
          price == 0 ? "0" : fmt("%.4g per %s", price, unit)));
    }
    long binding = rows.stream().filter(r -> Boolean.TRUE.equals(r.get("binds"))).count();
    return "<h2>Constraints and their prices</h2>\n"
        + Html.note(binding + " of " + rows.size() + " constraints bind. A price is the expected quality one more "
            + "unit of the limit would buy (the Lagrangian dual); a slack constraint's price is 0.")
        + Html.table(List.of("constraint", "state", "used", "limit", "price (quality)"), table);
  }

  static String routingPolicy(JdbcTemplate jdbc, long runId) {
    List<Map<String, Object>> rows = jdbc.queryForList("""
        SELECT tenant, task, small_model_id, escalation_model_id, margin_threshold, queries,
               expected_escalation_share, expected_cost_usd, expected_quality
        FROM routing_policy WHERE run_id = ? ORDER BY tenant, task""", runId);
    if (rows.isEmpty()) {
      return "";
    }
    List<List<String>> table = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      double t = dbl(r.get("margin_threshold"));
      table.add(List.of(str(r.get("tenant")), str(r.get("task")), fmt("%,d", lng(r.get("queries"))),
          Double.isInfinite(t) ? "always" : fmt("margin < %.3f", t), str(r.get("escalation_model_id")),
          fmt("%.1f%%", 100 * dbl(r.get("expected_escalation_share"))), usd(dbl(r.get("expected_cost_usd"))),
          num(r.get("expected_quality"), "%.4f")));
    }
    return "<h2>Routing policy per tenant and task</h2>\n"
        + Html.note("The two-tier cascade serving reads (<code>current_routing_policy</code>): "
            + SvgCharts.esc(str(rows.get(0).get("small_model_id"))) + " answers first; a query escalates when its first-token "
            + "margin is below the threshold.")
        + Html.table(List.of("tenant", "task", "queries", "escalate when", "to", "escalated", "cost",
            "expected quality"), table);
  }

  static String predictor(JdbcTemplate jdbc, long runId) {
    List<Map<String, Object>> rows = jdbc.queryForList("""
        SELECT m.model_id, m.trained, m.test_rows, m.auc, m.brier, m.brier_smoothed, m.ece, m.beats_smoothed,
               m.brier_cross_model, r.predictor_version
        FROM assignment_run r JOIN predictor_metric m ON m.version_id = r.predictor_version
        WHERE r.run_id = ? ORDER BY m.model_id""", runId);
    if (rows.isEmpty()) {
      return "<h2>Quality predictor</h2>\n" + Html.note("Scored with smoothed per-task means of the labelled history:"
          + " no predictor version was trained (<code>./allot train-predictor</code>).");
    }
    List<List<String>> table = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      table.add(List.of(str(r.get("model_id")), Boolean.TRUE.equals(r.get("trained")) ? "yes" : "no",
          fmt("%,d", lng(r.get("test_rows"))), num(r.get("auc"), "%.3f"), num(r.get("brier"), "%.4f"),
          num(r.get("brier_smoothed"), "%.4f"), num(r.get("ece"), "%.4f"),
          Boolean.TRUE.equals(r.get("beats_smoothed")) ? "yes" : "no", num(r.get("brier_cross_model"), "%.4f")));
    }
    return "<h2>Quality predictor</h2>\n"
        + Html.note("Version " + rows.get(0).get("predictor_version") + ", measured on held-out labelled queries. "
            + "The last column is the Brier score after the cross-model calibration stage the score step applies "
            + "(out of fold; - when the stage was off).")
        + Html.table(List.of("model", "trained", "held-out rows", "AUC", "Brier", "Brier of smoothed means",
            "calibration error", "beats smoothed", "Brier after the cross-model stage"), table);
  }

  static String rejects(JdbcTemplate jdbc, long runId) {
    List<Map<String, Object>> rows = jdbc.queryForList("""
        SELECT source, coalesce(field, '(record)') AS field, count(*) AS n, min(reason) AS example
        FROM rejected_query WHERE run_id = ? GROUP BY 1, 2 ORDER BY n DESC, 1, 2""", runId);
    StringBuilder h = new StringBuilder("<h2>Rejected records by reason</h2>\n");
    if (rows.isEmpty()) {
      return h.append("<p>None: every record was valid.</p>\n").toString();
    }
    List<List<String>> table = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      table.add(List.of(str(r.get("source")), str(r.get("field")), fmt("%,d", lng(r.get("n"))),
          str(r.get("example"))));
    }
    return h.append(Html.table(List.of("source", "field", "records", "example reason"), table))
        .append(Html.note("All of them: <code>./allot sql \"SELECT record_ref, field, reason FROM rejected_query "
            + "WHERE run_id = " + runId + "\"</code>")).toString();
  }
}
