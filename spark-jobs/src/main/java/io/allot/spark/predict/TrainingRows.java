package io.allot.spark.predict;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;

import io.allot.spark.ingest.OutcomeSchema;
import io.allot.spark.ingest.QueryLogSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The predictor's labelled rows ({@link PredictorColumns}) from the nightly job's own inputs: the
 * history's valid query logs and their outcomes. A query becomes one row; its scores array holds
 * each model's mean outcome score in the given model order, null where that model has no outcome
 * for it (a missing cell, never a wrong answer).
 */
public final class TrainingRows {
  private static final String BY_MODEL = "_score_by_model";

  private TrainingRows() {}

  /**
   * @param validQueries {@link QueryLogSchema#VALID} rows
   * @param usedOutcomes {@link OutcomeSchema#VALID} rows whose query is among validQueries
   */
  public static Dataset<Row> of(Dataset<Row> validQueries, Dataset<Row> usedOutcomes, List<String> modelIds) {
    // A query is its night and id (QueryLogSchema.HISTORY_KEY): ids repeat across nights.
    Dataset<Row> perQuery = usedOutcomes
        .groupBy(col(OutcomeSchema.NIGHT), col(OutcomeSchema.QUERY_ID), col(OutcomeSchema.MODEL_ID))
        .agg(avg(col(OutcomeSchema.SCORE)).as(OutcomeSchema.SCORE))
        .groupBy(col(OutcomeSchema.NIGHT), col(OutcomeSchema.QUERY_ID))
        .agg(map_from_entries(collect_list(struct(col(OutcomeSchema.MODEL_ID), col(OutcomeSchema.SCORE))))
            .as(BY_MODEL));
    List<Column> scores = new ArrayList<>();
    for (String id : modelIds) {
      scores.add(element_at(col(BY_MODEL), lit(id)));
    }
    return validQueries.select(col(QueryLogSchema.NIGHT), col(QueryLogSchema.QUERY_ID), col(QueryLogSchema.TASK),
            col(QueryLogSchema.TEXT), col(QueryLogSchema.EMBEDDING),
            col(QueryLogSchema.MARGIN), col(QueryLogSchema.MEAN_LOGPROB))
        .join(perQuery, QueryLogSchema.HISTORY_KEY)
        .select(col(QueryLogSchema.QUERY_ID).as(PredictorColumns.ID), col(QueryLogSchema.TASK).as(PredictorColumns.TASK),
            col(QueryLogSchema.TEXT).as(PredictorColumns.TEXT),
            col(QueryLogSchema.EMBEDDING).as(PredictorColumns.EMBEDDING),
            col(QueryLogSchema.MARGIN).as(PredictorColumns.MARGIN),
            col(QueryLogSchema.MEAN_LOGPROB).as(PredictorColumns.MEAN_LOGPROB),
            array(scores.toArray(Column[]::new)).as(PredictorColumns.SCORES));
  }
}
