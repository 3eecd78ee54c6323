package io.allot.job;

import io.allot.run.RunSettings;
import java.time.LocalDate;

/**
 * A request to run the nightly job for one date. {@code attempt} is part of the run's identity:
 * the same date and attempt resume the same run; a new attempt number starts a fresh run.
 */
public record RunRequest(LocalDate runDate, long attempt, RunSettings settings) {}
