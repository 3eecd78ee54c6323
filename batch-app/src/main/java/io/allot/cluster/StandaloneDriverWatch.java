package io.allot.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a driver submitted in cluster deploy mode to a standalone master until it ends, through
 * the master's JSON page: spark-submit has exited 0 by then whatever becomes of the driver, so
 * this state is what decides the step. While it runs, the driver's stderr is fetched from its
 * worker's log endpoint and shown in the app's log.
 */
final class StandaloneDriverWatch {
  private static final Logger log = LoggerFactory.getLogger(StandaloneDriverWatch.class);
  private static final Set<String> FINAL = Set.of("FINISHED", "FAILED", "ERROR", "KILLED");
  private static final Pattern LOG_HEADER = Pattern.compile("==== Bytes \\d+-\\d+ of \\d+ of .*====");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final String masterUi;
  private final long pollMillis;

  StandaloneDriverWatch(String masterUi, long pollMillis) {
    this.masterUi = masterUi.endsWith("/") ? masterUi.substring(0, masterUi.length() - 1) : masterUi;
    this.pollMillis = pollMillis;
  }

  /** Waits for the driver's final state and returns it (FINISHED, FAILED, ERROR or KILLED). */
  String awaitFinalState(String driverId, String label) throws InterruptedException {
    String last = null;
    long logOffset = 0;
    int unreachable = 0;
    while (true) {
      JsonNode state;
      try {
        state = get(masterUi + "/json/");
        unreachable = 0;
      } catch (IOException e) {
        if (++unreachable >= 15) {
          throw new IllegalStateException("the standalone master's page " + masterUi + "/json/ stopped answering ("
              + e.getMessage() + ") while driver " + driverId + " ran; set allot.spark.submit.master-web-ui if "
              + "it is not there");
        }
        Thread.sleep(pollMillis);
        continue;
      }
      JsonNode driver = find(state, driverId);
      String now = driver == null ? "UNKNOWN" : driver.path("state").asText("UNKNOWN");
      if (!now.equals(last)) {
        log.info("{}: driver {} is {}", label, driverId, now);
        last = now;
      }
      String workerUi = driver == null ? null : workerUi(state, driver.path("worker").asText(""));
      if (workerUi != null) {
        logOffset = showLog(workerUi, driverId, logOffset, label);
      }
      if (FINAL.contains(now)) {
        return now;
      }
      Thread.sleep(pollMillis);
    }
  }

  private static JsonNode find(JsonNode state, String driverId) {
    for (String list : new String[] {"activedrivers", "completeddrivers"}) {
      for (JsonNode d : state.path(list)) {
        if (driverId.equals(d.path("id").asText())) {
          return d;
        }
      }
    }
    return null;
  }

  private static String workerUi(JsonNode state, String workerId) {
    for (JsonNode w : state.path("workers")) {
      if (w.path("id").asText().equals(workerId)) {
        return w.path("webuiaddress").asText(null);
      }
    }
    return null;
  }

  /**
   * Prints the driver's stderr written since the offset, whole lines only; returns the new offset.
   * A worker that is gone or slow just means no lines this time.
   */
  private long showLog(String workerUi, String driverId, long offset, String label) {
    String url = workerUi + "/log/?driverId=" + URLEncoder.encode(driverId, StandardCharsets.UTF_8)
        + "&logType=stderr&offset=" + offset + "&byteLength=1048576";
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      String body = r.body();
      int headerEnd = body.indexOf('\n');
      if (r.statusCode() != 200 || headerEnd < 0 || !LOG_HEADER.matcher(body.substring(0, headerEnd).strip()).matches()) {
        return offset;
      }
      String text = body.substring(headerEnd + 1);
      int lastNewline = text.lastIndexOf('\n');
      if (lastNewline < 0) {
        return offset;
      }
      String whole = text.substring(0, lastNewline + 1);
      for (String line : whole.split("\n")) {
        if (!line.isBlank()) {
          SubmitProcess.DRIVER_LOG.info("{} | {}", label, line);
        }
      }
      return offset + whole.getBytes(StandardCharsets.UTF_8).length;
    } catch (IOException | RuntimeException e) {
      return offset;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return offset;
    }
  }

  private JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode());
    }
    return json.readTree(r.body());
  }
}
