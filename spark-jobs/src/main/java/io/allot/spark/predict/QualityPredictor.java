package io.allot.spark.predict;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.regression.IsotonicRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * SelectLLM's multi-label classifier as one calibrated binary model per LLM: P(model answers
 * correctly | query) = isotonic(logistic(features)). Built by {@link PredictorTrainer}.
 *
 * <p>A model whose training rows hold only one class gets a constant raw probability (the
 * add-one rate of its rows) instead of a logistic fit, which would diverge.
 */
public final class QualityPredictor {
  private final List<String> modelIds;
  private final QueryFeatures features;
  private final LogisticRegressionModel[] classifiers;
  private final double[] constantRaw;
  private final IsotonicRegressionModel[] calibrators;
  private final CrossModelCalibration crossModel;

  QualityPredictor(List<String> modelIds, QueryFeatures features,
      LogisticRegressionModel[] classifiers, double[] constantRaw,
      IsotonicRegressionModel[] calibrators) {
    this(modelIds, features, classifiers, constantRaw, calibrators, CrossModelCalibration.identity(modelIds.size()));
  }

  private QualityPredictor(List<String> modelIds, QueryFeatures features, LogisticRegressionModel[] classifiers,
      double[] constantRaw, IsotonicRegressionModel[] calibrators, CrossModelCalibration crossModel) {
    this.modelIds = List.copyOf(modelIds);
    this.features = features;
    this.classifiers = classifiers;
    this.constantRaw = constantRaw;
    this.calibrators = calibrators;
    if (crossModel.coefficients().size() != modelIds.size()) {
      throw new IllegalArgumentException("the cross-model calibration covers " + crossModel.coefficients().size()
          + " models, the predictor " + modelIds.size());
    }
    this.crossModel = crossModel;
  }

  /** This predictor with a second, cross-model calibration stage applied after the isotonic maps. */
  public QualityPredictor withCrossModel(CrossModelCalibration value) {
    return new QualityPredictor(modelIds, features, classifiers, constantRaw, calibrators, value);
  }

  public CrossModelCalibration crossModel() {
    return crossModel;
  }

  public List<String> modelIds() {
    return modelIds;
  }

  public QueryFeatures features() {
    return features;
  }

  /** Model j's classifier, or null when it predicts the constant {@link #constantRaw}. */
  LogisticRegressionModel classifier(int j) {
    return classifiers[j];
  }

  double constantRaw(int j) {
    return constantRaw[j];
  }

  IsotonicRegressionModel calibrator(int j) {
    return calibrators[j];
  }

  /**
   * Adds {@link PredictorColumns#QUALITY} (calibrated, then the cross-model stage if any) and
   * {@link PredictorColumns#RAW_QUALITY} (model order) to the input rows; every other input column
   * is kept.
   */
  public Dataset<Row> withQuality(Dataset<Row> rows) {
    return withRawAndCalibrated(features.transform(rows), rows.columns());
  }

  /** Same as {@link #withQuality} on rows that already carry {@link QueryFeatures#FEATURES}. */
  Dataset<Row> withRawAndCalibrated(Dataset<Row> featured, String[] keep) {
    Dataset<Row> out = featured;
    List<Column> raw = new ArrayList<>();
    List<Column> calibrated = new ArrayList<>();
    for (int j = 0; j < modelIds.size(); j++) {
      String rawCol = "p_raw_" + j;
      if (classifiers[j] != null) {
        LogisticRegressionModel lr = classifiers[j].copy(new org.apache.spark.ml.param.ParamMap());
        lr.setFeaturesCol(QueryFeatures.FEATURES).setProbabilityCol("p_vec_" + j)
            .setRawPredictionCol("p_margin_" + j).setPredictionCol("p_label_" + j);
        out = lr.transform(out)
            .withColumn(rawCol, functions.vector_to_array(col("p_vec_" + j), "float64").getItem(1))
            .drop("p_vec_" + j, "p_margin_" + j, "p_label_" + j);
      } else {
        out = out.withColumn(rawCol, lit(constantRaw[j]));
      }
      IsotonicRegressionModel iso = calibrators[j].copy(new org.apache.spark.ml.param.ParamMap());
      iso.setFeaturesCol(rawCol).setPredictionCol("p_cal_" + j);
      out = iso.transform(out);
      raw.add(col(rawCol));
      calibrated.add(col("p_cal_" + j));
    }
    List<Column> selected = new ArrayList<>();
    for (String c : keep) {
      selected.add(col(c));
    }
    selected.add(array(raw.toArray(Column[]::new)).as(PredictorColumns.RAW_QUALITY));
    Column isotonic = array(calibrated.toArray(Column[]::new));
    selected.add((crossModel.isIdentity() ? isotonic : crossModel.apply(isotonic)).as(PredictorColumns.QUALITY));
    return out.select(selected.toArray(Column[]::new));
  }

  /** Predictions collected to the driver, one row per input row, keyed by query id. */
  public Predictions predict(Dataset<Row> rows) {
    List<Row> collected = withQuality(rows.select(present(rows)))
        .select(col(PredictorColumns.ID), col(PredictorColumns.RAW_QUALITY),
            col(PredictorColumns.QUALITY))
        .collectAsList();
    return Predictions.of(collected, modelIds.size());
  }

  /** Per model: AUC, Brier and ECE on the labelled rows, raw and calibrated. */
  public List<ModelMetrics> metrics(Dataset<Row> labelled) {
    return LabelledPredictions.metrics(collectLabelled(labelled), modelIds);
  }

  /**
   * The labelled rows' (raw, calibrated, scores) arrays collected to the driver, in query id
   * order (so that what is fitted on them does not depend on partitioning).
   */
  public List<Row> collectLabelled(Dataset<Row> labelled) {
    return withQuality(labelled.select(present(labelled)))
        .orderBy(col(PredictorColumns.ID))
        .select(col(PredictorColumns.RAW_QUALITY), col(PredictorColumns.QUALITY), col(PredictorColumns.SCORES))
        .collectAsList();
  }

  /** The input columns the predictor reads, in a stable order. */
  private static Column[] present(Dataset<Row> rows) {
    List<Column> cols = new ArrayList<>();
    List<String> have = List.of(rows.columns());
    for (String c : List.of(PredictorColumns.ID, PredictorColumns.TASK, PredictorColumns.TEXT, PredictorColumns.EMBEDDING,
        PredictorColumns.MARGIN, PredictorColumns.MEAN_LOGPROB, PredictorColumns.SCORES)) {
      if (have.contains(c)) {
        cols.add(col(c));
      }
    }
    return cols.toArray(Column[]::new);
  }
}
