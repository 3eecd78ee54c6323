package io.allot.realised;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The run summary's lines on the earlier runs a night compared with their outcomes. */
public final class RealisedLines {
  private RealisedLines() {}

  /** One line per run the night compared (empty when it compared none). */
  public static List<String> forRun(JdbcTemplate jdbc, long runId) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> r : NightShortfall.comparedIn(jdbc, runId)) {
      long observed = ((Number) r.get("queries_with_outcomes")).longValue();
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "run %d (%s): ", r.get("run_id"),
          r.get("run_date")));
      if (observed == 0) {
        line.append("no outcomes for its queries yet");
      } else {
        line.append(String.format(Locale.ROOT, "predicted %.4f, realised %.4f on %,d queries with outcomes; "
            + "spend planned $%,.4f, realised $%,.4f", dbl(r.get("predicted_quality_observed")),
            dbl(r.get("realised_quality")), observed, dbl(r.get("planned_cost_observed_usd")),
            dbl(r.get("realised_cost_usd"))));
        if (Boolean.TRUE.equals(r.get("shortfall_flagged"))) {
          line.append(String.format(Locale.ROOT, "  FLAGGED: %.4f short of the prediction (margin %.4f)",
              dbl(r.get("shortfall")), dbl(r.get("shortfall_margin"))));
        }
      }
      out.add(line.toString());
    }
    return out;
  }

  private static double dbl(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }
}
