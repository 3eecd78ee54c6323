package io.allot.cluster;

import io.allot.config.SparkMaster;
import io.allot.spark.cluster.CatalogJson;
import io.allot.spark.cluster.JobSummary;
import io.allot.spark.cluster.SubmittedJob;
import io.allot.spark.cluster.SubmittedJobArgs;
import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.spark.ingest.IngestJob;
import io.allot.spark.ingest.IngestSummary;
import io.allot.spark.score.ScoringJob;
import io.allot.spark.score.ScoringSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step's Spark work where {@code allot.spark.master} says: in-process for a local master,
 * else submitted to the cluster as the shaded spark-jobs jar. Both write the same Parquet to the
 * run folder; a submitted job's counts come back through its {@link JobSummary}.
 */
public class SparkJobs {
  private static final Logger log = LoggerFactory.getLogger(SparkJobs.class);

  private final AllotProperties.Spark settings;
  private final SparkSessions sessions;
  private final SparkMaster master;

  public SparkJobs(AllotProperties.Spark settings, SparkSessions sessions) {
    this.settings = settings;
    this.sessions = sessions;
    this.master = SparkMaster.parse(settings.master());
    if (!master.isLocal()) {
      DeployMode.parse(settings.submit().deployMode());
    }
  }

  public IngestSummary ingest(long runId, IngestJob.Params p) throws Exception {
    if (master.isLocal()) {
      return IngestJob.run(sessions.get(), p);
    }
    SubmittedJobArgs args = new SubmittedJobArgs(SubmittedJob.INGEST, CatalogJson.encode(p.catalog()),
        absolute(p.input()), absolute(p.outputDir()), List.of(), List.of(), token(runId));
    return SubmittedJob.ingestSummary(submit(runId, args));
  }

  public ScoringSummary score(long runId, ScoringJob.Params p) throws Exception {
    if (master.isLocal()) {
      return ScoringJob.run(sessions.get(), p);
    }
    SubmittedJobArgs args = new SubmittedJobArgs(SubmittedJob.SCORE, CatalogJson.encode(p.catalog()),
        absolute(p.validDir()), absolute(p.outputDir()), p.historyQueryLogs().stream().map(SparkJobs::absolute).toList(),
        p.outcomeFiles().stream().map(SparkJobs::absolute).toList(), token(runId),
        p.predictorDir() == null ? null : absolute(p.predictorDir()), p.predictorModels());
    return SubmittedJob.scoringSummary(submit(runId, args));
  }

  private Map<String, Long> submit(long runId, SubmittedJobArgs args) throws Exception {
    DeployMode mode = DeployMode.parse(settings.submit().deployMode());
    String job = args.job().name().toLowerCase(java.util.Locale.ROOT);
    String label = job + "@" + master.url();
    SparkSubmitCommand cmd = SparkSubmitCommand.build(settings, master, mode, "allot-" + job + "-run" + runId,
        args.toArgs());
    log.info("run {}: submitting the {} job to {} ({} deploy mode)", runId, job, master.url(), mode.flag());
    long started = System.nanoTime();
    SubmitProcess.Result r = SubmitProcess.run(cmd, label);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("the " + job + " job submitted to " + master.url() + " (" + mode.flag()
          + " deploy mode) failed, spark-submit exit code " + r.exitCode() + ": " + r.lastError());
    }
    if (mode == DeployMode.CLUSTER && master.kind() == SparkMaster.Kind.STANDALONE) {
      String driverId = r.driverId().orElseThrow(() -> new IllegalStateException("spark-submit to " + master.url()
          + " printed no driver id, so the driver's state cannot be checked: " + r.lastError()));
      String state = new StandaloneDriverWatch(masterWebUi(), settings.submit().pollMillis())
          .awaitFinalState(driverId, label);
      if (!state.equals("FINISHED")) {
        throw new IllegalStateException("the " + job + " job's driver " + driverId + " on " + master.url()
            + " ended " + state + " (spark-submit exits 0 in cluster mode regardless); see its log above");
      }
    }
    // Also for yarn/k8s, where only spark-submit's exit code speaks: the driver's last act is the summary.
    Map<String, Long> counts = JobSummary.read(sessions.get(), args.output(), args.token());
    log.info("run {}: the {} job on {} finished in {} s: {}", runId, job, master.url(),
        (System.nanoTime() - started) / 1_000_000_000L, counts);
    return counts;
  }

  private String masterWebUi() {
    String configured = settings.submit().masterWebUi();
    return configured.isBlank() ? "http://" + master.standaloneHost() + ":8080" : configured;
  }

  /** The driver's working folder is not the app's: local paths go absolute, URIs (hdfs://, s3a://) stay. */
  static String absolute(String path) {
    return path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? path : Path.of(path).toAbsolutePath().normalize().toString();
  }

  private static String token(long runId) {
    return runId + "-" + UUID.randomUUID();
  }
}
