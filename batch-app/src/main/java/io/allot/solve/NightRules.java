package io.allot.solve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.allot.config.AllotProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hard rules a run's solve applied: per-tenant rules (allot.tenants) and the configured quotas
 * (allot.solver.quotas). The solve step pins them in the run folder on its first attempt, so a
 * restarted solve and a later {@code ./allot explain} see the rules of that night, not today's.
 */
public record NightRules(Map<String, AllotProperties.Tenant> tenants, Map<String, Long> quotas) {
  /** Relative to the run folder; outside solve/ so a rerun of the solve step keeps it. */
  public static final String FILE = "pinned/rules.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public NightRules {
    tenants = tenants == null ? Map.of() : new TreeMap<>(tenants);
    quotas = quotas == null ? Map.of() : new TreeMap<>(quotas);
  }

  /** Today's configured rules. */
  public static NightRules of(AllotProperties props) {
    return new NightRules(props.tenants(), props.solver().quotas());
  }

  /** The rules pinned in the run folder, or empty for a run solved before rules were pinned. */
  public static Optional<NightRules> read(Path runFolder) throws IOException {
    Path file = runFolder.resolve(FILE);
    return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), NightRules.class)) : Optional.empty();
  }

  /** The run's pinned rules; on the first call for a run, {@code current} is pinned and returned. */
  public static NightRules pin(Path runFolder, NightRules current) throws IOException {
    Optional<NightRules> pinned = read(runFolder);
    if (pinned.isPresent()) {
      return pinned.get();
    }
    Path file = runFolder.resolve(FILE);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), current);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return current;
  }
}
