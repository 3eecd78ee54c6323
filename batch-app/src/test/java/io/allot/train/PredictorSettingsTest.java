package io.allot.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.allot.spark.predict.PredictorSettings;
import io.allot.spark.train.TrainPredictorJob;
import io.allot.testing.JobFixture;
import io.allot.spark.catalog.ModelCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wrong allot.predictor.* value fails with one line that names the setting. */
class PredictorSettingsTest {
  private static final ModelCatalog CATALOG = ModelCatalog.load(JobFixture.projectHome().resolve("conf/models.yml"));

  @Test
  void anUnknownPromotionPolicyNamesTheSetting() {
    assertThatThrownBy(() -> new PredictorProperties(true, "sometimes", "", 0.2, 200, 16384, 0.5, 30, 0.3, 42, "none", 200_000, true))
        .hasMessage("allot.predictor.promote is 'sometimes'; expected if-better or always");
  }

  @Test
  void aNegativeDriverFitLimitNamesTheSetting() {
    assertThatThrownBy(() -> new PredictorProperties(true, "if-better", "", 0.2, 200, 16384, 0.5, 30, 0.3, 42, "none", -1, true))
        .hasMessage("allot.predictor.driver-fit-max-rows is -1; expected 0 (always MLlib) or a positive number of"
            + " labelled rows");
  }

  @Test
  void aTestFractionOutsideZeroToOneNamesTheSetting() {
    assertThatThrownBy(() -> params(1.5, 200))
        .hasMessage("allot.predictor.test-fraction is 1.5; it must be in (0,1)");
  }

  @Test
  void tooFewRowsPerModelNamesTheSetting() {
    assertThatThrownBy(() -> params(0.2, 3))
        .hasMessageStartingWith("allot.predictor.min-rows-per-model is 3; it must be at least");
  }

  private static TrainPredictorJob.Params params(double testFraction, int minRows) {
    return new TrainPredictorJob.Params(List.of(), List.of(), CATALOG, "out", PredictorSettings.defaults(),
        testFraction, minRows);
  }
}
