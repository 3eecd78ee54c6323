package io.allot.publish;

import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.run.RunStep;
import io.allot.solve.SolveOutputs;
import org.springframework.batch.core.StepContribution;
import org.springframework.stereotype.Component;

/**
 * Step 6, publish: loads the solve step's assignment into PostgreSQL and makes the run current in
 * one transaction ({@link AssignmentPublisher}).
 */
@Component
public class PublishStep extends RunStep {
  public static final String NAME = "publish";

  private final AssignmentPublisher publisher;

  public PublishStep(RunRepository runs, AssignmentPublisher publisher) {
    super(runs);
    this.publisher = publisher;
  }

  @Override
  protected void execute(RunRecord run, StepContribution contribution) throws Exception {
    SolveOutputs out = SolveOutputs.read(run.solveDir());
    AssignmentPublisher.Result r = publisher.publish(run.runId(), out.assignmentFile(run.solveDir()), out.rows(),
        out.options());
    contribution.incrementWriteCount(r.rows());
  }
}
