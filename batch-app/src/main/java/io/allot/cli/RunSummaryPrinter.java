package io.allot.cli;

import io.allot.agreement.CascadeDecision;
import io.allot.agreement.CascadeDecisionRepository;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The end-of-run summary: budget, cost, quality, bound and gap, model shares, rejects, where to look. */
final class RunSummaryPrinter {
  private static final int MAX_OPTIONS_SHOWN = 12;
  private RunSummaryPrinter() {}

  static void print(JdbcTemplate jdbc, long runId, PrintStream out, String sqlCommand) {
    Map<String, Object> r = jdbc.queryForMap("""
        SELECT run_date, status, budget_usd, total_cost_usd, expected_quality, lp_bound, gap,
               queries_total, queries_valid, queries_rejected, report_path,
               extract(epoch FROM finished_at - started_at) AS seconds
        FROM assignment_run WHERE run_id = ?""", runId);
    out.println();
    out.printf(Locale.ROOT, "Allot run %d for %s: %s%n", runId, r.get("run_date"), r.get("status"));
    out.printf(Locale.ROOT, "  queries           %,d read, %,d valid, %,d rejected%n",
        num(r.get("queries_total")), num(r.get("queries_valid")), num(r.get("queries_rejected")));
    out.printf(Locale.ROOT, "  budget            $%,.2f%n", dbl(r.get("budget_usd")));
    out.printf(Locale.ROOT, "  assigned cost     $%,.2f (%.1f%% of budget)%n", dbl(r.get("total_cost_usd")),
        100 * dbl(r.get("total_cost_usd")) / Math.max(1e-12, dbl(r.get("budget_usd"))));
    out.printf(Locale.ROOT, "  expected quality  %.5f per query%n", dbl(r.get("expected_quality")));
    out.printf(Locale.ROOT, "  LP upper bound    %.5f  (gap %.4f%%)%n", dbl(r.get("lp_bound")), 100 * dbl(r.get("gap")));
    out.println("  quality from      " + qualitySource(jdbc, runId));
    // Per option: a model, or a SelectLLM subset (a+b) whose members all answer and vote.
    out.println("  option shares:");
    List<Map<String, Object>> shares = jdbc.queryForList(
        "SELECT option_id, queries, share, cost_usd FROM run_option_share WHERE run_id = ? ORDER BY queries DESC", runId);
    // Votes can add dozens of small options; the summary shows the largest, SQL has them all.
    for (Map<String, Object> s : shares.subList(0, Math.min(shares.size(), MAX_OPTIONS_SHOWN))) {
      out.printf(Locale.ROOT, "    %-20s %6.2f%%  %,10d queries  $%,.2f%n", s.get("option_id"),
          100 * dbl(s.get("share")), num(s.get("queries")), dbl(s.get("cost_usd")));
    }
    if (shares.size() > MAX_OPTIONS_SHOWN) {
      long rest = shares.subList(MAX_OPTIONS_SHOWN, shares.size()).stream().mapToLong(s -> num(s.get("queries"))).sum();
      out.printf(Locale.ROOT, "    ... %d more options with %,d queries: %s \"SELECT * FROM run_option_share WHERE run_id = %d"
          + " ORDER BY queries DESC\"%n", shares.size() - MAX_OPTIONS_SHOWN, rest, sqlCommand, runId);
    }
    printCascades(jdbc, runId, out, sqlCommand);
    // The plan against what was served: earlier runs this night compared with their outcomes.
    io.allot.realised.RealisedLines.forRun(jdbc, runId).forEach(l -> out.println("  realised          " + l));
    out.println("  steps             " + stepTimes(jdbc, runId));
    out.println("  report            " + r.get("report_path"));
    out.println();
    out.println("Query the results (the view current_assignment always shows the latest published run):");
    out.println("  " + sqlCommand + " \"SELECT * FROM run_summary ORDER BY run_id DESC\"");
    out.println("  " + sqlCommand + " \"SELECT model_id, count(*), sum(expected_cost_usd) FROM current_assignment GROUP BY 1\"");
    out.println("  " + sqlCommand + " \"SELECT * FROM current_assignment WHERE query_id = '<id>'\"");
    out.println("  " + sqlCommand + " \"SELECT member_no, model_id, option_kind, role FROM current_assignment_member "
        + "WHERE query_id = '<id>' ORDER BY member_no\"");
    out.println("  " + sqlCommand + " \"SELECT record_ref, field, reason FROM rejected_query WHERE run_id = " + runId + "\"");
  }

  /**
   * The cascade options: the reserve the plan kept out of the budget, and per task which cascades
   * were offered and why the others were not (nothing when the run planned without them).
   */
  static void printCascades(JdbcTemplate jdbc, long runId, PrintStream out, String sqlCommand) {
    List<CascadeDecision> decisions = CascadeDecisionRepository.load(jdbc, runId);
    if (decisions.isEmpty()) {
      return;
    }
    Map<String, Object> reserve = CascadeDecisionRepository.reserve(jdbc, runId);
    long offered = decisions.stream().filter(CascadeDecision::offered).count();
    double sd = dbl(reserve.get("cost_sd_usd"));
    double kept = dbl(reserve.get("cost_reserve_usd"));
    out.printf(Locale.ROOT, "  cascades          %d offered (A=B?:C: call A and B, keep their answer when they agree, "
        + "else call C); reserve $%,.2f kept out of the budget%s%n", offered, kept,
        sd > 0 ? String.format(Locale.ROOT, " (%.1f sd of the realised cost, sd $%,.2f)", kept / sd, sd) : "");
    for (CascadeDecision d : decisions) {
      out.println("    " + d.line());
    }
    out.printf(Locale.ROOT, "    chosen per query: %s \"SELECT * FROM run_option_share WHERE run_id = %d AND option_kind = "
        + "'cascade'\"%n", sqlCommand, runId);
  }

  /** Which predictor scored the run, with its median held-out AUC. */
  static String qualitySource(JdbcTemplate jdbc, long runId) {
    List<Map<String, Object>> v = jdbc.queryForList("""
        SELECT r.predictor_version AS version,
               (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY m.auc) FROM predictor_metric m
                WHERE m.version_id = r.predictor_version AND m.trained) AS auc
        FROM assignment_run r WHERE r.run_id = ? AND r.predictor_version IS NOT NULL""", runId);
    if (v.isEmpty()) {
      return "smoothed per-task means (no predictor trained; see ./allot train-predictor)";
    }
    Object auc = v.get(0).get("auc");
    return String.format(Locale.ROOT, "predictor version %d (median held-out AUC %s)", num(v.get(0).get("version")),
        auc == null ? "n/a" : String.format(Locale.ROOT, "%.3f", dbl(auc)));
  }

  /**
   * Seconds per step, from the execution that completed it: a resumed run shows the attempt that
   * finished each step, so the figures add up to the work, not to the time lost before a crash.
   */
  static String stepTimes(JdbcTemplate jdbc, long runId) {
    List<Map<String, Object>> steps = new java.util.ArrayList<>(jdbc.queryForList("""
        SELECT DISTINCT ON (s.step_name) s.step_name AS step,
               extract(epoch FROM s.end_time - s.start_time) AS seconds, s.step_execution_id AS id
        FROM batch_step_execution s
        JOIN batch_job_execution j ON j.job_execution_id = s.job_execution_id
        WHERE j.job_instance_id = ? AND s.status = 'COMPLETED'
        ORDER BY s.step_name, s.step_execution_id DESC""", runId));
    steps.sort(java.util.Comparator.comparingLong(m -> num(m.get("id"))));
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> s : steps) {
      sb.append(sb.isEmpty() ? "" : ", ").append(s.get("step"))
          .append(String.format(Locale.ROOT, " %.1f s", dbl(s.get("seconds"))));
    }
    return sb.isEmpty() ? "(none completed)" : sb.toString();
  }

  private static long num(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }

  private static double dbl(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }
}
