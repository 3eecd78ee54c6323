package io.allot.report;

import io.allot.report.BanditReport;
import io.allot.bandit.nightly.BanditRepository;
import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import io.allot.job.FaultPoints;
import io.allot.job.RunRecord;
import io.allot.job.RunRepository;
import io.allot.job.RunStep;
import io.allot.job.StepTransactions;
import io.allot.solve.SolveOutputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Step 5: the run's HTML report and its summary row. */
@Configuration(proxyBeanMethods = false)
public class ReportStepConfig {
  private static final Logger log = LoggerFactory.getLogger(ReportStepConfig.class);

  @Bean("report")
  Step report(JobRepository repository, RunRepository runs, JdbcTemplate jdbc, AllotProperties props) {
    return new StepBuilder("report", repository).tasklet(new RunStep(runs) {
      @Override
      protected void execute(RunRecord run, StepContribution contribution) throws Exception {
        SolveOutputs solved = SolveOutputs.read(run.solveDir());
        RunReport.Intake intake = jdbc.queryForObject(
            "SELECT queries_total, queries_valid, queries_rejected FROM assignment_run WHERE run_id = ?",
            (rs, i) -> new RunReport.Intake(rs.getLong(1), rs.getLong(2), rs.getLong(3)), run.runId());
        String html = BanditReport.addTo(RunReport.html(run.runId(), run.settings().runDate(), intake, solved),
            new BanditRepository(jdbc.getDataSource()), run.settings().runDate());
        Path file = run.reportDir().resolve("index.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);
        if (!props.report().dir().isBlank()) {
          Path copy = AllotHome.path(props.report().dir()).resolve(run.settings().runDate() + "-r" + run.runId() + ".html");
          Files.createDirectories(copy.getParent());
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        FaultPoints.reached("report.written");
        runs.recordFinished(run.runId(), file.toString());
        log.info("run {} report: {}", run.runId(), file);
      }
    }, StepTransactions.none()).build();
  }
}
