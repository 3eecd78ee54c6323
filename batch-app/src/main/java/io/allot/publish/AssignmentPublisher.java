package io.allot.publish;

import io.allot.run.FaultPoints;
import io.allot.solve.AssignmentFile;
import io.allot.solve.OptionUse;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes a run's assignments. The rows are loaded into a table of their own, outside the
 * partitioned {@code assignment} table; one short transaction then attaches it as the run's
 * partition and makes the run current. Readers of {@code current_assignment} therefore see the
 * previous run or the whole new one, never a part, and the long load takes no lock they wait on.
 * The same transaction writes the run's option members ({@link OptionMembers}).
 */
@Component
public class AssignmentPublisher {
  private static final Logger log = LoggerFactory.getLogger(AssignmentPublisher.class);
  private final DataSource dataSource;
  private final LockProperties locks;

  public AssignmentPublisher(DataSource dataSource, LockProperties locks) {
    this.dataSource = dataSource;
    this.locks = locks;
  }

  /** How rows reach the staging table; COPY in production, JDBC batches for comparison. */
  public enum Loader { COPY, JDBC_BATCH }

  public record Result(long rows, long loadMillis, boolean alreadyPublished) {}

  /** Publishes a file of single-model assignments (each row's option is its model). */
  public Result publish(long runId, Path assignments, long expectedRows) throws SQLException, IOException {
    return publish(runId, assignments, expectedRows, List.of(), Loader.COPY);
  }

  /**
   * @param options the solve's options with their members ({@link OptionUse}); empty when every
   *     row is a single model, whose member rows are then derived from the loaded rows
   */
  public Result publish(long runId, Path assignments, long expectedRows, List<OptionUse> options)
      throws SQLException, IOException {
    return publish(runId, assignments, expectedRows, options, Loader.COPY);
  }

  public Result publish(long runId, Path assignments, long expectedRows, List<OptionUse> options, Loader loader)
      throws SQLException, IOException {
    String partition = partitionName(runId);
    try (Connection c = dataSource.getConnection()) {
      if (isPublished(c, runId, partition, expectedRows)) {
        log.info("run {} is already published with {} rows; nothing to do", runId, expectedRows);
        return new Result(expectedRows, 0, true);
      }
      long t0 = System.nanoTime();
      long rows = stage(c, runId, partition, assignments, expectedRows, loader);
      long loadMillis = (System.nanoTime() - t0) / 1_000_000;
      FaultPoints.reached("publish.staged");
      ShortLocks.retry("publish of run " + runId + " (the switch to it)", locks, () -> {
        switchTo(c, runId, partition, options);
        return null;
      });
      FaultPoints.reached("publish.switched");
      log.info("run {} published: {} rows in {} ms ({} rows/s)", runId, rows, loadMillis,
          loadMillis == 0 ? rows : rows * 1000 / loadMillis);
      return new Result(rows, loadMillis, false);
    }
  }

  /**
   * Loads a file into the run's staging table without attaching it (benchmarks compare loaders
   * with this); the caller drops the table.
   */
  public long loadOnly(long runId, Path assignments, long expectedRows, Loader loader) throws SQLException, IOException {
    try (Connection c = dataSource.getConnection()) {
      return stage(c, runId, partitionName(runId), assignments, expectedRows, loader);
    }
  }

  public void dropStaging(long runId) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + partitionName(runId));
    }
  }

  static String partitionName(long runId) {
    return "assignment_r" + runId;
  }

  private boolean isPublished(Connection c, long runId, String partition, long expectedRows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT r.status = 'PUBLISHED' AND EXISTS (
                 SELECT 1 FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid WHERE k.relname = ?)
        FROM assignment_run r WHERE r.run_id = ?""")) {
      ps.setString(1, partition);
      ps.setLong(2, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !rs.getBoolean(1)) {
          return false;
        }
      }
    }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + partition)) {
      rs.next();
      if (rs.getLong(1) != expectedRows) {
        throw new IllegalStateException("run " + runId + " is published with " + rs.getLong(1)
            + " rows but its solution has " + expectedRows + "; start a new attempt to republish");
      }
      return true;
    }
  }

  private long stage(Connection c, long runId, String partition, Path file, long expectedRows, Loader loader)
      throws SQLException, IOException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      // Leftovers of an attempt killed before the attach: never attached, so never visible.
      st.execute("DROP TABLE IF EXISTS " + partition);
      st.execute("CREATE TABLE " + partition + " (LIKE assignment INCLUDING DEFAULTS)");
      st.execute("ALTER TABLE " + partition + " ALTER COLUMN run_id SET DEFAULT " + runId);
      long rows = loader == Loader.COPY ? copy(c, partition, file, expectedRows) : batchInsert(c, partition, file);
      if (rows != expectedRows) {
        throw new IllegalStateException("loaded " + rows + " rows into " + partition + " but the solution has "
            + expectedRows + "; the assignment file " + file + " is damaged: rerun the solve step");
      }
      st.execute("ALTER TABLE " + partition + " ADD PRIMARY KEY (run_id, query_id)");
      // Lets ATTACH skip its validation scan.
      st.execute("ALTER TABLE " + partition + " ADD CONSTRAINT " + partition + "_run CHECK (run_id = " + runId + ")");
      c.commit();
      return rows;
    } catch (SQLException | IOException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private long copy(Connection c, String partition, Path file, long expectedRows) throws SQLException, IOException {
    try (Reader in = new ProgressReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), Files.size(file),
        "publish COPY into " + partition)) {
      return c.unwrap(PGConnection.class).getCopyAPI().copyIn(
          "COPY " + partition + " (" + AssignmentFile.columnsOf(file) + ") FROM STDIN WITH (FORMAT csv)", in);
    }
  }

  private long batchInsert(Connection c, String partition, Path file) throws SQLException, IOException {
    long rows = 0;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + partition + " (" + AssignmentFile.COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?)"); var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      for (var it = lines.iterator(); it.hasNext(); ) {
        AssignmentFile.Row r = AssignmentFile.parse(it.next());
        ps.setString(1, r.queryId());
        ps.setString(2, r.tenant());
        ps.setString(3, r.modelId());
        ps.setDouble(4, r.expectedQuality());
        ps.setDouble(5, r.expectedCostUsd());
        ps.setString(6, r.optionId());
        ps.addBatch();
        if (++rows % 5000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    return rows;
  }

  private void switchTo(Connection c, long runId, String partition, List<OptionUse> options) throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      ShortLocks.setLocal(st, locks);
      OptionMembers.replace(c, runId, partition, options);
      st.execute("ALTER TABLE assignment ATTACH PARTITION " + partition + " FOR VALUES IN (" + runId + ")");
      st.execute("UPDATE assignment_run SET status = 'PUBLISHED', published_at = now() WHERE run_id = " + runId);
      // A reader over the extended protocol plans at Bind and takes a new snapshot at Execute: planned
      // before this commit (without the new partition) but executed after it (current_run = the new
      // run), it would see an empty current_assignment (ReadersDuringPublishTest caught one). Every
      // current_* view reads current_run, so holding it exclusively until commit makes such a reader
      // finish first, and a later one plan after the commit. The wait is this short transaction.
      st.execute("LOCK TABLE current_run IN ACCESS EXCLUSIVE MODE");
      // The newest run date wins, so catching up an old night does not replace a newer one.
      st.execute("""
          INSERT INTO current_run (singleton, run_id, switched_at)
          SELECT true, run_id, now() FROM assignment_run WHERE status = 'PUBLISHED'
          ORDER BY run_date DESC, published_at DESC LIMIT 1
          ON CONFLICT (singleton) DO UPDATE SET run_id = EXCLUDED.run_id, switched_at = EXCLUDED.switched_at
          WHERE current_run.run_id IS DISTINCT FROM EXCLUDED.run_id""");
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
