package io.allot.publish;

import io.allot.job.RunRecord;
import io.allot.job.RunRepository;
import io.allot.job.RunStep;
import io.allot.job.StepTransactions;
import io.allot.solve.SolveOutputs;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Step 4: load the solution into PostgreSQL and make the run current in one transaction. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LockProperties.class)
public class PublishStepConfig {

  @Bean("publish")
  Step publish(JobRepository repository, RunRepository runs,
      AssignmentPublisher publisher) {
    return new StepBuilder("publish", repository).tasklet(new RunStep(runs) {
      @Override
      protected void execute(RunRecord run, StepContribution contribution) throws Exception {
        SolveOutputs out = SolveOutputs.read(run.solveDir());
        AssignmentPublisher.Result r = publisher.publish(run.runId(), out.assignmentFile(run.solveDir()), out.rows(),
            out.options());
        contribution.incrementWriteCount(r.rows());
      }
    }, StepTransactions.none()).build();
  }
}
