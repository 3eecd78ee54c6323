package io.allot.retention;

import io.allot.run.FaultPoints;
import io.allot.publish.LockProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drops what old runs leave behind: their assignment partitions (attached or only staged), their
 * option member rows, the raw text of their rejected records and their run folders. The cut-off is relative to the run being made, not to
 * the clock, so a restarted run prunes exactly what the first attempt would have; the current run is never pruned.
 */
public final class RetentionPolicy {
  private static final Logger log = LoggerFactory.getLogger(RetentionPolicy.class);
  private final JdbcTemplate jdbc;
  private final Path runsDir;
  private final LockProperties locks;

  public RetentionPolicy(JdbcTemplate jdbc, Path runsDir, LockProperties locks) {
    this.jdbc = jdbc;
    this.runsDir = runsDir;
    this.locks = locks;
  }

  public record Pruned(List<Long> partitions, List<Path> folders) {}

  public Pruned prune(LocalDate runDate, int days) throws IOException {
    LocalDate cutoff = runDate.minusDays(days);
    List<Long> dropped = new ArrayList<>();
    List<Long> old = jdbc.queryForList("""
        SELECT r.run_id FROM assignment_run r
        WHERE r.run_date < ? AND r.run_id IS DISTINCT FROM (SELECT run_id FROM current_run)
          AND EXISTS (SELECT 1 FROM pg_class k WHERE k.relname = 'assignment_r' || r.run_id)
        ORDER BY r.run_id""", Long.class, cutoff);
    for (long runId : old) {
      String partition = "assignment_r" + runId;
      if (!Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> PartitionDrop.drop(c, partition, locks)))) {
        continue;
      }
      jdbc.update("UPDATE assignment_run SET pruned_at = now() WHERE run_id = ?", runId);
      dropped.add(runId);
    }
    // The option members of pruned runs go with their partitions (also those of a run whose
    // pruning a crash cut short after pruned_at was set).
    int members = jdbc.update("""
        DELETE FROM assignment_option_member m USING assignment_run r
        WHERE m.run_id = r.run_id AND r.pruned_at IS NOT NULL""");
    if (members > 0) {
      log.info("retention: deleted {} option member rows of pruned runs", members);
    }
    // The raw lines of rejected records are query text: they go with their run's age, also for
    // runs that failed and never had a partition. Record, field and reason stay for the counts.
    int raws = jdbc.update("""
        UPDATE rejected_query q SET raw = NULL FROM assignment_run r
        WHERE q.run_id = r.run_id AND q.raw IS NOT NULL AND r.run_date < ?
          AND r.run_id IS DISTINCT FROM (SELECT run_id FROM current_run)""", cutoff);
    if (raws > 0) {
      log.info("retention: removed the raw text of {} rejected records of runs before {}", raws, cutoff);
    }
    FaultPoints.reached("retention.partitions-dropped");
    List<Path> folders = oldFolders(cutoff);
    for (Path f : folders) {
      deleteTree(f);
    }
    if (!dropped.isEmpty() || !folders.isEmpty()) {
      log.info("retention ({} days before {}): dropped {} assignment partitions and {} run folders", days, runDate,
          dropped.size(), folders.size());
    }
    return new Pruned(dropped, folders);
  }

  /** Run folders are named {@code <date>-r<run_id>}; those dated before the cut-off go, except the current run's. */
  private List<Path> oldFolders(LocalDate cutoff) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(runsDir)) {
      return out;
    }
    Long current = jdbc.query("SELECT run_id FROM current_run", rs -> rs.next() ? rs.getLong(1) : null);
    try (Stream<Path> s = Files.list(runsDir)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        int r = name.lastIndexOf("-r");
        if (r != 10) {
          continue;
        }
        try {
          LocalDate d = LocalDate.parse(name.substring(0, 10));
          long id = Long.parseLong(name.substring(r + 2));
          if (d.isBefore(cutoff) && (current == null || id != current)) {
            out.add(p);
          }
        } catch (RuntimeException notARunFolder) {
          // someone else's folder: leave it alone
        }
      }
    }
    return out;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
