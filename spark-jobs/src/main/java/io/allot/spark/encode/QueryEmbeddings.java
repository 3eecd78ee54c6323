package io.allot.spark.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Adds a query embedding column computed inside the Spark job: each partition is read in chunks,
 * each chunk encoded by its executor's {@link MiniLmEncoder#shared()} encoder in batches, so the
 * model is loaded once per executor JVM and never shipped in a task closure.
 */
public final class QueryEmbeddings {
  /** Rows handed to the encoder at once (it sorts them by length into batches). */
  static final int CHUNK = 256;

  private QueryEmbeddings() {}

  /**
   * The rows with {@code outCol} (array&lt;double&gt;, {@link MiniLmEncoder#DIMENSION} values) set to
   * the embedding of {@code textCol}; an existing {@code outCol} is replaced.
   */
  public static Dataset<Row> encode(Dataset<Row> rows, String textCol, String outCol) {
    Dataset<Row> in = Arrays.asList(rows.columns()).contains(outCol) ? rows.drop(outCol) : rows;
    StructType schema = in.schema().add(outCol, DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    int text = in.schema().fieldIndex(textCol);
    return in.mapPartitions((MapPartitionsFunction<Row, Row>) it -> new Encoded(it, text), Encoders.row(schema));
  }

  /** A partition's rows, each with its vector appended, encoded a chunk at a time. */
  private static final class Encoded implements Iterator<Row> {
    private final Iterator<Row> source;
    private final int text;
    private final List<Row> chunk = new ArrayList<>();
    private float[][] vectors;
    private int next;

    Encoded(Iterator<Row> source, int text) {
      this.source = source;
      this.text = text;
    }

    @Override
    public boolean hasNext() {
      if (next < chunk.size()) {
        return true;
      }
      chunk.clear();
      next = 0;
      while (chunk.size() < CHUNK && source.hasNext()) {
        chunk.add(source.next());
      }
      if (chunk.isEmpty()) {
        return false;
      }
      List<String> texts = new ArrayList<>(chunk.size());
      for (Row r : chunk) {
        texts.add(r.isNullAt(text) ? "" : r.getString(text));
      }
      vectors = MiniLmEncoder.shared().encode(texts);
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = chunk.get(next);
      float[] v = vectors[next++];
      Object[] values = new Object[r.length() + 1];
      for (int i = 0; i < r.length(); i++) {
        values[i] = r.get(i);
      }
      Double[] vector = new Double[v.length];
      for (int k = 0; k < v.length; k++) {
        vector[k] = (double) v[k];
      }
      values[r.length()] = vector;
      return RowFactory.create(values);
    }
  }
}
