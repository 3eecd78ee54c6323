package io.allot.cascade;

import java.util.Locale;

/**
 * How the cascade escalates.
 *
 * @param escalationModel the second-tier model id; empty: per tenant and task, the model with the
 *     highest mean predicted quality on that group's queries (setting allot.cascade.escalation-model)
 * @param escalateWithoutMargin true: a query with no logprobs (so no margin) is escalated and its
 *     escalation cost is reserved before the threshold is set; false: it stays on the small model
 *     (setting allot.cascade.without-margin: escalate | small)
 */
public record CascadeSettings(String escalationModel, boolean escalateWithoutMargin) {

  public CascadeSettings {
    escalationModel = escalationModel == null ? "" : escalationModel.trim();
  }

  public static CascadeSettings defaults() {
    return new CascadeSettings("", true);
  }

  public static boolean parseWithoutMargin(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "escalate" -> true;
      case "small" -> false;
      default -> throw new IllegalArgumentException("allot.cascade.without-margin is '" + value
          + "'; use escalate or small");
    };
  }
}
