package io.allot.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named points inside the steps where the crash-and-restart tests stop the process. When
 * ALLOT_FAULT_PAUSE_AT names a point, the process announces it on stdout and then waits to be
 * killed with SIGKILL, so the test kills a real process at a known place, or until the file named
 * by ALLOT_FAULT_RESUME_FILE appears. Unset in production.
 */
public final class FaultPoints {
  public static final String ENV = "ALLOT_FAULT_PAUSE_AT";
  public static final String MARKER = "ALLOT-FAULT-PAUSE ";
  /** When set, a paused process goes on once this file exists (for faults injected from outside). */
  public static final String RESUME_ENV = "ALLOT_FAULT_RESUME_FILE";
  private static final Logger log = LoggerFactory.getLogger(FaultPoints.class);

  private FaultPoints() {}

  public static void reached(String point) {
    String target = System.getenv(ENV);
    if (target == null || !target.equals(point)) {
      return;
    }
    log.warn("fault point {} reached: pausing until killed", point);
    System.out.println(MARKER + point);
    System.out.flush();
    String resume = System.getenv(RESUME_ENV);
    while (resume == null || !java.nio.file.Files.exists(java.nio.file.Path.of(resume))) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    log.warn("fault point {}: resuming", point);
  }
}
