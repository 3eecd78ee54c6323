package io.allot.spark.predict;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A planted rule without Spark: model "expert" is right on physics questions only, "coin" at
 * random. Both driver-side learners must find the rule on unseen questions.
 */
class LocalLearnersTest {
  private static final String[] PHYSICS = {"quantum", "electron", "momentum", "photon", "gravity"};
  private static final String[] COOKING = {"recipe", "oven", "garlic", "simmer", "flour"};
  private static final PredictorSettings SETTINGS =
      new PredictorSettings(1 << 12, 1, 0.5, 30, 1e-4, 0.3, 42L, 15, 2.0);

  @Test
  void bothLearnersRecoverTheTopicRule() {
    Random rnd = new Random(4);
    int n = 300;
    String[] ids = new String[n];
    String[] texts = new String[n];
    double[] scores = new double[n * 2];
    for (int i = 0; i < n; i++) {
      ids[i] = "t" + i;
      texts[i] = text(i % 2 == 0, rnd);
      scores[i * 2] = i % 2 == 0 ? 1 : 0;
      scores[i * 2 + 1] = rnd.nextBoolean() ? 1 : 0;
    }
    LocalQualityPredictor lr = LocalQualityPredictor.train(ids, texts, scores,
        List.of("expert", "coin"), SETTINGS);
    LocalKnn knn = LocalKnn.fit(lr.features(), texts, scores, 2, SETTINGS);
    double[] lrMean = new double[2];
    double[] knnMean = new double[2];
    for (int k = 0; k < 100; k++) {
      boolean physics = k % 2 == 0;
      String q = text(physics, rnd);
      lrMean[physics ? 0 : 1] += lr.calibrated(q)[0] / 50;
      knnMean[physics ? 0 : 1] += knn.predict(q)[0] / 50;
    }
    assertTrue(lrMean[0] > 0.85, "logistic on physics " + lrMean[0]);
    assertTrue(lrMean[1] < 0.15, "logistic on cooking " + lrMean[1]);
    assertTrue(knnMean[0] > 0.85, "kNN on physics " + knnMean[0]);
    assertTrue(knnMean[1] < 0.15, "kNN on cooking " + knnMean[1]);
  }

  private static String text(boolean physics, Random rnd) {
    String[] vocab = physics ? PHYSICS : COOKING;
    StringBuilder sb = new StringBuilder("please explain");
    for (int w = 0; w < 5; w++) {
      sb.append(' ').append(vocab[rnd.nextInt(vocab.length)]);
    }
    return sb.toString();
  }
}
