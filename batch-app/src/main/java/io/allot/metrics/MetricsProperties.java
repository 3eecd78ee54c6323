package io.allot.metrics;

import io.allot.config.SettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code allot.metrics.*} settings; conf/application.yml documents each default.
 *
 * @param bind serve's /metrics and /health listen on this address
 * @param port and this port (0 picks a free one)
 * @param textfile every run writes its series to this file for node_exporter's textfile
 *     collector (a *.prom file in its --collector.textfile.directory); empty: none
 * @param pushgatewayUrl every run pushes its series to this Prometheus Pushgateway; empty: none
 * @param pushgatewayJob the Pushgateway's job label (the group a run's push replaces)
 * @param staleAfter /health reports DEGRADED when the newest completed run finished longer ago
 */
@ConfigurationProperties(prefix = "allot.metrics")
public record MetricsProperties(
    @DefaultValue("127.0.0.1") String bind,
    @DefaultValue("9464") int port,
    @DefaultValue("") String textfile,
    @DefaultValue("") String pushgatewayUrl,
    @DefaultValue("allot") String pushgatewayJob,
    @DefaultValue("36h") Duration staleAfter) {

  public MetricsProperties {
    if (!textfile.isBlank() && !textfile.endsWith(".prom")) {
      throw new SettingException("allot.metrics.textfile is '" + textfile + "'; node_exporter's textfile collector "
          + "reads only files named *.prom");
    }
    if (!pushgatewayUrl.isBlank() && !pushgatewayUrl.matches("https?://.+")) {
      throw new SettingException("allot.metrics.pushgateway-url is '" + pushgatewayUrl
          + "'; expected http://host:9091 (the Pushgateway's base url)");
    }
    if (!pushgatewayJob.matches("[A-Za-z0-9_.-]+")) {
      throw new SettingException("allot.metrics.pushgateway-job is '" + pushgatewayJob
          + "'; use letters, digits, '_', '.' or '-'");
    }
  }
}
