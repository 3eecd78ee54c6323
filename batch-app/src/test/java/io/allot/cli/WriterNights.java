package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.generate.DemoDataGenerator;
import io.allot.generate.GeneratorSettings;
import io.allot.generate.ProgressListener;
import io.allot.job.NightlyJobLauncher;
import io.allot.job.RunRequest;
import io.allot.publish.PublishReaders;
import io.allot.realised.RealisedNights;
import io.allot.run.RunSettings;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.testing.JobFixture;
import io.allot.testing.UninterruptedNight;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Three generated nights (a few bad records each) run in turn by the nightly job as allot_writer,
 * on a database a DBA migrated, with a one-day retention window: publish attaches partitions,
 * retention prunes the oldest run; the last night compares the two before it with their outcomes
 * (realised); serving readers poll current_assignment while the second night
 * publishes. {@code WriterRoleJobTest} (the job works as the writer), {@code RetentionTest} (what
 * pruning leaves) and {@code ReadersDuringPublishTest} (what the readers saw) assert on the same
 * runs, so they run once per test JVM instead of once per class: each nightly run is mostly
 * Spark's and Spring's fixed cost.
 * The app is closed before {@link #get()} returns: the in-process classes that follow start their own.
 */
public final class WriterNights {
  private static final LocalDate LAST = JobFixture.NIGHT;
  private static WriterNights shared;

  private final String adminUrl;
  private final Path work;
  private final List<Long> runIds;
  private final String jobUser;
  private final PublishReaders.Seen secondPublish;
  private final Throwable realisedFailure;

  private WriterNights(String adminUrl, Path work, List<Long> runIds, String jobUser,
      PublishReaders.Seen secondPublish, Throwable realisedFailure) {
    this.adminUrl = adminUrl;
    this.work = work;
    this.runIds = List.copyOf(runIds);
    this.jobUser = jobUser;
    this.secondPublish = secondPublish;
    this.realisedFailure = realisedFailure;
  }

  /** The shared runs; the first caller generates the nights and runs them. */
  public static synchronized WriterNights get() throws Exception {
    if (shared == null) {
      shared = runThreeNights();
    }
    return shared;
  }

  private static WriterNights runThreeNights() throws Exception {
    Path data = JobFixture.tempDir("writer-nights");
    DemoDataGenerator.generate(GeneratorSettings.defaults(data, 400, 9, LAST).withNights(4).withBadRecordFraction(0.01),
        ModelCatalog.load(JobFixture.projectHome().resolve("conf/models.yml")), ProgressListener.NONE);
    String adminUrl = io.allot.testing.TestDatabase.freshDatabase("writer");
    try (ConfigurableApplicationContext dba = JobFixture.start(adminUrl, JobFixture.tempDir("writer-dba"))) {
      DatabaseRoles.enableLogin(dba.getBean(DataSource.class), "allot_writer", "writer-pw");
    }
    String writerUrl = adminUrl.replace("user=postgres", "user=allot_writer");
    Path work = JobFixture.tempDir("writer-work");
    List<Long> runIds = new ArrayList<>();
    try (ConfigurableApplicationContext app = JobFixture.start(writerUrl, work, "--allot.retention.days=1",
        "--allot.ingest.max-reject-share=0.05")) {
      String jobUser = app.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class);
      NightlyJobLauncher launcher = app.getBean(NightlyJobLauncher.class);
      runIds.add(run(launcher, data, firstNight()));
      PublishReaders.Seen seen;
      try (PublishReaders readers = new PublishReaders(adminUrl, 4)) {
        runIds.add(run(launcher, data, firstNight().plusDays(1)));
        seen = readers.stop();
      }
      runIds.add(run(launcher, data, LAST));
      // The realised step's checks need the app's beans, so they run here, before the app closes;
      // RetentionTest reports their outcome.
      Throwable realisedFailure = null;
      try {
        RealisedNights.verify(app, data, runIds);
      } catch (AssertionError | Exception e) {
        realisedFailure = e;
      }
      return new WriterNights(adminUrl, work, runIds, jobUser, seen, realisedFailure);
    }
  }

  private static long run(NightlyJobLauncher launcher, Path data, LocalDate night) throws Exception {
    JobExecution e = launcher.run(new RunRequest(night, 0, new RunSettings(night,
        data.resolve("logs/date=" + night).toString(), data.resolve("logs").toString(),
        data.resolve("outcomes").toString(), 30, "40%")));
    assertThat(e.getStatus()).as("%s", e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
    return e.getJobInstance().getInstanceId();
  }

  /** The first of the three nights; the last is {@link JobFixture#NIGHT}. */
  public static LocalDate firstNight() {
    return LAST.minusDays(2);
  }

  /** The database, as its owner (postgres). */
  public String adminUrl() {
    return adminUrl;
  }

  public JdbcTemplate jdbc() {
    return UninterruptedNight.jdbc(adminUrl);
  }

  /** The job's work directory (runs/ holds each run's folder). */
  public Path work() {
    return work;
  }

  /** The three runs' ids, oldest night first. */
  public List<Long> runIds() {
    return runIds;
  }

  /**
   * What four serving readers saw from the end of the first night's run to the end of the second's
   * (nothing is old enough for retention then, so only publish contends with them).
   */
  public PublishReaders.Seen secondPublish() {
    return secondPublish;
  }

  /**
   * The realised step on these nights ({@link RealisedNights#verify}): the last night compared the
   * two before it with their outcomes. Throws what the checks threw.
   */
  public void verifyRealised() throws Exception {
    if (realisedFailure instanceof AssertionError a) {
      throw a;
    }
    if (realisedFailure != null) {
      throw (Exception) realisedFailure;
    }
  }

  /** {@code current_user} of the job's connections. */
  public String jobUser() {
    return jobUser;
  }
}
