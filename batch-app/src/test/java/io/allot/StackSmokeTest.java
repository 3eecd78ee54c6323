package io.allot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class StackSmokeTest {
  @Test
  void sparkAndPostgresStartInOneJvm() throws Exception {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("smoke")
        .config("spark.ui.enabled", "false").getOrCreate();
    assertEquals(10, spark.range(10).count());
    spark.stop();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
         Connection c = pg.getPostgresDatabase().getConnection();
         ResultSet rs = c.createStatement().executeQuery("select 41+1")) {
      rs.next();
      assertEquals(42, rs.getInt(1));
    }
  }
}
