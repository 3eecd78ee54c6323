package io.allot.cluster;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.allot.config.SparkSessions;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.encode.QueryEncoderKind;
import io.allot.spark.ingest.IngestJob;
import io.allot.spark.predict.PredictorSettings;
import io.allot.spark.predict.PredictorStore;
import io.allot.spark.predict.PredictorTrainer;
import io.allot.spark.predict.QualityPredictor;
import io.allot.spark.score.ScoringJob;
import io.allot.testing.JobFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link StandaloneClusterTest}'s query-encoder case: a predictor trained with
 * allot.predictor.encoder=minilm scores the same small night in-process and on the cluster, where
 * the executors load the encoder from the shaded jar (target/spark-home has none of its jars).
 * It reads a slice of the class's generated data ({@link #QUERIES} queries tonight, as many in the
 * history), so its cost is mostly the one spark-submit.
 */
final class EncoderScoringCase {
  static final int QUERIES = 300;
  /**
   * How far the two runs' estimates may differ. The encoder's vectors depend on float rounding in
   * the batch a text shares (its padding, the kernels ONNX Runtime picks for the batch shape):
   * about 1e-7 per value. In-process, tonight's texts come from the cache the training pass filled
   * in other batches; on the executors they are encoded afresh. Measured differences are ~1e-14.
   */
  static final double TOLERANCE = 1e-9;

  private EncoderScoringCase() {}

  /** One scored row: the query and its estimated quality per catalog model. */
  record Scored(String queryId, List<Double> quality) {}

  /**
   * The scored rows, by query id: element 0 in-process, element 1 submitted to the app's cluster.
   *
   * @param app an app whose allot.spark.master is the cluster
   * @param data the class's generated data folder (a night at {@link JobFixture#NIGHT} and the one before)
   */
  static List<List<Scored>> localAndClusterRows(ConfigurableApplicationContext app, Path data) throws IOException {
    Path work = JobFixture.tempDir("encoder-scoring");
    LocalDate history = JobFixture.NIGHT.minusDays(1);
    Path tonightLog = slice(data.resolve("logs/date=" + JobFixture.NIGHT + "/queries.jsonl"),
        work.resolve("logs/date=" + JobFixture.NIGHT + "/queries.jsonl"), null);
    Set<String> historyIds = new HashSet<>();
    Path historyLog = slice(data.resolve("logs/date=" + history + "/queries.jsonl"),
        work.resolve("logs/date=" + history + "/queries.jsonl"), historyIds);
    Path historyOutcomes = work.resolve("outcomes/date=" + history + "/outcomes.jsonl");
    Files.createDirectories(historyOutcomes.getParent());
    try (Stream<String> lines = Files.lines(data.resolve("outcomes/date=" + history + "/outcomes.jsonl"))) {
      Files.write(historyOutcomes, lines.filter(l -> historyIds.contains(queryId(l))).toList());
    }
    SparkSession spark = app.getBean(SparkSessions.class).get();
    ModelCatalog catalog = ModelCatalog.load(JobFixture.projectHome().resolve("conf/models.yml"));
    IngestJob.run(spark, new IngestJob.Params(tonightLog.getParent().toString(), catalog,
        work.resolve("ingest").toString()));
    String tonight = work.resolve("ingest/" + IngestJob.VALID_DIR).toString();
    // Training rows: the same texts under other ids; labels are a fixed function of the words.
    Dataset<Row> train = spark.read().parquet(tonight).select(concat(lit("t-"), col("query_id")).as("query_id"),
        col("text"), array(expr("double(text like '%sentiment%' or text like '%tone%')"),
            expr("double(length(text) % 2)")).as("scores"));
    List<String> models = catalog.ids().subList(0, 2);
    QualityPredictor predictor = PredictorTrainer.train(train, models,
        new PredictorSettings(1 << 8, 1, 0.5, 5, 1e-4, 0.3, 42L, 20, 2.0, QueryEncoderKind.MINILM, 0));
    PredictorStore.save(spark, predictor, work.resolve("predictor").toString());
    List<List<Scored>> rows = new ArrayList<>();
    for (String where : List.of("local", "cluster")) {
      // The labelled history gives the smoothed means the score step keeps for the other models.
      ScoringJob.Params p = new ScoringJob.Params(tonight, catalog, List.of(historyLog.getParent().toString()),
          List.of(historyOutcomes.getParent().toString()), work.resolve(where).toString(),
          work.resolve("predictor").toString(), models);
      try {
        if (where.equals("local")) {
          ScoringJob.run(spark, p);
        } else {
          app.getBean(SparkJobs.class).score(1, p);
        }
      } catch (Exception e) {
        throw new IllegalStateException("scoring " + where + " failed", e);
      }
      rows.add(spark.read().parquet(work.resolve(where + "/" + ScoringJob.SCORED_DIR).toString())
          .orderBy("query_id").select("query_id", "quality").collectAsList().stream()
          .map(r -> new Scored(r.getString(0), r.getList(1))).toList());
    }
    return rows;
  }

  /** The first {@link #QUERIES} lines of a log, copied; their query ids added to {@code ids} when given. */
  private static Path slice(Path from, Path to, Set<String> ids) throws IOException {
    Files.createDirectories(to.getParent());
    try (Stream<String> lines = Files.lines(from)) {
      List<String> kept = lines.limit(QUERIES).toList();
      if (ids != null) {
        kept.forEach(l -> ids.add(queryId(l)));
      }
      Files.write(to, kept);
    }
    return to;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String queryId(String jsonLine) {
    try {
      return JSON.readTree(jsonLine).path("query_id").asText();
    } catch (IOException e) {
      throw new IllegalStateException("not a JSON line: " + jsonLine, e);
    }
  }
}
