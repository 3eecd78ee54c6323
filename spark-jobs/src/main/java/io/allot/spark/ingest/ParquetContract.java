package io.allot.spark.ingest;

import java.util.Arrays;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Column types a Parquet query log must have. Checked per file before any row is read, because a
 * wrong column type is a producer bug that would otherwise reject every row, or fail deep inside
 * Spark with a message that does not name the column.
 */
final class ParquetContract {
  private ParquetContract() {}

  static void check(StructType schema, String file) {
    for (String c : new String[] {"query_id", "tenant", "task", "text"}) {
      expect(schema, c, file, true, "string", ParquetContract::isString);
    }
    for (String c : new String[] {"prompt_tokens", "expected_output_tokens"}) {
      expect(schema, c, file, true, "an integer type (int or bigint)", ParquetContract::isIntegral);
    }
    expect(schema, "created_at", file, true, "timestamp or string (ISO-8601 instant)",
        t -> t instanceof TimestampType || isString(t));
    expect(schema, "embedding", file, false, "array<double>", t -> isArrayOf(t, ParquetContract::isFloating));
    StructField small = field(schema, "small_model");
    if (small == null) {
      return;
    }
    if (!(small.dataType() instanceof StructType s)) {
      throw wrongType(file, "small_model", small.dataType(), "struct");
    }
    expect(s, "model_id", file + " small_model", true, "string", ParquetContract::isString);
    expect(s, "output", file + " small_model", false, "string", ParquetContract::isString);
    expect(s, "token_logprobs", file + " small_model", false, "array<double>",
        t -> isArrayOf(t, ParquetContract::isFloating));
    String top = "struct<token: string, logprob: double>";
    expect(s, "first_token_top_logprobs", file + " small_model", false, "array<" + top + ">",
        t -> isArrayOf(t, e -> e instanceof StructType st
            && field(st, "token") != null && isString(field(st, "token").dataType())
            && field(st, "logprob") != null && isFloating(field(st, "logprob").dataType())));
  }

  private interface TypeCheck {
    boolean ok(DataType t);
  }

  private static void expect(StructType schema, String name, String where, boolean required, String expected,
      TypeCheck check) {
    StructField f = field(schema, name);
    if (f == null) {
      if (required) {
        throw new InputFormatException(where + ": required column '" + name + "' is missing (columns: "
            + String.join(", ", Arrays.asList(schema.fieldNames())) + ")");
      }
      return;
    }
    if (!check.ok(f.dataType())) {
      throw wrongType(where, name, f.dataType(), expected);
    }
  }

  private static InputFormatException wrongType(String where, String name, DataType actual, String expected) {
    return new InputFormatException(where + ": column '" + name + "' has type " + actual.simpleString()
        + "; expected " + expected);
  }

  private static StructField field(StructType s, String name) {
    return Arrays.stream(s.fields()).filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }

  private static boolean isString(DataType t) {
    return t instanceof StringType;
  }

  private static boolean isIntegral(DataType t) {
    return t instanceof LongType || t instanceof IntegerType || t instanceof ShortType || t instanceof ByteType;
  }

  private static boolean isFloating(DataType t) {
    return t instanceof DoubleType || t instanceof FloatType || isIntegral(t);
  }

  private static boolean isArrayOf(DataType t, TypeCheck element) {
    return t instanceof ArrayType a && element.ok(a.elementType());
  }
}
