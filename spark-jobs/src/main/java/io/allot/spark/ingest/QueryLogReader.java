package io.allot.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads and validates query logs: every record ends up in exactly one of {@code valid} or
 * {@code rejected}. Shared by ingest (tonight's log) and scoring (the labelled history) so both
 * apply the same contract.
 */
public final class QueryLogReader {
  private static final String SEEN = "_seen";
  private static final String FIRST = "_first";
  private static final String FIRST_NIGHT = "_first_night";
  private static final String FIRST_ID = "_first_id";
  private static final String FIRST_FILE_IDX = "_first_file_idx";
  private static final String FIRST_LINE = "_first_line";
  private static final String FIRST_REF = "_first_ref";
  private static final String IS_DUPLICATE = "_is_duplicate";
  /**
   * Repeated ids up to this many are collected and broadcast, so the valid rows are marked in
   * place, in input order, without a shuffle; a night with more repeats takes a shuffle join and
   * a sort back into input order.
   */
  static final int BROADCAST_REPEATED_IDS = 200_000;
  private static final int IS_VALID_AT = QueryLogSchema.STAGED.fieldIndex(QueryLogSchema.IS_VALID);
  private static final int NIGHT_AT = QueryLogSchema.STAGED.fieldIndex(QueryLogSchema.NIGHT);
  private static final int QUERY_ID_AT = QueryLogSchema.STAGED.fieldIndex(QueryLogSchema.QUERY_ID);
  private static final int FILE_IDX_AT = QueryLogSchema.STAGED.fieldIndex(QueryLogSchema.FILE_IDX);
  private static final int LINE_AT = QueryLogSchema.STAGED.fieldIndex(QueryLogSchema.LINE);
  private static final int RECORD_REF_AT = QueryLogSchema.STAGED.fieldIndex(QueryLogSchema.RECORD_REF);
  private static final StructType VALID_AS_STAGED = QueryLogSchema.VALID_AS_STAGED;
  /** What the duplicate check reads of a valid row. */
  private static final StructType KEYS = new StructType(new StructField[] {
      QueryLogSchema.STAGED.fields()[NIGHT_AT], QueryLogSchema.STAGED.fields()[QUERY_ID_AT],
      QueryLogSchema.STAGED.fields()[FILE_IDX_AT], QueryLogSchema.STAGED.fields()[LINE_AT],
      QueryLogSchema.STAGED.fields()[RECORD_REF_AT]});

  /**
   * @param valid {@link QueryLogSchema#VALID} rows in input order (file, then line)
   * @param rejected {@link RejectedSchema#SCHEMA} rows in input order
   * @param staged every record's {@link QueryLogSchema#STAGED} row, cached until {@link #close}
   */
  public record Result(Dataset<Row> valid, Dataset<Row> rejected, JavaRDD<Row> staged) implements AutoCloseable {
    /** Records read (valid + rejected), counted on the cache. */
    public long total() {
      return staged.count();
    }

    /** Frees the cached validation output once both sides have been written or counted. */
    @Override
    public void close() {
      staged.unpersist(true);
    }
  }

  private QueryLogReader() {}

  /**
   * Validates every record once into cached rows, then finds the repeated ids on a few narrow
   * columns; valid and rejected rows are both taken from the cache. Runs one Spark job (the
   * validation, with the repeated ids) before it returns.
   */
  public static Result read(SparkSession spark, List<String> paths, InputFormat format,
      QueryRecordValidator validator) {
    return read(spark, paths, format, validator, BROADCAST_REPEATED_IDS);
  }

  /** @param broadcastRepeatedIds above this many repeated ids, the shuffle join (tests set 0 to take it) */
  static Result read(SparkSession spark, List<String> paths, InputFormat format, QueryRecordValidator validator,
      int broadcastRepeatedIds) {
    // The validated rows are cached as the Java objects the validator made: Spark's columnar
    // cache spent longer building its compressed columns than the validation took (JFR, 1M records).
    JavaRDD<Row> staged = stage(RecordSource.queryLog(spark, paths, format), validator)
        .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<Row> validRdd = staged.filter(r -> r.getBoolean(IS_VALID_AT));
    Dataset<Row> invalid = spark.createDataFrame(staged.filter(r -> !r.getBoolean(IS_VALID_AT)),
        QueryLogSchema.STAGED);
    Column[] order = {col(QueryLogSchema.FILE_IDX), col(QueryLogSchema.LINE)};
    Dataset<Row> valid;
    Dataset<Row> rejected = invalid;
    Marked marked = markDuplicates(spark, validRdd, broadcastRepeatedIds);
    if (marked == null) {
      // Only the valid columns are converted to Spark's rows (not the raw text each row keeps).
      valid = spark.createDataFrame(validRdd.map(QueryLogReader::validColumns), VALID_AS_STAGED);
    } else {
      valid = marked.rows().filter(not(col(IS_DUPLICATE)));
      if (!marked.inInputOrder()) {
        valid = valid.orderBy(order);
      }
      Dataset<Row> duplicates = marked.rows().filter(col(IS_DUPLICATE))
          .withColumn(QueryLogSchema.REJECT_FIELD, lit(QueryLogSchema.QUERY_ID))
          .withColumn(QueryLogSchema.REJECT_REASON, concat(lit("duplicate query_id '"),
              col(QueryLogSchema.QUERY_ID), lit("' (first at "), col(FIRST_REF), lit(")")))
          .select(columns(QueryLogSchema.STAGED.fieldNames()));
      rejected = invalid.unionByName(duplicates);
    }
    rejected = rejected.orderBy(order)
        .select(
            lit(RejectedSchema.SOURCE_QUERY_LOG).as(RejectedSchema.SOURCE),
            col(QueryLogSchema.RECORD_REF).as(RejectedSchema.RECORD_REF),
            col(QueryLogSchema.QUERY_ID).as(RejectedSchema.QUERY_ID),
            col(QueryLogSchema.REJECT_FIELD).as(RejectedSchema.FIELD),
            col(QueryLogSchema.REJECT_REASON).as(RejectedSchema.REASON),
            col(QueryLogSchema.RAW).as(RejectedSchema.RAW));
    return new Result(valid.select(columns(QueryLogSchema.VALID_COLUMNS)), rejected, staged);
  }

  /** Validates every input record into a {@link QueryLogSchema#STAGED} row. */
  static JavaRDD<Row> stage(Dataset<Row> input, QueryRecordValidator validator) {
    return input.javaRDD().mapPartitions(it -> validateAll(it, validator));
  }

  private static Row validColumns(Row staged) {
    Object[] values = new Object[VALID_AS_STAGED.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = staged.get(i);
    }
    return RowFactory.create(values);
  }

  private static Row keyColumns(Row staged) {
    return RowFactory.create(staged.get(NIGHT_AT), staged.get(QUERY_ID_AT), staged.get(FILE_IDX_AT),
        staged.get(LINE_AT), staged.get(RECORD_REF_AT));
  }

  /** Validates a partition lazily: one record in memory at a time, however large the file. */
  static Iterator<Row> validateAll(Iterator<Row> in, QueryRecordValidator validator) {
    return LazyIterators.map(in, row -> validateOne(row, validator));
  }

  private static Row validateOne(Row in, QueryRecordValidator validator) {
    long pos = in.getLong(in.fieldIndex(InputRecordSchema.POS));
    String file = in.getString(in.fieldIndex(InputRecordSchema.SOURCE_FILE));
    String json = in.getString(in.fieldIndex(InputRecordSchema.JSON));
    String night = in.getString(in.fieldIndex(InputRecordSchema.NIGHT));
    Object[] values = new Object[QueryLogSchema.STAGED.size()];
    ValidationResult<QueryRecord> result = validator.validate(json == null ? "" : json);
    if (result instanceof ValidationResult.Valid<QueryRecord> v) {
      Object[] valid = QueryLogSchema.validValues(v.value(), pos, file, night);
      System.arraycopy(valid, 0, values, 0, valid.length);
      set(values, QueryLogSchema.IS_VALID, true);
    } else {
      ValidationResult.Rejected<QueryRecord> r = (ValidationResult.Rejected<QueryRecord>) result;
      set(values, QueryLogSchema.LINE, pos);
      set(values, QueryLogSchema.SOURCE_FILE, file);
      set(values, QueryLogSchema.NIGHT, night);
      set(values, QueryLogSchema.QUERY_ID, r.queryId());
      set(values, QueryLogSchema.IS_VALID, false);
      set(values, QueryLogSchema.REJECT_FIELD, r.field());
      set(values, QueryLogSchema.REJECT_REASON, r.reason());
    }
    set(values, QueryLogSchema.FILE_IDX, in.getInt(in.fieldIndex(InputRecordSchema.FILE_IDX)));
    set(values, QueryLogSchema.RECORD_REF, in.getString(in.fieldIndex(InputRecordSchema.RECORD_REF)));
    set(values, QueryLogSchema.RAW, RejectedSchema.truncateRaw(json));
    return RowFactory.create(values);
  }

  private static void set(Object[] stagedValues, String column, Object value) {
    stagedValues[QueryLogSchema.STAGED.fieldIndex(column)] = value;
  }

  /** Valid rows with {@link #IS_DUPLICATE} and {@link #FIRST_REF}; in input order unless the join shuffled. */
  private record Marked(Dataset<Row> rows, boolean inInputOrder) {}

  /**
   * The first occurrence of a query_id in its night, in input order, is kept; later ones are
   * duplicates naming it. The same id on another night (history) is another query. Only the ids
   * seen more than once, found on five narrow columns, are joined back to the rows.
   *
   * @return null when no id repeats (most nights): the valid rows are all kept as they are
   */
  private static Marked markDuplicates(SparkSession spark, JavaRDD<Row> validRdd, int broadcastLimit) {
    Dataset<Row> repeated = spark.createDataFrame(validRdd.map(QueryLogReader::keyColumns), KEYS)
        .groupBy(col(QueryLogSchema.NIGHT).as(FIRST_NIGHT), col(QueryLogSchema.QUERY_ID).as(FIRST_ID))
        .agg(count(lit(1)).as(SEEN), min(struct(col(QueryLogSchema.FILE_IDX), col(QueryLogSchema.LINE),
            col(QueryLogSchema.RECORD_REF))).as(FIRST))
        .filter(col(SEEN).gt(1))
        .select(col(FIRST_NIGHT), col(FIRST_ID), col(FIRST + "." + QueryLogSchema.FILE_IDX).as(FIRST_FILE_IDX),
            col(FIRST + "." + QueryLogSchema.LINE).as(FIRST_LINE),
            col(FIRST + "." + QueryLogSchema.RECORD_REF).as(FIRST_REF));
    // This count is the validation pass: it fills the cache that every later use reads.
    long repeatedIds = repeated.count();
    if (repeatedIds == 0) {
      return null;
    }
    boolean small = repeatedIds <= broadcastLimit;
    Dataset<Row> firsts = small
        ? broadcast(spark.createDataFrame(repeated.collectAsList(), repeated.schema()))
        : repeated;
    Column sameId = col(QueryLogSchema.NIGHT).equalTo(col(FIRST_NIGHT))
        .and(col(QueryLogSchema.QUERY_ID).equalTo(col(FIRST_ID)));
    Column isFirst = col(FIRST_FILE_IDX).equalTo(col(QueryLogSchema.FILE_IDX))
        .and(col(FIRST_LINE).equalTo(col(QueryLogSchema.LINE)));
    Dataset<Row> validRows = spark.createDataFrame(validRdd, QueryLogSchema.STAGED);
    Dataset<Row> rows = validRows.join(firsts, sameId, "left_outer")
        .withColumn(IS_DUPLICATE, col(FIRST_REF).isNotNull().and(not(isFirst)))
        .drop(FIRST_NIGHT, FIRST_ID, FIRST_FILE_IDX, FIRST_LINE);
    // A broadcast hash join streams the valid rows through unchanged, so their order holds.
    return new Marked(rows, small);
  }

  private static Column[] columns(String[] names) {
    return Arrays.stream(names).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
