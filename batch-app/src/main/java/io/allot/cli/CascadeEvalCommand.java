package io.allot.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.allot.lab.cascade.CascadeEvalReport;
import io.allot.lab.cascade.CascadeEvaluation;
import io.allot.cascade.CascadeSettings;
import io.allot.cascade.SmallModelCalibration;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code allot cascade-eval}: the two-tier cascade against the solver and random escalation, on realised outcomes. */
@Command(name = "cascade-eval", description = "Compare the two-tier cascade, the solver and random escalation at"
    + " several budgets on a labelled night, scored with realised outcomes.")
class CascadeEvalCommand implements Callable<Integer> {
  @Option(names = "--log-root", required = true, description = "Date-partitioned query logs (date=YYYY-MM-DD).")
  Path logRoot;

  @Option(names = "--outcomes-root", required = true, description = "Date-partitioned outcomes.")
  Path outcomesRoot;

  @Option(names = "--date", required = true, description = "The night to evaluate; earlier nights are history.")
  LocalDate date;

  @Option(names = "--history-days", defaultValue = "30",
      description = "Nights of history (default ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(names = "--budgets", defaultValue = "0%,2%,5%,10%,20%,35%,50%,75%,100%", split = ",",
      description = "Budgets, as shares of the range from all-small to every query's best predicted model"
          + " (default ${DEFAULT-VALUE}).")
  List<String> budgets;

  @Option(names = "--seed", defaultValue = "1",
      description = "Seed of the random baseline and the solver (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--calibration", defaultValue = "isotonic",
      description = "isotonic or platt (default ${DEFAULT-VALUE}).")
  String calibration;

  @Option(names = "--escalation-model", defaultValue = "",
      description = "Second tier; empty: best per tenant and task.")
  String escalationModel;

  @Option(names = "--without-margin", defaultValue = "escalate",
      description = "escalate or small (default ${DEFAULT-VALUE}).")
  String withoutMargin;

  @Option(names = "--json", description = "Also write the figures as JSON to this file.")
  Path json;

  @Option(names = "--work", description = "Folder for the intermediate Parquet (default: a temporary folder).")
  Path work;

  @Option(names = "--predictor", description = "A trained predictor folder (./allot train-predictor; "
      + "predictor_version.path) for the solver's quality. Default: smoothed per-task means.")
  String predictor;

  @Option(names = "--predictor-model", description = "With --predictor: a model it scores (repeatable; the "
      + "nightly job's promote: if-better picks predictor_metric.beats_smoothed). Default: every model it trained.")
  List<String> predictorModels = new java.util.ArrayList<>();

  @Option(names = "--catalog", defaultValue = "conf/models.yml",
      description = "Model catalog (default ${DEFAULT-VALUE}).")
  String catalog;

  @Option(names = "--spark-master", defaultValue = "local[*]",
      description = "Spark master (default ${DEFAULT-VALUE}).")
  String sparkMaster;

  @Override
  public Integer call() throws Exception {
    quietLogs();
    SmallModelCalibration.checkMethod(calibration);
    CascadeSettings settings = new CascadeSettings(escalationModel, CascadeSettings.parseWithoutMargin(withoutMargin));
    // Spark creates the folder; a run's intermediate Parquet is overwritten by the next one.
    Path dir = work != null ? work
        : Path.of(System.getProperty("java.io.tmpdir"), "allot-cascade-eval-" + ProcessHandle.current().pid());
    ModelCatalog models = ModelCatalog.load(AllotHome.path(catalog));
    CascadeEvaluation.Params params = new CascadeEvaluation.Params(logRoot, outcomesRoot, date, historyDays,
        shares(budgets), seed, calibration, settings, dir, predictor,
        predictorModels);
    CascadeEvaluation.check(params);
    try (SparkSessions spark = new SparkSessions(new AllotProperties.Spark(sparkMaster, "4g", 8, null))) {
      CascadeEvaluation.Result r = CascadeEvaluation.run(spark.get(), models, params);
      CascadeEvalReport.print(r, System.out);
      if (json != null) {
        CascadeEvalReport.writeJson(r, json);
        System.out.println("JSON written to " + json);
      }
    }
    return 0;
  }

  /**
   * This command runs without Spring, so conf/application.yml's log levels are not applied: keep
   * Spark's and the solver's INFO chatter out of the printed tables, and Allot's progress in.
   */
  private static void quietLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
      ctx.getLogger("io.allot").setLevel(Level.INFO);
      ctx.getLogger("io.allot.solve").setLevel(Level.WARN);
      ctx.getLogger("org.apache.spark.util.Utils").setLevel(Level.ERROR);
      ctx.getLogger("org.apache.hadoop.util.NativeCodeLoader").setLevel(Level.ERROR);
    }
  }

  static List<Double> shares(List<String> budgets) {
    List<Double> out = new ArrayList<>();
    for (String b : budgets) {
      String t = b.trim();
      try {
        out.add(Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1) : t) / 100);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--budgets entry '" + b + "' is not a share such as 20%");
      }
    }
    return out;
  }
}
