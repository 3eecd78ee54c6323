package io.allot.ingest;

import io.allot.spark.ingest.RejectedSchema;
import io.allot.publish.PgCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Iterator;
import javax.sql.DataSource;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.springframework.stereotype.Component;

/**
 * Replaces a run's rejected rows of one source with the rejected Parquet a Spark job wrote, in one
 * transaction, so a rerun of the step never duplicates them.
 */
@Component
public class RejectedRowsLoader {
  private final DataSource dataSource;

  public RejectedRowsLoader(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public long load(SparkSession spark, long runId, String source, Path rejectedDir) throws Exception {
    return load(spark, runId, source, rejectedDir, Long.MAX_VALUE);
  }

  /** As {@link #load(SparkSession, long, String, Path)}, keeping only the first {@code limit} rows. */
  public long load(SparkSession spark, long runId, String source, Path rejectedDir, long limit) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rejected_query WHERE run_id = ? AND source = ?")) {
          ps.setLong(1, runId);
          ps.setString(2, source);
          ps.executeUpdate();
        }
        long n = 0;
        if (Files.isDirectory(rejectedDir)) {
          var all = spark.read().parquet(rejectedDir.toString())
              .select(RejectedSchema.SOURCE, RejectedSchema.RECORD_REF, RejectedSchema.QUERY_ID,
                  RejectedSchema.FIELD, RejectedSchema.REASON, RejectedSchema.RAW);
          Iterator<Row> rows = (limit < Long.MAX_VALUE ? all.limit((int) Math.min(limit, Integer.MAX_VALUE)) : all)
              .toLocalIterator();
          Iterator<Object[]> mapped = new Iterator<>() {
            @Override
            public boolean hasNext() {
              return rows.hasNext();
            }

            @Override
            public Object[] next() {
              Row r = rows.next();
              return new Object[] {runId, storable(r.getString(0)), storable(r.getString(1)), storable(r.getString(2)),
                  storable(r.getString(3)), storable(r.getString(4)), storable(r.getString(5))};
            }
          };
          n = PgCopy.copy(c, "rejected_query", "run_id, source, record_ref, query_id, field, reason, raw", mapped);
        }
        c.commit();
        return n;
      } catch (Exception e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * A rejected line may hold a raw NUL (that is often why it was rejected); PostgreSQL text cannot,
   * and failing here would fail the ingest on every attempt. It is stored as the escape {@code \\u0000}.
   */
  static String storable(String s) {
    return s == null || s.indexOf('\u0000') < 0 ? s : s.replace("\u0000", "\\u0000");
  }
}
