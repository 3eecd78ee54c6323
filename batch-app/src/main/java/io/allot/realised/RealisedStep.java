package io.allot.realised;

import io.allot.agreement.CascadeOffer;
import io.allot.config.SparkSessions;
import io.allot.run.FaultPoints;
import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.run.RunStep;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.InputFiles;
import io.allot.spark.ingest.OutcomeReader;
import io.allot.spark.ingest.OutcomeSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.stereotype.Component;

/**
 * Step realised: the plan against what was served. For each published run of the
 * allot.realised.lookback-days nights before this one whose assignment partition still exists,
 * reads the outcome files of its night, compares them with its published assignment
 * ({@link RealisedComparison}) and replaces its rows of run_realised. A run whose partition
 * retention dropped is not compared (its earlier rows stay); the log says so.
 */
@Component
public class RealisedStep extends RunStep {
  public static final String NAME = "realised";
  private static final Logger log = LoggerFactory.getLogger(RealisedStep.class);

  private final SparkSessions spark;
  private final ModelCatalog catalog;
  private final RealisedRepository repo;
  private final RealisedProperties props;
  private final RunRepository runs;

  public RealisedStep(RunRepository runs, SparkSessions spark, ModelCatalog catalog, RealisedRepository repo,
      RealisedProperties props) {
    super(runs);
    this.spark = spark;
    this.catalog = catalog;
    this.repo = repo;
    this.props = props;
    this.runs = runs;
  }

  @Override
  protected void execute(RunRecord run, StepContribution contribution) throws Exception {
    LocalDate night = run.settings().runDate();
    Path outcomesRoot = Path.of(run.settings().outcomesRoot());
    int compared = 0;
    for (RealisedRepository.PublishedRun earlier : repo.published(night.minusDays(props.lookbackDays()), night)) {
      Path outcomes = outcomesRoot.resolve("date=" + earlier.runDate());
      if (!earlier.partitionKept()) {
        log.info("run {}: run {} ({}) not compared with its outcomes: retention dropped its assignment partition",
            run.runId(), earlier.runId(), earlier.runDate());
      } else if (!Files.isDirectory(outcomes)) {
        log.info("run {}: run {} ({}) not compared: no outcome files in {}", run.runId(), earlier.runId(),
            earlier.runDate(), outcomes);
      } else {
        compare(run.runId(), earlier, outcomes);
        compared++;
      }
    }
    FaultPoints.reached("realised.written");
    contribution.incrementWriteCount(compared);
  }

  /** Public for tests: compares one run and replaces its rows. */
  public Shortfall compare(long nightRunId, RealisedRepository.PublishedRun earlier, Path outcomes) {
    ServedOutcomes served = read(spark.get(), outcomes, repo.queryIds(earlier.runId()));
    RealisedComparison comparison = new RealisedComparison(options(earlier.runId()));
    repo.planned(earlier.runId(), p -> comparison.add(p, served.of(p.queryId())));
    List<RealisedComparison.Cell> cells = comparison.cells();
    repo.replace(earlier.runId(), cells, props.shortfallMargin(), nightRunId);
    Shortfall s = Shortfall.of(cells, props.shortfallMargin());
    String line = String.format(Locale.ROOT, "run %d: run %d (%s) against its outcomes: %,d queries with outcomes, "
        + "predicted quality %.4f, realised %.4f", nightRunId, earlier.runId(), earlier.runDate(), s.queries(),
        s.predicted(), s.realised());
    if (s.flagged()) {
      log.warn("{}: realised quality falls short by {} (more than allot.realised.shortfall-margin {})", line,
          String.format(Locale.ROOT, "%.4f", s.amount()), props.shortfallMargin());
    } else {
      log.info(line);
    }
    return s;
  }

  /** The run's options with the answer formats its solve pinned (cascades and votes are replayed). */
  private java.util.Map<String, OptionRule> options(long runId) {
    Path folder = runs.load(runId).folder();
    try {
      java.util.Map<String, OptionRule> options = PinnedFormats.apply(repo.options(runId), CascadeOffer.read(folder));
      List<String> unreadable = options.entrySet().stream().filter(e -> OptionRule.CASCADE.equals(e.getValue().kind())
          && e.getValue().format() == null).map(java.util.Map.Entry::getKey).sorted().toList();
      if (!unreadable.isEmpty()) {
        log.warn("run {}: cascades {} have no single answer format in {}: their queries are not compared", runId,
            unreadable, folder.resolve(CascadeOffer.FILE));
      }
      return options;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("run " + runId + ": cannot read " + folder.resolve(CascadeOffer.FILE)
          + ": " + e.getMessage(), e);
    }
  }

  private ServedOutcomes read(SparkSession session, Path outcomes, List<String> queryIds) {
    ServedOutcomes served = new ServedOutcomes();
    // History is keyed by night and query_id (QueryLogSchema.HISTORY_KEY): the served queries are the
    // night of this outcome folder.
    Dataset<Row> ids = session.createDataset(queryIds, Encoders.STRING()).toDF(OutcomeSchema.QUERY_ID)
        .withColumn(OutcomeSchema.NIGHT, functions.lit(InputFiles.nightOfFolder(outcomes.toString())));
    try (OutcomeReader.Result read = OutcomeReader.read(session, List.of(outcomes.toString()), catalog, ids)) {
      Iterator<Row> rows = read.used().select(OutcomeSchema.QUERY_ID, OutcomeSchema.MODEL_ID, OutcomeSchema.SCORE,
          OutcomeSchema.COST_USD, OutcomeSchema.ANSWER).toLocalIterator();
      while (rows.hasNext()) {
        Row r = rows.next();
        served.add(r.getString(0), r.getString(1), r.getDouble(2), r.isNullAt(3) ? null : r.getDouble(3),
            r.getString(4));
      }
    }
    return served;
  }
}
