package io.allot.solve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * What the solve step leaves in the run folder for publish and report: the assignment file and
 * this summary. The summary is written last, so its presence means the solve finished.
 */
public record SolveOutputs(
    long rows,
    double budgetUsd,
    double totalCostUsd,
    double expectedQuality,
    double lpBound,
    double gap,
    double lambda,
    long constructMillis,
    long polishMillis,
    long polishSteps,
    List<ParetoPoint> pareto,
    Map<String, ModelShare> shares,
    String assignmentFileName,
    List<DualPriceRow> constraints,
    List<OptionUse> options,
    List<Integer> subsetSizes,
    Cascades cascades) {

  public static final String SUMMARY = "summary.json";
  public static final String ASSIGNMENTS = "assignments.csv";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One budget level of the cost/quality front. Quality figures are means per query. */
  public record ParetoPoint(int pointNo, double budgetUsd, double totalCostUsd, double expectedQuality,
      double lpBound, double gap, boolean published) {}

  /** Every option with its members and use (null in a summary written before SelectLLM subsets). */
  @Override
  public List<OptionUse> options() {
    return options == null ? List.of() : options;
  }

  /** The SelectLLM subset sizes the solve offered (empty: single models only). */
  @Override
  public List<Integer> subsetSizes() {
    return subsetSizes == null ? List.of() : subsetSizes;
  }

  /**
   * The cascade part of the run (null when cascade options were off): the stated reserve, z
   * standard deviations of the plan's realised cost, was kept out of the budget, and per task why
   * each candidate cascade was or was not offered.
   *
   * @param reserveSd z, the standard deviations kept in reserve
   * @param costSdUsd the standard deviation of the published plan's realised cost
   * @param reserveUsd z * costSdUsd: the published plan's expected cost + this is within the budget
   */
  public record Cascades(double reserveSd, double costSdUsd, double reserveUsd, List<String> decisions) {}

  /** How many queries, and how many dollars, an option got. */
  public record ModelShare(long queries, double costUsd) {}

  public Path assignmentFile(Path solveDir) {
    return solveDir.resolve(assignmentFileName);
  }

  public static boolean exists(Path solveDir) {
    return Files.isRegularFile(solveDir.resolve(SUMMARY));
  }

  public void write(Path solveDir) throws IOException {
    Files.createDirectories(solveDir);
    Path tmp = solveDir.resolve(SUMMARY + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, solveDir.resolve(SUMMARY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static SolveOutputs read(Path solveDir) throws IOException {
    Path f = solveDir.resolve(SUMMARY);
    if (!Files.isRegularFile(f)) {
      throw new IllegalStateException("the solve step's output " + f + " is missing: rerun the run so the solve step runs again");
    }
    return JSON.readValue(f.toFile(), SolveOutputs.class);
  }
}
