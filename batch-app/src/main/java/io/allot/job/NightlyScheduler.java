package io.allot.job;

import io.allot.run.RunSettings;
import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@code allot serve}: runs the nightly job on allot.schedule.cron for the night that just ended,
 * and catches up nights that were missed (machine down, run failed) when so configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "allot.serve.enabled", havingValue = "true")
public class NightlyScheduler {
  private static final Logger log = LoggerFactory.getLogger(NightlyScheduler.class);
  private final NightlyJobLauncher launcher;
  private final AllotProperties props;
  private final Clock clock;

  @Autowired
  public NightlyScheduler(NightlyJobLauncher launcher, AllotProperties props) {
    this(launcher, props, Clock.system(ZoneId.of(props.schedule().zone())));
  }

  NightlyScheduler(NightlyJobLauncher launcher, AllotProperties props, Clock clock) {
    this.launcher = launcher;
    this.props = props;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void catchUpAtStart() {
    if (props.schedule().catchUp()) {
      runDue();
    }
  }

  @Scheduled(cron = "${allot.schedule.cron}", zone = "${allot.schedule.zone}")
  public void onSchedule() {
    runDue();
  }

  /** Runs every due night, oldest first; one failure does not stop the later nights. */
  public List<LocalDate> runDue() {
    List<LocalDate> ran = new ArrayList<>();
    for (LocalDate date : dueDates()) {
      try {
        var exec = launcher.run(new RunRequest(date, Math.max(launcher.lastAttempt(date), 0), settings(date)));
        log.info("nightly run for {} ended {}", date, exec.getStatus());
        ran.add(date);
      } catch (Exception e) {
        log.error("nightly run for {} failed: {}", date, e.getMessage());
      }
    }
    return ran;
  }

  /** Last night, plus with catch-up the earlier nights in the window that have a log and no completed run. */
  List<LocalDate> dueDates() {
    LocalDate yesterday = LocalDate.now(clock).minusDays(1);
    int window = props.schedule().catchUp() ? props.schedule().catchUpDays() : 1;
    List<LocalDate> due = new ArrayList<>();
    for (int back = window - 1; back >= 0; back--) {
      LocalDate d = yesterday.minusDays(back);
      boolean isLastNight = back == 0;
      if (!isLastNight && !Files.isDirectory(logPartition(d))) {
        continue;
      }
      long last = launcher.lastAttempt(d);
      if (last < 0 || !launcher.isComplete(d, last)) {
        due.add(d);
      }
    }
    return due;
  }

  private Path logPartition(LocalDate d) {
    return AllotHome.path(props.input().logRoot()).resolve("date=" + d);
  }

  private RunSettings settings(LocalDate date) {
    return new RunSettings(date, logPartition(date).toString(), AllotHome.path(props.input().logRoot()).toString(),
        AllotHome.path(props.input().outcomesRoot()).toString(), props.input().historyDays(),
        String.valueOf(props.budgetUsd()));
  }
}
