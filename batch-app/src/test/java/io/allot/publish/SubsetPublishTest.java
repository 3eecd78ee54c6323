package io.allot.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.allot.solve.SubsetProblem;
import io.allot.solve.AssignmentProblem;
import io.allot.solve.BudgetSpec;
import io.allot.solve.NightlySolve;
import io.allot.solve.SolveOutputs;
import io.allot.solve.SolveSettings;
import io.allot.testing.JobFixture;
import io.allot.testing.SubsetInstances;
import io.allot.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A published SelectLLM subset: one assignment row, one member row per model, restart-safe, readable by serving. */
class SubsetPublishTest {
  private static final int N = 200;
  private static String url;
  private static ConfigurableApplicationContext app;
  private static JdbcTemplate jdbc;
  private static AssignmentPublisher publisher;
  private static Path solveDir;
  private static SolveOutputs solved;

  @BeforeAll
  static void solveAndPublish() throws Exception {
    url = TestDatabase.freshDatabase("subset_publish");
    app = JobFixture.start(url, JobFixture.tempDir("subset-publish-work"));
    jdbc = app.getBean(JdbcTemplate.class);
    publisher = app.getBean(AssignmentPublisher.class);
    AssignmentProblem singles = SubsetInstances.create(N, 11, new long[] {N, N, 60, N});
    AssignmentProblem p = SubsetProblem.addSubsets(singles, new int[] {2, 3});
    solveDir = JobFixture.tempDir("subset-publish-solve");
    solved = new NightlySolve(SolveSettings.defaults().withStepLimits(2_000, 10_000), 0, false)
        .solve(1, p, BudgetSpec.parse(SubsetInstances.budgetInVoteRange(singles, 0.6)), solveDir, List.of(2, 3));
    jdbc.update("""
        INSERT INTO assignment_run (run_id, run_date, status, log_path, settings, started_at)
        VALUES (1, DATE '2026-11-20', 'SOLVED', 'test', '{}'::jsonb, now())""");
    publisher.publish(1, solved.assignmentFile(solveDir), solved.rows(), solved.options());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aSubsetIsOneAssignmentWithOneMemberRowPerModel() {
    assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment", Long.class)).isEqualTo(N);
    String q = jdbc.queryForObject(
        "SELECT min(query_id) FROM current_assignment WHERE option_id = 'a+b+c'", String.class);
    assertThat(q).as("a query assigned the vote").isNotNull();
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM current_assignment WHERE query_id = ?", q);
    assertThat(row.get("model_id")).as("the lead member").isIn("a", "b", "c");
    List<String> members = jdbc.queryForList(
        "SELECT model_id FROM current_assignment_member WHERE query_id = ? ORDER BY member_no", String.class, q);
    assertThat(members).containsExactly("a", "b", "c");
    assertThat(jdbc.queryForList("SELECT is_lead FROM current_assignment_member WHERE query_id = ?", Boolean.class, q))
        .containsExactlyInAnyOrder(true, false, false);

    String single = jdbc.queryForObject(
        "SELECT min(query_id) FROM current_assignment WHERE option_id = model_id", String.class);
    assertThat(jdbc.queryForList("SELECT model_id FROM current_assignment_member WHERE query_id = ?", String.class,
        single)).containsExactly(jdbc.queryForObject("SELECT model_id FROM current_assignment WHERE query_id = ?",
        String.class, single));
    // Every query has exactly its option's members.
    assertThat(jdbc.queryForObject("""
        SELECT count(*) FROM current_assignment a
        WHERE (SELECT count(*) FROM current_assignment_member m WHERE m.query_id = a.query_id)
              <> CASE WHEN a.option_id LIKE '%+%' THEN 3 ELSE 1 END""", Long.class)).isZero();
  }

  @Test
  void sharesCountAVoteOncePerOptionAndOncePerMemberModel() {
    long votes = jdbc.queryForObject("SELECT count(*) FROM current_assignment WHERE option_id = 'a+b+c'", Long.class);
    long aloneC = jdbc.queryForObject("SELECT count(*) FROM current_assignment WHERE option_id = 'c'", Long.class);
    assertThat(jdbc.queryForObject("SELECT queries FROM run_option_share WHERE run_id = 1 AND option_id = 'a+b+c'",
        Long.class)).isEqualTo(votes);
    assertThat(jdbc.queryForObject("SELECT sum(share) FROM run_option_share WHERE run_id = 1", Double.class))
        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(jdbc.queryForObject("SELECT queries FROM run_model_share WHERE run_id = 1 AND model_id = 'c'",
        Long.class)).isEqualTo(votes + aloneC).isLessThanOrEqualTo(60);
    // Model cost adds up to the option cost, which adds up to the run's cost.
    assertThat(jdbc.queryForObject("SELECT sum(cost_usd) FROM run_model_share WHERE run_id = 1", Double.class))
        .isCloseTo(jdbc.queryForObject("SELECT sum(expected_cost_usd) FROM current_assignment", Double.class),
            org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void aRepublishWritesExactlyTheSameRows() throws Exception {
    List<List<Object>> members = rows("SELECT * FROM assignment_option_member WHERE run_id = 1 ORDER BY option_id, member_no");
    List<List<Object>> assignments = rows("SELECT * FROM current_assignment ORDER BY query_id");
    // As if the run had to be published again (a restarted step): it stages, switches and rewrites.
    jdbc.update("UPDATE assignment_run SET status = 'SOLVED' WHERE run_id = 1");
    AssignmentPublisher.Result again = publisher.publish(1, solved.assignmentFile(solveDir), solved.rows(),
        solved.options());
    assertThat(again.alreadyPublished()).isFalse();
    assertThat(rows("SELECT * FROM assignment_option_member WHERE run_id = 1 ORDER BY option_id, member_no"))
        .isEqualTo(members);
    assertThat(rows("SELECT * FROM current_assignment ORDER BY query_id")).isEqualTo(assignments);
  }

  @Test
  void aFileSolvedBeforeTheUpgradeStillPublishes() throws Exception {
    // A run solved by the previous version (5 columns, no option_id) and restarted after the upgrade.
    Path old = JobFixture.tempDir("subset-publish-legacy").resolve("assignments.csv");
    java.nio.file.Files.writeString(old, "\"q-1\",\"t0\",\"a\",0.7,0.01\n\"q-2\",\"t1\",\"d\",0.4,0.001\n");
    jdbc.update("""
        INSERT INTO assignment_run (run_id, run_date, status, log_path, settings, started_at)
        VALUES (2, DATE '2026-11-19', 'SOLVED', 'test', '{}'::jsonb, now())""");
    publisher.publish(2, old, 2, List.of());

    assertThat(jdbc.queryForList("SELECT option_id FROM assignment WHERE run_id = 2", String.class))
        .containsOnlyNulls().hasSize(2);
    assertThat(jdbc.queryForList("SELECT option_id || ':' || model_id || ':' || queries FROM assignment_option_member "
        + "WHERE run_id = 2 ORDER BY option_id", String.class)).containsExactly("a:a:1", "d:d:1");
    assertThat(jdbc.queryForObject("SELECT run_id FROM current_run", Long.class)).as("an older night").isEqualTo(1L);
  }

  @Test
  void servingReadsTheMembersButNotTheTable() throws Exception {
    jdbc.execute("ALTER ROLE allot_reader LOGIN PASSWORD 'reader-pw'");
    String q = jdbc.queryForObject("SELECT min(query_id) FROM current_assignment WHERE option_id = 'a+b+c'",
        String.class);
    try (Connection c = DriverManager.getConnection(url.replace("user=postgres", "user=allot_reader"), "allot_reader",
        "reader-pw"); PreparedStatement ps = c.prepareStatement(
            "SELECT model_id FROM current_assignment_member WHERE query_id = ? ORDER BY member_no")) {
      ps.setString(1, q);
      List<String> models = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          models.add(rs.getString(1));
        }
      }
      assertThat(models).containsExactly("a", "b", "c");
      c.createStatement().executeQuery("SELECT * FROM run_option_share").close();
      // The cascade rule (V12): how the members' answers combine, and why cascades were offered.
      c.createStatement().executeQuery("SELECT option_kind, role FROM current_assignment_member").close();
      c.createStatement().executeQuery("SELECT task, option_id, offered, reason FROM run_cascade_decision").close();
      c.createStatement().executeQuery("SELECT option_id FROM current_assignment").close();
      assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT * FROM assignment_option_member"))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void aPointLookupOfTheMembersUsesTheCurrentPartitionsKey() {
    String q = jdbc.queryForObject("SELECT min(query_id) FROM current_assignment", String.class);
    String plan = String.join("\n", jdbc.execute((java.sql.Statement st) -> {
      st.execute("SET enable_seqscan = off");
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
          + "SELECT model_id FROM current_assignment_member WHERE query_id = '" + q + "'")) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      st.execute("RESET enable_seqscan");
      return lines;
    }));
    // Index access only; another run's partition (the legacy test's run 2) is pruned at run time.
    assertThat(plan).contains("Index Scan using assignment_r1_pkey")
        .containsPattern("Index Scan using assignment_option_member_\\w+|Bitmap Index Scan on assignment_option_member_")
        .doesNotContain("Seq Scan on assignment")
        .doesNotContainPattern("assignment_r2_pkey on assignment_r2 a_\\d+ \\(actual");
  }

  private static List<List<Object>> rows(String sql) {
    return jdbc.query(sql, (rs, i) -> {
      List<Object> row = new ArrayList<>();
      for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
        row.add(rs.getObject(c));
      }
      return row;
    });
  }
}
