package io.allot.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.allot.spark.catalog.ModelCatalog;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads and validates outcome JSONL. An outcome is used only when its query is among the valid
 * history queries: without the query we know neither its task nor its margin, so the label
 * cannot be attributed.
 */
public final class OutcomeReader {

  /**
   * @param used {@link OutcomeSchema#VALID} rows whose query is in the history: same query_id, same night
   * @param rejected {@link RejectedSchema#SCHEMA} rows with source "outcomes"
   */
  public record Result(Dataset<Row> used, Dataset<Row> rejected, Dataset<Row> staged) implements AutoCloseable {
    @Override
    public void close() {
      staged.unpersist();
    }
  }

  private OutcomeReader() {}

  /** @param historyQueries the valid history queries (at least their {@link QueryLogSchema#HISTORY_KEY} columns) */
  public static Result read(SparkSession spark, List<String> paths, ModelCatalog catalog,
      Dataset<Row> historyQueries) {
    OutcomeValidator validator = new OutcomeValidator(catalog);
    JavaRDD<Row> rows = RecordSource.jsonLines(spark, paths).javaRDD()
        .mapPartitions(it -> validateAll(it, validator));
    Dataset<Row> staged = spark.createDataFrame(rows, OutcomeSchema.STAGED).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> ok = staged.filter(col(OutcomeSchema.IS_VALID));
    Dataset<Row> keys = historyQueries.select(columns(QueryLogSchema.HISTORY_KEY)).distinct();
    Dataset<Row> used = ok.join(keys, QueryLogSchema.HISTORY_KEY, "left_semi")
        .orderBy(OutcomeSchema.FILE_IDX, OutcomeSchema.POS)
        .select(columns(OutcomeSchema.VALID_COLUMNS));
    Dataset<Row> unknown = ok.join(keys, QueryLogSchema.HISTORY_KEY, "left_anti")
        .withColumn(OutcomeSchema.REJECT_FIELD, lit(OutcomeSchema.QUERY_ID))
        .withColumn(OutcomeSchema.REJECT_REASON, concat(lit("query_id '"), col(OutcomeSchema.QUERY_ID),
            lit("' is not among the valid history queries"),
            when(col(OutcomeSchema.NIGHT).notEqual(""), concat(lit(" of "), col(OutcomeSchema.NIGHT))).otherwise("")));
    Dataset<Row> rejected = staged.filter(col(OutcomeSchema.IS_VALID).equalTo(false)).unionByName(unknown)
        .orderBy(OutcomeSchema.FILE_IDX, OutcomeSchema.POS)
        .select(
            lit(RejectedSchema.SOURCE_OUTCOMES).as(RejectedSchema.SOURCE),
            col(OutcomeSchema.RECORD_REF).as(RejectedSchema.RECORD_REF),
            col(OutcomeSchema.QUERY_ID).as(RejectedSchema.QUERY_ID),
            col(OutcomeSchema.REJECT_FIELD).as(RejectedSchema.FIELD),
            col(OutcomeSchema.REJECT_REASON).as(RejectedSchema.REASON),
            col(OutcomeSchema.RAW).as(RejectedSchema.RAW));
    return new Result(used, rejected, staged);
  }

  /** Validates a partition lazily: one record in memory at a time, however large the file. */
  static Iterator<Row> validateAll(Iterator<Row> in, OutcomeValidator validator) {
    return LazyIterators.map(in, row -> validateOne(row, validator));
  }

  private static Row validateOne(Row in, OutcomeValidator validator) {
    String ref = in.getString(in.fieldIndex(InputRecordSchema.RECORD_REF));
    String json = in.getString(in.fieldIndex(InputRecordSchema.JSON));
    String night = in.getString(in.fieldIndex(InputRecordSchema.NIGHT));
    Object[] values = new Object[OutcomeSchema.STAGED.size()];
    ValidationResult<OutcomeRecord> result = validator.validate(json == null ? "" : json);
    if (result instanceof ValidationResult.Valid<OutcomeRecord> v) {
      Object[] valid = OutcomeSchema.validValues(v.value(), ref, night);
      System.arraycopy(valid, 0, values, 0, valid.length);
      set(values, OutcomeSchema.IS_VALID, true);
    } else {
      ValidationResult.Rejected<OutcomeRecord> r = (ValidationResult.Rejected<OutcomeRecord>) result;
      set(values, OutcomeSchema.QUERY_ID, r.queryId());
      set(values, OutcomeSchema.RECORD_REF, ref);
      set(values, OutcomeSchema.NIGHT, night);
      set(values, OutcomeSchema.IS_VALID, false);
      set(values, OutcomeSchema.REJECT_FIELD, r.field());
      set(values, OutcomeSchema.REJECT_REASON, r.reason());
    }
    set(values, OutcomeSchema.FILE_IDX, in.getInt(in.fieldIndex(InputRecordSchema.FILE_IDX)));
    set(values, OutcomeSchema.POS, in.getLong(in.fieldIndex(InputRecordSchema.POS)));
    set(values, OutcomeSchema.RAW, RejectedSchema.truncateRaw(json));
    return RowFactory.create(values);
  }

  private static void set(Object[] stagedValues, String column, Object value) {
    stagedValues[OutcomeSchema.STAGED.fieldIndex(column)] = value;
  }

  private static Column[] columns(String[] names) {
    return Arrays.stream(names).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
