package io.allot.cli;

import io.allot.publish.AssignmentPublisher;
import io.allot.solve.AssignmentFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code allot bench-serving}: point lookups of {@code current_assignment} by query id from many
 * concurrent readers while the next run publishes. Reports latency percentiles during the publish
 * against the idle baseline before it, and counts errors and "half-run" reads: a lookup that
 * finds no row, a row of neither run, or the old run after the reader already saw the new one.
 */
@Command(name = "bench-serving", description = "Benchmark: serving lookups during a publish (needs a database of its own).")
class BenchServingCommand implements Callable<Integer> {
  private static final String[] MODELS = {"llama-3.1-8b-ft", "mistral-small", "gpt-4o-mini", "gpt-4o"};
  private static final long OLD_RUN = 1;
  private static final long NEW_RUN = 2;

  @Option(names = "--rows", defaultValue = "1000000", description = "Rows per run (default ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--readers", defaultValue = "32", description = "Concurrent readers (default ${DEFAULT-VALUE}).")
  int readers;

  @Option(names = "--baseline-seconds", defaultValue = "10",
      description = "Seconds of lookups before the publish starts (default ${DEFAULT-VALUE}).")
  int baselineSeconds;

  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    try (ConfigurableApplicationContext ctx = SpringContext.start(overrides.asArgs(), Map.of(), false)) {
      JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
      if (jdbc.queryForObject("SELECT count(*) FROM assignment_run", Long.class) > 0) {
        throw new IllegalArgumentException("bench-serving writes runs of its own and needs an empty database: "
            + "point it at a fresh one, e.g. --set allot.db.embedded.data-dir=work/bench/pg-serving");
      }
      AssignmentPublisher publisher = ctx.getBean(AssignmentPublisher.class);
      Path oldFile = writeRun(rows, 7);
      Path newFile = writeRun(rows, 8);
      try {
        for (long run : new long[] {OLD_RUN, NEW_RUN}) {
          jdbc.update("INSERT INTO assignment_run (run_id, run_date, status, log_path, settings, started_at) "
              + "VALUES (?, DATE '2000-01-01' + ?::int, 'SOLVED', 'bench-serving', '{}'::jsonb, now())", run, (int) run);
        }
        publisher.publish(OLD_RUN, oldFile, rows);
        System.out.printf(Locale.ROOT, "published run %d (%,d rows); %d readers start%n", OLD_RUN, rows, readers);
        measure(ctx.getBean(HikariDataSource.class), publisher, newFile);
      } finally {
        Files.deleteIfExists(oldFile);
        Files.deleteIfExists(newFile);
      }
    }
    return 0;
  }

  private void measure(HikariDataSource ds, AssignmentPublisher publisher, Path newFile) throws Exception {
    // 0 = baseline, 1 = publishing, 2 = switched; each reader files its latency under the phase it started in.
    int[] phase = {0};
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    List<Future<Reader>> tasks = new ArrayList<>();
    for (int r = 0; r < readers; r++) {
      Reader reader = new Reader(ds, rows, 1000L + r);
      tasks.add(pool.submit(() -> reader.loop(stop, phase)));
    }
    Thread.sleep(baselineSeconds * 1000L);
    synchronized (phase) {
      phase[0] = 1;
    }
    long t0 = System.nanoTime();
    publisher.publish(NEW_RUN, newFile, rows);
    double publishSeconds = (System.nanoTime() - t0) / 1e9;
    synchronized (phase) {
      phase[0] = 2;
    }
    Thread.sleep(1000);
    stop.set(true);
    List<Reader> done = new ArrayList<>();
    for (Future<Reader> t : tasks) {
      done.add(t.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    long errors = done.stream().mapToLong(r -> r.errors).sum();
    long halfRun = done.stream().mapToLong(r -> r.halfRun).sum();
    System.out.printf(Locale.ROOT, "publish of run %d: %,d rows in %.1f s (%,.0f rows/s)%n", NEW_RUN, rows,
        publishSeconds, rows / publishSeconds);
    String[] names = {"before publish", "during publish", "after switch"};
    for (int p = 0; p < 3; p++) {
      long[] all = merge(done, p);
      Arrays.sort(all);
      System.out.printf(Locale.ROOT, "%-15s %,9d lookups  p50 %.2f ms  p99 %.2f ms  max %.2f ms%n", names[p],
          all.length, pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }
    System.out.printf(Locale.ROOT, "errors %d, half-run reads %d (readers that saw the new run: %d of %d)%n",
        errors, halfRun, done.stream().filter(r -> r.sawNew).count(), readers);
    if (errors > 0 || halfRun > 0) {
      throw new IllegalStateException("serving saw " + errors + " errors and " + halfRun + " half-run reads");
    }
  }

  private static long[] merge(List<Reader> readers, int phase) {
    int total = readers.stream().mapToInt(r -> r.count[phase]).sum();
    long[] all = new long[total];
    int k = 0;
    for (Reader r : readers) {
      System.arraycopy(r.nanos[phase], 0, all, k, r.count[phase]);
      k += r.count[phase];
    }
    return all;
  }

  private static double pct(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
  }

  private static Path writeRun(int rows, long seed) throws Exception {
    Path file = Files.createTempFile("allot-bench-serving", ".csv");
    SplittableRandom rnd = new SplittableRandom(seed);
    AssignmentFile.write(file, rows, i -> new AssignmentFile.Row(queryId(i), "tenant-" + (i % 4),
        MODELS[rnd.nextInt(MODELS.length)], rnd.nextDouble(), rnd.nextDouble() * 0.01));
    return file;
  }

  private static String queryId(long i) {
    return String.format("q-%09d", i);
  }

  /** One serving client: its own connection, a seeded stream of query ids, latencies per phase. */
  private static final class Reader {
    // A connection of its own, as a serving replica would have, not one borrowed from the job's small pool.
    final HikariDataSource ds;
    final int rows;
    final SplittableRandom rnd;
    final long[][] nanos = new long[3][1 << 16];
    final int[] count = new int[3];
    long errors;
    long halfRun;
    boolean sawNew;

    Reader(HikariDataSource ds, int rows, long seed) {
      this.ds = ds;
      this.rows = rows;
      this.rnd = new SplittableRandom(seed);
    }

    Reader loop(AtomicBoolean stop, int[] phase) {
      try (Connection c = DriverManager.getConnection(ds.getJdbcUrl(), ds.getUsername(), ds.getPassword());
           PreparedStatement ps = c.prepareStatement("SELECT run_id FROM current_assignment WHERE query_id = ?")) {
        while (!stop.get()) {
          int p;
          synchronized (phase) {
            p = phase[0];
          }
          ps.setString(1, queryId(rnd.nextInt(rows)));
          long t0 = System.nanoTime();
          try (ResultSet rs = ps.executeQuery()) {
            long took = System.nanoTime() - t0;
            record(p, took);
            if (!rs.next()) {
              halfRun++;
              continue;
            }
            long run = rs.getLong(1);
            if (run == NEW_RUN) {
              sawNew = true;
            } else if (run != OLD_RUN || sawNew) {
              halfRun++;
            }
          } catch (java.sql.SQLException e) {
            errors++;
          }
        }
      } catch (java.sql.SQLException e) {
        errors++;
      }
      return this;
    }

    private void record(int p, long took) {
      if (count[p] == nanos[p].length) {
        nanos[p] = Arrays.copyOf(nanos[p], nanos[p].length * 2);
      }
      nanos[p][count[p]++] = took;
    }
  }
}
