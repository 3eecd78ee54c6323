package io.allot.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;

/**
 * What a run was started with. {@code budget} is dollars ("250" or "250.00") or a share of the
 * range between the cheapest and the best-quality assignment ("30%"), resolved by the solve step.
 * Stored in assignment_run.settings by the first step, and read back by every later step, so a
 * restarted run uses exactly the inputs of its first attempt.
 */
public record RunSettings(
    LocalDate runDate,
    String logPath,
    String logRoot,
    String outcomesRoot,
    int historyDays,
    String budget) {
  /** The job parameter that carries a run's settings as JSON (see {@link #toJson}). */
  public static final String JOB_PARAMETER = "run.settings";


  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static RunSettings fromJson(String json) {
    try {
      return JSON.readValue(json, RunSettings.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("assignment_run.settings is not readable: " + e.getMessage(), e);
    }
  }
}
