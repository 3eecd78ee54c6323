package io.allot.spark.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.regression.IsotonicRegressionModel;
import org.apache.spark.sql.SparkSession;

/**
 * Saves a {@link QualityPredictor} to a folder (local or any Hadoop file system) and loads it back:
 * the feature pipeline, one classifier and one calibration map per model in Spark ML's own
 * format, and {@value #MANIFEST} with what the pipelines cannot hold (model order, constant
 * classifiers, which optional features are used, the cross-model stage's coefficients). The manifest is written last, so a folder
 * without it is an interrupted save and is refused on load.
 */
public final class PredictorStore {
  public static final String MANIFEST = "predictor.json";
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private PredictorStore() {}

  public static void save(SparkSession spark, QualityPredictor predictor, String dir) {
    try {
      QueryFeatures f = predictor.features();
      f.pipeline().write().overwrite().save(dir + "/features");
      ObjectNode manifest = JSON.createObjectNode();
      manifest.put("format", FORMAT);
      ArrayNode models = manifest.putArray("models");
      ArrayNode constants = manifest.putArray("constant_raw");
      for (int j = 0; j < predictor.modelIds().size(); j++) {
        models.add(predictor.modelIds().get(j));
        LogisticRegressionModel lr = predictor.classifier(j);
        if (lr == null) {
          constants.add(predictor.constantRaw(j));
        } else {
          constants.addNull();
          lr.write().overwrite().save(dir + "/classifier-" + j);
        }
        predictor.calibrator(j).write().overwrite().save(dir + "/calibrator-" + j);
      }
      manifest.put("embedding_dim", f.embeddingDim());
      manifest.put("uses_margin", f.usesMargin());
      manifest.put("uses_mean_logprob", f.usesMeanLogprob());
      manifest.put("uses_task", f.usesTask());
      manifest.put("encoder", f.encoder().setting());
      ArrayNode cross = manifest.putArray("cross_model");
      for (CrossModelCalibration.Coefficients c : predictor.crossModel().coefficients()) {
        cross.addArray().add(c.intercept()).add(c.own()).add(c.meanLogit());
      }
      write(spark, dir + "/" + MANIFEST, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
    } catch (IOException e) {
      throw new IllegalStateException("cannot save the predictor to " + dir + ": " + e.getMessage(), e);
    }
  }

  public static QualityPredictor load(SparkSession spark, String dir) {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(read(spark, dir + "/" + MANIFEST));
    } catch (IOException e) {
      throw new IllegalArgumentException("predictor folder " + dir + " has no readable " + MANIFEST
          + " (missing, or the save was interrupted): " + e.getMessage(), e);
    }
    if (manifest.path("format").asInt() != FORMAT) {
      throw new IllegalArgumentException(dir + "/" + MANIFEST + " has format " + manifest.path("format")
          + "; this version of Allot reads format " + FORMAT);
    }
    List<String> ids = new ArrayList<>();
    manifest.path("models").forEach(n -> ids.add(n.asText()));
    int m = ids.size();
    LogisticRegressionModel[] classifiers = new LogisticRegressionModel[m];
    double[] constant = new double[m];
    IsotonicRegressionModel[] calibrators = new IsotonicRegressionModel[m];
    for (int j = 0; j < m; j++) {
      JsonNode c = manifest.path("constant_raw").path(j);
      if (c.isNull()) {
        classifiers[j] = LogisticRegressionModel.load(dir + "/classifier-" + j);
        constant[j] = Double.NaN;
      } else {
        constant[j] = c.asDouble();
      }
      calibrators[j] = IsotonicRegressionModel.load(dir + "/calibrator-" + j);
    }
    QueryFeatures features = QueryFeatures.restore(PipelineModel.load(dir + "/features"),
        manifest.path("embedding_dim").asInt(), manifest.path("uses_margin").asBoolean(),
        manifest.path("uses_mean_logprob").asBoolean(), manifest.path("uses_task").asBoolean(),
        // Versions saved before encoders existed have none.
        io.allot.spark.encode.QueryEncoderKind.parse(manifest.path("encoder").asText("none")));
    QualityPredictor predictor = new QualityPredictor(ids, features, classifiers, constant, calibrators);
    // Versions saved before the cross-model stage existed have none: their estimates are the isotonic ones.
    JsonNode cross = manifest.path("cross_model");
    if (cross.size() == m) {
      List<CrossModelCalibration.Coefficients> c = new ArrayList<>();
      cross.forEach(n -> c.add(new CrossModelCalibration.Coefficients(n.path(0).asDouble(), n.path(1).asDouble(),
          n.path(2).asDouble())));
      predictor = predictor.withCrossModel(new CrossModelCalibration(c));
    }
    return predictor;
  }

  private static void write(SparkSession spark, String file, String text) throws IOException {
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(hadoop(spark));
    try (FSDataOutputStream out = fs.create(p, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String read(SparkSession spark, String file) throws IOException {
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(hadoop(spark));
    try (FSDataInputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Configuration hadoop(SparkSession spark) {
    return spark.sparkContext().hadoopConfiguration();
  }
}
