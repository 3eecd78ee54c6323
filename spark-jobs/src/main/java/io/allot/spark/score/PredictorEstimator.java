package io.allot.spark.score;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.predict.PredictorColumns;
import io.allot.spark.predict.PredictorStore;
import io.allot.spark.predict.QualityPredictor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quality from a trained {@link QualityPredictor} (SelectLLM's calibrated per-model classifier):
 * each catalog model the predictor covers gets its calibrated P(correct | query); a model it does
 * not cover (added to the catalog after training, or with too few labels then) keeps the smoothed
 * per-task mean, so a new model is never scored 0. The report tables are the smoothed estimator's.
 */
public final class PredictorEstimator implements QualityEstimator {
  private static final Logger LOG = LoggerFactory.getLogger(PredictorEstimator.class);
  private static final String FALLBACK = "_fallback_quality";

  private final QualityPredictor predictor;
  private final List<String> use;
  private final SmoothedMeanEstimator fallback;
  private final ModelCatalog catalog;

  private PredictorEstimator(QualityPredictor predictor, List<String> use, SmoothedMeanEstimator fallback,
      ModelCatalog catalog) {
    this.predictor = predictor;
    this.use = use;
    this.fallback = fallback;
    this.catalog = catalog;
  }

  /**
   * The factory that loads the predictor saved in {@code dir} and uses it for the given models
   * (all it covers when the list is empty).
   */
  public static QualityEstimator.Factory from(String dir, List<String> models) {
    return (spark, labelled, catalog) -> {
      QualityPredictor p = PredictorStore.load(spark, dir);
      List<String> use = catalog.ids().stream()
          .filter(id -> p.modelIds().contains(id) && (models.isEmpty() || models.contains(id))).toList();
      List<String> uncovered = catalog.ids().stream().filter(id -> !use.contains(id)).toList();
      LOG.info("scoring: quality from the predictor in {} for {} of {} models{}", dir, use.size(), catalog.size(),
          uncovered.isEmpty() ? "" : "; smoothed per-task means for " + uncovered);
      return new PredictorEstimator(p, use, SmoothedMeanEstimator.fit(spark, labelled, catalog), catalog);
    };
  }

  @Override
  public Dataset<Row> withQuality(Dataset<Row> queries) {
    String[] keep = queries.columns();
    Dataset<Row> predicted = predictor.withQuality(
        fallback.withQuality(queries).withColumnRenamed(ScoredSchema.QUALITY, FALLBACK));
    List<Column> merged = new ArrayList<>();
    for (int i = 0; i < catalog.size(); i++) {
      String id = catalog.get(i).id();
      int j = use.contains(id) ? predictor.modelIds().indexOf(id) : -1;
      merged.add(j >= 0 ? element_at(col(PredictorColumns.QUALITY), j + 1) : element_at(col(FALLBACK), i + 1));
    }
    List<Column> out = new ArrayList<>();
    for (String c : keep) {
      out.add(col(c));
    }
    out.add(array(merged.toArray(Column[]::new)).as(ScoredSchema.QUALITY));
    return predicted.select(out.toArray(Column[]::new));
  }

  @Override
  public Dataset<Row> qualityTable(SparkSession spark) {
    return fallback.qualityTable(spark);
  }

  @Override
  public Dataset<Row> marginBins(SparkSession spark) {
    return fallback.marginBins(spark);
  }
}
