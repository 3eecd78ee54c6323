package io.allot.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A run for a date after today would become the current run (the latest date wins) and retention
 * would then prune every run more than allot.retention.days before it: a typo in --date would
 * wipe the history. Such dates need an explicit flag.
 */
final class RunDateCheck {
  static final String FLAG = "--allow-future-date";

  private RunDateCheck() {}

  static void refuseFuture(LocalDate date, boolean allowed) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    if (date.isAfter(today) && !allowed) {
      throw new IllegalArgumentException("--date " + date + " is after today (" + today + ", UTC); a future run would "
          + "become the current run and retention would prune the runs before it. Add " + FLAG + " if you mean it");
    }
  }

  /**
   * {@code --date}: an ISO date, or {@code yesterday} (UTC), the night that ended, for schedulers
   * that cannot compute a date (a Kubernetes CronJob's command line is fixed).
   */
  static final class Converter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      if ("yesterday".equalsIgnoreCase(value.strip())) {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1);
      }
      try {
        return LocalDate.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a date: expected YYYY-MM-DD or yesterday");
      }
    }
  }
}
