package io.allot.spark.predict;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A small training set's feature rows collected to the driver once, so each model's logistic
 * regression is fitted in memory ({@link LocalLogisticRegression}: MLlib's objective and start)
 * instead of as one Spark job per L-BFGS iteration. The fitted weights become an MLlib
 * {@link LogisticRegressionModel}, so calibration, scoring and {@link PredictorStore} are the
 * same for both fits. Used below {@link PredictorSettings#driverFitMaxRows()}.
 */
final class DriverFitRows {
  private final LocalTfIdf.Sparse[] features;
  private final double[][] scores;
  private final boolean[] holdOut;
  private final int dim;

  private DriverFitRows(LocalTfIdf.Sparse[] features, double[][] scores, boolean[] holdOut, int dim) {
    this.features = features;
    this.scores = scores;
    this.holdOut = holdOut;
    this.dim = dim;
  }

  /** @param featured {@link QueryFeatures#FEATURES}, {@link PredictorColumns#SCORES} and hold_out */
  static DriverFitRows collect(Dataset<Row> featured, int models) {
    List<Row> rows = featured.select(col(QueryFeatures.FEATURES), col(PredictorColumns.SCORES), col("hold_out"))
        .collectAsList();
    int n = rows.size();
    LocalTfIdf.Sparse[] x = new LocalTfIdf.Sparse[n];
    double[][] s = new double[n][models];
    boolean[] held = new boolean[n];
    int dim = 0;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      Vector v = r.getAs(0);
      SparseVector sv = v.toSparse();
      x[i] = new LocalTfIdf.Sparse(sv.indices(), sv.values());
      dim = v.size();
      List<Object> sc = r.getList(1);
      for (int j = 0; j < models; j++) {
        Object value = j < sc.size() ? sc.get(j) : null;
        s[i][j] = value == null ? Double.NaN : ((Number) value).doubleValue();
      }
      held[i] = r.getBoolean(2);
    }
    return new DriverFitRows(x, s, held, dim);
  }

  /** Model j's classifier on its scored rows outside the calibration hold-out. */
  LogisticRegressionModel fit(int j, PredictorSettings settings) {
    int count = 0;
    for (int i = 0; i < features.length; i++) {
      count += !holdOut[i] && !Double.isNaN(scores[i][j]) ? 1 : 0;
    }
    LocalTfIdf.Sparse[] x = new LocalTfIdf.Sparse[count];
    boolean[] y = new boolean[count];
    int k = 0;
    for (int i = 0; i < features.length; i++) {
      if (!holdOut[i] && !Double.isNaN(scores[i][j])) {
        x[k] = features[i];
        y[k++] = scores[i][j] >= PredictorColumns.CORRECT_AT;
      }
    }
    LocalLogisticRegression lr = LocalLogisticRegression.fit(x, y, dim, settings.regParam(), settings.maxIter(),
        settings.tolerance());
    LogisticRegressionModel model = new LogisticRegressionModel(Identifiable.randomUID("logreg"),
        Vectors.dense(lr.weights()), lr.intercept());
    model.setFeaturesCol(QueryFeatures.FEATURES);
    return model;
  }
}
