package io.allot.realised;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one night learnt about the earlier runs it compared with their outcomes, as plain numbers
 * an operator can alert on (the metrics take them from here; the run summary and the report show
 * the rows of {@link #comparedIn}).
 *
 * @param comparedRuns earlier runs the night compared (rows of run_realised_summary it wrote)
 * @param runsWithOutcomes those of them with at least one query with outcomes
 * @param flaggedRuns those whose shortfall exceeds allot.realised.shortfall-margin
 * @param worstShortfall the largest shortfall (predicted minus realised quality) among them; NaN
 *     when none had outcomes
 */
public record NightShortfall(int comparedRuns, int runsWithOutcomes, int flaggedRuns, double worstShortfall) {

  /** The figures of the runs the nightly run {@code nightRunId} compared. */
  public static NightShortfall of(JdbcTemplate jdbc, long nightRunId) {
    return from(comparedIn(jdbc, nightRunId));
  }

  /** The run_realised_summary rows the nightly run wrote, oldest run first. */
  public static List<Map<String, Object>> comparedIn(JdbcTemplate jdbc, long nightRunId) {
    return jdbc.queryForList("SELECT * FROM run_realised_summary WHERE compared_in_run = ? ORDER BY run_date, run_id",
        nightRunId);
  }

  /** From run_realised_summary rows; a run without outcomes has a null shortfall. */
  static NightShortfall from(List<Map<String, Object>> rows) {
    int withOutcomes = 0;
    int flagged = 0;
    double worst = Double.NaN;
    for (Map<String, Object> r : rows) {
      if (r.get("shortfall") instanceof Number s) {
        withOutcomes++;
        worst = Double.isNaN(worst) ? s.doubleValue() : Math.max(worst, s.doubleValue());
      }
      if (Boolean.TRUE.equals(r.get("shortfall_flagged"))) {
        flagged++;
      }
    }
    return new NightShortfall(rows.size(), withOutcomes, flagged, worst);
  }
}
