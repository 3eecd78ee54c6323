package io.allot.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to generate. Build with {@link #defaults} and adjust with the {@code with...} methods.
 *
 * @param outDir folder that receives logs/, outcomes/ and generator.json
 * @param queries query-log lines on the final night (bad records included)
 * @param seed the only source of randomness; same settings and seed give byte-identical files
 * @param runDate the final night
 * @param nights how many nights end at runDate; the earlier ones are history
 * @param historyQueriesPerNight query-log lines on each earlier night
 * @param labelFraction share of each night's valid queries evaluated by every model (outcome rows)
 * @param badRecordFraction share of each night's lines replaced by an invalid record
 */
public record GeneratorSettings(
    Path outDir,
    long queries,
    long seed,
    LocalDate runDate,
    int nights,
    long historyQueriesPerNight,
    double labelFraction,
    double badRecordFraction) {

  public static final int DEFAULT_NIGHTS = 2;
  public static final long DEFAULT_HISTORY_CAP = 50_000;
  public static final double DEFAULT_LABEL_FRACTION = 0.25;

  public GeneratorSettings {
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(runDate, "runDate");
    if (queries < 1) {
      throw new IllegalArgumentException("queries must be at least 1, got " + queries);
    }
    if (nights < 1 || nights > 3660) {
      throw new IllegalArgumentException("nights must be between 1 and 3660, got " + nights);
    }
    if (historyQueriesPerNight < 0) {
      throw new IllegalArgumentException("history queries per night must be >= 0, got " + historyQueriesPerNight);
    }
    if (!(labelFraction >= 0 && labelFraction <= 1)) {
      throw new IllegalArgumentException("label fraction must be in [0,1], got " + labelFraction);
    }
    if (!(badRecordFraction >= 0 && badRecordFraction < 1)) {
      throw new IllegalArgumentException("bad-record fraction must be in [0,1), got " + badRecordFraction);
    }
  }

  /** Two nights, min(queries, 50000) history queries, 25% labelled, no bad records. */
  public static GeneratorSettings defaults(Path outDir, long queries, long seed, LocalDate runDate) {
    return new GeneratorSettings(outDir, queries, seed, runDate, DEFAULT_NIGHTS,
        Math.min(queries, DEFAULT_HISTORY_CAP), DEFAULT_LABEL_FRACTION, 0.0);
  }

  public GeneratorSettings withNights(int n) {
    return new GeneratorSettings(outDir, queries, seed, runDate, n, historyQueriesPerNight,
        labelFraction, badRecordFraction);
  }

  public GeneratorSettings withHistoryQueriesPerNight(long h) {
    return new GeneratorSettings(outDir, queries, seed, runDate, nights, h, labelFraction,
        badRecordFraction);
  }

  public GeneratorSettings withLabelFraction(double f) {
    return new GeneratorSettings(outDir, queries, seed, runDate, nights, historyQueriesPerNight, f,
        badRecordFraction);
  }

  public GeneratorSettings withBadRecordFraction(double b) {
    return new GeneratorSettings(outDir, queries, seed, runDate, nights, historyQueriesPerNight,
        labelFraction, b);
  }

  public GeneratorSettings withSeed(long newSeed) {
    return new GeneratorSettings(outDir, queries, newSeed, runDate, nights, historyQueriesPerNight,
        labelFraction, badRecordFraction);
  }

  public GeneratorSettings withOutDir(Path dir) {
    return new GeneratorSettings(dir, queries, seed, runDate, nights, historyQueriesPerNight,
        labelFraction, badRecordFraction);
  }

  /** Oldest first, ending at runDate. */
  public List<LocalDate> nightDates() {
    List<LocalDate> dates = new ArrayList<>(nights);
    for (int i = nights - 1; i >= 0; i--) {
      dates.add(runDate.minusDays(i));
    }
    return dates;
  }

  public long queriesOn(LocalDate night) {
    return night.equals(runDate) ? queries : historyQueriesPerNight;
  }

  /** Query-log lines over all nights. */
  public long totalQueries() {
    return queries + (nights - 1) * historyQueriesPerNight;
  }
}
