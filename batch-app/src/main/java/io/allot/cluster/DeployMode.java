package io.allot.cluster;

import java.util.Locale;

/** Where a submitted job's driver runs: in the spark-submit child JVM (client) or on the cluster. */
public enum DeployMode {
  CLIENT, CLUSTER;

  public static DeployMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("allot.spark.submit.deploy-mode is '" + value + "'; expected client or cluster");
    }
  }

  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
