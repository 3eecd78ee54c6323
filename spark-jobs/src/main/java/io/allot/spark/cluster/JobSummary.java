package io.allot.spark.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A submitted job's counts, written by the driver as the last thing it does into
 * {@code <output>/summary} (one JSON row, through Spark so it works on any shared file system)
 * and read back by the app. It carries the submission's token: a summary left by an earlier
 * attempt is never taken for this one's.
 */
public final class JobSummary {
  public static final String DIR = "summary";
  private static final String TOKEN = "token";

  private JobSummary() {}

  public static void write(SparkSession spark, String outputDir, String token, Map<String, Long> counts) {
    List<StructField> fields = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    fields.add(DataTypes.createStructField(TOKEN, DataTypes.StringType, false));
    values.add(token);
    counts.forEach((k, v) -> {
      fields.add(DataTypes.createStructField(k, DataTypes.LongType, false));
      values.add(v);
    });
    spark.createDataFrame(List.of(RowFactory.create(values.toArray())), new StructType(fields.toArray(StructField[]::new)))
        .coalesce(1).write().mode(SaveMode.Overwrite).json(outputDir + "/" + DIR);
  }

  /** The counts of the submission with this token; fails when its summary is missing or another's. */
  public static Map<String, Long> read(SparkSession spark, String outputDir, String token) {
    String dir = outputDir + "/" + DIR;
    Dataset<Row> rows;
    try {
      rows = spark.read().json(dir);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the submitted job left no summary in " + dir
          + ": the driver did not finish its work (" + e.getMessage() + ")");
    }
    List<Row> all = rows.collectAsList();
    if (all.size() != 1 || !token.equals(all.get(0).getAs(TOKEN))) {
      throw new IllegalStateException("the summary in " + dir + " is not this submission's (token " + token
          + "): the driver did not finish its work");
    }
    Row r = all.get(0);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String f : r.schema().fieldNames()) {
      if (!f.equals(TOKEN)) {
        counts.put(f, ((Number) r.getAs(f)).longValue());
      }
    }
    return counts;
  }
}
