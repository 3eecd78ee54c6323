package io.allot.cli;

import io.allot.train.TrainPredictorLauncher;
import io.allot.train.TrainPredictorRequest;
import java.io.PrintStream;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Runs the trainPredictor job and prints the version it recorded; used by train-predictor and demo. */
final class PredictorTraining {
  private PredictorTraining() {}

  /** Runs the job; returns the version id, or throws with the job's failure in one line. */
  static long train(ApplicationContext ctx, TrainPredictorRequest request) throws Exception {
    JobExecution e = ctx.getBean(TrainPredictorLauncher.class).run(request);
    if (e.getStatus() != BatchStatus.COMPLETED) {
      throw JobRunner.failure(e, "trainPredictor for " + request.date(), "it resumes the same version");
    }
    return e.getJobInstance().getInstanceId();
  }

  static void printVersion(JdbcTemplate jdbc, long version, PrintStream out) {
    Map<String, Object> v = jdbc.queryForMap("SELECT path, data_from, data_to, labelled_queries, train_rows, test_rows,"
        + " missing_cells, brier, brier_smoothed, beats_smoothed FROM predictor_version WHERE version_id = ?", version);
    out.printf("predictor version %d saved to %s%n", version, v.get("path"));
    out.printf("trained on %s .. %s: %s labelled queries (%s train, %s held-out test), %s missing cells left out%n",
        v.get("data_from"), v.get("data_to"), v.get("labelled_queries"), v.get("train_rows"), v.get("test_rows"),
        v.get("missing_cells"));
    jdbc.query("""
        SELECT model_id, trained, train_rows, test_rows, round(auc::numeric, 3) AS auc,
               round(brier_raw::numeric, 4) AS brier_raw, round(brier::numeric, 4) AS brier,
               round(ece_raw::numeric, 4) AS ece_raw, round(ece::numeric, 4) AS ece,
               round(auc_smoothed::numeric, 3) AS auc_smoothed, round(brier_smoothed::numeric, 4) AS brier_smoothed
        FROM predictor_metric WHERE version_id = ? ORDER BY model_id""",
        (org.springframework.jdbc.core.ResultSetExtractor<Integer>) rs -> TablePrinter.print(rs, out, 1000), version);
    java.util.List<String> better = jdbc.queryForList("SELECT model_id FROM predictor_metric WHERE version_id = ?"
        + " AND beats_smoothed ORDER BY model_id", String.class, version);
    out.printf(java.util.Locale.ROOT, "mean held-out Brier %.4f against %.4f for the smoothed per-task means; %s%n",
        ((Number) v.get("brier")).doubleValue(), ((Number) v.get("brier_smoothed")).doubleValue(), better.isEmpty()
            ? "no model beats its smoothed mean, so nightly runs keep the smoothed means (allot.predictor.promote=always"
                + " uses the predictor anyway)"
            : "nightly runs for dates after " + v.get("data_to") + " use it for " + better
                + " (held-out Brier below their smoothed mean) and the smoothed means for the rest");
    out.println("Metrics: ./allot sql \"SELECT * FROM predictor_metric WHERE version_id = " + version + "\"");
  }
}
