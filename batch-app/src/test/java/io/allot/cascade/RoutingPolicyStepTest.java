package io.allot.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allot.job.NightlyJobLauncher;
import io.allot.run.RunRepository;
import io.allot.job.RunRequest;
import io.allot.run.RunSettings;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The routingPolicy step inside the nightly job (real PostgreSQL and Spark): one row per tenant and
 * task within the budget, the same rows when the step runs again, and a serving view the reader
 * role can query. The SIGKILL-and-restart case is in CrashRestartTest (fault point routing.written).
 */
class RoutingPolicyStepTest {
  private static final String POLICY = "SELECT tenant, task, small_model_id, escalation_model_id, margin_threshold,"
      + " escalate_without_margin, queries, queries_without_margin, escalated_queries, expected_escalation_share,"
      + " budget_share_usd, expected_cost_usd, expected_quality FROM routing_policy ORDER BY tenant, task";
  private static Path data;
  private static String url;
  private static List<Map<String, Object>> afterRestart;
  private static List<Map<String, Object>> firstRun;

  @BeforeAll
  static void runTheNight() throws Exception {
    data = JobFixture.tempDir("routing-night");
    JobFixture.generate(data, 3_000, 23, 0);
    url = TestDatabase.freshDatabase("routing");
    try (ConfigurableApplicationContext app = JobFixture.start(url, JobFixture.tempDir("routing-work"))) {
      RunSettings settings = new RunSettings(JobFixture.NIGHT, data.resolve("logs/date=" + JobFixture.NIGHT).toString(),
          data.resolve("logs").toString(), data.resolve("outcomes").toString(), 30, "20%");
      JobExecution e = app.getBean(NightlyJobLauncher.class).run(new RunRequest(JobFixture.NIGHT, 0, settings));
      assertThat(e.getStatus()).as("%s", e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
      // What a restart of the step does: run its work again over what an earlier attempt left,
      // here with a stale row of a group the night does not have.
      JdbcTemplate db = app.getBean(JdbcTemplate.class);
      long runId = e.getJobInstance().getInstanceId();
      firstRun = db.queryForList(POLICY);
      db.update("INSERT INTO routing_policy SELECT run_id, 'stale-tenant', task, small_model_id, escalation_model_id,"
          + " margin_threshold, escalate_without_margin, queries, queries_without_margin, escalated_queries,"
          + " expected_escalation_share, budget_share_usd, expected_cost_usd, expected_quality FROM routing_policy"
          + " WHERE run_id = ? LIMIT 1", runId);
      app.getBean(RoutingPolicyWriter.class).write(app.getBean(RunRepository.class).load(runId));
      afterRestart = db.queryForList(POLICY);
    }
  }

  private static JdbcTemplate jdbc(String url) {
    return new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
  }

  @Test
  void oneRowPerTenantAndTaskOfTheNightWithinTheBudget() throws Exception {
    Set<String> pairs = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(data.resolve("logs/date=" + JobFixture.NIGHT + "/queries.jsonl"))) {
      JsonNode q = json.readTree(line);
      pairs.add(q.get("tenant").asText() + "/" + q.get("task").asText());
    }
    JdbcTemplate db = jdbc(url);
    List<Map<String, Object>> rows = db.queryForList(POLICY);
    Set<String> published = new TreeSet<>();
    rows.forEach(r -> published.add(r.get("tenant") + "/" + r.get("task")));
    assertThat(published).isEqualTo(pairs);
    assertThat(rows.stream().mapToLong(r -> (Long) r.get("queries")).sum()).isEqualTo(3_000);

    double budget = db.queryForObject("SELECT budget_usd FROM assignment_run", Double.class);
    double spent = db.queryForObject("SELECT sum(expected_cost_usd) FROM routing_policy", Double.class);
    double shares = db.queryForObject("SELECT sum(budget_share_usd) FROM routing_policy", Double.class);
    assertThat(spent).isLessThanOrEqualTo(budget).isGreaterThan(0.95 * budget);
    assertThat(shares).isCloseTo(budget, org.assertj.core.data.Offset.offset(1e-9 * budget));
    assertThat(rows).allSatisfy(r -> {
      assertThat((Double) r.get("expected_cost_usd")).isLessThanOrEqualTo((Double) r.get("budget_share_usd") * (1 + 1e-9));
      assertThat((String) r.get("small_model_id")).isEqualTo("llama-3.1-8b-ft");
      assertThat((String) r.get("escalation_model_id")).isNotEqualTo("llama-3.1-8b-ft");
      assertThat((Double) r.get("expected_quality")).isBetween(0.0, 1.0);
    });
    assertThat(rows).anySatisfy(r -> assertThat((Long) r.get("escalated_queries")).isPositive());

    Map<String, Object> cal = db.queryForMap("SELECT method, held_out_rows, ece_raw, ece_isotonic FROM small_model_calibration");
    assertThat(cal.get("method")).isEqualTo("isotonic");
    assertThat((Long) cal.get("held_out_rows")).isPositive();
    assertThat((Double) cal.get("ece_isotonic")).isLessThan((Double) cal.get("ece_raw"));
  }

  @Test
  void runningTheStepAgainLeavesTheSameRows() {
    assertThat(firstRun).hasSizeGreaterThan(4);
    assertThat(afterRestart).isEqualTo(firstRun);
  }

  @Test
  void theReaderRoleAppliesTheCurrentPolicyWithPlainSql() throws Exception {
    jdbc(url).execute("ALTER ROLE allot_reader LOGIN PASSWORD 'reader-pw'");
    String readerUrl = url.replace("user=postgres", "user=allot_reader");
    try (Connection c = DriverManager.getConnection(readerUrl, "allot_reader", "reader-pw")) {
      Map<String, Object> row = jdbc(url).queryForList(
          "SELECT tenant, task, margin_threshold FROM routing_policy WHERE margin_threshold > 0"
              + " AND margin_threshold < 'Infinity' LIMIT 1").get(0);
      double threshold = (Double) row.get("margin_threshold");
      // The README's serving query: escalate when the new query's margin is below the threshold.
      String serving = "SELECT CASE WHEN ?::double precision IS NULL THEN escalate_without_margin"
          + " ELSE ?::double precision < margin_threshold END AS escalate, small_model_id, escalation_model_id"
          + " FROM current_routing_policy WHERE tenant = ? AND task = ?";
      assertThat(escalates(c, serving, threshold * 0.5, row)).isTrue();
      assertThat(escalates(c, serving, threshold * 2, row)).isFalse();
      assertThat(escalates(c, serving, null, row)).isTrue();
      assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT * FROM routing_policy").close())
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT * FROM small_model_calibration").close())
          .hasMessageContaining("permission denied");
    }
  }

  private static boolean escalates(Connection c, String sql, Double margin, Map<String, Object> group) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, margin, java.sql.Types.DOUBLE);
      ps.setObject(2, margin, java.sql.Types.DOUBLE);
      ps.setString(3, (String) group.get("tenant"));
      ps.setString(4, (String) group.get("task"));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBoolean(1);
      }
    }
  }
}
