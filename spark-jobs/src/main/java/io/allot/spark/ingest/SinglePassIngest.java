package io.allot.spark.ingest;

import io.allot.spark.ingest.InputFiles.InputFile;
import io.allot.spark.ingest.JsonlSplits.Line;
import io.allot.spark.ingest.JsonlSplits.Split;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Ingest in one pass over the input, with no cache: each record is parsed once (the streaming
 * parser, the tree validator only for what it does not accept outright), valid records go straight
 * to the Parquet writer as Spark's internal rows, and each partition reports, through an
 * accumulator, its record count, a 64-bit hash of each valid record's (night, query_id) and its
 * rejected rows (at most {@link #REJECTS_PER_PARTITION}). The driver then writes the rejected rows.
 *
 * <p>The pass cannot tell a repeated query_id before it has seen every record, so it writes the
 * valid rows assuming there is none. When two valid records' hashes agree (a repeated id, or on a
 * rare night a hash collision), or a partition had more rejects than it reports, {@link #run}
 * returns null and the caller runs the general path ({@link QueryLogReader}), which overwrites
 * both outputs: the same tables as before, at the cost of a second pass on such nights.
 */
final class SinglePassIngest {
  /** Rejected rows a partition sends to the driver; a partition with more takes the general path. */
  static final int REJECTS_PER_PARTITION = 1_000;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SinglePassIngest.class);

  private static final int POS_AT = InputRecordSchema.SCHEMA.fieldIndex(InputRecordSchema.POS);
  private static final int JSON_AT = InputRecordSchema.SCHEMA.fieldIndex(InputRecordSchema.JSON);
  private static final int COLUMNS = QueryLogSchema.VALID.size();
  private static final int SOURCE_FILE_AT = QueryLogSchema.VALID.fieldIndex(QueryLogSchema.SOURCE_FILE);
  private static final int NIGHT_AT = QueryLogSchema.VALID.fieldIndex(QueryLogSchema.NIGHT);

  /** What a partition tells the driver once the writer has read all of it. */
  record PartitionReport(int partition, long records, long[] validIdHashes, List<Object[]> rejects, boolean overflow)
      implements Serializable {}

  /** A rejected record: where it is (for the order) and its {@link RejectedSchema} values. */
  private record Reject(int fileIdx, long line, Row row) {}

  /** @return the records read, or null when the caller must take the general path (see the class comment) */
  static Long run(SparkSession spark, List<String> paths, InputFormat format, QueryRecordValidator validator,
      StreamingRecordParser parser, String validDir, String rejectedDir, int rejectCap, long maxSplitBytes) {
    long t0 = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<InputFile> files = InputFiles.resolve(sc.hadoopConfiguration(), paths, format);
    boolean several = files.size() > 1;
    Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration()));
    CollectionAccumulator<PartitionReport> reports = spark.sparkContext().collectionAccumulator("ingest partitions");
    List<JavaRDD<InternalRow>> parts = new ArrayList<>();
    for (InputFile f : files) {
      String prefix = several ? f.name() + " " : "";
      if (f.format() == InputFormat.PARQUET) {
        String refPrefix = prefix + "row ";
        parts.add(RecordSource.parquetFile(spark, f, refPrefix).javaRDD()
            .mapPartitions(rows -> validRows(LazyIterators.map(rows, r -> new Input(f, r.getLong(POS_AT), refPrefix,
                null, r.getString(JSON_AT))), validator, parser, reports, rejectCap)));
      } else {
        List<Split> splits = JsonlSplits.plan(sc, f, prefix + "line ", maxSplitBytes);
        parts.add(sc.parallelize(splits, splits.size()).mapPartitions(it -> {
          Configuration c = conf.value().value();
          Iterator<Line> lines = flatLines(it, c);
          return validRows(LazyIterators.map(lines, Input::of), validator, parser, reports, rejectCap);
        }));
      }
    }
    JavaRDD<InternalRow> valid = parts.size() == 1 ? parts.get(0) : sc.union(parts.toArray(JavaRDD[]::new));
    int partitions = valid.getNumPartitions();
    long t1 = System.nanoTime();
    IngestJob.writeValid(((org.apache.spark.sql.classic.SparkSession) spark)
        .internalCreateDataFrame(valid.rdd(), QueryLogSchema.VALID_AS_STAGED, false), validDir);
    conf.destroy();
    long t2 = System.nanoTime();

    List<PartitionReport> done = reports.value();
    if (done.size() != partitions || done.stream().anyMatch(PartitionReport::overflow) || repeats(done)) {
      return null;
    }
    List<Reject> rejects = new ArrayList<>();
    for (PartitionReport r : done) {
      for (Object[] v : r.rejects()) {
        rejects.add(new Reject((Integer) v[0], (Long) v[1], (Row) v[2]));
      }
    }
    rejects.sort(Comparator.comparingInt(Reject::fileIdx).thenComparingLong(Reject::line));
    spark.createDataFrame(rejects.stream().map(Reject::row).toList(), RejectedSchema.SCHEMA)
        .write().mode(SaveMode.Overwrite).parquet(rejectedDir);
    LOG.info("ingest: {} partitions; line ends counted {} s, valid written {} s, {} rejected written {} s", partitions,
        IngestJob.seconds(t1 - t0), IngestJob.seconds(t2 - t1), rejects.size(), IngestJob.seconds(System.nanoTime() - t2));
    return done.stream().mapToLong(PartitionReport::records).sum();
  }

  /** Whether two valid records' (night, query_id) hashes agree. */
  static boolean repeats(List<PartitionReport> reports) {
    long[] all = new long[reports.stream().mapToInt(r -> r.validIdHashes().length).sum()];
    int at = 0;
    for (PartitionReport r : reports) {
      System.arraycopy(r.validIdHashes(), 0, all, at, r.validIdHashes().length);
      at += r.validIdHashes().length;
    }
    Arrays.sort(all);
    for (int i = 1; i < all.length; i++) {
      if (all[i] == all[i - 1]) {
        return true;
      }
    }
    return false;
  }

  /** FNV-1a over the night, a separator and the id, then a 64-bit finaliser (splitmix64's). */
  static long idHash(String night, String queryId) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < night.length(); i++) {
      h = (h ^ night.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ 0xFFFF) * 0x100000001b3L;
    for (int i = 0; i < queryId.length(); i++) {
      h = (h ^ queryId.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  private static Iterator<Line> flatLines(Iterator<Split> splits, Configuration conf) {
    return new Iterator<>() {
      private Iterator<Line> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && splits.hasNext()) {
          current = JsonlSplits.lines(splits.next(), conf);
        }
        return current.hasNext();
      }

      @Override
      public Line next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** One input record: a JSONL line (its bytes) or a Parquet row (its JSON text, null for none). */
  record Input(InputFile file, long number, String refPrefix, Line line, String text) {
    static Input of(Line l) {
      return new Input(l.file, l.number, l.refPrefix, l, null);
    }

    boolean blank() {
      return line != null && JsonlSplits.isBlank(line);
    }

    String json() {
      return line != null ? line.text() : text;
    }
  }

  /**
   * The partition's valid records as {@link QueryLogSchema#VALID_AS_STAGED} internal rows, lazily;
   * when the writer has read the last one, the partition's report is added to {@code reports}.
   */
  static Iterator<InternalRow> validRows(Iterator<Input> in, QueryRecordValidator validator,
      StreamingRecordParser parser, CollectionAccumulator<PartitionReport> reports, int rejectCap) {
    int partition = org.apache.spark.TaskContext.getPartitionId();
    return new Iterator<>() {
      private InternalRow next;
      private boolean reported;
      private long records;
      private long[] hashes = new long[1024];
      private int valid;
      private final List<Object[]> rejects = new ArrayList<>();
      private boolean overflow;
      private UTF8String file;
      private UTF8String night;
      private InputFile lastFile;

      @Override
      public boolean hasNext() {
        while (next == null && in.hasNext()) {
          next = validate(in.next());
        }
        if (next == null && !reported) {
          reported = true;
          reports.add(new PartitionReport(partition, records, Arrays.copyOf(hashes, valid), rejects, overflow));
        }
        return next != null;
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        InternalRow r = next;
        next = null;
        return r;
      }

      private InternalRow validate(Input rec) {
        if (rec.blank()) {
          return null;
        }
        records++;
        if (rec.file() != lastFile) {
          lastFile = rec.file();
          file = UTF8String.fromString(lastFile.name());
          night = UTF8String.fromString(lastFile.night());
        }
        Line l = rec.line();
        QueryRecord q = l != null ? parser.parse(l.bytes, l.offset, l.length) : parser.parse(rec.text());
        if (q == null) {
          String json = rec.json();
          ValidationResult<QueryRecord> v = validator.validate(json == null ? "" : json);
          if (v instanceof ValidationResult.Rejected<QueryRecord> r) {
            if (rejects.size() < rejectCap) {
              rejects.add(new Object[] {rec.file().index(), rec.number(), RowFactory.create(
                  RejectedSchema.SOURCE_QUERY_LOG, rec.refPrefix() + rec.number(), r.queryId(), r.field(), r.reason(),
                  RejectedSchema.truncateRaw(json))});
            } else {
              overflow = true;
            }
            return null;
          }
          q = ((ValidationResult.Valid<QueryRecord>) v).value();
        }
        if (valid == hashes.length) {
          hashes = Arrays.copyOf(hashes, 2 * valid);
        }
        hashes[valid++] = idHash(lastFile.night(), q.queryId());
        return internal(QueryLogSchema.validValues(q, rec.number(), null, null), file, night);
      }
    };
  }

  /** A VALID row's values (QueryLogSchema.validValues) as Spark's internal row, as its Row encoder converts them. */
  static InternalRow internal(Object[] v, UTF8String file, UTF8String night) {
    Object[] out = new Object[COLUMNS];
    for (int i = 0; i < COLUMNS; i++) {
      Object x = v[i];
      if (x instanceof String s) {
        out[i] = UTF8String.fromString(s);
      } else if (x instanceof String[] a) {
        Object[] u = new Object[a.length];
        for (int j = 0; j < a.length; j++) {
          u[j] = UTF8String.fromString(a[j]);
        }
        out[i] = new GenericArrayData(u);
      } else if (x instanceof double[] d) {
        out[i] = UnsafeArrayData.fromPrimitiveArray(d);
      } else if (x instanceof Timestamp t) {
        out[i] = DateTimeUtils.fromJavaTimestamp(t);
      } else {
        out[i] = x;
      }
    }
    out[SOURCE_FILE_AT] = file;
    out[NIGHT_AT] = night;
    return new GenericInternalRow(out);
  }

  private SinglePassIngest() {}
}
