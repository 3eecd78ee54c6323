package io.allot.generate;

import java.time.Duration;

/** Told every {@link DemoDataGenerator#PROGRESS_EVERY} query-log lines, and once at the end. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (written, total, elapsed) -> { };

  /**
   * @param written query-log lines written so far, over all nights
   * @param total query-log lines the run will write
   * @param elapsed wall time since the run started
   */
  void onProgress(long written, long total, Duration elapsed);

  /** Linear estimate of the time left, for a CLI's progress line. */
  static Duration remaining(long written, long total, Duration elapsed) {
    if (written <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (elapsed.toNanos() * ((double) (total - written) / written)));
  }
}
