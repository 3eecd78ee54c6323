package io.allot.bandit.nightly;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the select-models step hands the solve step: per model, the shift of its predicted quality
 * and its exploration share. Written as a file in the run folder, so a restarted solve step uses
 * exactly what its own run decided (the tables may since have moved on). The solve side applies
 * them ({@code io.allot.solve.BanditAdjustments}).
 */
public final class QualityAdjustments {
  public static final String FILE = "select/bandit-adjustments.json";
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
}
