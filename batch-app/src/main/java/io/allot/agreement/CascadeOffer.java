package io.allot.agreement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The cascades a run offers its solve, per task, and one line per task and candidate saying why it
 * was or was not offered. The solve step pins it in the run folder, so a restarted solve and
 * {@code ./allot explain} see the same options.
 *
 * @param freeModel catalog index of the model whose answer the log already holds (-1: none)
 */
public record CascadeOffer(List<OfferedCascade> offered, List<CascadeDecision> decisions, int freeModel) {
  public static final String FILE = "cascade-options.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static CascadeOffer none(String why) {
    return new CascadeOffer(List.of(), List.of(new CascadeDecision(CascadeDecision.ALL_TASKS, null, false, why)), -1);
  }

  /** The decisions as lines ({@link CascadeDecision#line()}). */
  public List<String> lines() {
    return decisions.stream().map(CascadeDecision::line).toList();
  }

  public void write(Path runFolder) throws IOException {
    Files.createDirectories(runFolder);
    Path tmp = runFolder.resolve(FILE + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, runFolder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The pinned offer, or null when the run has none (cascade options off, or an older run). */
  public static CascadeOffer read(Path runFolder) throws IOException {
    Path f = runFolder.resolve(FILE);
    return Files.isRegularFile(f) ? JSON.readValue(f.toFile(), CascadeOffer.class) : null;
  }
}
