package io.allot.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.allot.agreement.CascadeOptionProperties;
import io.allot.metrics.MetricsProperties;
import io.allot.realised.RealisedProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** This round's settings: a bad value is refused in one line naming the setting and what it must be. */
class BadSettingsTest {

  @Test
  void cascadeOptionSettingsOutOfRangeAreNamed() {
    assertThatThrownBy(() -> new CascadeOptionProperties(true, -1, 100, 200_000))
        .hasMessage("allot.cascade-options.reserve-sd is -1.0; must be a finite number >= 0");
    assertThatThrownBy(() -> new CascadeOptionProperties(true, Double.NaN, 100, 200_000))
        .hasMessageContaining("allot.cascade-options.reserve-sd is NaN");
    assertThatThrownBy(() -> new CascadeOptionProperties(true, 2, 0, 200_000))
        .hasMessage("allot.cascade-options.min-train-rows is 0; must be >= 1");
    assertThatThrownBy(() -> new CascadeOptionProperties(true, 2, 100, 0))
        .hasMessage("allot.cascade-options.max-history-queries is 0; must be >= 1");
  }

  @Test
  void realisedSettingsOutOfRangeAreNamed() {
    assertThatThrownBy(() -> new RealisedProperties(1.5, 3))
        .hasMessage("allot.realised.shortfall-margin is 1.5; must be a quality difference in [0, 1]");
    assertThatThrownBy(() -> new RealisedProperties(0.03, -1))
        .hasMessage("allot.realised.lookback-days is -1; must be >= 0");
  }

  @Test
  void metricsSettingsThatPrometheusCannotUseAreNamed() {
    Duration day = Duration.ofHours(36);
    assertThatThrownBy(() -> new MetricsProperties("127.0.0.1", 9464, "/var/lib/allot.txt", "", "allot", day))
        .isInstanceOf(SettingException.class).hasMessageContaining("allot.metrics.textfile is '/var/lib/allot.txt'");
    assertThatThrownBy(() -> new MetricsProperties("127.0.0.1", 9464, "", "gateway:9091", "allot", day))
        .isInstanceOf(SettingException.class).hasMessageContaining("allot.metrics.pushgateway-url is 'gateway:9091'");
    assertThatThrownBy(() -> new MetricsProperties("127.0.0.1", 9464, "", "", "all ot", day))
        .isInstanceOf(SettingException.class).hasMessageContaining("allot.metrics.pushgateway-job is 'all ot'");
  }

  @Test
  void paretoSettingsBelowZeroAreNamed() {
    assertThatThrownBy(() -> new AllotProperties.Solver(true, 60, 2000, 20000, 42, 21, false, -1, 6, null, null))
        .isInstanceOf(SettingException.class)
        .hasMessage("allot.solver.pareto-sample-queries is -1; must be >= 0 (0: every level on the whole night)");
    assertThatThrownBy(() -> new AllotProperties.Solver(true, 60, 2000, 20000, 42, -2, false, 100, 6, null, null))
        .hasMessage("allot.solver.pareto-levels is -2; must be >= 0");
  }
}
