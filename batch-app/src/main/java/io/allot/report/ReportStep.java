package io.allot.report;

import io.allot.bandit.nightly.BanditRepository;
import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import io.allot.run.FaultPoints;
import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.run.RunStep;
import io.allot.solve.SolveOutputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Step 8, report: the run's HTML report ({@link RunReport}, its sections, {@link BanditReport}) in
 * the run folder (and a copy in allot.report.dir when set), the page across runs ({@link
 * ReportIndex}) in {@code <work-dir>/reports/index.html}, then the run is marked finished.
 */
@Component
public class ReportStep extends RunStep {
  public static final String NAME = "report";
  private static final Logger log = LoggerFactory.getLogger(ReportStep.class);

  private final RunRepository runs;
  private final JdbcTemplate jdbc;
  private final AllotProperties props;

  public ReportStep(RunRepository runs, JdbcTemplate jdbc, AllotProperties props) {
    super(runs);
    this.runs = runs;
    this.jdbc = jdbc;
    this.props = props;
  }

  @Override
  protected void execute(RunRecord run, StepContribution contribution) throws Exception {
    SolveOutputs solved = SolveOutputs.read(run.solveDir());
    RunReport.Intake intake = jdbc.queryForObject(
        "SELECT queries_total, queries_valid, queries_rejected FROM assignment_run WHERE run_id = ?",
        (rs, i) -> new RunReport.Intake(rs.getLong(1), rs.getLong(2), rs.getLong(3)), run.runId());
    long id = run.runId();
    String html = RunReport.html(id, run.settings().runDate(), intake, solved);
    html = html.replaceFirst("</h1>\n", "</h1>\n" + java.util.regex.Matcher.quoteReplacement(
        RealisedSection.banner(jdbc, id)));
    html = insertBeforeEnd(html, OperationsSections.spendPerTenant(jdbc, id) + OperationsSections.constraints(jdbc, id)
        + OperationsSections.routingPolicy(jdbc, id) + OperationsSections.predictor(jdbc, id)
        + OperationsSections.rejects(jdbc, id) + RealisedSection.html(jdbc, id));
    html = BanditReport.addTo(html, new BanditRepository(jdbc.getDataSource()), run.settings().runDate());
    Path file = run.reportDir().resolve("index.html");
    Files.createDirectories(file.getParent());
    Files.writeString(file, html, StandardCharsets.UTF_8);
    if (!props.report().dir().isBlank()) {
      Path copy = AllotHome.path(props.report().dir()).resolve(run.settings().runDate() + "-r" + run.runId() + ".html");
      Files.createDirectories(copy.getParent());
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    Path index = ReportIndex.write(jdbc, AllotHome.path(props.workDir()));
    FaultPoints.reached("report.written");
    runs.recordFinished(run.runId(), file.toString());
    log.info("run {} report: {} (all runs: {})", run.runId(), file, index);
  }

  static String insertBeforeEnd(String html, String sections) {
    int end = html.lastIndexOf("</body>");
    return end < 0 ? html + sections : html.substring(0, end) + sections + html.substring(end);
  }
}
