package io.allot.bandit.nightly;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allot.solve.AssignmentProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the select-models step hands the solve step: per model, the shift of its predicted quality
 * and its exploration share. Written as a file in the run folder, so a restarted solve step uses
 * exactly what its own run decided (the tables may since have moved on).
 */
public final class QualityAdjustments {
  public static final String FILE = "select/bandit-adjustments.json";
  private static final Logger log = LoggerFactory.getLogger(QualityAdjustments.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One model's adjustment; field names are the file's. */
  public record Adjustment(String model_id, double quality_shift, double exploration_share) {}

  private QualityAdjustments() {}

  public static void write(Path runFolder, List<ModelSelection.ArmDecision> decisions) throws IOException {
    Path file = runFolder.resolve(FILE);
    Files.createDirectories(file.getParent());
    List<Adjustment> rows = decisions.stream()
        .map(d -> new Adjustment(d.modelId(), d.qualityShift(), d.explorationShare())).toList();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), rows);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The run's adjustments, or none when the step did not run (bandit disabled). */
  public static List<Adjustment> read(Path runFolder) throws IOException {
    Path file = runFolder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    return JSON.readValue(file.toFile(), new TypeReference<List<Adjustment>>() {});
  }

  /** The solve step's hook: the problem with this run's adjustments applied (unchanged without any). */
  public static AssignmentProblem applyFromRun(AssignmentProblem p, Path runFolder) throws IOException {
    List<Adjustment> adjustments = read(runFolder);
    return adjustments.isEmpty() ? p : apply(p, adjustments);
  }

  /**
   * Shifts each model's predicted quality by its quality_shift (clamped to [0,1]; options not
   * allowed for a query stay so) and sets exploration quotas: floor(share * queries), capped by
   * the model's capacity and by the queries it may serve.
   */
  public static AssignmentProblem apply(AssignmentProblem p, List<Adjustment> adjustments) {
    Map<String, Adjustment> byModel = new HashMap<>();
    adjustments.forEach(a -> byModel.put(a.model_id(), a));
    int n = p.queryCount();
    int m = p.optionCount();
    double[] shift = new double[m];
    double[] share = new double[m];
    String[] ids = new String[m];
    long[] capacity = new long[m];
    for (int j = 0; j < m; j++) {
      ids[j] = p.optionId(j);
      capacity[j] = p.capacity(j);
      Adjustment a = byModel.get(ids[j]);
      if (a != null) {
        shift[j] = Double.isFinite(a.quality_shift()) ? a.quality_shift() : 0;
        share[j] = a.exploration_share();
      }
    }
    double[] quality = new double[n * m];
    long[] allowed = new long[m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        boolean ok = p.isAllowed(i, j);
        double q = p.quality(i, j);
        quality[i * m + j] = ok ? Math.max(0, Math.min(1, q + shift[j])) : q;
        allowed[j] += ok ? 1 : 0;
      }
    }
    // withQuality keeps the problem's side constraints (token capacity, members, tenant rules).
    AssignmentProblem shifted = p.withQuality(quality);
    long[] quota = new long[m];
    boolean any = false;
    for (int j = 0; j < m; j++) {
      quota[j] = Math.max(p.minimumQueries(j), Math.min((long) Math.floor(share[j] * n), Math.min(capacity[j], allowed[j])));
      any |= quota[j] > 0;
      if (shift[j] != 0 || quota[j] > 0) {
        log.info(String.format(java.util.Locale.ROOT, "TI-UCB: %s quality shifted by %+.4f, exploration quota %,d queries",
            ids[j], shift[j], quota[j]));
      }
    }
    return any ? shifted.withMinimumQueries(quota) : shifted;
  }
}
