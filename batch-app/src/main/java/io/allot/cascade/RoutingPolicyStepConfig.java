package io.allot.cascade;

import io.allot.job.FaultPoints;
import io.allot.job.RunRecord;
import io.allot.job.RunRepository;
import io.allot.job.RunStep;
import io.allot.job.StepTransactions;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Step after solve: the two-tier cascade's routing_policy rows ({@link RoutingPolicyWriter}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CascadeProperties.class)
public class RoutingPolicyStepConfig {
  public static final String STEP = "routingPolicy";

  @Bean(STEP)
  Step routingPolicy(JobRepository repository, RunRepository runs, RoutingPolicyWriter writer) {
    return new StepBuilder(STEP, repository).tasklet(new RunStep(runs) {
      @Override
      protected void execute(RunRecord run, StepContribution contribution) {
        int rows = writer.write(run);
        FaultPoints.reached("routing.written");
        contribution.incrementWriteCount(rows);
      }
    }, StepTransactions.none()).build();
  }
}
