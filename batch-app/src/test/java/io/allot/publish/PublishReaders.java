package io.allot.publish;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serving readers polling current_assignment while a night publishes: each read records whether
 * the rows came from more than one run, and how many rows each run showed.
 */
public final class PublishReaders implements AutoCloseable {
  /**
   * @param reads reads done
   * @param mixed reads that saw rows of more than one run
   * @param rowsSeen per run id: the row count every read of it saw, or -1 when two reads disagreed
   */
  public record Seen(long reads, long mixed, Map<Long, Long> rowsSeen) {}

  private final Map<Long, Long> seen = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong mixed = new AtomicLong();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService pool;
  private final List<Future<?>> tasks = new ArrayList<>();

  /** Starts {@code threads} readers on the database at {@code url} (user postgres). */
  public PublishReaders(String url, int threads) {
    pool = Executors.newFixedThreadPool(threads);
    for (int r = 0; r < threads; r++) {
      tasks.add(pool.submit(() -> {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
          while (!stop.get()) {
            try (ResultSet rs = st.executeQuery("SELECT min(run_id), max(run_id), count(*) FROM current_assignment")) {
              rs.next();
              if (rs.getLong(1) != rs.getLong(2)) {
                mixed.incrementAndGet();
              }
              seen.merge(rs.getLong(1), rs.getLong(3), (a, b) -> a.equals(b) ? a : -1L);
              reads.incrementAndGet();
            }
          }
        }
        return null;
      }));
    }
  }

  /** Stops the readers (after a last moment of reading) and returns what they saw. */
  public Seen stop() throws Exception {
    Thread.sleep(200);
    close();
    return new Seen(reads.get(), mixed.get(), Map.copyOf(seen));
  }

  @Override
  public void close() throws Exception {
    stop.set(true);
    try {
      for (Future<?> t : tasks) {
        t.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
  }
}
