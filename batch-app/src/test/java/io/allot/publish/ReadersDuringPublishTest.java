package io.allot.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.cli.WriterNights;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Readers polling current_assignment while the next night publishes see one whole run or the other.
 * The readers poll from the end of the first run of {@link WriterNights} (shared with
 * WriterRoleJobTest and RetentionTest) to the end of the second.
 */
class ReadersDuringPublishTest {

  @Test
  void noReaderEverSeesAPartRun() throws Exception {
    WriterNights nights = WriterNights.get();
    PublishReaders.Seen seen = nights.secondPublish();
    JdbcTemplate jdbc = nights.jdbc();
    Map<Long, Long> valid = new HashMap<>();
    jdbc.query("SELECT run_id, queries_valid FROM assignment_run", rs -> {
      valid.put(rs.getLong(1), rs.getLong(2));
    });
    List<Long> runIds = nights.runIds();
    assertThat(seen.reads()).isGreaterThan(10);
    assertThat(seen.mixed()).isZero();
    assertThat(seen.rowsSeen().keySet()).containsExactlyInAnyOrder(runIds.get(0), runIds.get(1));
    seen.rowsSeen().forEach((runId, count) ->
        assertThat(count).as("rows seen for run %d", runId).isEqualTo(valid.get(runId)));
  }
}
