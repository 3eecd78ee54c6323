package io.allot.ingest;

import io.allot.cluster.SparkJobs;
import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.run.FaultPoints;
import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.run.RunStep;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.IngestJob;
import io.allot.spark.ingest.IngestSummary;
import io.allot.spark.ingest.RejectedSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.stereotype.Component;

/**
 * Step 1, ingest: validates the night's log (Spark {@link IngestJob}); bad records go to
 * rejected_query with their reason, the catalog to model_catalog, the counts to assignment_run.
 * Fails the run when too many records were rejected ({@link RejectShare}).
 */
@Component
public class IngestStep extends RunStep {
  public static final String NAME = "ingest";
  private static final Logger log = LoggerFactory.getLogger(IngestStep.class);

  private final RunRepository runs;
  private final SparkSessions spark;
  private final SparkJobs sparkJobs;
  private final ModelCatalog catalog;
  private final RejectedRowsLoader rejected;
  private final CatalogPublisher catalogPublisher;
  private final AllotProperties props;

  public IngestStep(RunRepository runs, SparkSessions spark, SparkJobs sparkJobs, ModelCatalog catalog,
      RejectedRowsLoader rejected, CatalogPublisher catalogPublisher, AllotProperties props) {
    super(runs);
    this.runs = runs;
    this.spark = spark;
    this.sparkJobs = sparkJobs;
    this.catalog = catalog;
    this.rejected = rejected;
    this.catalogPublisher = catalogPublisher;
    this.props = props;
  }

  @Override
  protected void execute(RunRecord run, StepContribution contribution) throws Exception {
    log.info("run {}: validating {}", run.runId(), run.settings().logPath());
    IngestSummary s = sparkJobs.ingest(run.runId(),
        new IngestJob.Params(run.settings().logPath(), catalog, run.ingestDir().toString()));
    FaultPoints.reached("ingest.validated");
    double maxRejectShare = props.ingest().maxRejectShare();
    long stored = rejected.load(spark.get(), run.runId(), RejectedSchema.SOURCE_QUERY_LOG,
        run.ingestDir().resolve(IngestJob.REJECTED_DIR), RejectedRowsSample.limit(s, maxRejectShare));
    catalogPublisher.publish(catalog);
    runs.recordIngest(run.runId(), s.totalRecords(), s.validRecords(), s.rejectedRecords());
    contribution.incrementWriteCount(s.validRecords());
    contribution.incrementFilterCount(s.rejectedRecords());
    log.info("run {}: {} records, {} valid, {} rejected", run.runId(), s.totalRecords(), s.validRecords(),
        s.rejectedRecords());
    RejectShare.check(s, run.settings().logPath(), maxRejectShare, run.runId(),
        RejectedRowsSample.stored(stored, s.rejectedRecords()));
  }
}
