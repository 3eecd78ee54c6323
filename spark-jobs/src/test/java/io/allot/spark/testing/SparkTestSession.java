package io.allot.spark.testing;

import org.apache.spark.sql.SparkSession;

/** Small local session for tests: two cores are shared with other builds. */
public final class SparkTestSession {
  private SparkTestSession() {}

  public static SparkSession create() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("allot-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }
}
