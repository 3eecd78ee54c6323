package io.allot.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.config.AllotProperties;
import io.allot.generate.DemoDataGenerator;
import io.allot.generate.GeneratorSettings;
import io.allot.generate.ProgressListener;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** serve's schedule: last night runs, missed nights are caught up oldest first, or skipped. */
class NightlySchedulerTest {
  private static final LocalDate LAST_NIGHT = JobFixture.NIGHT;

  @Test
  void missedNightsAreCaughtUpOnceAndOnlyOnce() throws Exception {
    Path data = JobFixture.tempDir("three-nights");
    DemoDataGenerator.generate(GeneratorSettings.defaults(data, 800, 3, LAST_NIGHT).withNights(3),
        ModelCatalog.load(JobFixture.projectHome().resolve("conf/models.yml")), ProgressListener.NONE);
    Clock dayAfter = Clock.fixed(LAST_NIGHT.plusDays(1).atTime(1, 30).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    try (ConfigurableApplicationContext app = JobFixture.start(TestDatabase.freshDatabase("sched"),
        JobFixture.tempDir("sched-work"), "--allot.input.log-root=" + data.resolve("logs"),
        "--allot.input.outcomes-root=" + data.resolve("outcomes"), "--allot.budget-usd=1.5",
        "--allot.schedule.catch-up-days=2")) {
      NightlyScheduler scheduler = new NightlyScheduler(app.getBean(NightlyJobLauncher.class),
          app.getBean(AllotProperties.class), dayAfter);
      assertThat(scheduler.dueDates()).containsExactly(LAST_NIGHT.minusDays(1), LAST_NIGHT);
      assertThat(scheduler.runDue()).containsExactly(LAST_NIGHT.minusDays(1), LAST_NIGHT);
      assertThat(scheduler.dueDates()).isEmpty();
      assertThat(scheduler.runDue()).isEmpty();
    }
  }

  @Test
  void withoutCatchUpOnlyLastNightIsDue() throws Exception {
    Path data = JobFixture.tempDir("no-catch-up");
    DemoDataGenerator.generate(GeneratorSettings.defaults(data, 300, 4, LAST_NIGHT).withNights(3),
        ModelCatalog.load(JobFixture.projectHome().resolve("conf/models.yml")), ProgressListener.NONE);
    Clock dayAfter = Clock.fixed(LAST_NIGHT.plusDays(1).atTime(1, 30).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    try (ConfigurableApplicationContext app = JobFixture.start(TestDatabase.freshDatabase("sched2"),
        JobFixture.tempDir("sched2-work"), "--allot.input.log-root=" + data.resolve("logs"),
        "--allot.schedule.catch-up=false")) {
      NightlyScheduler scheduler = new NightlyScheduler(app.getBean(NightlyJobLauncher.class),
          app.getBean(AllotProperties.class), dayAfter);
      assertThat(scheduler.dueDates()).isEqualTo(List.of(LAST_NIGHT));
    }
  }
}
