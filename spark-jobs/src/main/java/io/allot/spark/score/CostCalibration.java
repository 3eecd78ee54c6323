package io.allot.spark.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Each model's realised cost over its estimated cost on the labelled history. A query's cost is
 * estimated from its prompt tokens and the caller's {@code expected_output_tokens}, one figure for
 * every model; but models answer at different lengths, and output lengths are skewed (a mean above
 * the typical length), so the estimate runs low or high per model and the plan's expected spend
 * misses the realised one. The score step multiplies each model's estimated cost by its ratio.
 *
 * <p>ratio = (realised + k * mean estimate) / (estimated + k * mean estimate) over the model's
 * labelled history outcomes with a cost, with k = {@link #PRIOR_QUERIES}: a model with few
 * outcomes stays near 1 (the catalog's prices as they are), one with thousands gets its measured
 * ratio.
 */
public final class CostCalibration {
  /** Pseudo-queries at ratio 1 that each model's measured ratio is shrunk towards. */
  public static final double PRIOR_QUERIES = 20;
  /** Columns of the saved table: model_id, outcomes, realised_usd, estimated_usd, ratio. */
  public static final StructType SCHEMA = new StructType()
      .add("model_id", DataTypes.StringType, false)
      .add("outcomes", DataTypes.LongType, false)
      .add("realised_usd", DataTypes.DoubleType, false)
      .add("estimated_usd", DataTypes.DoubleType, false)
      .add("ratio", DataTypes.DoubleType, false);

  private final List<String> modelIds;
  private final long[] outcomes;
  private final double[] realised;
  private final double[] estimated;
  private final double[] ratios;

  private CostCalibration(List<String> modelIds, long[] outcomes, double[] realised, double[] estimated) {
    this.modelIds = List.copyOf(modelIds);
    this.outcomes = outcomes;
    this.realised = realised;
    this.estimated = estimated;
    this.ratios = new double[modelIds.size()];
    for (int j = 0; j < ratios.length; j++) {
      ratios[j] = ratio(outcomes[j], realised[j], estimated[j]);
    }
  }

  /** The shrunk ratio of one model's totals (1 without outcomes). */
  static double ratio(long outcomes, double realisedUsd, double estimatedUsd) {
    if (outcomes == 0 || !(estimatedUsd > 0)) {
      return 1.0;
    }
    double prior = PRIOR_QUERIES * estimatedUsd / outcomes;
    return (realisedUsd + prior) / (estimatedUsd + prior);
  }

  /**
   * @param labelled the labelled history ({@link LabelledSchema}: each used outcome with its
   *     query's tokens; rows without a cost are left out)
   */
  public static CostCalibration fit(Dataset<Row> labelled, ModelCatalog catalog) {
    List<ModelSpec> models = catalog.models();
    UserDefinedFunction estimate = udf((UDF3<String, Long, Long, Double>) (model, prompt, output) -> {
      int j = catalog.indexOf(model);
      return j < 0 ? null : models.get(j).costUsd(prompt, output);
    }, DataTypes.DoubleType);
    List<Row> sums = labelled.filter(col(LabelledSchema.COST_USD).isNotNull())
        .withColumn("estimated", estimate.apply(col(LabelledSchema.MODEL_ID), col(LabelledSchema.PROMPT_TOKENS),
            col(LabelledSchema.EXPECTED_OUTPUT_TOKENS)))
        .filter(col("estimated").isNotNull())
        .groupBy(col(LabelledSchema.MODEL_ID))
        .agg(count(col("estimated")), sum(col(LabelledSchema.COST_USD)), sum(col("estimated")))
        .collectAsList();
    int m = models.size();
    long[] n = new long[m];
    double[] real = new double[m];
    double[] est = new double[m];
    for (Row r : sums) {
      int j = catalog.indexOf(r.getString(0));
      n[j] = r.getLong(1);
      real[j] = r.getDouble(2);
      est[j] = r.getDouble(3);
    }
    return new CostCalibration(models.stream().map(ModelSpec::id).toList(), n, real, est);
  }

  /** Per catalog model (catalog order), the factor its estimated cost is multiplied by. */
  public double[] ratios() {
    return ratios.clone();
  }

  /** The table the score step saves beside the scored rows. */
  public Dataset<Row> table(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int j = 0; j < modelIds.size(); j++) {
      rows.add(RowFactory.create(modelIds.get(j), outcomes[j], realised[j], estimated[j], ratios[j]));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int j = 0; j < modelIds.size(); j++) {
      s.append(j == 0 ? "" : ", ").append(modelIds.get(j))
          .append(String.format(java.util.Locale.ROOT, " x%.4f (%d outcomes)", ratios[j], outcomes[j]));
    }
    return s.toString();
  }
}
