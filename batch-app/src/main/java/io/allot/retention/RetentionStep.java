package io.allot.retention;

import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import io.allot.publish.LockProperties;
import io.allot.report.ReportIndex;
import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.run.RunStep;
import org.springframework.batch.core.StepContribution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Step 9, retention: drops assignment partitions and run folders older than allot.retention.days ({@link RetentionPolicy}). */
@Component
public class RetentionStep extends RunStep {
  public static final String NAME = "retention";

  private final RetentionPolicy policy;
  private final AllotProperties props;
  private final JdbcTemplate jdbc;

  public RetentionStep(RunRepository runs, JdbcTemplate jdbc, AllotProperties props, LockProperties locks) {
    super(runs);
    this.props = props;
    this.jdbc = jdbc;
    this.policy = new RetentionPolicy(jdbc, AllotHome.path(props.workDir()).resolve("runs"), locks);
  }

  @Override
  protected void execute(RunRecord run, StepContribution contribution) throws Exception {
    policy.prune(run.settings().runDate(), props.retention().days());
    ReportIndex.write(jdbc, AllotHome.path(props.workDir())); // without links to the folders just removed
  }
}
