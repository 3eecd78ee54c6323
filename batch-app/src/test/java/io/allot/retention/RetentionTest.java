package io.allot.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.cli.WriterNights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Old runs' partitions and folders go; recent runs and the current one stay. Asserted on three
 * nights run with a one-day retention window ({@link WriterNights}, shared with WriterRoleJobTest).
 */
class RetentionTest {

  @Test
  void runsOlderThanTheRetentionWindowArePruned() throws Exception {
    WriterNights nights = WriterNights.get();
    JdbcTemplate jdbc = nights.jdbc();
    Path work = nights.work();
    List<Long> runIds = nights.runIds();
    long oldest = runIds.get(0);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relname = ?", Long.class,
        "assignment_r" + oldest)).isZero();
    assertThat(jdbc.queryForObject("SELECT pruned_at IS NOT NULL FROM assignment_run WHERE run_id = ?",
        Boolean.class, oldest)).isTrue();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM assignment_option_member WHERE run_id = ?", Long.class,
        oldest)).as("option members of the pruned run").isZero();
    assertThat(Files.exists(work.resolve("runs/" + WriterNights.firstNight() + "-r" + oldest))).isFalse();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_query WHERE run_id = ?", Long.class, oldest))
        .as("the pruned run's reject reasons stay").isPositive();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_query WHERE run_id = ? AND raw IS NOT NULL",
        Long.class, oldest)).as("the pruned run's raw query text goes").isZero();
    for (long kept : runIds.subList(1, 3)) {
      assertThat(jdbc.queryForObject("SELECT count(*) FROM assignment WHERE run_id = ?", Long.class, kept))
          .isPositive();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM assignment_option_member WHERE run_id = ?", Long.class,
          kept)).isPositive();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_query WHERE run_id = ? AND raw IS NOT NULL",
          Long.class, kept)).isPositive();
    }
    assertThat(Files.exists(work.resolve("runs/" + WriterNights.firstNight().plusDays(1) + "-r" + runIds.get(1))))
        .isTrue();
    assertThat(jdbc.queryForObject("SELECT run_id FROM current_run", Long.class)).isEqualTo(runIds.get(2));
  }

  /** The plan against what was served, on the same nights (RealisedNights, run while the app was open). */
  @Test
  void theLastNightComparedTheEarlierRunsWithTheirOutcomes() throws Exception {
    WriterNights.get().verifyRealised();
  }
}
