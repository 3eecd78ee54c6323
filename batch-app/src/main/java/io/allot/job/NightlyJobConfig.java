package io.allot.job;

import io.allot.bandit.nightly.SelectModelsStep;
import io.allot.cascade.CascadeProperties;
import io.allot.cascade.RoutingPolicyStep;
import io.allot.ingest.IngestStep;
import io.allot.metrics.RunMetrics;
import io.allot.publish.LockProperties;
import io.allot.publish.PublishStep;
import io.allot.realised.RealisedProperties;
import io.allot.realised.RealisedStep;
import io.allot.report.ReportStep;
import io.allot.retention.RetentionStep;
import io.allot.run.RunRepository;
import io.allot.run.RunStep;
import io.allot.run.StepTransactions;
import io.allot.score.ScoreStep;
import io.allot.solve.SelectLlmProperties;
import io.allot.solve.SolveStep;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The nightly job on one page: its nine steps, in order. Each step is a class in its feature's
 * package; docs/architecture.md lists what each reads and writes and how it behaves on restart.
 *
 * <ol>
 *   <li>{@link IngestStep}: validate the night's log, rejected records to rejected_query.
 *   <li>{@link ScoreStep}: features, predicted quality and cost per query and model (Spark).
 *   <li>{@link SelectModelsStep}: TI-UCB's quality shifts and exploration quotas.
 *   <li>{@link SolveStep}: the budget-constrained assignment, its LP bound and Pareto front.
 *   <li>{@link RoutingPolicyStep}: the two-tier cascade's routing_policy rows.
 *   <li>{@link PublishStep}: load the assignment and make the run current.
 *   <li>{@link RealisedStep}: earlier published runs against their outcomes, to run_realised.
 *   <li>{@link ReportStep}: the HTML report; the run is finished.
 *   <li>{@link RetentionStep}: drop partitions and run folders past allot.retention.days.
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CascadeProperties.class, SelectLlmProperties.class, LockProperties.class,
    RealisedProperties.class})
public class NightlyJobConfig {
  public static final String JOB_NAME = "nightlyAssignment";

  @Bean(JOB_NAME)
  Job nightlyAssignment(JobRepository repository, RunRepository runs, RunMetrics metrics,
      IngestStep ingest, ScoreStep score, SelectModelsStep selectModels, SolveStep solve,
      RoutingPolicyStep routingPolicy, PublishStep publish, RealisedStep realised, ReportStep report,
      RetentionStep retention) {
    return new JobBuilder(JOB_NAME, repository)
        .listener(markRunFailedOnError(runs))
        .listener(metrics)
        .start(step(repository, IngestStep.NAME, ingest))
        .next(step(repository, ScoreStep.NAME, score))
        .next(step(repository, SelectModelsStep.NAME, selectModels))
        .next(step(repository, SolveStep.NAME, solve))
        .next(step(repository, RoutingPolicyStep.NAME, routingPolicy))
        .next(step(repository, PublishStep.NAME, publish))
        .next(step(repository, RealisedStep.NAME, realised))
        .next(step(repository, ReportStep.NAME, report))
        .next(step(repository, RetentionStep.NAME, retention))
        .build();
  }

  /** Each step commits its own writes (see {@link StepTransactions#none}). */
  private static Step step(JobRepository repository, String name, RunStep body) {
    return new StepBuilder(name, repository).tasklet(body, StepTransactions.none()).build();
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
