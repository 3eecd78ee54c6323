package io.allot.ingest;

import io.allot.catalog.ModelCatalog;
import io.allot.cluster.SparkJobs;
import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.job.FaultPoints;
import io.allot.job.RunRecord;
import io.allot.job.RunRepository;
import io.allot.job.RunStep;
import io.allot.job.StepTransactions;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Step 1: validate the night's log; bad records go to rejected_query with their reason. */
@Configuration(proxyBeanMethods = false)
public class IngestStepConfig {
  private static final Logger log = LoggerFactory.getLogger(IngestStepConfig.class);

  @Bean("ingest")
  Step ingest(JobRepository repository, RunRepository runs, SparkSessions spark, SparkJobs sparkJobs,
      ModelCatalog catalog,
      RejectedRowsLoader rejected, CatalogPublisher catalogPublisher, AllotProperties props) {
    return new StepBuilder("ingest", repository).tasklet(new RunStep(runs) {
      @Override
      protected void execute(RunRecord run, StepContribution contribution) throws Exception {
        log.info("run {}: validating {}", run.runId(), run.settings().logPath());
        IngestSummary s = sparkJobs.ingest(run.runId(),
            new IngestJob.Params(run.settings().logPath(), catalog, run.ingestDir().toString()));
        FaultPoints.reached("ingest.validated");
        double max = props.ingest().maxRejectShare();
        long stored = rejected.load(spark.get(), run.runId(), RejectedSchema.SOURCE_QUERY_LOG,
            run.ingestDir().resolve(IngestJob.REJECTED_DIR), RejectedRowsSample.limit(s, max));
        String sample = RejectedRowsSample.stored(stored, s.rejectedRecords());
        catalogPublisher.publish(catalog);
        runs.recordIngest(run.runId(), s.totalRecords(), s.validRecords(), s.rejectedRecords());
        contribution.incrementWriteCount(s.validRecords());
        contribution.incrementFilterCount(s.rejectedRecords());
        log.info("run {}: {} records, {} valid, {} rejected", run.runId(), s.totalRecords(), s.validRecords(),
            s.rejectedRecords());
        if (s.totalRecords() == 0 || s.validRecords() == 0) {
          throw new IllegalStateException("the log " + run.settings().logPath() + " has no valid queries ("
              + s.totalRecords() + " records read); see rejected_query where run_id = " + run.runId() + sample);
        }
        if (s.rejectedShare() > max) {
          throw new IllegalStateException(String.format(Locale.ROOT,
              "%d of %d records (%.2f%%) in %s were rejected, above allot.ingest.max-reject-share=%s; "
                  + "see: SELECT record_ref, field, reason FROM rejected_query WHERE run_id = %d%s",
              s.rejectedRecords(), s.totalRecords(), 100 * s.rejectedShare(), run.settings().logPath(), max,
              run.runId(), sample));
        }
      }
    }, StepTransactions.none()).build();
  }
}
