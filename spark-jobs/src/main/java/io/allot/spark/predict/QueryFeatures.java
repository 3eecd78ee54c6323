package io.allot.spark.predict;

import static org.apache.spark.sql.functions.array_repeat;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.allot.spark.encode.MiniLmEncoder;
import io.allot.spark.encode.QueryEmbeddings;
import io.allot.spark.encode.QueryEncoderKind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The predictor's feature vector: hashed word 1-2-gram TF-IDF of the text (plus the task label as
 * a word, where rows have a task), then the optional
 * embedding, then the small model's margin and mean token logprob with a "present" flag each
 * (a missing margin is 0 with flag 0, so rows without logprobs are not mistaken for margin 0), and
 * the margin's log beside it.
 *
 * <p>With an encoder ({@link PredictorSettings#encoder()} minilm) the embedding is the encoder's
 * vector of the text, computed in the job ({@link QueryEmbeddings}) for training and scoring rows
 * alike; a logged embedding is then ignored. The encoder is part of the saved predictor, so a
 * version is scored with the encoder it was trained with.
 *
 * <p>Which optional parts are used is decided once, from the training rows: a part is used when
 * its column exists and holds a value somewhere. Scoring rows that lack the column get the
 * missing value.
 */
public final class QueryFeatures implements Serializable {
  /** Output column: the assembled feature vector. */
  public static final String FEATURES = "features";
  /** Prefix of the word that carries the task label into the hashed terms. */
  static final String TASK_WORD = "allottask";
  /** Output column: the TF-IDF part alone (the kNN baseline's similarity space). */
  public static final String TFIDF = "tfidf";

  private final PipelineModel model;
  private final int embeddingDim;
  private final boolean useMargin;
  private final boolean useLogprob;
  private final boolean useTask;
  private final QueryEncoderKind encoder;

  private QueryFeatures(PipelineModel model, int embeddingDim, boolean useMargin,
      boolean useLogprob, boolean useTask, QueryEncoderKind encoder) {
    this.model = model;
    this.encoder = encoder;
    this.embeddingDim = embeddingDim;
    this.useMargin = useMargin;
    this.useLogprob = useLogprob;
    this.useTask = useTask;
  }

  public static QueryFeatures fit(Dataset<Row> train, PredictorSettings settings) {
    List<String> cols = Arrays.asList(train.columns());
    int dim = settings.encoder() == QueryEncoderKind.MINILM ? MiniLmEncoder.DIMENSION
        : cols.contains(PredictorColumns.EMBEDDING) ? embeddingDim(train) : 0;
    boolean margin = hasValue(train, cols, PredictorColumns.MARGIN);
    boolean logprob = hasValue(train, cols, PredictorColumns.MEAN_LOGPROB);
    boolean task = hasValue(train, cols, PredictorColumns.TASK);

    List<String> assembled = new ArrayList<>(List.of(TFIDF));
    if (dim > 0) {
      assembled.add("f_embedding");
    }
    if (margin) {
      assembled.addAll(List.of("f_margin", "f_log_margin", "f_has_margin"));
    }
    if (logprob) {
      assembled.addAll(List.of("f_logprob", "f_has_logprob"));
    }
    PipelineStage[] stages = {
        new RegexTokenizer().setInputCol("f_text").setOutputCol("f_words").setPattern("\\W+")
            .setToLowercase(true),
        new NGram().setN(2).setInputCol("f_words").setOutputCol("f_bigrams"),
        new SQLTransformer().setStatement(
            "SELECT *, concat(f_words, f_bigrams) AS f_terms FROM __THIS__"),
        new HashingTF().setInputCol("f_terms").setOutputCol("f_tf")
            .setNumFeatures(settings.hashFeatures()),
        new IDF().setInputCol("f_tf").setOutputCol(TFIDF).setMinDocFreq(settings.minDocFreq()),
        new VectorAssembler().setInputCols(assembled.toArray(String[]::new)).setOutputCol(FEATURES)
    };
    QueryFeatures shape = new QueryFeatures(null, dim, margin, logprob, task, settings.encoder());
    PipelineModel fitted = new Pipeline().setStages(stages).fit(shape.prepare(train));
    return new QueryFeatures(fitted, dim, margin, logprob, task, settings.encoder());
  }

  /** A fitted feature pipeline loaded back from storage ({@link PredictorStore}). */
  static QueryFeatures restore(PipelineModel model, int embeddingDim, boolean useMargin, boolean useLogprob,
      boolean useTask, QueryEncoderKind encoder) {
    return new QueryFeatures(model, embeddingDim, useMargin, useLogprob, useTask, encoder);
  }

  /** Adds {@link #FEATURES} and {@link #TFIDF} (and working columns named f_*). */
  public Dataset<Row> transform(Dataset<Row> rows) {
    return model.transform(prepare(rows));
  }

  public int embeddingDim() {
    return embeddingDim;
  }

  public boolean usesMargin() {
    return useMargin;
  }

  public boolean usesMeanLogprob() {
    return useLogprob;
  }

  public boolean usesTask() {
    return useTask;
  }

  public QueryEncoderKind encoder() {
    return encoder;
  }

  public PipelineModel pipeline() {
    return model;
  }

  private Dataset<Row> prepare(Dataset<Row> input) {
    Dataset<Row> rows = encoder == QueryEncoderKind.MINILM
        ? QueryEmbeddings.encode(input, PredictorColumns.TEXT, PredictorColumns.EMBEDDING) : input;
    List<String> cols = Arrays.asList(rows.columns());
    Column text = coalesce(col(PredictorColumns.TEXT), lit(""));
    if (useTask && cols.contains(PredictorColumns.TASK)) {
      // The task label as one more word: the per-task skill every model has is then a single
      // weight instead of something to infer from the words alone.
      text = concat_ws(" ", text, concat(lit(TASK_WORD), regexp_replace(coalesce(col(PredictorColumns.TASK), lit("")),
          "\\W", "")));
    }
    Dataset<Row> out = rows.withColumn("f_text", text);
    if (embeddingDim > 0) {
      if (cols.contains(PredictorColumns.EMBEDDING) && encoder == QueryEncoderKind.NONE) {
        requireDim(rows, embeddingDim);
      }
      Column emb = cols.contains(PredictorColumns.EMBEDDING)
          ? col(PredictorColumns.EMBEDDING).cast(DataTypes.createArrayType(DataTypes.DoubleType))
          : lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType));
      out = out.withColumn("f_embedding",
          functions.array_to_vector(coalesce(emb, array_repeat(lit(0.0), embeddingDim))));
    }
    if (useMargin) {
      out = withOptional(out, cols, PredictorColumns.MARGIN, "f_margin", "f_has_margin");
      // A margin's evidence grows with its log (the first token's odds), not linearly: a logistic
      // regression on the raw margin alone under-uses the small model's strongest signal.
      out = out.withColumn("f_log_margin", org.apache.spark.sql.functions.when(col("f_has_margin").equalTo(1.0),
          org.apache.spark.sql.functions.log(org.apache.spark.sql.functions.greatest(col("f_margin"), lit(1e-3))))
          .otherwise(lit(0.0)));
    }
    if (useLogprob) {
      out = withOptional(out, cols, PredictorColumns.MEAN_LOGPROB, "f_logprob", "f_has_logprob");
    }
    return out;
  }

  private static Dataset<Row> withOptional(Dataset<Row> rows, List<String> cols, String source,
      String value, String flag) {
    Column c = cols.contains(source) ? col(source).cast(DataTypes.DoubleType)
        : lit(null).cast(DataTypes.DoubleType);
    return rows.withColumn(value, coalesce(c, lit(0.0)))
        .withColumn(flag, when(c.isNull(), lit(0.0)).otherwise(lit(1.0)));
  }

  private static boolean hasValue(Dataset<Row> rows, List<String> cols, String name) {
    return cols.contains(name) && !rows.filter(col(name).isNotNull()).isEmpty();
  }

  private static int embeddingDim(Dataset<Row> rows) {
    List<Row> first = rows.filter(col(PredictorColumns.EMBEDDING).isNotNull())
        .select(size(col(PredictorColumns.EMBEDDING))).limit(1).collectAsList();
    return first.isEmpty() ? 0 : first.get(0).getInt(0);
  }

  private static void requireDim(Dataset<Row> rows, int dim) {
    List<Row> bad = rows.filter(col(PredictorColumns.EMBEDDING).isNotNull()
            .and(size(col(PredictorColumns.EMBEDDING)).notEqual(dim)))
        .select(col(PredictorColumns.ID), size(col(PredictorColumns.EMBEDDING))).limit(1)
        .collectAsList();
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("query '" + bad.get(0).get(0) + "': embedding has "
          + bad.get(0).getInt(1) + " values but the predictor was trained on " + dim);
    }
  }
}
