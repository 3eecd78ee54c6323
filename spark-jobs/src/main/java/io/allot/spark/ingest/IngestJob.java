package io.allot.spark.ingest;

import io.allot.spark.catalog.ModelCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 1 of the nightly run: validate the night's query log and write {@code <out>/valid}
 * ({@link QueryLogSchema#VALID}) and {@code <out>/rejected} ({@link RejectedSchema#SCHEMA}).
 * Outputs are overwritten, so a rerun after a failure replaces any partial output.
 */
public final class IngestJob {
  public static final String VALID_DIR = "valid";
  public static final String REJECTED_DIR = "rejected";

  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  /**
   * Valid columns whose values rarely repeat, written without Parquet's dictionary encoding: the
   * writer tried a dictionary on every value before it fell back to plain encoding, about a third
   * of the ingest's CPU time on a 1M-query night (JFR). The ids and text of the others (tenant,
   * task, the small model and its first tokens, the file, the night) keep their dictionaries.
   */
  static final List<String> PLAIN_COLUMNS = List.of(QueryLogSchema.LINE, QueryLogSchema.QUERY_ID,
      QueryLogSchema.TEXT, QueryLogSchema.SMALL_OUTPUT, QueryLogSchema.FIRST_TOKEN_LOGPROBS + ".list.element",
      QueryLogSchema.TOKEN_LOGPROBS + ".list.element", QueryLogSchema.EMBEDDING + ".list.element",
      QueryLogSchema.CREATED_AT, QueryLogSchema.MARGIN, QueryLogSchema.MEAN_LOGPROB);

  /**
   * @param input a JSONL file, a directory of .jsonl/.json files, or a Parquet file or directory
   * @param format AUTO to decide by extension (or Parquet magic bytes for a single file)
   * @param outputDir receives the valid/ and rejected/ Parquet folders
   */
  public record Params(String input, InputFormat format, ModelCatalog catalog, String outputDir) {
    public Params {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(outputDir, "outputDir");
    }

    public Params(String input, ModelCatalog catalog, String outputDir) {
      this(input, InputFormat.AUTO, catalog, outputDir);
    }
  }

  private IngestJob() {}

  public static IngestSummary run(SparkSession spark, Params p) {
    return run(spark, p, SinglePassIngest.REJECTS_PER_PARTITION, 0);
  }

  /**
   * @param rejectCap rejected rows a partition of the single pass reports; below 0 the single pass is skipped
   *     (tests compare it with the general path)
   * @param maxSplitBytes 0 for Hadoop's split size; tests set less to cut a small file into several splits
   */
  static IngestSummary run(SparkSession spark, Params p, int rejectCap, long maxSplitBytes) {
    LOG.info("ingest: validating {} into {}", p.input(), p.outputDir());
    String validDir = p.outputDir() + "/" + VALID_DIR;
    String rejectedDir = p.outputDir() + "/" + REJECTED_DIR;
    QueryRecordValidator validator = new QueryRecordValidator(p.catalog());
    long t0 = System.nanoTime();
    Long read = rejectCap < 0 ? null : SinglePassIngest.run(spark, List.of(p.input()), p.format(), validator,
        new StreamingRecordParser(p.catalog()), validDir, rejectedDir, rejectCap, maxSplitBytes);
    long t1 = System.nanoTime();
    long total;
    if (read != null) {
      total = read;
      LOG.info("ingest: one pass, {} s", seconds(t1 - t0));
    } else {
      LOG.info("ingest: the pass found a repeated query_id or more rejected records than a pass reports ({} s); "
          + "validating again with the duplicate check", seconds(t1 - t0));
      total = general(spark, p, validator, validDir, rejectedDir);
    }
    long t2 = System.nanoTime();
    // Counted from what was written, so the summary cannot disagree with the tables.
    long valid = writtenRows(spark, validDir);
    long rejected = writtenRows(spark, rejectedDir);
    if (valid + rejected != total) {
      throw new IllegalStateException("ingest lost records: " + total + " read but " + valid
          + " valid + " + rejected + " rejected written");
    }
    IngestSummary summary = new IngestSummary(total, valid, rejected);
    LOG.info("ingest: {} records, {} valid, {} rejected; counted {} s", total, valid, rejected,
        seconds(System.nanoTime() - t2));
    return summary;
  }

  /** Validation into a cache, the duplicate check, then both outputs from the cache ({@link QueryLogReader}). */
  private static long general(SparkSession spark, Params p, QueryRecordValidator validator, String validDir,
      String rejectedDir) {
    long t0 = System.nanoTime();
    try (QueryLogReader.Result r = QueryLogReader.read(spark, List.of(p.input()), p.format(), validator)) {
      long total = r.total();
      long t1 = System.nanoTime();
      writeValid(r.valid(), validDir);
      long t2 = System.nanoTime();
      r.rejected().write().mode(SaveMode.Overwrite).parquet(rejectedDir);
      LOG.info("ingest: validated {} s, valid written {} s, rejected written {} s", seconds(t1 - t0),
          seconds(t2 - t1), seconds(System.nanoTime() - t2));
      return total;
    }
  }

  /** The rows of a Parquet folder Spark wrote, from the files' footers (no Spark job). */
  static long writtenRows(SparkSession spark, String dir) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      Path path = new Path(dir);
      long rows = 0;
      for (FileStatus f : path.getFileSystem(conf).listStatus(path)) {
        String name = f.getPath().getName();
        if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
            rows += r.getRecordCount();
          }
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot count the rows written to " + dir, e);
    }
  }

  /** Writes the valid rows ({@link QueryLogSchema#VALID}), replacing what the folder held. */
  static void writeValid(Dataset<Row> rows, String dir) {
    // Parquet 1.15's size statistics (byte sizes and level histograms per page) are not read by
    // anything here; min/max of free text cost a comparison per value and prune nothing.
    DataFrameWriter<Row> w = rows.write().mode(SaveMode.Overwrite)
        .option("parquet.size.statistics.enabled", "false")
        .option("parquet.column.statistics.enabled#" + QueryLogSchema.TEXT, "false")
        .option("parquet.column.statistics.enabled#" + QueryLogSchema.SMALL_OUTPUT, "false");
    for (String c : PLAIN_COLUMNS) {
      w = w.option("parquet.enable.dictionary#" + c, "false");
    }
    w.parquet(dir);
  }

  static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
  }
}
