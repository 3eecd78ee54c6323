package io.allot.train;

import io.allot.spark.predict.ModelMetrics;
import io.allot.spark.train.TrainPredictorJob;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** predictor_version and predictor_metric, and which version a run scored with. */
@Component
public class PredictorRepository {
  private static final RowMapper<PredictorVersion> VERSION = (rs, i) -> new PredictorVersion(rs.getLong("version_id"),
      rs.getString("path"), rs.getDate("data_from").toLocalDate(), rs.getDate("data_to").toLocalDate());

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public PredictorRepository(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /**
   * Records a trained version and its per-model metrics in one transaction; a restarted training
   * job replaces its own rows.
   */
  public void save(long versionId, String path, LocalDate from, LocalDate to, TrainPredictorJob.Summary s,
      String settingsJson) {
    double[] brier = s.meanBrier();
    tx.executeWithoutResult(status -> {
      jdbc.update("DELETE FROM predictor_version WHERE version_id = ?", versionId);
      jdbc.update("""
          INSERT INTO predictor_version (version_id, path, trained_at, data_from, data_to, labelled_queries,
              train_rows, test_rows, missing_cells, brier, brier_smoothed, beats_smoothed, settings)
          VALUES (?, ?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""", versionId, path, Date.valueOf(from),
          Date.valueOf(to), s.labelledQueries(), s.trainRows(), s.testRows(), s.missingCells(), brier[0], brier[1],
          !s.modelsBeatingSmoothed().isEmpty(), settingsJson);
      for (ModelMetrics m : s.testMetrics()) {
        Double[] cross = crossModel(s, m.modelId());
        jdbc.update("""
            INSERT INTO predictor_metric (version_id, model_id, trained, train_rows, test_rows, auc, brier_raw, brier,
                ece_raw, ece, auc_smoothed, brier_smoothed, beats_smoothed, cross_intercept, cross_own, cross_mean_logit,
                brier_cross_model)
            VALUES (?, ?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            versionId, m.modelId(), s.labelledTrainRows().get(m.modelId()),
            m.calibrated().rows(), nullIfNaN(m.calibrated().auc()), nullIfNaN(m.raw().brier()),
            nullIfNaN(m.calibrated().brier()), nullIfNaN(m.raw().ece()), nullIfNaN(m.calibrated().ece()),
            nullIfNaN(s.smoothedMetrics().get(m.modelId()).auc()), nullIfNaN(s.smoothedMetrics().get(m.modelId()).brier()),
            s.modelsBeatingSmoothed().contains(m.modelId()), cross[0], cross[1], cross[2], cross[3]);
      }
      for (Map.Entry<String, Long> skipped : s.skippedModels().entrySet()) {
        jdbc.update("INSERT INTO predictor_metric (version_id, model_id, trained, train_rows) VALUES (?, ?, false, ?)",
            versionId, skipped.getKey(), skipped.getValue());
      }
    });
  }

  /** {intercept, own, mean logit, out-of-fold Brier} of the model's cross-model stage; nulls when it was off. */
  private static Double[] crossModel(TrainPredictorJob.Summary s, String modelId) {
    if (s.crossModel() == null) {
      return new Double[4];
    }
    int j = s.crossModel().modelIds().indexOf(modelId);
    io.allot.spark.predict.CrossModelCalibration.Coefficients c = s.crossModel().calibration().coefficients().get(j);
    return new Double[] {c.intercept(), c.own(), c.meanLogit(), nullIfNaN(s.crossModel().brierAfter()[j])};
  }

  /**
   * The newest version trained only on nights before {@code runDate}, so tonight's labels never
   * leak in; with {@code onlyBetter}, only a version whose held-out Brier score beat the smoothed per-task means.
   */
  public Optional<PredictorVersion> newestBefore(LocalDate runDate, boolean onlyBetter) {
    return jdbc.query("""
        SELECT version_id, path, data_from, data_to FROM predictor_version
        WHERE data_to < ? AND (beats_smoothed OR NOT ?)
        ORDER BY trained_at DESC, version_id DESC LIMIT 1""", VERSION, Date.valueOf(runDate), onlyBetter)
        .stream().findFirst();
  }

  /** The newest version trained from the given log root for nights before {@code runDate}. */
  public Optional<PredictorVersion> newestFromLogRoot(String logRoot, LocalDate runDate) {
    return jdbc.query("""
        SELECT version_id, path, data_from, data_to FROM predictor_version
        WHERE data_to < ? AND settings->'request'->>'logRoot' = ?
        ORDER BY trained_at DESC, version_id DESC LIMIT 1""", VERSION, Date.valueOf(runDate), logRoot)
        .stream().findFirst();
  }

  /** The models a version scores: all it trained, or with {@code onlyBetter} those that beat their smoothed mean. */
  public List<String> modelsToUse(long versionId, boolean onlyBetter) {
    return jdbc.queryForList("SELECT model_id FROM predictor_metric WHERE version_id = ? AND trained"
        + " AND (beats_smoothed OR NOT ?) ORDER BY model_id", String.class, versionId, onlyBetter);
  }

  public Optional<PredictorVersion> find(long versionId) {
    return jdbc.query("SELECT version_id, path, data_from, data_to FROM predictor_version WHERE version_id = ?",
        VERSION, versionId).stream().findFirst();
  }

  /** The version a run is pinned to, if its score step already chose one. */
  public Optional<Long> pinnedVersion(long runId) {
    List<Long> v = jdbc.queryForList("SELECT predictor_version FROM assignment_run WHERE run_id = ?", Long.class, runId);
    return v.isEmpty() ? Optional.empty() : Optional.ofNullable(v.get(0));
  }

  public void pin(long runId, long versionId) {
    jdbc.update("UPDATE assignment_run SET predictor_version = ? WHERE run_id = ?", versionId, runId);
  }

  private static Double nullIfNaN(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
