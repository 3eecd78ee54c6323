package io.allot.lab.evaluate;

import io.allot.spark.predict.PredictorSettings;
import io.allot.solve.SolveSettings;
import java.nio.file.Path;

/**
 * One {@code allot evaluate} run.
 *
 * @param trainFile a separate training file in the same format, or null to split {@code data}
 * @param trainFraction share of {@code data} used for training when there is no train file
 * @param subsetSizes SelectLLM subset sizes (top-k by confidence) added as options, e.g. {2, 3}
 * @param budgetLevels budget levels in the sweep
 * @param smallModel the model whose answer is known before planning and charged on every query,
 *     or null
 */
public record EvaluateRequest(Path data, DataFormat format, Path trainFile, double trainFraction,
    long seed, int[] subsetSizes, int budgetLevels, PredictorSettings predictor,
    SolveSettings solver, String smallModel) {

  /** Without a small model. */
  public EvaluateRequest(Path data, DataFormat format, Path trainFile, double trainFraction,
      long seed, int[] subsetSizes, int budgetLevels, PredictorSettings predictor,
      SolveSettings solver) {
    this(data, format, trainFile, trainFraction, seed, subsetSizes, budgetLevels, predictor,
        solver, null);
  }

  public EvaluateRequest {
    if (trainFile == null && !(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("--train-fraction must be in (0,1), got " + trainFraction);
    }
    if (budgetLevels < 2) {
      throw new IllegalArgumentException("--budget-levels must be at least 2, got " + budgetLevels);
    }
  }
}
