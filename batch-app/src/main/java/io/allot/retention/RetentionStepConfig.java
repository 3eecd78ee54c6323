package io.allot.retention;

import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import io.allot.job.RunRecord;
import io.allot.job.RunRepository;
import io.allot.job.RunStep;
import io.allot.job.StepTransactions;
import io.allot.publish.LockProperties;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Last step: drop assignment partitions and run folders older than allot.retention.days. */
@Configuration(proxyBeanMethods = false)
public class RetentionStepConfig {

  @Bean("retention")
  Step retention(JobRepository repository, RunRepository runs, JdbcTemplate jdbc, AllotProperties props,
      LockProperties locks) {
    RetentionPolicy policy = new RetentionPolicy(jdbc, AllotHome.path(props.workDir()).resolve("runs"), locks);
    return new StepBuilder("retention", repository).tasklet(new RunStep(runs) {
      @Override
      protected void execute(RunRecord run, StepContribution contribution) throws Exception {
        policy.prune(run.settings().runDate(), props.retention().days());
      }
    }, StepTransactions.none()).build();
  }
}
