package io.allot.spark.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line of {@link SubmittedJobMain}. The app builds it with {@link #toArgs()} and the
 * driver reads it back with {@link #parse}, so both sides share one definition.
 *
 * @param job which job to run
 * @param catalog {@link CatalogJson#encode} of the run's catalog
 * @param input ingest: the night's log; score: IngestJob's valid/ folder
 * @param output the step's folder in the run folder (shared storage)
 * @param historyLogs score only: earlier nights' log partitions
 * @param outcomes score only: earlier nights' outcome partitions
 * @param token written into the summary, so the app only accepts this submission's result
 * @param predictor score only: the trained predictor's folder, or null for smoothed means
 * @param predictorModels score only: the models the predictor scores (empty: all it covers)
 */
public record SubmittedJobArgs(SubmittedJob job, String catalog, String input, String output,
    List<String> historyLogs, List<String> outcomes, String token, String predictor, List<String> predictorModels) {

  public SubmittedJobArgs(SubmittedJob job, String catalog, String input, String output,
      List<String> historyLogs, List<String> outcomes, String token) {
    this(job, catalog, input, output, historyLogs, outcomes, token, null, List.of());
  }

  public SubmittedJobArgs {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    historyLogs = List.copyOf(historyLogs);
    outcomes = List.copyOf(outcomes);
    Objects.requireNonNull(token, "token");
    predictorModels = List.copyOf(predictorModels);
  }

  public List<String> toArgs() {
    List<String> a = new ArrayList<>(List.of("--job", job.name().toLowerCase(java.util.Locale.ROOT),
        "--catalog", catalog, "--input", input, "--output", output, "--token", token));
    historyLogs.forEach(h -> a.addAll(List.of("--history-log", h)));
    outcomes.forEach(o -> a.addAll(List.of("--outcomes", o)));
    if (predictor != null) {
      a.addAll(List.of("--predictor", predictor));
    }
    predictorModels.forEach(m -> a.addAll(List.of("--predictor-model", m)));
    return a;
  }

  public static SubmittedJobArgs parse(String[] args) {
    String job = null;
    String catalog = null;
    String input = null;
    String output = null;
    String token = null;
    String predictor = null;
    List<String> history = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    List<String> predictorModels = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("argument " + args[i] + " has no value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--job" -> job = v;
        case "--catalog" -> catalog = v;
        case "--input" -> input = v;
        case "--output" -> output = v;
        case "--token" -> token = v;
        case "--history-log" -> history.add(v);
        case "--outcomes" -> outcomes.add(v);
        case "--predictor" -> predictor = v;
        case "--predictor-model" -> predictorModels.add(v);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; expected --job, --catalog, --input, --output, --token, --history-log, --outcomes, --predictor, --predictor-model");
      }
    }
    if (job == null || catalog == null || input == null || output == null || token == null) {
      throw new IllegalArgumentException("--job, --catalog, --input, --output and --token are required");
    }
    return new SubmittedJobArgs(SubmittedJob.named(job), catalog, input, output, history, outcomes, token, predictor,
        predictorModels);
  }
}
