package io.allot.agreement;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code allot.cascade-options.*} settings; conf/application.yml documents each default.
 *
 * @param enabled offer agreement cascades ("A and B agree, else C") to the nightly solve
 * @param reserveSd standard deviations of the plan's realised cost kept out of the budget
 * @param minTrainRows history rows a task needs in the train part (and half as many held out)
 * @param maxHistoryQueries labelled history queries read at most (a hash sample beyond)
 */
@ConfigurationProperties(prefix = "allot.cascade-options")
public record CascadeOptionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("2.0") double reserveSd,
    @DefaultValue("100") int minTrainRows,
    @DefaultValue("200000") long maxHistoryQueries) {

  public CascadeOptionProperties {
    if (!(reserveSd >= 0) || Double.isInfinite(reserveSd)) {
      throw new IllegalArgumentException("allot.cascade-options.reserve-sd is " + reserveSd
          + "; must be a finite number >= 0");
    }
    if (minTrainRows < 1) {
      throw new IllegalArgumentException("allot.cascade-options.min-train-rows is " + minTrainRows + "; must be >= 1");
    }
    if (maxHistoryQueries < 1) {
      throw new IllegalArgumentException("allot.cascade-options.max-history-queries is " + maxHistoryQueries
          + "; must be >= 1");
    }
  }
}
