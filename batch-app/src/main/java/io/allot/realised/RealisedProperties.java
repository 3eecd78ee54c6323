package io.allot.realised;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code allot.realised.*} settings; conf/application.yml documents each default.
 *
 * @param shortfallMargin a compared run is flagged when its realised quality (mean outcome score
 *     on the queries with outcomes) is below its predicted quality on the same queries by more
 *     than this
 * @param lookbackDays each night compares the published runs of this many nights before it
 */
@ConfigurationProperties(prefix = "allot.realised")
public record RealisedProperties(
    @DefaultValue("0.03") double shortfallMargin,
    @DefaultValue("3") int lookbackDays) {
  public RealisedProperties {
    if (!(shortfallMargin >= 0 && shortfallMargin <= 1)) {
      throw new IllegalArgumentException("allot.realised.shortfall-margin is " + shortfallMargin
          + "; must be a quality difference in [0, 1]");
    }
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("allot.realised.lookback-days is " + lookbackDays + "; must be >= 0");
    }
  }
}
