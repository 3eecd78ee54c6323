package io.allot.testing;

import java.nio.file.Path;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A generated night and one uninterrupted child {@code allot run} of it: the reference that the
 * child-JVM classes compare a disturbed run with (killed in every step, PostgreSQL restarted
 * during publish). The reference is the same for all of them, so it runs once per test JVM rather
 * than once per class (each such run is a whole JVM, Spring, Flyway and Spark start-up).
 */
public final class UninterruptedNight {
  /** Small enough to keep each child's Spark and solver work short; a few bad records. */
  private static final long QUERIES = 1_500;
  private static final long SEED = 13;
  private static final double BAD_FRACTION = 0.003;
  private static final String BUDGET = "25%";

  private static UninterruptedNight shared;

  private final Path data;
  private final String url;

  private UninterruptedNight(Path data, String url) {
    this.data = data;
    this.url = url;
  }

  /** The shared night; the first caller generates it and runs the reference (a few tens of seconds). */
  public static synchronized UninterruptedNight get() throws Exception {
    if (shared == null) {
      Path data = JobFixture.tempDir("uninterrupted-night");
      JobFixture.generate(data, QUERIES, SEED, BAD_FRACTION);
      String url = TestDatabase.freshDatabase("uninterrupted");
      ChildAllot clean = ChildAllot.start(null, JobFixture.runCommand(data, BUDGET, url,
          JobFixture.tempDir("uninterrupted-work")));
      if (clean.awaitExit(300) != 0) {
        throw new IllegalStateException("the uninterrupted reference run failed:\n" + clean.output());
      }
      shared = new UninterruptedNight(data, url);
    }
    return shared;
  }

  /** {@code allot run} of this night, with the reference's settings, on another database. */
  public List<String> runArgs(String jdbcUrl, Path workDir) {
    return JobFixture.runCommand(data, BUDGET, jdbcUrl, workDir);
  }

  /** The reference run's database. */
  public JdbcTemplate reference() {
    return jdbc(url);
  }

  public static JdbcTemplate jdbc(String jdbcUrl) {
    return new JdbcTemplate(new DriverManagerDataSource(jdbcUrl, "postgres", ""));
  }
}
