package io.allot.agreement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.allot.config.SparkSessions;
import io.allot.run.HistoryInputs;
import io.allot.run.RunRecord;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.QueryLogSchema;
import io.allot.spark.score.ScoringJob;
import io.allot.spark.train.TrainPredictorJob;
import io.allot.train.PredictorProperties;
import io.allot.train.PredictorRepository;
import io.allot.train.PredictorVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The solve step's cascade offer for a run: chosen once from the run's labelled history
 * ({@link CascadeChoice}) and pinned in the run folder, so a restart offers the same cascades.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CascadeOptionProperties.class)
public class CascadeOffers {
  private static final Logger log = LoggerFactory.getLogger(CascadeOffers.class);
  private final SparkSessions spark;
  private final ModelCatalog catalog;
  private final CascadeOptionProperties props;
  private final PredictorRepository predictors;
  private final PredictorProperties predictorProps;

  public CascadeOffers(SparkSessions spark, ModelCatalog catalog, CascadeOptionProperties props,
      PredictorRepository predictors, PredictorProperties predictorProps) {
    this.spark = spark;
    this.catalog = catalog;
    this.props = props;
    this.predictors = predictors;
    this.predictorProps = predictorProps;
  }

  public CascadeOptionProperties settings() {
    return props;
  }

  /** The run's offer (pinned on the first call), or null when cascade options are off. */
  public CascadeOffer pin(RunRecord run) throws IOException {
    if (!props.enabled()) {
      return null;
    }
    CascadeOffer pinned = CascadeOffer.read(run.folder());
    if (pinned != null) {
      return pinned;
    }
    HistoryInputs history = HistoryInputs.find(Path.of(run.settings().logRoot()),
        Path.of(run.settings().outcomesRoot()), run.settings().runDate(), run.settings().historyDays());
    HistoryAnswers rows = HistoryAnswersReader.read(spark.get(), history, catalog, props.maxHistoryQueries(),
        historyEstimates(run));
    // Every call a cascade names is charged, the small-tier model's too when the log holds its
    // answer: the single small-model option is charged so on the same queries, and the realised step
    // charges what the outcome files report (docs/cascade-options.md, "What a cascade costs").
    int free = -1;
    CascadeOffer offer = rows.rows() == 0
        ? CascadeOffer.none("no labelled history outcomes in the " + run.settings().historyDays()
            + " nights before the run: no cascade offered")
        : CascadeChoice.choose(rows, free, props.minTrainRows());
    log.info("run {}: {} cascade options offered from {} labelled history queries", run.runId(),
        offer.offered().size(), rows.rows());
    offer.lines().forEach(d -> log.info("run {} cascade {}", run.runId(), d));
    offer.write(run.folder());
    return offer;
  }

  /**
   * The score step's estimates of the labelled history queries (scored as the night's are), with
   * which of them the run's predictor never saw: its test share (a seeded hash of the query id, with
   * the current {@code allot.predictor.seed} and {@code test-fraction}) and the nights after the
   * ones it was trained on; every row when the run scores without a predictor. Null for a run
   * scored before the score step wrote them.
   */
  private Dataset<Row> historyEstimates(RunRecord run) {
    Path dir = run.scoreDir().resolve(ScoringJob.HISTORY_SCORED_DIR);
    if (!Files.isDirectory(dir)) {
      return null;
    }
    Optional<PredictorVersion> version = predictors.pinnedVersion(run.runId()).flatMap(predictors::find);
    Dataset<Row> scored = spark.get().read().parquet(dir.toString());
    return scored.withColumn(HistoryAnswersReader.UNSEEN, version.isEmpty() ? lit(true)
        : TrainPredictorJob.testRows(col(QueryLogSchema.QUERY_ID), predictorProps.seed(), predictorProps.testFraction())
            // Nights are "date=YYYY-MM-DD" partitions: later nights sort after.
            .or(col(QueryLogSchema.NIGHT).gt(lit("date=" + version.get().dataTo()))));
  }
}
