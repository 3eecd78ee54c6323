package io.allot.cli;

import io.allot.lab.evaluate.DataFormat;
import io.allot.lab.evaluate.EvaluateRequest;
import io.allot.lab.evaluate.EvaluateRunner;
import io.allot.lab.evaluate.EvaluationReport;
import io.allot.lab.evaluate.EvaluationResult;
import io.allot.config.SettingsFile;
import io.allot.solve.SelectLlmProperties;
import io.allot.solve.SolveSettings;
import io.allot.train.PredictorProperties;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code allot evaluate}: train on labelled routing data, route the test part, score it. */
@Command(name = "evaluate", description = "Measure routing on labelled data: train the quality "
    + "predictor, assign the test rows under a budget sweep, score with realised outcomes.")
class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "Labelled CSV (the test part, or all of it with --train-fraction).")
  Path data;

  @Option(names = "--format", required = true, description = "routerbench or optllm.")
  String format;

  @Option(names = "--train", description = "A separate training CSV in the same format.")
  Path train;

  @Option(names = "--train-fraction", defaultValue = "0.5",
      description = "Without --train: share of --data used for training (default ${DEFAULT-VALUE}).")
  double trainFraction;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the split, calibration hold-out and random mix (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--subset-sizes", split = ",",
      description = "SelectLLM subset sizes (top-k by confidence) offered as options (default: allot.selectllm.subset-sizes).")
  int[] subsetSizes;

  @Option(names = "--budget-levels", defaultValue = "96", description = "Budget levels in the sweep (default ${DEFAULT-VALUE}; a coarse grid under-reports the accuracy reached at a given share of the cost).")
  int budgetLevels;

  @Option(names = "--polish", description = "Polish every sweep point with OptaPlanner local search (slower; the price construction is already within the LP gap it reports).")
  boolean polish;

  @Option(names = "--json", description = "Write the figures as JSON here.")
  Path json;

  @Option(names = "--html", description = "Write the chart and table as HTML here (default: next to --json, else evaluate.html).")
  Path html;

  @Option(names = "--small-model", description = "A model whose answer is known before planning: it is "
      + "called (and charged) on every query, and whether its answer is well-formed conditions every estimate. "
      + "Needs answer columns. Default: none.")
  String smallModel;

  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    QuietLogging.apply();
    // The predictor and solver train and solve as in the nightly job (allot.predictor.*, allot.solver.*).
    SettingsFile settings = SettingsFile.load(overrides.asArgs());
    int[] sizes = subsetSizes != null ? Arrays.copyOf(subsetSizes, subsetSizes.length)
        : settings.bind("allot.selectllm", SelectLlmProperties.class).subsetSizes().stream()
            .mapToInt(Integer::intValue).toArray();
    EvaluateRequest req = new EvaluateRequest(data, DataFormat.parse(format), train, trainFraction,
        seed, sizes, budgetLevels,
        settings.bind("allot.predictor", PredictorProperties.class).settings().withSeed(seed),
        SolveSettings.of(settings.allot().solver()).withPolish(polish).withRandomSeed(seed), smallModel);
    EvaluationResult result = new EvaluateRunner().run(req);
    EvaluationReport.printTable(result, System.out);
    if (json != null) {
      EvaluationReport.writeJson(result, json);
      System.out.println("wrote " + json.toAbsolutePath());
    }
    Path page = html != null ? html
        : json != null ? json.resolveSibling(stripExtension(json.getFileName().toString()) + ".html")
        : Path.of("evaluate.html");
    EvaluationReport.writeHtml(result, page);
    System.out.println("wrote " + page.toAbsolutePath());
    return 0;
  }

  private static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
