package io.allot.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allot.testing.JobFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and N workers, each its own JVM run
 * from the build's Maven-jar SPARK_HOME (spark-jobs/target/spark-home). {@link #close} kills every
 * process it started and their children (the executors), also after a failed test.
 */
final class LoopbackSparkCluster implements AutoCloseable {
  /**
   * JIT flags for the cluster's JVMs (master, workers, executors, drivers): each does little work
   * in a test, so compiling with C1 alone costs less CPU than also running C2 (docs/benchmarks.md,
   * "Test suite"); serial GC saves the GC threads on a two-core machine.
   */
  static final String SHORT_LIVED_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Path sparkHome = JobFixture.projectHome().resolve("spark-jobs/target/spark-home");
  private final Path dir;
  private final List<ProcessHandle> started = new ArrayList<>();
  private final List<ProcessHandle> orphans = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  private final int masterPort = freePort();
  private final int masterUiPort = freePort();

  LoopbackSparkCluster(Path dir) {
    this.dir = dir;
  }

  void start(int workerCount, int coresPerWorker, String memoryPerWorker) throws Exception {
    start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUiPort)));
    for (int i = 1; i <= workerCount; i++) {
      int ui = freePort();
      Path work = Files.createDirectories(dir.resolve("worker-" + i));
      workers.add(start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--cores", String.valueOf(coresPerWorker), "--memory", memoryPerWorker, "--webui-port", String.valueOf(ui),
          "--work-dir", work.toString(), masterUrl())));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (aliveWorkers() < workerCount) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the loopback Spark cluster did not come up in 120 s; logs in " + dir);
      }
      Thread.sleep(500);
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  String masterWebUi() {
    return "http://127.0.0.1:" + masterUiPort;
  }

  int aliveWorkers() {
    try {
      return masterState().path("aliveworkers").asInt();
    } catch (IOException e) {
      return 0;
    }
  }

  JsonNode masterState() throws IOException {
    return get(masterWebUi() + "/json/");
  }

  /** The application folders in the worker's (1-based) work dir: one per app that had an executor there. */
  Set<String> appsOn(int worker) {
    try (Stream<Path> apps = Files.list(dir.resolve("worker-" + worker))) {
      return apps.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("app-")).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether an executor on the worker of an app not in {@code except} has started running a task. */
  boolean runsTasksOfANewApp(int worker, Set<String> except) {
    for (String app : appsOn(worker)) {
      if (except.contains(app)) {
        continue;
      }
      try (Stream<Path> logs = Files.walk(dir.resolve("worker-" + worker).resolve(app), 2)) {
        for (Path log : logs.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
          if (Files.readString(log).contains("Running task")) {
            return true;
          }
        }
      } catch (IOException e) {
        // the executor is still creating its folder
      }
    }
    return false;
  }

  /** SIGKILL the worker's JVM, nothing else: its executor is left to notice on its own. */
  void killWorker(int worker) throws InterruptedException {
    Process p = workers.get(worker - 1);
    // Remembered for close(): once the worker is gone its executor is no longer its descendant.
    orphans.addAll(p.descendants().toList());
    p.destroyForcibly();
    p.waitFor();
  }

  private Process start(String name, List<String> mainAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(SHORT_LIVED_JVM.split(" ")));
    cmd.addAll(List.of("-Xmx256m", "-Dlog4j2.configurationFile=" + JobFixture.projectHome().resolve("conf/spark-log4j2.properties").toUri(),
        "-cp", sparkHome.resolve("jars") + "/*"));
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    started.add(p.toHandle());
    return p;
  }

  private JsonNode get(String url) throws IOException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Kills the started JVMs and whatever they started (executors, drivers), children first. */
  @Override
  public void close() {
    for (ProcessHandle p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    orphans.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : started) {
      p.onExit().join();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
