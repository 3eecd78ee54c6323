package io.allot.bandit.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.bandit.TiUcbSettings;
import io.allot.testing.TestDatabase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The select-models step's tables on a real PostgreSQL with the real migrations. */
class BanditRepositoryTest {
  static final BanditSettings SETTINGS = new BanditSettings(true, new TiUcbSettings(8, 0.05, 1.0, 0.6), 3, 0.01, 0.05, 30);
  static final LocalDate DAY0 = LocalDate.parse("2026-03-01");

  private BanditRepository repo;
  private JdbcTemplate jdbc;

  @BeforeEach
  void freshSchema() {
    String url = TestDatabase.freshDatabase("bandit");
    Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
    DriverManagerDataSource ds = new DriverManagerDataSource(url, "postgres", "");
    repo = new BanditRepository(ds);
    jdbc = new JdbcTemplate(ds);
  }

  /** Run k reads night k-1's rewards: "ft" rises 0.02 a night until night 20, "api" stays at 0.8. */
  private ModelSelection.Result night(int k, List<String> catalog) {
    LocalDate reward = DAY0.plusDays(k - 1);
    List<ModelSelection.Observation> obs = new ArrayList<>();
    for (String id : catalog) {
      double r = id.equals("ft") ? 0.5 + 0.02 * Math.min(k, 20) : 0.8;
      obs.add(new ModelSelection.Observation(id, reward, r + 0.002 * ((k * 7 + id.length()) % 3 - 1), 1000));
    }
    return repo.update(100 + k, reward.plusDays(1), catalog, obs, SETTINGS);
  }

  private List<List<Map<String, Object>>> dump() {
    return List.of(jdbc.queryForList("SELECT * FROM bandit_arm ORDER BY model_id"),
        jdbc.queryForList("SELECT * FROM bandit_observation ORDER BY model_id, night"),
        jdbc.queryForList("SELECT * FROM convergence_event ORDER BY model_id, detected_night"));
  }

  @Test
  void rerunningANightWritesTheSameRows() {
    for (int k = 1; k <= 5; k++) {
      night(k, List.of("ft", "api"));
    }
    var before = dump();
    night(5, List.of("ft", "api"));
    assertThat(dump()).isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM bandit_observation", Long.class)).isEqualTo(10);
    assertThat(jdbc.queryForObject("SELECT pulls FROM bandit_arm WHERE model_id = 'ft'", Integer.class)).isEqualTo(5);
  }

  @Test
  void newCatalogModelsGetAnArmAndRemovedOnesAreRetired() {
    night(1, List.of("ft", "api"));
    night(2, List.of("ft", "api"));
    ModelSelection.Result r = night(3, List.of("ft", "new-ckpt"));
    assertThat(jdbc.queryForList("SELECT model_id FROM bandit_arm WHERE retired_on IS NULL ORDER BY 1", String.class))
        .containsExactly("ft", "new-ckpt");
    assertThat(jdbc.queryForObject("SELECT retired_on FROM bandit_arm WHERE model_id = 'api'", LocalDate.class))
        .isEqualTo(DAY0.plusDays(3));
    assertThat(r.decision("new-ckpt").explorationShare()).as("a new arm is explored").isPositive();
    night(4, List.of("ft", "api"));
    assertThat(jdbc.queryForObject("SELECT retired_on FROM bandit_arm WHERE model_id = 'api'", LocalDate.class))
        .as("back in the catalog").isNull();
  }

  @Test
  void convergenceIsStoredAndQueryableThroughTheView() {
    for (int k = 1; k <= 34; k++) {
      night(k, List.of("ft", "api"));
    }
    List<Map<String, Object>> events = jdbc.queryForList("SELECT * FROM model_convergence");
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).containsEntry("model_id", "ft").containsEntry("kind", "converged");
    LocalDate change = ((java.sql.Date) events.get(0).get("change_night")).toLocalDate();
    assertThat(change).isBetween(DAY0.plusDays(19 - 8), DAY0.plusDays(19 + 8));
    var before = dump();
    night(34, List.of("ft", "api"));
    assertThat(dump()).isEqualTo(before);
    // The rising model's trend quality is above its 30-night mean: a positive shift for the solver.
    assertThat(jdbc.queryForObject("SELECT quality_shift FROM bandit_arm WHERE model_id = 'ft'", Double.class))
        .isPositive();
  }

  @Test
  void theReaderSeesOnlyTheViewAndTheWriterWritesTheTables() {
    String sql = "SELECT has_table_privilege(?, ?, ?)";
    assertThat(jdbc.queryForObject(sql, Boolean.class, "allot_reader", "model_convergence", "SELECT")).isTrue();
    for (String table : List.of("convergence_event", "bandit_arm", "bandit_observation")) {
      assertThat(jdbc.queryForObject(sql, Boolean.class, "allot_reader", table, "SELECT")).as(table).isFalse();
      assertThat(jdbc.queryForObject(sql, Boolean.class, "allot_writer", table, "INSERT")).as(table).isTrue();
    }
  }
}
