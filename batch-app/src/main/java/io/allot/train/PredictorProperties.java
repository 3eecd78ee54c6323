package io.allot.train;

import io.allot.spark.predict.PredictorSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code allot.predictor.*} settings; conf/application.yml documents each default. */
@ConfigurationProperties(prefix = "allot.predictor")
public record PredictorProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("if-better") String promote,
    @DefaultValue("") String root,
    @DefaultValue("0.2") double testFraction,
    @DefaultValue("200") int minRowsPerModel,
    @DefaultValue("16384") int hashFeatures,
    @DefaultValue("0.5") double regParam,
    @DefaultValue("30") int maxIter,
    @DefaultValue("0.3") double calibrationFraction,
    @DefaultValue("42") long seed,
    @DefaultValue("none") String encoder,
    @DefaultValue("200000") long driverFitMaxRows,
    @DefaultValue("true") boolean crossModel) {

  public PredictorProperties {
    if (!promote.equals("if-better") && !promote.equals("always")) {
      throw new IllegalArgumentException("allot.predictor.promote is '" + promote + "'; expected if-better or always");
    }
    io.allot.spark.encode.QueryEncoderKind.parse(encoder);
    if (driverFitMaxRows < 0) {
      throw new IllegalArgumentException("allot.predictor.driver-fit-max-rows is " + driverFitMaxRows
          + "; expected 0 (always MLlib) or a positive number of labelled rows");
    }
  }

  /** Whether the score step only takes versions that beat the smoothed per-task means on held-out queries. */
  public boolean onlyIfBetter() {
    return promote.equals("if-better");
  }

  /** Where versions are saved: {@code root}, or {@code <allot.work-dir>/predictors} when it is empty. */
  public java.nio.file.Path rootFolder(String workDir) {
    return root.isBlank() ? io.allot.config.AllotHome.path(workDir).resolve("predictors") : io.allot.config.AllotHome.path(root);
  }

  public PredictorSettings settings() {
    PredictorSettings d = PredictorSettings.defaults();
    return new PredictorSettings(hashFeatures, d.minDocFreq(), regParam, maxIter, d.tolerance(), calibrationFraction,
        seed, d.knnNeighbours(), d.knnPriorWeight(), io.allot.spark.encode.QueryEncoderKind.parse(encoder),
        driverFitMaxRows);
  }
}
