package io.allot.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads and validates query logs: every record ends up in exactly one of {@code valid} or
 * {@code rejected}. Shared by ingest (tonight's log) and scoring (the labelled history) so both
 * apply the same contract.
 */
public final class QueryLogReader {
  private static final String DUP_RANK = "_dup_rank";
  private static final String FIRST_REF = "_first_ref";

  /**
   * @param valid {@link QueryLogSchema#VALID} rows in input order (file, then line)
   * @param rejected {@link RejectedSchema#SCHEMA} rows in input order
   */
  public record Result(Dataset<Row> valid, Dataset<Row> rejected, Dataset<Row> staged) implements AutoCloseable {
    /** Frees the cached validation output once both sides have been written or counted. */
    @Override
    public void close() {
      staged.unpersist();
    }
  }

  private QueryLogReader() {}

  public static Result read(SparkSession spark, List<String> paths, InputFormat format,
      QueryRecordValidator validator) {
    Dataset<Row> staged = stage(spark, RecordSource.queryLog(spark, paths, format), validator)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> ranked = rankDuplicates(staged.filter(col(QueryLogSchema.IS_VALID)));
    Column[] order = {col(QueryLogSchema.FILE_IDX), col(QueryLogSchema.LINE)};
    Dataset<Row> valid = ranked.filter(col(DUP_RANK).equalTo(1))
        .orderBy(order)
        .select(columns(QueryLogSchema.VALID_COLUMNS));
    Dataset<Row> invalid = staged.filter(col(QueryLogSchema.IS_VALID).equalTo(false));
    Dataset<Row> duplicates = ranked.filter(col(DUP_RANK).gt(1))
        .withColumn(QueryLogSchema.REJECT_FIELD, lit(QueryLogSchema.QUERY_ID))
        .withColumn(QueryLogSchema.REJECT_REASON, concat(lit("duplicate query_id '"),
            col(QueryLogSchema.QUERY_ID), lit("' (first at "), col(FIRST_REF), lit(")")))
        .drop(DUP_RANK, FIRST_REF);
    Dataset<Row> rejected = invalid.unionByName(duplicates)
        .orderBy(order)
        .select(
            lit(RejectedSchema.SOURCE_QUERY_LOG).as(RejectedSchema.SOURCE),
            col(QueryLogSchema.RECORD_REF).as(RejectedSchema.RECORD_REF),
            col(QueryLogSchema.QUERY_ID).as(RejectedSchema.QUERY_ID),
            col(QueryLogSchema.REJECT_FIELD).as(RejectedSchema.FIELD),
            col(QueryLogSchema.REJECT_REASON).as(RejectedSchema.REASON),
            col(QueryLogSchema.RAW).as(RejectedSchema.RAW));
    return new Result(valid, rejected, staged);
  }

  /** Validates every input record into a {@link QueryLogSchema#STAGED} row. */
  static Dataset<Row> stage(SparkSession spark, Dataset<Row> input, QueryRecordValidator validator) {
    JavaRDD<Row> rows = input.javaRDD().mapPartitions(it -> validateAll(it, validator));
    return spark.createDataFrame(rows, QueryLogSchema.STAGED);
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

  /**
   * Rank 1 is the first occurrence of a query_id in its night, in input order; later ones are
   * duplicates. The same id on another night (history) is another query.
   */
  private static Dataset<Row> rankDuplicates(Dataset<Row> validRows) {
    WindowSpec byId = Window.partitionBy(QueryLogSchema.NIGHT, QueryLogSchema.QUERY_ID)
        .orderBy(QueryLogSchema.FILE_IDX, QueryLogSchema.LINE);
    return validRows
        .withColumn(DUP_RANK, row_number().over(byId))
        .withColumn(FIRST_REF, first(col(QueryLogSchema.RECORD_REF)).over(byId));
  }

  private static Column[] columns(String[] names) {
    return Arrays.stream(names).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
