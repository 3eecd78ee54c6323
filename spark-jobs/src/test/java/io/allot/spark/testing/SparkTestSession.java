package io.allot.spark.testing;

import org.apache.spark.sql.SparkSession;

/**
 * One small local session per test JVM, shared by the test classes: starting Spark costs seconds,
 * the jobs under test take their inputs and outputs as paths, so classes do not see each other's
 * data. Two cores are shared with other builds. Callers do not stop it;
 * Spark's own shutdown hook does when the JVM exits.
 */
public final class SparkTestSession {
  private static SparkSession shared;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (shared == null) {
      shared = SparkSession.builder()
          .master("local[2]")
          .appName("allot-test")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
    }
    return shared;
  }
}
