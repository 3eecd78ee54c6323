package io.allot.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the spark-submit child JVM to its end, passing each line it prints to the app's log (in
 * client mode these are the driver's own log lines, so the run's progress shows as it goes). An
 * interrupted or closing app takes the child and its children down with it.
 */
final class SubmitProcess {
  /** The driver's lines, under a logger of their own so their level can be set apart. */
  static final Logger DRIVER_LOG = LoggerFactory.getLogger("io.allot.cluster.driver");
  private static final Pattern DRIVER_ID = Pattern.compile("\\b(driver-\\d{14}-\\d{4,})\\b");
  private static final int TAIL = 20;

  record Result(int exitCode, Optional<String> driverId, List<String> tail) {
    /** The last line that looks like an error, else the last line: what a one-line failure quotes. */
    String lastError() {
      for (int i = tail.size() - 1; i >= 0; i--) {
        String l = tail.get(i);
        if (l.contains("Exception") || l.contains("ERROR") || l.contains("Error:")) {
          return l.strip();
        }
      }
      return tail.isEmpty() ? "(no output)" : tail.get(tail.size() - 1).strip();
    }
  }

  private SubmitProcess() {}

  static Result run(SparkSubmitCommand c, String label) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(c.command()).redirectErrorStream(true);
    Map<String, String> env = ChildEnvironment.of(System.getenv(), c.environment());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    Thread reaper = new Thread(() -> destroy(p), "spark-submit-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    Deque<String> tail = new ArrayDeque<>();
    String driverId = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        DRIVER_LOG.info("{} | {}", label, line);
        if (tail.size() == TAIL) {
          tail.removeFirst();
        }
        tail.addLast(line);
        Matcher m = DRIVER_ID.matcher(line);
        if (driverId == null && m.find()) {
          driverId = m.group(1);
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("interrupted while " + label + " ran");
        }
      }
      return new Result(p.waitFor(), Optional.ofNullable(driverId), List.copyOf(tail));
    } catch (IOException | InterruptedException | RuntimeException e) {
      destroy(p);
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
  }

  static void destroy(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }
}
