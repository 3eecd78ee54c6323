package io.allot.solve;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distributed solve on an in-process Spark master (the loopback cluster's run: StandaloneClusterTest). */
class DistributedSolveTest {
  @Test
  void givesTheDriverPathsAnswerOnALocalMaster(@TempDir Path dir) throws Exception {
    SparkSession spark = SolverSpark.start("local[2]", Map.of());
    try {
      DistributedSolveCheck.sameAnswerAsTheDriver(spark, dir.resolve("assignments"));
    } finally {
      spark.stop();
    }
  }
}
