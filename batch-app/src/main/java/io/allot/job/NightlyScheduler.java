package io.allot.job;

import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import java.time.LocalDate;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** {@code allot serve}: runs the nightly job on allot.schedule.cron for the night that just ended. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "allot.serve.enabled", havingValue = "true")
public class NightlyScheduler {
  private static final Logger log = LoggerFactory.getLogger(NightlyScheduler.class);
  private final NightlyJobLauncher launcher;
  private final AllotProperties props;

  public NightlyScheduler(NightlyJobLauncher launcher, AllotProperties props) {
    this.launcher = launcher;
    this.props = props;
  }

  @Scheduled(cron = "${allot.schedule.cron}", zone = "${allot.schedule.zone}")
  public void runLastNight() {
    LocalDate date = LocalDate.now(ZoneId.of(props.schedule().zone())).minusDays(1);
    try {
      runDate(date);
    } catch (Exception e) {
      // The scheduler keeps going: tomorrow's run resumes or retries this one's failed step.
      log.error("nightly run for {} failed: {}", date, e.getMessage());
    }
  }

  public void runDate(LocalDate date) throws Exception {
    String logRoot = AllotHome.path(props.input().logRoot()).toString();
    RunSettings settings = new RunSettings(date, logRoot + "/date=" + date, logRoot,
        AllotHome.path(props.input().outcomesRoot()).toString(), props.input().historyDays(),
        String.valueOf(props.budgetUsd()));
    long last = launcher.lastAttempt(date);
    if (last >= 0 && launcher.isComplete(date, last)) {
      log.info("run for {} already completed; skipping", date);
      return;
    }
    var exec = launcher.run(new RunRequest(date, Math.max(last, 0), settings));
    log.info("nightly run for {} ended {}", date, exec.getStatus());
  }
}
