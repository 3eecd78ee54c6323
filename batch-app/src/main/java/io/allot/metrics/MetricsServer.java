package io.allot.metrics;

import com.sun.net.httpserver.HttpServer;
import io.allot.config.AllotProperties;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * In serve mode, Prometheus scrapes {@code /metrics} here, and {@code /health} answers 200 UP or
 * 503 DOWN / DEGRADED ({@link HealthCheck}). A JDK HTTP server rather than a servlet
 * container, because Spark pins the servlet API to a version embedded Tomcat cannot use.
 */
@Component
@ConditionalOnProperty(name = "allot.serve.enabled", havingValue = "true")
public class MetricsServer implements InitializingBean, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
  private final PrometheusMeterRegistry registry;
  private final String bind;
  private final int port;
  private final HealthCheck health;
  private HttpServer server;

  public MetricsServer(PrometheusMeterRegistry registry, MetricsProperties settings, JdbcTemplate jdbc,
      AllotProperties props) {
    this.registry = registry;
    this.bind = settings.bind();
    this.port = settings.port();
    this.health = new HealthCheck(jdbc, ZoneId.of(props.schedule().zone()), settings.staleAfter(), Clock.systemUTC());
  }

  @Override
  public void afterPropertiesSet() throws IOException {
    server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    server.createContext("/metrics", exchange -> {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/health", exchange -> {
      HealthCheck.Health h = health.check();
      byte[] body = h.text().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(h.up() ? 200 : 503, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    log.info("metrics on http://{}:{}/metrics", bind, port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void destroy() {
    if (server != null) {
      server.stop(0);
    }
  }
}
