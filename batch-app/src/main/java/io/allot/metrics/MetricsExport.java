package io.allot.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A one-shot {@code allot run} (cron, a Kubernetes CronJob, Airflow) ends before any Prometheus
 * scrapes it, so at the end of every run its {@code allot_*} series are written to a textfile for
 * node_exporter and/or pushed to a Pushgateway (allot.metrics.textfile / pushgateway-url). The
 * JVM's own series are left out: they describe a process that is about to exit. A failed export
 * is logged and does not fail the run, whose results are already in PostgreSQL.
 */
@Component
public class MetricsExport {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger log = LoggerFactory.getLogger(MetricsExport.class);
  private final PrometheusMeterRegistry registry;
  private final MetricsProperties settings;

  public MetricsExport(PrometheusMeterRegistry registry, MetricsProperties settings) {
    this.registry = registry;
    this.settings = settings;
  }

  /** Writes and pushes the run series where the settings say; does nothing when neither is set. */
  public void afterRun() {
    if (settings.textfile().isBlank() && settings.pushgatewayUrl().isBlank()) {
      return;
    }
    String body = allotSeries(registry.scrape(CONTENT_TYPE));
    if (!settings.textfile().isBlank()) {
      try {
        writeTextfile(Path.of(settings.textfile()), body);
      } catch (IOException e) {
        log.warn("cannot write the run metrics to allot.metrics.textfile {}: {}", settings.textfile(), e.toString());
      }
    }
    if (!settings.pushgatewayUrl().isBlank()) {
      try {
        push(body);
      } catch (IOException e) {
        log.warn("cannot push the run metrics to allot.metrics.pushgateway-url {}: {}", settings.pushgatewayUrl(),
            e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The exposition's lines (samples, # HELP and # TYPE) of the series named allot_*. */
  static String allotSeries(String exposition) {
    return exposition.lines()
        .filter(l -> l.startsWith("allot_") || l.startsWith("# HELP allot_") || l.startsWith("# TYPE allot_"))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** node_exporter may read the file at any moment: write a sibling, then rename it over the file. */
  private static void writeTextfile(Path file, String body) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    Files.writeString(tmp, body, StandardCharsets.UTF_8);
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** PUT replaces the job's whole group, so a series the last run no longer has does not linger. */
  private void push(String body) throws IOException, InterruptedException {
    String base = settings.pushgatewayUrl().replaceAll("/+$", "");
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/metrics/job/" + settings.pushgatewayJob()))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", CONTENT_TYPE)
        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
        .send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + r.statusCode() + " " + r.body().strip());
    }
  }
}
