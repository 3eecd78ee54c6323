package io.allot.config;

import io.allot.config.SparkMaster;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the in-process SparkSession on first use, so commands that never touch Spark (sql,
 * explain) do not pay its start-up, and stops it when the application closes.
 */
public class SparkSessions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SparkSessions.class);
  private final AllotProperties.Spark settings;
  private SparkSession session;

  public SparkSessions(AllotProperties.Spark settings) {
    this.settings = settings;
  }

  public synchronized SparkSession get() {
    if (session == null) {
      // With a cluster master the heavy work is submitted (io.allot.cluster.SparkJobs); this session
      // only reads the jobs' outputs back, so it stays in-process.
      String master = SparkMaster.parse(settings.master()).isLocal() ? settings.master()
          : settings.submit().readerMaster();
      log.info("starting Spark with master {}", master);
      SparkSession.Builder builder = SparkSession.builder()
          .appName("allot")
          .master(master)
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", String.valueOf(settings.shufflePartitions()))
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.driver.memory", settings.driverMemory());
      if (master.startsWith("local")) {
        // In-process Spark needs no network name; loopback avoids the hostname look-up warning.
        builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
      }
      // Spark's log4j2 calls go to the app's logging (log4j-to-slf4j), so levels live in conf/application.yml.
      session = builder.getOrCreate();
      session.sparkContext().addSparkListener(new SparkProgressLogger());
    }
    return session;
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.stop();
      session = null;
    }
  }
}
