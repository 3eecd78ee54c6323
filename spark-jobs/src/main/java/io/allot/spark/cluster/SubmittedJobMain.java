package io.allot.spark.cluster;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of the shaded cluster jar: spark-submit runs it as the driver of one step's
 * Spark work (the master and the Spark settings come from spark-submit). It writes the same
 * Parquet outputs as the in-process path, then the {@link JobSummary}. Any failure ends the
 * driver with an exception, so the cluster manager records the driver as failed.
 */
public final class SubmittedJobMain {
  private static final Logger LOG = LoggerFactory.getLogger(SubmittedJobMain.class);

  private SubmittedJobMain() {}

  public static void main(String[] argv) {
    SubmittedJobArgs args = SubmittedJobArgs.parse(argv);
    SparkSession spark = SparkSession.builder().getOrCreate();
    try {
      LOG.info("allot {} job: input {}, output {}", args.job(), args.input(), args.output());
      Map<String, Long> counts = args.job().run(spark, args);
      JobSummary.write(spark, args.output(), args.token(), counts);
      LOG.info("allot {} job done: {}", args.job(), counts);
    } finally {
      spark.stop();
    }
  }
}
