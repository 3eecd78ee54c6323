package io.allot.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.allot.spark.ingest.InputFiles.InputFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Reads input files into {@link InputRecordSchema} rows: one JSON text per record, with its file
 * and 1-based position. Blank JSONL lines are skipped (they hold no record) but still counted in
 * the line numbers, so "line N" matches what an editor shows.
 */
public final class RecordSource {
  private RecordSource() {}

  /** Query-log inputs: JSONL or Parquet, Parquet checked against {@link ParquetContract}. */
  public static Dataset<Row> queryLog(SparkSession spark, List<String> paths, InputFormat format) {
    return read(spark, paths, format, true);
  }

  /** JSONL-only inputs (outcomes). */
  public static Dataset<Row> jsonLines(SparkSession spark, List<String> paths) {
    return read(spark, paths, InputFormat.JSONL, false);
  }

  private static Dataset<Row> read(SparkSession spark, List<String> paths, InputFormat format, boolean queryLog) {
    if (paths.isEmpty()) {
      return spark.createDataFrame(List.of(), InputRecordSchema.SCHEMA);
    }
    List<InputFile> files = InputFiles.resolve(spark.sparkContext().hadoopConfiguration(), paths, format);
    boolean several = files.size() > 1;
    List<Dataset<Row>> parts = new ArrayList<>();
    for (InputFile f : files) {
      String prefix = several ? f.name() + " " : "";
      if (f.format() == InputFormat.PARQUET) {
        if (!queryLog) {
          throw new InputFormatException(f.path() + ": outcomes must be JSONL, not Parquet");
        }
        parts.add(parquetFile(spark, f, prefix + "row "));
      } else {
        parts.add(jsonlFile(spark, f, prefix + "line "));
      }
    }
    return parts.stream().reduce(Dataset::union).orElseThrow();
  }

  private static Dataset<Row> jsonlFile(SparkSession spark, InputFile f, String refPrefix) {
    // One partition per file block (32 MB on a local disk), not at least two: a small file is then
    // one partition, numbered without zipWithIndex's extra counting pass, and its valid rows are
    // written as one file in input order.
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .textFile(f.path(), 1)
        .zipWithIndex()
        .filter(t -> !t._1().isBlank())
        .map(t -> {
          long line = t._2() + 1;
          String text = line == 1 ? stripBom(t._1()) : t._1();
          return RowFactory.create(f.index(), f.name(), line, refPrefix + line, text, f.night());
        });
    return spark.createDataFrame(rows, InputRecordSchema.SCHEMA);
  }

  static Dataset<Row> parquetFile(SparkSession spark, InputFile f, String refPrefix) {
    Dataset<Row> df = spark.read().parquet(f.path());
    ParquetContract.check(df.schema(), f.path());
    // The row index comes from the Parquet reader itself, so it is the row's position in the file
    // regardless of how Spark splits the file into tasks.
    Column pos = col("_metadata.row_index").plus(1);
    Column[] data = Arrays.stream(df.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return df.select(
        lit(f.index()).as(InputRecordSchema.FILE_IDX),
        lit(f.name()).as(InputRecordSchema.SOURCE_FILE),
        pos.cast("long").as(InputRecordSchema.POS),
        concat(lit(refPrefix), pos.cast("string")).as(InputRecordSchema.RECORD_REF),
        to_json(struct(data)).as(InputRecordSchema.JSON),
        lit(f.night()).as(InputRecordSchema.NIGHT));
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

}
