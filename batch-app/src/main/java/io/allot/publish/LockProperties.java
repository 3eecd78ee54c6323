package io.allot.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code allot.locks.*} settings; conf/application.yml documents each default.
 *
 * @param timeout lock_timeout of the statements that need a lock serving also takes (publish's
 *     switch, retention's detach and drop): a waiting lock request queues every later reader
 *     behind it, so it must give up quickly
 * @param attempts tries before publish fails (retention leaves the partition for the next run)
 * @param pause wait between tries, so queued readers get through
 */
@ConfigurationProperties(prefix = "allot.locks")
public record LockProperties(
    @DefaultValue("2s") Duration timeout,
    @DefaultValue("10") int attempts,
    @DefaultValue("1s") Duration pause) {
  public LockProperties {
    if (attempts < 1) {
      throw new IllegalArgumentException("allot.locks.attempts is " + attempts + "; must be at least 1");
    }
  }

  public static LockProperties defaults() {
    return new LockProperties(Duration.ofSeconds(2), 10, Duration.ofSeconds(1));
  }
}
