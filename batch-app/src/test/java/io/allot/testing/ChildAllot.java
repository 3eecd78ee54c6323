package io.allot.testing;

import io.allot.cli.AllotMain;
import io.allot.run.FaultPoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs ./allot's main class in a separate JVM, the way a scheduler would, so tests can kill -9 it. */
public final class ChildAllot {
  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final CompletableFuture<String> pausedAt = new CompletableFuture<>();
  private final long startedNanos = System.nanoTime();
  private boolean writesClassArchive;

  private ChildAllot(Process process, boolean writesClassArchive) {
    this.process = process;
    this.writesClassArchive = writesClassArchive;
    Thread pump = new Thread(this::pump, "child-allot-output");
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts {@code allot args...}; when pauseAt is set the child stops there and waits to be killed. */
  public static ChildAllot start(String pauseAt, List<String> args) throws IOException {
    return start(pauseAt, args, java.util.Map.of());
  }

  /** As {@link #start(String, List)}, with extra environment variables. */
  public static ChildAllot start(String pauseAt, List<String> args, java.util.Map<String, String> env)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    // A child lives for one short run, mostly start-up (Spring, Spark) on a cold JVM: the quick
    // C1 compiler alone gets it there sooner than waiting for C2, which the run barely uses.
    for (String flag : System.getProperty("allot.test.child-jit", "-XX:TieredStopAtLevel=1").split(" ")) {
      if (!flag.isBlank()) {
        cmd.add(flag);
      }
    }
    List<String> sharing = ChildClassArchive.flags(pauseAt == null);
    cmd.addAll(sharing);
    cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    cmd.add("-Dallot.home=" + JobFixture.projectHome());
    cmd.add("-cp");
    cmd.add(ChildClassArchive.classPath());
    cmd.add(AllotMain.class.getName());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    if (pauseAt != null) {
      pb.environment().put(FaultPoints.ENV, pauseAt);
    } else {
      pb.environment().remove(FaultPoints.ENV);
    }
    return new ChildAllot(pb.start(), ChildClassArchive.writes(sharing));
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.append(line).append('\n');
        if (line.startsWith(FaultPoints.MARKER)) {
          pausedAt.complete(line.substring(FaultPoints.MARKER.length()).trim());
        }
      }
    } catch (IOException ignored) {
      // the process was killed
    }
    pausedAt.complete(null);
  }

  /** Waits until the child reports it paused at its fault point; null when it exited instead. */
  public String awaitPause(long seconds) throws Exception {
    String point = pausedAt.get(seconds, TimeUnit.SECONDS);
    logElapsed(point == null ? "exited before its fault point" : "paused at " + point);
    return point;
  }

  /** SIGKILL: no shutdown hook, no finally block, no chance to record anything. */
  public void killHard() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
    ended(false);
  }

  public int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      ended(false);
      throw new IllegalStateException("child allot did not finish in " + seconds + " s:\n" + output);
    }
    logElapsed("exited " + process.exitValue());
    ended(process.exitValue() == 0);
    return process.exitValue();
  }

  private synchronized void ended(boolean exitedNormally) {
    if (writesClassArchive) {
      writesClassArchive = false;
      ChildClassArchive.writerEnded(exitedNormally);
    }
  }

  /** Child run times in the test output show where a slow suite spends its time. */
  private void logElapsed(String what) {
    System.out.printf("child allot %s after %.1f s%n", what, (System.nanoTime() - startedNanos) / 1e9);
  }

  public String output() {
    return output.toString();
  }
}
