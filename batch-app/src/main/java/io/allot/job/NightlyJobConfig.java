package io.allot.job;

import io.allot.metrics.RunMetrics;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The nightly job: ingest, score, select models (TI-UCB), solve, routing policy, publish, report,
 * retention. Each step is declared in its feature package.
 */
@Configuration(proxyBeanMethods = false)
public class NightlyJobConfig {
  public static final String JOB_NAME = "nightlyAssignment";

  @Bean(JOB_NAME)
  Job nightlyAssignment(JobRepository repository, RunRepository runs, RunMetrics metrics,
      @Qualifier("ingest") Step ingest, @Qualifier("score") Step score,
      @Qualifier("selectModels") Step selectModels, @Qualifier("solve") Step solve,
      @Qualifier("routingPolicy") Step routingPolicy, @Qualifier("publish") Step publish,
      @Qualifier("report") Step report, @Qualifier("retention") Step retention) {
    return new JobBuilder(JOB_NAME, repository)
        .listener(markRunFailedOnError(runs))
        .listener(metrics)
        .start(ingest)
        .next(score)
        .next(selectModels)
        .next(solve)
        .next(routingPolicy)
        .next(publish)
        .next(report)
        .next(retention)
        .build();
  }

  private static JobExecutionListener markRunFailedOnError(RunRepository runs) {
    return new JobExecutionListener() {
      @Override
      public void afterJob(JobExecution execution) {
        if (execution.getStatus().isUnsuccessful()) {
          runs.markFailed(execution.getJobInstance().getInstanceId());
        }
      }
    };
  }
}
