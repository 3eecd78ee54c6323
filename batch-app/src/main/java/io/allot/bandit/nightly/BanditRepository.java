package io.allot.bandit.nightly;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * bandit_arm, bandit_observation and convergence_event. A night's update is one transaction, and
 * every row it writes is a function of the observations, so a restarted or repeated step writes
 * the same rows again.
 */
public final class BanditRepository {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public BanditRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /** Stores tonight's observations, then replays every observation before the run date through TI-UCB. */
  public ModelSelection.Result update(long runId, LocalDate runDate, List<String> catalog,
      List<ModelSelection.Observation> tonight, BanditSettings settings) {
    return tx.execute(status -> {
      jdbc.execute("LOCK TABLE bandit_arm, bandit_observation, convergence_event IN SHARE ROW EXCLUSIVE MODE");
      for (ModelSelection.Observation o : tonight) {
        // pull, segment_pull and trend_quality are filled in below, once the replay has them
        jdbc.update("INSERT INTO bandit_observation (model_id, night, run_id, reward, outcomes, pull, segment_pull,"
            + " trend_quality) VALUES (?, ?, ?, ?, ?, 0, 0, 0) ON CONFLICT (model_id, night) DO UPDATE SET"
            + " run_id = EXCLUDED.run_id, reward = EXCLUDED.reward, outcomes = EXCLUDED.outcomes",
            o.modelId(), Date.valueOf(o.night()), runId, o.reward(), o.outcomes());
      }
      Map<String, Long> runOf = new HashMap<>();
      List<ModelSelection.Observation> history = jdbc.query("SELECT model_id, night, reward, outcomes, run_id"
          + " FROM bandit_observation WHERE night < ? ORDER BY night, model_id", (rs, i) -> {
            var o = new ModelSelection.Observation(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getDouble(3),
                rs.getLong(4));
            runOf.put(o.modelId() + "@" + o.night(), rs.getLong(5));
            return o;
          }, Date.valueOf(runDate));
      ModelSelection.Result r = ModelSelection.decide(catalog, history, runDate, settings);
      List<Object[]> folded = new ArrayList<>();
      for (ModelSelection.Folded f : r.folded()) {
        folded.add(new Object[] {f.pull(), f.segmentPull(), f.trendQuality(), f.observation().modelId(),
            Date.valueOf(f.observation().night())});
      }
      jdbc.batchUpdate("UPDATE bandit_observation SET pull = ?, segment_pull = ?, trend_quality = ?"
          + " WHERE model_id = ? AND night = ?", folded);
      writeArms(runId, runDate, catalog, r);
      jdbc.update("DELETE FROM convergence_event WHERE detected_night < ?", Date.valueOf(runDate));
      for (ModelSelection.Event e : r.events()) {
        jdbc.update("INSERT INTO convergence_event (model_id, detected_night, change_night, run_id, kind, change_pull,"
            + " detected_at_pull, older_increase, newer_increase, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            e.modelId(), Date.valueOf(e.detectedNight()), Date.valueOf(e.changeNight()),
            runOf.getOrDefault(e.modelId() + "@" + e.detectedNight(), runId), e.converged() ? "converged" : "trend_change",
            e.changePull(), e.detectedAtPull(), e.olderIncrease(), e.newerIncrease(), e.message());
      }
      return r;
    });
  }

  private void writeArms(long runId, LocalDate runDate, List<String> catalog, ModelSelection.Result r) {
    Date on = Date.valueOf(runDate);
    for (ModelSelection.ArmDecision d : r.decisions()) {
      // A rerun of an older night must not overwrite the state a later night left.
      jdbc.update("INSERT INTO bandit_arm AS a (model_id, added_run_id, added_on, pulls, segment_pulls, last_reward,"
          + " trend_quality, baseline_quality, quality_shift, ucb_index, exploration_share, reason, updated_run_id,"
          + " updated_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model_id) DO UPDATE SET"
          + " retired_run_id = NULL, retired_on = NULL, pulls = EXCLUDED.pulls, segment_pulls = EXCLUDED.segment_pulls,"
          + " last_reward = EXCLUDED.last_reward, trend_quality = EXCLUDED.trend_quality,"
          + " baseline_quality = EXCLUDED.baseline_quality, quality_shift = EXCLUDED.quality_shift,"
          + " ucb_index = EXCLUDED.ucb_index, exploration_share = EXCLUDED.exploration_share, reason = EXCLUDED.reason,"
          + " updated_run_id = EXCLUDED.updated_run_id, updated_on = EXCLUDED.updated_on"
          + " WHERE a.updated_on <= EXCLUDED.updated_on",
          d.modelId(), runId, on, d.pulls(), d.segmentPulls(), nullable(d.lastReward()), nullable(d.trendQuality()),
          nullable(d.baselineQuality()), d.qualityShift(), nullable(d.index()), d.explorationShare(), d.reason(),
          runId, on);
    }
    List<Object[]> retire = new ArrayList<>();
    for (String id : jdbc.queryForList("SELECT model_id FROM bandit_arm WHERE retired_on IS NULL AND updated_on <= ?",
        String.class, on)) {
      if (!catalog.contains(id)) {
        retire.add(new Object[] {runId, on, id});
      }
    }
    jdbc.batchUpdate("UPDATE bandit_arm SET retired_run_id = ?, retired_on = ? WHERE model_id = ?", retire);
  }

  private static Double nullable(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Rewards and trend of every arm up to and including {@code lastNight}, for the report's chart. */
  public List<ReportRow> history(LocalDate lastNight) {
    return jdbc.query("SELECT model_id, night, reward, trend_quality, segment_pull FROM bandit_observation"
        + " WHERE night <= ? ORDER BY model_id, night", (rs, i) -> new ReportRow(rs.getString(1),
            rs.getDate(2).toLocalDate(), rs.getDouble(3), rs.getDouble(4), rs.getInt(5)), Date.valueOf(lastNight));
  }

  public record ReportRow(String modelId, LocalDate night, double reward, double trendQuality, int segmentPull) {}

  /** Events detected up to and including {@code lastNight}, newest first. */
  public List<Map<String, Object>> events(LocalDate lastNight) {
    return jdbc.queryForList("SELECT model_id, kind, change_night, detected_night, message FROM convergence_event"
        + " WHERE detected_night <= ? ORDER BY detected_night DESC, model_id", Date.valueOf(lastNight));
  }

  /** The arms' state as left by the run of {@code runDate} (or a later one). */
  public List<Map<String, Object>> arms() {
    return jdbc.queryForList("SELECT model_id, pulls, segment_pulls, last_reward, trend_quality, quality_shift,"
        + " exploration_share, reason, retired_on FROM bandit_arm ORDER BY model_id");
  }
}
