package io.allot.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels for commands that run without Spring (which otherwise applies conf/application.yml's
 * logging section): Allot's progress at INFO, Spark's and the solver's chatter at WARN.
 */
final class QuietLogging {
  private QuietLogging() {}

  static void apply() {
    if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext)) {
      return;
    }
    level(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
    level("io.allot", Level.INFO);
    level("io.allot.solve", Level.WARN);
    level("org.apache.spark", Level.WARN);
    level("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);
    level("org.apache.spark.util.Utils", Level.ERROR);
    level("org.apache.spark.scheduler.DAGScheduler", Level.ERROR);
  }

  private static void level(String name, Level level) {
    ((Logger) LoggerFactory.getLogger(name)).setLevel(level);
  }
}
