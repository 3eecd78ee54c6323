package io.allot.cascade;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code allot.cascade.*} settings; conf/application.yml documents each default. */
@ConfigurationProperties(prefix = "allot.cascade")
public record CascadeProperties(
    @DefaultValue("") String escalationModel,
    @DefaultValue("escalate") String withoutMargin,
    @DefaultValue("isotonic") String calibration,
    @DefaultValue("0.2") double heldOutShare,
    @DefaultValue("100") int minLabelledOutcomes) {

  public CascadeSettings settings() {
    return new CascadeSettings(escalationModel, CascadeSettings.parseWithoutMargin(withoutMargin));
  }
}
